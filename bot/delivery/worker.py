"""Drain the outbox stream into a delivery; an entry is acknowledged only once handled.

A worker reads as a consumer named after its host and installation, so a bot restarted after a
crash is the same consumer and first re-reads the entries it had not finished. While it runs it
renews a short-lived key under that name; the entries of a consumer whose key lapsed (its process
is gone) are taken over by a live one within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import secrets
import socket
import time
from pathlib import Path
from typing import Protocol

from redis.exceptions import RedisError

from bot.backoff import backoff_delay
from bot.delivery.unreachable import DeliveryUnreachable
from bot.pipeline.stories import with_repeats
from bot.redis_watch import describe
from bot.store import OutboxEntry, Store
from rules.alert import Alert

log = logging.getLogger(__name__)

CLAIM_BATCH = 50
# Alerts taken from the outbox at a time (per severity): one, so that several notifiers share a
# burst of alerts, and an urgent alert waits for no more than the one in hand.
READ_BATCH = 1
BLOCK_MS = 500
RETRY_CAP_S = 5.0  # after an outage, delivery resumes within this of Redis answering again
ALIVE_EVERY_S = 1.0  # renewal of the consumer key; well inside keys.CONSUMER_ALIVE_TTL
# An idle worker looks for entries of stopped or stuck consumers this often, not at every
# blocking read: they are taken over within seconds, and an idle bot costs little.
LOOK_AROUND_EVERY_S = 5.0


def consumer_name(installation: str | Path) -> str:
    """The same name for every start of one installation (its config file or data directory)
    on this host, and a different one for every other."""
    where = str(Path(installation).resolve())
    return f"{socket.gethostname()}-{hashlib.sha256(where.encode()).hexdigest()[:10]}"


class Delivery(Protocol):
    async def deliver(self, alert: Alert) -> None: ...


class Lifecycle(Protocol):
    """Mutes, quiet hours, digests and grouping: bot.lifecycle.dispatch.Dispatcher."""

    async def admit(self, alert: Alert) -> list[Alert]: ...

    async def due(self) -> list[Alert]: ...

    async def hold_again(self, alert: Alert, after_s: float) -> bool: ...


class OutboxWorker:
    def __init__(
        self,
        store: Store,
        delivery: Delivery,
        *,
        consumer: str,
        lifecycle: Lifecycle | None = None,
        shared: bool = False,
        look_around_every_s: float = LOOK_AROUND_EVERY_S,
    ) -> None:
        self.store = store
        self.look_around_every_s = look_around_every_s
        # One of several workers started to share the outbox: another process reading under the
        # same name is expected, not a mistake.
        self.shared = shared
        self.delivery = delivery
        self.lifecycle = lifecycle
        self.consumer = consumer
        self.delivered = 0
        self._token = f"{socket.gethostname()} {os.getpid()} {secrets.token_hex(4)}"
        self._idle = asyncio.Event()
        self._stopping = asyncio.Event()
        self._unreachable_since: float | None = None  # monotonic time Telegram went away

    def stop(self) -> None:
        """Finish the current batch and return; a blocked read ends within BLOCK_MS."""
        self._stopping.set()

    async def run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                await self._begin()
                break
            except RedisError as exc:
                # Redis is not answering at start: the Redis watch says so; wait for it.
                delay = backoff_delay(failures, base_s=0.5, cap_s=RETRY_CAP_S)
                failures += 1
                log.debug("outbox worker waits for Redis (%s)", describe(exc))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)
        keeper = asyncio.create_task(self._stay_alive(), name="outbox-consumer")
        try:
            await self._drain_outbox()
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            with contextlib.suppress(RedisError):
                await self.store.release_consumer(self.consumer, self._token)

    async def _begin(self) -> None:
        await self.store.ensure_outbox_group()
        await self._take_name()
        left = await self.store.pending_of(self.consumer)
        if left:
            log.info("resuming %d outbox entries the previous run left unfinished", left)
        await self.store.claim_from_dead_consumers(self.consumer, count=CLAIM_BATCH)

    async def _take_name(self) -> None:
        holder = await self.store.hold_consumer(self.consumer, self._token)
        if holder is None:
            return
        if _is_gone(holder):
            await self.store.keep_consumer(self.consumer, self._token)
            return
        # Two processes must never read as one consumer: each would re-read what the other has
        # in hand. This one reads under its own name; the usual one's entries are taken over
        # as soon as its process is gone.
        fallback = f"{self.consumer}-{os.getpid()}"
        log.log(
            logging.INFO if self.shared else logging.WARNING,
            "outbox consumer %s is in use by a running process (%s); reading as %s",
            self.consumer,
            holder,
            fallback,
        )
        self.consumer = fallback
        await self.store.keep_consumer(self.consumer, self._token)

    async def _stay_alive(self) -> None:
        """Renew this consumer's key, and take over the entries of consumers that stopped."""
        looked_around = time.monotonic()  # _begin took over what was left at the start
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), ALIVE_EVERY_S)
            try:
                await self.store.keep_consumer(self.consumer, self._token)
                if time.monotonic() >= looked_around + self.look_around_every_s:
                    looked_around = time.monotonic()
                    await self.store.claim_from_dead_consumers(self.consumer, count=CLAIM_BATCH)
            except RedisError as exc:
                log.debug("outbox consumer key not renewed: %s", exc)  # the read loop reports it

    async def _drain_outbox(self) -> None:
        failures = 0
        group_ready = False
        # A read that looks at this consumer's unacknowledged entries and at stuck ones too:
        # at the start, after anything went wrong, and every look_around_every_s.
        look_around_at = 0.0
        while not self._stopping.is_set():
            await self._deliver_due()
            try:
                if not group_ready or failures:
                    # At the start, and when Redis came back (perhaps without its data): the
                    # consumer group must exist before the read.
                    await self.store.ensure_outbox_group()
                    group_ready = True
                looking_around = failures > 0 or time.monotonic() >= look_around_at
                entries = await self.store.read_outbox(
                    self.consumer, count=READ_BATCH, block_ms=BLOCK_MS, new_only=not looking_around
                )
                if looking_around:
                    look_around_at = time.monotonic() + self.look_around_every_s
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
                    await self.store.ack(entry)
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
            except DeliveryUnreachable as exc:
                # The entry stays pending, read again first: the chats it reached are marked.
                look_around_at = 0.0
                if self._unreachable_since is None:
                    self._unreachable_since = time.monotonic()
                    log.warning(
                        "telegram: not reachable (%s); alerts wait in the outbox and are sent "
                        "once it answers",
                        describe(exc),
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), RETRY_CAP_S)
            else:
                self._reachable_again()

    def _reachable_again(self) -> None:
        if self._unreachable_since is not None:
            away = time.monotonic() - self._unreachable_since
            self._unreachable_since = None
            log.warning("telegram: reachable again after %.0fs; sending what waited", away)

    async def _handle(self, entry: OutboxEntry) -> None:
        try:
            alert = await with_repeats(entry.alert, self.store)
            admitted = [alert]
            if self.lifecycle is not None:
                admitted = await self.lifecycle.admit(alert)
            for ready in admitted:
                await self.delivery.deliver(ready)
        except (RedisError, DeliveryUnreachable):
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
            except DeliveryUnreachable as exc:
                # Taken from the held alerts already: held again, so that it waits, not lost.
                try:
                    kept = await self.lifecycle.hold_again(alert, RETRY_CAP_S)
                except RedisError:
                    kept = False
                log.warning(
                    "held alert %s: telegram not reachable (%s); %s",
                    alert.id,
                    describe(exc),
                    "tried again shortly" if kept else "it could not be kept",
                )
            except Exception:
                log.exception("delivering held alert %s failed", alert.id)

    async def drained(self) -> None:
        """Wait until the worker found the outbox empty (used by demo and tests)."""
        self._idle.clear()
        await self._idle.wait()


def _is_gone(token: str) -> bool:
    """Whether the process that holds a consumer name ("host pid nonce") has stopped: only a
    process on this host can be checked, and one with our own pid is an earlier life of ours
    (a container restarts its bot with the same pid)."""
    host, _, rest = token.partition(" ")
    pid_text = rest.partition(" ")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, owned by another user
        return False
    return False
