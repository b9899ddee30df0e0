"""Wiring: start every part in order, stop them in reverse, within bounded time."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import sys
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis.exceptions import RedisError
from telegram.ext import Application

from bot.config import Config, ConfigError, load_config
from bot.delivery.console import ConsoleDelivery
from bot.delivery.limiter import shared_rate_limiter
from bot.delivery.telegram import TelegramDelivery
from bot.delivery.worker import Delivery, OutboxWorker, consumer_name
from bot.jobs import Poller
from bot.lifecycle.dispatch import Dispatcher, build_dispatcher
from bot.lifecycle.reload import swap_rules
from bot.ops.metrics import Metrics
from bot.ops.probe import Probe
from bot.ops.server import OpsServer
from bot.pipeline.lifecycle import build_pipeline
from bot.poll_turns import PollTurns
from bot.presence import Presence, process_identity
from bot.redis_server import EmbeddedRedis
from bot.redis_watch import RedisWatch
from bot.roles import Role
from bot.scheduler import build_scheduler, follow_stored_feeds, schedule_websub
from bot.services import Clock, Services, system_clock
from bot.sources.http import HttpClient
from bot.store import Store, connect
from bot.telegram_app import build_application, start_application, stop_application
from bot.updates_lease import UpdatesLease
from bot.user_feeds import UserFeeds
from bot.websub.subscriber import WebSub
from handlers.buttons import alert_keyboard
from rules.registry import build_rule

log = logging.getLogger(__name__)

STOP_BUDGET_S = 2.4  # the whole stop; systemd, Docker and a user at a terminal wait for it
UPDATER_STOP_S = 1.0
DRAIN_TIMEOUT_S = 1.2
STEP_TIMEOUT_S = 2.0
STEP_FLOOR_S = 0.1
WAKE_EVERY_S = 0.05
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
        role: Role = Role.ALL,
    ) -> None:
        self.config = config
        self.role = role
        # This process among those sharing the Redis: its poll claims, lease and presence.
        self.identity = process_identity()
        self.config_path = config_path  # what reload() reads again
        self.clock = clock
        self.console = console
        self.console_json = console_json
        self.schedule = schedule
        self.embedded: EmbeddedRedis | None = None
        self.store: Store | None = None
        self.http: HttpClient | None = None
        self.user_http: HttpClient | None = None
        self.parse_pool: ThreadPoolExecutor | None = None
        self.telegram: Application | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.worker: OutboxWorker | None = None
        self.dispatcher: Dispatcher | None = None
        self._worker_task: asyncio.Task[None] | None = None
        self.services: Services | None = None
        self.poller: Poller | None = None
        self.redis_watch: RedisWatch | None = None
        self._watch_task: asyncio.Task[None] | None = None
        self.metrics = Metrics()
        self.ops: OpsServer | None = None
        self.updates: UpdatesLease | None = None
        self.presence: Presence | None = None
        self._presence_task: asyncio.Task[None] | None = None
        self.websub: WebSub | None = None

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
        if repaired := await self.store.repair_subscriptions():
            log.warning("%d subscriptions were half written; completed them", repaired)
        presence = Presence(self.store, self.identity, self.role, self.clock)
        self.presence = presence
        await link_config_channels(self.store, config)

        rules = [build_rule(options) for options in config.rules]
        pipeline = build_pipeline(config, self.store, rules, self.metrics)
        self.services = Services(
            config=config, store=self.store, pipeline=pipeline, rules=rules, clock=self.clock
        )
        self.redis_watch = RedisWatch(
            self.store.redis.ping, self.services.redis, self.clock, embedded=self.embedded
        )
        self._watch_task = asyncio.create_task(self.redis_watch.run(), name="redis-watch")
        self.http = HttpClient()
        self.user_http = HttpClient(public_only=not config.sources.allow_private)
        self.parse_pool = ThreadPoolExecutor(PARSE_THREADS, thread_name_prefix="feedparse")
        self.poller = Poller(
            self.services,
            self.http,
            self.parse_pool,
            self.metrics,
            user_http=self.user_http,
            turns=PollTurns(self.store, self.identity, pollers=lambda: presence.pollers),
        )
        self.services.feeds = UserFeeds(self.services, self.poller, self.user_http, self.parse_pool)
        if config.http.listen:
            # Before Telegram: a port that cannot be bound stops start-up before anything is sent.
            self.ops = OpsServer(config.http, Probe(self.services, self.metrics, self))
            await self.ops.start()
        if self._polls and config.sources.websub is not None:
            # Also before Telegram, for the same reason.
            self.websub = WebSub(
                config.sources.websub,
                self.services,
                self.poller,
                self.http,
                self.user_http,
                self.parse_pool,
            )
            await self.websub.start()

        self._presence_task = asyncio.create_task(presence.run(), name="presence")

        # Read before Telegram starts: a chat's first command should find the feeds polled.
        stored = await self.store.all_stored_feeds() if self._polls else []

        token = config.telegram.token.get_secret_value()
        if token and (self.role.answers or self.role.notifies):
            self.telegram = build_application(
                token,
                config.telegram.base_url,
                self.services,
                reload=self.reload,
                rate_limiter=shared_rate_limiter(
                    self.store.redis, token, config.telegram.sends_per_second
                ),
            )
            webhook = config.telegram.webhook
            # By webhook any number of processes receive updates; by polling only one at a time.
            await start_application(
                self.telegram, webhook, receive=self.role.answers and webhook is not None
            )
            if self.role.answers and webhook is None:
                self.updates = UpdatesLease(self.telegram, self.store, self.identity)
                await self.updates.start()
        if self.role.notifies:
            self._start_worker()

        if self._polls:
            self.scheduler = build_scheduler(config, self.poller, self.clock(), stored)
            self.services.feeds.scheduler = self.scheduler
            follow_stored_feeds(self.scheduler, self.services.feeds.apply)
            if self.websub is not None:
                schedule_websub(self.scheduler, self.websub, self.clock())
            self.scheduler.start()
            # The extraction grammars compile as they are imported: in a thread, while the
            # first polls fetch, rather than before them.
            asyncio.get_running_loop().run_in_executor(
                self.parse_pool, importlib.import_module, "rules.extract"
            )
        log.info("role: %s", self.role)

    @property
    def _polls(self) -> bool:
        return self.schedule and self.role.polls

    def _start_worker(self) -> None:
        assert self.store is not None
        config = self.config
        delivery: Delivery
        if self.telegram is not None:
            delivery = TelegramDelivery(
                self.telegram.bot,
                self.store,
                keyboard=alert_keyboard,
                clock=self.clock,
                zone=config.zone,
                metrics=self.metrics,
                watchlist=self._watchlist,
            )
        else:
            log.info("no telegram.token: alerts go to the console")
            delivery = ConsoleDelivery(
                self.console, as_json=self.console_json, clock=self.clock, zone=config.zone
            )
        consumer = consumer_name(self.config_path or config.redis.data_dir)
        if self.role is not Role.ALL:
            consumer = f"{consumer}-{self.role}"
        self.dispatcher = build_dispatcher(
            config.alerts,
            config.zone,
            self.store,
            self.services.rules if self.services is not None else [],
            self.clock,
            console=self.telegram is None,
        )
        self.worker = OutboxWorker(
            self.store,
            delivery,
            consumer=consumer,
            lifecycle=self.dispatcher,
            shared=self.role is Role.NOTIFIER,
        )
        self._worker_task = asyncio.create_task(self.worker.run(), name="outbox")

    def _watchlist(self) -> list[str]:
        """The symbols of the config in effect (a reload changes them)."""
        return list(self.services.config.watchlist) if self.services is not None else []

    def scheduler_alive(self) -> bool | None:
        """For /healthz; None when this App polls nothing on its own (schedule=False, or a
        role that does not poll)."""
        if not self._polls:
            return None
        return self.scheduler is not None and self.scheduler.running

    def worker_alive(self) -> bool | None:
        """None when this process's role sends nothing."""
        if not self.role.notifies:
            return None
        return self._worker_task is not None and not self._worker_task.done()

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
        try:
            await link_config_channels(self.services.store, self.config)
            if self.services.feeds is not None:
                await self.services.feeds.apply()
        except RedisError as exc:
            # The rules are in effect already; the feed jobs follow the config in effect at the
            # next read of the stored feeds, and the config's channels at the next reload.
            log.warning(
                "reload: Redis is not answering (%s); the rules are in effect, the feeds follow "
                "once it answers again, the config's channels at the next reload",
                exc,
            )

    async def stop(self) -> None:
        """Reverse order of start, within STOP_BUDGET_S in all: nothing new comes in (polls,
        Telegram updates), the outbox drains, Telegram stops, then Redis. Each step runs even if
        an earlier one failed or ran out of time."""
        deadline = asyncio.get_running_loop().time() + STOP_BUDGET_S
        if self.redis_watch is not None and self._watch_task is not None:
            # First: a redis-server stopped on purpose below is no death to mend.
            self.redis_watch.stop()
            await self._bounded("redis watch", self._watch_task, deadline)
            self._watch_task = None
        if self.ops is not None:
            ops, self.ops = self.ops, None
            await self._bounded("http server", ops.stop(), deadline)
        if self.updates is not None:
            await self._bounded("telegram updates lease", self.updates.stop(), deadline)
        if self.websub is not None:
            websub, self.websub = self.websub, None
            await self._bounded("websub callback", websub.stop(), deadline)
        if self.scheduler is not None:
            scheduler, self.scheduler = self.scheduler, None
            with contextlib.suppress(Exception):
                scheduler.shutdown(wait=False)
        intake: list[Awaitable[None]] = []
        if self.poller is not None:
            # Before the HTTP client closes under them; each ends with one INFO line.
            intake.append(self._bounded("polls in flight", self.poller.stop(), deadline))
        if (
            self.telegram is not None
            and self.telegram.updater is not None
            and self.telegram.updater.running
        ):
            # Cancels the long poll, then confirms the updates handled so far to Telegram.
            updater = self.telegram.updater.stop()
            intake.append(self._bounded("telegram updater", updater, deadline, UPDATER_STOP_S))
        await asyncio.gather(*intake)
        if self.updates is not None:
            updates, self.updates = self.updates, None
            await self._bounded("telegram updates lease", updates.release(), deadline)
        await self._stop_worker(deadline)
        if self.telegram is not None:
            application, self.telegram = self.telegram, None
            await self._bounded("telegram", stop_application(application), deadline)
        if self.http is not None:
            http, self.http = self.http, None
            await self._bounded("http client", http.close(), deadline)
        if self.user_http is not None:
            user_http, self.user_http = self.user_http, None
            await self._bounded("http client of chat feeds", user_http.close(), deadline)
        if self.parse_pool is not None:
            self.parse_pool.shutdown(wait=False, cancel_futures=True)
            self.parse_pool = None
        if self.presence is not None and self._presence_task is not None:
            self.presence.stop()
            self.presence = None
            await self._bounded("presence", self._presence_task, deadline)
            self._presence_task = None
        if self.store is not None:
            store, self.store = self.store, None
            await self._bounded("redis connection", store.close(), deadline)
        if self.embedded is not None:
            embedded, self.embedded = self.embedded, None
            embedded.stop()

    async def _stop_worker(self, deadline: float) -> None:
        """Let alerts already in the outbox go out (what is left stays for the next start), then
        end the worker. Its blocking outbox read is woken rather than waited for, and the task is
        not cancelled while it may be in the middle of a delivery."""
        worker, task = self.worker, self._worker_task
        if worker is None or task is None or self.store is None:
            return
        self._worker_task = None
        drained = asyncio.ensure_future(worker.drained())
        await self._bounded(
            "outbox drain", self._waking(drained, self.store), deadline, DRAIN_TIMEOUT_S
        )
        drained.cancel()
        worker.stop()
        await self._bounded("outbox worker", self._waking(task, self.store), deadline)
        task.cancel()

    @staticmethod
    async def _waking(waiting: asyncio.Future[None], store: Store) -> None:
        """Wait for `waiting`, waking the worker's blocked outbox read each time round: a read
        that blocks has found the outbox empty, so ending it early loses nothing."""
        can_wake = True
        while not waiting.done():
            if can_wake:
                can_wake = await wake_blocked_reads(store)
            await asyncio.wait([waiting], timeout=WAKE_EVERY_S)
        if not waiting.cancelled():
            waiting.result()

    async def _bounded(
        self, what: str, step: Awaitable[object], deadline: float, limit_s: float = STEP_TIMEOUT_S
    ) -> None:
        """One stop step, given what is left of the budget (but never less than STEP_FLOOR_S, so
        that quick steps late in the stop still get to close what they hold)."""
        left = deadline - asyncio.get_running_loop().time()
        limit_s = min(limit_s, max(left, STEP_FLOOR_S))
        try:
            await asyncio.wait_for(step, limit_s)
        except TimeoutError:
            log.warning("stopping %s took longer than %gs; moving on", what, limit_s)
        except Exception:
            log.exception("stopping %s failed", what)


async def link_config_channels(store: Store, config: Config) -> None:
    """Link the config's channels (at start and at each reload); linking adds to what a
    channel had, so a channel linked before keeps it, and one over a limit is logged."""
    for channel, feed in config.channels.items():
        try:
            await store.link_channel(channel, feed.symbols, feed.rules, feed.lang)
        except ValueError as exc:
            log.error("channel %s: %s", channel, exc)


async def wake_blocked_reads(store: Store) -> bool:
    """End every blocked stream read (only the outbox worker blocks) as if its block had timed
    out; a reader of another process sharing the Redis simply reads again. False when the server
    refuses CLIENT commands (an ACL): the read then ends by its own timeout."""
    # In a cluster the reads block on the node that holds the outbox.
    where = store.outbox_node()
    target = {} if where is None else {"target_nodes": where}
    try:
        for client in await store.redis.client_list(_type="normal", **target):
            if client.get("cmd") == "xreadgroup" and "b" in client.get("flags", ""):
                await store.redis.client_unblock(int(client["id"]), **target)
    except RedisError as exc:
        log.debug("cannot wake the outbox read: %s", exc)
        return False
    return True
