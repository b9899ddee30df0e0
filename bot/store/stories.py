"""Stories: the same event reported by several sources, and near-duplicate headline titles."""

from __future__ import annotations

import json
from datetime import datetime

from bot import keys
from bot.models import NewsItem
from bot.store.base import RedisStore

TitlesMark = tuple[int, str | None]

# KEYS: a story's sources. ARGV: the source, the last position kept, the time to live.
_ADD_STORY_SOURCE = """
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
"""


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
        await self.add_story_sources([(key, source)])

    async def add_story_sources(self, repeats: list[tuple[str, str]]) -> None:
        """Record each (story key, source) that repeated a story, in one round trip."""
        if not repeats:
            return
        # One script per story: each story's sources lie in a hash slot of their own.
        async with self.redis.pipeline(transaction=False) as pipe:
            for key, source in repeats:
                pipe.eval(
                    _ADD_STORY_SOURCE,
                    1,
                    keys.story_sources(key),
                    source,
                    keys.STORY_SOURCES_MAX - 1,
                    keys.STORY_TTL,
                )
            await pipe.execute()

    async def story_sources(self, story_keys: list[str]) -> list[str]:
        found: list[str] = []
        for key in story_keys:
            found.extend(await self.redis.lrange(keys.story_sources(key), 0, -1))
        return found

    async def recent_titles(self, since: datetime) -> list[str]:
        return list(await self.redis.zrangebyscore(keys.recent_titles(), since.timestamp(), "+inf"))

    async def recent_titles_mark(self, since: datetime) -> TitlesMark:
        """What tells whether the recent titles changed: how many there are since `since`, and
        the newest."""
        key = keys.recent_titles()
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.zcount(key, since.timestamp(), "+inf")
            pipe.zrevrange(key, 0, 0)
            count, newest = await pipe.execute()
        return count, newest[0] if newest else None

    async def add_recent_title(
        self, fingerprint: str, time: datetime, since: datetime
    ) -> TitlesMark:
        """Add a title; returns the recent titles' mark (see recent_titles_mark) after it."""
        key = keys.recent_titles()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {fingerprint: time.timestamp()})
            pipe.zremrangebyrank(key, 0, -keys.RECENT_TITLES_MAX - 1)
            pipe.expire(key, keys.RECENT_TITLES_TTL)
            pipe.zcount(key, since.timestamp(), "+inf")
            pipe.zrevrange(key, 0, 0)
            *_, count, newest = await pipe.execute()
        return count, newest[0] if newest else None
