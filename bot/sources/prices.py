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
        url = f"{base_url.rstrip('/')}/v8/finance/chart/{quote(symbol, safe='')}?{_CHART_QUERY}"
        try:
            async with gate:
                # Yahoo answers an unknown symbol with 404 and its error JSON: read that body.
                response = await http.get(url, accept_statuses=(404,))
            return _quote_from_answer(response.status, response.body, symbol, now)
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


def parse_chart(payload: Any, symbol: str, *, now: datetime | None = None) -> Quote:
    """A Quote from one chart response; now is the time used when the response carries none."""
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
    meta = _dict(result.get("meta"))

    price = positive_price(meta.get("regularMarketPrice"))
    when = _epoch(meta.get("regularMarketTime"))
    last_close, last_close_time = _last_close(result)
    if price is None:
        price, when = last_close, last_close_time
    if price is None:
        raise SourceError("parse", f"{symbol}: no usable price (null, NaN or not positive)")
    when = when or last_close_time or (now.astimezone(UTC) if now else None)
    if when is None:
        raise SourceError("parse", f"{symbol}: price has no time")

    currency = meta.get("currency")
    return Quote(
        symbol=symbol,
        price=price,
        time=when,
        currency=currency if isinstance(currency, str) and currency else None,
        previous_close=_previous_close(meta),
    )


def _quote_from_answer(status: int, body: bytes, symbol: str, now: datetime) -> Quote:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError) as exc:
        if status == 404:
            raise SourceError("not_found", f"{symbol}: HTTP 404", status=404) from exc
        raise SourceError("parse", f"{symbol}: response is not JSON ({exc})") from exc
    if status == 404:
        # Yahoo's 404 body says why; any other 404 body still means there is no such symbol.
        error = _dict(_dict(payload).get("chart")).get("error")
        message = _chart_error(error, symbol).message if error else f"{symbol}: HTTP 404"
        raise SourceError("not_found", message, status=404)
    return parse_chart(payload, symbol, now=now)


def _chart_error(error: object, symbol: str) -> SourceError:
    details = _dict(error)
    code = str(details.get("code") or "error")
    description = str(details.get("description") or "")
    message = f"{symbol}: {code}: {description}".rstrip(": ")
    if code.lower().replace(" ", "") == "notfound":
        return SourceError("not_found", message)
    return SourceError("api", message)


def _previous_close(meta: dict[str, Any]) -> float | None:
    previous = positive_price(meta.get("previousClose"))
    if previous is not None:
        return previous
    # chartPreviousClose is the close before the chart's range, which is the previous
    # session's close only for a one-day range.
    if meta.get("range") in (None, "1d"):
        return positive_price(meta.get("chartPreviousClose"))
    return None


def _last_close(result: dict[str, Any]) -> tuple[float | None, datetime | None]:
    timestamps = result.get("timestamp")
    quotes = _dict(result.get("indicators")).get("quote")
    first = quotes[0] if isinstance(quotes, list) and quotes else None
    closes = _dict(first).get("close")
    if not isinstance(timestamps, list) or not isinstance(closes, list):
        return None, None
    for index in range(min(len(timestamps), len(closes)) - 1, -1, -1):
        price = positive_price(closes[index])
        if price is not None:
            return price, _epoch(timestamps[index])
    return None, None


def _epoch(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
