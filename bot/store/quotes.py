"""Price samples per symbol, newest kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot import keys
from bot.models import Quote
from bot.store.base import RedisStore


class QuoteStore(RedisStore):
    async def add_quote(self, quote: Quote) -> None:
        member = json.dumps(
            {
                "p": quote.price,
                "t": quote.time.timestamp(),
                "c": quote.currency,
                "pc": quote.previous_close,
            }
        )
        await self._add_newest(
            keys.quotes(quote.symbol),
            member,
            quote.time.timestamp(),
            keep=keys.QUOTES_MAX,
            ttl=keys.QUOTE_TTL,
        )

    async def latest_quote(self, symbol: str) -> Quote | None:
        rows = await self.redis.zrevrange(keys.quotes(symbol), 0, 0)
        return _quote(symbol, rows[0]) if rows else None

    async def quotes_since(self, symbol: str, since: datetime) -> list[Quote]:
        rows = await self.redis.zrangebyscore(keys.quotes(symbol), since.timestamp(), "+inf")
        return [_quote(symbol, row) for row in rows]


def _quote(symbol: str, member: str) -> Quote:
    data = json.loads(member)
    return Quote(
        symbol=symbol,
        price=float(data["p"]),
        time=datetime.fromtimestamp(data["t"], UTC),
        currency=data.get("c"),
        previous_close=data.get("pc"),
    )
