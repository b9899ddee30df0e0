"""Feeds added from Telegram: a chat's own, and the shared ones admins add."""

from __future__ import annotations

import json
import logging

from pydantic import ValidationError

from bot import keys
from bot.config import StoredFeed
from bot.durations import format_duration
from bot.store.base import RedisStore

log = logging.getLogger(__name__)


def _owner(owner: int | None) -> str:
    return keys.SHARED_OWNER if owner is None else str(owner)


class FeedStore(RedisStore):
    async def add_stored_feed(self, feed: StoredFeed, limit: int) -> bool:
        """Store `feed` under its owner; False when the owner already has a feed of that name.
        Raises ValueError when the owner has `limit` feeds already."""
        key = keys.stored_feeds(feed.chat)
        if await self.redis.hlen(key) >= limit:
            raise ValueError(f"at most {limit} feeds")
        # The owner is listed before its feed is stored (they live in different cluster slots):
        # a crash in between leaves an owner without feeds, which reads as none.
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(keys.feed_owners(), _owner(feed.chat))
            if feed.chat is not None:
                pipe.expire(keys.feed_owners(), keys.STORED_FEEDS_TTL)
            await pipe.execute()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, feed.name, stored_payload(feed))
            if feed.chat is not None:
                pipe.expire(key, keys.STORED_FEEDS_TTL)
            added, *_ = await pipe.execute()
        return bool(added)

    async def remove_stored_feed(self, owner: int | None, name: str) -> StoredFeed | None:
        key = keys.stored_feeds(owner)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hget(key, name)
            pipe.hdel(key, name)
            payload, _ = await pipe.execute()
        if not await self.redis.exists(key):
            await self.redis.srem(keys.feed_owners(), _owner(owner))
            if await self.redis.exists(key):  # a feed added meanwhile keeps its owner listed
                await self.redis.sadd(keys.feed_owners(), _owner(owner))
        return parse_stored(payload) if payload else None

    async def stored_feeds(self, owner: int | None) -> list[StoredFeed]:
        payloads = await self.redis.hgetall(keys.stored_feeds(owner))
        found = (parse_stored(payloads[name]) for name in sorted(payloads))
        return [feed for feed in found if feed is not None]

    async def all_stored_feeds(self) -> list[StoredFeed]:
        """Every stored feed, shared ones first."""
        owners = sorted(await self.redis.smembers(keys.feed_owners()), key=lambda o: o != "shared")
        found: list[StoredFeed] = []
        for owner in owners:
            found += await self.stored_feeds(None if owner == keys.SHARED_OWNER else int(owner))
        return found


def stored_payload(feed: StoredFeed) -> str:
    data = feed.model_dump(mode="json")
    data["every"] = format_duration(feed.every)  # as a config writes it, which it reads back
    return json.dumps(data)


def parse_stored(payload: str) -> StoredFeed | None:
    try:
        return StoredFeed.model_validate_json(payload)
    except ValidationError:
        # Written by an older version with other fields: skipped, not fatal to the rest.
        log.warning("a stored feed could not be read: %.200s", payload)
        return None
