"""/price SYMBOL, /news SYMBOL [N], /targets SYMBOL."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import keys
from handlers.common import lang_of, reply, reply_usage, services, symbol_and_arguments
from handlers.i18n import t
from handlers.summary import (
    band_lines,
    headline_lines,
    price_line,
    targets_block,
    title_line,
)

NEWS_DEFAULT = 5
NEWS_MAX = 20
TARGETS_MAX_SHOWN = 25


async def price(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "price")
    if found is None:
        return
    shared, lang, symbol = services(context), lang_of(update), found[0]
    quote = await shared.store.latest_quote(symbol)
    lines = [title_line(shared, symbol), price_line(quote, shared.config.zone, lang)]
    lines += await band_lines(shared, symbol, quote, lang)
    await reply(update, "\n".join(lines))


async def news(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "news", extra=(0, 1))
    if found is None:
        return
    symbol, rest = found
    count = NEWS_DEFAULT
    if rest:
        if not rest[0].isdigit() or not 1 <= int(rest[0]) <= NEWS_MAX:
            await reply_usage(update, "news")
            return
        count = int(rest[0])
    shared, lang = services(context), lang_of(update)
    headlines = await shared.store.headlines(symbol, min(count, keys.HEADLINES_MAX))
    if not headlines:
        await reply(update, f"{title_line(shared, symbol)}\n{t(lang, 'no_headlines')}")
        return
    lines = [title_line(shared, symbol), t(lang, "headlines")]
    lines += headline_lines(headlines, shared.config.zone)
    await reply(update, "\n".join(lines))


async def targets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "targets")
    if found is None:
        return
    shared, lang, symbol = services(context), lang_of(update), found[0]
    quote = await shared.store.latest_quote(symbol)
    lines = [title_line(shared, symbol)]
    lines += await targets_block(shared, symbol, quote, lang, TARGETS_MAX_SHOWN)
    await reply(update, "\n".join(lines))
