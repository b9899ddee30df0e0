"""Inline buttons under alerts (Summary, Chart, Mute 1d) and what pressing them does."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.services import Services
from handlers.chart import DEFAULT_SPAN, send_chart
from handlers.common import lang_of, reply, resolve_symbol, services
from handlers.i18n import language_of, t
from handlers.summary import summary_text
from rules.alert import Alert

log = logging.getLogger(__name__)

PREFIX = "tw"
CALLBACK_PATTERN = re.compile(rf"^{PREFIX}:(sum|chart|mute):")
MUTE_FOR = timedelta(days=1)


def alert_keyboard(alert: Alert, language: str) -> InlineKeyboardMarkup | None:
    """Buttons for an alert about one symbol; None for alerts without one."""
    if alert.symbol is None:
        return None
    lang = language_of(language)
    symbol = alert.symbol
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "button_summary"), callback_data=f"{PREFIX}:sum:{symbol}"
                ),
                InlineKeyboardButton(
                    t(lang, "button_chart"), callback_data=f"{PREFIX}:chart:{symbol}"
                ),
                InlineKeyboardButton(
                    t(lang, "button_mute"), callback_data=f"{PREFIX}:mute:{symbol}"
                ),
            ]
        ]
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    shared, lang = services(context), lang_of(update)
    # PTB passes presses without data (game buttons) to pattern handlers too.
    match = CALLBACK_PATTERN.match(query.data or "")
    if match is None:
        await query.answer(t(lang, "button_unknown"))
        return
    action, argument = match.group(1), (query.data or "")[match.end() :]
    symbol = resolve_symbol(argument, shared)
    if symbol is None:
        await query.answer(t(lang, "button_expired"))
        return
    if action == "mute":
        await mute_for_a_day(shared, chat.id, symbol)
        await query.answer(t(lang, "muted", symbol=symbol))
        return
    await query.answer()
    if action == "sum":
        await reply(update, await summary_text(shared, symbol, lang))
    else:
        await send_chart(update, shared, symbol, DEFAULT_SPAN)


async def mute_for_a_day(shared: Services, chat_id: int, symbol: str) -> None:
    until = shared.clock() + MUTE_FOR
    await shared.store.mute(chat_id, f"symbol:{symbol}", until)
