"""/band SYMBOL LOW HIGH and /alert SYMBOL >|< PRICE: a chat's own price rules (`off` removes)."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from bot.pipeline.personal import ABOVE, BAND, BELOW, INSIDE, band_position
from bot.store import Store
from handlers.common import esc, lang_of, reply, reply_usage, services, symbol_and_arguments
from handlers.i18n import compact, t

_LEVEL = re.compile(r"^([<>])\s*(\d+(?:[.,]\d+)?)$")
OFF = "off"


def parse_price(text: str) -> float | None:
    """'150', '150.5' or '150,5' -> a positive float; None for anything else."""
    if not re.fullmatch(r"\d{1,9}(?:[.,]\d{1,6})?", text):
        return None
    value = float(text.replace(",", "."))
    return value if value > 0 else None


async def _rule_arguments(
    update: Update, context: ContextTypes.DEFAULT_TYPE, command: str, kinds: tuple[str, ...]
) -> tuple[int, str, list[str]] | None:
    """(chat id, symbol, the arguments after it) for a personal rule command, or None once
    answered: with the usage, the watchlist, or what `off` removed of the rule's `kinds`."""
    chat = update.effective_chat
    found = await symbol_and_arguments(update, context, command, extra=(1, 2))
    if found is None or chat is None:
        return None
    symbol, rest = found
    if rest == [OFF]:
        await _remove(update, services(context).store, chat.id, symbol, kinds)
        return None
    return chat.id, symbol, rest


async def _remove(
    update: Update, store: Store, chat_id: int, symbol: str, kinds: tuple[str, ...]
) -> None:
    """Drop the chat's rules of `kinds` on `symbol` and say which were removed, or that none
    were set."""
    lang = lang_of(update)
    own = await store.personal_rules(symbol)
    removed = {kind: own[(chat_id, kind)] for kind in kinds if (chat_id, kind) in own}
    for kind in kinds:
        await store.drop_personal_rule(chat_id, symbol, kind)
    shown = esc(symbol)
    if kinds == (BAND,):
        band = removed.get(BAND)
        if band is None:
            await reply(update, t(lang, "band_none", symbol=shown))
            return
        low, high = compact(float(band["low"]), lang), compact(float(band["high"]), lang)
        await reply(update, t(lang, "band_removed", symbol=shown, low=low, high=high))
        return
    if not removed:
        await reply(update, t(lang, "alert_none", symbol=shown))
        return
    levels = [
        f"{t(lang, 'dir_above' if kind == ABOVE else 'dir_below')} "
        f"{compact(float(rule['price']), lang)}"
        for kind, rule in removed.items()
    ]
    await reply(update, t(lang, "alert_removed", symbol=shown, levels=", ".join(levels)))


async def band_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await _rule_arguments(update, context, "band", (BAND,))
    if found is None:
        return
    chat_id, symbol, rest = found
    store, lang = services(context).store, lang_of(update)
    low, high = (parse_price(value) for value in rest) if len(rest) == 2 else (None, None)
    if low is None or high is None:
        await reply_usage(update, "band")
        return
    if low >= high:
        await reply(update, t(lang, "band_order", low=compact(low, lang), high=compact(high, lang)))
        return
    quote = await store.latest_quote(symbol)
    # Start from where the price is now, so setting a band never alerts by itself.
    state = band_position(quote.price, low, high) if quote is not None else INSIDE
    await store.set_personal_rule(chat_id, symbol, BAND, {"low": low, "high": high, "state": state})
    await reply(
        update,
        t(lang, "band_set", symbol=esc(symbol), low=compact(low, lang), high=compact(high, lang)),
    )


async def alert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await _rule_arguments(update, context, "alert", (ABOVE, BELOW))
    if found is None:
        return
    chat_id, symbol, rest = found
    store, lang = services(context).store, lang_of(update)
    match = _LEVEL.match(" ".join(rest))
    level = parse_price(match.group(2)) if match else None
    if match is None or level is None:
        await reply_usage(update, "alert")
        return
    kind = ABOVE if match.group(1) == ">" else BELOW
    await store.set_personal_rule(chat_id, symbol, kind, {"price": level})
    direction = t(lang, "dir_above" if kind == ABOVE else "dir_below")
    await reply(
        update,
        t(lang, "alert_set", symbol=esc(symbol), direction=direction, price=compact(level, lang)),
    )
