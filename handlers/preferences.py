"""/mute, /unmute, /quiet, /digest, /rules: when and which alerts a chat gets."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ContextTypes

from bot.durations import parse_duration
from bot.lifecycle.clock import next_time_of_day, parse_hhmm, parse_quiet, parse_zone
from bot.lifecycle.state import ALL, ChatPrefs, LifecycleState
from bot.services import Services
from handlers.common import (
    esc,
    esc_argument,
    lang_of,
    reply,
    reply_usage,
    resolve_symbol,
    services,
    with_names_joined,
)
from handlers.i18n import t
from handlers.personal_list import personal_lines
from handlers.rule_text import rule_line
from rules.language import span

MUTE_MAX = timedelta(days=365)
ZONE_NAME_MAX = 64  # IANA names are about 30 characters; longer ones fail in the file system
OFF = "off"
LOCAL_TIME = {"en": "%Y-%m-%d %H:%M", "de": "%d.%m.%Y %H:%M"}

TimePref = Literal["quiet", "digest"]  # also the name of the command that sets it


def _zone(prefs: ChatPrefs, shared: Services) -> ZoneInfo:
    try:
        return parse_zone(prefs.zone) if prefs.zone else shared.config.zone
    except (ValueError, OSError):
        return shared.config.zone


def _local(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    return (
        f"{moment.astimezone(zone).strftime(LOCAL_TIME.get(lang, LOCAL_TIME['en']))} ({zone.key})"
    )


def _for_duration(delta: timedelta, lang: str) -> str:
    """How long, as it reads after "for"/"für"."""
    text = span(delta, lang)
    # span() writes German in the dative; after "für" the accusative is needed, which differs
    # only in the plural of "Tag".
    return text.replace("Tagen", "Tage") if lang == "de" else text


def _scope(argument: str, shared: Services) -> str | None:
    """The stored scope for all, a rule name or a symbol; None when unknown."""
    if argument.lower() == ALL:
        return ALL
    if argument in {rule.name for rule in shared.rules}:
        return f"rule:{argument}"
    symbol = resolve_symbol(argument, shared)
    return f"symbol:{symbol}" if symbol else None


def _shown(scope: str, lang: str) -> str:
    """A stored scope as the user reads it, escaped."""
    kind, _, name = scope.partition(":")
    if kind == "symbol":
        return esc(name)
    if kind == "rule":
        return t(lang, "scope_rule", name=esc(name))
    return t(lang, "scope_all")


async def _scope_or_reply(update: Update, argument: str, shared: Services) -> str | None:
    """The scope of `argument` (see _scope), or None after listing what is known."""
    scope = _scope(argument, shared)
    if scope is None:
        lang = lang_of(update)
        symbols = ", ".join(shared.config.watchlist) or t(lang, "none")
        rules = ", ".join(rule.name for rule in shared.rules) or t(lang, "none")
        await reply(
            update,
            t(
                lang,
                "scope_unknown",
                argument=esc_argument(argument),
                symbols=esc(symbols),
                rules=esc(rules),
            ),
        )
    return scope


async def _pref_off(
    update: Update, state: LifecycleState, chat_id: int, pref: TimePref, now: datetime
) -> None:
    """Clear a time preference and send what it held back now."""
    await state.set_pref(chat_id, pref, None)
    released = await state.reschedule(chat_id, pref, now)
    await reply(update, t(lang_of(update), f"{pref}_off", count=released))


def _time_problem(pref: TimePref, text: str, lang: str) -> str | None:
    """What is wrong with a quiet period or digest time, in the user's language; None if fine."""
    shown = esc_argument(text)
    parts = [text]
    if pref == "quiet":
        start, separator, end = text.partition("-")
        if not separator:
            return t(lang, "bad_period", text=shown)
        parts = [start, end]
    for part in parts:
        try:
            parse_hhmm(part)
        except ValueError:
            return t(lang, "bad_time", text=esc_argument(part))
    if pref == "quiet":
        try:
            parse_quiet(text)
        except ValueError:
            return t(lang, "quiet_same")
    return None


def _as_written(pref: TimePref, text: str) -> str:
    """A checked time or period as the bot writes it: "8:00" -> "08:00"."""
    parts = text.split("-") if pref == "quiet" else [text]
    return "-".join(parse_hhmm(part).strftime("%H:%M") for part in parts)


async def _time_and_zone(
    update: Update,
    pref: TimePref,
    arguments: list[str],
    prefs: ChatPrefs,
    shared: Services,
) -> ZoneInfo | None:
    """Check `TIME [ZONE]`; the zone to use (the chat's when none is given), or None after
    replying with what is wrong and the usage, in one message."""
    lang = lang_of(update)
    problem = t(lang, "too_many_arguments") if len(arguments) > 2 else None
    problem = problem or _time_problem(pref, arguments[0], lang)
    zone = _zone(prefs, shared)
    if problem is None and len(arguments) == 2:
        try:
            if len(arguments[1]) > ZONE_NAME_MAX:
                raise ValueError("too long for a zone name")
            zone = parse_zone(arguments[1])
        except (ValueError, OSError):
            problem = t(lang, "bad_zone", zone=esc_argument(arguments[1]))
    if problem is not None:
        await reply_usage(update, pref, problem)
        return None
    return zone


async def _save_time_pref(
    state: LifecycleState, chat_id: int, pref: str, arguments: list[str], zone: ZoneInfo
) -> None:
    """Store the time, and the zone when one was given with it."""
    await state.set_pref(chat_id, pref, arguments[0])
    if len(arguments) == 2:
        await state.set_pref(chat_id, "tz", zone.key)


