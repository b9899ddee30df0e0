"""Telegram allows one getUpdates poller per bot: among the processes that receive updates by
polling, the one that holds a lease in Redis polls, and the others wait to take over when its
lease lapses (its process stopped or died)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from redis.exceptions import RedisError
from telegram.error import TelegramError
from telegram.ext import Application

from bot import keys
from bot.redis_watch import describe
from bot.store import Store
from bot.telegram_app import start_polling

log = logging.getLogger(__name__)

RENEW_EVERY_S = keys.UPDATES_LEASE_TTL / 5


class UpdatesLease:
    def __init__(self, application: Application, store: Store, holder: str) -> None:
        self.application = application
        self.store = store
        self.holder = holder
        self.polling = False
        self._waiting_logged = False
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Take the lease and poll if it is free (a failure here stops start-up), then keep
        renewing or waiting for it."""
        await self._step()
        self._task = asyncio.create_task(self._run(), name="updates-lease")

    async def stop(self) -> None:
        """Stop renewing; the updater is stopped by the caller, then release()."""
        self._stopping.set()
        if self._task is not None:
            await self._task

    async def release(self) -> None:
        if self.polling:
            self.polling = False
            with contextlib.suppress(RedisError):
                await self.store.release_updates_lease(self.holder)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), RENEW_EVERY_S)
            if self._stopping.is_set():
                return
            try:
                await self._step()
            except RedisError as exc:
                # A poller keeps polling through an outage: nobody can take the lease meanwhile.
                log.debug("getUpdates lease not renewed (%s)", describe(exc))
            except TelegramError as exc:
                log.warning("telegram: cannot start polling updates (%s); trying again", exc)
            except Exception:
                log.exception("telegram: the getUpdates lease failed; trying again")

    async def _step(self) -> None:
        held = await self.store.hold_updates_lease(self.holder)
        updater = self.application.updater
        if held and not self.polling:
            await start_polling(self.application)
            self.polling = True
            self._waiting_logged = False
            log.info("telegram: this process polls the updates")
        elif not held and self.polling:
            log.warning("telegram: another process took over polling the updates; stopping here")
            self.polling = False
            if updater is not None and updater.running:
                await updater.stop()
        elif not held and not self._waiting_logged:
            self._waiting_logged = True
            log.info("telegram: another process polls the updates; this one takes over if it stops")
