"""Every Redis key Tickerwatch uses, with its TTL or trim bound. Nothing else names a key."""

from __future__ import annotations

PREFIX = "tw"

DAY = 86400

SEEN_TTL = 30 * DAY  # an item id alerts once, also across restarts, for a month
FEED_STATE_TTL = 7 * DAY  # ETag / Last-Modified / body hash per feed
QUOTES_MAX = 2000  # price samples kept per symbol (~33 h at one a minute)
QUOTE_TTL = 14 * DAY
HEADLINES_MAX = 50  # newest matched headlines kept per symbol
HEADLINES_TTL = 30 * DAY
RULE_STATE_TTL = 90 * DAY
SENT_TTL = 7 * DAY  # (alert, chat) delivery marks: a retry or restart never sends twice
ALERT_TTL = 7 * DAY
OUTBOX_MAXLEN = 10_000
HEALTH_TTL = 30 * DAY
WATCH_MAX = 200  # symbols one chat may watch
CHAT_TTL = 400 * DAY  # subscriptions of a chat that never comes back expire after a year+
DELIVERY_FAILURES_MAX = 1000

OUTBOX_GROUP = "senders"


def seen(item_id: str) -> str:
    return f"{PREFIX}:seen:{item_id}"


def feed_state(feed: str) -> str:
    return f"{PREFIX}:feed:{feed}"


def quotes(symbol: str) -> str:
    """Sorted set: score = epoch seconds, member = JSON quote."""
    return f"{PREFIX}:quotes:{symbol}"


def headlines(symbol: str) -> str:
    """Sorted set: score = published epoch, member = JSON headline."""
    return f"{PREFIX}:headlines:{symbol}"


def rule_state(rule: str) -> str:
    return f"{PREFIX}:rule:{rule}"


def sent(alert_id: str, chat_id: int) -> str:
    return f"{PREFIX}:sent:{alert_id}:{chat_id}"


def outbox() -> str:
    return f"{PREFIX}:outbox"


def chat_watch(chat_id: int) -> str:
    """Set of symbols a chat watches."""
    return f"{PREFIX}:chat:{chat_id}:watch"


def chats() -> str:
    """Hash: chat id -> JSON (language, first seen); every subscriber."""
    return f"{PREFIX}:chats"


def watchers(symbol: str) -> str:
    """Set of chat ids watching a symbol."""
    return f"{PREFIX}:watchers:{symbol}"


def source_health(source: str) -> str:
    return f"{PREFIX}:health:{source}"


def delivery_failures() -> str:
    """List of final delivery failures (JSON), newest first."""
    return f"{PREFIX}:failed"
