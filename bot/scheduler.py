"""One APScheduler job per feed and one for the price batch, in the bot's own event loop."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Config
from bot.jobs import Poller

log = logging.getLogger(__name__)

MAX_JITTER_S = 30
# First polls start at this rate at most, spread over at most half of each feed's interval: a
# few feeds start at once, two thousand are not all due in the same second.
FIRST_POLLS_PER_S = 50


def _trigger(seconds: float) -> IntervalTrigger:
    # Jitter spreads feeds that share an interval; it stays small next to the interval.
    jitter = int(min(MAX_JITTER_S, seconds * 0.1))
    return IntervalTrigger(seconds=seconds, jitter=jitter or None, timezone=UTC)


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


def build_scheduler(config: Config, poller: Poller, now: datetime) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=UTC)
    executor_log = logging.getLogger("apscheduler.executors.default")
    if _QUIET_CANCELLED not in executor_log.filters:
        executor_log.addFilter(_QUIET_CANCELLED)
    defaults = {"max_instances": 1, "coalesce": True}
    feeds = [feed for feed in config.sources.feeds if feed.enabled]
    for feed in feeds:
        interval_s = feed.every.total_seconds()
        offset = first_poll_offset(feed.name, interval_s, len(feeds))
        scheduler.add_job(
            poller.poll_feed,
            _trigger(interval_s),
            args=[feed],
            id=f"feed:{feed.name}",
            name=f"feed {feed.name}",
            misfire_grace_time=max(1, int(interval_s)),
            next_run_time=now + timedelta(seconds=offset),
            **defaults,
        )
    prices = config.sources.prices
    if prices is not None and prices.enabled and config.watchlist:
        scheduler.add_job(
            poller.poll_prices,
            _trigger(prices.every.total_seconds()),
            id="prices",
            name="prices",
            misfire_grace_time=max(1, int(prices.every.total_seconds())),
            next_run_time=now,
            **defaults,
        )
    return scheduler
