"""Market events from English and German news text.

`extract(text, lang)` runs every grammar over the text, line by line (sentence by sentence for
long lines), and returns the events in that order with partnerships last. It is deterministic,
keeps no state between calls, never raises on odd input and runs in bounded time: only the first
200,000 characters are read and sentences longer than 1,000 characters are skipped. Without a
language, each line is classified on its own, so a feed mixing English and German still works.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable

from ..events import AnalystAction, Event, Partnership
from .aliases import BROKER_TABLE
from .analyst import analyst_events
from .bare_ratings_de import with_bare_ratings_quoted
from .consensus import consensus_events
from .cues import (
    ANALYST_DE_CUE,
    ANALYST_EN_CUE,
    CONSENSUS_CUE,
    MOVE_CUE,
    PARTNERSHIP_CUE,
    RANGE_CUE,
    closes_on_label,
    cue_families,
    cue_hits,
    families_of,
    families_within,
)
from .documents import merged_consensus, names_more_actors, with_clauses, with_subject_names
from .lang import SAMPLE, Votes, added, decide, language_of, votes
from .lowering import lower_cased
from .merge import HOUSE_NOUNS, merge_analyst_events, without_house_nouns
from .moves import move_events
from .names import company_as_written
from .partnership import find_partnerships, screen
from .past import without_past
from .prior_told_de import with_priors_told_apart
from .subject import document_subject

__all__ = ["extract"]

log = logging.getLogger(__name__)

MAX_TEXT = 200_000
MAX_SENTENCE = 1_000

_ANALYST_CUES = frozenset((ANALYST_DE_CUE, ANALYST_EN_CUE))
_TITLE_LABEL_CUES = frozenset((ANALYST_DE_CUE,))
_MOVE_CUES = frozenset((MOVE_CUE, RANGE_CUE))
_CHUNK_CUES = _ANALYST_CUES | _MOVE_CUES | {CONSENSUS_CUE}
_PARTNERSHIP_CUES = frozenset(PARTNERSHIP_CUE.values())
_TAG_RE = re.compile(r"<[^<>]{0,500}>")
# Starting at the stop, not behind it, lets the matcher skip ahead to the next stop.
_SENTENCE_GAP_RE = re.compile(r"[.!?](\s+)(?=[A-ZÄÖÜ\"'])")

Span = tuple[int, int]
_SILENT: Votes = (0, False)  # the votes of words that tell no language


def extract(
    text: str, lang: str | None = None, default: str = "en", subject: str | None = None
) -> list[Event]:
    """All events in `text`; `lang` is 'en' or 'de', or None to detect it, with `default`
    where the words do not tell. The document's subject, which stands in where a sentence leaves
    its company out, is read from the title (the first line); `subject` is the one company the
    caller found the text to name, which stands where the title names no other."""
    if not isinstance(text, str) or not text or text.isspace():
        return []
    text = _plain(text[:MAX_TEXT])
    lowered = lower_cased(text)
    hits = cue_hits(lowered)
    labelled_title = closes_on_label(text)
    if not hits and not labelled_title:
        return []  # most news: no grammar could match, so even the chunks are not needed
    spans, whole = _chunk_spans(text)
    # a few letters grow when lower-cased ("İ"): then offsets into `lowered` would drift
    aligned = len(lowered) == len(text)
    if aligned:
        chunk_cues = families_within(hits, spans)
    else:
        lowered_chunks = [text[start:end].lower() for start, end in spans]
        chunk_cues = list(map(cue_families, lowered_chunks))
    # Cue words never span lines or sentences, so the chunks' cues are the text's unless a
    # sentence was too long to keep.
    text_cues = frozenset().union(*chunk_cues) if whole else families_of(hits)
    if labelled_title and spans:
        chunk_cues[0] = chunk_cues[0] | _TITLE_LABEL_CUES  # the title's label wakes its grammar
        text_cues = text_cues | _TITLE_LABEL_CUES
    if not text_cues:
        return []
    given = lang if lang in ("en", "de") else None
    # Only the chunks a grammar reads are needed lower-cased on their own. Without a language,
    # each chunk's own words decide its language, and the text's words only where a chunk's are
    # silent and for partnerships, which read the whole text: each is counted only when needed.
    # (One plain loop: comprehensions cost a function object each, in every item.)
    grammar: list[int] = []
    pieces: dict[int, str] = {}
    chunk_votes: dict[int, Votes] = {}
    for index, cues in enumerate(chunk_cues):
        if cues.isdisjoint(_CHUNK_CUES):
            continue
        grammar.append(index)
        start, end = spans[index]
        piece = pieces[index] = lowered[start:end] if aligned else lowered_chunks[index]
        if not given:
            chunk_votes[index] = votes(piece[:SAMPLE])
    partnership = not text_cues.isdisjoint(_PARTNERSHIP_CUES)
    languages: list[str] = [given] if given else []

    def text_language() -> str:
        """The text's language, counted only once something needs it."""
        if not languages:
            languages.append(
                _text_language(
                    lowered,
                    spans if whole and aligned else None,
                    chunk_votes,
                    default,
                )
            )
        return languages[0]

    # a chunk whose words are silent (no lead, no German letter) takes the text's language
    if given is None and _SILENT in chunk_votes.values():
        text_language()
    # Only then do the other chunks' languages not need it: `decide` falls back to its default
    # only for silent chunks.
    language = languages[0] if languages else default
    events: list[Event] = []
    subjects: list[str | None] = []
    title_events: list[AnalystAction] = []  # the first chunk's, for a body read after it
    # the last chunk before whose actions a German paragraph naming no broker may go on with
    # ("... eine Abstufung durch die US-Bank Morgan Stanley." over "Die Analysten senkten ...")
    lead: tuple[str, list[AnalystAction]] | None = None

    def doc_subject() -> str | None:
        """Read from the title only when a sentence needs it: most items never do."""
        if not subjects:
            # partnership cues make the text's language count: the title is read in it too
            title_language = text_language() if given is None and partnership else language
            subjects.append(document_subject(text, title_language, subject))
        return subjects[0]

    for index in grammar:
        start, end = spans[index]
        cues = chunk_cues[index]
        chunk = text[start:end]
        chunk_language = decide(chunk_votes[index], default=language) if chunk_votes else language
        if not cues.isdisjoint(_ANALYST_CUES):
            present = without_past(chunk, pieces[index])
            if present is not chunk:
                chunk, pieces[index] = present, lower_cased(present)
            if chunk_language == "de":
                quoted = with_bare_ratings_quoted(chunk)
                if quoted != chunk:
                    chunk, pieces[index] = quoted, lower_cased(quoted)
            found = analyst_events(chunk, chunk_language, cues, pieces[index])
            if _is_prose(chunk, start) or (
                chunk_language == "de"
                and ("," in chunk or " und " in chunk or " sowie " in chunk)
                and names_more_actors(chunk, pieces[index], found)
            ):
                title = text[: spans[0][1]] if index and spans[0][0] == 0 else None
                heading_events = title_events
                if not title_events and lead is not None and chunk_language == "de":
                    title, heading_events = lead
                found = with_clauses(
                    chunk,
                    pieces[index],
                    chunk_language,
                    found,
                    doc_subject,
                    title,
                    heading_events,
                )
            if index == 0:
                title_events = found
            if found:
                lead = (chunk, found)
            events.extend(found)
        if not cues.isdisjoint(_MOVE_CUES):
            events.extend(move_events(chunk, chunk_language, cues))
        if CONSENSUS_CUE in cues:
            events.extend(consensus_events(chunk, chunk_language, cues, pieces[index]))
    if events and any(map(text.__contains__, HOUSE_NOUNS)):
        without_house_nouns(events, text)
    if len(events) > 1:
        companies = set()
        for event in events:  # a plain loop: a comprehension costs a function object
            if isinstance(event, AnalystAction):
                companies.add(event.company)
        if len(companies) > 1:
            # the title's short name and the body's full one are one company ("Merck", "Merck KGaA")
            with_subject_names(events, doc_subject())
        events = merge_analyst_events(events, text)  # a lone event has nothing to merge with
    if events and _title_writes_longer(text, events):
        # "Redcare Pharmacy: Citi wird skeptisch" over an event on "Redcare": the name in full
        with_subject_names(events, doc_subject())
    if events and language == "de":
        with_priors_told_apart(text, lowered, events)
    if CONSENSUS_CUE in text_cues:
        events = merged_consensus(events, doc_subject, text)
    if partnership:
        try:
            events.extend(_partnerships(text, lowered, text_cues, given, text_language))
        except Exception:  # a faulty grammar must not take the feed down
            log.exception("partnership extraction failed")
    return events


