"""What every price provider offers: quotes for a batch of symbols, and history for /chart
when the provider keeps it. A provider is one class with an options model, listed by name in
bot.sources.providers."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from bot.models import Quote
from bot.sources.history import History
from bot.sources.http import HttpClient, SourceError
from bot.sources.prices import DEFAULT_MAX_CONCURRENCY, QuoteBatch

# Requests to one provider in flight at once, for the providers asked one symbol at a time.
MAX_CONCURRENCY = DEFAULT_MAX_CONCURRENCY
CURRENCY_MAX = 10


class ProviderOptions(BaseModel):
    """The `options:` of a price source; each provider narrows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    currency: str | None = Field(default=None, min_length=1, max_length=CURRENCY_MAX)


class PriceProvider:
    """Subclasses set `Options` and implement `quotes`; `history` is None when the provider
    keeps none (its charts then show the quotes recorded here)."""

    name: ClassVar[str] = ""
    Options: ClassVar[type[ProviderOptions]] = ProviderOptions

    def __init__(self, options: ProviderOptions) -> None:
        self.options = options

    async def quotes(
        self, http: HttpClient, symbols: Mapping[str, str], now: datetime
    ) -> QuoteBatch:
        """Quotes keyed by watchlist ticker; `symbols` maps each ticker to the provider's own
        name for it. Failures are per symbol where the API lets them be."""
        raise NotImplementedError

    async def history(
        self, http: HttpClient, ticker: str, symbol: str, period: str
    ) -> History | None:
        """Bars for one of bot.sources.history.PERIODS; None when the provider keeps none for
        that period. SourceError("not_found") when it does not know the symbol."""
        return None

    async def fetch(
        self, http: HttpClient, symbols: Mapping[str, str], now: datetime
    ) -> QuoteBatch:
        """`quotes`, each stamped with this provider's name; a currency set in the options is
        the user's word and wins over the one the provider states."""
        batch = await self.quotes(http, symbols, now)
        stamped = [
            dataclasses.replace(
                quote, provider=self.name, currency=self.options.currency or quote.currency
            )
            for quote in batch.quotes
        ]
        return QuoteBatch(quotes=stamped, errors=batch.errors)


async def each_symbol(
    symbols: Mapping[str, str],
    ask: Callable[[str, str], Awaitable[Quote]],
    *,
    concurrency: int = MAX_CONCURRENCY,
) -> QuoteBatch:
    """One request per symbol, a few at a time; a failure stays with its symbol."""
    gate = asyncio.Semaphore(concurrency)

    async def one(ticker: str, symbol: str) -> Quote | SourceError:
        try:
            async with gate:
                return await ask(ticker, symbol)
        except SourceError as error:
            return error

    tickers = list(symbols)
    outcomes = await asyncio.gather(*(one(ticker, symbols[ticker]) for ticker in tickers))
    batch = QuoteBatch(quotes=[], errors={})
    for ticker, outcome in zip(tickers, outcomes, strict=True):
        if isinstance(outcome, SourceError):
            batch.errors[ticker] = outcome
        else:
            batch.quotes.append(outcome)
    return batch


async def in_batches(
    asked: Mapping[str, str],
    size: int,
    ask: Callable[[dict[str, str]], Awaitable[QuoteBatch]],
) -> QuoteBatch:
    """`asked` (the provider's symbol -> watchlist ticker) asked `size` symbols per request, one
    request after the other; the answers merged."""
    merged = QuoteBatch(quotes=[], errors={})
    names = list(asked)
    for start in range(0, len(names), size):
        batch = await ask({name: asked[name] for name in names[start : start + size]})
        merged.quotes.extend(batch.quotes)
        merged.errors.update(batch.errors)
    return merged
