"""A hostile feed server and a hostile price API against the real process: feeds that hang,
fail, flood, bomb, break off, loop and lie about their charset; prices that are null, NaN,
negative or garbage. The bot stays up, records each failure on its source, keeps serving the
good feed, never stores an impossible price, and logs no traceback."""

from __future__ import annotations

import asyncio
import gzip
import json
import signal
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from aiohttp import web
from bot_process import start_run

from bot import keys
from bot.market_server import FeedEntry, render_rss
from bot.redis_server import SOCKET_RECORD

WAIT_S = 60.0
HUGE_BYTES = 50_000_000
GOOD_TITLE = "Alibaba plans a capital increase"
BAD_PRICES = {"NULL": None, "NAN": "NaN", "NEG": -12.5, "JUNK": "garbage"}


def good_feed(guid: str = "g1") -> bytes:
    entry = FeedEntry(guid, GOOD_TITLE, "", f"https://news.example/{guid}", datetime.now(UTC))
    return render_rss("good", [entry]).encode()


class HostileServer:
    def __init__(self) -> None:
        # 200 MB of spaces inside the feed, a few hundred KB on the wire; made once.
        inflated = b'<?xml version="1.0"?><rss version="2.0"><channel>' + b" " * 200_000_000
        self.bomb_body = gzip.compress(inflated, compresslevel=6)
        self.serve_good = False
        self.runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/good.xml", self.good)
        app.router.add_get("/hang.xml", self.hang)
        app.router.add_get("/error.xml", self.error)
        app.router.add_get("/huge.xml", self.huge)
        app.router.add_get("/bomb.xml", self.bomb)
        app.router.add_get("/cut.xml", self.cut)
        app.router.add_get("/loop.xml", self.loop)
        app.router.add_get("/charset.xml", self.charset)
        app.router.add_get("/v8/finance/chart/{symbol}", self.chart)
        self.runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.base_url = f"http://127.0.0.1:{self.runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def good(self, request: web.Request) -> web.Response:
        body = good_feed() if self.serve_good else render_rss("good", []).encode()
        return web.Response(body=body, content_type="application/rss+xml")

    async def hang(self, request: web.Request) -> web.Response:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    async def error(self, request: web.Request) -> web.Response:
        return web.Response(status=500, text="internal error")

    async def huge(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        chunk = b"<!-- " + b"x" * 65_000 + b" -->"
        sent = 0
        while sent < HUGE_BYTES:
            await response.write(chunk)
            sent += len(chunk)
        return response

    async def bomb(self, request: web.Request) -> web.Response:
        return web.Response(
            body=self.bomb_body,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"},
        )

    async def cut(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "application/rss+xml", "Content-Length": "100000"}
        )
        await response.prepare(request)
        await response.write(good_feed()[:200])
        assert request.transport is not None
        request.transport.close()
        return response

    async def loop(self, request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop.xml")

    async def charset(self, request: web.Request) -> web.Response:
        text = good_feed("c1").decode().replace("capital increase", "Kapitalerhöhung für Café")
        return web.Response(
            body=text.encode("latin-1"), headers={"Content-Type": "text/xml; charset=utf-8"}
        )

    async def chart(self, request: web.Request) -> web.Response:
        symbol = request.match_info["symbol"]
        if symbol == "JUNK":
            return web.Response(text="{not json", content_type="application/json")
        price = BAD_PRICES.get(symbol, 150.0)
        meta = {"currency": "USD", "symbol": symbol, "regularMarketPrice": price}
        meta["regularMarketTime"] = int(datetime.now(UTC).timestamp())
        body = json.dumps({"chart": {"result": [{"meta": meta}], "error": None}})
        return web.Response(text=body, content_type="application/json")


@pytest.fixture
async def hostile() -> AsyncIterator[HostileServer]:
    server = HostileServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


FEEDS = ("good", "hang", "error", "huge", "bomb", "cut", "loop", "charset")


def write_config(tmp_path: Path, server: HostileServer) -> Path:
    config = {
        "redis": {"url": "", "data_dir": str(tmp_path / "redis")},
        "telegram": {"token": ""},
        "watchlist": {"BABA": {"names": ["Alibaba"]}, **{symbol: {} for symbol in BAD_PRICES}},
        "sources": {
            "feeds": [
                {"name": name, "url": f"{server.base_url}/{name}.xml", "every": "1s"}
                for name in FEEDS
            ],
            "prices": {"base_url": server.base_url, "every": "1s"},
        },
        "rules": [{"name": "raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


async def first_fetch_of(tmp_path: Path, feed: str) -> None:
    async with asyncio.timeout(WAIT_S):
        while not (tmp_path / "redis" / SOCKET_RECORD).exists():  # noqa: ASYNC110
            await asyncio.sleep(0.1)
        record = (tmp_path / "redis" / SOCKET_RECORD).read_text().strip()
        redis = aioredis.Redis(unix_socket_path=record, decode_responses=True)
        try:
            while not await redis.exists(keys.feed_state(feed)):  # noqa: ASYNC110
                await asyncio.sleep(0.1)
        finally:
            await redis.aclose()


async def test_the_bot_survives_hostile_sources(tmp_path: Path, hostile: HostileServer) -> None:
    process = await start_run(
        write_config(tmp_path, hostile), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    errors = asyncio.ensure_future(process.stderr.read())
    try:
        # The good feed's first fetch records its backlog quietly: the new item must come after.
        await first_fetch_of(tmp_path, "good")
        await asyncio.sleep(2)  # a few more rounds of every hostile source
        hostile.serve_good = True
        async with asyncio.timeout(WAIT_S):
            printed = b""
            while GOOD_TITLE.encode() not in printed:
                line = await process.stdout.readline()
                assert line, "the bot ended"
                printed += line
        record = (tmp_path / "redis" / SOCKET_RECORD).read_text().strip()
        redis = aioredis.Redis(unix_socket_path=record, decode_responses=True)
        try:
            health = {name: await redis.hgetall(keys.source_health(name)) for name in FEEDS}
            stored = {s: await redis.zcard(keys.quotes(s)) for s in (*BAD_PRICES, "BABA")}
        finally:
            await redis.aclose()
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            code = await process.wait()
        log = (await errors).decode(errors="replace")
    assert code == 0, log
    assert "Traceback" not in log
    for name in ("error", "huge", "bomb", "cut", "loop"):
        assert health[name], f"{name}: no health recorded"
        assert int(health[name].get("failures", 0)) >= 1, (name, health[name])
    assert int(health["good"].get("failures", 0)) == 0
    assert stored["BABA"] >= 1
    assert all(stored[symbol] == 0 for symbol in BAD_PRICES), stored
    charset = health["charset"]
    assert int(charset.get("successes", 0)) >= 1, "a feed that lies about its charset is still read"
