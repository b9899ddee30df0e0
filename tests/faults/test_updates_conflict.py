"""getUpdates answered with 409 Conflict (another bot polls with the same token) and then the
Bot API away, under the real process: one line each, no traceback, and commands are answered
once getUpdates succeeds again."""

from __future__ import annotations

import asyncio
import signal
import subprocess
from pathlib import Path

import yaml
from bot_process import start_run
from fakes.telegram_api import running_fake_telegram

from bot.redis_server import EmbeddedRedis

TOKEN = "123456:CONFLICTTEST"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WAIT_S = 60.0


async def test_a_conflict_on_get_updates_is_one_line_each_and_commands_carry_on(
    tmp_path: Path,
) -> None:
    server = EmbeddedRedis(tmp_path / "external")
    url = server.start()
    async with running_fake_telegram() as api:
        config = {
            "redis": {"url": url},
            "telegram": {"token": TOKEN, "base_url": api.base_url},
        }
        path = tmp_path / "config.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        api.fail_next("getUpdates", 409, count=3, description=CONFLICT)
        process = await start_run(path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert process.stderr is not None
        log = asyncio.ensure_future(process.stderr.read())
        try:
            api.push_command(41, "/help")
            await api.wait_for_messages(1, timeout=WAIT_S, chat_id=41)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(WAIT_S):
                code = await process.wait()
            text = (await log).decode(errors="replace")
            server.stop()
    assert code == 0, text
    assert "Traceback" not in text
    assert text.count("another bot polls the updates with this token") == 1, text
