"""`python -m bot run` re-reads its config on SIGHUP; an invalid file keeps the old rules."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import yaml
from bot_process import start_run

from bot.redis_server import EmbeddedRedis

RULE = {"name": "raise", "type": "keyword", "any": ["capital increase"]}


async def read_until(stream: asyncio.StreamReader, needle: str, seen: list[str]) -> None:
    async with asyncio.timeout(30):
        while True:
            line = (await stream.readline()).decode()
            if not line:
                raise AssertionError(f"output ended before {needle!r}:\n{''.join(seen)}")
            seen.append(line)
            if needle in line:
                return


async def test_sighup_reloads_rules_and_survives_a_broken_file(
    tmp_path: Path, redis_url: str
) -> None:
    path = tmp_path / "config.yaml"
    data = {"redis": {"url": redis_url}, "watchlist": {"BABA": {}}, "rules": [RULE]}
    path.write_text(yaml.safe_dump(data))
    process = await start_run(
        path, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    assert process.stderr is not None
    seen: list[str] = []
    try:
        await read_until(process.stderr, "running;", seen)
        data["rules"] = [RULE, {**RULE, "name": "raise-2"}]
        path.write_text(yaml.safe_dump(data))
        process.send_signal(signal.SIGHUP)
        await read_until(process.stderr, "reload: 2 rules in effect", seen)

        path.write_text("rules: [{name: x, type: nonsense}]\n")
        process.send_signal(signal.SIGHUP)
        await read_until(process.stderr, "is invalid; old rules stay in effect", seen)
        await read_until(process.stderr, "unknown rule type 'nonsense'", seen)
        assert process.returncode is None  # still running

        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await process.wait() == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_sighup_while_redis_is_away_puts_the_rules_in_effect_without_a_traceback(
    tmp_path: Path,
) -> None:
    server = EmbeddedRedis(tmp_path / "external")
    url = server.start()
    path = tmp_path / "config.yaml"
    data = {"redis": {"url": url}, "watchlist": {"BABA": {}}, "rules": [RULE]}
    path.write_text(yaml.safe_dump(data))
    process = await start_run(
        path, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    assert process.stderr is not None
    seen: list[str] = []
    try:
        await read_until(process.stderr, "running;", seen)
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        await read_until(process.stderr, "redis: not answering", seen)
        data["rules"] = [RULE, {**RULE, "name": "raise-2"}]
        path.write_text(yaml.safe_dump(data))
        process.send_signal(signal.SIGHUP)
        await read_until(process.stderr, "reload: 2 rules in effect", seen)
        await read_until(process.stderr, "reload: Redis is not answering", seen)
        server.restart()
        await read_until(process.stderr, "redis: answering again", seen)

        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await process.wait() == 0
        seen.append((await process.stderr.read()).decode())
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        server.stop()
    log = "".join(seen)
    assert "Traceback" not in log and "old rules stay in effect" not in log, log
