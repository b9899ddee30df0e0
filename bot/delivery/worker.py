"""Drain the outbox stream into a delivery; an entry is acknowledged only once handled."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from redis.exceptions import RedisError

from bot.backoff import backoff_delay
from bot.pipeline.stories import with_repeats
from bot.redis_watch import describe
from bot.store import OutboxEntry, Store
from rules.alert import Alert

log = logging.getLogger(__name__)

BATCH = 50
BLOCK_MS = 500
RETRY_CAP_S = 5.0  # after an outage, delivery resumes within this of Redis answering again


class Delivery(Protocol):
    async def deliver(self, alert: Alert) -> None: ...


class Lifecycle(Protocol):
    """Mutes, quiet hours, digests and grouping: bot.lifecycle.dispatch.Dispatcher."""

    async def admit(self, alert: Alert) -> list[Alert]: ...

    async def due(self) -> list[Alert]: ...


class OutboxWorker:
    def __init__(
        self,
        store: Store,
        delivery: Delivery,
        *,
        consumer: str,
        lifecycle: Lifecycle | None = None,
    ) -> None:
        self.store = store
        self.delivery = delivery
        self.lifecycle = lifecycle
        self.consumer = consumer
        self.delivered = 0
        self._idle = asyncio.Event()
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Finish the current batch and return; a blocked read ends within BLOCK_MS."""
        self._stopping.set()

    async def run(self) -> None:
        failures = 0
        group_ready = False
        while not self._stopping.is_set():
            await self._deliver_due()
            try:
                if not group_ready or failures:
                    # At the start, and when Redis came back (perhaps without its data): the
                    # consumer group must exist before the read.
                    await self.store.ensure_outbox_group()
                    group_ready = True
                entries = await self.store.read_outbox(
                    self.consumer, count=BATCH, block_ms=BLOCK_MS
                )
                failures = 0
            except RedisError as exc:
                delay = backoff_delay(failures, base_s=0.5, cap_s=RETRY_CAP_S)
                failures += 1
                # The Redis watch reports an outage; here only its first failure is worth a line.
                level = logging.WARNING if failures == 1 else logging.DEBUG
                log.log(level, "outbox read failed (%s); retrying in %.1fs", describe(exc), delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)
                continue
            if not entries:
                self._idle.set()
                continue
            self._idle.clear()
            try:
                for entry in entries:
                    await self._handle(entry)
                    await self.store.ack(entry.entry_id)
                    self.delivered += 1
            except RedisError as exc:
                # Unacknowledged entries stay pending and are claimed again once Redis answers;
                # delivery marks keep the chats already served from getting them twice.
                delay = backoff_delay(failures, base_s=0.5, cap_s=RETRY_CAP_S)
                failures += 1
                level = logging.WARNING if failures == 1 else logging.DEBUG
                log.log(level, "outbox delivery hit a Redis error (%s)", describe(exc))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)

    async def _handle(self, entry: OutboxEntry) -> None:
        try:
            alert = await with_repeats(entry.alert, self.store)
            admitted = [alert]
            if self.lifecycle is not None:
                admitted = await self.lifecycle.admit(alert)
            for ready in admitted:
                await self.delivery.deliver(ready)
        except RedisError:
            raise
        except Exception:
            # A defect in delivery must not block the queue behind this entry.
            log.exception("delivering alert %s failed", entry.alert.id)

    async def _deliver_due(self) -> None:
        """Alerts the lifecycle held back (group, quiet hours, digest) that are due now."""
        if self.lifecycle is None:
            return
        try:
            due = await self.lifecycle.due()
        except RedisError:
            return  # the outbox read right after reports it
        except Exception:
            log.exception("reading held alerts failed")
            return
        for alert in due:
            try:
                await self.delivery.deliver(alert)
            except Exception:
                log.exception("delivering held alert %s failed", alert.id)

    async def drained(self) -> None:
        """Wait until the worker found the outbox empty (used by demo and tests)."""
        self._idle.clear()
        await self._idle.wait()
