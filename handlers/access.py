"""Before any handler: who may use the bot (open or an allow-list), a per-user flood limit, and
in groups who may change the chat's settings."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from redis.exceptions import RedisError
from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import keys
from bot.services import Services
from handlers.commands import COMMANDS, READ_WHEN_BARE, SETTINGS_COMMANDS, STORE_COMMANDS
from handlers.common import AVAILABLE_COMMANDS, CHOSEN_LANGUAGE, lang_of, reply, services
from handlers.group_admins import group_admins
from handlers.i18n import t

log = logging.getLogger(__name__)

GROUP_CHATS = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})
# An edited command is answered as if sent anew (a typo fixed), if edited this soon after it was
# sent; later edits (Telegram allows them for two days) are no request for an answer.
EDIT_ANSWERED_WITHIN = timedelta(minutes=10)


async def gate(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Registered in an early handler group; raising ApplicationHandlerStop ends the update."""
    CHOSEN_LANGUAGE.set(None)
    if not isinstance(update, Update):
        return
    if update.edited_message is not None and not _answers_edit(update.edited_message):
        raise ApplicationHandlerStop
    shared = services(context)
    telegram = shared.config.telegram
    chat, user = update.effective_chat, update.effective_user
    is_admin = user is not None and user.id in telegram.admins
    if telegram.access == "allowlist" and not is_admin:
        allowed = set(telegram.allow)
        if (
            (chat is None or chat.id not in allowed)
            and (user is None or user.id not in allowed)
            and not await _upgraded_from_allowed(shared, chat.id if chat else None, allowed)
        ):
            await _answer(update, t(lang_of(update), "not_allowed", chat=chat.id if chat else "?"))
            raise ApplicationHandlerStop
    if shared.redis.up and chat is not None and _speaks_to_chat(update):
        await _load_chosen_language(shared, chat.id)
    if user is None or not _is_answered(update):
        return
    command = _command_for_us(update, context.bot.username)
    if not shared.redis.up:
        # Asking a Redis that hangs would hold this update, and every one queued behind it,
        # for the store's socket timeout: what needs the store is told at once that it is away.
        if update.callback_query is not None or command in STORE_COMMANDS:
            await _answer(update, t(lang_of(update), "store_down"))
            raise ApplicationHandlerStop
        return
    if await _over_flood_limit(update, context, user.id):
        raise ApplicationHandlerStop
    if _changes_settings(update, command) and not await may_change_settings(update, context):
        raise ApplicationHandlerStop


async def _upgraded_from_allowed(shared: Services, chat_id: int | None, allowed: set[int]) -> bool:
    """A supergroup whose group the allow-list names is admitted as that group was."""
    if chat_id is None or not shared.redis.up:
        return False
    try:
        return await shared.store.moved_from(chat_id) in allowed
    except RedisError as exc:
        log.warning("former id of chat %s unavailable: %s", chat_id, exc)
        return False


def _speaks_to_chat(update: Update) -> bool:
    """An update the bot may answer: anything in a private chat, commands and buttons in groups."""
    chat = update.effective_chat
    return (chat is not None and chat.type == ChatType.PRIVATE) or _is_answered(update)


async def _load_chosen_language(shared: Services, chat_id: int) -> None:
    try:
        CHOSEN_LANGUAGE.set(await shared.store.chosen_language(chat_id))
    except RedisError as exc:
        # The sender's Telegram language serves; the handler reports a broken store itself.
        log.warning("chosen language of chat %s unavailable: %s", chat_id, exc)


def _changes_settings(update: Update, command: str | None) -> bool:
    if command not in SETTINGS_COMMANDS:
        return False
    message = update.effective_message
    if command in READ_WHEN_BARE and message is not None and message.text:
        return len(message.text.split()) > 1
    return True


async def may_change_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True in private chats, and in groups for the group's administrators and the bot's admins;
    anyone else is told why not. When Telegram cannot say who administers the group, no one but
    the bot's admins may: a refusal is safer than letting every member change the group."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type not in GROUP_CHATS:
        return True
    shared = services(context)
    if user is not None and user.id in shared.config.telegram.admins:
        return True
    # An administrator who posts anonymously writes as the group itself.
    message = update.effective_message
    sender_chat = message.sender_chat if message is not None else None
    if sender_chat is not None and sender_chat.id == chat.id:
        return True
    lang = lang_of(update)
    try:
        admins = await group_admins(context.bot, shared.store, chat.id, shared.clock())
    except TelegramError as exc:
        log.warning("cannot ask Telegram for the admins of chat %s: %s", chat.id, exc)
        await _answer(update, t(lang, "group_admins_unknown"))
        return False
    if user is not None and user.id in admins:
        return True
    refusal = t(lang, "group_admins_only")
    if update.callback_query is None:  # a button's answer has room for one sentence only
        refusal += "\n" + t(lang, "group_readers", commands=_readers(context))
    await _answer(update, refusal)
    return False


def _readers(context: ContextTypes.DEFAULT_TYPE) -> str:
    available: set[str] = context.application.bot_data.get(AVAILABLE_COMMANDS, set())
    return ", ".join(
        f"/{info.name}"
        for info in COMMANDS
        if info.in_menu and not info.admin and not info.changes and info.name in available
    )


async def _over_flood_limit(
    update: Update, context: ContextTypes.DEFAULT_TYPE, user_id: int
) -> bool:
    """Count the command; True when the user is over the limit (told once per window)."""
    shared = services(context)
    now = shared.clock()
    try:
        count = await shared.store.count_command(user_id, now)
    except RedisError as exc:
        # Without the counter the command still runs; its own handler reports a broken store.
        log.warning("flood counter unavailable: %s", exc)
        return False
    limit = shared.config.telegram.commands_per_minute
    if count <= limit:
        return False
    if count == limit + 1:  # tell once per window, then stay silent
        log.info("user %s sent more than %d commands a minute", user_id, limit)
        await _answer(update, t(lang_of(update), "flood", seconds=flood_seconds_left(now)))
    return True


def flood_seconds_left(now: datetime) -> int:
    """Seconds until the flood counter starts again: the store counts in fixed windows of
    FLOOD_WINDOW_S seconds since the epoch (Store.count_command)."""
    return keys.FLOOD_WINDOW_S - int(now.timestamp()) % keys.FLOOD_WINDOW_S


def _command_for_us(update: Update, bot_username: str | None) -> str | None:
    """The command a message gives this bot ("/watch@thisbot BABA" -> "watch"); None for
    anything else, including commands addressed to another bot."""
    message = update.effective_message
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    name, _, addressee = message.text.split(maxsplit=1)[0][1:].partition("@")
    if addressee and addressee.casefold() != (bot_username or "").casefold():
        return None
    return name.lower()


def _is_answered(update: Update) -> bool:
    """Commands, button presses and text in a private chat: what the bot replies to."""
    if update.callback_query is not None:
        return True
    message = update.effective_message
    if message is None or message.text is None:
        return False
    return message.text.startswith("/") or message.chat.type == ChatType.PRIVATE


def _answers_edit(message: Message) -> bool:
    """An edit is answered when it is a command edited soon after it was sent; an edited text
    or caption was answered once already and needs no second answer."""
    if not message.text or not message.text.startswith("/"):
        return False
    edited = message.edit_date or message.date
    return edited - message.date <= EDIT_ANSWERED_WITHIN


async def _answer(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text)
    elif update.effective_message is not None and (
        update.effective_message.text or update.effective_message.caption
    ):
        # A captioned document is a command too (/import): its sender is answered as well.
        await reply(update, text)
