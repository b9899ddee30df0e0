"""/mine: a chat's own bands and price alerts, fired ones included, each with a remove button;
the same lines appear in /rules."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.pipeline.personal import ABOVE, BAND, INSIDE
from bot.services import Services
from bot.store.personal import KINDS
from handlers.common import esc, lang_of, reply, resolve_symbol, services
from handlers.i18n import compact, price, t

log = logging.getLogger(__name__)

REMOVE = "rm"  # callback action: "tw:rm:SYMBOL:KIND"
FIRED_TIME = "%d.%m. %H:%M"

PersonalRule = tuple[str, str, dict[str, Any], bool]  # symbol, kind, rule, fired


def rule_name(symbol: str, kind: str, rule: dict[str, Any], lang: str) -> str:
    """'BABA 150–160' for a band, 'BABA > 160.5' for a price alert; not escaped."""
    if kind == BAND:
        return f"{symbol} {compact(float(rule['low']), lang)}–{compact(float(rule['high']), lang)}"
    return f"{symbol} {'>' if kind == ABOVE else '<'} {compact(float(rule['level']), lang)}"


def fired_text(rule: dict[str, Any], shared: Services, lang: str) -> str:
    """'161.00 USD, 03.08. 14:00': where and when a one-shot alert fired, escaped."""
    when = datetime.fromtimestamp(float(rule["at"]), UTC).astimezone(shared.config.zone)
    quoted = price(float(rule["price"]), rule.get("currency"), lang)
    return esc(f"{quoted}, {when.strftime(FIRED_TIME)}")


def rule_line(entry: PersonalRule, shared: Services, lang: str) -> str:
    line = _rule_text(entry, shared, lang)
    if entry[0] not in shared.config.watchlist:
        line += " " + t(lang, "mine_unlisted")
    return line


def _rule_text(entry: PersonalRule, shared: Services, lang: str) -> str:
    symbol, kind, rule, fired = entry
    shown = esc(symbol)
    if kind == BAND:
        position = t(lang, f"band_{rule.get('state', INSIDE)}")
        low, high = compact(float(rule["low"]), lang), compact(float(rule["high"]), lang)
        return t(lang, "mine_band", symbol=shown, low=low, high=high, position=position)
    direction = t(lang, "dir_above" if kind == ABOVE else "dir_below")
    level = compact(float(rule["level" if fired else "price"]), lang)
    if fired:
        return t(
            lang,
            "mine_fired",
            symbol=shown,
            direction=direction,
            level=level,
            fired=fired_text(rule, shared, lang),
        )
    return t(lang, "mine_alert", symbol=shown, direction=direction, level=level)


NEEDED = {BAND: ("low", "high"), "active": ("price",), "fired": ("level", "price", "at")}


async def chat_rules(shared: Services, chat_id: int) -> list[PersonalRule]:
    """The chat's rules on watchlist symbols, then on symbols a reload took off it; unreadable
    ones (which the pipeline drops) are left out rather than breaking the listing."""
    found = []
    for symbol, kind, rule, fired in await shared.store.chat_personal_rules(
        chat_id, shared.config.watchlist
    ):
        needed = NEEDED[BAND if kind == BAND else "fired" if fired else "active"]
        if not isinstance(rule, dict) or not all(
            isinstance(rule.get(name), int | float) for name in needed
        ):
            continue
        # Active price alerts store their level as "price"; fired ones keep it as "level".
        if kind != BAND and not fired:
            rule = {**rule, "level": rule["price"]}
        found.append((symbol, kind, rule, fired))
    return found


async def personal_lines(shared: Services, chat_id: int, lang: str) -> list[str]:
    """The chat's rules under a title, one line each; empty when it has none."""
    found = await chat_rules(shared, chat_id)
    if not found:
        return []
    return [t(lang, "mine_title")] + [rule_line(entry, shared, lang) for entry in found]


async def listing(
    shared: Services, chat_id: int, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    found = await chat_rules(shared, chat_id)
    if not found:
        return t(lang, "mine_empty"), None
    lines = [t(lang, "mine_title")] + [rule_line(entry, shared, lang) for entry in found]
    buttons = [
        [
            InlineKeyboardButton(
                t(lang, "button_remove", what=rule_name(symbol, kind, rule, lang)),
                callback_data=f"tw:{REMOVE}:{symbol}:{kind}",
            )
        ]
        for symbol, kind, rule, _ in found
    ]
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


async def mine(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    text, keyboard = await listing(services(context), chat.id, lang_of(update))
    await reply(update, text, keyboard=keyboard)


async def remove_pressed(update: Update, shared: Services, argument: str) -> None:
    """A remove button under /mine: drop the rule, say so, and show the listing without it."""
    query, chat, lang = update.callback_query, update.effective_chat, lang_of(update)
    if query is None or chat is None:
        return
    name, _, kind = argument.rpartition(":")
    symbol = resolve_symbol(name, shared)
    if symbol is None and name in await shared.store.personal_symbols(chat.id, ()):
        symbol = name  # off the watchlist since: its rules stay removable
    if symbol is None or kind not in KINDS:
        await query.answer(t(lang, "button_expired"))
        return
    before = {(s, k): rule for s, k, rule, _ in await chat_rules(shared, chat.id)}
    await shared.store.drop_personal_rule(chat.id, symbol, kind)
    await shared.store.drop_fired_rule(chat.id, symbol, kind)
    await shared.store.prune_personal_symbol(chat.id, symbol)
    removed = before.get((symbol, kind))
    if removed is None:
        await query.answer(t(lang, "mine_gone"))
        return
    await query.answer(t(lang, "mine_removed", what=rule_name(symbol, kind, removed, lang)))
    text, keyboard = await listing(shared, chat.id, lang)
    try:
        await query.edit_message_text(
            text, parse_mode="HTML", reply_markup=keyboard, disable_web_page_preview=True
        )
    except BadRequest as exc:  # e.g. the message is too old to edit
        log.info("could not update the rules listing: %s", exc)
