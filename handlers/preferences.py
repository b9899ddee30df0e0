"""/mute, /unmute, /quiet, /digest, /rules: when and which alerts a chat gets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ContextTypes

from bot.durations import format_duration, parse_duration
from bot.lifecycle.clock import next_time_of_day, parse_hhmm, parse_quiet, parse_zone
from bot.lifecycle.state import ALL, ChatPrefs, Kind, LifecycleState
from bot.services import Services
from handlers.common import esc, reply, reply_usage, resolve_symbol, services

MUTE_MAX = timedelta(days=365)
OFF = "off"


def _zone(prefs: ChatPrefs, shared: Services) -> ZoneInfo:
    try:
        return parse_zone(prefs.zone) if prefs.zone else shared.config.zone
    except ValueError:
        return shared.config.zone


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} ({zone.key})"


def _scope(argument: str, shared: Services) -> tuple[str, str] | None:
    """(stored scope, how to show it) for all, a rule name or a symbol; None when unknown."""
    if argument.lower() == ALL:
        return ALL, "all alerts"
    if argument in {rule.name for rule in shared.rules}:
        return f"rule:{argument}", f"rule {argument}"
    symbol = resolve_symbol(argument, shared)
    return (f"symbol:{symbol}", symbol) if symbol else None


def _shown(scope: str) -> str:
    kind, _, name = scope.partition(":")
    return {"symbol": name, "rule": f"rule {name}"}.get(kind, "all alerts")


async def _scope_or_reply(
    update: Update, argument: str, shared: Services
) -> tuple[str, str] | None:
    """The scope of `argument` (see _scope), or None after listing what is known."""
    scope = _scope(argument, shared)
    if scope is None:
        symbols = ", ".join(shared.config.watchlist) or "none"
        rules = ", ".join(rule.name for rule in shared.rules) or "none"
        await reply(
            update,
            f"I know no symbol or rule <b>{esc(argument[:40])}</b>.\n"
            f"Symbols: {esc(symbols)}\nRules: {esc(rules)}",
        )
    return scope


async def _pref_off(
    update: Update, state: LifecycleState, chat_id: int, pref: Kind, label: str, now: datetime
) -> None:
    """Clear a time preference and send what it held back now."""
    await state.set_pref(chat_id, pref, None)
    released = await state.reschedule(chat_id, pref, now)
    await reply(update, f"{label} off. {released} held alert(s) are on their way.")


async def _time_and_zone(
    update: Update,
    command: str,
    arguments: list[str],
    parse_time: Callable[[str], object],
    prefs: ChatPrefs,
    shared: Services,
) -> ZoneInfo | None:
    """Check `TIME [ZONE]`; the zone to use (the chat's when none is given), or None after
    replying with the error and the usage."""
    try:
        if len(arguments) > 2:
            raise ValueError("too many arguments")
        parse_time(arguments[0])
        return parse_zone(arguments[1]) if len(arguments) == 2 else _zone(prefs, shared)
    except ValueError as exc:
        await reply(update, esc(str(exc)))
        await reply_usage(update, command)
        return None


async def _save_time_pref(
    state: LifecycleState, chat_id: int, pref: str, arguments: list[str], zone: ZoneInfo
) -> None:
    """Store the time, and the zone when one was given with it."""
    await state.set_pref(chat_id, pref, arguments[0])
    if len(arguments) == 2:
        await state.set_pref(chat_id, "tz", zone.key)


async def mute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, arguments, shared = update.effective_chat, list(context.args or []), services(context)
    if chat is None:
        return
    if len(arguments) != 2:
        await reply_usage(update, "mute")
        return
    scope = await _scope_or_reply(update, arguments[0], shared)
    if scope is None:
        return
    try:
        duration = parse_duration(arguments[1])
    except ValueError:
        duration = timedelta(0)
    if not timedelta(0) < duration <= MUTE_MAX:
        await reply(
            update, "Give a duration from 1m to 365d, e.g. <code>2h</code> or <code>1d</code>."
        )
        await reply_usage(update, "mute")
        return
    until = shared.clock() + duration
    await shared.store.mute(chat.id, scope[0], until)
    zone = _zone(await LifecycleState(shared.store).prefs(chat.id), shared)
    await reply(
        update,
        f"Muted {esc(scope[1])} for {format_duration(duration)}, until {esc(_local(until, zone))}.",
    )


async def unmute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, arguments, shared = update.effective_chat, list(context.args or []), services(context)
    if chat is None:
        return
    if len(arguments) > 1:
        await reply_usage(update, "unmute")
        return
    if not arguments or arguments[0].lower() == ALL:
        count = len(await shared.store.mutes(chat.id, shared.clock()))  # running ones only
        await shared.store.unmute(chat.id)
        await reply(update, f"All mutes ended ({count})." if count else "Nothing was muted.")
        return
    scope = await _scope_or_reply(update, arguments[0], shared)
    if scope is None:
        return
    ended = await shared.store.unmute(chat.id, scope[0])
    text = f"{scope[1]} is no longer muted." if ended else f"{scope[1]} was not muted."
    await reply(update, esc(text))


async def quiet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, arguments, shared = update.effective_chat, list(context.args or []), services(context)
    if chat is None:
        return
    state = LifecycleState(shared.store)
    prefs = await state.prefs(chat.id)
    if not arguments:
        shown = f"Quiet hours: {esc(prefs.quiet)} ({_zone(prefs, shared).key})."
        await reply(update, shown if prefs.quiet else "No quiet hours set.")
        return
    if arguments[0].lower() == OFF and len(arguments) == 1:
        await _pref_off(update, state, chat.id, "quiet", "Quiet hours", shared.clock())
        return
    zone = await _time_and_zone(update, "quiet", arguments, parse_quiet, prefs, shared)
    if zone is None:
        return
    await _save_time_pref(state, chat.id, "quiet", arguments, zone)
    await reply(
        update,
        f"Quiet hours {esc(arguments[0])} ({esc(zone.key)}): alerts wait until they end; "
        "critical alerts of rules with break_quiet still come through.",
    )


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, arguments, shared = update.effective_chat, list(context.args or []), services(context)
    if chat is None:
        return
    state = LifecycleState(shared.store)
    prefs = await state.prefs(chat.id)
    now = shared.clock()
    if not arguments:
        shown = f"Daily digest at {esc(prefs.digest)} ({_zone(prefs, shared).key})."
        await reply(update, shown if prefs.digest else "No digest set.")
        return
    if arguments[0].lower() == OFF and len(arguments) == 1:
        await _pref_off(update, state, chat.id, "digest", "Digest", now)
        return
    zone = await _time_and_zone(update, "digest", arguments, parse_hhmm, prefs, shared)
    if zone is None:
        return
    await _save_time_pref(state, chat.id, "digest", arguments, zone)
    next_at = next_time_of_day(now, arguments[0], zone)
    await state.reschedule(chat.id, "digest", next_at)
    await reply(
        update,
        f"Daily digest at {esc(arguments[0])} ({esc(zone.key)}); info alerts wait for it. "
        f"Next: {esc(_local(next_at, zone))}.",
    )


async def rules(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, shared = update.effective_chat, services(context)
    if chat is None:
        return
    active = [rule for rule in shared.rules if rule.options.enabled]
    lines = [f"<b>Active rules</b> ({len(active)})"]
    lines += [f"• {esc(rule.describe())} [{rule.options.severity}]" for rule in active]
    prefs = await LifecycleState(shared.store).prefs(chat.id)
    zone = _zone(prefs, shared)
    mutes = await shared.store.mutes(chat.id, shared.clock())
    if mutes:
        lines.append("<b>Muted</b>")
        lines += [
            f"• {esc(_shown(scope))} until {esc(_local(until, zone))}"
            for scope, until in mutes.items()
        ]
    if prefs.quiet:
        lines.append(f"Quiet hours: {esc(prefs.quiet)} ({esc(zone.key)})")
    if prefs.digest:
        lines.append(f"Digest: {esc(prefs.digest)} ({esc(zone.key)})")
    await reply(update, "\n".join(lines))
