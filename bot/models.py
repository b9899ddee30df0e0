"""Normalised records that flow from the sources into the pipeline."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class NewsItem:
    """One feed entry, reduced to plain text with a UTC time and a stable id."""

    id: str  # stable across polls and restarts: derived from guid, else link, else title
    source: str  # the configured feed name
    title: str
    summary: str
    link: str
    published: datetime  # timezone-aware UTC
    lang: str  # "en" | "de" | ...
    symbols: tuple[str, ...] = field(default=())  # watchlist symbols the text names
    owner: int | None = None  # the chat whose own feed it came from; None: a shared feed

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.summary}" if self.summary else self.title


@dataclass(frozen=True, slots=True)
class Quote:
    """A price observation for one symbol."""

    symbol: str
    price: float
    time: datetime  # timezone-aware UTC
    currency: str | None = None
    previous_close: float | None = None
    provider: str | None = None  # the price provider that answered, e.g. "yahoo"

    @property
    def change_pct(self) -> float | None:
        if not self.previous_close:
            return None
        return (self.price / self.previous_close - 1.0) * 100.0


def positive_price(value: object) -> float | None:
    """`value` as a price when it is a finite number above zero (not a bool); None otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and number > 0 else None


def decimal_price(value: object) -> float | None:
    """Like positive_price, and also for a price sent as a decimal string ("67012.50")."""
    if isinstance(value, str):
        try:
            return positive_price(float(value))
        except ValueError:
            return None
    return positive_price(value)
