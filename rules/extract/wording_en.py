"""Site spellings of English analyst headlines read as the grammars' forms: a ticker written
in lower case after a name, an upgrade or downgrade graded "double"."""

from __future__ import annotations

import re

from .covered_en import WORDS

# "Rocket Lab (rklb)": read as the capitals every ticker form expects. One letter is a rating's
# grade ("hold (c)"), not a ticker.
_LOWER_TICKER_RE = re.compile(r"(?<=[A-Za-z0-9.])\s\((?P<ticker>[a-z]{2,5})\)(?=[\s,;:.]|$)")

_GRADES = tuple(WORDS["change_grades"])
_GRADE_SPELLINGS = tuple(spelling for word in _GRADES for spelling in (word, word.capitalize()))
_GRADED_CHANGE_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(re.escape(word) for word in _GRADES)})[-\s](?=(?:up|down)grad)",
    re.IGNORECASE,
)


def _upper_ticker(found: re.Match[str]) -> str:
    return f" ({found.group('ticker').upper()})"


def plain_wording(headline: str) -> str:
    if "(" in headline:
        headline = _LOWER_TICKER_RE.sub(_upper_ticker, headline)
    if any(spelling in headline for spelling in _GRADE_SPELLINGS):
        headline = _GRADED_CHANGE_RE.sub("", headline)
    return headline
