"""One APScheduler job per feed and one per price source, in the bot's own event loop; the
jobs follow the config and the feeds added from Telegram while the scheduler runs."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from redis.exceptions import RedisError

from bot.config import PRICES, Config, FeedSource
from bot.jobs import Poller
from bot.poll_turns import anchor
from bot.redis_watch import describe

if TYPE_CHECKING:
    from bot.websub.subscriber import WebSub  # which reads the feeds through this module

log = logging.getLogger(__name__)

# First polls start at this rate at most, spread over at most half of each feed's interval: a
# few feeds start at once, two thousand are not all due in the same second.
FIRST_POLLS_PER_S = 50
FEED_JOB_PREFIX = "feed:"
PRICES_JOB = PRICES  # and prices:NAME for each entry of price_sources
STORED_FEEDS_JOB = "stored-feeds"
# Feeds added or removed from Telegram by another process reach this one's jobs within this.
STORED_FEEDS_EVERY_S = 15
JOB_DEFAULTS = {"max_instances": 1, "coalesce": True}
WEBSUB_JOB = "websub"


@dataclass(slots=True)
class SyncReport:
    """The feed keys whose jobs a sync added, removed or started again."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _trigger(source: str, seconds: float) -> IntervalTrigger:
    # Every process fires at the start of each of the source's poll turns; the anchor's offset
    # also spreads the sources that share an interval.
    return IntervalTrigger(seconds=seconds, start_date=anchor(source, seconds), timezone=UTC)


def first_poll_offset(name: str, interval_s: float, feeds: int) -> float:
    """Seconds after start of a feed's first poll: the same for a name at every start, and
    spread evenly over the feeds (the name's hash, not Python's salted one)."""
    window = min(interval_s / 2, feeds / FIRST_POLLS_PER_S)
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return window * int.from_bytes(digest) / 2**64


class _QuietCancelledRuns(logging.Filter):
    """A stop cancels the poll tasks that had not begun yet; APScheduler would log each as a job
    that failed. The Poller logs the polls that were running."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, asyncio.CancelledError)


_QUIET_CANCELLED = _QuietCancelledRuns()


def build_scheduler(
    config: Config, poller: Poller, now: datetime, stored: Sequence[FeedSource] = ()
) -> AsyncIOScheduler:
    """The jobs of the config's feeds, the feeds added from Telegram (`stored`) and prices."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    executor_log = logging.getLogger("apscheduler.executors.default")
    if _QUIET_CANCELLED not in executor_log.filters:
        executor_log.addFilter(_QUIET_CANCELLED)
    sync_jobs(scheduler, poller, config, stored, now)
    return scheduler


def follow_stored_feeds(scheduler: AsyncIOScheduler, sync: Callable[[], Awaitable[object]]) -> None:
    """Read the feeds stored in Redis again and again: a process that receives Telegram's
    updates may not be the one that polls."""

    async def sync_quietly() -> None:
        try:
            await sync()
        except RedisError as exc:
            log.debug("stored feeds not read (%s); the Redis watch reports it", describe(exc))

    scheduler.add_job(
        sync_quietly,
        IntervalTrigger(seconds=STORED_FEEDS_EVERY_S, timezone=UTC),
        id=STORED_FEEDS_JOB,
        name=STORED_FEEDS_JOB,
        **JOB_DEFAULTS,
    )


def feed_job_id(feed: FeedSource) -> str:
    return f"{FEED_JOB_PREFIX}{feed.key}"


def all_feeds(config: Config, stored: Sequence[FeedSource]) -> list[FeedSource]:
    """The enabled feeds to poll: the config's, then the stored ones; a stored shared feed of
    the same name as a config feed gives way to it."""
    found: dict[str, FeedSource] = {}
    for feed in [*config.sources.feeds, *stored]:
        if feed.enabled:
            found.setdefault(feed.key, feed)
    return list(found.values())


def sync_jobs(
    scheduler: AsyncIOScheduler,
    poller: Poller,
    config: Config,
    stored: Sequence[FeedSource],
    now: datetime,
) -> SyncReport:
    """Make the scheduler's jobs those of `config` and `stored`, on a running scheduler too: a
    new feed is added, a feed gone is removed, a changed one (URL, interval, language) starts
    again as new. Jobs that did not change keep their timing."""
    feeds = all_feeds(config, stored)
    wanted = {feed_job_id(feed): feed for feed in feeds}
    jobs = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(FEED_JOB_PREFIX)}
    report = SyncReport()
    for job_id in jobs.keys() - wanted.keys():
        scheduler.remove_job(job_id)
        report.removed.append(job_id.removeprefix(FEED_JOB_PREFIX))
    for job_id, feed in wanted.items():
        job = jobs.get(job_id)
        if job is not None and job.args[0] == feed:
            continue
        if job is not None:
            scheduler.remove_job(job_id)
        (report.changed if job is not None else report.added).append(feed.key)
        interval_s = feed.every.total_seconds()
        offset = first_poll_offset(feed.key, interval_s, len(feeds))
        scheduler.add_job(
            poller.poll_feed_turn,
            _trigger(feed.key, interval_s),
            args=[feed],
            id=job_id,
            name=f"feed {feed.key}",
            misfire_grace_time=max(1, int(interval_s)),
            next_run_time=now + timedelta(seconds=offset),
            **JOB_DEFAULTS,
        )
    _sync_prices(scheduler, poller, config, now)
    return report


def _sync_prices(
    scheduler: AsyncIOScheduler, poller: Poller, config: Config, now: datetime
) -> None:
    """One job per enabled price source with symbols to ask, filed under the source's key."""
    wanted = {
        plan.source.key: plan.source.every.total_seconds()
        for plan in config.price_plans()
        if plan.source.enabled and plan.symbols
    }
    for job in scheduler.get_jobs():
        if _is_prices_job(job.id) and job.id not in wanted:
            scheduler.remove_job(job.id)
    for key, interval_s in wanted.items():
        job = scheduler.get_job(key)
        if job is not None:
            if job.trigger.interval.total_seconds() != interval_s:
                scheduler.reschedule_job(key, trigger=_trigger(key, interval_s))
            continue  # the poll reads its provider settings from the config in effect
        scheduler.add_job(
            poller.poll_prices_turn,
            _trigger(key, interval_s),
            args=[key],
            id=key,
            name=key,
            misfire_grace_time=max(1, int(interval_s)),
            next_run_time=now,
            **JOB_DEFAULTS,
        )


def _is_prices_job(job_id: str) -> bool:
    return job_id == PRICES_JOB or job_id.startswith(f"{PRICES_JOB}:")


def schedule_websub(scheduler: AsyncIOScheduler, websub: WebSub, now: datetime) -> None:
    """Look at the feeds' hubs and leases now and every `check_every`."""
    interval_s = websub.config.check_every.total_seconds()
    scheduler.add_job(
        websub.maintain,
        IntervalTrigger(seconds=interval_s, timezone=UTC),
        id=WEBSUB_JOB,
        name=WEBSUB_JOB,
        misfire_grace_time=max(1, int(interval_s)),
        next_run_time=now,
        **JOB_DEFAULTS,
    )
