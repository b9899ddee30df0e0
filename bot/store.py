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
from bot.targets import TargetRecord
from rules.alert import Alert
from rules.events import AnalystAction, Consensus
from rules.text import name_key

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
        key = keys.chat_watch(chat_id)
        full = await self.redis.scard(key) >= keys.WATCH_MAX
        if full and not await self.redis.sismember(key, symbol):
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

    # -- analyst targets and stories ----------------------------------------------------------

    async def analyst_target(self, symbol: str, broker: str) -> TargetRecord | None:
        payload = await self.redis.hget(keys.targets(symbol), name_key(broker))
        return TargetRecord.from_json(payload) if payload else None

    async def record_analyst(
        self, symbol: str, event: AnalystAction, item: NewsItem
    ) -> TargetRecord | None:
        """Remember a broker's latest view of a symbol; events without a broker are ignored."""
        if not event.broker:
            return None
        record = TargetRecord(
            broker=event.broker,
            rating=event.rating,
            rating_action=event.rating_action,
            target=event.target,
            prior_target=event.prior_target,
            target_action=event.target_action,
            currency=event.currency,
            time=item.published,
            headline=item.title,
            link=item.link,
        )
        previous = await self.analyst_target(symbol, event.broker)
        if previous is not None and previous.time > record.time:
            return previous  # an older report arriving late never overwrites a newer view
        if record.target is None and previous is not None:
            record.target, record.currency = previous.target, previous.currency
        if record.rating is None and previous is not None:
            record.rating = previous.rating
        key = keys.targets(symbol)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, name_key(event.broker), record.to_json())
            pipe.expire(key, keys.TARGETS_TTL)
            await pipe.execute()
        await self._trim_targets(key)
        return record

    async def _trim_targets(self, key: str) -> None:
        if await self.redis.hlen(key) <= keys.TARGETS_MAX:
            return
        records = sorted(
            (
                (field, TargetRecord.from_json(value))
                for field, value in (await self.redis.hgetall(key)).items()
            ),
            key=lambda pair: pair[1].time,
        )
        stale = [field for field, _ in records[: len(records) - keys.TARGETS_MAX]]
        await self.redis.hdel(key, *stale)

    async def analyst_targets(self, symbol: str) -> list[TargetRecord]:
        """The latest view of every broker, newest first."""
        rows = await self.redis.hgetall(keys.targets(symbol))
        records = [TargetRecord.from_json(value) for value in rows.values()]
        return sorted(records, key=lambda record: record.time, reverse=True)

    async def record_consensus(self, symbol: str, event: Consensus, time: datetime) -> None:
        payload = json.dumps({**event.to_dict(), "time": time.isoformat()})
        await self.redis.set(keys.consensus(symbol), payload, ex=keys.CONSENSUS_TTL)

    async def latest_consensus(self, symbol: str) -> Consensus | None:
        payload = await self.redis.get(keys.consensus(symbol))
        if not payload:
            return None
        data = json.loads(payload)
        return Consensus(
            company=data.get("company"),
            mean_target=data.get("mean_target"),
            median_target=data.get("median_target"),
            buy=data.get("buy"),
            hold=data.get("hold"),
            sell=data.get("sell"),
            currency=data.get("currency"),
            symbols=(symbol,),
        )

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
        sources = keys.story_sources(key)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(sources, source)
            pipe.ltrim(sources, 0, keys.STORY_SOURCES_MAX - 1)
            pipe.expire(sources, keys.STORY_TTL)
            await pipe.execute()

    async def story_sources(self, story_keys: list[str]) -> list[str]:
        found: list[str] = []
        for key in story_keys:
            found.extend(await self.redis.lrange(keys.story_sources(key), 0, -1))
        return found

    async def recent_titles(self, since: datetime) -> list[str]:
        return list(await self.redis.zrangebyscore(keys.recent_titles(), since.timestamp(), "+inf"))

    async def add_recent_title(self, fingerprint: str, time: datetime) -> None:
        key = keys.recent_titles()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {fingerprint: time.timestamp()})
            pipe.zremrangebyrank(key, 0, -keys.RECENT_TITLES_MAX - 1)
            pipe.expire(key, keys.RECENT_TITLES_TTL)
            await pipe.execute()

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

    # -- telegram: topics, personal rules, command flood limit --------------------------------

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
        key = keys.personal_rules(symbol)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, f"{chat_id}:{kind}", json.dumps(rule))
            pipe.expire(key, keys.PERSONAL_TTL)
            await pipe.execute()

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
        key = keys.alert_events(alert.symbol)
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
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: alert.time.timestamp()})
            pipe.zremrangebyrank(key, 0, -keys.ALERT_EVENTS_MAX - 1)
            pipe.expire(key, keys.ALERT_EVENTS_TTL)
            await pipe.execute()

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

    # -- lifecycle: mutes (scopes "all", "symbol:BABA", "rule:NAME") ---------------------------

    async def mute(self, chat_id: int, scope: str, until: datetime) -> None:
        key = keys.chat_mutes(chat_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, scope, until.timestamp())
            pipe.expire(key, keys.MUTES_TTL_MAX)
            await pipe.execute()

    async def unmute(self, chat_id: int, scope: str | None = None) -> int:
        """End one mute, or every mute of the chat when scope is None; returns how many ended."""
        key = keys.chat_mutes(chat_id)
        if scope is None:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hlen(key)
                pipe.delete(key)
                count, _ = await pipe.execute()
            return int(count)
        return int(await self.redis.hdel(key, scope))

    async def mutes(self, chat_id: int, now: datetime) -> dict[str, datetime]:
        """Mutes still running, by scope; ended ones are removed on the way."""
        key = keys.chat_mutes(chat_id)
        found = await self.redis.hgetall(key)
        ended = [scope for scope, until in found.items() if float(until) <= now.timestamp()]
        if ended:
            await self.redis.hdel(key, *ended)
        return {
            scope: datetime.fromtimestamp(float(until), UTC)
            for scope, until in found.items()
            if scope not in ended
        }

    async def is_muted(self, chat_id: int, scopes: list[str], now: datetime) -> bool:
        ends = await self.redis.hmget(keys.chat_mutes(chat_id), scopes)
        return any(until is not None and float(until) > now.timestamp() for until in ends)


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
