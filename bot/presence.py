"""Each running process says in Redis that it runs, and in which role, every few seconds: /status
and the status page list the processes that share the Redis."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket

from redis.exceptions import RedisError

from bot import keys
from bot.services import Clock
from bot.store import Store

log = logging.getLogger(__name__)

ANNOUNCE_EVERY_S = keys.PROCESS_ALIVE_TTL / 3


class Presence:
    def __init__(self, store: Store, process: str, role: str, clock: Clock) -> None:
        self.store = store
        self.process = process
        self.role = role
        self.clock = clock
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.store.announce_process(
                    self.process, self.role, socket.gethostname(), os.getpid(), self.clock()
                )
            except RedisError as exc:
                log.debug("process not announced (%s)", exc)  # the Redis watch reports outages
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), ANNOUNCE_EVERY_S)

    async def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(RedisError):
            await self.store.forget_process(self.process)
