"""Send alerts to Telegram chats: idempotent per (alert, chat), retried per the back-off policy.

Telegram has no idempotency key, so a send in flight when the process dies has an unknown
outcome. Each send is recorded as begun before the request and as sent after the answer; a send
found begun but not sent is made again (at least once: a missed alert is worse than a repeated
one). Only sends in flight can be repeated, and at most CONCURRENT_SENDS are.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from enum import Enum
from typing import NamedTuple
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.backoff import backoff_delay
from bot.delivery.render import Moment, render_html, render_plain
from bot.delivery.router import own_chat, recipients
from bot.delivery.split import split_message
from bot.delivery.unreachable import DeliveryUnreachable
from bot.lifecycle.clock import parse_zone
from bot.ops.metrics import Metrics
from bot.services import Clock, system_clock
from bot.store import Store
from rules.alert import Alert

log = logging.getLogger(__name__)

SEND_ATTEMPTS = 5
RETRY_BASE_S = 1.0
RETRY_CAP_S = 30.0
RETRY_AFTER_CAP_S = 300.0
# Sends in flight at once, per process: what a crash can repeat. The rate limiter paces to
# 28/s, so this costs no throughput while Telegram answers within CONCURRENT_SENDS / 28 s.
CONCURRENT_SENDS = 8

Sleep = Callable[[float], Awaitable[None]]
KeyboardFor = Callable[[Alert, str], InlineKeyboardMarkup | None]  # (alert, language) -> buttons
Symbols = Callable[[], Iterable[str]]  # the watchlist in effect: where a chat's own rules live
UTC_ZONE = ZoneInfo("UTC")
_TAG = re.compile(r"<[^>]*>")


class Outcome(Enum):
    SENT = "sent"
    GONE = "gone"  # the chat blocked the bot or no longer exists
    MOVED = "moved"  # a group that became a supergroup: the chat lives on under a new id
    FAILED = "failed"
    UNREACHABLE = "unreachable"  # no answer, or an outage of the Bot API: try again later


class SendResult(NamedTuple):
    outcome: Outcome
    error: str = ""
    moved_to: int | None = None  # the chat's new id, when MOVED


class TelegramDelivery:
    def __init__(
        self,
        bot: Bot,
        store: Store,
        *,
        sleep: Sleep = asyncio.sleep,
        keyboard: KeyboardFor | None = None,
        clock: Clock = system_clock,
        zone: ZoneInfo = UTC_ZONE,
        metrics: Metrics | None = None,
        watchlist: Symbols = tuple,
    ) -> None:
        self.bot = bot
        self.watchlist = watchlist
        self.metrics = metrics or Metrics()
        self.store = store
        self.sleep = sleep
        self.keyboard = keyboard
        self.clock = clock
        self.zone = zone  # for chats that chose none
        self._slots = asyncio.Semaphore(CONCURRENT_SENDS)
        # One delivery of an alert to a chat at a time: a send redirected to a group's new id
        # meets the alert's own delivery there (the new id may be a recipient already).
        self._chat_turns: dict[tuple[str, int], tuple[asyncio.Lock, int]] = {}

    async def deliver(self, alert: Alert) -> None:
        if not own_chat(alert):
            await self.store.record_alert_event(alert)
        chats = await recipients(alert, self.store)
        unreachable = asyncio.Event()  # once one send finds Telegram away, the others wait too
        results = await asyncio.gather(
            *(self._deliver_bounded(alert, chat, unreachable) for chat in chats),
            return_exceptions=True,
        )
        failures = [result for result in results if isinstance(result, BaseException)]
        for failure in failures:
            if not isinstance(failure, DeliveryUnreachable):
                raise failure
        if failures:
            raise failures[0]

    async def _deliver_bounded(
        self, alert: Alert, chat_id: int, unreachable: asyncio.Event
    ) -> None:
        # Bounds Redis connections as well as open requests when an alert has many recipients.
        async with self._slots:
            if unreachable.is_set():
                raise DeliveryUnreachable("Telegram is not answering")
            try:
                await self._deliver_to(alert, chat_id)
            except DeliveryUnreachable:
                unreachable.set()
                raise

    async def _deliver_to(self, alert: Alert, chat_id: int, *, redirected: bool = False) -> None:
        turn = (alert.id, chat_id)
        lock, users = self._chat_turns.get(turn, (asyncio.Lock(), 0))
        self._chat_turns[turn] = (lock, users + 1)
        try:
            async with lock:
                await self._deliver_once(alert, chat_id, redirected=redirected)
        finally:
            lock, users = self._chat_turns[turn]
            if users == 1:
                del self._chat_turns[turn]
            else:
                self._chat_turns[turn] = (lock, users - 1)

    async def _deliver_once(self, alert: Alert, chat_id: int, *, redirected: bool) -> None:
        lang = await self.store.chat_language(chat_id)
        moment = Moment(self.clock(), await self._zone(chat_id))
        html_parts = split_message(render_html(alert, lang, moment))
        # Each part of a long message is marked on its own, so a retry sends only what is missing.
        part_ids = [alert.id] + [f"{alert.id}.{index}" for index in range(1, len(html_parts))]
        if await self.store.was_sent(part_ids[-1], chat_id):
            return
        markup = None
        # A channel's readers cannot be asked: mute buttons there would mute it for all.
        if self.keyboard is not None and not await self.store.is_channel(chat_id):
            markup = self.keyboard(alert, lang)
        thread_id = await self.store.topic_for(chat_id, alert.symbol)
        result = SendResult(Outcome.SENT)
        for index, (part_id, part) in enumerate(zip(part_ids, html_parts, strict=True)):
            if await self.store.was_sent(part_id, chat_id):
                continue
            plain = (
                render_plain(alert, lang, moment) if len(html_parts) == 1 else html_to_plain(part)
            )
            if await self.store.begin_send(part_id, chat_id):
                log.warning(
                    "an earlier send of alert %s to chat %s never finished (the bot, or its "
                    "Redis, stopped while it was in flight); sending it again, the chat may get "
                    "it twice",
                    part_id,
                    chat_id,
                )
            result = await self.send(
                chat_id,
                part,
                plain,
                silent=alert.severity == "info",
                thread_id=thread_id,
                keyboard=markup if index == len(html_parts) - 1 else None,
            )
            if result.outcome is not Outcome.SENT:
                await self.store.end_send(part_id, chat_id)
                break
            await self.store.mark_sent(part_id, chat_id)
        if result.outcome is Outcome.MOVED and result.moved_to is not None and not redirected:
            new_id = result.moved_to
            log.info("chat %s became supergroup %s; its settings move along", chat_id, new_id)
            await self.store.move_chat(chat_id, new_id, self.watchlist())
            # Marked per chat id: parts the new id got already (e.g. it was a recipient too)
            # are not sent again.
            await self._deliver_to(alert, new_id, redirected=True)
        elif result.outcome is Outcome.GONE:
            await self._forget(alert, chat_id, result.error)
        elif result.outcome is Outcome.UNREACHABLE:
            raise DeliveryUnreachable(result.error)
        elif result.outcome is not Outcome.SENT:
            # FAILED, or a chat that moved once more at once (never seen from Telegram).
            log.error("giving up on alert %s to chat %s: %s", alert.id, chat_id, result.error)
            self.metrics.failed_deliveries.inc()
            await self.store.record_failed_delivery(alert, chat_id, result.error)

    async def _forget(self, alert: Alert, chat_id: int, error: str) -> None:
        """A chat that blocked the bot, removed it or no longer exists: its subscriptions and
        everything else of it are dropped (sending there can never succeed again), and the
        last failure is recorded with Telegram's reason (for /stats and the status page; the
        failure metric counts only sends that may succeed another time)."""
        log.info(
            "chat %s blocked the bot or is gone (%s); dropping its subscriptions", chat_id, error
        )
        await self.store.record_failed_delivery(alert, chat_id, error)
        # Settings first: they are found through the watch list, which forget_chat drops.
        symbols = set(self.watchlist()) | set(await self.store.watched(chat_id))
        await self.store.forget_chat_settings(chat_id, sorted(symbols))
        await self.store.forget_chat_state(chat_id)
        await self.store.forget_chat(chat_id)

    async def _zone(self, chat_id: int) -> ZoneInfo:
        chosen = await self.store.chat_zone(chat_id)
        if chosen:
            with contextlib.suppress(ValueError):
                return parse_zone(chosen)
        return self.zone

    async def send(
        self,
        chat_id: int,
        html_text: str,
        plain_text: str,
        *,
        silent: bool = False,
        thread_id: int | None = None,
        keyboard: InlineKeyboardMarkup | None = None,
    ) -> SendResult:
        """Send one message; retries 429 (after retry_after) and network errors and 5xx (back-off);
        falls back to plain text when Telegram rejects the HTML, and to the chat's main thread
        when its forum topic is gone. A group that became a supergroup is reported MOVED with
        its new id. The rate limiter paces; only this loop retries."""
        text = html_text
        parse_mode: ParseMode | None = ParseMode.HTML
        error = ""
        for attempt in range(SEND_ATTEMPTS):
            if attempt:
                self.metrics.send_retries.inc()
            try:
                await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=parse_mode,
                    disable_notification=silent,
                    disable_web_page_preview=True,
                    message_thread_id=thread_id,
                    reply_markup=keyboard,
                )
                self.metrics.sends.inc()
                return SendResult(Outcome.SENT)
            except RetryAfter as exc:
                self.metrics.rate_limited.inc()
                error = str(exc)
                wait = exc.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                if attempt + 1 < SEND_ATTEMPTS:  # no wait after the last attempt
                    await self.sleep(min(float(seconds), RETRY_AFTER_CAP_S))
            except ChatMigrated as exc:
                return SendResult(Outcome.MOVED, str(exc), int(exc.new_chat_id))
            except Forbidden as exc:
                return SendResult(Outcome.GONE, str(exc))
            except BadRequest as exc:  # before NetworkError: BadRequest subclasses it
                error = str(exc)
                lowered = error.lower()
                if "chat not found" in lowered:
                    return SendResult(Outcome.GONE, error)
                if "thread not found" in lowered and thread_id is not None:
                    thread_id = None
                elif parse_mode is None:
                    return SendResult(Outcome.FAILED, error)
                else:
                    text, parse_mode = plain_text, None
            except NetworkError as exc:  # includes TimedOut and 5xx answers
                error = str(exc)
                if attempt + 1 < SEND_ATTEMPTS:
                    await self.sleep(backoff_delay(attempt, base_s=RETRY_BASE_S, cap_s=RETRY_CAP_S))
                elif _no_answer(exc) or not await self._answers():
                    # Telegram is away, or failing every request (an outage of its own), not
                    # refusing this message. A server error while it answers others stays a
                    # failure of this send: one chat's error must not hold up the outbox.
                    return SendResult(Outcome.UNREACHABLE, error)
            except TelegramError as exc:
                return SendResult(Outcome.FAILED, str(exc))
        return SendResult(Outcome.FAILED, error)

    async def _answers(self) -> bool:
        """Whether the Bot API answers a request that concerns no chat."""
        try:
            await self.bot.get_me()
        except TelegramError:
            return False
        return True


def _no_answer(error: NetworkError) -> bool:
    """Refused, reset or timed out, as opposed to an answer with a server error (an answer that
    was no JSON carries the parse error as its cause)."""
    return isinstance(error, TimedOut) or (
        error.__cause__ is not None and not isinstance(error.__cause__, TelegramError | ValueError)
    )


def html_to_plain(text: str) -> str:
    """What a client shows for our HTML: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", text))
