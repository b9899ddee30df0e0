"""Watch the one store: notice within a second when Redis stops answering, restart the embedded
redis-server when it died, and say so once per change of state (down, up and for how long).

While Redis is down the rest of the bot holds back instead of failing on every call: the
pollers skip their turn, commands answer that the store is unavailable. Dying again and again
within a short time is not something a restart mends: the watch then asks the bot to stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from redis.exceptions import RedisError, ResponseError

from bot.redis_server import EmbeddedRedis, RedisUnavailable

log = logging.getLogger(__name__)

WATCH_INTERVAL_S = 0.5
PING_TIMEOUT_S = 1.0
RESTARTS_MAX = 3  # deaths of the embedded server within RESTART_WINDOW_S before the bot stops
RESTART_WINDOW_S = 60.0

Ping = Callable[[], Awaitable[object]]
Clock = Callable[[], datetime]


@dataclass(slots=True)
class RedisHealth:
    """What /status shows and what the pollers and commands consult."""

    up: bool = True
    outages: int = 0
    down_since: datetime | None = None
    last_outage: tuple[datetime, datetime] | None = None  # (down at, up again at)
    restarts: int = 0  # of the embedded redis-server
    fatal: str | None = None  # why the bot must stop; set once
    # Redis answers but refuses writes (maxmemory reached with noeviction): said once.
    out_of_memory: bool = False
    stop_requested: asyncio.Event = field(default_factory=asyncio.Event)


class RedisWatch:
    def __init__(
        self,
        ping: Ping,
        health: RedisHealth,
        clock: Clock,
        *,
        embedded: EmbeddedRedis | None = None,
        interval_s: float = WATCH_INTERVAL_S,
    ) -> None:
        self.ping = ping
        self.health = health
        self.clock = clock
        self.embedded = embedded
        self.interval_s = interval_s
        self._deaths: deque[float] = deque()
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            await self.check()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval_s)

    async def check(self) -> None:
        if self.embedded is not None and self.embedded.exit_status() is not None:
            self._restart_embedded()
        try:
            await asyncio.wait_for(self.ping(), PING_TIMEOUT_S)
        except (RedisError, OSError, TimeoutError) as exc:
            self._down(exc)
        else:
            self._up()

    def _restart_embedded(self) -> None:
        assert self.embedded is not None
        status, pid = self.embedded.exit_status(), self.embedded.pid
        how = f"signal {-status}" if status is not None and status < 0 else f"exit code {status}"
        now = time.monotonic()
        self._deaths.append(now)
        while self._deaths and now - self._deaths[0] > RESTART_WINDOW_S:
            self._deaths.popleft()
        if len(self._deaths) >= RESTARTS_MAX:
            self._fatal(
                f"the embedded redis-server died {len(self._deaths)} times within "
                f"{RESTART_WINDOW_S:g}s (last: pid {pid}, {how}); see "
                f"{self.embedded.data_dir / 'redis.log'}"
            )
            return
        log.warning("embedded redis-server (pid %s) died (%s); restarting it", pid, how)
        try:
            self.embedded.restart()
        except RedisUnavailable as exc:
            self._fatal(f"the embedded redis-server could not be restarted: {exc}")
            return
        self.health.restarts += 1

    def _fatal(self, reason: str) -> None:
        if self.health.fatal is None:
            self.health.fatal = reason
            log.error("%s; stopping", reason)
        self.health.stop_requested.set()
        self._stopping.set()

    def _down(self, error: BaseException) -> None:
        if not self.health.up:
            return
        self.health.up = False
        self.health.down_since = self.clock()
        self.health.outages += 1
        log.warning("redis: not answering (%s); waiting for it", describe(error))

    def _up(self) -> None:
        if self.health.up:
            return
        began, ended = self.health.down_since or self.clock(), self.clock()
        self.health.up, self.health.down_since = True, None
        self.health.last_outage = (began, ended)
        log.warning("redis: answering again after %.1fs", (ended - began).total_seconds())


def is_out_of_memory(error: BaseException) -> bool:
    """Redis refused a write because it reached `maxmemory` (also inside a script)."""
    return isinstance(error, ResponseError) and "OOM command not allowed" in str(error)


def note_out_of_memory(health: RedisHealth, error: BaseException) -> None:
    if health.out_of_memory:
        return
    health.out_of_memory = True
    log.warning(
        "redis: out of memory (maxmemory reached), it refuses writes; polls are repeated and "
        "alerts wait until it has room: raise maxmemory or free memory (%s)",
        describe(error),
    )


def note_writes_accepted(health: RedisHealth) -> None:
    if health.out_of_memory:
        health.out_of_memory = False
        log.warning("redis: accepting writes again")


def describe(error: BaseException) -> str:
    """One line for a Redis failure, without the chain of causes a traceback would show."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
