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
        chat_key, other_key = keys.chat_watch(chat_id), keys.watchers(symbol)
        if not await self._has_room(chat_key, symbol, keys.WATCH_MAX):
            raise ValueError(f"a chat can watch at most {keys.WATCH_MAX} symbols")
        return await self._link(chat_key, symbol, other_key, chat_id)

    async def unwatch(self, chat_id: int, symbol: str) -> bool:
        return await self._unlink(keys.chat_watch(chat_id), symbol, keys.watchers(symbol), chat_id)

    async def watched(self, chat_id: int) -> list[str]:
        return sorted(await self.redis.smembers(keys.chat_watch(chat_id)))

    async def watchers(self, symbol: str) -> list[int]:
        return sorted(int(chat) for chat in await self.redis.smembers(keys.watchers(symbol)))

    async def follow(self, chat_id: int, rule: str) -> bool:
        """Get every alert of a rule; False when already following. ValueError past FOLLOW_MAX."""
        chat_key, other_key = keys.chat_follows(chat_id), keys.followers(rule)
        if not await self._has_room(chat_key, rule, keys.FOLLOW_MAX):
            raise ValueError(f"a chat can follow at most {keys.FOLLOW_MAX} rules")
        return await self._link(chat_key, rule, other_key, chat_id)

    async def unfollow(self, chat_id: int, rule: str) -> bool:
        return await self._unlink(keys.chat_follows(chat_id), rule, keys.followers(rule), chat_id)

    async def followed(self, chat_id: int) -> list[str]:
        return sorted(await self.redis.smembers(keys.chat_follows(chat_id)))

    async def followers(self, rule: str) -> list[int]:
        return sorted(int(chat) for chat in await self.redis.smembers(keys.followers(rule)))

    async def _has_room(self, chat_key: str, member: str, limit: int) -> bool:
        full = await self.redis.scard(chat_key) >= limit
        return not full or bool(await self.redis.sismember(chat_key, member))

    async def _link(self, chat_key: str, member: str, other_key: str, chat_id: int) -> bool:
        """Add a chat's subscription in both directions; False when it was there already."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(chat_key, member)
            pipe.sadd(other_key, str(chat_id))
            pipe.expire(chat_key, keys.CHAT_TTL)
            pipe.expire(other_key, keys.CHAT_TTL)
            added, *_ = await pipe.execute()
        return bool(added)

    async def _unlink(self, chat_key: str, member: str, other_key: str, chat_id: int) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.srem(chat_key, member)
            pipe.srem(other_key, str(chat_id))
            removed, _ = await pipe.execute()
        return bool(removed)

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
        await self.redis.srem(keys.channels(), str(chat_id))
