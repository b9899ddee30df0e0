"""Price charts as PNG: the price line, the configured bands, and markers where alerts fired.

Built on matplotlib's object API with the Agg canvas directly (no pyplot, no backend switch, no
global figure state), so a chart can be drawn in a worker thread while the event loop answers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from bot.models import Quote

BAND_COLOUR = "#2e7d32"  # the band's fill; tests look for it in the pixels
BAND_ALPHA = 0.18
LINE_COLOUR = "#1565c0"
EVENT_COLOURS = {"info": "#607d8b", "warning": "#ef6c00", "critical": "#c62828"}
SIZE_INCHES = (8.0, 4.0)
DPI = 100
MIN_POINTS = 2


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


def build_figure(
    quotes: list[Quote],
    *,
    title: str,
    bands: list[Band],
    events: list[EventMark],
    zone: ZoneInfo,
    price_label: str = "price",
) -> Figure:
    if len(quotes) < MIN_POINTS:
        raise ValueError(f"a chart needs at least {MIN_POINTS} prices, got {len(quotes)}")
    ordered = sorted(quotes, key=lambda quote: quote.time)
    times = [date2num(quote.time) for quote in ordered]
    prices = [quote.price for quote in ordered]

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    axes = figure.add_subplot()
    for band in bands:
        axes.axhspan(band.low, band.high, color=BAND_COLOUR, alpha=BAND_ALPHA, label=band.label)
        for edge in (band.low, band.high):
            axes.axhline(edge, color=BAND_COLOUR, linewidth=0.8, linestyle="--")
    axes.plot(times, prices, color=LINE_COLOUR, linewidth=1.6, label=price_label)
    first, last = ordered[0].time, ordered[-1].time
    for event in events:
        if not first <= event.time <= last:
            continue
        price = event.price if event.price is not None else _price_at(ordered, event.time)
        axes.plot(
            [date2num(event.time)],
            [price],
            marker="v",
            markersize=9,
            color=EVENT_COLOURS.get(event.severity, EVENT_COLOURS["warning"]),
            linestyle="none",
        )
    locator = AutoDateLocator(tz=zone)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator, tz=zone))
    axes.set_title(title)
    axes.grid(True, alpha=0.3)
    if bands:
        axes.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    return figure


def to_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def render_chart(
    quotes: list[Quote],
    *,
    title: str,
    bands: list[Band],
    events: list[EventMark],
    zone: ZoneInfo,
    price_label: str = "price",
) -> bytes:
    """The PNG bytes of a chart (CPU-bound: call it in a thread)."""
    figure = build_figure(
        quotes, title=title, bands=bands, events=events, zone=zone, price_label=price_label
    )
    return to_png(figure)


def _price_at(ordered: list[Quote], moment: datetime) -> float:
    """The last price at or before `moment` (the first one when it is earlier than all)."""
    found = ordered[0].price
    for quote in ordered:
        if quote.time > moment:
            break
        found = quote.price
    return found
