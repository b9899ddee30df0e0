"""Many feeds through `python -m bot run`: start-up, the first pass, then steady passes.

    python benchmarks/ingest.py [--feeds N] [--every SECONDS] [--passes N] [--json]
    python benchmarks/ingest.py --quick        # 1,000 feeds every 30 s, two steady passes

Starts the bot as a user would (embedded Redis, Telegram through the fake Bot API) on N feeds
of a local feed server and a local price API. The feed bodies are the captured feeds in the
shared data (../shared/data/feeds) when present, each feed's item ids made its own, else
generated ones. Half of the feeds answer a matching If-None-Match with 304, the other half send
the same body again (the bot's body hash has to notice).

1. Idle: while the feed server holds its answers, `/price BABA` is asked one command at a time
   (from a rotation of chats, each asked once untimed first) and each reply timed from the
   command to the Bot API receiving it.
2. First pass: every feed is new to the bot; it ends when every feed was fetched once. Then,
   unmeasured, until every feed was fetched a second time: from then on each is polled once an
   interval (before, the first pass's late feeds are polled twice within one). From the start
   of this wait, in each interval 10 % of the feeds publish one new item each, at random
   moments; some of those name Alibaba, which a subscribed chat watches, and the time from
   publishing to the alert reaching the Bot API is kept.
3. Steady passes (`--passes` intervals), once feeds have been changing for an interval: a
   change is read by the feed's next poll, so from then on each interval reads as many changes
   as it makes. Commands are asked throughout.
4. Bare: after the bot stopped, a separate process fetches every feed once with plain aiohttp
   and parses every body with feedparser, the floor a pass is compared with.

`--json` prints one object; the issue's targets read `feeds`, `polled_fraction` (the least share
of feeds polled in any steady interval), `cpu_fraction_one_core` (bot and its redis-server over
the steady intervals), `rss_mb` (the bot's peak), `startup_s` (start to the first feed request),
`pass_ratio_vs_bare` (their CPU per interval over the bare pass's CPU), `reply_p99_ratio_under_load`
(steady p99 over idle p99) and `latency_p99_over_interval_s` (publish-to-send p99 minus the
interval). Other fields are for diagnosis.
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
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from aiohttp import web  # noqa: E402
from bot_process import clean_environment, redis_pid_in, start_run  # noqa: E402
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram  # noqa: E402
from local_http import serve  # noqa: E402
from shared_data import SHARED_DATA  # noqa: E402

from bot.market_server import LocalMarket, Price  # noqa: E402

TOKEN = "123456:INGEST"
FIRST_CHAT = 50_000
CHATS = 24  # rotation: each chat asks at most every few seconds, below per-chat pacing
WATCHER = 49_999  # the chat that watches BABA and receives the steady passes' alerts
GAP_S = 0.1  # between a reply and the next command in the first pass
# In the steady passes: a command a second, as busy chats ask, so that the CPU measured is the
# polling's and not the commands'.
STEADY_GAP_S = 1.0
REPLY_TIMEOUT_S = 60.0
# Enough that the p99 is not the single slowest reply, asked quickly: the idle replies are timed
# while the feed server holds the first polls' answers, well within the bot's 20-s feed timeout.
IDLE_SAMPLES = 150
IDLE_GAP_S = 0.05
CHANGED_SHARE = 0.1
# Alerts per interval at most: one chat receives them, and Telegram allows it one a second.
ALERT_EVERY_S = 4.0
SAMPLE_EVERY_S = 2.0
BARE_CONCURRENCY = 32
CAPTURED_SUFFIXES = (".xml", ".rss", ".atom")
VOCABULARY = (
    "orders revenue profit outlook shares cloud chips demand growth quarter guidance margin "
    "supplier contract plant battery software licence merger board dividend buyback forecast "
    "market investors analysts rating target upgrade downgrade rises falls jumps slips record "
    "expands cuts hires opens closes launches delays approves rejects wins loses bid talks "
    "deal partner factory europe asia america energy steel auto bank insurer retail media"
).split()
_ID_ENDS = (b"</guid>", b"</id>", b"</link>")


def captured_bodies() -> list[bytes]:
    folder = SHARED_DATA / "feeds"
    if not folder.is_dir():
        return []
    return [p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in CAPTURED_SUFFIXES]


def synthetic_body(name: str, items: int) -> bytes:
    # Headlines of random words, as unlike each other as real ones (one story each).
    words = random.Random(name)
    published = datetime.now(UTC) - timedelta(hours=2)
    entries = "".join(
        f"<item><guid isPermaLink='false'>{name}-{n}</guid>"
        f"<title>{' '.join(words.choices(VOCABULARY, k=9))}</title>"
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


def own_ids(body: bytes, name: str) -> bytes:
    """The captured body with every guid, id and link ending in the feed's name: ten thousand
    feeds made from a dozen captures carry items of their own, as real feeds do."""
    suffix = f"#{name}".encode()
    for end in _ID_ENDS:
        body = body.replace(end, suffix + end)
    return body


def new_item(body: bytes, title: str, token: str) -> bytes:
    """`body` with one new item in front of its others, in the feed's own format."""
    now = datetime.now(UTC)
    atom = b"<entry" in body or (b"<feed" in body and b"<item" not in body)
    if atom:
        entry = (
            f"<entry><id>urn:ingest:{token}</id><title>{title}</title>"
            f"<link href='http://127.0.0.1/new/{token}'/><updated>{now.isoformat()}</updated>"
            "</entry>"
        ).encode()
        anchor, closing = b"<entry", b"</feed>"
    else:
        entry = (
            f"<item><guid isPermaLink='false'>{token}</guid><title>{title}</title>"
            f"<link>http://127.0.0.1/new/{token}</link>"
            f"<pubDate>{email.utils.format_datetime(now)}</pubDate></item>"
        ).encode()
        anchor, closing = b"<item", b"</channel>"
    at = body.find(anchor)
    if at < 0:
        at = body.rfind(closing)
    return body[:at] + entry + body[at:] if at >= 0 else body


