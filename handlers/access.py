"""Before any handler: who may use the bot (open or an allow-list), and a per-user flood limit."""

from __future__ import annotations

import logging
from datetime import datetime

from redis.exceptions import RedisError
from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import keys
from handlers.common import lang_of, reply, services
from handlers.i18n import t

log = logging.getLogger(__name__)


async def gate(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Registered in an early handler group; raising ApplicationHandlerStop ends the update."""
    if not isinstance(update, Update):
        return
    shared = services(context)
    telegram = shared.config.telegram
    chat, user = update.effective_chat, update.effective_user
    is_admin = user is not None and user.id in telegram.admins
    if telegram.access == "allowlist" and not is_admin:
        allowed = set(telegram.allow)
        if (chat is None or chat.id not in allowed) and (user is None or user.id not in allowed):
            await _answer(update, t(lang_of(update), "not_allowed", chat=chat.id if chat else "?"))
            raise ApplicationHandlerStop
    if user is None or not _is_answered(update):
        return
    now = shared.clock()
    try:
        count = await shared.store.count_command(user.id, now)
    except RedisError as exc:
        # Without the counter the command still runs; its own handler reports a broken store.
        log.warning("flood counter unavailable: %s", exc)
        return
    limit = telegram.commands_per_minute
    if count <= limit:
        return
    if count == limit + 1:  # tell once per window, then stay silent
        log.info("user %s sent more than %d commands a minute", user.id, limit)
        await _answer(update, t(lang_of(update), "flood", seconds=flood_seconds_left(now)))
    raise ApplicationHandlerStop


def flood_seconds_left(now: datetime) -> int:
    """Seconds until the flood counter starts again: the store counts in fixed windows of
    FLOOD_WINDOW_S seconds since the epoch (Store.count_command)."""
    return keys.FLOOD_WINDOW_S - int(now.timestamp()) % keys.FLOOD_WINDOW_S


def _is_answered(update: Update) -> bool:
    """Commands, button presses and text in a private chat: what the bot replies to."""
    if update.callback_query is not None:
        return True
    message = update.message
    if message is None or message.text is None:
        return False
    return message.text.startswith("/") or message.chat.type == ChatType.PRIVATE


async def _answer(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text)
    elif update.message is not None and update.message.text:
        await reply(update, text)
