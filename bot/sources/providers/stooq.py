"""Stooq's CSV endpoints: latest quotes for many symbols in one request, daily history."""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Annotated, ClassVar
from urllib.parse import quote as url_quote
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field

from bot.models import Quote, positive_price
from bot.sources.history import PERIODS, History
from bot.sources.http import HttpClient, SourceError
from bot.sources.prices import QuoteBatch
from bot.sources.providers.base import PriceProvider, ProviderOptions, in_batches
from bot.sources.providers.checks import BaseUrl, require_zone

UNKNOWN = "N/D"  # Stooq's field value for a symbol it does not know
QUOTE_FIELDS = "sd2t2ohlcv"  # symbol, date, time, open, high, low, close, volume
BATCH_MAX = 50


class StooqOptions(ProviderOptions):
    base_url: BaseUrl = "https://stooq.com"
    # Stooq states dates and times in Warsaw's zone.
    zone: Annotated[str, AfterValidator(require_zone)] = "Europe/Warsaw"
    batch: int = Field(default=BATCH_MAX, ge=1, le=BATCH_MAX)


class StooqProvider(PriceProvider):
    name: ClassVar[str] = "stooq"
    Options: ClassVar[type[ProviderOptions]] = StooqOptions
    options: StooqOptions

    async def quotes(
        self, http: HttpClient, symbols: Mapping[str, str], now: datetime
    ) -> QuoteBatch:
        asked = {symbol.lower(): ticker for ticker, symbol in symbols.items()}
        return await in_batches(asked, self.options.batch, functools.partial(self._batch, http))

    async def _batch(self, http: HttpClient, asked: dict[str, str]) -> QuoteBatch:
        names = ",".join(url_quote(symbol, safe=".^-_") for symbol in asked)
        url = f"{self.options.base_url}/q/l/?s={names}&f={QUOTE_FIELDS}&h&e=csv"
        try:
            response = await http.get(url)
            rows = _rows(response.body, url)
        except SourceError as error:
            return QuoteBatch(quotes=[], errors=dict.fromkeys(asked.values(), error))
        batch = QuoteBatch(quotes=[], errors={})
        zone = ZoneInfo(self.options.zone)
        for symbol, ticker in asked.items():
            row = rows.get(symbol)
            try:
                if row is None:
                    raise SourceError("parse", f"{ticker}: Stooq's answer has no row for {symbol}")
                batch.quotes.append(_quote(ticker, symbol, row, zone))
            except SourceError as error:
                batch.errors[ticker] = error
        return batch

    async def history(
        self, http: HttpClient, ticker: str, symbol: str, period: str
    ) -> History | None:
        if period == "1d":
            return None  # daily bars draw no single day
        url = f"{self.options.base_url}/q/d/l/?s={url_quote(symbol.lower(), safe='.^-_')}&i=d"
        response = await http.get(url)
        zone = ZoneInfo(self.options.zone)
        bars = _daily_closes(response.body, ticker, zone)
        since = bars[-1][0] - PERIODS[period].span
        points = [(when, close) for when, close in bars if when > since]
        previous = next((close for when, close in reversed(bars) if when <= since), None)
        return History(points=points, currency=self.options.currency, previous_close=previous)


def _rows(body: bytes, url: str) -> dict[str, dict[str, str]]:
    """The CSV's rows by lower-case symbol."""
    reader = csv.DictReader(io.StringIO(_text(body, url)))
    try:
        if not reader.fieldnames or "Symbol" not in reader.fieldnames:
            raise SourceError("parse", f"{url}: not Stooq's quote CSV (no Symbol column)")
        return {
            (row.get("Symbol") or "").strip().lower(): row for row in reader if row.get("Symbol")
        }
    except csv.Error as exc:
        raise SourceError("parse", f"{url}: unreadable CSV ({exc})") from exc


def _quote(ticker: str, symbol: str, row: dict[str, str], zone: ZoneInfo) -> Quote:
    if (row.get("Close") or "").strip() == UNKNOWN:
        raise SourceError("not_found", f"{ticker}: Stooq does not know {symbol} (N/D)")
    price = _number(row.get("Close"))
    if price is None:
        raise SourceError("parse", f"{ticker}: no usable price ({row.get('Close')!r})")
    when = _moment(row.get("Date"), row.get("Time"), zone)
    if when is None:
        raise SourceError(
            "parse", f"{ticker}: unreadable date/time {row.get('Date')!r} {row.get('Time')!r}"
        )
    return Quote(symbol=ticker, price=price, time=when)


def _daily_closes(body: bytes, ticker: str, zone: ZoneInfo) -> list[tuple[datetime, float]]:
    text = _text(body, ticker).strip()
    # Stooq answers an unknown symbol with 200 and the words "No data" instead of a CSV.
    if not text or text.lower().startswith("no data"):
        raise SourceError("not_found", f"{ticker}: Stooq has no daily data for it")
    reader = csv.DictReader(io.StringIO(text))
    bars = []
    try:
        if not reader.fieldnames or "Close" not in reader.fieldnames:
            raise SourceError("parse", f"{ticker}: not Stooq's daily CSV (no Close column)")
        for row in reader:
            day, close = _day(row.get("Date")), _number(row.get("Close"))
            if day is not None and close is not None:
                bars.append((datetime.combine(day, time(), zone).astimezone(UTC), close))
    except csv.Error as exc:
        raise SourceError("parse", f"{ticker}: unreadable daily CSV ({exc})") from exc
    if not bars:
        raise SourceError("parse", f"{ticker}: Stooq's daily CSV holds no usable close")
    return sorted(bars)


def _text(body: bytes, where: str) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError("parse", f"{where}: the CSV is not UTF-8 ({exc.reason})") from exc


def _number(value: str | None) -> float | None:
    try:
        return positive_price(float((value or "").strip()))
    except ValueError:
        return None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _moment(day_text: str | None, time_text: str | None, zone: ZoneInfo) -> datetime | None:
    day = _day(day_text)
    if day is None:
        return None
    try:
        clock = time.fromisoformat((time_text or "").strip())
    except ValueError:
        return None
    return datetime.combine(day, clock, zone).astimezone(UTC)
