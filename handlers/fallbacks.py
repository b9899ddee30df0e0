"""Answers for what no other handler takes: unknown commands, plain text, files, stale
buttons."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from handlers.common import esc, esc_argument, lang_of, reply, resolve_symbol, services
from handlers.i18n import t


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A hint to /help; in groups only for commands addressed to this bot by name, since a
    bare /command there may belong to another bot."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not message.text:
        return
    command, _, addressee = message.text.split(maxsplit=1)[0][1:].partition("@")
    if addressee:
        if addressee.casefold() != (context.bot.username or "").casefold():
            return
    elif chat.type != ChatType.PRIVATE:
        return
    shown = esc_argument(command)
    await reply(update, t(lang_of(update), "unknown_command", command=shown))


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text in a private chat: point to /summary when it names a symbol, else to /help."""
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = lang_of(update)
    symbol = resolve_symbol(message.text, services(context))
    if symbol is None:
        await reply(update, t(lang, "text_hint"))
        return
    await reply(update, t(lang, "text_hint_symbol", symbol=esc(symbol)))


async def document_hint(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat that is no /import: say how to send one that is."""
    await reply(update, t(lang_of(update), "document_hint"))


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every button press gets an answer, or the user's client keeps showing a spinner."""
    query = update.callback_query
    if query is not None:
        await query.answer(t(lang_of(update), "button_unknown"))
