"""Success and failure counts per source, for /status and the logs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot import keys
from bot.store.base import RedisStore


class SourceHealthStore(RedisStore):
    async def record_source(
        self, source: str, now: datetime, *, ok: bool, error: str | None = None
    ) -> None:
        key = keys.source_health(source)
        async with self.redis.pipeline(transaction=True) as pipe:
            if ok:
                pipe.hset(key, mapping={"last_success": now.isoformat(), "consecutive_failures": 0})
                pipe.hincrby(key, "successes", 1)
            else:
                pipe.hset(key, mapping={"last_failure": now.isoformat(), "last_error": error or ""})
                pipe.hincrby(key, "failures", 1)
                pipe.hincrby(key, "consecutive_failures", 1)
            pipe.expire(key, keys.HEALTH_TTL)
            await pipe.execute()

    async def source_health(self, source: str) -> dict[str, str]:
        return dict(await self.redis.hgetall(keys.source_health(source)))

    async def last_successes(self, sources: Iterable[str]) -> dict[str, datetime]:
        """When each source was last fetched successfully; sources never fetched are left out."""
        names = list(sources)
        async with self.redis.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.hget(keys.source_health(name), "last_success")
            answers = await pipe.execute()
        found: dict[str, datetime] = {}
        for name, value in zip(names, answers, strict=True):
            if value:
                found[name] = datetime.fromisoformat(str(value))
        return found
