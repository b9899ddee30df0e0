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
    for match in _SENTENCE_END.finditer(text):
        end = match.start("gap") if match.group("gap") else match.start()
        # an abbreviation ends with its stop, so only a sentence ending in one can end in one
        if text[end - 1 : end] in _ABBREVIATION_LAST and _ABBREVIATION_END.search(
            text, max(0, end - 8), end
        ):
            continue
        if _NON_BLANK.search(text, start, end):
            spans.append((start, end))
        start = match.end()
    if _NON_BLANK.search(text, start):
        spans.append((start, len(text)))
    return spans


_NON_BLANK = re.compile(r"\S")
# what the character before an `_ABBREVIATION_END` match's end can be ("$" also matches before
# a final line break)
_ABBREVIATION_LAST = (".", "\n")
