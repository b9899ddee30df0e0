"""What every command handler needs: the services, symbol lookup, safe replies."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import Services

SERVICES = "services"


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found: Services = context.application.bot_data[SERVICES]
    return found


def resolve_symbol(argument: str, services: Services) -> str | None:
    """A watchlist symbol from its ticker ("baba", "$BABA") or one of its names ("Alibaba")."""
    wanted = argument.strip().lstrip("$")
    watchlist = services.config.watchlist
    if wanted.upper() in watchlist:
        return wanted.upper()
    for symbol, item in watchlist.items():
        if any(name.casefold() == wanted.casefold() for name in item.names):
            return symbol
    return None


async def reply(update: Update, text: str) -> None:
    """Reply in HTML; `text` must already have every external string escaped."""
    if update.effective_message is not None:
        await update.effective_message.reply_html(text, disable_web_page_preview=True)


async def reply_usage(update: Update, usage: str, example: str) -> None:
    await reply(
        update,
        f"Usage: <code>{html.escape(usage)}</code>\nExample: <code>{html.escape(example)}</code>",
    )


async def reply_unknown_symbol(update: Update, argument: str, services: Services) -> None:
    known = ", ".join(services.config.watchlist) or "none"
    await reply(
        update,
        f"I don't follow <b>{html.escape(argument[:40])}</b>. Symbols on the watchlist: "
        f"{html.escape(known)}.",
    )

