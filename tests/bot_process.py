"""`python -m bot run` as a real child process, the way a user starts it."""

from __future__ import annotations

import asyncio
import os
import re
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


async def start_run(
    config: Path,
    *,
    stdout: Stream,
    stderr: Stream,
    own_group: bool = False,
    role: str | None = None,
) -> asyncio.subprocess.Process:
    """`own_group`: the bot leads a process group of its own, as in a terminal, so that a test
    can signal the whole group (os.killpg) without hitting itself. `role`: `run --role`."""
    roles = ("--role", role) if role is not None else ()
    return await start_bot(
        "run", "-c", str(config), *roles, stdout=stdout, stderr=stderr, own_group=own_group
    )


async def start_bot(
    *arguments: str,
    stdout: Stream = subprocess.PIPE,
    stderr: Stream = subprocess.PIPE,
    own_group: bool = False,
) -> asyncio.subprocess.Process:
    """`python -m bot ARGUMENTS...` in the checkout, with a clean environment."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *arguments,
        cwd=REPO,
        env=clean_environment(),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        start_new_session=own_group,
    )


COMMAND_TIMEOUT_S = 60.0  # generous on a shared 2-core machine; never a timing assertion


def bot_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGUMENTS...` run to its end, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        cwd=REPO,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )


REDIS_PID = re.compile(r"embedded redis-server \(pid (\d+)\)")


def redis_pid_in(log: str) -> int:
    """The pid of the embedded redis-server, from the line the bot logs when it is up."""
    found = REDIS_PID.search(log)
    if found is None:
        raise AssertionError(f"the bot did not report its redis-server:\n{log}")
    return int(found.group(1))


def is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return state != "Z"


async def read_until(
    stream: asyncio.StreamReader, needle: str, seen: list[str], timeout_s: float = 60.0
) -> None:
    """Read lines into `seen` until one of them, read now or before, holds `needle`."""
    async with asyncio.timeout(timeout_s):
        while not any(needle in line for line in seen):
            line = await stream.readline()
            if not line:
                raise AssertionError(f"output ended before {needle!r}:\n{''.join(seen)}")
            seen.append(line.decode(errors="replace"))
