"""Who administers a group, as Telegram says, remembered for a few minutes (bot.keys)."""

from __future__ import annotations

import logging
from datetime import datetime

from redis.exceptions import RedisError
from telegram import Bot

from bot.store import Store

log = logging.getLogger(__name__)


async def group_admins(bot: Bot, store: Store, chat_id: int, now: datetime) -> set[int]:
    """The user ids of the group's administrators. Raises telegram.error.TelegramError when
    Telegram cannot be asked and nothing recent is remembered."""
    try:
        remembered = await store.chat_admins(chat_id, now)
    except RedisError as exc:
        log.warning("group admin cache unavailable: %s", exc)
        remembered = None
    if remembered is not None:
        return remembered
    members = await bot.get_chat_administrators(chat_id)
    admins = {member.user.id for member in members}
    try:
        await store.remember_chat_admins(chat_id, admins, now)
    except RedisError as exc:
        log.warning("group admin cache unavailable: %s", exc)
    return admins
