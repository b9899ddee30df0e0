"""German analyst actions written out in sentences.

"Die britische Bank HSBC strich ihre Kaufempfehlung für Qiagen und senkte das Kursziel von 49
auf 45 Euro", "nachdem JPMorgan sie von "Neutral" auf "Underweight" abgestuft hatte",
"So führte eine Kaufempfehlung der Deutschen Bank bei Jenoptik zu einem Kurssprung".
Both the broker and the company must be named in the sentence; a pronoun is not enough
(`slots_de` finds where they are named).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..events import AnalystAction, RatingAction, TargetAction
from .cues import is_word_char
from .lowering import lower_cased
from .names import company_base, single_spaced
from .numbers import CURRENCY_AFTER, NUMBER, normalise_currency, parse_number
from .scan import words_scan
from .sentences import sentence_spans, spaced_out
from .slots_de import KnownNames, acted_before, broker_slot, company_slots

MAX_SENTENCE = 1_000

# The words a sentence needs to hold an analyst action, lower-cased (the text's whitespace is
# flattened to single spaces before they are looked for).
_CUE_WORDS = (
    "kaufempfehlung",
    "verkaufsempfehlung",
    "halteempfehlung",
    "gestuft",
    "stufte",
    "kursziel",
    "votum",
    "rating",
    "bewertung aufgenommen",
    "kurspotenzial",
    "abstufung",
    "hochstufung",
    "heraufstufung",
)
# Every occurrence of every cue word, overlapping ones included, in one pass over the text.
_CUES = words_scan(_CUE_WORDS)
_DOWN_RE = re.compile(
    r"abgestuft|Abstufung|stufte\b[^.]*?\bab\b|strich\s\w+\sKaufempfehlung|Kaufempfehlung[^.]{0,80}?"
    r"(?:gestrichen|aufgegeben)|\bgab\s\w+\sKaufempfehlung[^.]{0,80}?\bauf\b|"
    r"Streichung\s\w+\sKaufempfehlung|"
    r"gestrichene\w*\sKaufempfehlung|negatives\sVotum"
)
# One of these stands in every match of _DOWN_RE.
_DOWN_WORDS = ("gestuft", "Abstufung", "stufte", "Kaufempfehlung", "negatives")
_UP_RE = re.compile(
    r"hochgestuft|heraufgestuft|Hochstufung|Heraufstufung|stufte\b[^.]*?hoch\b|erhöht\s\S+-Rating"
)
# One of these stands in every match of _UP_RE.
_UP_WORDS = ("gestuft", "Hochstufung", "Heraufstufung", "stufte", "erhöht")
_KEEP_RE = re.compile(r"Einstufung\b[^.]{0,120}?\b(?:belassen|bestätigt|beibehalten)\b")
# One of these stands in every match of _KEEP_RE.
_KEEP_WORDS = ("belassen", "bestätigt", "beibehalten")
_INIT_RE = re.compile(r"in\s(?:die|ihre)\sBewertung\s(?:aufgenommen|auf\b)")
_TO_RATING_RE = re.compile(r"\bauf\s[\"„“']([^\"„“”']{1,40})[\"“”']")
_OPENING_QUOTES = frozenset("\"„“'")
_WITH_RATING_RE = re.compile(r"\bmit\s[\"„“']([^\"„“”']{1,40})[\"“”']")
_TARGET_MOVE_RE = re.compile(
    rf"Kursziel(?:\s(?!von\b|auf\b)[^\s\d]+){{0,8}}?\s(?:von\s(?P<prior>{NUMBER})\s*(?:{CURRENCY_AFTER}\s)?)?auf\s(?P<target>{NUMBER})"
    rf"\s*(?P<cur>{CURRENCY_AFTER})\s*(?P<verb>angehoben|erhöht|gesenkt|gekappt|reduziert|an\b)?"
)
# One of these stands in every match of _TARGET_VERB_RE, at most _TARGET_VERB_REACH characters
# before the "Kursziel" that ends the match.
# Past and present: teasers and newsletters tell the study in the present ("Baader erhöht das
# Kursziel für Sixt auf 105 Euro.") as articles tell it in the past.
_TARGET_VERBS = (
    *("senkte", "kappte", "reduzierte", "hob", "erhöhte", "strich"),
    *("senkt", "senken", "kappt", "kappen", "reduziert", "reduzieren"),
    *("hebt", "heben", "erhöht", "erhöhen", "hievt", "hievte"),
)
# the verb in the singular, its plural ending ("senkten", "hoben") read past
_TARGET_VERB_RE = re.compile(
    rf"\b(?P<verb>{'|'.join(_TARGET_VERBS)})(?:e?n)?\b[^.]{{0,30}}Kursziel"
)
_TARGET_VERB_REACH = max(map(len, _TARGET_VERBS)) + len("en") + 30
_STATED_OPENINGS = ("unverändertem", "einem", "ihrem", "seinem")
_STATED_OPENING_REACH = max(map(len, _STATED_OPENINGS))
_TARGET_STATED_RE = re.compile(
    rf"(?:unverändertem|einem|ihrem|seinem)\s(?:\w+\s)?Kursziel\svon\s(?P<target>{NUMBER})\s*"
    rf"(?P<cur>{CURRENCY_AFTER})"
)
# Scraped text glues sentences together: 'mit "Outperform".Im Nebenwerte-Index ...'.
_GLUED_SENTENCE_RE = re.compile(
    r"(?<=[.!?][\"”])(?=[A-ZÄÖÜ][a-zäöü])|(?<=[\"”][.!?])(?=[A-ZÄÖÜ][a-zäöü])|(?<=[a-zäöü]{2}[.!?])(?=[A-ZÄÖÜ][a-zäöü])"
)
# How far past the last cue word a text is split at first (see `_sentences_to`).
_SENTENCE_MARGIN = 160
# A parenthesis, one level of nesting allowed. Its parts never overlap (a run of other
# characters, or an inner parenthesis, each ends where a parenthesis stands), so taking each
# part whole and never giving it back (atomic) matches the same text with one step per run.
_PARENS_RE = re.compile(r"\((?>[^()]+|\([^()]*\))*\)")
# Every seam above comes before a capital, right after a stop or a closing quote after a stop.
_CLOSING_QUOTES = '"”'
_SEAM_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"
_OFFICIAL_HINT_RE = re.compile(r" \([A-ZÄÖÜ]")
_OFFICIAL_NAME_RE = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})\s\([A-ZÄÖÜ][^()]*"
    r"(?:\([^()]*\))?[^()]*\)"
)
_COMPANY_CUE_RE = re.compile(
    r"(?:(?:Aktien?|Papiere|Anteilsscheine|Titel)\s*(?:der|des|von|vom)|[Ff]ür|[Bb]ei)\s*"
    r"(?:der|des|die|den|dem)?\s*$"
)
_COMPANY_CUE_ENDS = ("der", "des", "die", "den", "dem", "von", "vom", "ür", "ei")
_LEADING_WORDS = frozenset(
    "Auch Die Der Das Bei Im Nach So Und Von Mit Für Aktien Papiere Anteilsscheine Titel".split()
)
_NOUN_ENDINGS = ("ers", "ung", "ens", "es", "heit", "keit", "chen")
_UP_TARGET_VERBS = (
    *("angehoben", "erhöht", "an", "hob", "erhöhte", "hebt", "heben", "erhöhen"),
    *("hievt", "hievte", "hieven", "hievten"),
)


def _gate(pieces: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """`pieces` parted into the cue words among them, lower-cased, and the others: a sentence
    holds one of the pieces only if it holds one of the others or its cue words meet the
    first part (the pieces are Latin, so where one stands, its lower-cased form stands in the
    lower-cased text)."""
    cue_words = frozenset(piece.lower() for piece in pieces if piece.lower() in _CUE_WORDS)
    others = tuple(piece for piece in pieces if piece.lower() not in _CUE_WORDS)
    return cue_words, others


_DOWN_GATE = _gate(_DOWN_WORDS)
_UP_GATE = _gate(_UP_WORDS)


def german_prose_events(text: str, lowered: str | None = None) -> list[AnalystAction]:
    """`lowered` is `text.lower()` where the caller has it."""
    flat = single_spaced(text)
    if len(flat) > MAX_SENTENCE:
        return []
    if lowered is None or flat is not text:
        lowered = lower_cased(flat)
    cues = _CUES.find(lowered)  # (word, start, end) in the order the words end
    if not cues:
        return []
    # Lower-casing keeps the length of almost every text: then the cue words a sentence holds
    # are those whose places lie inside it (the cue words are Latin, so the case rules that
    # look at neighbouring letters, as for a Greek final sigma, cannot matter).
    aligned = len(lowered) == len(flat)
    events: list[AnalystAction] = []
    for start, sentence in _sentences_to(flat, cues[-1][2] if aligned else len(flat)):
        if aligned:
            end = start + len(sentence)
            words: set[str] = set()
            for word, at, stop in cues:  # a plain loop: a comprehension costs a function
                if start <= at and stop <= end:
                    words.add(_CUES.values[word])
        else:
            words = _CUES.found(sentence.lower())
        if words:
            events.extend(_sentence_events(sentence, words))
    return events


def _sentences_to(flat: str, reach: int) -> list[tuple[int, str]]:
    """The sentences of `flat` (see `_sentences`) that start before `reach`, and perhaps more.

    Sentence ends and glued seams are decided by the few characters around them, so splitting
    a beginning of the text gives the text's own sentences, all but the last: that one may
    end early or run on. When everything before `reach` lies in the others, that is enough."""
    # Most often the sentence holding `reach` ends at the first stop and space after it: a
    # beginning that takes in the next sentence's first letter is tried first.
    stop = flat.find(". ", reach)
    if 0 <= stop < reach + _SENTENCE_MARGIN:
        found = _sentences(flat[: stop + 3])
        if found and found[-1][0] >= reach:
            return found[:-1]
    cut = reach + _SENTENCE_MARGIN
    if cut < len(flat):
        found = _sentences(flat[:cut])
        if found and found[-1][0] >= reach:
            return found[:-1]
    return _sentences(flat)


def _sentences(flat: str) -> list[tuple[int, str]]:
    """The stripped, non-blank sentences of `flat` with their offsets."""
    found = []
    for offset, piece in _unglued(flat):
        for start, end in sentence_spans(piece):
            sentence = piece[start:end]
            stripped = sentence.strip()
            if stripped:
                found.append((offset + start + len(sentence) - len(sentence.lstrip()), stripped))
    return found


def _unglued(flat: str) -> list[tuple[int, str]]:
    """`flat` cut at its glued sentence seams, each piece with its offset. Every seam comes
    right after a stop, or after a closing quote that follows one, and before a capital: only
    there is the seam pattern tried."""
    cuts = []
    last = len(flat) - 1
    for stop in ".!?":
        at = flat.find(stop)
        while 0 <= at < last:
            cut = at + 1
            if flat[cut] in _CLOSING_QUOTES and cut < last:
                cut += 1  # a quote is no capital, so the seam can only come after it
            if flat[cut] in _SEAM_CAPITALS and _GLUED_SENTENCE_RE.match(flat, cut):
                cuts.append(cut)
            at = flat.find(stop, cut)
    if not cuts:
        return [(0, flat)]
    cuts.sort()
    bounds = [0, *cuts, len(flat)]
    return [(a, flat[a:b]) for a, b in pairwise(bounds)]


def _sentence_events(sentence: str, words: set[str]) -> list[AnalystAction]:
    """Events of one stripped sentence that holds the cue `words`."""
    masked = _PARENS_RE.sub(spaced_out, sentence) if "(" in sentence else sentence
    known = KnownNames(masked)
    brokers = known.brokers() or broker_slot(masked)
    if not brokers:
        return []
    # plain loops here: each comprehension would cost a function object per sentence
    companies = []
    for mention in known.companies():
        if _may_be_company(masked, mention, brokers) and not acted_before(masked, mention[0]):
            companies.append(mention)
    companies += _official_names(sentence, companies, brokers)
    if not companies:
        companies = company_slots(masked, brokers)
    outside = []
    for mention in brokers:
        if not _inside_any(mention[0], companies) and not acted_before(masked, mention[0]):
            outside.append(mention)
    brokers = outside
    companies.sort()
    if not brokers or not companies:
        return []
    pairs = _pairs(brokers, companies)
    if not pairs:
        return []
    rating_action, rating = _rating(sentence, words)
    # the numbers cannot be told apart between several pairs
    target_action, target, prior, currency = (
        _target(sentence, rating_action) if len(pairs) == 1 else ("none", None, None, None)
    )
    events = []
    for broker, company in pairs:
        events.append(
            AnalystAction(
                broker, company, rating_action, rating, target_action, target, prior, currency
            )
        )
    return events


def _inside_any(position: int, spans: list) -> bool:
    # a plain loop: a generator costs a function for every broker
    for span in spans:  # noqa: SIM110
        if span[0] <= position < span[1]:
            return True
    return False


def _may_be_company(text: str, mention: tuple[int, int, str], brokers: list) -> bool:
    """Whether a name the company table knows may be the company: a name that is also a broker
    counts only after a company cue, and one inside a longer broker's name not at all ("BNP
    Paribas" inside "Exane BNP Paribas")."""
    start, end, _ = mention
    for broker_start, broker_end, _ in brokers:
        if broker_start <= start and end <= broker_end:
            if broker_end - broker_start > end - start:
                return False  # inside a longer broker's name
            if not _after_company_cue(text, start):
                return False  # the broker's own name: not longer, so the same span
    return True


