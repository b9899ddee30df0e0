"""Sentence splitting shared by the grammars that read prose (en/de).

A sentence ends at '.', '!' or '?' followed by space and a capital or an opening quote, or at a
line break; a full stop after a common abbreviation or an initial ("Dr.", "Inc.", "J.") does not
end one.
"""

from __future__ import annotations

import re

# Both ends start with one of four rare characters, so the scan skips along: a stop followed by
# space and a capital or quote (the stop stays with its sentence), or a run of line breaks.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])(?P<gap>\s+)(?=[\"„“A-ZÄÖÜ])|(?<=\n)\n*)")
_ABBREVIATIONS = "Co Inc Corp Ltd Mr Mrs Ms Dr St Jr No vs bzw resp ca Nr Dept U.S".split()
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:" + "|".join(map(re.escape, _ABBREVIATIONS)) + r"|[A-Z])\s?\.)$"
)
# The letter an abbreviation ends with: a stop after any other is no abbreviation's.
_ABBREVIATION_LAST_LETTERS = frozenset(
    [word[-1] for word in _ABBREVIATIONS] + [chr(code) for code in range(ord("A"), ord("Z") + 1)]
)


def split_sentences(text: str) -> list[str]:
    """The non-blank sentences of `text`, in order, unstripped."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-blank sentences of `text`, in order.

    A sentence starts at the text's start or after whitespace and ends at the text's end or
    before whitespace.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        # a stop stays with its sentence; a line break ends the one before it
        end = at if text[at] == "\n" else at + 1
        if _may_end_abbreviation(text, end) and _ABBREVIATION_END.search(
            text, max(0, end - 8), end
        ):
            continue
        if start < end and (not text[start].isspace() or _NON_BLANK.search(text, start, end)):
            spans.append((start, end))
        start = match.end()
    if start < len(text) and (not text[start].isspace() or _NON_BLANK.search(text, start)):
        spans.append((start, len(text)))
    return spans


def _may_end_abbreviation(text: str, end: int) -> bool:
    """Whether `_ABBREVIATION_END` can match in text[:end]: its stop ends the piece, or stands
    before a final line break (where "$" also matches), after a letter an abbreviation ends
    with and perhaps one white space character."""
    stop = end - 1
    if text[stop : stop + 1] == "\n":
        stop -= 1
    if stop < 1 or text[stop] != ".":
        return False
    letter = text[stop - 1]
    if letter.isspace() and stop >= 2:
        # the optional space may be taken or not: the letter before it, or the space itself
        return text[stop - 2] in _ABBREVIATION_LAST_LETTERS
    return letter in _ABBREVIATION_LAST_LETTERS


_NON_BLANK = re.compile(r"\S")


def spaced_out(match: re.Match[str]) -> str:
    """Spaces for what a pattern matched, for `re.sub`: the text keeps its length and offsets."""
    return " " * len(match.group())