def _partnerships(
    text: str,
    lowered: str,
    text_cues: frozenset[str],
    given: str | None,
    text_language: Callable[[], str],
) -> list[Partnership]:
    """The text's partnerships, in its language. Without a given language, a text whose cue
    words are of one language only and hold no candidate in it has none in either: its
    language need not be counted."""
    if given is None:
        cued: list[str] = []
        for code, family in PARTNERSHIP_CUE.items():
            if family in text_cues:
                cued.append(code)
        if len(cued) == 1:
            screened = screen(text, cued[0], text_cues, lowered)
            if screened is None:
                return []
            if text_language() != cued[0]:
                return []
            return find_partnerships(text, cued[0], text_cues, lowered, screened)
    language = given or text_language()
    if PARTNERSHIP_CUE[language] not in text_cues:
        return []
    return find_partnerships(text, language, text_cues, lowered)


def _title_writes_longer(text: str, events: list[Event]) -> bool:
    """Whether the title (the first line of a text of several) writes the company of an
    analyst event with more words of a name after it ("Alibaba Group"), so the subject may
    name it in full."""
    end = text.find("\n")
    if end < 0:
        return False
    title = text[:end]
    # only words that go on with a name: a title naming the company as the body does would
    # cost a reading of the document's subject for nothing
    for event in events:
        if not isinstance(event, AnalystAction):
            continue
        at = title.find(f"{event.company} ")
        if at >= 0 and company_as_written(title, at + len(event.company), event.company) != (
            event.company
        ):
            return True
    return False


