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
from collections.abc import Awaitable, Callable
from enum import Enum
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.backoff import backoff_delay
from bot.delivery.render import Moment, render_html, render_plain
from bot.delivery.router import own_chat, recipients
from bot.delivery.split import split_message
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
UTC_ZONE = ZoneInfo("UTC")
_TAG = re.compile(r"<[^>]*>")


class Outcome(Enum):
    SENT = "sent"
    GONE = "gone"  # the chat blocked the bot or no longer exists
    FAILED = "failed"


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
    ) -> None:
        self.bot = bot
        self.metrics = metrics or Metrics()
        self.store = store
        self.sleep = sleep
        self.keyboard = keyboard
        self.clock = clock
        self.zone = zone  # for chats that chose none
        self._slots = asyncio.Semaphore(CONCURRENT_SENDS)

    async def deliver(self, alert: Alert) -> None:
        if not own_chat(alert):
            await self.store.record_alert_event(alert)
        chats = await recipients(alert, self.store)
        await asyncio.gather(*(self._deliver_bounded(alert, chat) for chat in chats))

    async def _deliver_bounded(self, alert: Alert, chat_id: int) -> None:
        # Bounds Redis connections as well as open requests when an alert has many recipients.
        async with self._slots:
            await self._deliver_to(alert, chat_id)

    async def _deliver_to(self, alert: Alert, chat_id: int) -> None:
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
        outcome, error = Outcome.SENT, ""
        for index, (part_id, part) in enumerate(zip(part_ids, html_parts, strict=True)):
            if await self.store.was_sent(part_id, chat_id):
                continue
            plain = (
                render_plain(alert, lang, moment) if len(html_parts) == 1 else html_to_plain(part)
            )
            if await self.store.begin_send(part_id, chat_id):
                log.warning(
                    "an earlier send of alert %s to chat %s never finished (the bot stopped "
                    "while it was in flight); sending it again, the chat may get it twice",
                    part_id,
                    chat_id,
                )
            outcome, error = await self.send(
                chat_id,
                part,
                plain,
                silent=alert.severity == "info",
                thread_id=thread_id,
                keyboard=markup if index == len(html_parts) - 1 else None,
            )
            if outcome is not Outcome.SENT:
                await self.store.end_send(part_id, chat_id)
                break
            await self.store.mark_sent(part_id, chat_id)
        if outcome is Outcome.GONE:
            log.info("chat %s blocked the bot or is gone; dropping its subscriptions", chat_id)
            # Settings first: they are found through the watch list, which forget_chat drops.
            await self.store.forget_chat_settings(chat_id, await self.store.watched(chat_id))
            await self.store.forget_chat(chat_id)
        elif outcome is Outcome.FAILED:
            log.error("giving up on alert %s to chat %s: %s", alert.id, chat_id, error)
            self.metrics.failed_deliveries.inc()
            await self.store.record_failed_delivery(alert, chat_id, error)

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
    ) -> tuple[Outcome, str]:
        """Send one message; retries 429 (after retry_after) and network errors and 5xx (back-off);
        falls back to plain text when Telegram rejects the HTML, and to the chat's main thread
        when its forum topic is gone. The rate limiter paces; only this loop retries."""
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
                return Outcome.SENT, ""
            except RetryAfter as exc:
                self.metrics.rate_limited.inc()
                error = str(exc)
                wait = exc.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                if attempt + 1 < SEND_ATTEMPTS:  # no wait after the last attempt
                    await self.sleep(min(float(seconds), RETRY_AFTER_CAP_S))
            except Forbidden as exc:
                return Outcome.GONE, str(exc)
            except BadRequest as exc:  # before NetworkError: BadRequest subclasses it
                error = str(exc)
                lowered = error.lower()
                if "chat not found" in lowered:
                    return Outcome.GONE, error
                if "thread not found" in lowered and thread_id is not None:
                    thread_id = None
                elif parse_mode is None:
                    return Outcome.FAILED, error
                else:
                    text, parse_mode = plain_text, None
            except NetworkError as exc:  # includes TimedOut and 5xx answers
                error = str(exc)
                if attempt + 1 < SEND_ATTEMPTS:
                    await self.sleep(backoff_delay(attempt, base_s=RETRY_BASE_S, cap_s=RETRY_CAP_S))
            except TelegramError as exc:
                return Outcome.FAILED, str(exc)
        return Outcome.FAILED, error


def html_to_plain(text: str) -> str:
    """What a client shows for our HTML: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", text))
