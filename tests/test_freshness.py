"""Only fresh news alerts: a feed's backlog at its first fetch is recorded, not sent (unless
`backfill` asks for its newest items), news older than `alerts.max_age` never alerts, and every
news alert says when its news was published. Real App, local feed server, real Redis."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from stepped_clock import SteppedClock

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def make_config(market: LocalMarket, redis_url: str, **feed: Any) -> Config:
    return Config.model_validate(
        {
            "timezone": "Europe/Berlin",
            "redis": {"url": redis_url},
            "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
            "sources": {
                "feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1m", **feed}]
            },
            "rules": [{"name": "raise", "type": "keyword", "any": ["capital increase"]}],
        }
    )


def entry(guid: str, published: datetime) -> FeedEntry:
    title = f"Alibaba plans a capital increase ({guid})"
    return FeedEntry(guid, title, "", f"https://news.example/{guid}", published)


@asynccontextmanager
async def running(config: Config, clock: SteppedClock) -> AsyncIterator[tuple[App, io.StringIO]]:
    out = io.StringIO()
    app = App(config, clock=clock, console=out, console_json=True, schedule=False)
    await app.start()
    try:
        yield app, out
    finally:
        await app.stop()


async def poll(app: App) -> None:
    assert app.poller is not None and app.worker is not None and app.config.sources.feeds
    await app.poller.poll_feed(app.config.sources.feeds[0])
    await app.worker.drained()


def alerted(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def guids(out: io.StringIO) -> list[str]:
    return [record["link"].rsplit("/", 1)[1] for record in alerted(out)]


async def test_first_fetch_records_the_backlog_and_later_news_alerts(
    market: LocalMarket, redis_url: str, store: Store
) -> None:
    market.publish("wire", entry("old", START - timedelta(days=40)))
    market.publish("wire", entry("recent", START - timedelta(minutes=10)))
    clock = SteppedClock(START)
    async with running(make_config(market, redis_url), clock) as (app, out):
        await poll(app)
        assert alerted(out) == []
        kept = [headline.title for headline in await store.headlines("BABA", 10)]
        assert len(kept) == 2, "the backlog is recorded for /news"

        market.publish("wire", entry("new", START + timedelta(minutes=1)))
        clock.now = START + timedelta(minutes=6)
        await poll(app)
        [record] = alerted(out)
        assert record["link"].endswith("/new")
        assert "published 5 min ago" in record["text"]


async def test_backfill_alerts_the_newest_items_of_the_first_fetch(
    market: LocalMarket, redis_url: str, store: Store
) -> None:
    for minutes in (50, 40, 30, 20):
        market.publish("wire", entry(f"m{minutes}", START - timedelta(minutes=minutes)))
    clock = SteppedClock(START)
    async with running(make_config(market, redis_url, backfill=2), clock) as (app, out):
        await poll(app)
        assert sorted(guids(out)) == ["m20", "m30"]


async def test_news_older_than_max_age_never_alerts(
    market: LocalMarket, redis_url: str, store: Store
) -> None:
    market.feeds["wire"] = []
    clock = SteppedClock(START)
    async with running(make_config(market, redis_url), clock) as (app, out):
        await poll(app)  # an empty feed: nothing to record
        market.publish("wire", entry("late", START - timedelta(days=2)))
        market.publish("wire", entry("today", START - timedelta(hours=3)))
        await poll(app)
        assert guids(out) == ["today"]
        assert "published 3 h ago" in alerted(out)[0]["text"]
        titles = [headline.title for headline in await store.headlines("BABA", 10)]
        assert any("(late)" in title for title in titles), "old news is still kept for /news"


async def test_a_known_feed_alerts_after_a_restart_and_a_new_url_starts_afresh(
    market: LocalMarket, redis_url: str, store: Store
) -> None:
    market.feeds["wire"] = []
    clock = SteppedClock(START)
    config = make_config(market, redis_url)
    async with running(config, clock) as (app, out):
        await poll(app)
    market.publish("wire", entry("while-down", START + timedelta(minutes=2)))
    clock.now = START + timedelta(minutes=5)
    async with running(config, clock) as (app, out):
        await poll(app)
        assert guids(out) == ["while-down"]

    # The same feed name at another URL is another feed: its backlog is recorded again.
    market.publish("other", entry("elsewhere", START + timedelta(minutes=4)))
    moved = make_config(market, redis_url)
    moved_feed = moved.sources.feeds[0].model_copy(update={"url": market.feed_url("other")})
    moved = moved.model_copy(
        update={"sources": moved.sources.model_copy(update={"feeds": [moved_feed]})}
    )
    async with running(moved, clock) as (app, out):
        await poll(app)
        assert alerted(out) == []
