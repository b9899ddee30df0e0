"""/chart SYMBOL [1d|5d|1m]: a PNG of the price with the bands and the alerts that fired."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.charts import Band, EventMark, render_chart
from bot.services import Services
from handlers.common import esc, lang_of, reply, reply_usage, services, symbol_and_arguments
from handlers.i18n import t
from rules.types.price_band import PriceBandRule

SPANS = {"1d": timedelta(days=1), "5d": timedelta(days=5), "1m": timedelta(days=30)}
DEFAULT_SPAN = "1d"


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "chart", extra=(0, 1))
    if found is None:
        return
    symbol, rest = found
    span = rest[0].lower() if rest else DEFAULT_SPAN
    if span not in SPANS:
        await reply_usage(update, "chart")
        return
    await send_chart(update, services(context), symbol, span)


async def send_chart(update: Update, shared: Services, symbol: str, span: str) -> None:
    lang, message = lang_of(update), update.effective_message
    if message is None:
        return
    chat_id = update.effective_chat.id if update.effective_chat else None
    png = await chart_png(shared, symbol, span, chat_id, lang)
    if png is None:
        await reply(update, t(lang, "chart_no_data", symbol=esc(symbol), span=span))
        return
    caption = t(lang, "chart_caption", symbol=esc(symbol), span=span, count=png[1])
    await message.reply_photo(png[0], caption=caption, parse_mode=ParseMode.HTML)


async def chart_png(
    shared: Services, symbol: str, span: str, chat_id: int | None, lang: str = "en"
) -> tuple[bytes, int] | None:
    """The chart and the number of prices on it; None when there are too few prices."""
    store = shared.store
    since = shared.clock() - SPANS[span]
    quotes = await store.quotes_since(symbol, since)
    if len(quotes) < 2:
        return None
    bands = [
        Band(rule.options.low, rule.options.high, rule.name)
        for rule in shared.rules
        if isinstance(rule, PriceBandRule) and rule.options.enabled and rule.applies_to(symbol)
    ]
    if chat_id is not None:
        own = (await store.personal_rules(symbol)).get((chat_id, "band"))
        if own is not None:
            bands.append(Band(float(own["low"]), float(own["high"]), t(lang, "chart_your_band")))
    events = [
        EventMark(
            when, str(data.get("severity", "warning")), str(data.get("rule", "")), data.get("price")
        )
        for when, data in await store.alert_events(symbol, since)
    ]
    png = await asyncio.to_thread(
        render_chart,
        quotes,
        title=f"{symbol} · {span}",
        bands=bands,
        events=events,
        zone=shared.config.zone,
        price_label=t(lang, "chart_price"),
    )
    return png, len(quotes)