@dataclass
class Counting:
    """What the feed server saw while the bot was measured."""

    requests: list[tuple[float, int]] = field(default_factory=list)  # (time, feed index)
    statuses: Counter[int] = field(default_factory=Counter)


class FeedServer:
    def __init__(self, feeds: int, items: int) -> None:
        self.feeds = feeds
        captured = captured_bodies()
        self.captured = bool(captured)
        self.bodies = [
            own_ids(captured[n % len(captured)], self.name(n))
            if captured
            else synthetic_body(self.name(n), items)
            for n in range(feeds)
        ]
        self.versions = [0] * feeds
        self.first_request: dict[int, float] = {}
        self.all_fetched = asyncio.Event()
        self._fetched_twice: set[int] = set()
        # After its second poll a feed is polled once a turn; before, the first pass's late
        # feeds are polled twice within an interval, which would inflate a steady one.
        self.all_fetched_twice = asyncio.Event()
        # Held until the idle replies are measured: the polls already started wait on the
        # network meanwhile and cost the bot nothing.
        self.released = asyncio.Event()
        self.counting: Counting | None = Counting()
        self.published: dict[str, float] = {}  # token of an alerting item -> when published

    @staticmethod
    def name(n: int) -> str:
        return f"f{n:05d}"

    def urls(self, base_url: str) -> list[str]:
        return [f"{base_url}/feeds/{self.name(n)}.xml" for n in range(self.feeds)]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/feeds/f{index:\\d+}.xml", self.feed)
        return app

    def _etag(self, index: int) -> str | None:
        # Half the feeds know conditional GET; the others send the same bytes again.
        return f'"v{self.versions[index]}"' if index % 2 == 0 else None

    async def feed(self, request: web.Request) -> web.Response:
        index = int(request.match_info["index"])
        counting = self.counting
        if counting is not None:
            if index in self.first_request:
                self._fetched_twice.add(index)
                if len(self._fetched_twice) == self.feeds:
                    self.all_fetched_twice.set()
            self.first_request.setdefault(index, time.monotonic())
            counting.requests.append((time.monotonic(), index))
            await self.released.wait()
            if len(self.first_request) == self.feeds:
                self.all_fetched.set()
        etag = self._etag(index)
        if etag is not None and request.headers.get("If-None-Match") == etag:
            status, response = 304, web.Response(status=304, headers={"ETag": etag})
        else:
            headers = {"ETag": etag} if etag else {}
            status = 200
            response = web.Response(
                body=self.bodies[index], content_type="application/rss+xml", headers=headers
            )
        if counting is not None:
            counting.statuses[status] += 1
        return response

    def publish(self, index: int, *, alerting: bool, serial: int) -> None:
        token = f"zq{serial}x"
        words = " ".join(random.choices(VOCABULARY, k=7))
        title = f"Alibaba {words} {token}" if alerting else f"{words.capitalize()} {token}"
        self.bodies[index] = new_item(self.bodies[index], title, token)
        self.versions[index] += 1
        if alerting:
            self.published[token] = time.monotonic()

    async def change(self, every: float) -> None:
        """Each interval, CHANGED_SHARE of the feeds get one new item each at random moments;
        at most one in ALERT_EVERY_S of them names Alibaba. Runs until cancelled."""
        rng = random.Random(13)
        serial = 0
        start = time.monotonic()
        while True:
            changed = rng.sample(range(self.feeds), max(1, round(self.feeds * CHANGED_SHARE)))
            alerting = set(rng.sample(changed, min(len(changed), int(every / ALERT_EVERY_S))))
            moments = sorted(rng.uniform(0, every) for _ in changed)
            for moment, index in zip(moments, changed, strict=True):
                await asyncio.sleep(max(0.0, start + moment - time.monotonic()))
                serial += 1
                self.publish(index, alerting=index in alerting, serial=serial)
            start += every


