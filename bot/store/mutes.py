"""Mutes of a chat, by scope: "all", "symbol:BABA" or "rule:NAME", each with its end time."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import keys
from bot.store.base import RedisStore


class MuteStore(RedisStore):
    async def mute(self, chat_id: int, scope: str, until: datetime) -> None:
        await self._hset_expiring(
            keys.chat_mutes(chat_id), scope, until.timestamp(), keys.MUTES_TTL_MAX
        )

    async def unmute(self, chat_id: int, scope: str | None = None) -> int:
        """End one mute, or every mute of the chat when scope is None; returns how many ended."""
        key = keys.chat_mutes(chat_id)
        if scope is None:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hlen(key)
                pipe.delete(key)
                count, _ = await pipe.execute()
            return int(count)
        return int(await self.redis.hdel(key, scope))

    async def mutes(self, chat_id: int, now: datetime) -> dict[str, datetime]:
        """Mutes still running, by scope; ended ones are removed on the way."""
        key = keys.chat_mutes(chat_id)
        found = await self.redis.hgetall(key)
        ended = [scope for scope, until in found.items() if float(until) <= now.timestamp()]
        if ended:
            await self.redis.hdel(key, *ended)
        return {
            scope: datetime.fromtimestamp(float(until), UTC)
            for scope, until in found.items()
            if scope not in ended
        }

    async def is_muted(self, chat_id: int, scopes: list[str], now: datetime) -> bool:
        ends = await self.redis.hmget(keys.chat_mutes(chat_id), scopes)
        return any(until is not None and float(until) > now.timestamp() for until in ends)
