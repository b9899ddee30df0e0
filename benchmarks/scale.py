"""Delivery with one and with three notifier processes sharing one Redis and one bot token.

    python benchmarks/scale.py [--chats N] [--limited-chats N] [--alerts N] [--json]
                               [--notifier-command "run --role notifier"]

Each notifier is `python -m bot <command> -c CONFIG` (by default `run --role notifier` when
`run` has a --role option, else a full `run` whose config has no feeds, which then only sends).
The alerts are queued in the outbox once every notifier has taken its consumer name; the fake
Bot API runs in this process and timestamps every request as it arrives.

Two runs of each size:

- `high`: the fake Bot API enforces nothing and the notifiers may send 10,000/s, so the speed
  of the processes themselves is measured: `speedup_3_vs_1` compares the sends per second.
- `telegram`: the fake Bot API answers 429 above 30/s overall or 1/s per chat, as Telegram
  does, and the notifiers use the default pacing. `rate_fraction` is the achieved rate (accepted
  sends - 1 over the time from the first to the last, as the server saw them) over 30/s;
  `lost` are (chat, alert) pairs never delivered; `over_limit` are the sends the server refused
  for breaking 30/s overall or 1/s per chat (each is retried, so none is lost by it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram  # noqa: E402

from bot import keys  # noqa: E402
from bot.redis_server import EmbeddedRedis  # noqa: E402
from bot.store import Store, connect  # noqa: E402
from rules.alert import Alert  # noqa: E402

TOKEN = "123456:SCALE"
TELEGRAM_PER_SECOND = 30
UNLIMITED_PER_SECOND = 10_000
FIRST_CHAT = 20_000
READY_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
ABOUT = re.compile(r"\b(S\d{3}) announces")
WATCHES_PER_CHAT = 2
# Telegram answers a send in tens to hundreds of milliseconds; each process keeps at most
# CONCURRENT_SENDS in flight, so the answer time bounds what one process can send.
DEFAULT_LATENCY_S = 0.1


def notifier_command(chosen: str | None) -> list[str]:
    """The `python -m bot` arguments of one notifier, before `-c CONFIG`."""
    if chosen:
        return shlex.split(chosen)
    described = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    return ["run", "--role", "notifier"] if "--role" in described else ["run"]


def symbols(alerts: int) -> list[str]:
    return [f"S{index:03d}" for index in range(alerts)]


def notifier_config(
    redis_url: str, api: FakeTelegramAPI, per_second: float | None, alerts: int
) -> str:
    """`per_second` None: the bot's own pacing for Telegram."""
    telegram: dict[str, Any] = {"token": TOKEN, "base_url": api.base_url}
    if per_second is not None:
        telegram["sends_per_second"] = per_second
    data = {
        "redis": {"url": redis_url},
        "telegram": telegram,
        "watchlist": {symbol: {"names": []} for symbol in symbols(alerts)},
    }
    return yaml.safe_dump(data)


def alert_about(symbol: str) -> Alert:
    return Alert(
        rule="scale-news",
        type="keyword",
        severity="warning",
        symbol=symbol,
        headline=f"{symbol} announces a capital increase",
        time=datetime.now(UTC),
        dedup_key=f"scale-{symbol}",
    )


