"""/status for everyone; /stats and /reload for admins."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ContextTypes

from bot.config import PRICES
from bot.redact import redact
from bot.redis_watch import RedisHealth
from bot.roles import roles_line
from handlers.common import esc, lang_of, reply, services
from handlers.i18n import t
from handlers.subscriptions import is_admin
from handlers.summary import stamp

log = logging.getLogger(__name__)

RELOAD = "reload"  # bot_data: the App's reload coroutine function, when it has one
ERROR_SHOWN_MAX = 300
# How bot.sources.http.SourceError writes itself: "kind: message", also after "SYMBOL: ".
_KIND = re.compile(r"(?:^|: )(timeout|connect|http|too_large|parse|not_found|api|redirect): ")
_HTTP_STATUS = re.compile(r"\bHTTP (\d{3})\b")

Reload = Callable[[], Awaitable[object]]


def error_kind(error: str, source: str, lang: str) -> str:
    """What went wrong, in a few words and without the URL: "timeout", "HTTP 500"."""
    match = _KIND.search(error)
    kind = match.group(1) if match else "other"
    status = _HTTP_STATUS.search(error) if kind in ("http", "other") else None
    if status is not None:
        return f"HTTP {status.group(1)}"
    if kind == "parse" and source != PRICES and not source.startswith(f"{PRICES}:"):
        kind = "not_a_feed"
    return t(lang, f"error_kind_{kind}")


def _sees_details(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Details (URLs, even redacted, and raw errors) only for an admin in a private chat: in a
    group everyone present would read them."""
    chat = update.effective_chat
    return chat is not None and chat.type == "private" and is_admin(update, services(context))


def redis_line(health: RedisHealth, zone: ZoneInfo, lang: str) -> str:
    """The store's state, from the Redis watch (so it is known while Redis itself is away)."""
    if not health.up:
        since = stamp(health.down_since, zone) if health.down_since else "?"
        return t(lang, "status_redis_down", since=since)
    if health.out_of_memory:
        return t(lang, "status_redis_full")
    if health.last_outage is None:
        return t(lang, "status_redis_up")
    began, ended = health.last_outage
    return t(
        lang,
        "status_redis_recovered",
        count=health.outages,
        lasted=f"{(ended - began).total_seconds():.0f}",
        ended=stamp(ended, zone),
    )


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    shared, lang = services(context), lang_of(update)
    details = _sees_details(update, context)
    config = shared.config
    store_line = redis_line(shared.redis, config.zone, lang)
    if not shared.redis.up:
        await reply(update, store_line)
        return
    roles = roles_line([info.role for info in await shared.store.running_processes(shared.clock())])
    if roles:
        store_line += "\n" + t(lang, "status_processes", roles=esc(roles))
    sources = [feed.name for feed in config.sources.feeds if feed.enabled]
    sources += [source.key for source in config.sources.all_prices if source.enabled]
    if not sources:
        await reply(update, f"{store_line}\n{t(lang, 'status_none')}")
        return
    lines = [store_line, t(lang, "status_title")]
    for name in sources:
        health = await shared.store.source_health(name)
        streak = int(health.get("consecutive_failures", 0) or 0)
        success = health.get("last_success")
        when = stamp(datetime.fromisoformat(success), config.zone) if success else t(lang, "never")
        icon = "🟢" if success and streak == 0 else ("🔴" if streak else "⚪")
        lines.append(
            t(
                lang,
                "status_line",
                icon=icon,
                name=esc(name),
                success=when,
                failures=int(health.get("failures", 0) or 0),
                streak=streak,
            )
        )
        last_error = health.get("last_error")
        if last_error:
            # Redacted before it is cut, so a cut never leaves half a secret unmasked.
            shown = redact(last_error)[:ERROR_SHOWN_MAX] if details else None
            error = shown or error_kind(last_error, name, lang)
            lines.append(t(lang, "status_error", error=esc(error)))
    await reply(update, "\n".join(lines))


async def _refused(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    if is_admin(update, services(context)):
        return False
    await reply(update, t(lang_of(update), "admin_only"))
    return True


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await _refused(update, context):
        return
    shared = services(context)
    store = shared.store
    counts = await store.telegram_stats()
    subscribers = await store.subscribers()
    symbols = [symbol for symbol in shared.config.watchlist if await store.watchers(symbol)]
    personal = 0
    for symbol in shared.config.watchlist:
        personal += len(await store.personal_rules(symbol))
    await reply(
        update,
        t(
            lang_of(update),
            "stats",
            chats=counts["chats"],
            subscribers=len(subscribers),
            symbols=len(symbols),
            personal=personal,
            outbox=counts["outbox"],
            failed=counts["failed"],
        ),
    )


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await _refused(update, context):
        return
    lang = lang_of(update)
    reload: Reload | None = context.application.bot_data.get(RELOAD)
    if reload is None:
        await reply(update, t(lang, "reload_unavailable"))
        return
    try:
        await reload()
    except Exception as exc:
        log.warning("reload failed: %s", exc)
        shown = redact(str(exc))[: ERROR_SHOWN_MAX * 3]
        await reply(update, t(lang, "reload_failed", error=esc(shown)))
        return
    await reply(update, t(lang, "reload_done"))
