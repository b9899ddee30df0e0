"""The event loop keeps answering while a poll reads a feed of thousands of items, and polls
that overlap never cost an alert: a cooldown decides at the moment it admits an alert.

Real python-telegram-bot against the fake Bot API, a local feed server, real Redis."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from aiohttp import web
from fakes.telegram_api import FakeTelegramAPI
from local_http import serve
from stepped_clock import SteppedClock
from telegram_harness import NOW, ask_text, make_config, make_services, running_bot

from bot.app import App
from bot.config import Config, FeedSource
from bot.jobs import MAX_ITEMS_PER_POLL, Poller
from bot.market_server import FeedEntry, render_rss
from bot.models import Quote
from bot.pipeline import ITEMS_PER_SLICE
from bot.pipeline.cooldown import CooldownStage
from bot.sources.http import HttpClient
from bot.store import Store
from rules.alert import Alert
from rules.events import Event
from rules.extract import extract
from rules.registry import build_rule

CHAT = 4242
BIG_FEED_ITEMS = 2500


class CountingExtractor:
    """The real extractor, counting the items it has read."""

    def __init__(self) -> None:
        self.calls = 0
        self.started = asyncio.Event()

    def __call__(
        self, text: str, lang: str | None, fallback: str, subject: str | None = None
    ) -> list[Event]:
        self.calls += 1
        self.started.set()
        return extract(text, lang, fallback, subject)


def big_feed(items: int) -> bytes:
    entries = [
        FeedEntry(
            guid=f"big-{n}",
            title=f"Alibaba supplier {n} reports quarterly orders for cloud servers",
            summary="The company said demand for servers and storage kept growing. " * 4,
            link=f"https://news.example/big/{n}",
            published=NOW - timedelta(minutes=n),
        )
        for n in range(items)
    ]
    return render_rss("big", entries).encode()


def feed_app(body: bytes) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/big.xml", feed)
    return app


async def items_per_loop_turn(extractor: CountingExtractor, done: asyncio.Event) -> list[int]:
    """How many items were read between each two turns of the event loop."""
    counts = [extractor.calls]
    while not done.is_set():
        await asyncio.sleep(0)
        counts.append(extractor.calls)
    return [later - earlier for earlier, later in pairwise(counts)]


async def test_a_command_is_answered_while_a_feed_of_thousands_of_items_is_read(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with serve(feed_app(big_feed(BIG_FEED_ITEMS))) as base_url:
        config = make_config(telegram_api)
        [feed] = Config.model_validate(
            {"sources": {"feeds": [{"name": "big", "url": f"{base_url}/big.xml", "every": "1m"}]}}
        ).sources.feeds
        services = make_services(config, store, lambda: NOW)
        extractor = CountingExtractor()
        services.pipeline.extractor = extractor
        await store.add_quote(Quote("BABA", 158.0, NOW - timedelta(minutes=1), "USD", 155.0))
        with ThreadPoolExecutor(1) as parse_pool:
            http = HttpClient()
            try:
                async with running_bot(telegram_api, store, config=config):
                    poll = asyncio.create_task(Poller(services, http, parse_pool).poll_feed(feed))
                    await asyncio.wait_for(extractor.started.wait(), 120)
                    finished = asyncio.Event()
                    turns = asyncio.create_task(items_per_loop_turn(extractor, finished))
                    reply = await ask_text(telegram_api, CHAT, "/price BABA")
                    read_at_reply, poll_done_at_reply = extractor.calls, poll.done()
                    await poll
                    finished.set()
                    per_turn = await turns
            finally:
                await http.close()
    assert "158" in reply
    assert not poll_done_at_reply, "the reply waited for the whole feed"
    assert read_at_reply < extractor.calls
    assert extractor.calls == MAX_ITEMS_PER_POLL, "only the newest items of a huge fetch are read"
    assert max(per_turn) <= ITEMS_PER_SLICE


# -- overlapping polls and cooldowns ------------------------------------------------------------

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
EARLY_TITLE = "Alibaba plans a capital increase to fund its cloud expansion"
LATE_TITLE = "Capital increase at Alibaba: shares slip as investors weigh dilution"


class HeldFeeds:
    """Two feeds; the answer for `early` waits until the test releases it."""

    def __init__(self) -> None:
        self.early_asked = asyncio.Event()
        self.release = asyncio.Event()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/early.xml", self.early)
        app.router.add_get("/late.xml", self.late)
        return app

    async def early(self, request: web.Request) -> web.Response:
        self.early_asked.set()
        await self.release.wait()
        return self._rss("early", EARLY_TITLE)

    async def late(self, request: web.Request) -> web.Response:
        return self._rss("late", LATE_TITLE)

    @staticmethod
    def _rss(name: str, title: str) -> web.Response:
        entry = FeedEntry(name, title, "", f"https://news.example/{name}", START)
        return web.Response(text=render_rss(name, [entry]), content_type="application/rss+xml")


def overlap_config(base_url: str, redis_url: str, cooldown: str) -> Config:
    feeds = [
        {"name": name, "url": f"{base_url}/{name}.xml", "every": "1m", "backfill": 1}
        for name in ("early", "late")
    ]
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
            "sources": {"feeds": feeds},
            "rules": [
                {
                    "name": "raise",
                    "type": "keyword",
                    "any": ["capital increase"],
                    "cooldown": cooldown,
                }
            ],
        }
    )


@asynccontextmanager
async def overlapping(
    redis_url: str, cooldown: str, clock: SteppedClock
) -> AsyncIterator[tuple[App, HeldFeeds, io.StringIO]]:
    feeds = HeldFeeds()
    out = io.StringIO()
    async with serve(feeds.app()) as base_url:
        app = App(
            overlap_config(base_url, redis_url, cooldown),
            clock=clock,
            console=out,
            console_json=True,
            schedule=False,
        )
        await app.start()
        try:
            yield app, feeds, out
        finally:
            await app.stop()


def feed(app: App, name: str) -> FeedSource:
    return next(source for source in app.config.sources.feeds if source.name == name)


def alerted_titles(out: io.StringIO) -> list[Any]:
    return [json.loads(line)["headline"] for line in out.getvalue().splitlines() if line]


async def run_overlapping_polls(
    app: App, feeds: HeldFeeds, clock: SteppedClock, *, late_at: timedelta, early_ends: timedelta
) -> None:
    """`early` starts first and its fetch is held; `late` starts `late_at` after it and records
    its alert; `early` is released `early_ends` after its start and decides second."""
    assert app.poller is not None and app.worker is not None
    early = asyncio.create_task(app.poller.poll_feed(feed(app, "early")))
    await asyncio.wait_for(feeds.early_asked.wait(), 30)
    clock.now = START + late_at
    await app.poller.poll_feed(feed(app, "late"))
    clock.now = START + early_ends
    feeds.release.set()
    await early
    await app.worker.drained()


async def test_overlapping_polls_with_no_cooldown_both_alert(redis_url: str, store: Store) -> None:
    clock = SteppedClock(START)
    async with overlapping(redis_url, "0s", clock) as (app, feeds, out):
        second = timedelta(seconds=1)
        await run_overlapping_polls(app, feeds, clock, late_at=second, early_ends=second)
    assert sorted(alerted_titles(out)) == sorted([EARLY_TITLE, LATE_TITLE])


async def test_a_poll_that_outlasts_the_rest_of_a_cooldown_alerts(
    redis_url: str, store: Store
) -> None:
    clock = SteppedClock(START)
    async with overlapping(redis_url, "1h", clock) as (app, feeds, out):
        # late alerts 10 minutes into early's poll; early decides 70 minutes after that.
        await run_overlapping_polls(
            app, feeds, clock, late_at=timedelta(minutes=10), early_ends=timedelta(minutes=80)
        )
    assert alerted_titles(out) == [LATE_TITLE, EARLY_TITLE]


async def test_overlapping_polls_within_a_cooldown_alert_once(redis_url: str, store: Store) -> None:
    clock = SteppedClock(START)
    async with overlapping(redis_url, "1h", clock) as (app, feeds, out):
        await run_overlapping_polls(
            app, feeds, clock, late_at=timedelta(seconds=1), early_ends=timedelta(seconds=2)
        )
    assert alerted_titles(out) == [LATE_TITLE]


def keyword_alert(key: str) -> Alert:
    return Alert("raise", "keyword", "warning", "BABA", f"headline {key}", START, key)


def cooldown_stage(store: Store, cooldown: str) -> CooldownStage:
    options = {
        "name": "raise",
        "type": "keyword",
        "any": ["capital increase"],
        "cooldown": cooldown,
    }
    config = Config.model_validate({"watchlist": {"BABA": {}}, "rules": [options]})
    return CooldownStage([build_rule(rule) for rule in config.rules], store)


async def test_a_decision_time_before_the_recorded_one_counts_as_no_time_elapsed(
    store: Store,
) -> None:
    stage = cooldown_stage(store, "0s")
    assert await stage([keyword_alert("later")], START + timedelta(seconds=5))
    # A caller whose clock reading came first but whose alert comes second.
    assert await stage([keyword_alert("earlier")], START)
    await store.redis.flushdb()
    held = cooldown_stage(store, "1h")
    assert await held([keyword_alert("later")], START + timedelta(seconds=5))
    assert await held([keyword_alert("earlier")], START) == []


async def test_concurrent_decisions_admit_one_alert_per_cooldown(store: Store) -> None:
    stage = cooldown_stage(store, "1h")
    # Connections opened beforehand, so no decision waits for one while another decides.
    await asyncio.gather(*(store.redis.ping() for _ in range(5)))
    results = await asyncio.gather(*(stage([keyword_alert(str(n))], START) for n in range(5)))
    assert sum(len(passed) for passed in results) == 1
