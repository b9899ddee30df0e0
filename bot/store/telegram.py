"""Telegram-side state: forum topics, personal rules, the command flood limit, chart markers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot import keys
from bot.store.base import RedisStore
from rules.alert import Alert


class TelegramStore(RedisStore):
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

    async def set_personal_rule(
        self, chat_id: int, symbol: str, kind: str, rule: dict[str, Any]
    ) -> None:
        await self._hset_expiring(
            keys.personal_rules(symbol), f"{chat_id}:{kind}", json.dumps(rule), keys.PERSONAL_TTL
        )

    async def personal_rules(self, symbol: str) -> dict[tuple[int, str], dict[str, Any]]:
        """(chat, kind) -> rule, for every personal rule on `symbol`."""
        found = {}
        for field, payload in (await self.redis.hgetall(keys.personal_rules(symbol))).items():
            chat, _, kind = field.partition(":")
            found[(int(chat), kind)] = json.loads(payload)
        return found

    async def drop_personal_rule(self, chat_id: int, symbol: str, kind: str) -> bool:
        return bool(await self.redis.hdel(keys.personal_rules(symbol), f"{chat_id}:{kind}"))

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
        """Topics and personal rules of a chat that blocked the bot."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(keys.chat_topics(chat_id))
            for symbol in symbols:
                for kind in ("band", "above", "below"):
                    pipe.hdel(keys.personal_rules(symbol), f"{chat_id}:{kind}")
            await pipe.execute()

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
            pipe.xlen(keys.outbox())
            pipe.llen(keys.delivery_failures())
            chats, outbox, failed = await pipe.execute()
        return {"chats": int(chats), "outbox": int(outbox), "failed": int(failed)}
