"""Redis faults on the real process: the embedded redis-server killed (restarted, data kept),
killed again and again (the bot stops with exit code 3), an external Redis stopped and started
again (one line down, one line up, alerts resume). No tracebacks in any of them."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bot_process import REDIS_PID, start_run

from bot.market_server import FeedEntry, LocalMarket
from bot.redis_server import EmbeddedRedis

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

WAIT_S = 40.0


def write_config(tmp_path: Path, market: LocalMarket, redis: dict[str, str]) -> Path:
    config = {
        "redis": redis,
        "telegram": {"token": ""},
        "watchlist": {"BABA": {"names": ["Alibaba"]}},
        "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]},
        "rules": [{"name": "raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


class Bot:
    """The running process, its stderr and stdout read line by line as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.err: list[str] = []  # lines not yet matched
        self.out: list[str] = []
        self.seen: list[str] = []  # everything read so far

    async def _read(self, stream: asyncio.StreamReader | None, into: list[str], needle: str) -> str:
        assert stream is not None
        async with asyncio.timeout(WAIT_S):
            while True:
                for line in into:
                    if needle in line:
                        into.remove(line)
                        return line
                line = (await stream.readline()).decode(errors="replace")
                if not line:
                    raise AssertionError(f"output ended before {needle!r}:\n{self.log()}")
                into.append(line)
                self.seen.append(line)

    async def logged(self, needle: str) -> str:
        return await self._read(self.process.stderr, self.err, needle)

    async def printed(self, needle: str) -> str:
        return await self._read(self.process.stdout, self.out, needle)

    def log(self) -> str:
        return "".join(self.seen)

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            assert self.process.stderr is not None and self.process.stdout is not None
            rest = await asyncio.gather(self.process.stderr.read(), self.process.stdout.read())
            self.seen += [part.decode(errors="replace") for part in rest]
            return await self.process.wait()


async def start(config: Path) -> Bot:
    return Bot(await start_run(config, stdout=subprocess.PIPE, stderr=subprocess.PIPE))


def pid_in(line: str) -> int:
    found = REDIS_PID.search(line)
    assert found is not None, line
    return int(found.group(1))


def publish(market: LocalMarket, guid: str) -> None:
    title = f"Alibaba plans a capital increase ({guid})"
    market.publish(
        "wire", FeedEntry(guid, title, "", f"https://news.example/{guid}", datetime.now(UTC))
    )


async def test_a_killed_embedded_redis_is_restarted_and_keeps_its_data(
    tmp_path: Path, market: LocalMarket
) -> None:
    market.feeds["wire"] = []
    bot = await start(write_config(tmp_path, market, {"url": "", "data_dir": str(tmp_path / "r")}))
    try:
        first_pid = pid_in(await bot.logged(", data in "))
        await bot.logged("first fetch")
        publish(market, "before")
        await bot.printed("(before)")
        await asyncio.sleep(1.5)  # the append-only file is written once a second

        os.kill(first_pid, signal.SIGKILL)
        await bot.logged("restarting it")
        second = await bot.logged(", data in ")
        assert pid_in(second) != first_pid
        publish(market, "after")
        await bot.printed("(after)")
    finally:
        code = await bot.stop()
    log = bot.log()
    assert code == 0, log
    assert "Traceback" not in log
    output = "".join(bot.out) + log
    assert output.count("(before)") <= 1, "the seen mark survived in the append-only file"
    assert sum("redis" in line.lower() for line in log.splitlines()) <= 8, log


async def test_an_embedded_redis_that_keeps_dying_stops_the_bot_with_exit_code_3(
    tmp_path: Path, market: LocalMarket
) -> None:
    market.feeds["wire"] = []
    bot = await start(write_config(tmp_path, market, {"url": "", "data_dir": str(tmp_path / "r")}))
    try:
        launched = await bot.logged(", data in ")
        await bot.logged("running;")
        for death in range(3):
            os.kill(pid_in(launched), signal.SIGKILL)
            if death < 2:
                launched = await bot.logged(", data in ")
        async with asyncio.timeout(WAIT_S):
            code = await bot.process.wait()
    finally:
        await bot.stop()
    log = bot.log()
    assert code == 3, log
    assert "died 3 times" in log and "Traceback" not in log


async def test_an_external_redis_that_goes_away_and_comes_back(
    tmp_path: Path, market: LocalMarket
) -> None:
    server = EmbeddedRedis(tmp_path / "external")
    url = server.start()
    market.feeds["wire"] = []
    bot = await start(write_config(tmp_path, market, {"url": url}))
    try:
        await bot.logged("first fetch")
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        await bot.logged("redis: not answering")
        await asyncio.sleep(2)  # polls and commands meet the outage
        server.restart()
        await bot.logged("redis: answering again after")
        publish(market, "back")
        await bot.printed("(back)")
    finally:
        code = await bot.stop()
        server.stop()
    log = bot.log()
    assert code == 0, log
    assert "Traceback" not in log
    assert log.count("redis: not answering") == 1 and log.count("answering again") == 1, log
