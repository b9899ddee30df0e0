"""Binance's public spot API: 24-hour tickers for many symbols in one request, klines for
history."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import quote as url_quote

from pydantic import Field

from bot.models import Quote, decimal_price
from bot.sources.history import History
from bot.sources.http import ErrorKind, FetchResponse, HttpClient, SourceError
from bot.sources.prices import QuoteBatch, epoch_time
from bot.sources.providers.base import (
    PriceProvider,
    ProviderOptions,
    each_symbol,
    in_batches,
)
from bot.sources.providers.checks import BaseUrl

INVALID_SYMBOL = -1121  # Binance's error code for a symbol it does not list
BATCH_MAX = 100
# Bars per chart period: the interval asked for and how many of them span the period.
KLINES = {"1d": ("5m", 288), "5d": ("15m", 480), "1m": ("1d", 31)}
# The assets a pair is priced in, longest first so that FDUSD is not read as ...USD.
QUOTE_ASSETS = ("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "EUR", "TRY", "BRL", "BTC", "ETH", "BNB")


class BinanceOptions(ProviderOptions):
    base_url: BaseUrl = "https://api.binance.com"
    batch: int = Field(default=BATCH_MAX, ge=1, le=BATCH_MAX)


class BinanceProvider(PriceProvider):
    name: ClassVar[str] = "binance"
    Options: ClassVar[type[ProviderOptions]] = BinanceOptions
    options: BinanceOptions

    async def quotes(
        self, http: HttpClient, symbols: Mapping[str, str], now: datetime
    ) -> QuoteBatch:
        asked = {symbol.upper(): ticker for ticker, symbol in symbols.items()}
        return await in_batches(asked, self.options.batch, functools.partial(self._batch, http))

    async def _batch(self, http: HttpClient, asked: dict[str, str]) -> QuoteBatch:
        names = json.dumps(list(asked), separators=(",", ":"))
        url = f"{self.options.base_url}/api/v3/ticker/24hr?symbols={url_quote(names)}"
        try:
            tickers = {
                str(entry.get("symbol")): entry
                for entry in _objects(await _get_json(http, url), url)
            }
        except SourceError as error:
            if error.kind == "not_found" and len(asked) > 1:
                # One unknown symbol fails the whole batch; asked alone, each says for itself.
                return await each_symbol(
                    {ticker: symbol for symbol, ticker in asked.items()},
                    lambda ticker, symbol: self._one(http, ticker, symbol),
                )
            if error.kind == "not_found":
                error = SourceError("not_found", f"{next(iter(asked.values()))}: {error.message}")
            return QuoteBatch(quotes=[], errors=dict.fromkeys(asked.values(), error))
        batch = QuoteBatch(quotes=[], errors={})
        for symbol, ticker in asked.items():
            try:
                entry = tickers.get(symbol)
                if entry is None:
                    raise SourceError("parse", f"{ticker}: Binance's answer has no {symbol}")
                batch.quotes.append(self._quote(ticker, symbol, entry))
            except SourceError as error:
                batch.errors[ticker] = error
        return batch

    async def _one(self, http: HttpClient, ticker: str, symbol: str) -> Quote:
        url = f"{self.options.base_url}/api/v3/ticker/24hr?symbol={url_quote(symbol)}"
        try:
            payload = await _get_json(http, url)
        except SourceError as error:
            raise SourceError(
                error.kind, f"{ticker}: {error.message}", error.retry_after
            ) from error
        if not isinstance(payload, dict):
            raise SourceError("parse", f"{ticker}: Binance's ticker is not an object")
        return self._quote(ticker, symbol, payload)

    async def history(
        self, http: HttpClient, ticker: str, symbol: str, period: str
    ) -> History | None:
        interval, limit = KLINES[period]
        url = (
            f"{self.options.base_url}/api/v3/klines?symbol={url_quote(symbol.upper())}"
            f"&interval={interval}&limit={limit}"
        )
        try:
            payload = await _get_json(http, url)
        except SourceError as error:
            raise SourceError(
                error.kind, f"{ticker}: {error.message}", error.retry_after
            ) from error
        if not isinstance(payload, list):
            raise SourceError("parse", f"{ticker}: Binance's klines are not a list")
        points = sorted(point for bar in payload if (point := _kline(bar)) is not None)
        # A day's chart measures from the price 24 hours ago, as the quotes' change does.
        first = payload[0] if payload and isinstance(payload[0], list) else []
        opened = decimal_price(first[1]) if period == "1d" and len(first) > 1 else None
        return History(
            points=points, currency=self.currency_of(symbol.upper()), previous_close=opened
        )

    def _quote(self, ticker: str, symbol: str, entry: dict[str, Any]) -> Quote:
        price = decimal_price(entry.get("lastPrice"))
        if price is None:
            raise SourceError(
                "parse", f"{ticker}: no usable lastPrice ({entry.get('lastPrice')!r})"
            )
        when = _millis(entry.get("closeTime"))
        if when is None:
            raise SourceError(
                "parse", f"{ticker}: no usable closeTime ({entry.get('closeTime')!r})"
            )
        # The price 24 hours ago: a market that never closes has no previous close, and
        # Binance's own 24-hour change is measured from this price.
        return Quote(
            symbol=ticker,
            price=price,
            time=when,
            currency=self.currency_of(symbol),
            previous_close=decimal_price(entry.get("openPrice")),
        )

    def currency_of(self, symbol: str) -> str | None:
        if self.options.currency:
            return self.options.currency
        return next((asset for asset in QUOTE_ASSETS if symbol.endswith(asset)), None)


async def _get_json(http: HttpClient, url: str) -> Any:
    """The JSON answer; Binance's error body (400 with a code) as a SourceError that says it,
    not_found for a symbol it does not list."""
    response = await http.get(url, accept_statuses=(400,))
    payload = _json(response, url)
    if response.status == 400:
        details = payload if isinstance(payload, dict) else {}
        code, message = details.get("code"), str(details.get("msg") or "no message")
        kind: ErrorKind = "not_found" if code == INVALID_SYMBOL else "api"
        raise SourceError(kind, f"Binance error {code}: {message}", status=400)
    return payload


def _json(response: FetchResponse, url: str) -> Any:
    try:
        return json.loads(response.body)
    except (ValueError, RecursionError) as exc:
        status = f"HTTP {response.status}, " if response.status != 200 else ""
        raise SourceError("parse", f"{url}: {status}response is not JSON ({exc})") from exc


def _objects(payload: Any, url: str) -> list[dict[str, Any]]:
    if not isinstance(payload, list):
        raise SourceError("parse", f"{url}: Binance's tickers are not a list")
    return [entry for entry in payload if isinstance(entry, dict)]


def _millis(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return epoch_time(value / 1000)


def _kline(bar: object) -> tuple[datetime, float] | None:
    """A kline's open time and close: Yahoo's bars are stamped with their start too."""
    if not isinstance(bar, list) or len(bar) < 5:
        return None
    when, close = _millis(bar[0]), decimal_price(bar[4])
    return (when, close) if when is not None and close is not None else None
