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
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Co|Inc|Corp|Ltd|Mr|Mrs|Ms|Dr|St|Jr|No|vs|bzw|ca|Nr|Dept|U\.S|[A-Z])\s?\.)$"
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
    for match in _sentence_ends(text):
        end = match.start("gap") if match.group("gap") else match.start()
        if _ABBREVIATION_END.search(text, max(0, end - 8), end):
            continue
        if _NON_BLANK.search(text, start, end):
            spans.append((start, end))
        start = match.end()
    if _NON_BLANK.search(text, start):
        spans.append((start, len(text)))
    return spans


_NON_BLANK = re.compile(r"\S")
_STOPS = ".!?\n"


def stop_positions(text: str, stops: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where each of the characters `stops` stands in text[start:end], in order. A pattern that
    opens with a set of characters is tried at every place of the text; `str.find` skips to
    the few places such a pattern can match, many times faster."""
    end = len(text) if end is None else end
    positions: list[int] = []
    for stop in stops:
        at = text.find(stop, start, end)
        while at >= 0:
            positions.append(at)
            at = text.find(stop, at + 1, end)
    positions.sort()
    return positions


def _sentence_ends(text: str) -> list[re.Match[str]]:
    """What `_SENTENCE_END.finditer(text)` yields: every match opens with a stop, and the next
    is looked for from the end of the one before."""
    matches: list[re.Match[str]] = []
    resume = 0
    for position in stop_positions(text, _STOPS):
        if position < resume:
            continue
        match = _SENTENCE_END.match(text, position)
        if match is not None:
            matches.append(match)
            resume = match.end()
    return matches
