"""A chat's own keyword filters (/keyword), all chats in one hash: the pipeline reads every
chat's filters in one round trip per batch of new items."""

from __future__ import annotations

import json
from collections.abc import Callable

from redis.exceptions import WatchError

from bot import keys
from bot.store.base import RedisStore
from rules.chat_keywords import specs_of


class KeywordStore(RedisStore):
    async def keyword_filters(self, chat_id: int) -> list[str]:
        """The chat's filters as written, in the order they were added."""
        return specs_of(await self.redis.hget(keys.chat_keywords(), str(chat_id)))

    async def every_keyword_filter(self) -> dict[int, str]:
        """Chat id -> its filters as stored (JSON), for every chat that has any."""
        stored = await self.redis.hgetall(keys.chat_keywords())
        return {int(chat): payload for chat, payload in stored.items()}

    async def add_keyword_filter(self, chat_id: int, spec: str, limit: int) -> bool:
        """Add a filter; False when the chat has it already. ValueError past `limit`."""
        added = False

        def change(specs: list[str]) -> list[str]:
            nonlocal added
            if spec in specs:
                return specs
            if len(specs) >= limit:
                raise ValueError(f"a chat can have at most {limit} keyword filters")
            added = True
            return [*specs, spec]

        await self._change_filters(chat_id, change)
        return added

    async def remove_keyword_filter(self, chat_id: int, spec: str) -> bool:
        removed = False

        def change(specs: list[str]) -> list[str]:
            nonlocal removed
            removed = spec in specs
            return [kept for kept in specs if kept != spec]

        await self._change_filters(chat_id, change)
        return removed

    async def _change_filters(self, chat_id: int, change: Callable[[list[str]], list[str]]) -> None:
        key, field = keys.chat_keywords(), str(chat_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    specs = change(specs_of(await pipe.hget(key, field)))
                    pipe.multi()
                    if specs:
                        pipe.hset(key, field, json.dumps(specs, ensure_ascii=False))
                        pipe.expire(key, keys.KEYWORDS_TTL)
                    else:
                        pipe.hdel(key, field)
                    await pipe.execute()
                    return
                except WatchError:
                    continue  # another chat changed its filters meanwhile: read again
