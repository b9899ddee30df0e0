"""News items: seen marks, conditional-GET state per feed, recent headlines per symbol."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from bot import keys
from bot.models import NewsItem
from bot.store.base import RedisStore


@dataclass(slots=True)
class Headline:
    title: str
    link: str
    source: str
    published: datetime


class ItemStore(RedisStore):
    async def unseen(self, item_ids: list[str]) -> list[bool]:
        """True for each id not marked seen yet."""
        if not item_ids:
            return []
        async with self.redis.pipeline(transaction=False) as pipe:
            for item_id in item_ids:
                pipe.exists(keys.seen(item_id))
            results = await pipe.execute()
        return [not result for result in results]

    async def mark_seen(self, item_ids: list[str]) -> None:
        if not item_ids:
            return
        async with self.redis.pipeline(transaction=False) as pipe:
            for item_id in item_ids:
                pipe.set(keys.seen(item_id), 1, ex=keys.SEEN_TTL)
            await pipe.execute()

    async def feed_state(self, feed: str) -> dict[str, str]:
        return dict(await self.redis.hgetall(keys.feed_state(feed)))

    async def save_feed_state(self, feed: str, state: dict[str, str | None]) -> None:
        key = keys.feed_state(feed)
        values = {name: value for name, value in state.items() if value}
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            if values:
                pipe.hset(key, mapping=values)
                pipe.expire(key, keys.FEED_STATE_TTL)
            await pipe.execute()

    async def add_headline(self, symbol: str, item: NewsItem) -> None:
        member = json.dumps(
            {"id": item.id, "title": item.title, "link": item.link, "source": item.source},
            ensure_ascii=False,
            sort_keys=True,
        )
        await self._add_newest(
            keys.headlines(symbol),
            member,
            item.published.timestamp(),
            keep=keys.HEADLINES_MAX,
            ttl=keys.HEADLINES_TTL,
        )

    async def headlines(self, symbol: str, count: int = 5) -> list[Headline]:
        rows = await self.redis.zrevrange(keys.headlines(symbol), 0, count - 1, withscores=True)
        found = []
        for member, score in rows:
            data = json.loads(member)
            found.append(
                Headline(
                    title=data["title"],
                    link=data["link"],
                    source=data["source"],
                    published=datetime.fromtimestamp(score, UTC),
                )
            )
        return found