def _is_prose(chunk: str, start: int) -> bool:
    """Whether a chunk is article prose, which the clause reader reads, and not a headline
    (a text's first line, or a line that does not end like a sentence)."""
    if start == 0 and "\n" in chunk:
        return False
    return chunk.rstrip('"”').endswith((".", "!", "?")) and " " in chunk


def _text_language(
    lowered: str, spans: list[Span] | None, counted: dict[int, Votes], default: str
) -> str:
    """The language of a text's first SAMPLE characters. `spans` are the chunks' places in
    `lowered` when only white space stands between them: then votes of pieces split at white
    space add up to the whole's, and the chunks already counted are not counted again; with
    none counted, the whole is counted in one pass."""
    if spans is None or not counted:
        return language_of(lowered, default)
    parts: list[Votes] = []
    for index, (start, end) in enumerate(spans):
        if start >= SAMPLE:
            break
        if end > SAMPLE:
            parts.append(votes(lowered[start:SAMPLE]))
        elif index in counted:
            parts.append(counted[index])  # counted whole: shorter than SAMPLE
        else:
            parts.append(votes(lowered[start:end]))
    return decide(added(parts), default)


def _plain(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")  # soft hyphens split words only where lines break
    if "-Analyst" in text or "-Expert" in text:
        text = _HOUSE_GLUED_TO_ANALYST_RE.sub(_house_unglued, text)
    if "»" in text or "«" in text:
        # guillemets quote a rating as plain quotes do (»Underperform«, «Buy»)
        text = text.replace("»", '"').replace("«", '"')
    return text


# "Deutsche-Bank-Analyst": a house of two words glued to its analyst's noun, the words joined
# by a hyphen as German compounds join them
_HOUSE_GLUED_TO_ANALYST_RE = re.compile(
    r"(?<![\w-])(?P<first>[A-ZÄÖÜ][\w.&]*)-(?P<second>[A-ZÄÖÜ][\w.&]*)(?=-(?:Analyst|Expert))"
)


def _house_unglued(match: re.Match[str]) -> str:
    """The house's name as the tables write it, where they know it ("Deutsche Bank-Analyst");
    the same length, so places in the text stay."""
    spaced = f"{match.group('first')} {match.group('second')}"
    return spaced if spaced in BROKER_TABLE else match.group()


def _chunk_spans(text: str) -> tuple[list[Span], bool]:
    """Where the chunks stand: a headline whole; a longer text line by line, each line with its
    sentences. The flag is False when a sentence longer than MAX_SENTENCE was left out."""
    if len(text) <= MAX_SENTENCE and "\n" not in text:
        return [_stripped(text, 0, len(text))], True
    whole = True
    spans: list[Span] = []
    line_start = 0
    size = len(text)
    # the lines found in place: splitting would copy each one only to take its length
    while line_start <= size:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = size
        start, end = _stripped(text, line_start, line_end)
        line_start = line_end + 1
        if start >= end:
            continue  # a blank line
        if end - start <= MAX_SENTENCE:
            spans.append((start, end))
            continue
        for sentence_start, sentence_end in _sentence_spans(text, start, end):
            if sentence_end - sentence_start <= MAX_SENTENCE:
                spans.append((sentence_start, sentence_end))
            else:
                whole = False
    return spans, whole


def _stripped(text: str, start: int, end: int) -> Span:
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return start, end  # nothing to strip, as in most lines
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """A stripped line's sentences: the split eats the white space between them."""
    spans = []
    for gap in _SENTENCE_GAP_RE.finditer(text, start, end):
        spans.append((start, gap.start(1)))
        start = gap.end()
    spans.append((start, end))
    return spans
