"""Before any handler: who may use the bot (open or an allow-list), and a per-user flood limit."""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from telegram import Update
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
    if user is None or not _is_command(update):
        return
    try:
        count = await shared.store.count_command(user.id, shared.clock())
    except RedisError as exc:
        # Without the counter the command still runs; its own handler reports a broken store.
        log.warning("flood counter unavailable: %s", exc)
        return
    limit = telegram.commands_per_minute
    if count <= limit:
        return
    if count == limit + 1:  # tell once per window, then stay silent
        log.info("user %s sent more than %d commands a minute", user.id, limit)
        await _answer(update, t(lang_of(update), "flood", seconds=keys.FLOOD_WINDOW_S))
    raise ApplicationHandlerStop


def _is_command(update: Update) -> bool:
    if update.callback_query is not None:
        return True
    text = update.message.text if update.message is not None else None
    return text is not None and text.startswith("/")


async def _answer(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text)
    elif update.message is not None and update.message.text:
        await reply(update, text)