def write_config(
    path: Path, *, feeds: int, feed_url: str, market: str, api: str, every: float
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
        f"    - {{name: {FeedServer.name(n)}, url: '{feed_url}/feeds/{FeedServer.name(n)}.xml', "
        f"every: {every:g}s}}"
        for n in range(feeds)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


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
        self, done: asyncio.Event | None = None, limit: int | None = None, gap_s: float = GAP_S
    ) -> list[float]:
        latencies: list[float] = []
        while not (done and done.is_set()) and (limit is None or len(latencies) < limit):
            latencies.append(await self.ask())
            await asyncio.sleep(gap_s)
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
    return None if busy is None or not idle else round(busy / idle, 2)


class Sampler:
    """The bot's and redis-server's CPU seconds and the bot's peak RSS, sampled while running."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.redis_pid: int | None = None
        self.peak_rss_mb = 0.0
        self.redis_rss_mb = 0.0

    def cpu(self) -> float:
        own = cpu_seconds(self.pid)
        return own + (cpu_seconds(self.redis_pid) if self.redis_pid else 0.0)

    async def run(self) -> None:
        while True:
            self.peak_rss_mb = max(self.peak_rss_mb, rss_mb(self.pid))
            if self.redis_pid:
                self.redis_rss_mb = max(self.redis_rss_mb, rss_mb(self.redis_pid))
            await asyncio.sleep(SAMPLE_EVERY_S)


async def _set_when(target: asyncio.Event, source: asyncio.Event, limit_s: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(source.wait(), limit_s)
    target.set()


async def _set_after(target: asyncio.Event, seconds: float) -> None:
    await asyncio.sleep(seconds)
    target.set()


# The event loop's thread on its own CPU clock: waits cost nothing, and the feed parser's
# threads, which run beside it, are not charged to whatever the loop was doing. Only the steady
# intervals are profiled: SIGUSR1 starts the profile, SIGUSR2 ends it.
_PROFILED_RUN = """
import cProfile, runpy, signal, sys, time
out = sys.argv.pop(1)
profile = cProfile.Profile(time.thread_time)
signal.signal(signal.SIGUSR1, lambda *_: profile.enable())
signal.signal(signal.SIGUSR2, lambda *_: profile.disable())
try:
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profile.disable()
    profile.dump_stats(out)
"""


async def start_profiled(config: Path, profile: Path, log: Any) -> asyncio.subprocess.Process:
    """The bot under cProfile, which writes `profile` when the bot ends at SIGTERM."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        *("-c", _PROFILED_RUN, str(profile), "run", "-c", str(config)),
        cwd=REPO,
        env=clean_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


async def measure(
    feed_count: int,
    every: float,
    passes: int,
    items: int,
    work: Path,
    profile: Path | None = None,
) -> dict[str, Any]:
    feeds = FeedServer(feed_count, items)
    market = LocalMarket()
    market.set_price("BABA", Price(158.0, datetime.now(UTC), 155.0))
    await market.start()
    try:
        async with serve(feeds.app()) as feed_url, running_fake_telegram() as api:
            config = work / "config.yaml"
            write_config(
                config,
                feeds=feed_count,
                feed_url=feed_url,
                market=market.base_url,
                api=api.base_url,
                every=every,
            )
            log_path = work / "bot.log"
            with log_path.open("wb") as log:
                started = time.monotonic()
                process = await (
                    start_profiled(config, profile, log)
                    if profile
                    else start_run(config, stdout=subprocess.DEVNULL, stderr=log)
                )
                try:
                    result = await _observe(
                        process.pid,
                        feeds,
                        api,
                        every,
                        passes,
                        log_path,
                        started,
                        profile is not None,
                    )
                finally:
                    feeds.counting = None
                    process.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(process.wait(), 30)
                    except TimeoutError:
                        process.kill()
                        await process.wait()
            result.update(await bare_pass(feeds.urls(feed_url), work))
            result["pass_ratio_vs_bare"] = (
                round(result["cpu_s_per_interval"] / result["bare_cpu_s"], 2)
                if result["bare_cpu_s"]
                else None
            )
            return result
    finally:
        await market.stop()


