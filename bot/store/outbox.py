"""The outbox stream between the pipeline and the senders, its consumers, delivery marks and
final failures."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from redis.asyncio.cluster import RedisCluster
from redis.exceptions import ResponseError

from bot import keys
from bot.store.base import RedisStore
from rules.alert import Alert

log = logging.getLogger(__name__)

STUCK_CLAIM_IDLE_MS = 60_000  # a live consumer's entry untouched this long is taken over
# Claiming resets an entry's idle time, so of two consumers claiming at once only one gets it.
DEAD_CLAIM_IDLE_MS = 1_000

# Deletes the key only while it still holds this process's token (a successor may own it).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


@dataclass(slots=True)
class OutboxEntry:
    entry_id: str
    alert: Alert


class OutboxStore(RedisStore):
    async def enqueue(self, alerts: Iterable[Alert]) -> int:
        """Queue the alerts all at once, then list them for the status page (another cluster
        slot, so a step of its own: a crash in between only leaves them off that list)."""
        payloads = [json.dumps(alert.to_dict()) for alert in alerts]
        if not payloads:
            return 0
        async with self.redis.pipeline(transaction=True) as pipe:
            for payload in payloads:
                pipe.xadd(
                    keys.outbox(), {"alert": payload}, maxlen=keys.OUTBOX_MAXLEN, approximate=True
                )
            await pipe.execute()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.lpush(keys.recent_alerts(), *payloads)
            pipe.ltrim(keys.recent_alerts(), 0, keys.RECENT_ALERTS_MAX - 1)
            await pipe.execute()
        return len(payloads)

    def outbox_node(self) -> Any:
        """The cluster node that holds the outbox; None on a single Redis."""
        if not isinstance(self.redis, RedisCluster):
            return None
        return self.redis.get_node_from_key(keys.outbox())

    async def ensure_outbox_group(self) -> None:
        try:
            await self.redis.xgroup_create(keys.outbox(), keys.OUTBOX_GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def read_outbox(self, consumer: str, *, count: int, block_ms: int) -> list[OutboxEntry]:
        """This consumer's own unacknowledged entries first (a batch cut short by an error or by
        a crash of the previous process of the same name), then entries another consumer left
        untouched for a minute, then new ones."""
        group, stream = keys.OUTBOX_GROUP, keys.outbox()
        rows = _stream_rows(
            await self.redis.xreadgroup(group, consumer, {stream: "0"}, count=count)
        )
        if not rows:
            claimed = await self.redis.xautoclaim(
                stream, group, consumer, min_idle_time=STUCK_CLAIM_IDLE_MS, count=count
            )
            rows = list(claimed[1]) if claimed and len(claimed) > 1 else []
        if not rows:
            response = await self.redis.xreadgroup(
                group, consumer, {stream: ">"}, count=count, block=block_ms
            )
            rows = _stream_rows(response)
        entries = []
        for entry_id, fields in rows:
            alert = _alert(entry_id, fields)
            if alert is None:
                await self.ack(entry_id)  # trimmed away or unreadable: nothing to deliver
            else:
                entries.append(OutboxEntry(entry_id, alert))
        return entries

    async def ack(self, entry_id: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.xack(keys.outbox(), keys.OUTBOX_GROUP, entry_id)
            pipe.xdel(keys.outbox(), entry_id)
            await pipe.execute()

    async def hold_consumer(self, consumer: str, token: str) -> str | None:
        """Take the consumer name for the process with `token`; when a process holds it
        already, its token (which may belong to a process that died without releasing it)."""
        key = keys.outbox_consumer(consumer)
        while not await self.redis.set(key, token, nx=True, ex=keys.CONSUMER_ALIVE_TTL):
            holder = await self.redis.get(key)
            if holder is not None:
                return str(holder)
        return None

    async def keep_consumer(self, consumer: str, token: str) -> None:
        """Take the name (over a dead holder) or renew it: the process is alive."""
        await self.redis.set(keys.outbox_consumer(consumer), token, ex=keys.CONSUMER_ALIVE_TTL)

    async def release_consumer(self, consumer: str, token: str) -> None:
        await self.redis.eval(_RELEASE, 1, keys.outbox_consumer(consumer), token)

    async def outbox_backlog(self) -> tuple[int, datetime | None]:
        """How many alerts wait in the outbox (handled ones are deleted), and when the oldest of
        them was queued (its entry id is the time Redis added it)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.xlen(keys.outbox())
            pipe.xrange(keys.outbox(), count=1)
            length, first = await pipe.execute()
        if not first:
            return int(length), None
        millis = int(str(first[0][0]).partition("-")[0])
        return int(length), datetime.fromtimestamp(millis / 1000, UTC)

    async def pending_of(self, consumer: str) -> int:
        """How many entries this consumer read and has not acknowledged."""
        for info in await self._consumers():
            if info["name"] == consumer:
                return int(info["pending"])
        return 0

    async def claim_from_dead_consumers(self, consumer: str, *, count: int) -> int:
        """Make the unacknowledged entries of consumers whose process is gone (their name is no
        longer renewed) this consumer's own; forget dead consumers that hold none."""
        stream, group = keys.outbox(), keys.OUTBOX_GROUP
        claimed = 0
        for info in await self._consumers():
            name = str(info["name"])
            if name == consumer or await self.redis.exists(keys.outbox_consumer(name)):
                continue
            if int(info["pending"]) == 0:
                if int(info["idle"]) > keys.CONSUMER_ALIVE_TTL * 1000:
                    await self.redis.xgroup_delconsumer(stream, group, name)
                continue
            rows = await self.redis.xpending_range(
                stream, group, min="-", max="+", count=count, consumername=name
            )
            ids = [row["message_id"] for row in rows]
            if ids:
                taken = await self.redis.xclaim(
                    stream, group, consumer, DEAD_CLAIM_IDLE_MS, ids, justid=True
                )
                claimed += len(taken)
        if claimed:
            log.info("took over %d outbox entries from stopped consumers", claimed)
        return claimed

    async def _consumers(self) -> list[dict[str, Any]]:
        try:
            return list(await self.redis.xinfo_consumers(keys.outbox(), keys.OUTBOX_GROUP))
        except ResponseError:  # no stream or group yet
            return []

    async def was_sent(self, alert_id: str, chat_id: int) -> bool:
        return bool(await self.redis.exists(keys.sent(alert_id, chat_id)))

    async def begin_send(self, alert_id: str, chat_id: int) -> bool:
        """Record a send about to start. True when an earlier one was begun and its outcome
        never recorded: the process stopped while it was in flight."""
        earlier = await self.redis.set(
            keys.sending(alert_id, chat_id), 1, ex=keys.SENDING_TTL, get=True
        )
        return earlier is not None

    async def mark_sent(self, alert_id: str, chat_id: int) -> None:
        # The mark first: a `sending` key left by a crash in between is never read once a send
        # is marked, and it expires.
        await self.redis.set(keys.sent(alert_id, chat_id), 1, ex=keys.SENT_TTL)
        await self.redis.delete(keys.sending(alert_id, chat_id))

    async def end_send(self, alert_id: str, chat_id: int) -> None:
        """A send that ended without reaching the chat (refused, failed for good)."""
        await self.redis.delete(keys.sending(alert_id, chat_id))

    async def record_failed_delivery(self, alert: Alert, chat_id: int, error: str) -> None:
        entry = json.dumps({"alert": alert.id, "rule": alert.rule, "chat": chat_id, "error": error})
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.lpush(keys.delivery_failures(), entry)
            pipe.ltrim(keys.delivery_failures(), 0, keys.DELIVERY_FAILURES_MAX - 1)
            await pipe.execute()

    async def recent_alerts(self) -> list[Alert]:
        """The latest alerts queued, newest first."""
        rows = await self.redis.lrange(keys.recent_alerts(), 0, keys.RECENT_ALERTS_MAX - 1)
        return [Alert.from_dict(json.loads(row)) for row in rows]

    async def failed_deliveries(self) -> list[dict[str, Any]]:
        return [json.loads(row) for row in await self.redis.lrange(keys.delivery_failures(), 0, -1)]


def _alert(entry_id: str, fields: dict[str, str] | None) -> Alert | None:
    if not fields:
        return None
    try:
        return Alert.from_dict(json.loads(fields["alert"]))
    except (KeyError, TypeError, ValueError):
        log.error("outbox entry %s is not a readable alert; dropping it: %.200r", entry_id, fields)
        return None


def _stream_rows(response: Any) -> list[tuple[str, dict[str, str]]]:
    """XREADGROUP answers as a list (RESP2) or a dict (RESP3); return its rows."""
    if not response:
        return []
    if isinstance(response, dict):
        return [row for rows in response.values() for row in (rows[0] if rows else [])]
    return [row for _stream, rows in response for row in rows]
