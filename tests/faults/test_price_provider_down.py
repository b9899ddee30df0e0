"""A price provider that refuses connections, under the real process: each attempt, backed off,
is one log line naming the host, as the README says; no traceback."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from pathlib import Path

from bot_process import start_run
from local_http import unused_port

WAIT_S = 60.0
ATTEMPTS = 3


async def test_an_unreachable_price_provider_is_one_line_per_attempt(tmp_path: Path) -> None:
    base_url = f"http://127.0.0.1:{unused_port()}"
    config = {
        "redis": {"url": "", "data_dir": str(tmp_path / "redis")},
        "telegram": {"token": ""},
        "watchlist": {"BABA": {}},
        "sources": {"prices": {"base_url": base_url, "every": "1s"}},
    }
    path = tmp_path / "config.yaml"
    path.write_text(json.dumps(config), encoding="utf-8")
    process = await start_run(path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(WAIT_S):
            while not any(f"attempt {ATTEMPTS};" in line for line in lines):
                line = await process.stderr.readline()
                assert line, "".join(lines)
                lines.append(line.decode(errors="replace"))
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            rest = await process.stderr.read()
            code = await process.wait()
    log = "".join(lines)
    assert code == 0, log + rest.decode(errors="replace")
    assert "Traceback" not in log
    assert log.count("cannot connect to 127.0.0.1") == ATTEMPTS, log
