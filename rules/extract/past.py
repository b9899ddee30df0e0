"""Sentences that tell of an analyst action long past ("Vor drei Jahren hatte die Deutsche
Bank ein Kursziel von 180 Euro ausgerufen", "Two years ago, Goldman Sachs set a $300 target"):
they are blanked before the grammars read a chunk, as no action of today stands in them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .clauses import MONTHS_EN, PAST_OPENING_RE, SINCE_DATE_RE, dated_before
from .covered_en import WORDS as COVERED_WORDS
from .scan import words_scan
from .sentences import sentence_spans, spaced_out
from .slots_de import KnownNames

# One of these words, lower-cased, stands in every opening: a chunk without any is read whole.
_YEAR_WORD = "jahr"  # in each opening after white space or in "vorjahr" (see `_gate_words`)
_KEY_WORDS = (
    _YEAR_WORD,
    "damals",
    "ago",
    "last year",
    "back in",
    "last month",
    "earlier this",
    *(f"in {month}" for month in MONTHS_EN),
)
# Or a year after a word that opens a sentence with one ("Noch im Frühjahr 2021 hatte die
# Citigroup ...", "Ende 2019"): capitalised, as a sentence starts, so that the year is looked
# for only in the few chunks with such a start.
_YEAR_OPENERS = ("Im ", "Noch ", "Anfang ", "Mitte ", "Ende ")
# What a chunk must hold for a dated "since" clause, and for the pluperfect of a sentence dated
# some time ago.
_SINCE = "since "
_PLUPERFECT = "hatte"
# The key words and those two, found in one pass over a chunk instead of one search for each.
_GATE = words_scan((*_KEY_WORDS, _SINCE, _PLUPERFECT))
# The look-behind (no digit before the year) stands after the century, not before it: a
# pattern that opens with "19" or "20" lets the matcher skip to where those stand instead of
# trying the look-behind at every character.
_YEAR_RE = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")
# "Shares have doubled since Bank of America upgraded the chipmaker in early 2024": a broker's
# action in a dated "since" clause starts the time the sentence measures, no action of today
_SINCE_CLAUSE_RE = re.compile(r"(?<![\w-])[Ss]ince\s(?P<clause>[^,;.]*(?:\.\d[^,;.]*)*)")


# "Barclays, which had lowered its target on Burberry back in March, ...": an English clause in
# the pluperfect, or a relative clause ("Bernstein, which upgraded Intel in 2024, ..."), dated
# some time ago tells of an action before today's news
_PLUPERFECT_EN = " had "
_RELATIVE_EN = (", which ", ", who ")
_PLUPERFECT_CLAUSE_EN_RE = re.compile(
    r"(?:(?<=\s)had|(?<=,\s)(?:which|who))\s(?P<clause>[^,;.]*(?:\.\d[^,;.]*)*)"
)
# "UBS previously downgraded Etsy to sell": an adverb of a time long past before a verb in the
# past dates its clause ("a $120 target, up previously from $105" moves no clause)
_PAST_ADVERB_CLAUSE_EN_RE = re.compile(
    rf"(?<![\w-])(?:had\s)?(?:{'|'.join(COVERED_WORDS['past_adverbs'])})"
    r"\s(?:[a-z]+ed|cut|set|kept|began|put)(?![\w-])[^,;.]*(?:\.\d[^,;.]*)*"
)


def without_past(chunk: str, lowered: str) -> str:
    """`chunk` with each sentence that opens with a past time blanked, its length kept
    (`lowered` is the chunk lower-cased); a German sentence dated some time ago in the
    pluperfect keeps the names of its brokers, for the sentences after it that refer to them
    ("Im Sommer hatte die Deutsche Bank ... abgestuft. Jetzt hob die Bank ...")."""
    found = _gate_words(lowered)
    if _SINCE in found:
        chunk = _without_dated_since(chunk)
    if _PLUPERFECT_EN in lowered or any(map(lowered.__contains__, _RELATIVE_EN)):
        chunk = _without_dated_pluperfect(chunk)
    if "ly " in lowered:
        chunk = _PAST_ADVERB_CLAUSE_EN_RE.sub(spaced_out, chunk)
    openings = not found.isdisjoint(_KEY_WORDS) or (
        any(map(chunk.__contains__, _YEAR_OPENERS)) and _YEAR_RE.search(lowered) is not None
    )
    dated = _PLUPERFECT in found
    if not openings and not dated:
        return chunk
    blanked = chunk
    for start, end in sentence_spans(chunk):
        opening = len(chunk[start:end]) - len(chunk[start:end].lstrip())
        if openings and PAST_OPENING_RE.match(chunk, start + opening):
            blanked = blanked[:start] + " " * (end - start) + blanked[end:]
        elif dated and dated_before(chunk[start + opening : end]):
            kept = _brokers_only(chunk[start:end])
            blanked = blanked[:start] + kept + blanked[end:]
    return blanked


def _gate_words(lowered: str) -> set[str]:
    """The gate words standing in a lower-cased chunk. "jahr" counts only where an opening can
    hold it, after white space ("vor drei Jahren") or in "vorjahr": not in "Halbjahr" or
    "Geschäftsjahr", which would cost the chunk a reading of every sentence's start."""
    words = set()
    gate_words = _GATE.values
    for index, start, _ in _GATE.find(lowered):
        word = gate_words[index]
        if word == _YEAR_WORD and not _opens_year_word(lowered, start):
            continue
        words.add(word)
    return words


def _opens_year_word(lowered: str, start: int) -> bool:
    return start > 0 and (lowered[start - 1].isspace() or lowered.endswith("vor", 0, start))


def _without_dated_since(chunk: str) -> str:
    """`chunk` with each "since" clause blanked that opens with a broker and is dated to some
    time ago ("since Citi upgraded it on Tuesday" is kept: it may be today's news)."""
    return _without_dated(
        chunk,
        _SINCE_CLAUSE_RE.finditer(chunk),
        lambda clause: any(start == 0 for start, _, _ in KnownNames(clause).brokers()),
    )


def _without_dated_pluperfect(chunk: str) -> str:
    """`chunk` with each English pluperfect or relative clause blanked that is dated to some
    time ago ("which had cut the stock in March", "which upgraded Intel in 2024"); one without
    a date may report today's action ("said it had raised its target")."""
    return _without_dated(chunk, _PLUPERFECT_CLAUSE_EN_RE.finditer(chunk), lambda clause: True)


def _without_dated(chunk: str, found: Iterator[re.Match[str]], also: Callable[[str], bool]) -> str:
    """`chunk` with each match blanked whose clause is dated to some time ago and passes `also`."""
    for match in found:
        clause = match.group("clause")
        dated = SINCE_DATE_RE.search(clause) or _YEAR_RE.search(clause)
        if dated and also(clause):
            start, end = match.span()
            chunk = chunk[:start] + " " * (end - start) + chunk[end:]
    return chunk


def _brokers_only(sentence: str) -> str:
    """The sentence blanked but for the names of its brokers, each where it stands, and its
    full stop."""
    kept = [" "] * len(sentence)
    for start, end, _ in KnownNames(sentence).brokers():
        kept[start:end] = sentence[start:end]
    if sentence.rstrip().endswith("."):
        kept[len(sentence.rstrip()) - 1] = "."
    return "".join(kept)
