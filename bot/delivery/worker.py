"""Drain the outbox stream into a delivery; an entry is acknowledged only once handled."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from redis.exceptions import RedisError

from bot.backoff import backoff_delay
from bot.store import Store
from rules.alert import Alert

log = logging.getLogger(__name__)

BATCH = 50
BLOCK_MS = 500


class Delivery(Protocol):
    async def deliver(self, alert: Alert) -> None: ...


class OutboxWorker:
    def __init__(self, store: Store, delivery: Delivery, *, consumer: str) -> None:
        self.store = store
        self.delivery = delivery
        self.consumer = consumer
        self.delivered = 0
        self._idle = asyncio.Event()
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Finish the current batch and return; a blocked read ends within BLOCK_MS."""
        self._stopping.set()

    async def run(self) -> None:
        await self.store.ensure_outbox_group()
        failures = 0
        while not self._stopping.is_set():
            try:
                entries = await self.store.read_outbox(
                    self.consumer, count=BATCH, block_ms=BLOCK_MS
                )
                failures = 0
            except RedisError as exc:
                delay = backoff_delay(failures, base_s=0.5, cap_s=30)
                failures += 1
                log.warning("outbox read failed (%s); retrying in %.1fs", exc, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)
                continue
            if not entries:
                self._idle.set()
                continue
            self._idle.clear()
            for entry in entries:
                try:
                    await self.delivery.deliver(entry.alert)
                except RedisError:
                    raise
                except Exception:
                    # A defect in delivery must not block the queue behind this entry.
                    log.exception("delivering alert %s failed", entry.alert.id)
                self.delivered += 1
                await self.store.ack(entry.entry_id)

    async def drained(self) -> None:
        """Wait until the worker found the outbox empty (used by demo and tests)."""
        self._idle.clear()
        await self._idle.wait()
