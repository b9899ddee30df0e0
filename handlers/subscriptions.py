"""/start, /help, /watch, /unwatch, /list."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import reply, reply_unknown_symbol, reply_usage, resolve_symbol, services

COMMANDS = [
    ("watch", "SYMBOL", "get alerts for a symbol"),
    ("unwatch", "SYMBOL", "stop alerts for a symbol"),
    ("list", "", "the symbols you watch"),
    ("summary", "SYMBOL", "price, band and newest headlines"),
    ("help", "", "this list"),
]


def help_text() -> str:
    lines = [
        f"/{name} {html.escape(arguments)} – {html.escape(about)}".replace("  ", " ")
        for name, arguments, about in COMMANDS
    ]
    return "\n".join(lines)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    await services(context).store.register_chat(chat.id, user.language_code if user else None)
    known = ", ".join(services(context).config.watchlist)
    await reply(
        update,
        "<b>Tickerwatch</b> sends alerts on analyst actions, partnerships, price bands and news "
        f"for the symbols you watch.\nWatchlist: {html.escape(known)}\n\n{help_text()}",
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, help_text())


async def watch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _change_subscription(update, context, subscribe=True)


async def unwatch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _change_subscription(update, context, subscribe=False)


async def _change_subscription(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, subscribe: bool
) -> None:
    command = "/watch" if subscribe else "/unwatch"
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    if len(context.args or []) != 1:
        await reply_usage(update, f"{command} SYMBOL", f"{command} BABA")
        return
    shared = services(context)
    argument = (context.args or [""])[0]
    symbol = resolve_symbol(argument, shared)
    if symbol is None:
        await reply_unknown_symbol(update, argument, shared)
        return
    store = shared.store
    if subscribe:
        await store.register_chat(chat.id, user.language_code if user else None)
        try:
            added = await store.watch(chat.id, symbol)
        except ValueError as exc:
            await reply(update, html.escape(str(exc)))
            return
        text = f"Watching <b>{symbol}</b>." if added else f"You already watch <b>{symbol}</b>."
    else:
        removed = await store.unwatch(chat.id, symbol)
        text = (
            f"Stopped watching <b>{symbol}</b>." if removed else f"You don't watch <b>{symbol}</b>."
        )
    await reply(update, text)


async def list_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    symbols = await services(context).store.watched(chat.id)
    if not symbols:
        await reply(update, "You watch nothing yet. Try <code>/watch BABA</code>.")
        return
    await reply(update, "You watch: " + ", ".join(f"<b>{s}</b>" for s in symbols))
