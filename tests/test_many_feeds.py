"""A thousand feeds on one local server, polled by `python -m bot run` as a user starts it: every
feed is fetched once before any feed is fetched a second time (all within their first interval),
and no Redis command fails for want of a connection."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import re
import signal
import subprocess
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
from aiohttp import web
from bot_process import start_run
from local_http import serve

from bot.config import Config
from bot.jobs import Poller
from bot.scheduler import build_scheduler

FEEDS = 1000
# Long enough that a loaded two-core machine gets through the first round (the bot does about
# a hundred first polls a second); the test ends as soon as every feed has been fetched.
EVERY = "20s"
ITEMS_PER_FEED = 3
PROBLEM_LINE = re.compile(r" (WARNING|ERROR|CRITICAL) |Traceback")
CONNECTION_TROUBLE = re.compile(r"onnection|MaxConnectionsError", re.IGNORECASE)
STOPPING = " INFO bot: stopping"


class CountingFeeds:
    """Tiny feeds that differ only in their items' ids; counts requests per path."""

    def __init__(self, feeds: int) -> None:
        self.feeds = feeds
        self.requests: Counter[str] = Counter()
        self.every_feed_fetched = asyncio.Event()
        # The snapshot taken when the last feed got its first request.
        self.at_first_round: Counter[str] = Counter()
        published = email.utils.format_datetime(datetime.now(UTC) - timedelta(hours=1))
        self.item = (
            "<item><guid isPermaLink='false'>{feed}-{n}</guid><title>Market note {n} of "
            "{feed}</title><link>http://127.0.0.1/{feed}/{n}</link>"
            f"<pubDate>{published}</pubDate></item>"
        )

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/feeds/{feed}.xml", self.feed)
        return app

    async def feed(self, request: web.Request) -> web.Response:
        name = request.match_info["feed"]
        self.requests[name] += 1
        if len(self.requests) == self.feeds and not self.every_feed_fetched.is_set():
            self.at_first_round = Counter(self.requests)
            self.every_feed_fetched.set()
        items = "".join(self.item.format(feed=name, n=n) for n in range(ITEMS_PER_FEED))
        body = (
            "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            f"<title>{name}</title><link>http://127.0.0.1/</link><description>d</description>"
            f"{items}</channel></rss>"
        )
        return web.Response(text=body, content_type="application/rss+xml")


def write_config(path: Path, base_url: str, data_dir: Path, feeds: int) -> None:
    lines = [
        f"redis: {{data_dir: '{data_dir}'}}",
        "watchlist:",
        "  BABA: {names: [Alibaba]}",
        "rules:",
        "  - {name: alibaba-news, type: keyword, any: [Alibaba]}",
        "sources:",
        "  feeds:",
    ]
    lines += [
        f"    - {{name: f{n:04d}, url: '{base_url}/feeds/f{n:04d}.xml', every: {EVERY}}}"
        for n in range(feeds)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def test_a_thousand_feeds_are_each_polled_in_their_first_interval_without_errors(
    tmp_path: Path,
) -> None:
    server = CountingFeeds(FEEDS)
    async with serve(server.app()) as base_url:
        config = tmp_path / "config.yaml"
        write_config(config, base_url, tmp_path / "redis", FEEDS)
        stderr_path = tmp_path / "stderr.log"
        with stderr_path.open("wb") as stderr:
            process = await start_run(config, stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                try:
                    await asyncio.wait_for(server.every_feed_fetched.wait(), 120)
                except TimeoutError:
                    log = stderr_path.read_text(errors="replace")
                    missing = FEEDS - len(server.requests)
                    raise AssertionError(f"{missing} feeds never fetched:\n{log[-5000:]}") from None
                process.send_signal(signal.SIGTERM)
                returncode = await asyncio.wait_for(process.wait(), 30)
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()
    log = stderr_path.read_text(errors="replace")
    assert returncode == 0, log[-5000:]
    # Each feed's second poll comes one interval after its first: none before the last first.
    polled_twice = [name for name, count in server.at_first_round.items() if count > 1]
    assert polled_twice == []
    running, _, stopping = log.partition(STOPPING)
    problems = [line for line in running.splitlines() if PROBLEM_LINE.search(line)]
    assert problems == []
    # A stop ends polls quietly: the ones running log one INFO line, the ones not begun nothing.
    assert "Traceback" not in stopping and " ERROR " not in stopping, stopping[-3000:]
    assert [line for line in log.splitlines() if CONNECTION_TROUBLE.search(line)] == []


def test_runs_cancelled_before_they_began_are_not_logged_as_failures(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = Config.model_validate({})
    build_scheduler(config, cast(Poller, None), datetime.now(UTC))
    executor_log = logging.getLogger("apscheduler.executors.default")
    for error in (asyncio.CancelledError(), ValueError("a real failure")):
        try:
            raise error
        except BaseException:
            executor_log.error("Error running job %s", "feed x", exc_info=True)
    assert [record.exc_info[1].__class__ for record in caplog.records if record.exc_info] == [
        ValueError
    ]
