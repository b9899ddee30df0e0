"""The scheduler of the bot's own event loop: one job that runs the feeds' passes
(bot.feed_passes) and one for the price batch; both follow the config and the feeds added from
Telegram while the scheduler runs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from apscheduler.events import EVENT_SCHEDULER_SHUTDOWN, SchedulerEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Config, FeedSource
from bot.feed_passes import FeedPasses, SyncReport
from bot.jobs import MAX_CONCURRENT_POLLS, Poller

log = logging.getLogger(__name__)

MAX_JITTER_S = 30
FEEDS_JOB = "feeds"
# The feeds' own timer starts each turn on time; this job only catches up after a clock step.
FEEDS_TICK_S = 5.0
PRICES_JOB = "prices"
JOB_DEFAULTS = {"max_instances": 1, "coalesce": True}

__all__ = ["SyncReport", "build_scheduler", "feed_passes", "scheduled_feeds", "sync_jobs"]


def _trigger(seconds: float) -> IntervalTrigger:
    # Jitter spreads feeds that share an interval; it stays small next to the interval.
    jitter = int(min(MAX_JITTER_S, seconds * 0.1))
    return IntervalTrigger(seconds=seconds, jitter=jitter or None, timezone=UTC)


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
            poller.poll_feed,
            poller.services.clock,
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
    report = passes.sync(feeds, now) if passes is not None else SyncReport()
    _sync_prices(scheduler, poller, config, now)
    return report


def _stopper(passes: FeedPasses) -> Callable[[SchedulerEvent], None]:
    def stop(_event: SchedulerEvent) -> None:
        passes.stop()

    return stop


def _sync_prices(
    scheduler: AsyncIOScheduler, poller: Poller, config: Config, now: datetime
) -> None:
    prices = config.sources.prices
    wanted = prices is not None and prices.enabled and bool(config.watchlist)
    job = scheduler.get_job(PRICES_JOB)
    if not wanted or prices is None:
        if job is not None:
            scheduler.remove_job(PRICES_JOB)
        return
    interval_s = prices.every.total_seconds()
    if job is not None:
        if job.trigger.interval.total_seconds() != interval_s:
            scheduler.reschedule_job(PRICES_JOB, trigger=_trigger(interval_s))
        return  # the poll reads its provider settings from the config in effect
    scheduler.add_job(
        poller.poll_prices,
        _trigger(interval_s),
        id=PRICES_JOB,
        name=PRICES_JOB,
        misfire_grace_time=max(1, int(interval_s)),
        next_run_time=now,
        **JOB_DEFAULTS,
    )
