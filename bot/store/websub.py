"""WebSub subscriptions: one per feed with a hub, found by the token in its callback URL."""

from __future__ import annotations

from bot import keys
from bot.store.base import RedisStore


class WebSubStore(RedisStore):
    async def websub_subscription(self, token: str) -> dict[str, str]:
        found: dict[str, str] = await self.redis.hgetall(keys.websub_subscription(token))
        return found

    async def websub_token(self, feed: str) -> str | None:
        token = await self.redis.hget(keys.websub_feeds(), feed)
        return str(token) if token else None

    async def websub_feeds(self) -> dict[str, str]:
        """Feed key -> token, of every subscription."""
        found: dict[str, str] = await self.redis.hgetall(keys.websub_feeds())
        return found

    async def save_websub(self, token: str, record: dict[str, str], ttl_s: int) -> None:
        """Store a subscription (replacing the feed's previous one) for `ttl_s` seconds."""
        key = keys.websub_subscription(token)
        previous = await self.redis.hget(keys.websub_feeds(), record["feed"])
        async with self.redis.pipeline(transaction=True) as pipe:
            if previous and previous != token:
                pipe.delete(keys.websub_subscription(previous))
            pipe.delete(key)
            pipe.hset(key, mapping=record)
            pipe.expire(key, max(1, ttl_s))
            pipe.hset(keys.websub_feeds(), record["feed"], token)
            pipe.expire(keys.websub_feeds(), keys.CHAT_TTL)
            await pipe.execute()

    async def update_websub(self, token: str, changes: dict[str, str], ttl_s: int) -> None:
        key = keys.websub_subscription(token)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping=changes)
            pipe.expire(key, max(1, ttl_s))
            await pipe.execute()

    async def drop_websub(self, feed: str) -> None:
        token = await self.redis.hget(keys.websub_feeds(), feed)
        async with self.redis.pipeline(transaction=True) as pipe:
            if token:
                pipe.delete(keys.websub_subscription(token))
            pipe.hdel(keys.websub_feeds(), feed)
            await pipe.execute()

    async def unlink_websub(self, feed: str) -> None:
        """The feed no longer has a subscription; the record itself stays until it expires."""
        await self.redis.hdel(keys.websub_feeds(), feed)

    async def forget_websub(self, token: str) -> None:
        await self.redis.delete(keys.websub_subscription(token))

    async def no_hub(self, feed: str) -> str | None:
        """The URL at which the feed was last found without a hub, while that is remembered."""
        url = await self.redis.get(keys.websub_no_hub(feed))
        return str(url) if url else None

    async def remember_no_hub(self, feed: str, url: str) -> None:
        await self.redis.set(keys.websub_no_hub(feed), url, ex=keys.WEBSUB_NO_HUB_TTL)
