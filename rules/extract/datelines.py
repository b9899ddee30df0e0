"""The dateline that opens a wire story or press release: "BOSTON--(BUSINESS WIRE)--",
"NEW YORK, March 4, 2026 /PRNewswire/ --", "LONDON (Reuters) -", and a German press release's
place and date: "Karlsruhe, 8. Oktober 2025 – ".

Its capitals are places, dates and the wire's name, never a party to what the story reports,
yet they stand where the subject of the first sentence would.
"""

from __future__ import annotations

import re

from .scan import words_scan

# The wire's mark ends the dateline; what stands before it (place, state, date) is short and
# on one line.
_DATELINE = re.compile(
    r"[^\n]{0,160}?(?:"
    r"\(\s*(?:BUSINESS\s+WIRE|Business\s+Wire|GLOBE\s+NEWSWIRE|Globe\s+Newswire|ACCESSWIRE|"
    r"ACCESS\s+Newswire|Reuters|Bloomberg|AP|AFP|dpa-AFX)\s*\)|"
    r"/\s*(?:PRNewswire|PR\s+Newswire|CNW|PRWeb|EINPresswire)(?:-[\w-]+)?\s*/)"
    r"\s*(?:--|—|–|-)?\s*"
)
# every dateline holds one of these; most texts hold none, and the search stops there
_WIRE_MARKS = (
    "WIRE",
    "Wire",
    "wswire",
    "Reuters",
    "Bloomberg",
    "(AP)",
    "(AFP)",
    "dpa-AFX",
    "CNW",
    "PRWeb",
    "resswire",
)
_HEAD_CHARS = 200
# the marks found in one pass over a text's head instead of one search for each
_WIRE_MARK_SCAN = words_scan(_WIRE_MARKS)


# A German press release opens with its place and date before a dash: "Oberkochen, 20. Januar
# 2026 – ". The day's full stop would end a sentence there, and the place would stand where the
# subject does.
_PLACE_DATE_DE = re.compile(
    r"[A-ZÄÖÜ][\w.()/-]*(?: [\w.()/-]+){0,4}, (?:den )?\d{1,2}\. ?(?:Januar|Februar|März|April|Mai|"
    r"Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\s*(?:–|—|-|/)\s*"
)
_DATE_AFTER_COMMA = re.compile(r", (?:den )?\d")


def dateline_end(text: str) -> int:
    """Where the dateline that opens `text` ends; 0 when it opens with none."""
    if not _WIRE_MARK_SCAN.find(text[:_HEAD_CHARS]):
        # the place holds no comma, so its date follows the text's first one
        comma = text.find(",")
        if comma < 0 or _DATE_AFTER_COMMA.match(text, comma) is None:
            return 0
        place_date = _PLACE_DATE_DE.match(text)
        return 0 if place_date is None else place_date.end()
    match = _DATELINE.match(text)
    return 0 if match is None else match.end()
