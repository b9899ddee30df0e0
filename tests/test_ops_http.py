"""The operator's HTTP server of a running App: /metrics parsed as Prometheus reads it, /healthz
as Docker asks it, through a Redis outage that the watch mends."""

from __future__ import annotations

import asyncio
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from bot_process import REPO
from fakes.telegram_api import FakeTelegramAPI
from prometheus_client.parser import text_string_to_metric_families

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store

CHAT = 4242
TOKEN = "123456:OPS-TEST"
WAIT_S = 20.0
HEADLINE = "Citigroup raises Alibaba price target to $225 from $200"


def make_config(market: LocalMarket, redis: dict[str, str], **extra: Any) -> Config:
    return Config.model_validate(
        {
            "redis": redis,
            "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
            "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1m"}]},
            "rules": [
                {
                    "name": "targets",
                    "type": "keyword",
                    "any": ["price target"],
                    "severity": "critical",
                }
            ],
            "http": {"listen": "127.0.0.1:0"},
            **extra,
        }
    )


@asynccontextmanager
async def started(app: App) -> AsyncIterator[str]:
    """The App running; yields the base URL of its HTTP server."""
    await app.start()
    try:
        assert app.ops is not None and app.ops.port is not None
        yield f"http://127.0.0.1:{app.ops.port}"
    finally:
        await app.stop()


