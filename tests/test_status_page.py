"""The status page of a running App: refused without its token, then sources, the latest alerts
with links, the rules in words and a headline dry run that writes nothing; opened as a browser
opens it in headless Chromium when that is installed (a screenshot lands in build/)."""

from __future__ import annotations

import asyncio
import io
import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from urllib.parse import urlencode

import aiohttp
import pytest
from bot_process import REPO
from pydantic import SecretStr

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store
from rules.alert import Alert

STATUS_TOKEN = "s3cret-status-token-0123"
STATUS_PASSWORD = "pässwörd-of-the-operator"
HEADLINE = "Citigroup raises Alibaba price target to $225 from $200"
ARTIFACTS = REPO / "build" / "test-artifacts"
BROWSER_TIMEOUT_S = 60.0


def make_config(market: LocalMarket, redis_url: str, **http: object) -> Config:
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
            "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1m"}]},
            "rules": [
                {"name": "targets", "type": "analyst", "min_target_change_pct": 5},
                {"name": "band", "type": "price_band", "symbol": "BABA", "low": 150, "high": 160},
            ],
            "http": {"listen": "127.0.0.1:0", "token": STATUS_TOKEN, **http},
        }
    )


@asynccontextmanager
async def running(
    market: LocalMarket, redis_url: str, **http: object
) -> AsyncIterator[tuple[App, str]]:
    """The App, after one poll that alerted; yields it and its server's base URL."""
    market.feeds["wire"] = []
    app = App(make_config(market, redis_url, **http), schedule=False, console=io.StringIO())
    await app.start()
    try:
        assert app.poller is not None and app.ops is not None
        feed = app.config.sources.feeds[0]
        await app.poller.poll_feed(feed)
        link = "https://news.example/t1"
        market.publish("wire", FeedEntry("t1", HEADLINE, "", link, datetime.now(UTC)))
        await app.poller.poll_feed(feed)
        yield app, f"http://127.0.0.1:{app.ops.port}"
    finally:
        await app.stop()


