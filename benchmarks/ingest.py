"""The first pass over many feeds, and how fast the bot answers a command meanwhile.

    python benchmarks/ingest.py [--feeds N] [--every SECONDS] [--items N] [--json]

Starts `python -m bot run` as a user would (embedded Redis, Telegram through the fake Bot API)
on N feeds of a local feed server, all new to the bot, and a local price API. It asks
`/price BABA` one command at a time (from a rotation of chats, so no chat's pacing is measured)
and times each reply from the command to the Bot API receiving the answer: first while the
feed server holds its answers (idle: the polls wait on the network), then during the first pass
over all feeds.

Prints the pass's wall time (first to last feed request), the fraction of feeds first fetched
within one interval of the first request (the time they were held counts against them), the
bot's CPU time during the pass (its own process, without redis-server), the reply latency
p50/p99 idle and during the pass, and their ratios; warnings and errors the bot logged are
counted. `--json` prints the same as one object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from aiohttp import web  # noqa: E402
from bot_process import start_run  # noqa: E402
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram  # noqa: E402
from local_http import serve  # noqa: E402

from bot.market_server import LocalMarket, Price  # noqa: E402

TOKEN = "123456:INGEST"
FIRST_CHAT = 50_000
CHATS = 24  # rotation: each chat asks at most every few seconds, below per-chat pacing
GAP_S = 0.1  # between a reply and the next command
REPLY_TIMEOUT_S = 60.0
IDLE_SAMPLES = 60
VOCABULARY = (
    "orders revenue profit outlook shares cloud chips demand growth quarter guidance margin "
    "supplier contract plant battery software licence merger board dividend buyback forecast "
    "market investors analysts rating target upgrade downgrade rises falls jumps slips record "
    "expands cuts hires opens closes launches delays approves rejects wins loses bid talks "
    "deal partner factory europe asia america energy steel auto bank insurer retail media"
).split()


class Feeds:
    """N feeds of `items` items each, distinct per feed; notes when each was first asked."""

    def __init__(self, feeds: int, items: int) -> None:
        self.feeds = feeds
        self.first_request: dict[str, float] = {}
        self.all_fetched = asyncio.Event()
        # Held until the idle replies are measured: the polls already started wait on the
        # network meanwhile and cost the bot nothing.
        self.released = asyncio.Event()
        published = datetime.now(UTC) - timedelta(hours=2)
        self.bodies = {name: self._render(name, items, published) for name in self.names()}

    def names(self) -> list[str]:
        return [f"f{n:05d}" for n in range(self.feeds)]

    @staticmethod
    def _render(name: str, items: int, published: datetime) -> bytes:
        # Headlines of random words, as unlike each other as real ones (one story each).
        words = random.Random(name)
        titles = [" ".join(words.choices(VOCABULARY, k=9)) for _ in range(items)]
        entries = "".join(
            f"<item><guid isPermaLink='false'>{name}-{n}</guid>"
            f"<title>{titles[n]}</title>"
            f"<description>Orders for {name} grew in quarter {n}.</description>"
            f"<link>http://127.0.0.1/{name}/{n}</link>"
            f"<pubDate>{email.utils.format_datetime(published - timedelta(minutes=n))}</pubDate>"
            "</item>"
            for n in range(items)
        )
        return (
            "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            f"<title>{name}</title><link>http://127.0.0.1/</link><description>d</description>"
            f"{entries}</channel></rss>"
        ).encode()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/feeds/{name}.xml", self.feed)
        return app

    async def feed(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.first_request.setdefault(name, time.monotonic())
        await self.released.wait()
        if len(self.first_request) == self.feeds:
            self.all_fetched.set()
        return web.Response(body=self.bodies[name], content_type="application/rss+xml")


def write_config(
    path: Path, *, feeds: Feeds, feed_url: str, market: str, api: str, every: float
) -> None:
    lines = [
        f"redis: {{data_dir: '{path.parent / 'redis'}'}}",
        f"telegram: {{token: '{TOKEN}', base_url: '{api}', commands_per_minute: 1000}}",
        "watchlist:",
        "  BABA: {names: [Alibaba], currency: USD}",
        "rules:",
        "  - {name: alibaba-news, type: keyword, any: [Alibaba]}",
        "sources:",
        f"  prices: {{base_url: '{market}', every: 60s}}",
        "  feeds:",
    ]
    lines += [
        f"    - {{name: {name}, url: '{feed_url}/feeds/{name}.xml', every: {every:g}s}}"
        for name in feeds.names()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Asker:
    """Asks /price BABA one at a time and keeps each reply's latency in seconds."""

    def __init__(self, api: FakeTelegramAPI) -> None:
        self.api = api
        self.asked = 0

    async def ask(self) -> float:
        chat = FIRST_CHAT + self.asked % CHATS
        self.asked += 1
        before = len(self.api.messages_to(chat))
        sent_at = time.monotonic()
        self.api.push_command(chat, "/price BABA")
        records = await self.api.wait_for_messages(before + 1, REPLY_TIMEOUT_S, chat_id=chat)
        return records[before].received_at - sent_at

    async def until(
        self, done: asyncio.Event | None = None, limit: int | None = None
    ) -> list[float]:
        latencies: list[float] = []
        while not (done and done.is_set()) and (limit is None or len(latencies) < limit):
            latencies.append(await self.ask())
            await asyncio.sleep(GAP_S)
        return latencies


