"""Importing this package registers every built-in rule type."""

from rules.types import (
    analyst,
    combo,
    consensus,
    keyword,
    partnership,
    price_band,
    price_move,
    threshold,
)

__all__ = [
    "analyst",
    "combo",
    "consensus",
    "keyword",
    "partnership",
    "price_band",
    "price_move",
    "threshold",
]
