"""Cheap English/German detection from function words, for texts that arrive without a language."""

from __future__ import annotations

import re
from itertools import repeat

_GERMAN = frozenset(
    "der die das den dem des und auf für mit von vom zum zur ist sind nicht ein eine einer "
    "eines im bei nach aus auch wird wurde hat haben sich noch um über wie als ziel kursziel "
    "hebt senkt belässt lässt startet stuft euro prozent aktie aktien analyse papiere "
    "anteilsscheine gegenüber seit dass oder wegen zu".split()
)
_ENGLISH = frozenset(
    "the and of to on in for with at is are was were has have from by as its this that "
    "price target maintains raises lowers upgrades downgrades initiates coverage shares "
    "rating stock says after reports sees announces".split()
)


_WORD_RE = re.compile(r"[a-zäöüß]+")
# The two word sets share no word, so each word counts at most once: German up, English down.
_SCORE = dict.fromkeys(_GERMAN, 1) | dict.fromkeys(_ENGLISH, -1)


SAMPLE = 600

# The German lead in function words over English, and whether German letters occur.
Votes = tuple[int, bool]


def detect_language(text: str, default: str = "en") -> str:
    """'de' or 'en' by counting function words in the first 600 characters."""
    return decide(votes(text[:SAMPLE].lower()), default)


def votes(lowered: str) -> Votes:
    """What `decide` weighs, from lower-cased text; pieces split at whitespace add up to the
    whole's."""
    lead = sum(map(_SCORE.get, _WORD_RE.findall(lowered), repeat(0)))
    return lead, any(letter in lowered for letter in "äöüß")


def decide(counted: Votes, default: str = "en") -> str:
    lead, umlauts = counted
    if lead == 0:
        return "de" if umlauts else default
    return "de" if lead > 0 else "en"


def added(parts: list[Votes]) -> Votes:
    return sum(lead for lead, _ in parts), any(umlauts for _, umlauts in parts)