def _after_company_cue(text: str, start: int) -> bool:
    window = text[max(0, start - 30) : start]
    # the pattern ends the window, so the window's last word is one of the pattern's last words
    return window.rstrip().endswith(_COMPANY_CUE_ENDS) and bool(_COMPANY_CUE_RE.search(window))


def _official_names(sentence: str, found: list, brokers: list) -> list[tuple[int, int, str]]:
    """ "Stratec (STRATEC SE)": the short name written before an official one in parentheses."""
    extra: list[tuple[int, int, str]] = []
    if _OFFICIAL_HINT_RE.search(sentence) is None:
        return extra
    for match in _OFFICIAL_NAME_RE.finditer(sentence):
        start, end = match.span("name")
        words = match.group("name").split()
        while len(words) > 1 and (words[0] in _LEADING_WORDS or words[0].endswith(_NOUN_ENDINGS)):
            start += len(words[0]) + 1
            words = words[1:]
        if any(s < end and start < e for s, e, _ in found + brokers):
            continue
        extra.append((start, end, " ".join(words)))
    return extra


def _pairs(brokers: list, companies: list) -> list[tuple[str, str]]:
    if len(brokers) == 1 and len(companies) == 1:
        # what the rule below makes of one broker and one company that has a name
        name = company_base(companies[0][2], "de")
        if name:
            broker = _broker_base(brokers[0][2])
            return [(broker, name)] if broker != name else []
    names = list(
        dict.fromkeys(name for _, _, raw in companies if (name := company_base(raw, "de")))
    )
    broker_names = [
        name
        for name in dict.fromkeys(_broker_base(raw) for _, _, raw in sorted(brokers))
        if name not in names
    ]
    if not broker_names:
        return []
    if len(names) == 1:
        return [(broker, names[0]) for broker in broker_names]
    if len(names) == len(broker_names):
        return list(zip(broker_names, names, strict=True))
    return [(broker_names[0], names[0])]