async def subscribe(store: Store, chats: int, alerts: int, watches: int) -> set[tuple[int, str]]:
    """Chat i watches `watches` symbols spread over the alerts (so that its alerts come in
    different batches); returns every (chat, symbol) that should be delivered."""
    names = symbols(alerts)
    expected: set[tuple[int, str]] = set()
    for index in range(chats):
        chat = FIRST_CHAT + index
        await store.register_chat(chat, "en")
        for offset in range(watches):
            symbol = names[(index + offset * alerts // watches) % alerts]
            await store.watch(chat, symbol)
            expected.add((chat, symbol))
    return expected


@asynccontextmanager
async def notifiers(
    count: int, command: list[str], config_text: str, workdir: Path
) -> AsyncIterator[list[asyncio.subprocess.Process]]:
    processes = []
    try:
        for index in range(count):
            # A config file of its own: the consumer name comes from its path.
            config = workdir / f"notifier-{index}.yaml"
            config.write_text(config_text)
            log = (workdir / f"notifier-{index}.log").open("wb")
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bot",
                    *command,
                    "-c",
                    str(config),
                    cwd=REPO,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            log.close()
        yield processes
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
            except TimeoutError:
                process.kill()
                await process.wait()


async def wait_until_reading(store: Store, count: int, processes: list[Any]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        names = [name async for name in store.redis.scan_iter(match=keys.outbox_consumer("*"))]
        if len(names) >= count:
            return
        if any(process.returncode is not None for process in processes):
            raise RuntimeError("a notifier exited before it began to read the outbox")
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{count} notifiers did not begin to read within {READY_TIMEOUT_S:g}s")


async def wait_for_sends(
    api: FakeTelegramAPI, expected: set[tuple[int, str]], timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    chats = {chat for chat, _symbol in expected}
    while time.monotonic() < deadline:
        if len([record for record in api.sent if record.chat_id in chats]) >= len(expected):
            return
        await asyncio.sleep(0.1)


async def one_run(
    *,
    processes: int,
    limits: bool,
    chats: int,
    alerts: int,
    command: list[str],
    redis_url: str,
    workdir: Path,
    latency: float,
) -> dict[str, Any]:
    store = Store(connect(redis_url))
    try:
        await store.redis.flushdb()
        # Without limits each chat gets one alert: the runs measure the processes, not the
        # per-chat pacing. With Telegram's limits each gets two, so that limit is exercised.
        expected = await subscribe(store, chats, alerts, WATCHES_PER_CHAT if limits else 1)
        async with running_fake_telegram() as api:
            if limits:
                api.enforce_limits(global_per_sec=TELEGRAM_PER_SECOND, per_chat_per_sec=1)
            api.delay_answers("sendMessage", latency)
            per_second = None if limits else float(UNLIMITED_PER_SECOND)
            config = notifier_config(redis_url, api, per_second, alerts)
            async with notifiers(processes, command, config, workdir) as running:
                await wait_until_reading(store, processes, running)
                queued_at = time.monotonic()
                await store.enqueue([alert_about(symbol) for symbol in symbols(alerts)])
                # Generous: at Telegram's pace the run takes about len(expected) / 28 seconds.
                await wait_for_sends(api, expected, 60 + 3 * len(expected) / 28)
            return measure(api, expected, processes, limits, queued_at)
    finally:
        await store.close()


def refused_for_the_chat(api: FakeTelegramAPI) -> int:
    """Of the sends refused with 429, those whose chat had a send accepted within the second
    before (the others broke the overall limit)."""
    sends = api.calls_of("sendMessage")
    accepted: dict[int | None, list[float]] = {}
    for call in sends:
        if call.status == 200:
            accepted.setdefault(call.chat_id, []).append(call.received_at)
    return sum(
        1
        for call in sends
        if call.status == 429
        and any(0 <= call.received_at - at < 1.0 for at in accepted.get(call.chat_id, []))
    )


def measure(
    api: FakeTelegramAPI,
    expected: set[tuple[int, str]],
    processes: int,
    limits: bool,
    queued_at: float,
) -> dict[str, Any]:
    got: dict[tuple[int, str], int] = {}
    for record in api.sent:
        about = ABOUT.search(record.text or "")
        key = (record.chat_id, about.group(1) if about else "")
        got[key] = got.get(key, 0) + 1
    delivered = len(expected & set(got))
    accepted = sorted(
        call.received_at for call in api.calls_of("sendMessage") if call.status == 200
    )
    span = accepted[-1] - accepted[0] if len(accepted) > 1 else 0.0
    rate = (len(accepted) - 1) / span if span > 0 else 0.0
    result: dict[str, Any] = {
        "processes": processes,
        "limits": "telegram" if limits else "high",
        "expected": len(expected),
        "delivered": delivered,
        "lost": len(expected) - delivered,
        "duplicates": sum(count - 1 for count in got.values() if count > 1),
        "seconds": round(accepted[-1] - queued_at, 2) if accepted else None,
        "rate_per_s": round(rate, 2),
        "over_limit": api.count_429,
        "over_chat_limit": refused_for_the_chat(api),
        "peak_in_flight": api.peak_unanswered("sendMessage"),
    }
    if limits:
        result["rate_fraction"] = round(rate / TELEGRAM_PER_SECOND, 3)
    return result


async def main_async(
    chats: int, alerts: int, command: list[str], limited_chats: int, latency: float
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tw-scale-") as directory:
        workdir = Path(directory)
        server = EmbeddedRedis(workdir / "redis", persistent=False)
        url = server.start()
        try:
            runs = {}
            for processes in (1, 3):
                runs[f"high_{processes}"] = await one_run(
                    processes=processes,
                    limits=False,
                    chats=chats,
                    alerts=alerts,
                    command=command,
                    redis_url=url,
                    workdir=workdir,
                    latency=latency,
                )
            runs["telegram_3"] = await one_run(
                processes=3,
                limits=True,
                chats=limited_chats,
                alerts=alerts,
                command=command,
                redis_url=url,
                workdir=workdir,
                latency=latency,
            )
        finally:
            server.stop()
    one, three, limited = runs["high_1"], runs["high_3"], runs["telegram_3"]
    speedup = three["rate_per_s"] / one["rate_per_s"] if one["rate_per_s"] else 0.0
    return {
        "notifier_command": " ".join(command),
        "latency_s": latency,
        "speedup_3_vs_1": round(speedup, 2),
        "rate_fraction": limited["rate_fraction"],
        "lost": one["lost"] + three["lost"] + limited["lost"],
        "over_limit": limited["over_limit"],
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1500, help="chats in the runs without limits")
    parser.add_argument(
        "--limited-chats", type=int, default=300, help="chats in the run with Telegram's limits"
    )
    parser.add_argument("--alerts", type=int, default=30, help="alerts, one symbol each")
    parser.add_argument(
        "--notifier-command",
        default=None,
        help='python -m bot arguments of a notifier before -c (default: "run --role notifier" '
        'when run has --role, else "run")',
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=DEFAULT_LATENCY_S,
        help="seconds the fake Bot API takes to answer a send",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object")
    arguments = parser.parse_args(argv)
    if arguments.chats < 1 or arguments.limited_chats < 1:
        parser.error("--chats and --limited-chats must be at least 1")
    if not WATCHES_PER_CHAT <= arguments.alerts <= 999:
        parser.error(f"--alerts must be between {WATCHES_PER_CHAT} and 999")
    if not 0 <= arguments.latency <= 10:
        parser.error("--latency must be between 0 and 10 seconds")
    command = notifier_command(arguments.notifier_command)
    result = asyncio.run(
        main_async(
            arguments.chats, arguments.alerts, command, arguments.limited_chats, arguments.latency
        )
    )
    if arguments.json:
        print(json.dumps(result))
    else:
        runs = result["runs"]
        print(f"notifiers run as: python -m bot {result['notifier_command']} -c CONFIG")
        for name, run in runs.items():
            print(
                f"{name}: {run['delivered']}/{run['expected']} delivered, lost {run['lost']}, "
                f"duplicates {run['duplicates']}, {run['rate_per_s']} msg/s, "
                f"over the limits {run['over_limit']}, {run['seconds']} s"
            )
        print(
            f"speedup 3 vs 1: {result['speedup_3_vs_1']}, rate fraction under Telegram's limits: "
            f"{result['rate_fraction']:.1%}"
        )
    return 0 if result["lost"] == 0 and result["over_limit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
