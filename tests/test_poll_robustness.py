"""Polling under bad conditions: unknown symbols, unreachable hosts, impossible prices, and a
bot stopped while a fetch is in flight."""

from __future__ import annotations

import asyncio
import io
import logging
import math
import signal
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from bot_process import start_run
from local_http import unused_port
from stepped_clock import SteppedClock

from bot.app import App
from bot.config import Config
from bot.lifecycle.settings import AlertSettings
from bot.market_server import LocalMarket, Price
from bot.models import Quote
from bot.pipeline.quotes import QuoteGuard, Verdict
from bot.sources.http import HttpClient, SourceError
from bot.store import Store

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


# -- a symbol the price API does not know -----------------------------------------------------


async def test_unknown_symbol_is_asked_again_after_a_growing_pause(
    market: LocalMarket, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    market.set_price("BABA", Price(150.0, START, 149.0))
    config = Config.model_validate(
        {
            "redis": {"url": redis_url},
            "watchlist": {"BABA": {}, "NOPE": {}},
            "sources": {"prices": {"base_url": market.base_url, "every": "1m"}},
        }
    )
    clock = SteppedClock(START)
    app = App(config, clock=clock, console=io.StringIO(), schedule=False)
    await app.start()
    try:
        assert app.poller is not None
        caplog.set_level(logging.INFO, logger="bot.jobs")
        polls = 16
        for _ in range(polls):
            await app.poller.poll_prices()
            clock.now += timedelta(minutes=1)
    finally:
        await app.stop()
    asked_for_nope = market.requests - polls  # BABA is asked on every poll
    # Pauses of 2, 4 and 8 minutes after each not_found: asked at minutes 0, 2, 6 and 14.
    assert asked_for_nope == 4
    warnings = [r.getMessage() for r in caplog.records if "NOPE" in r.getMessage()]
    assert warnings == [
        "prices: NOPE: unknown to the price API (Not Found: No data found, symbol may be "
        f"delisted); asking again in {pause}"
        for pause in ("2m", "4m", "8m", "16m")
    ]


# -- connection errors ------------------------------------------------------------------------


async def test_a_refused_connection_is_one_short_line() -> None:
    port = unused_port()
    async with HttpClient() as http:
        with pytest.raises(SourceError) as raised:
            await http.get(f"http://127.0.0.1:{port}/feed.xml")
    assert raised.value.kind == "connect"
    assert str(raised.value) == (
        f"connect: http://127.0.0.1:{port}/feed.xml: "
        f"cannot connect to 127.0.0.1:{port} (connection refused)"
    )


# -- impossible prices ------------------------------------------------------------------------


@pytest.mark.parametrize("price", [math.nan, math.inf, -math.inf, 0.0, -1.0])
async def test_the_quote_guard_drops_prices_that_are_not_finite_and_positive(
    store: Store, price: float
) -> None:
    guard = QuoteGuard(store, AlertSettings())
    quote = Quote("BABA", price, START)
    assert await guard.check(quote, START) is Verdict.INVALID
    assert await guard([quote], START) == []
    assert await store.latest_quote("BABA") is None


async def test_a_nan_price_between_good_ones_changes_nothing(store: Store) -> None:
    guard = QuoteGuard(store, AlertSettings())
    first = Quote("BABA", 150.0, START)
    nan = Quote("BABA", math.nan, START + timedelta(minutes=1))
    later = Quote("BABA", 151.0, START + timedelta(minutes=2))
    accepted = await guard([first, nan, later], START + timedelta(minutes=2))
    assert [quote.price for quote in accepted] == [150.0, 151.0]


async def test_a_provider_sending_no_usable_price_is_said_once_until_it_recovers(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    guard = QuoteGuard(store, AlertSettings())
    prices = [0.0, math.nan, 0.0, 150.0, 0.0]
    for minute, price in enumerate(prices):
        await guard([Quote("BABA", price, START + timedelta(minutes=minute))], START)
    said = [r for r in caplog.records if "not a positive number" in r.getMessage()]
    assert len(said) == 2, "once for the first run of bad prices, once after the good one"


# -- stopping while a fetch is in flight ------------------------------------------------------


class HangingFeed:
    """A feed server that accepts the request and never answers until released."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.arrived.set()
        await self.release.wait()
        return web.Response(text="<rss/>", content_type="application/rss+xml")


@pytest.fixture
async def hanging_feed() -> AsyncIterator[HangingFeed]:
    feed = HangingFeed()
    server = web.Application()
    server.router.add_get("/feed.xml", feed.handle)
    runner = web.AppRunner(server, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    feed.url = f"http://127.0.0.1:{runner.addresses[0][1]}/feed.xml"
    try:
        yield feed
    finally:
        feed.release.set()
        await runner.cleanup()


async def test_sigterm_during_a_fetch_stops_quietly(
    tmp_path: Path, hanging_feed: HangingFeed
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"redis:\n  data_dir: {tmp_path / 'redis'}\n"
        f"sources:\n  feeds:\n    - {{name: slow, url: '{hanging_feed.url}', every: 1m}}\n",
        encoding="utf-8",
    )
    stderr_path = tmp_path / "stderr.log"
    with stderr_path.open("wb") as stderr:
        process = await start_run(config, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            try:
                await asyncio.wait_for(hanging_feed.arrived.wait(), 60)
            except TimeoutError:
                log = stderr_path.read_text(errors="replace")
                raise AssertionError(f"the feed was never fetched:\n{log}") from None
            process.send_signal(signal.SIGTERM)
            returncode = await asyncio.wait_for(process.wait(), 30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = stderr_path.read_text(errors="replace")
    assert returncode == 0, log
    assert "Traceback" not in log
    assert " ERROR " not in log
    assert "feed slow: poll cancelled at shutdown" in log
