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
from rules.alert import STATE_ALERT_TYPES, Alert
from rules.base import FEED_CHAT_FIELD, PERSONAL_CHAT_FIELD
from rules.merged import MEMBERS_FIELD

log = logging.getLogger(__name__)

STUCK_CLAIM_IDLE_MS = 60_000  # a live consumer's entry untouched this long is taken over
# Claiming resets an entry's idle time, so of two consumers claiming at once only one gets it.
DEAD_CLAIM_IDLE_MS = 1_000
STREAMS = [keys.outbox(priority) for priority in keys.OUTBOX_PRIORITIES]
RANK = {stream: rank for rank, stream in enumerate(STREAMS)}

# Deletes the key only while it still holds this process's token (a successor may own it).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"
# KEYS: the entry's stream, the latest-alert hash. ARGV: group, entry id, what the alert
# supersedes ("" for nothing) and its id. Handled: acknowledged, deleted, and no longer the
# newest of its kind unless a newer one came meanwhile.
_ACK = """
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
if ARGV[3] ~= '' and redis.call('HGET', KEYS[2], ARGV[3]) == ARGV[4] then
  redis.call('HDEL', KEYS[2], ARGV[3])
end
"""


@dataclass(slots=True)
class OutboxEntry:
    entry_id: str
    alert: Alert
    stream: str = STREAMS[0]


def supersedes(alert: Alert) -> str:
    """What a newer alert replaces while the older one waits: the same rule's price state of the
    same symbol for the same chats. "" for alerts nothing replaces (news, merged alerts)."""
    if alert.type not in STATE_ALERT_TYPES or alert.symbol is None:
        return ""
    if MEMBERS_FIELD in alert.fields:
        return ""
    chat = alert.fields.get(PERSONAL_CHAT_FIELD, alert.fields.get(FEED_CHAT_FIELD, "*"))
    return f"{alert.rule}\x1f{alert.symbol}\x1f{chat}"


def stream_of(alert: Alert) -> str:
    priority = alert.severity if alert.severity in keys.OUTBOX_PRIORITIES else "info"
    return keys.outbox(priority)


