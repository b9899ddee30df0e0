"""The last resort: log a handler error with its traceback; tell the user only that it failed."""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from telegram import Update
from telegram.error import Forbidden, NetworkError
from telegram.ext import ContextTypes

from bot.redis_watch import describe
from handlers.common import lang_of
from handlers.i18n import t

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    if isinstance(error, Forbidden | NetworkError) and not isinstance(update, Update):
        # Polling hiccups: PTB retries them itself.
        log.warning("telegram: %s", error)
        return
    if isinstance(error, RedisError):
        # The Redis watch reports the outage once; each command only says it cannot answer.
        log.info("handling update failed: Redis is not answering (%s)", describe(error))
        key = "store_down"
    else:
        log.error("handling update failed", exc_info=error)
        key = "error"
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang_of(update), key))
        elif update.effective_message is not None:
            await update.effective_message.reply_text(t(lang_of(update), key))
    except Exception:  # the chat may be the very thing that fails
        log.warning("could not tell the user about the error", exc_info=True)
