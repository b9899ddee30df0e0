"""Wiring: start every part in order, stop them in reverse, within bounded time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram.ext import Application

from bot.config import Config, ConfigError, load_config
from bot.delivery.console import ConsoleDelivery
from bot.delivery.telegram import TelegramDelivery
from bot.delivery.worker import Delivery, OutboxWorker, consumer_name
from bot.jobs import Poller
from bot.lifecycle.dispatch import Dispatcher, build_dispatcher
from bot.lifecycle.reload import swap_rules
from bot.pipeline.lifecycle import build_pipeline
from bot.redis_server import EmbeddedRedis
from bot.scheduler import build_scheduler
from bot.services import Clock, Services, system_clock
from bot.sources.http import HttpClient
from bot.store import Store, connect
from bot.telegram_app import build_application, start_application, stop_application
from handlers.buttons import alert_keyboard
from rules.registry import build_rule

log = logging.getLogger(__name__)

DRAIN_TIMEOUT_S = 3.0
STEP_TIMEOUT_S = 5.0
PARSE_THREADS = 2


class App:
    def __init__(
        self,
        config: Config,
        *,
        clock: Clock = system_clock,
        console: TextIO = sys.stdout,
        console_json: bool = False,
        schedule: bool = True,
        config_path: str | Path | None = None,
    ) -> None:
        self.config = config
        self.config_path = config_path  # what reload() reads again
        self.clock = clock
        self.console = console
        self.console_json = console_json
        self.schedule = schedule
        self.embedded: EmbeddedRedis | None = None
        self.store: Store | None = None
        self.http: HttpClient | None = None
        self.parse_pool: ThreadPoolExecutor | None = None
        self.telegram: Application | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.worker: OutboxWorker | None = None
        self.dispatcher: Dispatcher | None = None
        self._worker_task: asyncio.Task[None] | None = None
        self.services: Services | None = None
        self.poller: Poller | None = None

    async def start(self) -> None:
        try:
            await self._start()
        except BaseException:
            await self.stop()
            raise

    async def _start(self) -> None:
        config = self.config
        url = config.redis.url
        if not url:
            self.embedded = EmbeddedRedis(config.redis.data_dir)
            url = self.embedded.start()
        self.store = Store(connect(url))
        await self.store.redis.ping()

        rules = [build_rule(options) for options in config.rules]
        pipeline = build_pipeline(config, self.store, rules)
        self.services = Services(
            config=config, store=self.store, pipeline=pipeline, rules=rules, clock=self.clock
        )
        self.http = HttpClient()
        self.parse_pool = ThreadPoolExecutor(PARSE_THREADS, thread_name_prefix="feedparse")
        self.poller = Poller(self.services, self.http, self.parse_pool)

        delivery: Delivery
        token = config.telegram.token.get_secret_value()
        if token:
            self.telegram = build_application(
                token,
                config.telegram.base_url,
                self.services,
                reload=self.reload,
            )
            await start_application(self.telegram, config.telegram.webhook)
            delivery = TelegramDelivery(
                self.telegram.bot,
                self.store,
                keyboard=alert_keyboard,
                clock=self.clock,
                zone=config.zone,
            )
        else:
            log.info("no telegram.token: alerts go to the console")
            delivery = ConsoleDelivery(
                self.console, as_json=self.console_json, clock=self.clock, zone=config.zone
            )
        consumer = consumer_name(self.config_path or config.redis.data_dir)
        self.dispatcher = build_dispatcher(
            config.alerts,
            config.zone,
            self.store,
            rules,
            self.clock,
            console=self.telegram is None,
        )
        self.worker = OutboxWorker(
            self.store, delivery, consumer=consumer, lifecycle=self.dispatcher
        )
        self._worker_task = asyncio.create_task(self.worker.run(), name="outbox")

        if self.schedule:
            self.scheduler = build_scheduler(config, self.poller, self.clock())
            self.scheduler.start()

    async def reload(self) -> None:
        """Read the config file again and put its rules in effect. An invalid file keeps the
        rules running and raises ConfigError (after logging it)."""
        if self.config_path is None or self.services is None:
            raise RuntimeError("nothing to reload: the bot was not started from a config file")
        try:
            config = load_config(self.config_path)
        except ConfigError as exc:
            log.error("reload: %s is invalid; old rules stay in effect:\n%s", self.config_path, exc)
            raise
        self.config = swap_rules(config, self.services, self.dispatcher)

    async def stop(self) -> None:
        """Reverse order of start; each step is bounded and runs even if an earlier one failed."""
        if self.scheduler is not None:
            scheduler, self.scheduler = self.scheduler, None
            with contextlib.suppress(Exception):
                scheduler.shutdown(wait=False)
        if self.poller is not None:
            # Before the HTTP client closes under them; each ends with one INFO line.
            await self._bounded("polls in flight", self.poller.stop())
        if (
            self.telegram is not None
            and self.telegram.updater is not None
            and self.telegram.updater.running
        ):
            await self._bounded("telegram updater", self.telegram.updater.stop())
        if self._worker_task is not None and self.worker is not None:
            # Let alerts already in the outbox go out; what is left stays for the next start.
            await self._bounded("outbox drain", self.worker.drained(), DRAIN_TIMEOUT_S)
            self.worker.stop()
            task, self._worker_task = self._worker_task, None
            # A blocked XREADGROUP does not always honour cancellation; the stop flag ends it.
            await self._bounded("outbox worker", asyncio.shield(task))
            task.cancel()
        if self.telegram is not None:
            application, self.telegram = self.telegram, None
            await self._bounded("telegram", stop_application(application))
        if self.http is not None:
            http, self.http = self.http, None
            await self._bounded("http client", http.close())
        if self.parse_pool is not None:
            self.parse_pool.shutdown(wait=False, cancel_futures=True)
            self.parse_pool = None
        if self.store is not None:
            store, self.store = self.store, None
            await self._bounded("redis connection", store.close())
        if self.embedded is not None:
            embedded, self.embedded = self.embedded, None
            embedded.stop()

    async def _bounded(
        self, what: str, step: Awaitable[object], limit_s: float = STEP_TIMEOUT_S
    ) -> None:
        try:
            await asyncio.wait_for(step, limit_s)
        except TimeoutError:
            log.warning("stopping %s took longer than %gs; moving on", what, limit_s)
        except Exception:
            log.exception("stopping %s failed", what)
