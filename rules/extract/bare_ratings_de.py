"""German rating labels written without quotes, quoted as the grammars read them.

The German grammars find a rating by its quotes, as the wires write it ("auf 'Buy'"). Papers,
portals and newsletters often leave them out: "hebt Siemens auf Kaufen", "von Halten auf Kaufen
hochgestuft", "mit der Einstufung Outperform". A known label right after one of the words that
lead to a rating is quoted, so the same grammar reads both.
"""

from __future__ import annotations

from .cues import is_word_char
from .data_files import word_sections
from .scan import words_scan

_WORDS = word_sections("bare_ratings_de.txt")
_BEFORE = frozenset(_WORDS["before"])
_NOUNS = frozenset(_WORDS["nouns"])
# Every place a label stands, found in one pass: most chunks hold none, and those that do
# mostly quote it already, so each place is judged on its neighbours alone.
_LABELS = words_scan(_WORDS["labels"])
_QUOTES = "\"'„“”‚‘’"
# The label must end the word ("auf Buy-and-Hold" or "mit Haltende" is none); an opening low
# quote may follow it.
_NOT_AFTER_BARE = set("\"'“”‘’-")
_NOT_BEFORE_JOINED = set(_QUOTES) | {"-"}


def with_bare_ratings_quoted(text: str) -> str:
    """`text` with each unquoted rating label after a leading word (a colon may follow a noun:
    "Rating: Buy"), or joined to a rating noun by a hyphen ("Buy-Rating"), put in double
    quotes; the same string when there is none."""
    places = _LABELS.find(text)
    if not places:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in sorted((start, -end) for _, start, end in places):
        end = -end
        if start < done:
            continue  # inside a label already quoted ("Buy" in "Strong Buy")
        if _after_leading_word(text, start) and _ends_word(text, end, _NOT_AFTER_BARE):
            # the space before the label becomes a plain one, as the wires write it
            pieces += (text[done : start - 1], ' "', text[start:end], '"')
        elif _joined_to_noun(text, start, end):
            pieces += (text[done:start], '"', text[start:end], '"')
        else:
            continue
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _after_leading_word(text: str, start: int) -> bool:
    """Whether a word that leads to a rating, whole and unquoted, stands right before the
    space before `start`."""
    if start < 2 or not text[start - 1].isspace():
        return False
    end = start - 1
    if text[end - 1] == ":":
        end -= 1
    begin = end
    while begin and is_word_char(text[begin - 1]):
        begin -= 1
    if text[begin:end] not in _BEFORE:
        return False
    return not begin or text[begin - 1] not in _QUOTES


def _joined_to_noun(text: str, start: int, end: int) -> bool:
    """Whether the label at `start`..`end` is joined by a hyphen to a rating noun that ends
    the word: "Buy-Rating", "Overweight-Votum"."""
    if text[end : end + 1] != "-":
        return False
    if start and (is_word_char(text[start - 1]) or text[start - 1] in _NOT_BEFORE_JOINED):
        return False
    noun_end = end + 1
    while noun_end < len(text) and is_word_char(text[noun_end]):
        noun_end += 1
    return text[end + 1 : noun_end] in _NOUNS and _ends_word(text, noun_end, {"-"})


def _ends_word(text: str, end: int, also_not: set[str]) -> bool:
    return end == len(text) or not (is_word_char(text[end]) or text[end] in also_not)
