"""The outbox stream between the pipeline and the senders, delivery marks and final failures."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from redis.exceptions import ResponseError

from bot import keys
from bot.store.base import RedisStore
from rules.alert import Alert

log = logging.getLogger(__name__)


@dataclass(slots=True)
class OutboxEntry:
    entry_id: str
    alert: Alert


class OutboxStore(RedisStore):
    async def enqueue(self, alerts: Iterable[Alert]) -> int:
        count = 0
        async with self.redis.pipeline(transaction=True) as pipe:
            for alert in alerts:
                payload = json.dumps(alert.to_dict())
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
        """This consumer's own unacknowledged entries first (a batch cut short by an error),
        then entries another consumer left behind for a minute, then new ones."""
        group, stream = keys.OUTBOX_GROUP, keys.outbox()
        rows = _stream_rows(
            await self.redis.xreadgroup(group, consumer, {stream: "0"}, count=count)
        )
        if not rows:
            claimed = await self.redis.xautoclaim(
                stream, group, consumer, min_idle_time=60_000, count=count
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
