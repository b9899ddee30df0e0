"""What /healthz decides and what /metrics reads at scrape time: the state of the running parts
and of the outbox, read without ever waiting long on a Redis that does not answer."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from redis.exceptions import RedisError

from bot.durations import format_duration
from bot.ops.metrics import Metrics
from bot.roles import Role
from bot.services import Services

REDIS_READ_TIMEOUT_S = 1.0  # a scrape or a health check answers even while Redis hangs
OK = "ok"


class Running(Protocol):
    """The App's parts that run on their own: None where the part is not used (the process's
    role does not include it)."""

    role: Role

    def scheduler_alive(self) -> bool | None: ...

    def worker_alive(self) -> bool | None: ...


@dataclass(slots=True)
class Backlog:
    length: int
    oldest: datetime | None

    def age_s(self, now: datetime) -> float:
        return 0.0 if self.oldest is None else max(0.0, (now - self.oldest).total_seconds())


@dataclass(slots=True)
class Health:
    checks: dict[str, str]  # check -> "ok" or what is wrong
    role: Role = Role.ALL

    @property
    def ok(self) -> bool:
        return all(state == OK for state in self.checks.values())

    def as_json(self) -> dict[str, object]:
        failing = [name for name, state in self.checks.items() if state != OK]
        status = "ok" if not failing else "failing"
        return {"status": status, "failing": failing, "role": str(self.role), **self.checks}


class Probe:
    def __init__(self, services: Services, metrics: Metrics, running: Running) -> None:
        self.services = services
        self.metrics = metrics
        self.running = running

    def now(self) -> datetime:
        return self.services.clock()

    def sources(self) -> list[str]:
        config = self.services.config
        names = [feed.name for feed in config.sources.feeds if feed.enabled]
        names += [source.key for source in config.sources.all_prices if source.enabled]
        return names

    async def backlog(self) -> Backlog | None:
        """None while Redis is down or slow: unknown, not empty."""
        if not self.services.redis.up:
            return None
        try:
            length, oldest = await asyncio.wait_for(
                self.services.store.outbox_backlog(), REDIS_READ_TIMEOUT_S
            )
        except (RedisError, OSError, TimeoutError):
            return None
        return Backlog(length, oldest)

    async def refresh(self) -> None:
        """Set the gauges that are read rather than counted; what cannot be read keeps its last
        value (a scrape during an outage shows redis_up 0, not a false empty outbox)."""
        metrics = self.metrics
        metrics.redis_up.set(1 if self.services.redis.up else 0)
        backlog = await self.backlog()
        if backlog is not None:
            metrics.outbox_length.set(backlog.length)
            metrics.outbox_oldest_age.set(backlog.age_s(self.services.clock()))
        if not self.services.redis.up:
            return
        try:
            last = await asyncio.wait_for(
                self.services.store.last_successes(self.sources()), REDIS_READ_TIMEOUT_S
            )
        except (RedisError, OSError, TimeoutError):
            return
        for source, when in last.items():
            metrics.source_last_success.labels(source=source).set(when.timestamp())

    async def health(self) -> Health:
        redis, role = self.services.redis, self.running.role
        checks = {"redis": OK}
        if not redis.up:
            since = redis.down_since.isoformat() if redis.down_since else "now"
            checks["redis"] = f"not answering since {since}"
        elif redis.out_of_memory:
            checks["redis"] = "out of memory (maxmemory reached): it refuses writes"
        if role.polls:
            alive = self.running.scheduler_alive()
            checks["scheduler"] = "not running" if alive is False else OK
        if not role.notifies:
            return Health(checks, role)
        if not self.running.worker_alive():
            checks["outbox"] = "the outbox worker is not running"
            return Health(checks, role)
        checks["outbox"] = OK
        backlog = await self.backlog()
        if backlog is None:
            return Health(checks, role)  # unknown while Redis is away; the redis check says so
        limit = self.services.config.http.outbox_stuck_after
        age = backlog.age_s(self.services.clock())
        if age > limit.total_seconds():
            checks["outbox"] = (
                f"stuck: {backlog.length} waiting, the oldest for "
                f"{format_duration(timedelta(seconds=int(age)))} (limit {format_duration(limit)})"
            )
        return Health(checks, role)
