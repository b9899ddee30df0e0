"""Each running process says in Redis that it runs, and in which role, every few seconds: /status
and the status page list the processes that share the Redis."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket

from redis.exceptions import RedisError

from bot.roles import Role
from bot.services import Clock
from bot.store import Store

log = logging.getLogger(__name__)

ANNOUNCE_EVERY_S = 2.0  # also how soon a poller learns that others poll beside it
POLLING_ROLES = {role.value for role in Role if role.polls}


def process_identity() -> str:
    """This process as the others see it (poll claims, the getUpdates lease, the process list):
    host, pid and a nonce, since pids are reused."""
    return f"{socket.gethostname()} {os.getpid()} {secrets.token_hex(4)}"


class Presence:
    def __init__(self, store: Store, process: str, role: str, clock: Clock) -> None:
        self.store = store
        self.process = process
        self.role = role
        self.clock = clock
        # The processes that poll, this one included once announced, sorted: the same list in
        # every process.
        self.pollers: list[str] = []
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.store.announce_process(
                    self.process, self.role, socket.gethostname(), os.getpid(), self.clock()
                )
                running = await self.store.running_processes(self.clock())
                self.pollers = sorted(
                    info.process for info in running if info.role in POLLING_ROLES
                )
            except RedisError as exc:
                log.debug("process not announced (%s)", exc)  # the Redis watch reports outages
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), ANNOUNCE_EVERY_S)
        with contextlib.suppress(RedisError):
            await self.store.forget_process(self.process)

    def stop(self) -> None:
        """run() ends after taking this process off the list."""
        self._stopping.set()
