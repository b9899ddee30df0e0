"""`python -m bot run` as a real child process, the way a user starts it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]

Stream = int | IO[bytes]


def clean_environment() -> dict[str, str]:
    """The caller's environment without settings that would point the bot elsewhere."""
    drop = {"REDIS_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL"}
    return {name: value for name, value in os.environ.items() if name not in drop}


async def start_run(config: Path, *, stdout: Stream, stderr: Stream) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "-c",
        str(config),
        cwd=REPO,
        env=clean_environment(),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
    )
