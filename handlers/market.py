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
    price_lines,
    targets_block,
    title_line,
)

NEWS_DEFAULT = 5
NEWS_MAX = 20
NEWS_DIGITS_MAX = 6
TARGETS_MAX_SHOWN = 25


async def price(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "price")
    if found is None:
        return
    shared, lang, symbol = services(context), lang_of(update), found[0]
    quote = await shared.store.latest_quote(symbol)
    lines = [title_line(shared, symbol), *await price_lines(shared, symbol, quote, lang)]
    lines += await band_lines(shared, symbol, quote, lang)
    await reply(update, "\n".join(lines))


async def news(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "news", extra=(0, 1))
    if found is None:
        return
    symbol, rest = found
    shared, lang = services(context), lang_of(update)
    count = NEWS_DEFAULT
    if rest:
        # Digits only, and few of them: int() of a huge digit string is slow.
        if not rest[0].isdecimal() or len(rest[0]) > NEWS_DIGITS_MAX or int(rest[0]) < 1:
            await reply_usage(update, "news", t(lang, "news_count", limit=NEWS_MAX))
            return
        count = int(rest[0])
    capped = count > NEWS_MAX
    count = min(count, NEWS_MAX)
    headlines = await shared.store.headlines(symbol, min(count, keys.HEADLINES_MAX))
    if not headlines:
        await reply(update, f"{title_line(shared, symbol)}\n{t(lang, 'no_headlines')}")
        return
    lines = [title_line(shared, symbol), t(lang, "headlines")]
    lines += headline_lines(headlines, shared.config.zone)
    if capped:
        lines.append(t(lang, "news_capped", limit=NEWS_MAX))
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
