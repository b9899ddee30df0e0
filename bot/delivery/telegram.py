"""Send alerts to Telegram chats: idempotent per (alert, chat), retried per the back-off policy."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import Enum

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.backoff import backoff_delay
from bot.delivery.render import render_html, render_plain
from bot.delivery.router import recipients
from bot.store import Store
from rules.alert import Alert

log = logging.getLogger(__name__)

SEND_ATTEMPTS = 5
RETRY_BASE_S = 1.0
RETRY_CAP_S = 30.0
RETRY_AFTER_CAP_S = 300.0
CONCURRENT_SENDS = 32  # the rate limiter paces them; this only bounds open requests

Sleep = Callable[[float], Awaitable[None]]


class Outcome(Enum):
    SENT = "sent"
    GONE = "gone"  # the chat blocked the bot or no longer exists
    FAILED = "failed"


class TelegramDelivery:
    def __init__(self, bot: Bot, store: Store, *, sleep: Sleep = asyncio.sleep) -> None:
        self.bot = bot
        self.store = store
        self.sleep = sleep
        self._slots = asyncio.Semaphore(CONCURRENT_SENDS)

    async def deliver(self, alert: Alert) -> None:
        chats = await recipients(alert, self.store)
        await asyncio.gather(*(self._deliver_to(alert, chat) for chat in chats))

    async def _deliver_to(self, alert: Alert, chat_id: int) -> None:
        if await self.store.was_sent(alert.id, chat_id):
            return
        async with self._slots:
            outcome, error = await self.send(
                chat_id, render_html(alert), render_plain(alert), silent=alert.severity == "info"
            )
        if outcome is Outcome.SENT:
            await self.store.mark_sent(alert.id, chat_id)
        elif outcome is Outcome.GONE:
            log.info("chat %s blocked the bot or is gone; dropping its subscriptions", chat_id)
            await self.store.forget_chat(chat_id)
        else:
            log.error("giving up on alert %s to chat %s: %s", alert.id, chat_id, error)
            await self.store.record_failed_delivery(alert, chat_id, error)

    async def send(
        self, chat_id: int, html_text: str, plain_text: str, *, silent: bool = False
    ) -> tuple[Outcome, str]:
        """Send one message; retries 429 (after retry_after) and network errors and 5xx (back-off);
        falls back to plain text when Telegram rejects the HTML."""
        text = html_text
        parse_mode: ParseMode | None = ParseMode.HTML
        error = ""
        for attempt in range(SEND_ATTEMPTS):
            try:
                await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=parse_mode,
                    disable_notification=silent,
                    disable_web_page_preview=True,
                )
                return Outcome.SENT, ""
            except RetryAfter as exc:
                error = str(exc)
                wait = exc.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                await self.sleep(min(float(seconds), RETRY_AFTER_CAP_S))
            except Forbidden as exc:
                return Outcome.GONE, str(exc)
            except BadRequest as exc:  # before NetworkError: BadRequest subclasses it
                error = str(exc)
                if "chat not found" in error.lower():
                    return Outcome.GONE, error
                if parse_mode is None:
                    return Outcome.FAILED, error
                text, parse_mode = plain_text, None
            except NetworkError as exc:  # includes TimedOut and 5xx answers
                error = str(exc)
                await self.sleep(backoff_delay(attempt, base_s=RETRY_BASE_S, cap_s=RETRY_CAP_S))
            except TelegramError as exc:
                return Outcome.FAILED, str(exc)
        return Outcome.FAILED, error
