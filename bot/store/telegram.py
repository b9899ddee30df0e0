"""Telegram-side state: forum topics, group admins, the command flood limit, chart markers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot import keys
from bot.store.personal import PersonalRuleStore
from rules.alert import Alert


class TelegramStore(PersonalRuleStore):
    async def set_topic(self, chat_id: int, symbol: str, thread_id: int | None) -> None:
        """Alerts for `symbol` (and, from now on, alerts without a symbol) go to this topic."""
        key = keys.chat_topics(chat_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            if thread_id is None:
                pipe.hdel(key, symbol)
            else:
                pipe.hset(key, mapping={symbol: thread_id, "*": thread_id})
                pipe.expire(key, keys.TOPICS_TTL)
            await pipe.execute()

    async def topic_for(self, chat_id: int, symbol: str | None) -> int | None:
        key = keys.chat_topics(chat_id)
        value = await self.redis.hget(key, symbol or "*")
        return int(value) if value else None

    async def count_command(self, user_id: int, now: datetime) -> int:
        """Count one command of a user in the current flood window; returns the window's count."""
        window = int(now.timestamp()) // keys.FLOOD_WINDOW_S
        key = keys.command_flood(user_id, window)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, keys.FLOOD_WINDOW_S)
            count, _ = await pipe.execute()
        return int(count)

    async def forget_chat_settings(self, chat_id: int, symbols: Iterable[str]) -> None:
        """Topics and personal rules of a chat that blocked the bot. The keys live in different
        cluster slots: each is dropped on its own, and doing it again finishes a cut-short run."""
        fields = [f"{chat_id}:{kind}" for kind in ("band", "above", "below")]
        everywhere = await self.personal_symbols(chat_id, symbols)
        async with self.redis.pipeline(transaction=False) as pipe:
            for symbol in everywhere:
                pipe.hdel(keys.personal_rules(symbol), *fields)
            for key in (
                keys.chat_topics,
                keys.personal_fired,
                keys.chat_personal_symbols,
                keys.chat_admins,
            ):
                pipe.delete(key(chat_id))
            await pipe.execute()

    async def remember_chat_admins(self, chat_id: int, admins: Iterable[int], at: datetime) -> None:
        payload = json.dumps({"at": at.timestamp(), "admins": sorted(admins)})
        await self.redis.set(keys.chat_admins(chat_id), payload, ex=keys.CHAT_ADMINS_TTL)

    async def chat_admins(self, chat_id: int, now: datetime) -> set[int] | None:
        """The group's administrators as last asked, or None when unknown or older than
        CHAT_ADMINS_TTL by `now` (the key's own TTL only bounds how long it is kept)."""
        payload = await self.redis.get(keys.chat_admins(chat_id))
        if payload is None:
            return None
        found = json.loads(payload)
        if now.timestamp() - float(found["at"]) >= keys.CHAT_ADMINS_TTL:
            return None
        return {int(user) for user in found["admins"]}

    async def record_alert_event(self, alert: Alert) -> None:
        """Remember that an alert fired for its symbol (chart markers); repeats are one."""
        if alert.symbol is None:
            return
        price = alert.fields.get("price")
        member = json.dumps(
            {
                "id": alert.id,
                "rule": alert.rule,
                "severity": alert.severity,
                "price": price if isinstance(price, int | float) else None,
            },
            sort_keys=True,
        )
        await self._add_newest(
            keys.alert_events(alert.symbol),
            member,
            alert.time.timestamp(),
            keep=keys.ALERT_EVENTS_MAX,
            ttl=keys.ALERT_EVENTS_TTL,
        )

    async def alert_events(
        self, symbol: str, since: datetime
    ) -> list[tuple[datetime, dict[str, Any]]]:
        rows = await self.redis.zrangebyscore(
            keys.alert_events(symbol), since.timestamp(), "+inf", withscores=True
        )
        return [(datetime.fromtimestamp(score, UTC), json.loads(member)) for member, score in rows]

    async def telegram_stats(self) -> dict[str, int]:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.hlen(keys.chats())
            pipe.llen(keys.delivery_failures())
            chats, failed = await pipe.execute()
        outbox = sum([int(await self.redis.xlen(keys.outbox(p))) for p in keys.OUTBOX_PRIORITIES])
        return {"chats": int(chats), "outbox": int(outbox), "failed": int(failed)}