def _broker_base(raw: str) -> str:
    return company_base(raw, "de") or single_spaced(raw)


def _rating(sentence: str, words: set[str]) -> tuple[RatingAction, str | None]:
    action: RatingAction = "none"
    # Each pattern is tried only when a piece of text that all its matches hold is there; the
    # sentence is flattened, so each "\s" in a pattern is one space. Where that piece is a cue
    # word, lower-cased, `words` tells whether it can be there.
    if "Bewertung auf" in sentence and _INIT_RE.search(sentence):
        action = "init"
    elif _holds_any(sentence, words, _DOWN_GATE) and _DOWN_RE.search(sentence):
        action = "down"
    elif _holds_any(sentence, words, _UP_GATE) and _UP_RE.search(sentence):
        action = "up"
    elif "Einstufung" in sentence and _kept(sentence):
        action = "main"
    if action == "none":
        return action, None  # a quoted rating is kept only with an action
    before_quote = _after_auf(sentence, _OPENING_QUOTES.__contains__)
    quoted = _TO_RATING_RE.search(sentence, before_quote) if before_quote >= 0 else None
    if quoted is None and action == "init":
        quoted = _WITH_RATING_RE.search(sentence)
    return action, quoted.group(1) if quoted else None


def _holds_any(
    sentence: str, words: set[str], gate: tuple[frozenset[str], tuple[str, ...]]
) -> bool:
    """Whether `sentence`, holding the cue `words`, may hold one of the pieces of `gate`."""
    cue_words, others = gate
    return not cue_words.isdisjoint(words) or any(map(sentence.__contains__, others))


