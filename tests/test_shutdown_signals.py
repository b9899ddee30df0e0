"""How `python -m bot run` and its embedded redis-server end: Ctrl-C in a terminal, a kill, and a
server left behind by an earlier run."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bot_process import REPO, is_running, redis_pid_in, start_run

from bot.redis_server import SOCKET_RECORD, EmbeddedRedis, find_redis_server

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

WAIT_S = 30.0


def console_config(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "config.yaml"
    config = {
        "redis": {"url": "", "data_dir": str(data_dir)},
        "telegram": {"token": ""},
        "watchlist": {"BABA": {"names": ["Alibaba"]}},
    }
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while is_running(pid):
        assert time.monotonic() < deadline, f"redis-server {pid} is still running"
        time.sleep(0.05)


async def read_until(process: asyncio.subprocess.Process, needle: str, seen: list[str]) -> str:
    assert process.stderr is not None
    async with asyncio.timeout(WAIT_S):
        while not seen or needle not in seen[-1]:
            line = (await process.stderr.readline()).decode(errors="replace")
            if not line:
                raise AssertionError(f"output ended before {needle!r}:\n{''.join(seen)}")
            seen.append(line)
    return "".join(seen)


async def run_until_ready(
    config: Path, seen: list[str], *, own_group: bool = False
) -> tuple[asyncio.subprocess.Process, int]:
    process = await start_run(
        config, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, own_group=own_group
    )
    try:
        return process, redis_pid_in(await read_until(process, "running;", seen))
    except BaseException:
        await end(process)
        raise


async def end(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.kill()
        await process.wait()


async def stop_with(process: asyncio.subprocess.Process, seen: list[str]) -> int:
    """Wait for the exit after a signal; the rest of stderr is added to `seen`."""
    assert process.stderr is not None
    async with asyncio.timeout(WAIT_S):
        seen.append((await process.stderr.read()).decode(errors="replace"))
        return await process.wait()


async def test_ctrl_c_to_the_process_group_stops_the_bot_and_then_redis(tmp_path: Path) -> None:
    data_dir = tmp_path / "redis"
    seen: list[str] = []
    process, redis_pid = await run_until_ready(
        console_config(tmp_path, data_dir), seen, own_group=True
    )
    try:
        assert is_running(redis_pid)
        # A terminal's Ctrl-C: SIGINT to every process in the foreground group.
        os.killpg(process.pid, signal.SIGINT)
        returncode = await stop_with(process, seen)
    finally:
        await end(process)
    text = "".join(seen)
    assert returncode == 0, text
    assert "Traceback" not in text
    assert "WARNING" not in text and "ERROR" not in text, text
    wait_until_gone(redis_pid)
    assert not (data_dir / SOCKET_RECORD).exists()


async def test_a_killed_bot_takes_redis_along_and_the_next_start_runs(tmp_path: Path) -> None:
    data_dir = tmp_path / "redis"
    config = console_config(tmp_path, data_dir)
    process, redis_pid = await run_until_ready(config, [])
    process.kill()
    await process.wait()
    wait_until_gone(redis_pid)

    seen: list[str] = []
    process, second_pid = await run_until_ready(config, seen)
    try:
        assert second_pid != redis_pid
        process.send_signal(signal.SIGTERM)
        assert await stop_with(process, seen) == 0
    finally:
        await end(process)
    assert "Traceback" not in "".join(seen)
    wait_until_gone(second_pid)


def redis_command(socket_path: str, command: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(5)
        connection.connect(socket_path)
        connection.sendall(command)
        return connection.recv(256)


def test_a_redis_server_left_by_an_earlier_run_is_shut_down_with_its_data_kept(
    tmp_path: Path,
) -> None:
    """Where the kernel cannot end the server with its bot (not Linux), the next start finds it
    through the socket it recorded, and stops it before a second server opens the same file."""
    data_dir = tmp_path / "redis"
    data_dir.mkdir()
    socket_dir = tmp_path / "tw-redis-left"
    socket_dir.mkdir()
    socket_path = str(socket_dir / "redis.sock")
    arguments = [find_redis_server(), "--port", "0", "--unixsocket", socket_path]
    arguments += ["--dir", str(data_dir), "--appendonly", "yes", "--save", ""]
    leftover = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, start_new_session=True)
    embedded = EmbeddedRedis(data_dir)
    try:
        deadline = time.monotonic() + WAIT_S
        while not os.path.exists(socket_path) and time.monotonic() < deadline:
            assert leftover.poll() is None, "the stand-in leftover redis-server did not start"
            time.sleep(0.01)
        assert redis_command(socket_path, b"SET kept yes\r\n") == b"+OK\r\n"
        (data_dir / SOCKET_RECORD).write_text(socket_path, encoding="utf-8")

        url = embedded.start()
        assert leftover.wait(WAIT_S) == 0  # a clean SHUTDOWN, not a kill
        new_socket = url.removeprefix("unix://")
        assert redis_command(new_socket, b"GET kept\r\n") == b"$3\r\nyes\r\n"
        assert (data_dir / SOCKET_RECORD).read_text(encoding="utf-8") == new_socket
    finally:
        embedded.stop()
        if leftover.poll() is None:
            leftover.kill()
            leftover.wait()


STUCK_CALL = """
import asyncio, threading
from bot.cli import AbandoningExecutor

async def main():
    loop = asyncio.get_running_loop()
    loop.set_default_executor(AbandoningExecutor())
    started = threading.Event()

    def stuck():  # a DNS lookup whose name server never answers
        started.set()
        threading.Event().wait()

    lookup = loop.run_in_executor(None, stuck)
    await loop.run_in_executor(None, started.wait)
    lookup.cancel()

asyncio.run(main())
print("exited")
"""


def test_a_blocking_call_in_flight_does_not_hold_the_exit() -> None:
    result = subprocess.run(
        [sys.executable, "-c", STUCK_CALL],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "exited\n"), result.stderr
