"""Price charts as PNG: the price line, the previous close, the configured bands, and markers
where alerts fired, pointing the way the price went.

Built on matplotlib's object API with the Agg canvas directly (no pyplot, no backend switch, no
global figure state), so a chart can be drawn in a worker thread while the event loop answers.
Dates and month names come from babel in the chat's language.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from babel.dates import format_skeleton
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from bot.chart_parts import Band, EventMark, Heading, Labels
from bot.models import Quote

__all__ = [
    "Band",
    "EventMark",
    "Heading",
    "Labels",
    "build_figure",
    "direction_at",
    "render_chart",
    "to_png",
]

BAND_COLOUR = "#2e7d32"  # the band's fill; tests look for it in the pixels
BAND_ALPHA = 0.18
LINE_COLOUR = "#1565c0"
PREVIOUS_CLOSE_COLOUR = "#8e24aa"
RISE_COLOUR = "#00897b"
FALL_COLOUR = "#c62828"
NEUTRAL_COLOUR = "#607d8b"
SIZE_INCHES = (8.0, 4.0)
DPI = 100
MIN_POINTS = 2
DAY_TICKS_MAX = 8
LEGEND_COLUMNS = 4
UP, DOWN, FLAT = 1, -1, 0


def build_figure(
    quotes: list[Quote],
    *,
    title: str,
    bands: list[Band],
    events: list[EventMark],
    zone: ZoneInfo,
    price_label: str = "price",
    lang: str = "en",
    labels: Labels | None = None,
    heading: Heading | None = None,
    previous_close: float | None = None,
    window: tuple[datetime, datetime] | None = None,
    gapless: bool = False,
) -> Figure:
    """`window`: the time span the x axis shows (a whole session), else the prices' own.
    `gapless`: one step per price, so nights and weekends take no room (several days)."""
    if len(quotes) < MIN_POINTS:
        raise ValueError(f"a chart needs at least {MIN_POINTS} prices, got {len(quotes)}")
    words = labels or Labels()
    ordered = sorted(quotes, key=lambda quote: quote.time)
    stamps = [quote.time.timestamp() for quote in ordered]
    prices = [quote.price for quote in ordered]
    if gapless:
        xs = np.arange(len(ordered), dtype=float)
    else:
        xs = np.array([date2num(quote.time) for quote in ordered])

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    axes = figure.add_subplot()
    for band in bands:
        axes.axhspan(band.low, band.high, color=BAND_COLOUR, alpha=BAND_ALPHA, label=band.label)
        for edge in (band.low, band.high):
            axes.axhline(edge, color=BAND_COLOUR, linewidth=0.8, linestyle="--")
    axes.plot(xs, prices, color=LINE_COLOUR, linewidth=1.6, label=price_label)
    if previous_close is not None:
        axes.axhline(
            previous_close,
            color=PREVIOUS_CLOSE_COLOUR,
            linewidth=1.2,
            linestyle=(0, (6, 4)),
            label=words.previous_close,
        )
    _mark_events(axes, events, stamps, prices, xs, words)

    if gapless:
        _day_ticks(axes, ordered, zone, lang)
    else:
        locator = AutoDateLocator(tz=zone)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(_LocalTimes(zone, lang))
        first, last = ordered[0].time, ordered[-1].time
        if window is not None:
            first, last = min(first, window[0]), max(last, window[1])
        axes.set_xlim(date2num(first), date2num(last))
        axes.set_xlabel(_day_name(ordered[-1].time, zone, lang))
    axes.set_title(title, loc="left", fontsize="medium")
    if heading is not None:
        axes.set_title(heading.text, loc="right", fontsize="medium", color=_colour(heading))
    if words.axis:
        axes.set_ylabel(words.axis)
    axes.grid(True, alpha=0.3)
    # Under the plot, so that it never hides the price line.
    entries = len(axes.get_legend_handles_labels()[1])
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncols=min(entries, LEGEND_COLUMNS),
        fontsize="small",
        frameon=False,
    )
    figure.tight_layout()
    return figure


def to_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def render_chart(quotes: list[Quote], **options: Any) -> bytes:
    """The PNG bytes of a chart (CPU-bound: call it in a thread); options as build_figure."""
    return to_png(build_figure(quotes, **options))


def direction_at(stamps: list[float], prices: list[float], moment: float, price: float) -> int:
    """UP or DOWN when `price` at `moment` is above or below the last different price before
    it; FLAT when nothing earlier differs."""
    index = bisect_left(stamps, moment) - 1
    while index >= 0:
        if prices[index] != price:
            return UP if price > prices[index] else DOWN
        index -= 1
    return FLAT


def _mark_events(
    axes: Axes,
    events: list[EventMark],
    stamps: list[float],
    prices: list[float],
    xs: np.ndarray,
    words: Labels,
) -> None:
    styles = {
        UP: ("^", RISE_COLOUR, words.rise),
        DOWN: ("v", FALL_COLOUR, words.fall),
        FLAT: ("o", NEUTRAL_COLOUR, words.alert),
    }
    shown: set[int] = set()
    for event in events:
        moment = event.time.timestamp()
        if not stamps[0] <= moment <= stamps[-1]:
            continue
        price = event.price if event.price is not None else _price_at(stamps, prices, moment)
        way = direction_at(stamps, prices, moment, price)
        marker, colour, label = styles[way]
        axes.plot(
            [float(np.interp(moment, stamps, xs))],
            [price],
            marker=marker,
            markersize=9,
            color=colour,
            linestyle="none",
            label=label if way not in shown else None,
        )
        shown.add(way)


def _price_at(stamps: list[float], prices: list[float], moment: float) -> float:
    """The last price at or before `moment` (the first one when it is earlier than all)."""
    return prices[max(bisect_right(stamps, moment) - 1, 0)]


class _LocalTimes(Formatter):
    """Tick labels in the chat's zone and language: the time of day, or the date at midnight."""

    def __init__(self, zone: ZoneInfo, lang: str) -> None:
        self.zone, self.lang = zone, lang

    def __call__(self, x: float, pos: int | None = None) -> str:
        moment = num2date(x, tz=self.zone)
        skeleton = "MMMd" if (moment.hour, moment.minute) == (0, 0) else "Hm"
        return str(format_skeleton(skeleton, moment, tzinfo=self.zone, locale=self.lang))


def _day_ticks(axes: Axes, ordered: list[Quote], zone: ZoneInfo, lang: str) -> None:
    """A tick at the first price of each day, at most DAY_TICKS_MAX of them."""
    firsts: list[int] = []
    for index, quote in enumerate(ordered):
        day = quote.time.astimezone(zone).date()
        if not firsts or ordered[firsts[-1]].time.astimezone(zone).date() != day:
            firsts.append(index)
    step = -(-len(firsts) // DAY_TICKS_MAX)
    chosen = firsts[::step]
    skeleton = "MMMEd" if len(firsts) <= DAY_TICKS_MAX else "MMMd"
    texts = [
        str(format_skeleton(skeleton, ordered[i].time, tzinfo=zone, locale=lang)) for i in chosen
    ]
    axes.set_xticks([float(i) for i in chosen], texts)
    axes.set_xlim(0, len(ordered) - 1)


def _day_name(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    return str(format_skeleton("yMMMEd", moment, tzinfo=zone, locale=lang))


def _colour(heading: Heading) -> str:
    if heading.change_pct is None or heading.change_pct == 0:
        return "black"
    return RISE_COLOUR if heading.change_pct > 0 else FALL_COLOUR
