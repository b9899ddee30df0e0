"""Telegram channels the bot publishes alerts to: each is a subscriber like any chat (it watches
symbols and follows rules), kept in a set so that delivery and /channel can tell them apart."""

from __future__ import annotations

from collections.abc import Iterable

from bot import keys
from bot.store.subscriptions import SubscriptionStore


class ChannelStore(SubscriptionStore):
    async def link_channel(
        self, channel: int, symbols: Iterable[str], rules: Iterable[str], language: str = "en"
    ) -> None:
        """Publish the alerts about `symbols` and of `rules` to the channel (adds to what it
        had). Raises ValueError past the per-chat limits."""
        await self.register_chat(channel, language)
        for symbol in symbols:
            await self.watch(channel, symbol)
        for rule in rules:
            await self.follow(channel, rule)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(keys.channels(), str(channel))
            pipe.expire(keys.channels(), keys.CHAT_TTL)
            await pipe.execute()

    async def unlink_channel(self, channel: int) -> bool:
        """Stop publishing to the channel; False when it was not linked."""
        linked = bool(await self.redis.sismember(keys.channels(), str(channel)))
        if linked:
            await self.forget_chat(channel)
        return linked

    async def channels(self) -> list[int]:
        return sorted(int(channel) for channel in await self.redis.smembers(keys.channels()))

    async def is_channel(self, chat_id: int) -> bool:
        return bool(await self.redis.sismember(keys.channels(), str(chat_id)))