async def get(url: str, **headers: str) -> tuple[int, str, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status, await response.text(), dict(response.headers)


async def get_as(url: str, user: str, password: str) -> tuple[int, str]:
    """As a browser sends a user and password (UTF-8, as the challenge asks)."""
    header = aiohttp.encode_basic_auth(user, password)
    status, page, _ = await get(url, Authorization=header)
    return status, page


async def challenges(url: str, **headers: str) -> tuple[int, list[str]]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status, response.headers.getall("WWW-Authenticate", [])


async def test_the_page_needs_its_token(market: LocalMarket, store: Store, redis_url: str) -> None:
    async with running(market, redis_url) as (_app, base):
        assert (await get(f"{base}/status"))[0] == 401
        assert (await get(f"{base}/status?token=wrong"))[0] == 401
        assert (await get(f"{base}/status", Authorization="Bearer wrong"))[0] == 401
        assert (await get(f"{base}/status?token={STATUS_TOKEN}"))[0] == 200
        status, _, headers = await get(f"{base}/status", Authorization=f"Bearer {STATUS_TOKEN}")
        assert status == 200
        assert "script-src" not in headers["Content-Security-Policy"]
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert headers["Referrer-Policy"] == "no-referrer"


async def test_a_user_and_password_open_the_page_instead_of_the_token(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    basic = {"user": "operator", "password": STATUS_PASSWORD}
    async with running(market, redis_url, token="", basic_auth=basic) as (_app, base):
        url = f"{base}/status"
        assert await challenges(url) == (401, ['Basic realm="Tickerwatch status", charset="UTF-8"'])
        status, page = await get_as(url, "operator", STATUS_PASSWORD)
        assert status == 200 and "<td>wire</td>" in page
        assert (await get_as(url, "operator", STATUS_PASSWORD + "x"))[0] == 401
        assert (await get_as(url, "operat0r", STATUS_PASSWORD))[0] == 401
        assert (await get_as(url, "", ""))[0] == 401
        # Headers that are not readable credentials are refused, never an error.
        for header in ("Basic !!!", "Basic " + "bm8tY29sb24=", "Basic", "Bearer ", "Digest x"):
            assert (await challenges(url, Authorization=header))[0] == 401
        # No token is configured: an empty one opens nothing.
        assert (await get(f"{url}?token="))[0] == 401


async def test_with_both_the_token_and_the_password_work(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    basic = {"user": "operator", "password": STATUS_PASSWORD}
    async with running(market, redis_url, basic_auth=basic) as (_app, base):
        url = f"{base}/status"
        status, offered = await challenges(url)
        assert status == 401
        assert offered == ['Basic realm="Tickerwatch status", charset="UTF-8"', "Bearer"]
        assert (await get(f"{url}?token={STATUS_TOKEN}"))[0] == 200
        assert (await get_as(url, "operator", STATUS_PASSWORD))[0] == 200
        assert (await get_as(url, "operator", STATUS_TOKEN))[0] == 401


async def test_without_a_token_there_is_no_page(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    config = make_config(market, redis_url)
    config = config.model_copy(
        update={"http": config.http.model_copy(update={"token": SecretStr("")})}
    )
    app = App(config, schedule=False, console=io.StringIO())
    await app.start()
    try:
        assert app.ops is not None
        base = f"http://127.0.0.1:{app.ops.port}"
        assert (await get(f"{base}/status?token="))[0] == 404
        assert (await get(f"{base}/healthz"))[0] == 200
    finally:
        await app.stop()


async def test_sources_alerts_and_rules_in_english_and_german(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    async with running(market, redis_url) as (_app, base):
        _, page, _ = await get(f"{base}/status?token={STATUS_TOKEN}")
        _, german, _ = await get(f"{base}/status?token={STATUS_TOKEN}&ui=de")
    assert "<script" not in page
    assert "<td>wire</td>" in page and "0 (0)" in page
    assert '<a href="https://news.example/t1" rel="noopener noreferrer">' in page
    assert "<b>targets</b> [warning] · BABA" in page
    assert "<b>band</b>: price band BABA 150–160" in page
    assert "<h2>Latest alerts</h2>" in page
    assert '<html lang="de">' in german
    assert "<h2>Letzte Alerts</h2>" in german and "Kursband BABA 150–160" in german


async def test_a_dry_run_shows_events_and_rules_and_writes_nothing(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    text = "Bernstein cuts Alibaba price target to $150 from $190"
    async with running(market, redis_url) as (_app, base):
        before = {key: await store.redis.type(key) async for key in store.redis.scan_iter()}
        sizes = await store.redis.dbsize()
        query = urlencode({"token": STATUS_TOKEN, "text": text})
        status, page, _ = await get(f"{base}/status?{query}")
        after = {key: await store.redis.type(key) async for key in store.redis.scan_iter()}
        assert await store.redis.dbsize() == sizes
    assert status == 200
    assert after == before
    assert "<h3>Symbols named</h3><p>BABA</p>" in page
    assert "&quot;type&quot;: &quot;analyst&quot;" in page
    assert "&quot;broker&quot;: &quot;Bernstein&quot;" in page
    assert "<li><b>targets</b> [warning]:" in page
    assert "Bernstein" in page.split("Rules that would fire", 1)[1]
    assert f'value="{text}"' in page  # the form keeps what was tried


async def test_feed_text_cannot_inject_markup_or_script_links(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    hostile = Alert(
        rule="targets",
        type="keyword",
        severity="info",
        symbol=None,
        headline='<img src=x onerror="alert(1)">',
        time=datetime.now(UTC),
        dedup_key="x",
        link="javascript:alert(1)",
    )
    async with running(market, redis_url) as (_app, base):
        await store.enqueue([hostile])
        query = urlencode({"token": STATUS_TOKEN, "text": "<script>alert(1)</script>"})
        _, page, _ = await get(f"{base}/status?{query}")
    assert "<img" not in page and "<script" not in page
    assert "javascript:" not in page.split("<h2>Latest alerts</h2>", 1)[1].split("href=")[0]
    assert 'href="javascript:' not in page


async def test_the_latest_alerts_are_capped_at_100(store: Store) -> None:
    alerts = [
        Alert("r", "keyword", "info", None, f"headline {n}", datetime.now(UTC), f"k{n}")
        for n in range(130)
    ]
    await store.enqueue(alerts[:70])
    await store.enqueue(alerts[70:])
    recent = await store.recent_alerts()
    assert [alert.headline for alert in recent] == [f"headline {n}" for n in range(129, 29, -1)]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


async def browse(binary: str, *arguments: str) -> bytes:
    process = await asyncio.create_subprocess_exec(
        binary,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
        "--disable-gpu",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={ARTIFACTS / 'chromium-profile'}",
        *arguments,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    stdout, _ = await asyncio.wait_for(process.communicate(), BROWSER_TIMEOUT_S)
    assert process.returncode == 0
    return stdout


@pytest.mark.skipif(chromium() is None, reason="needs Debian's chromium (apt-get install chromium)")
async def test_the_page_in_headless_chromium(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    binary = chromium()
    assert binary is not None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "status-page.png"
    screenshot.unlink(missing_ok=True)
    text = "Bernstein cuts Alibaba price target to $150 from $190"
    query = urlencode({"token": STATUS_TOKEN, "text": text})
    async with running(market, redis_url) as (_app, base):
        url = f"{base}/status?{query}"
        dom = (await browse(binary, "--dump-dom", url)).decode()
        await browse(binary, f"--screenshot={screenshot}", "--window-size=1200,1400", url)
    assert "Tickerwatch status" in dom
    assert "<td>wire</td>" in dom
    assert 'href="https://news.example/t1"' in dom
    fired = dom.split("Rules that would fire", 1)[1]
    assert "<b>targets</b> [warning]:" in fired and "Bernstein" in fired
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000  # a rendered page, not an empty frame
