"""What every command handler needs: the services, the user's language, symbol lookup, replies."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.delivery.split import split_message
from bot.services import Services
from handlers.commands import COMMANDS_BY_NAME
from handlers.i18n import language_of, t

SERVICES = "services"
AVAILABLE_COMMANDS = "commands"  # bot_data: names of the registered commands
ARGUMENT_SHOWN_MAX = 40
# The language the chat of the update being handled chose with /lang; None: the sender's
# Telegram setting. The gate sets it anew at the start of every update, before any handler, and
# each update is handled within one task (a handler that runs beside the others gets a copy).
CHOSEN_LANGUAGE: ContextVar[str | None] = ContextVar("chosen_language", default=None)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found: Services = context.application.bot_data[SERVICES]
    return found


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def esc_argument(text: str) -> str:
    """A user's argument quoted back, escaped, cut to ARGUMENT_SHOWN_MAX with a mark if longer."""
    if len(text) > ARGUMENT_SHOWN_MAX:
        text = text[: ARGUMENT_SHOWN_MAX - 1] + "…"
    return esc(text)


def lang_of(update: Update) -> str:
    """The chat's chosen language, else the sender's Telegram one."""
    chosen = CHOSEN_LANGUAGE.get()
    if chosen is not None:
        return chosen
    user = update.effective_user
    return language_of(user.language_code if user else None)


def plain_text_of(argument: str) -> str:
    """Full-width letters (as East Asian keyboards type them) as plain ones, and without the
    invisible characters (zero-width spaces, joiners, byte order marks) that pasting brings."""
    folded = unicodedata.normalize("NFKC", argument)
    return "".join(char for char in folded if unicodedata.category(char) != "Cf")


def resolve_symbol(argument: str, services: Services) -> str | None:
    """A watchlist symbol from its ticker ("baba", "$BABA") or one of its names ("Alibaba")."""
    wanted = plain_text_of(argument).strip().lstrip("$")
    watchlist = services.config.watchlist
    if wanted.upper() in watchlist:
        return wanted.upper()
    for symbol, item in watchlist.items():
        if any(name.casefold() == wanted.casefold() for name in item.names):
            return symbol
    return None


def with_names_joined(arguments: list[str], services: Services) -> list[str]:
    """The arguments with leading words that together are a watchlist name ("Meta Platforms")
    taken as one, so that a name of several words counts as the one symbol it stands for."""
    for count in range(len(arguments), 1, -1):
        joined = " ".join(arguments[:count])
        if resolve_symbol(joined, services) is not None:
            return [joined, *arguments[count:]]
    return arguments


async def reply(update: Update, text: str, *, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Reply in HTML, split into several messages when long; `text` must be escaped already.

    The keyboard goes on the last part.
    """
    message = update.effective_message
    if message is None:
        return
    parts = split_message(text)
    for index, part in enumerate(parts):
        markup = keyboard if index == len(parts) - 1 else None
        await message.reply_html(part, disable_web_page_preview=True, reply_markup=markup)


async def reply_usage(update: Update, command: str, problem: str | None = None) -> None:
    """One message: what was wrong (`problem`, escaped already) when known, then the usage."""
    info = COMMANDS_BY_NAME[command]
    usage = t(lang_of(update), "usage", usage=esc(info.usage()), example=esc(info.example_call()))
    await reply(update, f"{problem}\n{usage}" if problem else usage)


CommandCallback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def without_arguments(command: str, callback: CommandCallback) -> CommandCallback:
    """`callback` for a command that takes no arguments: any given get the usage instead, as a
    command given too many does."""

    async def checked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.args:
            await reply_usage(update, command, t(lang_of(update), "too_many_arguments"))
            return
        await callback(update, context)

    return checked


async def reply_unknown_symbol(update: Update, argument: str, services: Services) -> None:
    lang = lang_of(update)
    known = ", ".join(services.config.watchlist) or t(lang, "none")
    await reply(
        update,
        t(lang, "unknown_symbol", argument=esc_argument(argument), known=esc(known)),
    )


async def symbol_and_arguments(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    command: str,
    *,
    extra: tuple[int, int] = (0, 0),
) -> tuple[str, list[str]] | None:
    """The resolved symbol and the arguments after it, or None after replying with the usage
    (wrong argument count) or the watchlist (unknown symbol). `extra` = (min, max) after it."""
    shared = services(context)
    arguments = with_names_joined(list(context.args or []), shared)
    low, high = extra
    if len(arguments) > high + 1:
        problem = "one_symbol" if high == 0 else "too_many_arguments"
        await reply_usage(update, command, t(lang_of(update), problem))
        return None
    if len(arguments) < low + 1:
        await reply_usage(update, command)
        return None
    symbol = resolve_symbol(arguments[0], shared)
    if symbol is None:
        await reply_unknown_symbol(update, arguments[0], shared)
        return None
    return symbol, arguments[1:]
