"""All state in Redis, behind named operations. Key names come from bot.keys only."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from bot import keys
from bot.models import NewsItem, Quote
from rules.alert import Alert

log = logging.getLogger(__name__)

SOCKET_TIMEOUT_S = 10.0


@dataclass(slots=True)
class Headline:
    title: str
    link: str
    source: str
    published: datetime


@dataclass(slots=True)
class OutboxEntry:
    entry_id: str
    alert: Alert


def connect(url: str) -> aioredis.Redis:
    return aioredis.Redis.from_url(
        url,
        decode_responses=True,
        socket_timeout=SOCKET_TIMEOUT_S,
        socket_connect_timeout=SOCKET_TIMEOUT_S,
        health_check_interval=30,
    )


class Store:
    def __init__(self, redis: aioredis.Redis) -> None:
        # Typed loosely: redis-py's stubs cannot express that decode_responses=True returns str.
        self.redis: Any = redis

    async def close(self) -> None:
        await self.redis.aclose()

    # -- items --------------------------------------------------------------------------------

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
        key = keys.headlines(symbol)
        member = json.dumps(
            {"id": item.id, "title": item.title, "link": item.link, "source": item.source},
            ensure_ascii=False,
            sort_keys=True,
        )
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: item.published.timestamp()})
            pipe.zremrangebyrank(key, 0, -keys.HEADLINES_MAX - 1)
            pipe.expire(key, keys.HEADLINES_TTL)
            await pipe.execute()

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

    # -- quotes -------------------------------------------------------------------------------

    async def add_quote(self, quote: Quote) -> None:
        key = keys.quotes(quote.symbol)
        member = json.dumps(
            {
                "p": quote.price,
                "t": quote.time.timestamp(),
                "c": quote.currency,
                "pc": quote.previous_close,
            }
        )
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: quote.time.timestamp()})
            pipe.zremrangebyrank(key, 0, -keys.QUOTES_MAX - 1)
            pipe.expire(key, keys.QUOTE_TTL)
            await pipe.execute()

    async def latest_quote(self, symbol: str) -> Quote | None:
        rows = await self.redis.zrevrange(keys.quotes(symbol), 0, 0)
        return _quote(symbol, rows[0]) if rows else None

    async def quotes_since(self, symbol: str, since: datetime) -> list[Quote]:
        rows = await self.redis.zrangebyscore(keys.quotes(symbol), since.timestamp(), "+inf")
        return [_quote(symbol, row) for row in rows]

    # -- rule state (the RuleState protocol) --------------------------------------------------

    async def get(self, rule: str, key: str) -> str | None:
        value = await self.redis.hget(keys.rule_state(rule), key)
        return None if value is None else str(value)

    async def set(self, rule: str, key: str, value: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(keys.rule_state(rule), key, value)
            pipe.expire(keys.rule_state(rule), keys.RULE_STATE_TTL)
            await pipe.execute()

    # -- subscriptions ------------------------------------------------------------------------

    async def register_chat(self, chat_id: int, language: str | None) -> None:
        payload = json.dumps({"lang": language or "en"})
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(keys.chats(), str(chat_id), payload)
            pipe.expire(keys.chats(), keys.CHAT_TTL)
            await pipe.execute()

    async def chat_language(self, chat_id: int) -> str:
        payload = await self.redis.hget(keys.chats(), str(chat_id))
        return str(json.loads(payload).get("lang", "en")) if payload else "en"

    async def watch(self, chat_id: int, symbol: str) -> bool:
        """Subscribe; False when already watching. Raises ValueError past WATCH_MAX."""
        if await self.redis.scard(keys.chat_watch(chat_id)) >= keys.WATCH_MAX:
            raise ValueError(f"a chat can watch at most {keys.WATCH_MAX} symbols")
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(keys.chat_watch(chat_id), symbol)
            pipe.sadd(keys.watchers(symbol), str(chat_id))
            pipe.expire(keys.chat_watch(chat_id), keys.CHAT_TTL)
            pipe.expire(keys.watchers(symbol), keys.CHAT_TTL)
            added, *_ = await pipe.execute()
        return bool(added)

    async def unwatch(self, chat_id: int, symbol: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.srem(keys.chat_watch(chat_id), symbol)
            pipe.srem(keys.watchers(symbol), str(chat_id))
            removed, _ = await pipe.execute()
        return bool(removed)

    async def watched(self, chat_id: int) -> list[str]:
        return sorted(await self.redis.smembers(keys.chat_watch(chat_id)))

    async def watchers(self, symbol: str) -> list[int]:
        return sorted(int(chat) for chat in await self.redis.smembers(keys.watchers(symbol)))

    async def subscribers(self) -> list[int]:
        """Every chat that watches at least one symbol."""
        chats = [int(chat) for chat in await self.redis.hkeys(keys.chats())]
        if not chats:
            return []
        async with self.redis.pipeline(transaction=False) as pipe:
            for chat in chats:
                pipe.scard(keys.chat_watch(chat))
            counts = await pipe.execute()
        return sorted(chat for chat, count in zip(chats, counts, strict=True) if count)

    async def forget_chat(self, chat_id: int) -> None:
        """The chat blocked the bot or was deleted: drop every subscription."""
        for symbol in await self.watched(chat_id):
            await self.redis.srem(keys.watchers(symbol), str(chat_id))
        await self.redis.delete(keys.chat_watch(chat_id))
        await self.redis.hdel(keys.chats(), str(chat_id))

    # -- outbox and delivery ------------------------------------------------------------------

    async def enqueue(self, alerts: Iterable[Alert]) -> int:
        count = 0
        async with self.redis.pipeline(transaction=True) as pipe:
            for alert in alerts:
                payload = json.dumps({**alert.to_dict(), "dedup_key": alert.dedup_key})
                pipe.xadd(
                    keys.outbox(), {"alert": payload}, maxlen=keys.OUTBOX_MAXLEN, approximate=True
                )
                count += 1
            if count:
                await pipe.execute()
        return count

    async def ensure_outbox_group(self) -> None:
        try:
            await self.redis.xgroup_create(keys.outbox(), keys.OUTBOX_GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def read_outbox(self, consumer: str, *, count: int, block_ms: int) -> list[OutboxEntry]:
        """New entries first; entries another consumer left unacknowledged are reclaimed."""
        claimed = await self.redis.xautoclaim(
            keys.outbox(), keys.OUTBOX_GROUP, consumer, min_idle_time=60_000, count=count
        )
        rows = list(claimed[1]) if claimed and len(claimed) > 1 else []
        if not rows:
            response = await self.redis.xreadgroup(
                keys.OUTBOX_GROUP, consumer, {keys.outbox(): ">"}, count=count, block=block_ms
            )
            rows = _stream_rows(response)
        return [
            OutboxEntry(entry_id, Alert.from_dict(json.loads(fields["alert"])))
            for entry_id, fields in rows
            if fields
        ]

    async def ack(self, entry_id: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.xack(keys.outbox(), keys.OUTBOX_GROUP, entry_id)
            pipe.xdel(keys.outbox(), entry_id)
            await pipe.execute()

    async def was_sent(self, alert_id: str, chat_id: int) -> bool:
        return bool(await self.redis.exists(keys.sent(alert_id, chat_id)))

    async def mark_sent(self, alert_id: str, chat_id: int) -> None:
        await self.redis.set(keys.sent(alert_id, chat_id), 1, ex=keys.SENT_TTL)

    async def record_failed_delivery(self, alert: Alert, chat_id: int, error: str) -> None:
        entry = json.dumps({"alert": alert.id, "rule": alert.rule, "chat": chat_id, "error": error})
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.lpush(keys.delivery_failures(), entry)
            pipe.ltrim(keys.delivery_failures(), 0, keys.DELIVERY_FAILURES_MAX - 1)
            await pipe.execute()

    async def failed_deliveries(self) -> list[dict[str, Any]]:
        return [json.loads(row) for row in await self.redis.lrange(keys.delivery_failures(), 0, -1)]

    # -- source health ------------------------------------------------------------------------

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


def _quote(symbol: str, member: str) -> Quote:
    data = json.loads(member)
    return Quote(
        symbol=symbol,
        price=float(data["p"]),
        time=datetime.fromtimestamp(data["t"], UTC),
        currency=data.get("c"),
        previous_close=data.get("pc"),
    )


def _stream_rows(response: Any) -> list[tuple[str, dict[str, str]]]:
    """XREADGROUP answers as a list (RESP2) or a dict (RESP3); return its rows."""
    if not response:
        return []
    if isinstance(response, dict):
        return [row for rows in response.values() for row in (rows[0] if rows else [])]
    return [row for _stream, rows in response for row in rows]
