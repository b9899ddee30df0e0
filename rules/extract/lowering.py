"""`str.lower()` at a lower cost for texts of Latin-1 letters.

`str.lower()` looks every character of a text that is not pure ASCII up in the Unicode tables.
Every Latin-1 character lower-cases to one Latin-1 character, whatever stands around it, so a
Latin-1 text is lowered by one byte-table pass over its Latin-1 bytes, a few times cheaper.
"""

from __future__ import annotations

import sys

_LATIN_1_LOWER = bytes(ord(chr(code).lower()) for code in range(256))
# CPython keeps a text of Latin-1 characters, not all ASCII, one byte each after a header of
# this size: the size tells such a text from a wider one without reading it (encoding a wider
# one only to fail would cost more than the table saves). A text kept otherwise is lowered as
# before.
_ONE_BYTE_OVERHEAD = sys.getsizeof("é") - len("é")


def lower_cased(text: str) -> str:
    """`text.lower()`, the same string."""
    if text.isascii() or sys.getsizeof(text) - len(text) != _ONE_BYTE_OVERHEAD:
        return text.lower()
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return text.lower()
    return data.translate(_LATIN_1_LOWER).decode("latin-1")