class OutboxStore(RedisStore):
    async def enqueue(self, alerts: Iterable[Alert]) -> int:
        """Queue the alerts all at once, then list them for the status page (another cluster
        slot, so a step of its own: a crash in between only leaves them off that list)."""
        payloads = []
        async with self.redis.pipeline(transaction=True) as pipe:
            for alert in alerts:
                payload = json.dumps(alert.to_dict())
                pipe.xadd(
                    stream_of(alert),
                    {"alert": payload},
                    maxlen=keys.OUTBOX_MAXLEN,
                    approximate=True,
                )
                replaces = supersedes(alert)
                if replaces:
                    pipe.hset(keys.outbox_latest(), replaces, alert.id)
                    pipe.expire(keys.outbox_latest(), keys.OUTBOX_LATEST_TTL)
                payloads.append(payload)
            if payloads:
                await pipe.execute()
        if payloads:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.lpush(keys.recent_alerts(), *payloads)
                pipe.ltrim(keys.recent_alerts(), 0, keys.RECENT_ALERTS_MAX - 1)
                await pipe.execute()
        return len(payloads)

    def outbox_node(self) -> Any:
        """The cluster node that holds the outbox (every priority's stream shares one hash
        tag); None on a single Redis."""
        if not isinstance(self.redis, RedisCluster):
            return None
        return self.redis.get_node_from_key(STREAMS[0])

    async def ensure_outbox_group(self) -> None:
        for stream in STREAMS:
            try:
                await self.redis.xgroup_create(stream, keys.OUTBOX_GROUP, id="0", mkstream=True)
            except ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise
        await self._move_legacy_outbox()

    async def _move_legacy_outbox(self) -> None:
        """Alerts an earlier version left in its single stream go into the priority streams
        (at least once: a crash between the two steps queues them twice)."""
        legacy = keys.legacy_outbox()
        if not await self.redis.exists(legacy):
            return
        rows = await self.redis.xrange(legacy)
        alerts = [alert for entry_id, fields in rows if (alert := _alert(entry_id, fields))]
        await self.enqueue(alerts)
        await self.redis.delete(legacy)
        if alerts:
            log.info("moved %d queued alerts into the priority outbox", len(alerts))

    async def read_outbox(
        self, consumer: str, *, count: int, block_ms: int, new_only: bool = False
    ) -> list[OutboxEntry]:
        """This consumer's own unacknowledged entries first (a batch cut short by an error or by
        a crash of the previous process of the same name), then entries another consumer left
        untouched for a minute, then new ones; each batch critical first, then warning, then
        info. An alert a newer one superseded is acknowledged and left out. `new_only`: new
        entries only, for a consumer that knows it left none unacknowledged and looked for
        stuck ones a moment ago (an idle loop then costs one blocking read)."""
        while True:
            rows = await self._read_rows(
                consumer, count=count, block_ms=block_ms, new_only=new_only
            )
            if not rows:
                return []
            entries = []
            for stream, entry_id, fields in rows:
                alert = _alert(entry_id, fields)
                entry = OutboxEntry(entry_id, alert or _UNREADABLE, stream)
                if alert is None:
                    await self.ack(entry)  # trimmed away or unreadable: nothing to deliver
                elif await self._superseded(alert):
                    log.info("alert %s was replaced by a newer one before it was sent", alert.id)
                    await self.ack(entry)
                else:
                    entries.append(entry)
            if entries:
                return entries
            # Everything read was dropped: read on, an empty answer means an empty outbox.

    async def _read_rows(
        self, consumer: str, *, count: int, block_ms: int, new_only: bool
    ) -> list[tuple[str, str, dict[str, str]]]:
        group = keys.OUTBOX_GROUP
        rows: list[tuple[str, str, dict[str, str]]] = []
        if not new_only:
            rows = _stream_rows(
                await self.redis.xreadgroup(
                    group, consumer, {stream: "0" for stream in STREAMS}, count=count
                )
            )
            if not rows:
                rows = await self._claim_stuck(consumer, count)
        if not rows:
            response = await self.redis.xreadgroup(
                group, consumer, {stream: ">" for stream in STREAMS}, count=count, block=block_ms
            )
            rows = _stream_rows(response)
        rows.sort(key=lambda row: RANK.get(row[0], len(RANK)))
        return rows

    async def _claim_stuck(
        self, consumer: str, count: int
    ) -> list[tuple[str, str, dict[str, str]]]:
        """Entries another consumer left untouched for STUCK_CLAIM_IDLE_MS, made this one's."""
        rows = []
        for stream in STREAMS:
            claimed = await self.redis.xautoclaim(
                stream, keys.OUTBOX_GROUP, consumer, min_idle_time=STUCK_CLAIM_IDLE_MS, count=count
            )
            found = list(claimed[1]) if claimed and len(claimed) > 1 else []
            rows += [(stream, entry_id, fields) for entry_id, fields in found]
        return rows

    async def _superseded(self, alert: Alert) -> bool:
        replaces = supersedes(alert)
        if not replaces:
            return False
        newest = await self.redis.hget(keys.outbox_latest(), replaces)
        return newest is not None and newest != alert.id

    async def ack(self, entry: OutboxEntry) -> None:
        await self.redis.eval(
            _ACK,
            2,
            entry.stream,
            keys.outbox_latest(),
            keys.OUTBOX_GROUP,
            entry.entry_id,
            supersedes(entry.alert),
            entry.alert.id,
        )

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
            for stream in STREAMS:
                pipe.xlen(stream)
                pipe.xrange(stream, count=1)
            answers = await pipe.execute()
        length = sum(int(answer) for answer in answers[0::2])
        firsts = [int(str(first[0][0]).partition("-")[0]) for first in answers[1::2] if first]
        if not firsts:
            return length, None
        return length, datetime.fromtimestamp(min(firsts) / 1000, UTC)

    async def pending_of(self, consumer: str) -> int:
        """How many entries this consumer read and has not acknowledged."""
        pending = 0
        for stream in STREAMS:
            for info in await self._consumers(stream):
                if info["name"] == consumer:
                    pending += int(info["pending"])
        return pending

    async def claim_from_dead_consumers(self, consumer: str, *, count: int) -> int:
        """Make the unacknowledged entries of consumers whose process is gone (their name is no
        longer renewed) this consumer's own; forget dead consumers that hold none."""
        group = keys.OUTBOX_GROUP
        claimed = 0
        for stream in STREAMS:
            for info in await self._consumers(stream):
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

    async def _consumers(self, stream: str) -> list[dict[str, Any]]:
        try:
            return list(await self.redis.xinfo_consumers(stream, keys.OUTBOX_GROUP))
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


_UNREADABLE = Alert(
    rule="", type="", severity="info", symbol=None, headline="", time=datetime.min, dedup_key=""
)


def _alert(entry_id: str, fields: dict[str, str] | None) -> Alert | None:
    if not fields:
        return None
    try:
        return Alert.from_dict(json.loads(fields["alert"]))
    except (KeyError, TypeError, ValueError):
        log.error("outbox entry %s is not a readable alert; dropping it: %.200r", entry_id, fields)
        return None


def _stream_rows(response: Any) -> list[tuple[str, str, dict[str, str]]]:
    """XREADGROUP answers as a list (RESP2) or a dict (RESP3); return (stream, id, fields)."""
    if not response:
        return []
    if isinstance(response, dict):
        return [
            (str(stream), entry_id, fields)
            for stream, rows in response.items()
            for entry_id, fields in (rows[0] if rows else [])
        ]
    return [
        (str(stream), entry_id, fields) for stream, rows in response for entry_id, fields in rows
    ]
