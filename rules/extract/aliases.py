"""Name tables: brokers, rating labels and non-brokers.

The tables help recognise a name in free text; events keep the name as the text wrote it.
Headline grammars accept unseen brokers by position, so these lists need not be complete.
"""

from __future__ import annotations

import re

from .data_files import data_lines
from .name_table import NameTable, table_key
from .org_words import LEGAL

# Sell-side firms and research houses, in the spellings news wires use.
BROKERS: tuple[str, ...] = tuple(data_lines("brokers.txt"))

# Firms that rate credit, not stocks, and institutions that are not brokers.
NON_BROKERS: frozenset[str] = frozenset(name.lower() for name in data_lines("non_brokers.txt"))

# Rating labels, for texts where a label is not marked by quotes or grammar.
RATINGS: tuple[str, ...] = tuple(data_lines("ratings.txt"))

RATING_WORDS: frozenset[str] = frozenset(rating.lower() for rating in RATINGS)
# "hold (c)", "sell (d+)": a rating with a letter grade after it
_GRADE_RE = re.compile(r"\s\([a-e][+-]?\)$")


def is_rating_word(rating: str) -> bool:
    """Whether a rating as written is one the tables know, a letter grade after it allowed."""
    lowered = rating.lower()
    if lowered in RATING_WORDS:
        return True
    return lowered.endswith(")") and _GRADE_RE.sub("", lowered) in RATING_WORDS


BROKER_TABLE = NameTable(BROKERS)


# A firm's corporate tail, which the table's spellings leave out: "Needham & Company LLC",
# "Wells Fargo & Co.", "B. Riley Securities", "Loop Capital Markets".
_FIRM_TAIL_WORDS = LEGAL | {"company", "securities", "financial", "markets"}


def is_broker_name(name: str) -> bool:
    """Whether the tables know the firm, as named or without its corporate tail."""
    if name in BROKER_TABLE:
        return True
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _FIRM_TAIL_WORDS:
        words.pop()
        if len(words) > 1 and words[-1] in ("&", "and"):
            words.pop()
    return " ".join(words).rstrip(",") in BROKER_TABLE


# each spelling of a house that has several, lower-cased, to the house's first spelling
_HOUSE_OF: dict[str, str] = {
    spelling.lower(): spellings.split(" | ")[0]
    for spellings in data_lines("broker_houses.txt")
    for spelling in spellings.split(" | ")
}


def same_house(one: str, other: str) -> bool:
    """Whether two broker spellings name one house ("Citi", "Citigroup")."""
    house = _HOUSE_OF.get(one.lower())
    return house is not None and house == _HOUSE_OF.get(other.lower())


def is_non_broker(name: str) -> bool:
    return table_key(name) in NON_BROKERS or name.lower() in NON_BROKERS
