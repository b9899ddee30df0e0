"""What a price chart shows, as plain values, and the one call that draws it.

Drawing needs matplotlib and numpy, tens of megabytes and about a second to import: they are
loaded with the first chart asked for (bot.charts), not when the bot starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.models import Quote


@dataclass(frozen=True, slots=True)
class Band:
    low: float
    high: float
    label: str


@dataclass(frozen=True, slots=True)
class EventMark:
    time: datetime
    severity: str
    label: str
    price: float | None = None  # None: taken from the price line at that time


@dataclass(frozen=True, slots=True)
class Labels:
    """The words on a chart besides its title, in the chat's language."""

    previous_close: str = "previous close"
    rise: str = "alert, price rising"
    fall: str = "alert, price falling"
    alert: str = "alert"
    axis: str = ""  # the price axis, e.g. the currency


@dataclass(frozen=True, slots=True)
class Heading:
    """Last price and change, right of the title, green for a rise and red for a fall."""

    text: str
    change_pct: float | None = None


def render_chart(quotes: list[Quote], **options: Any) -> bytes:
    """The PNG bytes of a chart (CPU-bound: call it in a thread); options as
    bot.charts.build_figure."""
    from bot import charts

    return charts.render_chart(quotes, **options)
