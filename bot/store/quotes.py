"""Price samples per symbol, newest kept; the provider's chart history, cached briefly; symbols
the provider does not know."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot import keys
from bot.models import Quote
from bot.store.base import RedisStore


class QuoteStore(RedisStore):
    async def add_quote(self, quote: Quote) -> None:
        await self._add_newest(
            keys.quotes(quote.symbol),
            json.dumps(_fields(quote)),
            quote.time.timestamp(),
            keep=keys.QUOTES_MAX,
            ttl=keys.QUOTE_TTL,
        )

    async def latest_quote(self, symbol: str) -> Quote | None:
        rows = await self.redis.zrevrange(keys.quotes(symbol), 0, 0)
        return _quote(symbol, json.loads(rows[0])) if rows else None

    async def quotes_since(self, symbol: str, since: datetime) -> list[Quote]:
        rows = await self.redis.zrangebyscore(keys.quotes(symbol), since.timestamp(), "+inf")
        return [_quote(symbol, json.loads(row)) for row in rows]

    async def save_history(self, symbol: str, period: str, history: str) -> None:
        """Keep the provider's history of one chart period (JSON) for keys.HISTORY_TTL."""
        await self.redis.set(keys.price_history(symbol, period), history, ex=keys.HISTORY_TTL)

    async def cached_history(self, symbol: str, period: str) -> str | None:
        found: str | None = await self.redis.get(keys.price_history(symbol, period))
        return found

    async def mark_unknown_symbol(self, symbol: str) -> None:
        await self.redis.set(keys.unknown_symbol(symbol), "1", ex=keys.UNKNOWN_SYMBOL_TTL)

    async def forget_unknown_symbols(self, symbols: Iterable[str]) -> None:
        names = [keys.unknown_symbol(symbol) for symbol in symbols]
        if not names:
            return
        async with self.redis.pipeline(transaction=False) as pipe:
            for name in names:  # one DEL each: the keys live in different cluster slots
                pipe.delete(name)
            await pipe.execute()

    async def is_unknown_symbol(self, symbol: str) -> bool:
        return bool(await self.redis.exists(keys.unknown_symbol(symbol)))


def _fields(quote: Quote) -> dict[str, Any]:
    return {
        "p": quote.price,
        "t": quote.time.timestamp(),
        "c": quote.currency,
        "pc": quote.previous_close,
        "pv": quote.provider,
    }


def _quote(symbol: str, data: dict[str, Any]) -> Quote:
    return Quote(
        symbol=symbol,
        price=float(data["p"]),
        time=datetime.fromtimestamp(data["t"], UTC),
        currency=data.get("c"),
        previous_close=data.get("pc"),
        provider=data.get("pv"),
    )
