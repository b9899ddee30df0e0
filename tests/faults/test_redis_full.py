"""Redis full (maxmemory reached, noeviction) under the real process: it still answers PING, so
only the refused writes tell. The bot says so once, in words, keeps running, and the news that
came meanwhile alerts once Redis has room again; /healthz fails meanwhile, naming the cause."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import redis.asyncio as aioredis
from bot_process import read_until, start_run
from local_http import unused_port

from bot.market_server import FeedEntry, LocalMarket
from bot.redis_server import EmbeddedRedis

WAIT_S = 60.0
FULL_FOR_S = 4.0  # several polls meet the refused writes


async def health(port: int) -> tuple[int, dict[str, object]]:
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session,
        session.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        return response.status, await response.json()


async def health_until(port: int, status: int) -> dict[str, object]:
    async with asyncio.timeout(WAIT_S):
        while True:
            answered, body = await health(port)
            if answered == status:
                return body
            await asyncio.sleep(0.2)


def write_config(tmp_path: Path, market: LocalMarket, redis_url: str, port: int) -> Path:
    config = {
        "http": {"listen": f"127.0.0.1:{port}"},
        "redis": {"url": redis_url},
        "telegram": {"token": ""},
        "watchlist": {"BABA": {"names": ["Alibaba"]}},
        "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]},
        "rules": [{"name": "raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


async def test_redis_out_of_memory_is_said_once_and_the_news_alerts_once_it_has_room(
    tmp_path: Path, market: LocalMarket
) -> None:
    server = EmbeddedRedis(tmp_path / "external")
    url = server.start()
    admin = aioredis.from_url(url)
    market.feeds["wire"] = []
    port = unused_port()
    process = await start_run(
        write_config(tmp_path, market, url, port), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    logged: list[str] = []
    printed: list[str] = []
    try:
        await read_until(process.stderr, "feed wire: first fetch", logged)
        await admin.config_set("maxmemory-policy", "noeviction")
        await admin.config_set("maxmemory", "1")  # below what it holds: every write refused
        title = "Alibaba plans a capital increase"
        market.publish(
            "wire", FeedEntry("full", title, "", "https://news.example/full", datetime.now(UTC))
        )
        await asyncio.sleep(FULL_FOR_S)
        failing = await health_until(port, 503)
        assert failing["failing"] == ["redis"] and "out of memory" in str(failing["redis"])
        await admin.config_set("maxmemory", "0")
        await read_until(process.stdout, title, printed)
        await health_until(port, 200)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            rest = await process.stderr.read()
            code = await process.wait()
        await admin.aclose()
        server.stop()
    log = "".join(logged) + rest.decode(errors="replace")
    assert code == 0, log
    assert "Traceback" not in log
    assert log.count("redis: out of memory (maxmemory reached)") == 1, log
    assert log.count("redis: accepting writes again") == 1, log
    assert "not answering" not in log, "a full Redis answers; it refuses writes"