def _kept(sentence: str) -> bool:
    """Whether `_KEEP_RE` matches: "Einstufung" ending a word, then at most 120 characters
    without a stop, then a keep word standing as a word. Looked up from the keep words, which
    are rare, instead of stepping through the characters after each "Einstufung"."""
    for word in _KEEP_WORDS:
        at = sentence.find(word)
        while at >= 0:
            end = at + len(word)
            if not _is_word_char(sentence, at - 1) and not _is_word_char(sentence, end):
                opening = sentence.rfind("Einstufung", max(0, at - 130), at)
                while opening >= 0:
                    gap = opening + len("Einstufung")
                    if (
                        not _is_word_char(sentence, gap)
                        and at - gap <= 120
                        and sentence.find(".", gap, at) < 0
                    ):
                        return True
                    opening = sentence.rfind("Einstufung", max(0, at - 130), opening)
            at = sentence.find(word, at + 1)
    return False


def _is_word_char(text: str, index: int) -> bool:
    r"""Whether the character at `index` is one `\w` reads; False outside the text."""
    return 0 <= index < len(text) and is_word_char(text[index])


def _after_auf(sentence: str, allowed: Callable[[str], bool]) -> int:
    r"""Where "auf", a space and a character `allowed` accepts first stand, as patterns that read
    "auf\s" and then such a character need; -1 when nowhere. No match of those starts before."""
    at = sentence.find("auf ")
    while at >= 0:
        if allowed(sentence[at + 4 : at + 5]):
            return at
        at = sentence.find("auf ", at + 4)
    return -1


