"""The dateline that opens a wire story or press release: "BOSTON--(BUSINESS WIRE)--",
"NEW YORK, March 4, 2026 /PRNewswire/ --", "LONDON (Reuters) -".

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


def dateline_end(text: str) -> int:
    """Where the dateline that opens `text` ends; 0 when it opens with none."""
    if not _WIRE_MARK_SCAN.find(text[:_HEAD_CHARS]):
        return 0
    match = _DATELINE.match(text)
    return 0 if match is None else match.end()
