"""A broker's action reported in its own words: "ING said on Tuesday it was starting coverage
of ASML ...", "Needham said in a note that it had raised its price target ...". The report is
read as the action told directly ("ING started coverage of ASML ..."), so that the grammars of
told actions read it."""

from __future__ import annotations

import re

from .data_files import data_lines


def _verb_pairs() -> dict[str, str]:
    pairs = (line.split() for line in data_lines("reported_verbs_en.txt"))
    return {reported: told for reported, told in pairs}


_TOLD = _verb_pairs()
_REPORTED_RE = re.compile(
    r"(?<=[\w.])\s(?:said|says)(?:\son\s[A-Z][a-z]+day)?"
    r"(?:\sin\sa\s(?:research\s)?note(?:\sto\s(?:clients|investors))?)?(?:\son\s[A-Z][a-z]+day)?"
    # "said it now rates X a buy": the present told with "now" and no auxiliary
    r"(?:\sthat)?\s(?:it|they)\s(?:was|were|is|are|had|has|have|now)\s"
    rf"(?P<verb>{'|'.join(sorted(_TOLD, key=len, reverse=True))})(?=\s)"
)


def as_told(text: str) -> str:
    """`text` with a broker's reported action told directly; unchanged without one."""
    if " said " not in text and " says " not in text:
        return text
    return _REPORTED_RE.sub(lambda found: " " + _TOLD[found.group("verb")], text, count=1)