def _said_target_verb(sentence: str) -> str | None:
    """The verb of "senkte ... Kursziel" when the target move wrote none of its own."""
    if not any(map(sentence.__contains__, _TARGET_VERBS)):
        return None
    # a match starts at most the verb's reach before the first "Kursziel"
    start = max(0, sentence.find("Kursziel") - _TARGET_VERB_REACH)
    said = _TARGET_VERB_RE.search(sentence, start)
    return said.group("verb") if said else None


def _stated_target(sentence: str) -> re.Match[str] | None:
    """`_TARGET_STATED_RE.search` in a flattened sentence, begun where a match can start at the
    earliest. A match is an opening word, perhaps one more word, and "Kursziel von", one space
    after each, and no word holds a space: the match around the first "Kursziel von" starts at
    most the longest opening before the space ahead of the word that comes before it, and one
    around a later "Kursziel von" starts later."""
    target_word = sentence.find("Kursziel von")
    if target_word < 0:
        return None
    space = sentence.rfind(" ", 0, max(0, target_word - 1))
    return _TARGET_STATED_RE.search(sentence, max(0, space - _STATED_OPENING_REACH))


def _target(
    sentence: str, rating_action: RatingAction
) -> tuple[TargetAction, float | None, float | None, str | None]:
    if "Kursziel" not in sentence:  # both patterns need the word
        return "none", None, None, None
    # a move reads "auf" and a number after the word, so it starts before the first of those
    move = _TARGET_MOVE_RE.search(sentence) if _after_auf(sentence, str.isdecimal) >= 0 else None
    if move is not None:
        target = parse_number(move.group("target"), "de")
        prior = parse_number(move.group("prior"), "de") if move.group("prior") else None
        word = move.group("verb") or _said_target_verb(sentence)
        if word:
            action: TargetAction = "raise" if word in _UP_TARGET_VERBS else "lower"
        elif prior is not None and target is not None and prior != target:
            action = "raise" if target > prior else "lower"
        else:
            action = "set"
        return action, target, prior, normalise_currency(move.group("cur"))
    stated = _stated_target(sentence)
    if stated is not None:
        action = "init" if rating_action == "init" else "set"
        return (
            action,
            parse_number(stated.group("target"), "de"),
            None,
            normalise_currency(stated.group("cur")),
        )
    return "none", None, None, None
