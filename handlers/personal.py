"""/band SYMBOL LOW HIGH and /alert SYMBOL >|< PRICE: a chat's own price rules (`off` removes)."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from bot.pipeline.personal import ABOVE, BAND, BELOW, INSIDE, band_position
from bot.services import Services
from handlers.common import (
    esc,
    esc_argument,
    lang_of,
    plain_text_of,
    reply,
    reply_usage,
    resolve_symbol,
    services,
    symbol_and_arguments,
)
from handlers.i18n import compact, price, t
from handlers.personal_list import fired_text

OFF = "off"
RULE_ARGUMENTS_MAX = 3  # after the symbol; more are answered as too many
# "BABA>160": a comparison sign written against its neighbours is an argument of its own.
_COMPARISON = re.compile(r"([<>])")
# "150-160", or "150–160" as the bot writes a band: LOW and HIGH in one word.
_RANGE = re.compile(r"(\d[\d.,]*)[-–](\d[\d.,]*)")


def _split_comparisons(arguments: list[str]) -> list[str]:
    return [part for argument in arguments for part in _COMPARISON.split(argument) if part]


def _split_range(arguments: list[str]) -> list[str]:
    split: list[str] = []
    for argument in arguments:
        match = _RANGE.fullmatch(argument)
        split.extend(match.groups() if match is not None else (argument,))
    return split


def parse_price(text: str) -> float | None:
    """'150', '150.5' or '150,5' -> a positive float; None for anything else."""
    if not re.fullmatch(r"\d{1,9}(?:[.,]\d{1,6})?", text):
        return None
    value = float(text.replace(",", "."))
    return value if value > 0 else None


def _not_a_price(text: str, lang: str) -> str:
    return t(lang, "bad_price", text=esc_argument(text))


async def _rule_arguments(
    update: Update, context: ContextTypes.DEFAULT_TYPE, command: str, kinds: tuple[str, ...]
) -> tuple[int, str, list[str]] | None:
    """(chat id, symbol, the arguments after it) for a personal rule command, or None once
    answered: with the usage, the watchlist, or what `off` removed of the rule's `kinds`."""
    chat = update.effective_chat
    if chat is not None and await _removed_off_the_watchlist(update, context, chat.id, kinds):
        return None
    found = await symbol_and_arguments(update, context, command, extra=(0, RULE_ARGUMENTS_MAX))
    if found is None or chat is None:
        return None
    symbol, rest = found
    if [argument.lower() for argument in rest] == [OFF]:
        await _remove(update, services(context), chat.id, symbol, kinds)
        return None
    return chat.id, symbol, rest


async def _removed_off_the_watchlist(
    update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int, kinds: tuple[str, ...]
) -> bool:
    """`SYMBOL off` for a symbol a reload took off the watchlist, on which the chat still has
    rules: they are removed as /mine lists them."""
    arguments = list(context.args or [])
    if len(arguments) != 2 or arguments[1].lower() != OFF:
        return False
    shared = services(context)
    symbol = plain_text_of(arguments[0]).strip().lstrip("$").upper()
    if resolve_symbol(arguments[0], shared) is not None:
        return False
    if symbol not in await shared.store.personal_symbols(chat_id, ()):
        return False
    await _remove(update, shared, chat_id, symbol, kinds)
    return True