async def _observe(
    pid: int,
    feeds: FeedServer,
    api: FakeTelegramAPI,
    every: float,
    passes: int,
    log_path: Path,
    started: float,
    profiled: bool,
) -> dict[str, Any]:
    await api.wait_for_poll(REPLY_TIMEOUT_S)
    sampler = Sampler(pid)
    sampling = asyncio.create_task(sampler.run())
    asker = Asker(api)
    api.push_command(WATCHER, "/watch BABA")
    await api.wait_for_messages(1, REPLY_TIMEOUT_S, chat_id=WATCHER)
    # A chat's first command does first-contact work: not timed.
    await asker.until(limit=CHATS, gap_s=IDLE_GAP_S)
    idle = await asker.until(limit=IDLE_SAMPLES, gap_s=IDLE_GAP_S)
    log_text = await asyncio.to_thread(log_path.read_text, errors="replace")
    sampler.redis_pid = redis_pid_in(log_text)
    feeds.released.set()
    # The first pass ends when every feed was answered, or after two intervals if some never are.
    first_over = asyncio.Event()
    ender = asyncio.create_task(_set_when(first_over, feeds.all_fetched, 2 * every))
    first_cpu = sampler.cpu()
    first_busy = await asker.until(first_over)
    await ender
    first_cpu = sampler.cpu() - first_cpu
    asked = feeds.first_request.values()
    first, last = min(asked), max(asked)
    # Feeds change from here on: a change is read by the feed's next poll, up to an interval
    # later, so only after an interval of changes does each interval read as many as it makes.
    settle_start = time.monotonic()
    changer = asyncio.create_task(feeds.change(every))
    settled = asyncio.Event()
    settler = asyncio.create_task(_set_when(settled, feeds.all_fetched_twice, 2 * every))
    await asker.until(settled)
    await settler
    settle_s = time.monotonic() - settle_start
    changing = asyncio.Event()
    warmed = asyncio.create_task(
        _set_after(changing, max(0.0, settle_start + every - time.monotonic()))
    )
    await asker.until(changing, gap_s=STEADY_GAP_S)
    await warmed

    steady_start = time.monotonic()
    steady_end = steady_start + passes * every
    cpu_start, own_start = sampler.cpu(), cpu_seconds(pid)
    if profiled:
        os.kill(pid, signal.SIGUSR1)
    steady_over = asyncio.Event()
    timer = asyncio.create_task(_set_after(steady_over, passes * every))
    busy = await asker.until(steady_over, gap_s=STEADY_GAP_S)
    await timer
    if profiled:
        os.kill(pid, signal.SIGUSR2)
    cpu_steady = sampler.cpu() - cpu_start
    own_steady = cpu_seconds(pid) - own_start
    wall = time.monotonic() - steady_start
    changer.cancel()
    sampling.cancel()

    counting = feeds.counting
    assert counting is not None
    steady_polls = sum(1 for t, _ in counting.requests if steady_start <= t < steady_end)
    shares = []
    for k in range(passes):
        begin = steady_start + k * every
        polled = {i for t, i in counting.requests if begin <= t < begin + every}
        shares.append(len(polled) / feeds.feeds)
    latencies, undelivered = alert_latencies(api, feeds.published, steady_end - every - 2)
    log = await asyncio.to_thread(log_path.read_text, errors="replace")
    idle_p99, busy_p99 = percentile(idle, 0.99), percentile(busy, 0.99)
    latency_p99 = percentile(latencies, 0.99)
    return {
        "feeds": feeds.feeds,
        "polled_fraction": round(min(shares), 4),
        "cpu_fraction_one_core": round(cpu_steady / wall, 4),
        "rss_mb": round(sampler.peak_rss_mb, 1),
        "startup_s": round(first - started, 2),
        "reply_p99_ratio_under_load": ratio(busy_p99, idle_p99),
        "latency_p99_over_interval_s": (
            None if latency_p99 is None else round(latency_p99 - every, 2)
        ),
        "every_s": every,
        "passes": passes,
        "captured_bodies": feeds.captured,
        "polled_fraction_per_interval": [round(s, 4) for s in shares],
        "cpu_s_per_interval": round(cpu_steady / passes, 3),
        "bot_cpu_fraction_one_core": round(own_steady / wall, 4),
        # Bot and redis-server CPU per feed request in the steady intervals, commands included:
        # comparable between runs of different sizes and intervals.
        "steady_polls": steady_polls,
        "cpu_ms_per_poll": round(1000 * cpu_steady / steady_polls, 3) if steady_polls else None,
        "bot_cpu_ms_per_poll": round(1000 * own_steady / steady_polls, 3) if steady_polls else None,
        "redis_rss_mb": round(sampler.redis_rss_mb, 1),
        "first_pass_s": round(last - first, 2),
        "first_pass_cpu_s": round(first_cpu, 2),
        "settle_s": round(settle_s, 2),
        "first_pass_reply_p99_ratio": ratio(percentile(first_busy, 0.99), idle_p99),
        "statuses": dict(counting.statuses),
        "alerts_measured": len(latencies),
        "alerts_undelivered": undelivered,
        "latency_p50_s": round(percentile(latencies, 0.5) or 0.0, 2),
        "latency_max_s": round(max(latencies, default=0.0), 2),
        "reply_p50_ms_idle": ms(percentile(idle, 0.5)),
        "reply_p99_ms_idle": ms(idle_p99),
        "reply_p50_ms_steady": ms(percentile(busy, 0.5)),
        "reply_p99_ms_steady": ms(busy_p99),
        "reply_max_ms_steady": ms(max(busy, default=None)),
        "log_warnings": log.count(" WARNING "),
        "log_errors": log.count(" ERROR "),
        "log_problem_kinds": problem_kinds(log),
        "cores": os.cpu_count(),
    }


