"""/start, /help, /watch, /unwatch, /list."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import keys
from bot.services import Services
from handlers.commands import COMMANDS, CommandInfo
from handlers.common import (
    AVAILABLE_COMMANDS,
    esc,
    lang_of,
    plain_text_of,
    reply,
    services,
    symbol_and_arguments,
)
from handlers.i18n import t


def is_admin(update: Update, shared: Services) -> bool:
    user = update.effective_user
    return user is not None and user.id in shared.config.telegram.admins


def help_text(lang: str, available: set[str], *, admin: bool = False) -> str:
    """One line per registered command; admin commands only for admins."""

    def line(info: CommandInfo) -> str:
        return f"{esc(info.usage())} – {esc(info.about.get(lang, info.about['en']))}"

    shown = [info for info in COMMANDS if info.in_menu and info.name in available]
    lines = [line(info) for info in shown if not info.admin]
    if admin:
        lines.append(t(lang, "help_admin"))
        lines += [line(info) for info in shown if info.admin]
    return "\n".join(lines)


def available_commands(context: ContextTypes.DEFAULT_TYPE) -> set[str]:
    found: set[str] = context.application.bot_data.get(AVAILABLE_COMMANDS, set())
    return found


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    shared = services(context)
    await shared.store.register_chat(chat.id, user.language_code if user else None)
    lang = lang_of(update)
    known = ", ".join(shared.config.watchlist) or t(lang, "none")
    intro = t(lang, "intro", known=esc(known))
    commands = help_text(lang, available_commands(context), admin=is_admin(update, shared))
    await reply(update, f"{intro}\n\n{commands}")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    admin = is_admin(update, services(context))
    await reply(update, help_text(lang_of(update), available_commands(context), admin=admin))


async def watch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _change_subscription(update, context, subscribe=True)


async def unwatch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _change_subscription(update, context, subscribe=False)


async def _unwatched_off_the_watchlist(
    update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int
) -> bool:
    """A symbol a reload took off the watchlist stays among the chat's symbols until the chat
    drops it: /unwatch takes it as it is listed."""
    arguments = context.args or []
    if len(arguments) != 1:
        return False
    shared = services(context)
    symbol = plain_text_of(arguments[0]).strip().lstrip("$").upper()
    if symbol in shared.config.watchlist or symbol not in await shared.store.watched(chat_id):
        return False
    await shared.store.unwatch(chat_id, symbol)
    await reply(update, t(lang_of(update), "unwatched", symbol=esc(symbol)))
    return True


async def _change_subscription(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, subscribe: bool
) -> None:
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or message is None:
        return
    if not subscribe and await _unwatched_off_the_watchlist(update, context, chat.id):
        return
    found = await symbol_and_arguments(update, context, "watch" if subscribe else "unwatch")
    if found is None:
        return
    symbol, _ = found
    store, lang = services(context).store, lang_of(update)
    if not subscribe:
        removed = await store.unwatch(chat.id, symbol)
        await reply(update, t(lang, "unwatched" if removed else "not_watching", symbol=esc(symbol)))
        return
    await store.register_chat(chat.id, user.language_code if user else None)
    try:
        added = await store.watch(chat.id, symbol)
    except ValueError:
        await reply(update, t(lang, "watch_limit", limit=keys.WATCH_MAX))
        return
    topic = message.message_thread_id if message.is_topic_message else None
    await store.set_topic(chat.id, symbol, topic)
    key = "watching_topic" if topic is not None else "watching"
    if not added:
        key = "already_watching"
    await reply(update, t(lang, key, symbol=esc(symbol)))


async def list_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    lang = lang_of(update)
    symbols = await services(context).store.watched(chat.id)
    if not symbols:
        await reply(update, t(lang, "list_empty"))
        return
    await reply(update, t(lang, "list", symbols=", ".join(f"<b>{esc(s)}</b>" for s in symbols)))
