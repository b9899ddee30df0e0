"""Price history for charts from the Yahoo chart v8 API: the bars of one period, the trading
session a one-day chart spans, and the previous close."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.models import Quote, positive_price
from bot.sources.http import HttpClient
from bot.sources.prices import (
    as_dict,
    bar_closes,
    currency_of,
    epoch_time,
    fetch_chart,
    previous_close_of,
)


@dataclass(frozen=True, slots=True)
class Period:
    range: str  # Yahoo's range parameter
    interval: str  # the bar size asked for
    span: timedelta  # how far back recorded quotes are shown when the provider is not asked


PERIODS = {
    "1d": Period("1d", "5m", timedelta(days=1)),
    "5d": Period("5d", "15m", timedelta(days=5)),
    "1m": Period("1mo", "1d", timedelta(days=31)),
}


@dataclass(frozen=True, slots=True)
class History:
    points: list[tuple[datetime, float]]  # oldest first
    currency: str | None = None
    previous_close: float | None = None
    session: tuple[datetime, datetime] | None = None  # the regular session the bars fall in

    def quotes(self, symbol: str) -> list[Quote]:
        return [
            Quote(symbol, price, when, self.currency, self.previous_close)
            for when, price in self.points
        ]

    def to_json(self) -> str:
        return json.dumps(
            {
                "points": [[when.timestamp(), price] for when, price in self.points],
                "currency": self.currency,
                "previous_close": self.previous_close,
                "session": [moment.timestamp() for moment in self.session]
                if self.session
                else None,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> History:
        data = json.loads(text)
        session = data.get("session")
        return cls(
            points=[(_utc(stamp), float(price)) for stamp, price in data["points"]],
            currency=data.get("currency"),
            previous_close=data.get("previous_close"),
            session=(_utc(session[0]), _utc(session[1])) if session else None,
        )


async def fetch_history(http: HttpClient, *, base_url: str, symbol: str, period: str) -> History:
    """The provider's bars for one of PERIODS; SourceError as bot.sources.prices.fetch_chart."""
    wanted = PERIODS[period]
    query = f"range={wanted.range}&interval={wanted.interval}"
    result = await fetch_chart(http, base_url=base_url, symbol=symbol, query=query)
    return history_from_result(result)


def history_from_result(result: dict[str, Any]) -> History:
    meta = as_dict(result.get("meta"))
    points = sorted(bar_closes(result))
    # A bar is stamped with its start; the price of the moment is newer than the last bar's.
    price = positive_price(meta.get("regularMarketPrice"))
    when = epoch_time(meta.get("regularMarketTime"))
    if price is not None and when is not None and (not points or when > points[-1][0]):
        points.append((when, price))
    previous = previous_close_of(meta) or _close_before_last_day(points, _exchange_zone(meta))
    return History(
        points=points,
        currency=currency_of(meta),
        previous_close=previous,
        session=_session(meta, points),
    )


def merge_recorded(history: list[Quote], recorded: list[Quote]) -> list[Quote]:
    """The provider's history, then the quotes recorded here since its last point."""
    if not history:
        return list(recorded)
    last = history[-1].time
    return history + [quote for quote in recorded if quote.time > last]


def _close_before_last_day(points: list[tuple[datetime, float]], zone: tzinfo) -> float | None:
    """The last close of the session before the newest one: multi-day ranges state no
    previous close, only the close before the whole range."""
    if not points:
        return None
    newest_day = points[-1][0].astimezone(zone).date()
    for when, price in reversed(points):
        if when.astimezone(zone).date() < newest_day:
            return price
    return None


def _session(
    meta: dict[str, Any], points: list[tuple[datetime, float]]
) -> tuple[datetime, datetime] | None:
    """The regular session of the current trading period, when the bars belong to it."""
    regular = as_dict(as_dict(meta.get("currentTradingPeriod")).get("regular"))
    start, end = epoch_time(regular.get("start")), epoch_time(regular.get("end"))
    if start is None or end is None or start >= end or not points:
        return None
    if not any(start <= when <= end for when, _ in points):
        return None
    return start, end


def _exchange_zone(meta: dict[str, Any]) -> tzinfo:
    name = meta.get("exchangeTimezoneName")
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    offset = meta.get("gmtoffset")
    if isinstance(offset, int) and not isinstance(offset, bool) and abs(offset) < 86400:
        return timezone(timedelta(seconds=offset))
    return UTC


def _utc(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)
