"""Chats, their language, which symbols each chat watches and which rules it follows (each kept
in both directions)."""

from __future__ import annotations

import json

from bot import keys
from bot.store.base import RedisStore

REPAIR_BATCH = 500  # chats whose subscriptions are checked in one round trip


class SubscriptionStore(RedisStore):
    async def register_chat(self, chat_id: int, language: str | None) -> None:
        payload = json.dumps({"lang": language or "en"})
        await self._hset_expiring(keys.chats(), str(chat_id), payload, keys.CHAT_TTL)

    async def chat_language(self, chat_id: int) -> str:
        """The language the chat chose (/lang), else the one its users' Telegram was set to."""
        chosen = await self.chosen_language(chat_id)
        if chosen is not None:
            return chosen
        payload = await self.redis.hget(keys.chats(), str(chat_id))
        return str(json.loads(payload).get("lang", "en")) if payload else "en"

    async def chosen_language(self, chat_id: int) -> str | None:
        chosen = await self.redis.get(keys.chat_chosen_language(chat_id))
        return str(chosen) if chosen else None

    async def choose_language(self, chat_id: int, language: str | None) -> None:
        """Set the chat's language; None goes back to its users' Telegram setting."""
        key = keys.chat_chosen_language(chat_id)
        if language is None:
            await self.redis.delete(key)
        else:
            await self.redis.set(key, language, ex=keys.CHAT_TTL)

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
        """Add a chat's subscription in both directions; False when it was there already.

        The two sets live in different cluster slots, so they are written one after the other:
        the chat's own set first. A crash in between leaves a subscription the chat sees but
        is not sent; asking again (or `repair_subscriptions` at start) adds the other side."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(chat_key, member)
            pipe.expire(chat_key, keys.CHAT_TTL)
            added, _ = await pipe.execute()
        await self._add_reverse(other_key, chat_id)
        return bool(added)

    async def _add_reverse(self, other_key: str, chat_id: int) -> int:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(other_key, str(chat_id))
            pipe.expire(other_key, keys.CHAT_TTL)
            added, _ = await pipe.execute()
        return int(added)

    async def _unlink(self, chat_key: str, member: str, other_key: str, chat_id: int) -> bool:
        """Delivery stops first (the reverse set), then the chat's own set forgets it: a crash
        in between leaves a listed subscription that sends nothing until asked again, or until
        the repair at start makes it whole again, as the chat's list shows it."""
        await self.redis.srem(other_key, str(chat_id))
        return bool(await self.redis.srem(chat_key, member))

    async def repair_subscriptions(self) -> int:
        """Add the reverse entry of every subscription that lacks it (a crash between the two
        writes of a watch or follow, or of an unwatch: the chat's own set is what the chat sees,
        so it decides); returns how many were missing."""
        chats = [int(chat) for chat in await self.redis.hkeys(keys.chats())]
        repaired = 0
        for start in range(0, len(chats), REPAIR_BATCH):
            links = await self._links(chats[start : start + REPAIR_BATCH])
            async with self.redis.pipeline(transaction=False) as pipe:
                for _chat_key, _member, other_key, chat in links:
                    pipe.sadd(other_key, str(chat))
                    pipe.expire(other_key, keys.CHAT_TTL)
                answers = await pipe.execute()
            for link, added in zip(links, answers[::2], strict=True):
                if added:
                    repaired += await self._confirm(*link)
        return repaired

    async def _links(self, chats: list[int]) -> list[tuple[str, str, str, int]]:
        """(chat's set, member, reverse set, chat) of every subscription of `chats`."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for chat in chats:
                pipe.smembers(keys.chat_watch(chat))
                pipe.smembers(keys.chat_follows(chat))
            found = await pipe.execute()
        links = []
        for index, chat in enumerate(chats):
            for symbol in found[2 * index]:
                links.append((keys.chat_watch(chat), symbol, keys.watchers(symbol), chat))
            for rule in found[2 * index + 1]:
                links.append((keys.chat_follows(chat), rule, keys.followers(rule), chat))
        return links

    async def _confirm(self, chat_key: str, member: str, other_key: str, chat_id: int) -> int:
        """1 when a repaired entry stands; 0 when the chat dropped the subscription meanwhile
        (another process ran an unwatch after the repair read it): the entry is taken back."""
        if await self.redis.sismember(chat_key, member):
            return 1
        await self.redis.srem(other_key, str(chat_id))
        return 0

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
        """The chat blocked the bot or was deleted: drop every subscription.

        One key at a time (they live in different cluster slots), the chat's own sets last: a
        crash on the way leaves them, and the next failed delivery forgets the rest."""
        await self.redis.hdel(keys.chats(), str(chat_id))
        await self.redis.hdel(keys.chat_keywords(), str(chat_id))
        for symbol in await self.watched(chat_id):
            await self.redis.srem(keys.watchers(symbol), str(chat_id))
        for rule in await self.followed(chat_id):
            await self.redis.srem(keys.followers(rule), str(chat_id))
        await self.redis.delete(keys.chat_watch(chat_id))
        await self.redis.delete(keys.chat_follows(chat_id))
        await self.redis.srem(keys.channels(), str(chat_id))
