"""Yahoo Finance's chart v8 API: one request per symbol, intraday history."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar

from bot.models import Quote
from bot.sources.history import History, fetch_history
from bot.sources.http import HttpClient
from bot.sources.prices import QuoteBatch, fetch_quotes
from bot.sources.providers.base import PriceProvider, ProviderOptions
from bot.sources.providers.checks import BaseUrl


class YahooOptions(ProviderOptions):
    base_url: BaseUrl = "https://query1.finance.yahoo.com"


class YahooProvider(PriceProvider):
    name: ClassVar[str] = "yahoo"
    Options: ClassVar[type[ProviderOptions]] = YahooOptions
    options: YahooOptions

    async def quotes(
        self, http: HttpClient, symbols: Mapping[str, str], now: datetime
    ) -> QuoteBatch:
        asked = {symbol: ticker for ticker, symbol in symbols.items()}
        batch = await fetch_quotes(
            http, base_url=self.options.base_url, symbols=list(asked), now=now
        )
        # The chart API is asked by the provider's name; the watchlist knows the ticker.
        return QuoteBatch(
            quotes=[_renamed(quote, asked[quote.symbol]) for quote in batch.quotes],
            errors={asked[symbol]: error for symbol, error in batch.errors.items()},
        )

    async def history(
        self, http: HttpClient, ticker: str, symbol: str, period: str
    ) -> History | None:
        return await fetch_history(
            http, base_url=self.options.base_url, symbol=symbol, period=period
        )


def _renamed(quote: Quote, ticker: str) -> Quote:
    return quote if quote.symbol == ticker else dataclasses.replace(quote, symbol=ticker)