async def _remove(
    update: Update, shared: Services, chat_id: int, symbol: str, kinds: tuple[str, ...]
) -> None:
    """Drop the chat's rules of `kinds` on `symbol` and say which were removed, that they had
    fired already, or that none were set."""
    lang, store = lang_of(update), shared.store
    own = await store.personal_rules(symbol)
    removed = {kind: own[(chat_id, kind)] for kind in kinds if (chat_id, kind) in own}
    fired = {}
    for kind in kinds:
        await store.drop_personal_rule(chat_id, symbol, kind)
        record = await store.drop_fired_rule(chat_id, symbol, kind)
        if record is not None:
            fired[kind] = record
    await store.prune_personal_symbol(chat_id, symbol)
    shown = esc(symbol)
    if kinds == (BAND,):
        band = removed.get(BAND)
        if band is None:
            await reply(update, t(lang, "band_none", symbol=shown))
            return
        low, high = compact(float(band["low"]), lang), compact(float(band["high"]), lang)
        await reply(update, t(lang, "band_removed", symbol=shown, low=low, high=high))
        return
    if removed:
        levels = [_level(kind, float(rule["price"]), lang) for kind, rule in removed.items()]
        await reply(update, t(lang, "alert_removed", symbol=shown, levels=", ".join(levels)))
        return
    if fired:
        what = "; ".join(
            f"{_level(kind, float(record['level']), lang)}: {fired_text(record, shared, lang)}"
            for kind, record in fired.items()
        )
        await reply(update, t(lang, "alert_had_fired", symbol=shown, fired=what))
        return
    await reply(update, t(lang, "alert_none", symbol=shown))


def _level(kind: str, level: float, lang: str) -> str:
    return f"{t(lang, 'dir_above' if kind == ABOVE else 'dir_below')} {compact(level, lang)}"


def _band_problem(rest: list[str], lang: str) -> str | None:
    """What is wrong with `LOW HIGH`, in the user's language; None when both are prices."""
    if not rest:
        return t(lang, "missing_low_high")
    if len(rest) > 2:
        return t(lang, "too_many_arguments")
    for text in rest:
        if parse_price(text) is None:
            return _not_a_price(text, lang)
    if len(rest) == 1:
        return t(lang, "missing_high")
    low, high = (parse_price(text) or 0.0 for text in rest)
    if low >= high:
        return t(lang, "band_order", low=compact(low, lang), high=compact(high, lang))
    return None


async def band_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.args = _split_range(list(context.args or []))
    found = await _rule_arguments(update, context, "band", (BAND,))
    if found is None:
        return
    chat_id, symbol, rest = found
    store, lang = services(context).store, lang_of(update)
    problem = _band_problem(rest, lang)
    if problem is not None:
        await reply_usage(update, "band", problem)
        return
    low, high = (parse_price(text) or 0.0 for text in rest)
    quote = await store.latest_quote(symbol)
    # Start from where the price is now, so setting a band never alerts by itself; the reply
    # says at once when the price is outside already.
    state = band_position(quote.price, low, high) if quote is not None else INSIDE
    await store.set_personal_rule(chat_id, symbol, BAND, {"low": low, "high": high, "state": state})
    text = t(lang, "band_set", symbol=esc(symbol), low=compact(low, lang), high=compact(high, lang))
    if quote is not None and state != INSIDE:
        currency = quote.currency or services(context).config.watchlist[symbol].currency
        now = esc(price(quote.price, currency, lang))
        text += "\n" + t(lang, f"band_already_{state}", symbol=esc(symbol), price=now)
    await reply(update, text)


def _alert_level(rest: list[str], lang: str) -> tuple[str, float] | str:
    """(kind, level) from `> 160` or `>160`; else what is wrong with it, as a sentence."""
    text = " ".join(rest)
    if not text:
        return t(lang, "missing_sign_price")
    if text[0] not in "<>":
        return t(lang, "missing_sign" if parse_price(text) else "alert_sign")
    amount = text[1:].strip()
    if not amount:
        return t(lang, "missing_price")
    level = parse_price(amount)
    if level is None:
        return _not_a_price(amount, lang)
    return (ABOVE if text[0] == ">" else BELOW), level


async def alert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.args = _split_comparisons(list(context.args or []))
    found = await _rule_arguments(update, context, "alert", (ABOVE, BELOW))
    if found is None:
        return
    chat_id, symbol, rest = found
    store, lang = services(context).store, lang_of(update)
    parsed = _alert_level(rest, lang)
    if isinstance(parsed, str):
        await reply_usage(update, "alert", parsed)
        return
    kind, level = parsed
    await store.set_personal_rule(chat_id, symbol, kind, {"price": level})
    direction = t(lang, "dir_above" if kind == ABOVE else "dir_below")
    await reply(
        update,
        t(lang, "alert_set", symbol=esc(symbol), direction=direction, price=compact(level, lang)),
    )
