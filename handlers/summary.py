"""/summary SYMBOL: last price and change, band status, newest headlines."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import Services
from handlers.common import reply, reply_unknown_symbol, reply_usage, resolve_symbol, services
from rules.types.price_band import INSIDE, PriceBandRule

HEADLINES_SHOWN = 5


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if len(context.args or []) != 1:
        await reply_usage(update, "/summary SYMBOL", "/summary BABA")
        return
    shared = services(context)
    argument = (context.args or [""])[0]
    symbol = resolve_symbol(argument, shared)
    if symbol is None:
        await reply_unknown_symbol(update, argument, shared)
        return
    await reply(update, await summary_text(shared, symbol))


async def summary_text(shared: Services, symbol: str) -> str:
    store, zone = shared.store, shared.config.zone
    names = shared.config.watchlist[symbol].names
    title = f"<b>{html.escape(symbol)}</b>"
    if names:
        title += f" · {html.escape(names[0])}"
    lines = [title]

    quote = await store.latest_quote(symbol)
    if quote is None:
        lines.append("Price: no quote yet")
    else:
        price = f"{quote.price:,.2f} {html.escape(quote.currency or '')}".rstrip()
        change = f" ({quote.change_pct:+.2f}%)" if quote.change_pct is not None else ""
        stamp = quote.time.astimezone(zone).strftime("%d.%m. %H:%M")
        lines.append(f"Price: <b>{price}</b>{change} at {stamp}")

    for rule in shared.rules:
        if isinstance(rule, PriceBandRule) and rule.options.enabled and rule.applies_to(symbol):
            band = f"{rule.options.low:g}–{rule.options.high:g}"
            if quote is None:
                status = "unknown"
            else:
                state = await store.get(rule.name, symbol) or INSIDE
                status = rule.position(quote.price, state)
            lines.append(f"Band {html.escape(rule.name)} {band}: {status}")

    headlines = await store.headlines(symbol, HEADLINES_SHOWN)
    if headlines:
        lines.append("")
        lines.append("<b>Newest headlines</b>")
        for headline in headlines:
            when = headline.published.astimezone(zone).strftime("%d.%m. %H:%M")
            title_text = html.escape(headline.title[:200])
            if headline.link.startswith(("http://", "https://")):
                link = html.escape(headline.link, quote=True)
                title_text = f'<a href="{link}">{title_text}</a>'
            lines.append(f"• {when} {title_text} <i>({html.escape(headline.source)})</i>")
    else:
        lines.append("No headlines yet.")
    return "\n".join(lines)