def problem_kinds(log: str) -> dict[str, int]:
    """Warnings and errors by message, with names and numbers blanked out."""
    kinds: Counter[str] = Counter()
    for line in log.splitlines():
        if " WARNING " in line or " ERROR " in line:
            message = line.split(" ", 2)[2]
            kinds[re.sub(r"\bf\d+\b|\d+(\.\d+)?", "#", message)[:120]] += 1
    return dict(kinds.most_common(5))


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def ratio(busy: float | None, idle: float | None) -> float | None:
    return None if busy is None or not idle else round(busy / idle, 1)


async def measure(feed_count: int, every: float, items: int, work: Path) -> dict[str, Any]:
    feeds = Feeds(feed_count, items)
    market = LocalMarket()
    market.set_price("BABA", Price(158.0, datetime.now(UTC), 155.0))
    await market.start()
    try:
        async with serve(feeds.app()) as feed_url, running_fake_telegram() as api:
            config = work / "config.yaml"
            write_config(
                config,
                feeds=feeds,
                feed_url=feed_url,
                market=market.base_url,
                api=api.base_url,
                every=every,
            )
            log_path = work / "bot.log"
            with log_path.open("wb") as log:
                process = await start_run(config, stdout=subprocess.DEVNULL, stderr=log)
                try:
                    return await _observe(process.pid, feeds, api, every, log_path)
                finally:
                    process.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(process.wait(), 30)
                    except TimeoutError:
                        process.kill()
                        await process.wait()
    finally:
        await market.stop()


async def _set_when(target: asyncio.Event, source: asyncio.Event, limit_s: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(source.wait(), limit_s)
    target.set()


async def _observe(
    pid: int, feeds: Feeds, api: FakeTelegramAPI, every: float, log_path: Path
) -> dict[str, Any]:
    await api.wait_for_poll(REPLY_TIMEOUT_S)
    asker = Asker(api)
    idle = await asker.until(limit=IDLE_SAMPLES)
    feeds.released.set()
    cpu_start, wall_start = cpu_seconds(pid), time.monotonic()
    # The pass ends when every feed was answered, or after two intervals if some never are.
    pass_over = asyncio.Event()
    ender = asyncio.create_task(_set_when(pass_over, feeds.all_fetched, 2 * every))
    busy = await asker.until(pass_over)
    await ender
    cpu_pass, wall_pass = cpu_seconds(pid) - cpu_start, time.monotonic() - wall_start
    # Counted from the first request, so the time feeds were held counts against them.
    asked = feeds.first_request.values()
    first, last = min(asked), max(asked)
    within = sum(1 for t in asked if t - first <= every)
    log = await asyncio.to_thread(log_path.read_text, errors="replace")
    busy_p50, busy_p99 = percentile(busy, 0.5), percentile(busy, 0.99)
    idle_p50, idle_p99 = percentile(idle, 0.5), percentile(idle, 0.99)
    return {
        "feeds": feeds.feeds,
        "every_s": every,
        "first_pass_s": round(last - first, 2),
        "polled_within_interval": round(within / feeds.feeds, 4),
        "bot_cpu_s": round(cpu_pass, 2),
        "bot_cpu_per_wall": round(cpu_pass / wall_pass, 2) if wall_pass else None,
        "reply_samples_pass": len(busy),
        "reply_samples_idle": len(idle),
        "reply_p50_ms_pass": ms(busy_p50),
        "reply_p99_ms_pass": ms(busy_p99),
        "reply_max_ms_pass": ms(max(busy, default=None)),
        "reply_p50_ms_idle": ms(idle_p50),
        "reply_p99_ms_idle": ms(idle_p99),
        "p50_ratio": ratio(busy_p50, idle_p50),
        "p99_ratio": ratio(busy_p99, idle_p99),
        "log_warnings": log.count(" WARNING "),
        "log_errors": log.count(" ERROR "),
        "log_problem_kinds": problem_kinds(log),
        "too_many_connections": log.count("Too many connections"),
        "cores": os.cpu_count(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--every", type=float, default=60.0, help="feed interval in seconds")
    parser.add_argument("--items", type=int, default=20, help="items per feed")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tw-ingest-") as work:
        result = asyncio.run(measure(arguments.feeds, arguments.every, arguments.items, Path(work)))
    if arguments.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:26} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
