"""Sources whose clocks run ahead, against the real process: a quote or a headline dated years
from now must not hold up the prices that follow, nor be shown as news from the future."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot_process import read_until, start_run

from bot.market_server import FeedEntry, LocalMarket, Price

WAIT_S = 60.0
AHEAD = datetime(2099, 1, 1, tzinfo=UTC)


def write_config(tmp_path: Path, market: LocalMarket) -> Path:
    config = {
        "redis": {"url": "", "data_dir": str(tmp_path / "redis")},
        "telegram": {"token": ""},
        "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
        "sources": {
            "feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}],
            "prices": {"base_url": market.base_url, "every": "1s"},
        },
        "rules": [
            {"name": "raise", "type": "keyword", "any": ["capital increase"]},
            {
                "name": "alibaba-band",
                "type": "price_band",
                "symbol": "BABA",
                "low": 154,
                "high": 157,
            },
        ],
    }
    path = tmp_path / "config.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


async def test_a_quote_dated_ahead_does_not_hold_up_the_quotes_after_it(
    tmp_path: Path, market: LocalMarket
) -> None:
    market.feeds["wire"] = []
    market.set_price("BABA", Price(155.0, datetime.now(UTC), previous_close=150.0))
    process = await start_run(
        write_config(tmp_path, market), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    errors = asyncio.ensure_future(process.stderr.read())
    printed: list[str] = []
    try:
        await asyncio.sleep(2)  # the price is inside the band
        market.set_price("BABA", Price(156.0, AHEAD, previous_close=150.0))
        await asyncio.sleep(3)  # a few polls meet the quote from 2099
        now = datetime.now(UTC)
        market.set_price("BABA", Price(160.0, now, previous_close=150.0))
        await read_until(process.stdout, "left its band", printed)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            code = await process.wait()
        log = (await errors).decode(errors="replace")
    assert code == 0, log
    assert "Traceback" not in log
    assert log.count("ahead of the clock; ignored") == 1, log


async def test_news_dated_ahead_counts_as_published_when_fetched(
    tmp_path: Path, market: LocalMarket
) -> None:
    market.feeds["wire"] = []
    market.set_price("BABA", Price(155.0, datetime.now(UTC) - timedelta(minutes=1), 150.0))
    process = await start_run(
        write_config(tmp_path, market), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    logged: list[str] = []
    printed: list[str] = []
    errors: asyncio.Future[bytes] | None = None
    try:
        # The feed's first fetch records its (empty) backlog: the news must come after it.
        await read_until(process.stderr, "feed wire: first fetch", logged)
        errors = asyncio.ensure_future(process.stderr.read())
        title = "Alibaba plans a capital increase"
        market.publish("wire", FeedEntry("ahead", title, "", "https://news.example/a", AHEAD))
        await read_until(process.stdout, title, printed)
        await read_until(process.stdout, "published", printed)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            code = await process.wait()
        log = "".join(logged) + ((await errors).decode(errors="replace") if errors else "")
    assert code == 0, log
    published = next(line for line in printed if "published" in line)
    assert "2099" not in published, published
