"""Latest prices from the Yahoo Finance chart v8 JSON API."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from bot.models import Quote, positive_price
from bot.sources.http import HttpClient, SourceError

DEFAULT_MAX_CONCURRENCY = 4
_CHART_QUERY = "interval=1m&range=1d"


@dataclass(frozen=True, slots=True)
class QuoteBatch:
    quotes: list[Quote]
    errors: dict[str, SourceError] = field(default_factory=dict)


async def fetch_quotes(
    http: HttpClient,
    *,
    base_url: str,
    symbols: Sequence[str],
    now: datetime,
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
) -> QuoteBatch:
    """One chart request per symbol, at most max_concurrency at a time; failures are per symbol."""
    if max_concurrency < 1:
        raise ValueError("max_concurrency must be at least 1")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    gate = asyncio.Semaphore(max_concurrency)
    unique = list(dict.fromkeys(symbols))

    async def one(symbol: str) -> Quote | SourceError:
        try:
            async with gate:
                result = await fetch_chart(
                    http, base_url=base_url, symbol=symbol, query=_CHART_QUERY
                )
            return _quote_from_result(result, symbol, now)
        except SourceError as error:
            return error

    outcomes = await asyncio.gather(*(one(symbol) for symbol in unique))
    batch = QuoteBatch(quotes=[], errors={})
    for symbol, outcome in zip(unique, outcomes, strict=True):
        if isinstance(outcome, SourceError):
            batch.errors[symbol] = outcome
        else:
            batch.quotes.append(outcome)
    return batch


async def fetch_chart(
    http: HttpClient, *, base_url: str, symbol: str, query: str
) -> dict[str, Any]:
    """The result object of one chart request (quotes, history); SourceError("not_found") when
    the provider does not know the symbol, other kinds for what may pass."""
    url = f"{base_url.rstrip('/')}/v8/finance/chart/{quote(symbol, safe='')}?{query}"
    # Yahoo answers an unknown symbol with 404 and its error JSON: read that body.
    response = await http.get(url, accept_statuses=(404,))
    try:
        payload = json.loads(response.body)
    except (ValueError, RecursionError) as exc:
        if response.status == 404:
            raise SourceError("not_found", f"{symbol}: HTTP 404", status=404) from exc
        raise SourceError("parse", f"{symbol}: response is not JSON ({exc})") from exc
    if response.status == 404:
        # Yahoo's 404 body says why; any other 404 body still means there is no such symbol.
        error = as_dict(as_dict(payload).get("chart")).get("error")
        message = _chart_error(error, symbol).message if error else f"{symbol}: HTTP 404"
        raise SourceError("not_found", message, status=404)
    return chart_result(payload, symbol)


def chart_result(payload: Any, symbol: str) -> dict[str, Any]:
    """The first result of a chart response; SourceError when it carries an error or none."""
    chart = payload.get("chart") if isinstance(payload, dict) else None
    if not isinstance(chart, dict):
        raise SourceError("parse", f"{symbol}: no 'chart' object in the response")
    error = chart.get("error")
    if error:
        raise _chart_error(error, symbol)
    results = chart.get("result")
    result = results[0] if isinstance(results, list) and results else None
    if not isinstance(result, dict):
        raise SourceError("parse", f"{symbol}: chart has no result")
    return result


def parse_chart(payload: Any, symbol: str, *, now: datetime | None = None) -> Quote:
    """A Quote from one chart response; now is the time used when the response carries none."""
    return _quote_from_result(chart_result(payload, symbol), symbol, now)


def _quote_from_result(result: dict[str, Any], symbol: str, now: datetime | None) -> Quote:
    meta = as_dict(result.get("meta"))
    price = positive_price(meta.get("regularMarketPrice"))
    when = epoch_time(meta.get("regularMarketTime"))
    last_close, last_close_time = _last_close(result)
    if price is None:
        price, when = last_close, last_close_time
    if price is None:
        raise SourceError("parse", f"{symbol}: no usable price (null, NaN or not positive)")
    when = when or last_close_time or (now.astimezone(UTC) if now else None)
    if when is None:
        raise SourceError("parse", f"{symbol}: price has no time")

    return Quote(
        symbol=symbol,
        price=price,
        time=when,
        currency=currency_of(meta),
        previous_close=previous_close_of(meta),
    )


def currency_of(meta: dict[str, Any]) -> str | None:
    currency = meta.get("currency")
    return currency if isinstance(currency, str) and currency else None


def _chart_error(error: object, symbol: str) -> SourceError:
    details = as_dict(error)
    code = str(details.get("code") or "error")
    description = str(details.get("description") or "")
    message = f"{symbol}: {code}: {description}".rstrip(": ")
    if code.lower().replace(" ", "") == "notfound":
        return SourceError("not_found", message)
    return SourceError("api", message)


def previous_close_of(meta: dict[str, Any]) -> float | None:
    """The previous session's close as the chart's meta states it, when it does."""
    previous = positive_price(meta.get("previousClose"))
    if previous is not None:
        return previous
    # chartPreviousClose is the close before the chart's range, which is the previous
    # session's close only for a one-day range.
    if meta.get("range") in (None, "1d"):
        return positive_price(meta.get("chartPreviousClose"))
    return None


def _last_close(result: dict[str, Any]) -> tuple[float | None, datetime | None]:
    bars = bar_closes(result)
    if not bars:
        return None, None
    when, price = bars[-1]
    return price, when


def bar_closes(result: dict[str, Any]) -> list[tuple[datetime, float]]:
    """Each bar's time and close, oldest first; bars without a usable close or time are left out."""
    timestamps = result.get("timestamp")
    quotes = as_dict(result.get("indicators")).get("quote")
    first = quotes[0] if isinstance(quotes, list) and quotes else None
    closes = as_dict(first).get("close")
    if not isinstance(timestamps, list) or not isinstance(closes, list):
        return []
    bars = []
    for stamp, close in zip(timestamps, closes, strict=False):
        when, price = epoch_time(stamp), positive_price(close)
        if when is not None and price is not None:
            bars.append((when, price))
    return bars


def epoch_time(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