def alert_latencies(
    api: FakeTelegramAPI, published: dict[str, float], published_before: float
) -> tuple[list[float], int]:
    """Publish-to-send times of the alerting items published early enough to be polled, and how
    many of them never reached the chat."""
    sent: dict[str, float] = {}
    for record in api.messages_to(WATCHER):
        for token in re.findall(r"zq\d+x", record.text or ""):
            sent.setdefault(token, record.received_at)
    latencies, undelivered = [], 0
    for token, at in published.items():
        if at > published_before:
            continue
        if token in sent:
            latencies.append(sent[token] - at)
        else:
            undelivered += 1
    return latencies, undelivered


async def bare_pass(urls: list[str], work: Path) -> dict[str, Any]:
    """The floor: every URL fetched once with plain aiohttp and parsed with feedparser, in a
    process of its own so that only its own CPU counts."""
    listing = work / "urls.txt"
    listing.write_text("\n".join(urls), encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--bare", str(listing), stdout=subprocess.PIPE
    )
    out, _ = await process.communicate()
    return json.loads(out)


async def _bare(urls: list[str]) -> dict[str, Any]:
    import aiohttp
    import feedparser

    slots = asyncio.Semaphore(BARE_CONCURRENCY)
    entries = 0

    async def one(session: aiohttp.ClientSession, url: str) -> None:
        nonlocal entries
        async with slots, session.get(url) as response:
            body = await response.read()
        entries += len(feedparser.parse(body).entries)

    async with aiohttp.ClientSession() as session:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        begin = time.monotonic()
        await asyncio.gather(*(one(session, url) for url in urls))
        wall = time.monotonic() - begin
        after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    return {"bare_cpu_s": round(cpu, 3), "bare_wall_s": round(wall, 3), "bare_entries": entries}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--every", type=float, default=60.0, help="feed interval in seconds")
    parser.add_argument("--passes", type=int, default=2, help="steady intervals measured")
    parser.add_argument("--items", type=int, default=20, help="items per generated feed")
    parser.add_argument("--quick", action="store_true", help="1000 feeds every 30 s")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", type=Path, help="write the bot's cProfile stats here")
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.bare:
        urls = arguments.bare.read_text(encoding="utf-8").split()
        print(json.dumps(asyncio.run(_bare(urls))))
        return 0
    if arguments.quick:
        arguments.feeds, arguments.every = 1000, 30.0
    with tempfile.TemporaryDirectory(prefix="tw-ingest-") as work:
        result = asyncio.run(
            measure(
                arguments.feeds,
                arguments.every,
                arguments.passes,
                arguments.items,
                Path(work),
                arguments.profile,
            )
        )
    if arguments.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:30} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