async def scrape(base: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics by (name, sorted labels)."""
    async with aiohttp.ClientSession() as session, session.get(f"{base}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def healthz(base: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as response:
        return response.status, await response.json()


async def eventually(check: Callable[[], Any], what: str) -> None:
    """Ask again until `check` (a coroutine function) returns true; the server is in this loop."""
    try:
        async with asyncio.timeout(WAIT_S):
            while not await check():  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


def sample(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((f"tickerwatch_{name}", tuple(sorted(labels.items()))), 0.0)


async def test_metrics_count_polls_events_alerts_and_sends(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    config = make_config(
        market,
        {"url": redis_url},
        telegram={"token": TOKEN, "base_url": telegram_api.base_url},
    )
    app = App(config, schedule=False)
    feed = config.sources.feeds[0]
    async with started(app) as base:
        await store.watch(CHAT, "BABA")
        before = await scrape(base)
        assert sample(before, "polls_total", source="wire") == 0
        assert sample(before, "redis_up") == 1

        assert app.poller is not None
        await app.poller.poll_feed(feed)  # the first fetch: records the (empty) feed
        published = datetime.now(UTC)
        market.publish("wire", FeedEntry("t1", HEADLINE, "", "https://news.example/t1", published))
        telegram_api.fail_next("sendMessage", 429, retry_after=1)
        await app.poller.poll_feed(feed)
        await telegram_api.wait_for_messages(1, chat_id=CHAT)

        async def delivered() -> bool:
            return sample(await scrape(base), "sends_total") == 1

        await eventually(delivered, "the send to be counted")
        after = await scrape(base)

    assert sample(after, "polls_total", source="wire") == 2
    assert sample(after, "items_total", source="wire") == 1
    assert sample(after, "events_total", type="analyst") == 1
    assert sample(after, "alerts_total", rule="targets", severity="critical") == 1
    assert sample(after, "telegram_429_total") == 1
    assert sample(after, "send_retries_total") == 1
    assert sample(after, "failed_deliveries_total") == 0
    assert sample(after, "poll_failures_total", source="wire", kind="http") == 0
    last = sample(after, "source_last_success_timestamp_seconds", source="wire")
    assert last >= published.timestamp() - 1
    assert sample(after, "outbox_length") == 0


async def test_metrics_count_failed_polls_by_kind(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    config = make_config(market, {"url": redis_url})
    broken = config.sources.feeds[0].model_copy(update={"url": f"{market.base_url}/nothing.xml"})
    app = App(config, schedule=False, console=io.StringIO())
    async with started(app) as base:
        assert app.poller is not None
        await app.poller.poll_feed(broken)
        samples = await scrape(base)
    assert sample(samples, "polls_total", source="wire") == 1
    assert sample(samples, "poll_failures_total", source="wire", kind="http") == 1
    assert ("tickerwatch_source_last_success_timestamp_seconds", (("source", "wire"),)) not in (
        samples
    )


async def test_healthz_fails_while_redis_does_not_answer_and_recovers_after_the_restart(
    market: LocalMarket, tmp_path: Path
) -> None:
    market.feeds["wire"] = []
    config = make_config(market, {"url": "", "data_dir": str(tmp_path / "redis")})
    app = App(config, console=io.StringIO())
    async with started(app) as base:
        status, body = await healthz(base)
        assert (status, body["status"]) == (200, "ok"), body
        assert body["redis"] == body["scheduler"] == body["outbox"] == "ok"

        assert app.embedded is not None and app.embedded.pid is not None
        pid = app.embedded.pid
        # Frozen first, so the outage lasts until the test ends it: a process that is only
        # killed may be restarted before any request sees it gone.
        os.kill(pid, signal.SIGSTOP)

        async def failing() -> bool:
            status, body = await healthz(base)
            return status == 503 and body["failing"] == ["redis"]

        await eventually(failing, "/healthz to report Redis down")
        samples = await scrape(base)
        assert sample(samples, "redis_up") == 0

        os.kill(pid, signal.SIGKILL)

        async def healthy() -> bool:
            return (await healthz(base))[0] == 200

        await eventually(healthy, "/healthz to recover after the restart")
        assert app.embedded.pid != pid
        assert sample(await scrape(base), "redis_up") == 1


async def test_healthz_reports_an_outbox_that_does_not_move(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    """Telegram takes the send but never answers in time, so the alert stays in the outbox; the
    clock is moved past the limit rather than waited for."""
    now = [datetime.now(UTC)]
    market.feeds["wire"] = []
    config = make_config(
        market,
        {"url": redis_url},
        telegram={"token": TOKEN, "base_url": telegram_api.base_url},
    )
    app = App(config, schedule=False, clock=lambda: now[0])
    feed = config.sources.feeds[0]
    async with started(app) as base:
        await store.watch(CHAT, "BABA")
        assert app.poller is not None
        await app.poller.poll_feed(feed)
        telegram_api.delay_answers("sendMessage", 30)
        market.publish("wire", FeedEntry("t1", HEADLINE, "", "https://news.example/t1", now[0]))
        await app.poller.poll_feed(feed)
        await telegram_api.wait_for_messages(1, chat_id=CHAT)
        assert (await healthz(base))[0] == 200

        now[0] += timedelta(minutes=16)
        status, body = await healthz(base)
        assert status == 503 and body["failing"] == ["outbox"], body
        assert body["outbox"].startswith("stuck: 1 waiting, the oldest for 15m"), body
        assert body["outbox"].endswith("(limit 15m)"), body
        samples = await scrape(base)
        assert sample(samples, "outbox_length") == 1
        assert sample(samples, "outbox_oldest_age_seconds") > 15 * 60


async def test_healthz_reports_a_stopped_outbox_worker(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    app = App(make_config(market, {"url": redis_url}), schedule=False, console=io.StringIO())
    async with started(app) as base:
        assert app.worker is not None and app._worker_task is not None
        app.worker.stop()
        await app._worker_task
        status, body = await healthz(base)
    assert status == 503 and body["failing"] == ["outbox"], body
    assert body["outbox"] == "the outbox worker is not running"


def docker_healthcheck(port: int) -> list[str]:
    """The Dockerfile's HEALTHCHECK command, pointed at this test's port."""
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    line = next(
        line for line in dockerfile.splitlines() if line.strip().startswith('CMD ["python", "-c"')
    )
    command: list[str] = json.loads(line.strip().removeprefix("CMD "))
    return [part.replace("127.0.0.1:9464", f"127.0.0.1:{port}") for part in command]


async def exit_code(command: list[str]) -> int:
    process = await asyncio.create_subprocess_exec(
        *command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return await asyncio.wait_for(process.wait(), WAIT_S)


async def test_the_docker_healthcheck_follows_healthz(
    market: LocalMarket, store: Store, redis_url: str
) -> None:
    app = App(make_config(market, {"url": redis_url}), schedule=False, console=io.StringIO())
    async with started(app):
        assert app.ops is not None and app.ops.port is not None
        command = docker_healthcheck(app.ops.port)
        assert command[0] == "python"
        command[0] = sys.executable
        assert await exit_code(command) == 0
        assert app.worker is not None and app._worker_task is not None
        app.worker.stop()
        await app._worker_task
        assert await exit_code(command) != 0
