"""Chats, their language, which symbols each chat watches and which rules it follows (each kept
in both directions)."""

from __future__ import annotations

import json

from bot import keys
from bot.store.base import RedisStore


class SubscriptionStore(RedisStore):
    async def register_chat(self, chat_id: int, language: str | None) -> None:
        payload = json.dumps({"lang": language or "en"})
        await self._hset_expiring(keys.chats(), str(chat_id), payload, keys.CHAT_TTL)

    async def chat_language(self, chat_id: int) -> str:
        payload = await self.redis.hget(keys.chats(), str(chat_id))
        return str(json.loads(payload).get("lang", "en")) if payload else "en"

    async def chat_zone(self, chat_id: int) -> str | None:
        """The time zone the chat chose (/quiet or /digest with a zone); None: the configured."""
        zone = await self.redis.hget(keys.chat_prefs(chat_id), "tz")
        return str(zone) if zone else None

    async def watch(self, chat_id: int, symbol: str) -> bool:
        """Subscribe; False when already watching. Raises ValueError past WATCH_MAX."""
        key = keys.chat_watch(chat_id)
        full = await self.redis.scard(key) >= keys.WATCH_MAX
        if full and not await self.redis.sismember(key, symbol):
            raise ValueError(f"a chat can watch at most {keys.WATCH_MAX} symbols")
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(keys.chat_watch(chat_id), symbol)
            pipe.sadd(keys.watchers(symbol), str(chat_id))
            pipe.expire(keys.chat_watch(chat_id), keys.CHAT_TTL)
            pipe.expire(keys.watchers(symbol), keys.CHAT_TTL)
            added, *_ = await pipe.execute()
        return bool(added)

    async def unwatch(self, chat_id: int, symbol: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.srem(keys.chat_watch(chat_id), symbol)
            pipe.srem(keys.watchers(symbol), str(chat_id))
            removed, _ = await pipe.execute()
        return bool(removed)

    async def watched(self, chat_id: int) -> list[str]:
        return sorted(await self.redis.smembers(keys.chat_watch(chat_id)))

    async def watchers(self, symbol: str) -> list[int]:
        return sorted(int(chat) for chat in await self.redis.smembers(keys.watchers(symbol)))

    async def follow(self, chat_id: int, rule: str) -> bool:
        """Get every alert of a rule; False when already following. ValueError past FOLLOW_MAX."""
        key = keys.chat_follows(chat_id)
        full = await self.redis.scard(key) >= keys.FOLLOW_MAX
        if full and not await self.redis.sismember(key, rule):
            raise ValueError(f"a chat can follow at most {keys.FOLLOW_MAX} rules")
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(key, rule)
            pipe.sadd(keys.followers(rule), str(chat_id))
            pipe.expire(key, keys.CHAT_TTL)
            pipe.expire(keys.followers(rule), keys.CHAT_TTL)
            added, *_ = await pipe.execute()
        return bool(added)

    async def unfollow(self, chat_id: int, rule: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.srem(keys.chat_follows(chat_id), rule)
            pipe.srem(keys.followers(rule), str(chat_id))
            removed, _ = await pipe.execute()
        return bool(removed)

    async def followed(self, chat_id: int) -> list[str]:
        return sorted(await self.redis.smembers(keys.chat_follows(chat_id)))

    async def followers(self, rule: str) -> list[int]:
        return sorted(int(chat) for chat in await self.redis.smembers(keys.followers(rule)))

    async def subscribers(self) -> list[int]:
        """Every chat that watches at least one symbol."""
        chats = [int(chat) for chat in await self.redis.hkeys(keys.chats())]
        if not chats:
            return []
        async with self.redis.pipeline(transaction=False) as pipe:
            for chat in chats:
                pipe.scard(keys.chat_watch(chat))
            counts = await pipe.execute()
        return sorted(chat for chat, count in zip(chats, counts, strict=True) if count)

    async def forget_chat(self, chat_id: int) -> None:
        """The chat blocked the bot or was deleted: drop every subscription."""
        for symbol in await self.watched(chat_id):
            await self.redis.srem(keys.watchers(symbol), str(chat_id))
        for rule in await self.followed(chat_id):
            await self.redis.srem(keys.followers(rule), str(chat_id))
        await self.redis.delete(keys.chat_watch(chat_id), keys.chat_follows(chat_id))
        await self.redis.hdel(keys.chats(), str(chat_id))
