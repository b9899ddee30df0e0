"""Stories: the same event reported by several sources, and near-duplicate headline titles."""

from __future__ import annotations

import json
from datetime import datetime

from bot import keys
from bot.models import NewsItem
from bot.store.base import RedisStore


class StoryStore(RedisStore):
    async def claim_story(self, key: str, item: NewsItem) -> dict[str, str] | None:
        """Claim a story for an item; returns the first report when another item has it."""
        first = {"id": item.id, "source": item.source, "title": item.title}
        claimed = await self.redis.set(
            keys.story(key), json.dumps(first), nx=True, ex=keys.STORY_TTL
        )
        if claimed:
            return None
        existing = json.loads(await self.redis.get(keys.story(key)) or "{}")
        return None if existing.get("id") == item.id else existing

    async def add_story_source(self, key: str, source: str) -> None:
        sources = keys.story_sources(key)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(sources, source)
            pipe.ltrim(sources, 0, keys.STORY_SOURCES_MAX - 1)
            pipe.expire(sources, keys.STORY_TTL)
            await pipe.execute()

    async def story_sources(self, story_keys: list[str]) -> list[str]:
        found: list[str] = []
        for key in story_keys:
            found.extend(await self.redis.lrange(keys.story_sources(key), 0, -1))
        return found

    async def recent_titles(self, since: datetime) -> list[str]:
        return list(await self.redis.zrangebyscore(keys.recent_titles(), since.timestamp(), "+inf"))

    async def add_recent_title(self, fingerprint: str, time: datetime) -> None:
        await self._add_newest(
            keys.recent_titles(),
            fingerprint,
            time.timestamp(),
            keep=keys.RECENT_TITLES_MAX,
            ttl=keys.RECENT_TITLES_TTL,
        )
