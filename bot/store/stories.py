"""Stories: the same event reported by several sources, and near-duplicate headline titles."""

from __future__ import annotations

import json

from bot import keys
from bot.models import NewsItem
from bot.store.base import RedisStore

RecentTitlesRead = tuple[str | None, list[tuple[int, str]]]

# KEYS: the numbering, the titles. ARGV: the fingerprint, the most kept, the time to live.
_ADD_TITLE = """
local number = redis.call('HINCRBY', KEYS[1], 'last', 1)
if number == 1 then
    local now = redis.call('TIME')
    redis.call('HSET', KEYS[1], 'epoch', now[1] .. '.' .. now[2])
end
redis.call('ZADD', KEYS[2], number, ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return {redis.call('HGET', KEYS[1], 'epoch'), number}
"""

# KEYS: the numbering, the titles. ARGV: the epoch the reader knows, the last number it read.
_TITLES_AFTER = """
local epoch = redis.call('HGET', KEYS[1], 'epoch') or ''
local after = ARGV[2]
if epoch ~= ARGV[1] then
    after = 0
end
return {epoch, redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. after, '+inf', 'WITHSCORES')}
"""

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

    async def recent_titles_after(self, epoch: str | None, last: int) -> RecentTitlesRead:
        """The numbering's epoch and the titles numbered after `last` (every title when the
        epoch is no longer `epoch`), as (number, fingerprint), oldest first."""
        answer = await self.redis.eval(
            _TITLES_AFTER,
            2,
            keys.recent_titles_numbering(),
            keys.recent_titles(),
            epoch or "",
            last,
        )
        now_epoch, flat = answer
        pairs = [(int(float(flat[n + 1])), flat[n]) for n in range(0, len(flat), 2)]
        return now_epoch or None, pairs

    async def add_recent_title(self, fingerprint: str) -> tuple[str, int]:
        """Add a title; returns the numbering's epoch and the title's number."""
        epoch, number = await self.redis.eval(
            _ADD_TITLE,
            2,
            keys.recent_titles_numbering(),
            keys.recent_titles(),
            fingerprint,
            keys.RECENT_TITLES_MAX,
            keys.RECENT_TITLES_TTL,
        )
        return epoch, int(number)
