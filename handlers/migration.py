"""A group upgraded to a supergroup gets a new chat id: Telegram says so in a service message in
the old group (migrate_to_chat_id) and in the new supergroup (migrate_from_chat_id). Either
moves what the group had to its new id; the second finds it moved already."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import services

log = logging.getLogger(__name__)


async def on_chat_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    shared = services(context)
    log.info("group %s became supergroup %s; its settings move along", old, new)
    await shared.store.move_chat(old, new, shared.config.watchlist)
    telegram = shared.config.telegram
    if telegram.access == "allowlist" and old in telegram.allow and new not in telegram.allow:
        log.warning(
            "telegram.allow names group %s but not its new id %s: admitted as the group was; "
            "add the new id to keep it so if Redis loses its data",
            old,
            new,
        )
    if shared.feeds is not None:
        await shared.feeds.apply()  # its own feeds are polled under the new id from now on
