"""The scheduler of the bot's own event loop: the feeds' passes (bot.feed_passes), which start
each feed at the start of its poll turns, one job per price source at the start of its turns,
the job that follows the feeds stored from Telegram, and WebSub's upkeep. The jobs follow the
config and the stored feeds while the scheduler runs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from apscheduler.events import EVENT_SCHEDULER_SHUTDOWN, SchedulerEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from redis.exceptions import RedisError

from bot.config import PRICES, Config, FeedSource
from bot.feed_passes import FeedPasses, SyncReport
from bot.jobs import MAX_CONCURRENT_POLLS, Poller
from bot.poll_turns import anchor
from bot.redis_watch import describe

if TYPE_CHECKING:
    from bot.websub.subscriber import WebSub  # which reads the feeds through this module

log = logging.getLogger(__name__)

FEEDS_JOB = "feeds"
# The feeds' own timer starts each turn on time; this job only catches up after a clock step.
FEEDS_TICK_S = 5.0
PRICES_JOB = PRICES  # and prices:NAME for each entry of price_sources
STORED_FEEDS_JOB = "stored-feeds"
# Feeds added or removed from Telegram by another process reach this one's passes within this.
STORED_FEEDS_EVERY_S = 15
JOB_DEFAULTS = {"max_instances": 1, "coalesce": True}
WEBSUB_JOB = "websub"

__all__ = ["SyncReport", "build_scheduler", "feed_passes", "scheduled_feeds", "sync_jobs"]


def _trigger(source: str, seconds: float) -> IntervalTrigger:
    # Every process fires at the start of each of the source's poll turns; the anchor's offset
    # also spreads the sources that share an interval.
    return IntervalTrigger(seconds=seconds, start_date=anchor(source, seconds), timezone=UTC)


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


def all_feeds(config: Config, stored: Sequence[FeedSource]) -> list[FeedSource]:
    """The enabled feeds to poll: the config's, then the stored ones; a stored shared feed of
    the same name as a config feed gives way to it."""
    found: dict[str, FeedSource] = {}
    for feed in [*config.sources.feeds, *stored]:
        if feed.enabled:
            found.setdefault(feed.key, feed)
    return list(found.values())


def feed_passes(scheduler: AsyncIOScheduler) -> FeedPasses | None:
    """The passes the scheduler runs, once it has feeds."""
    job = scheduler.get_job(FEEDS_JOB)
    return None if job is None else job.args[0]


def scheduled_feeds(scheduler: AsyncIOScheduler) -> Mapping[str, FeedSource]:
    """The feeds polled, by key."""
    passes = feed_passes(scheduler)
    return {} if passes is None else passes.feeds


async def _tick(passes: FeedPasses) -> None:
    await passes.tick()


def sync_jobs(
    scheduler: AsyncIOScheduler,
    poller: Poller,
    config: Config,
    stored: Sequence[FeedSource],
    now: datetime,
) -> SyncReport:
    """Make the feeds polled those of `config` and `stored`, on a running scheduler too: a new
    feed is added, a feed gone is removed, a changed one (URL, interval, language) starts again
    as new. Feeds that did not change keep their timing."""
    feeds = all_feeds(config, stored)
    passes = feed_passes(scheduler)
    if passes is None and feeds:
        passes = FeedPasses(
            poller.poll_feed_turn,
            poller.turns.wall,
            concurrency=MAX_CONCURRENT_POLLS,
            tasks=poller.running,
        )
        scheduler.add_job(
            _tick,
            IntervalTrigger(seconds=FEEDS_TICK_S, timezone=UTC),
            args=[passes],
            id=FEEDS_JOB,
            name=FEEDS_JOB,
            misfire_grace_time=None,
            **JOB_DEFAULTS,
        )
        # Nothing starts once the scheduler is shut down, not even from a poll that just ended.
        scheduler.add_listener(_stopper(passes), EVENT_SCHEDULER_SHUTDOWN)
    report = passes.sync(feeds, poller.turns.wall()) if passes is not None else SyncReport()
    if report.removed:
        poller.records.forget(set(report.removed))
        poller.known_items.forget(report.removed)
    _sync_prices(scheduler, poller, config, now)
    return report


def _stopper(passes: FeedPasses) -> Callable[[SchedulerEvent], None]:
    def stop(_event: SchedulerEvent) -> None:
        passes.stop()

    return stop


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
