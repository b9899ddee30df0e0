"""Market events found in news text: what the rules engine sees.

`to_dict()` gives the evaluation schema (see the README's extraction section); fields that are
resolved later from the watchlist and live prices (`symbols`, `upside_pct`) are not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

RatingAction = Literal["up", "down", "init", "main", "none"]
TargetAction = Literal["raise", "lower", "init", "set", "none"]


@dataclass(slots=True)
class AnalystAction:
    broker: str
    company: str
    rating_action: RatingAction = "none"
    rating: str | None = None
    target_action: TargetAction = "none"
    target: float | None = None
    prior_target: float | None = None
    currency: str | None = None
    symbols: tuple[str, ...] = field(default=())
    type: Literal["analyst"] = "analyst"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "broker": self.broker,
            "company": self.company,
            "rating_action": self.rating_action,
            "rating": self.rating,
            "target_action": self.target_action,
            "target": _plain_number(self.target),
            "prior_target": _plain_number(self.prior_target),
            "currency": self.currency,
        }


@dataclass(slots=True)
class Partnership:
    parties: tuple[str, ...]
    symbols: tuple[str, ...] = field(default=())
    type: Literal["partnership"] = "partnership"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "parties": list(self.parties)}


@dataclass(slots=True)
class PriceMove:
    """A reported move: "gab um 2,1 Prozent nach", "rose 4.8% to $47.08"."""

    change_pct: float  # signed: negative for a fall
    company: str | None = None
    price: float | None = None
    currency: str | None = None
    symbols: tuple[str, ...] = field(default=())
    type: Literal["price_move"] = "price_move"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "company": self.company,
            "change_pct": self.change_pct,
            "price": _plain_number(self.price),
            "currency": self.currency,
        }


@dataclass(slots=True)
class PriceRange:
    """A stated trading range: "pendelt zwischen 48 und 51 Euro"."""

    low: float
    high: float
    company: str | None = None
    currency: str | None = None
    symbols: tuple[str, ...] = field(default=())
    type: Literal["price_range"] = "price_range"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "company": self.company,
            "low": _plain_number(self.low),
            "high": _plain_number(self.high),
            "currency": self.currency,
        }


@dataclass(slots=True)
class Consensus:
    """Analyst consensus: mean/median target and the buy/hold/sell split."""

    company: str | None = None
    mean_target: float | None = None
    median_target: float | None = None
    buy: int | None = None
    hold: int | None = None
    sell: int | None = None
    currency: str | None = None
    rating: str | None = None  # the consensus rating as written: "Moderate Buy", "Kaufen"
    analysts: int | None = None  # how many analysts the split counts, where the text says
    symbols: tuple[str, ...] = field(default=())
    type: Literal["consensus"] = "consensus"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "company": self.company,
            "mean_target": _plain_number(self.mean_target),
            "median_target": _plain_number(self.median_target),
            "buy": self.buy,
            "hold": self.hold,
            "sell": self.sell,
            "currency": self.currency,
            "rating": self.rating,
            "analysts": self.analysts,
        }


Event = AnalystAction | Partnership | PriceMove | PriceRange | Consensus


def _plain_number(value: float | None) -> float | int | None:
    """Whole numbers as int, so 207.0 prints as 207 like the gold files."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
