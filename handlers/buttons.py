"""Inline buttons under alerts (Summary, Chart, Mute 1d / Unmute) and under the /mine listing
(remove), and what pressing them does."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.services import Services
from handlers.access import may_change_settings
from handlers.chart import DEFAULT_SPAN, send_chart
from handlers.common import lang_of, reply, resolve_symbol, services
from handlers.i18n import language_of, t
from handlers.personal_list import REMOVE, remove_pressed
from handlers.summary import summary_text
from rules.alert import Alert
from rules.merged import symbols_of

log = logging.getLogger(__name__)

PREFIX = "tw"
CALLBACK_PATTERN = re.compile(rf"^{PREFIX}:(sum|chart|mute|unmute|{REMOVE}):")
CHANGING = frozenset({"mute", "unmute", REMOVE})  # in groups only for the group's admins
MUTE_FOR = timedelta(days=1)
ROWS_MAX = 3  # symbols with buttons under one alert


def alert_keyboard(alert: Alert, language: str) -> InlineKeyboardMarkup | None:
    """Buttons for the symbols an alert is about, as the chat sees it (a row each, named when
    there are several); None for alerts about no symbol."""
    symbols = symbols_of(alert)[:ROWS_MAX]
    if not symbols:
        return None
    lang, named = language_of(language), len(symbols) > 1
    return InlineKeyboardMarkup([_row(symbol, lang, named) for symbol in symbols])


def _row(symbol: str, lang: str, named: bool) -> list[InlineKeyboardButton]:
    def label(key: str) -> str:
        return f"{t(lang, key)} {symbol}" if named else t(lang, key)

    return [
        InlineKeyboardButton(label("button_summary"), callback_data=f"{PREFIX}:sum:{symbol}"),
        InlineKeyboardButton(label("button_chart"), callback_data=f"{PREFIX}:chart:{symbol}"),
        mute_button(symbol, lang, muted=False, named=named),
    ]


def mute_button(
    symbol: str, lang: str, *, muted: bool, named: bool = False
) -> InlineKeyboardButton:
    """Mute 1d, or Unmute once the symbol was muted with it."""
    action, key = ("unmute", "button_unmute") if muted else ("mute", "button_mute")
    text = f"{t(lang, key)} {symbol}" if named else t(lang, key)
    return InlineKeyboardButton(text, callback_data=f"{PREFIX}:{action}:{symbol}")


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
    if action in CHANGING and not await may_change_settings(update, context):
        return
    if action == REMOVE:
        await remove_pressed(update, shared, argument)
        return
    symbol = resolve_symbol(argument, shared)
    if symbol is None:
        await query.answer(t(lang, "button_expired"))
        return
    if action in ("mute", "unmute"):
        await _toggle_mute(query, shared, chat.id, symbol, lang, mute=action == "mute")
        return
    await query.answer()
    if action == "sum":
        await reply(update, await summary_text(shared, symbol, lang))
    else:
        await send_chart(update, shared, symbol, DEFAULT_SPAN)


async def _toggle_mute(
    query: CallbackQuery, shared: Services, chat_id: int, symbol: str, lang: str, *, mute: bool
) -> None:
    if mute:
        await mute_for_a_day(shared, chat_id, symbol)
        await query.answer(t(lang, "muted", symbol=symbol))
    else:
        await shared.store.unmute(chat_id, f"symbol:{symbol}")
        await query.answer(t(lang, "unmuted", scope=symbol))
    # The buttons stay in the language the alert was written in: the chat's.
    await _show_mute_state(query, symbol, await shared.store.chat_language(chat_id), muted=mute)


async def _show_mute_state(query: CallbackQuery, symbol: str, lang: str, *, muted: bool) -> None:
    """Turn the message's Mute 1d button into Unmute, or back."""
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return  # too old to edit, or sent without buttons
    toggles = {f"{PREFIX}:mute:{symbol}", f"{PREFIX}:unmute:{symbol}"}
    rows = [
        [
            mute_button(symbol, language_of(lang), muted=muted, named=button.text.endswith(symbol))
            if button.callback_data in toggles
            else button
            for button in row
        ]
        for row in message.reply_markup.inline_keyboard
    ]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest as exc:  # e.g. pressed twice: the markup is already the wanted one
        log.info("could not update the mute button: %s", exc)


async def mute_for_a_day(shared: Services, chat_id: int, symbol: str) -> None:
    until = shared.clock() + MUTE_FOR
    await shared.store.mute(chat_id, f"symbol:{symbol}", until)
