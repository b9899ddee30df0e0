"""/chart SYMBOL [1d|5d|1m]: a PNG of the price over the period, from the price provider's
history and the quotes recorded here, with the bands and the alerts that fired."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.chart_parts import Band, EventMark, Heading, Labels, render_chart
from bot.models import Quote
from bot.services import Services
from bot.sources.history import PERIODS, History, merge_recorded
from bot.sources.http import HttpClient, SourceError
from handlers.common import (
    esc,
    lang_of,
    reply,
    reply_usage,
    resolve_symbol,
    services,
    symbol_and_arguments,
)
from handlers.i18n import percent, t
from handlers.summary import price_line, title_line, unknown_at_provider
from rules.language import price as price_text
from rules.types.price_band import PriceBandRule

log = logging.getLogger(__name__)

SPANS = tuple(PERIODS)
DEFAULT_SPAN = "1d"
ARGUMENTS_MAX = 4  # beyond the symbol; more is surely a typo, and gets the usage alone
# A user is waiting for the answer: ask briefly, then draw from the recorded quotes.
HISTORY_TIMEOUT_S = 8.0
HISTORY_CONNECT_TIMEOUT_S = 3.0


class UnknownAtProvider(Exception):
    """The price provider answered that it does not know the symbol."""


@dataclass(frozen=True, slots=True)
class Prices:
    quotes: list[Quote]
    provider_down: bool  # the provider failed: only quotes recorded here
    history: History | None
    no_history: bool = False  # the provider keeps none for the period: only quotes recorded here


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "chart", extra=(0, ARGUMENTS_MAX))
    if found is None:
        return
    symbol, rest = found
    shared, lang = services(context), lang_of(update)
    span = DEFAULT_SPAN
    if rest:
        if len(rest) > 1 or resolve_symbol(rest[0], shared) is not None:
            others = [word for word in rest if resolve_symbol(word, shared) is not None]
            problem = "chart_one_symbol" if others else "too_many_arguments"
            await reply_usage(update, "chart", t(lang, problem))
            return
        span = rest[0].lower()
        if span not in PERIODS:
            problem = t(lang, "chart_bad_period", period=esc(rest[0][:12]))
            await reply_usage(update, "chart", problem)
            return
    await send_chart(update, shared, symbol, span)


async def send_chart(update: Update, shared: Services, symbol: str, span: str) -> None:
    lang, message = lang_of(update), update.effective_message
    if message is None:
        return
    chat_id = update.effective_chat.id if update.effective_chat else None
    try:
        prices = await load_prices(shared, symbol, span)
    except UnknownAtProvider:
        await reply(update, unknown_at_provider(symbol, lang))
        return
    if len(prices.quotes) < 2:
        text = t(lang, "chart_no_data", symbol=esc(symbol), span=t(lang, f"chart_last_{span}"))
        if prices.provider_down:
            text += "\n" + t(lang, "provider_down")
        await reply(update, text)
        return
    last = _last_quote(shared, symbol, prices)
    png = await chart_png(shared, symbol, span, chat_id, lang, prices, last)
    caption = f"{title_line(shared, symbol)} · {t(lang, 'chart_period_' + span)}\n"
    caption += price_line(last, shared.config.zone, lang)
    if prices.provider_down:
        caption += "\n" + t(lang, "chart_recorded_only", count=len(prices.quotes))
    elif prices.no_history:
        caption += "\n" + t(lang, "chart_no_history", count=len(prices.quotes))
    await message.reply_photo(png, caption=caption, parse_mode=ParseMode.HTML)


async def load_prices(shared: Services, symbol: str, span: str) -> Prices:
    """The provider's history merged with the quotes recorded here; the recorded quotes of the
    period alone when the provider fails. Raises UnknownAtProvider."""
    store = shared.store
    recorded = await store.quotes_since(symbol, shared.clock() - PERIODS[span].span)
    cached = await store.cached_history(symbol, span)
    if cached is not None:
        history = History.from_json(cached)
        return Prices(merge_recorded(history.quotes(symbol), recorded), False, history)
    plan = shared.config.price_plan_of(symbol)
    if plan is None:
        return Prices(recorded, False, None)
    if await store.is_unknown_symbol(symbol):
        raise UnknownAtProvider(symbol)
    try:
        async with HttpClient(
            timeout_s=HISTORY_TIMEOUT_S, connect_timeout_s=HISTORY_CONNECT_TIMEOUT_S
        ) as http:
            provider = plan.source.build()
            found = await provider.history(http, symbol, plan.symbols[symbol], span)
    except SourceError as error:
        if error.kind == "not_found":
            await store.mark_unknown_symbol(symbol)
            raise UnknownAtProvider(symbol) from error
        log.warning("chart %s %s: no history from the price provider (%s)", symbol, span, error)
        return Prices(recorded, True, None)
    if found is None:
        return Prices(recorded, False, None, no_history=True)
    history = found
    await store.save_history(symbol, span, history.to_json())
    return Prices(merge_recorded(history.quotes(symbol), recorded), False, history)


async def chart_png(
    shared: Services,
    symbol: str,
    span: str,
    chat_id: int | None,
    lang: str,
    prices: Prices,
    last: Quote,
) -> bytes:
    store = shared.store
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
        for when, data in await store.alert_events(symbol, prices.quotes[0].time)
    ]
    names = shared.config.watchlist[symbol].names
    title = f"{symbol} · {names[0]}" if names else symbol
    change = f"  {percent(last.change_pct, lang)}" if last.change_pct is not None else ""
    session = prices.history.session if prices.history and span == "1d" else None
    return await asyncio.to_thread(
        render_chart,
        prices.quotes,
        title=f"{title} · {t(lang, 'chart_period_' + span)}",
        bands=bands,
        events=events,
        zone=shared.config.zone,
        price_label=t(lang, "chart_price"),
        lang=lang,
        labels=Labels(
            previous_close=t(lang, "chart_prev_close"),
            rise=t(lang, "chart_rise"),
            fall=t(lang, "chart_fall"),
            alert=t(lang, "chart_alert"),
            axis=last.currency or t(lang, "chart_price"),
        ),
        heading=Heading(price_text(last.price, last.currency, lang) + change, last.change_pct),
        previous_close=last.previous_close,
        window=session,
        gapless=span != "1d",
    )


def _last_quote(shared: Services, symbol: str, prices: Prices) -> Quote:
    """The newest price with the currency and previous close that belong to it: the provider's
    when it answered, else the newest recorded quote that states them."""
    newest = prices.quotes[-1]
    history = prices.history
    currency = (history.currency if history else None) or next(
        (quote.currency for quote in reversed(prices.quotes) if quote.currency),
        shared.config.watchlist[symbol].currency,
    )
    previous = (history.previous_close if history else None) or next(
        (quote.previous_close for quote in reversed(prices.quotes) if quote.previous_close),
        None,
    )
    return Quote(symbol, newest.price, newest.time, currency, previous)