async def mute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, shared = update.effective_chat, services(context)
    arguments = with_names_joined(list(context.args or []), shared)
    if chat is None:
        return
    lang = lang_of(update)
    if len(arguments) != 2:
        problem = None
        if len(arguments) > 2:
            problem = t(lang, "too_many_arguments")
        elif len(arguments) == 1 and _scope(arguments[0], shared) is not None:
            problem = t(lang, "missing_duration")
        await reply_usage(update, "mute", problem)
        return
    scope = await _scope_or_reply(update, arguments[0], shared)
    if scope is None:
        return
    try:
        duration = parse_duration(arguments[1])
    except ValueError:
        duration = timedelta(0)
    if not timedelta(0) < duration <= MUTE_MAX:
        await reply_usage(update, "mute", t(lang, "mute_duration"))
        return
    until = shared.clock() + duration
    await shared.store.mute(chat.id, scope, until)
    zone = _zone(await LifecycleState(shared.store).prefs(chat.id), shared)
    await reply(
        update,
        t(
            lang,
            "muted_for",
            scope=_shown(scope, lang),
            duration=_for_duration(duration, lang),
            until=esc(_local(until, zone, lang)),
        ),
    )


async def unmute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, shared = update.effective_chat, services(context)
    arguments = with_names_joined(list(context.args or []), shared)
    if chat is None:
        return
    lang = lang_of(update)
    if len(arguments) > 1:
        await reply_usage(update, "unmute", t(lang, "too_many_arguments"))
        return
    if not arguments or arguments[0].lower() == ALL:
        count = len(await shared.store.mutes(chat.id, shared.clock()))  # running ones only
        await shared.store.unmute(chat.id)
        await reply(
            update, t(lang, "unmuted_all", count=count) if count else t(lang, "nothing_muted")
        )
        return
    scope = await _scope_or_reply(update, arguments[0], shared)
    if scope is None:
        return
    ended = await shared.store.unmute(chat.id, scope)
    await reply(update, t(lang, "unmuted" if ended else "not_muted", scope=_shown(scope, lang)))


async def quiet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _time_preference(update, context, "quiet")


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _time_preference(update, context, "digest")


async def _time_preference(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pref: TimePref
) -> None:
    """`/quiet` and `/digest`: show, switch off, or set with an optional zone."""
    chat, arguments, shared = update.effective_chat, list(context.args or []), services(context)
    if chat is None:
        return
    lang, now = lang_of(update), shared.clock()
    state = LifecycleState(shared.store)
    prefs = await state.prefs(chat.id)
    if not arguments:
        await reply(update, _pref_shown(pref, prefs, shared, lang) or t(lang, f"{pref}_none"))
        return
    if arguments[0].lower() == OFF and len(arguments) == 1:
        await _pref_off(update, state, chat.id, pref, now)
        return
    zone = await _time_and_zone(update, pref, arguments, prefs, shared)
    if zone is None:
        return
    arguments[0] = _as_written(pref, arguments[0])
    await _save_time_pref(state, chat.id, pref, arguments, zone)
    when, zone_name = esc(arguments[0]), esc(zone.key)
    if pref == "quiet":
        await reply(update, t(lang, "quiet_set", period=when, zone=zone_name))
        return
    next_at = next_time_of_day(now, arguments[0], zone)
    await state.reschedule(chat.id, "digest", next_at)
    shown_next = esc(_local(next_at, zone, lang))
    await reply(update, t(lang, "digest_set", time=when, zone=zone_name, next=shown_next))


def _pref_shown(pref: TimePref, prefs: ChatPrefs, shared: Services, lang: str) -> str | None:
    """The chat's quiet hours or digest time as one sentence; None when not set."""
    zone = esc(_zone(prefs, shared).key)
    if pref == "quiet":
        return t(lang, "quiet_shown", period=esc(prefs.quiet), zone=zone) if prefs.quiet else None
    return t(lang, "digest_shown", time=esc(prefs.digest), zone=zone) if prefs.digest else None


async def rules(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, shared = update.effective_chat, services(context)
    if chat is None:
        return
    lang = lang_of(update)
    active = [rule for rule in shared.rules if rule.options.enabled]
    lines = [t(lang, "rules_title", count=len(active))]
    lines += [rule_line(rule, lang) for rule in active]
    followed = await shared.store.followed(chat.id)
    if followed:
        lines.append(t(lang, "followed_rules", rules=esc(", ".join(followed))))
    keywords = await shared.store.keyword_filters(chat.id)
    if keywords:
        written = ", ".join(f"<code>{esc(spec)}</code>" for spec in keywords)
        lines.append(t(lang, "keyword_rules_line", filters=written))
    prefs = await LifecycleState(shared.store).prefs(chat.id)
    zone = _zone(prefs, shared)
    mutes = await shared.store.mutes(chat.id, shared.clock())
    if mutes:
        lines.append(t(lang, "rules_muted"))
        lines += [
            t(lang, "muted_until", scope=_shown(scope, lang), until=esc(_local(until, zone, lang)))
            for scope, until in mutes.items()
        ]
    for pref in ("quiet", "digest"):
        shown = _pref_shown(pref, prefs, shared, lang)
        if shown:
            lines.append(shown)
    lines += await personal_lines(shared, chat.id, lang)
    await reply(update, "\n".join(lines))
