"""One APScheduler job per feed and one for the price batch, in the bot's own event loop."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Config
from bot.jobs import Poller

log = logging.getLogger(__name__)

MAX_JITTER_S = 30


def _trigger(seconds: float) -> IntervalTrigger:
    # Jitter spreads feeds that share an interval; it stays small next to the interval.
    jitter = int(min(MAX_JITTER_S, seconds * 0.1))
    return IntervalTrigger(seconds=seconds, jitter=jitter or None, timezone=UTC)


def build_scheduler(config: Config, poller: Poller, now: datetime) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=UTC)
    defaults = {"max_instances": 1, "coalesce": True, "next_run_time": now}
    for feed in config.sources.feeds:
        if feed.enabled:
            scheduler.add_job(
                poller.poll_feed,
                _trigger(feed.every.total_seconds()),
                args=[feed],
                id=f"feed:{feed.name}",
                name=f"feed {feed.name}",
                misfire_grace_time=max(1, int(feed.every.total_seconds())),
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
            **defaults,
        )
    return scheduler
