"""Every Redis key Tickerwatch uses, with its TTL or trim bound. Nothing else names a key.

Redis Cluster: a MULTI/EXEC, a Lua script or a multi-key command may only touch keys of one hash
slot. Keys one such step uses together carry the same `slot_tag` (only the text inside the first
braces of a name is hashed), placed before any part that comes from data; other keys need no
tag and spread over the cluster. Steps that must touch keys of several slots run one
key (or one tag) at a time, in an order that a crash between two of them leaves harmless.
"""

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
SENDING_TTL = SENT_TTL  # a send begun and not finished; it matters only while a mark could
CONSUMER_ALIVE_TTL = 5  # seconds: an outbox consumer whose key lapsed is dead; others take over
OUTBOX_MAXLEN = 10_000
HEALTH_TTL = 30 * DAY
WATCH_MAX = 200  # symbols one chat may watch
FOLLOW_MAX = 50  # rules one chat may follow
CHAT_TTL = 400 * DAY  # subscriptions of a chat that never comes back expire after a year+
DELIVERY_FAILURES_MAX = 1000
RECENT_ALERTS_MAX = 100  # the status page's list of the latest alerts

OUTBOX_GROUP = "senders"

# Processes sharing one Redis: the getUpdates lease lapses this long after its holder stopped
# renewing it (it died), and a process is listed until it was not seen for PROCESS_ALIVE_TTL.
UPDATES_LEASE_TTL = 10  # seconds
PROCESS_ALIVE_TTL = 15  # seconds: a process not seen for this long is no longer listed


def slot_tag(name: str) -> str:
    """The hash tag that puts every key naming it in one slot: f"{PREFIX}:{slot_tag(x)}:..."."""
    if not name or "{" in name or "}" in name:
        raise ValueError(f"a slot tag needs a name without braces, not {name!r}")
    return "{" + name + "}"


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


def sending(alert_id: str, chat_id: int) -> str:
    """Set just before a send and cleared once its outcome is known: left behind, it names a
    send that was in flight when the process died (it may have reached the chat)."""
    return f"{PREFIX}:sending:{alert_id}:{chat_id}"


OUTBOX_PRIORITIES = ("critical", "warning", "info")  # read in this order


def outbox(priority: str) -> str:
    """Stream of the alerts of one severity waiting to be sent. The outbox keys share a hash
    tag: one transaction or script may use several of them."""
    return f"{PREFIX}:{{outbox}}:{priority}"


def outbox_latest() -> str:
    """Hash: what an alert supersedes (rule, symbol, chat) -> id of the newest alert queued for
    it; an older one still queued is dropped when read. Renewed on each write."""
    return f"{PREFIX}:{{outbox}}:latest"


OUTBOX_LATEST_TTL = 7 * DAY


def legacy_outbox() -> str:
    """The single outbox stream of earlier versions; moved into the priority streams at start."""
    return f"{PREFIX}:outbox"


def send_slots(token_fingerprint: str) -> str:
    """Microseconds (Redis clock) of a bot token's next free send slot; expires when idle. The
    hash tag puts it in one cluster slot with the token's chat slots, which one script uses."""
    return f"{PREFIX}:{{pace:{token_fingerprint}}}:all"


def chat_send_slots(token_fingerprint: str, chat: int | str) -> str:
    """Microseconds of the next free send slot of one chat for one bot token."""
    return f"{PREFIX}:{{pace:{token_fingerprint}}}:chat:{chat}"


def outbox_consumer(consumer: str) -> str:
    """The token ("host pid nonce") of the process reading the outbox as this consumer; renewed
    every second or so while that process lives."""
    return f"{PREFIX}:consumer:{consumer}"


def poll_turn(source: str) -> str:
    """ "<turn> <busy|done> <poller>": the poll turn of a feed (or of the prices) last taken,
    and by which process; busy while that poll runs."""
    return f"{PREFIX}:turn:{source}"


def updates_lease() -> str:
    """The process that polls Telegram's getUpdates (only one may); renewed while it runs."""
    return f"{PREFIX}:lease:updates"


def processes() -> str:
    """Hash: process id -> JSON {role, host, pid, seen (epoch)}, renewed while each runs."""
    return f"{PREFIX}:processes"


def chat_watch(chat_id: int) -> str:
    """Set of symbols a chat watches."""
    return f"{PREFIX}:chat:{chat_id}:watch"


def chats() -> str:
    """Hash: chat id -> JSON (language, first seen); every subscriber."""
    return f"{PREFIX}:chats"


def watchers(symbol: str) -> str:
    """Set of chat ids watching a symbol."""
    return f"{PREFIX}:watchers:{symbol}"


def channels() -> str:
    """Set of the chat ids of Telegram channels alerts are published to (/channel, config)."""
    return f"{PREFIX}:channels"


def chat_follows(chat_id: int) -> str:
    """Set of rule names a chat follows: it gets every alert of those rules."""
    return f"{PREFIX}:chat:{chat_id}:follows"


def followers(rule: str) -> str:
    """Set of chat ids following a rule."""
    return f"{PREFIX}:followers:{rule}"


def source_health(source: str) -> str:
    return f"{PREFIX}:health:{source}"


def recent_alerts() -> str:
    """List, newest first: JSON alerts as they were queued, for the status page."""
    return f"{PREFIX}:recent-alerts"


def delivery_failures() -> str:
    """List of final delivery failures (JSON), newest first."""
    return f"{PREFIX}:failed"


# -- analyst targets and stories ------------------------------------------------------------------

TARGETS_TTL = 180 * DAY  # a broker's last target per symbol; older views are stale anyway
TARGETS_MAX = 100  # brokers kept per symbol
CONSENSUS_TTL = 90 * DAY
STORY_TTL = 3 * DAY  # the same event reported again within this window is the same story
STORY_SOURCES_MAX = 20  # sources remembered per story
RECENT_TITLES_MAX = 500
RECENT_TITLES_TTL = 2 * DAY


def targets(symbol: str) -> str:
    """Hash: broker (normalised) -> JSON TargetRecord."""
    return f"{PREFIX}:targets:{symbol}"


def consensus(symbol: str) -> str:
    return f"{PREFIX}:consensus:{symbol}"


def story(key: str) -> str:
    return f"{PREFIX}:story:{key}"


def story_sources(key: str) -> str:
    """List of the sources that repeated a story."""
    return f"{PREFIX}:story:{key}:also"


def recent_titles() -> str:
    """Sorted set of recent title fingerprints ("time item-id words") for near-duplicate
    headlines, scored by their number in the order they came."""
    return f"{PREFIX}:{slot_tag('titles')}:list"


def recent_titles_numbering() -> str:
    """Hash: `last`, the number of the newest title, and `epoch`, when the numbering began; a
    Redis that lost the titles starts another numbering, which tells readers to read anew."""
    return f"{PREFIX}:{slot_tag('titles')}:numbering"


# -- telegram: topics, personal rules, command flood limit ---------------------------------------

PERSONAL_TTL = 400 * DAY  # like subscriptions: a chat that never comes back expires
FLOOD_WINDOW_S = 60  # per-user command counters live one window
TOPICS_TTL = CHAT_TTL
ALERT_EVENTS_MAX = 500  # alert markers kept per symbol for charts
ALERT_EVENTS_TTL = 35 * DAY
CHAT_ADMINS_TTL = 300  # a group's administrators as Telegram last told them, asked again after
PERSONAL_FIRED_TTL = 30 * DAY  # a fired one-shot /alert stays listed (as fired) this long


def chat_topics(chat_id: int) -> str:
    """Hash: symbol (or "*" for alerts without one) -> forum topic id in a group chat."""
    return f"{PREFIX}:chat:{chat_id}:topics"


def personal_rules(symbol: str) -> str:
    """Hash: "<chat>:<kind>" -> JSON personal rule (band, above, below) on this symbol."""
    return f"{PREFIX}:personal:{symbol}"


def chat_personal_symbols(chat_id: int) -> str:
    """Set of the symbols the chat set a personal rule on: finds them when a reload took the
    symbol off the watchlist, so that they stay listed and removable."""
    return f"{PREFIX}:chat:{chat_id}:personal"


def personal_fired(chat_id: int) -> str:
    """Hash: "<symbol>:<kind>" -> JSON {price, level, at} of a chat's one-shot alert that fired."""
    return f"{PREFIX}:chat:{chat_id}:fired"


def chat_admins(chat_id: int) -> str:
    """JSON {at, admins}: a group's administrator user ids and when Telegram was asked."""
    return f"{PREFIX}:chat:{chat_id}:admins"


def command_flood(user_id: int, window: int) -> str:
    """Counter of commands from one user in one window (expires with it)."""
    return f"{PREFIX}:flood:{user_id}:{window}"


def alert_events(symbol: str) -> str:
    """Sorted set: score = alert epoch, member = JSON {id, rule, severity, price}."""
    return f"{PREFIX}:events:{symbol}"


# -- lifecycle: cooldowns, firings, quote guard, mutes, quiet hours, digests, pending ------------

COOLDOWN_TTL = 30 * DAY  # last alert per (rule, symbol); refreshed on every alert
FIRED_TTL = 7 * DAY  # last firing per (rule, symbol), for combos (their window is at most this)
QUOTE_SUSPECT_TTL = 90 * DAY  # a suspected glitch level per symbol, until confirmed or reverted
PREFS_TTL = CHAT_TTL  # quiet hours, digest time and time zone of a chat
MUTES_TTL_MAX = 366 * DAY  # a mute lasts at most a year; the hash expires with its last mute
PENDING_TTL = 8 * DAY  # alerts held for grouping, quiet hours or the digest (digest: daily)
PENDING_MAX = 1000  # held alerts per chat; the oldest beyond this are sent at once


def cooldown(rule: str, symbol: str | None, feed_chat: int | None = None) -> str:
    """Hash: last (epoch of the last alert), span (current cooldown, s), open (a firing sent).
    Alerts from a chat's own feed (`feed_chat`) have their own."""
    scope = "" if feed_chat is None else f":chat:{feed_chat}"
    return f"{PREFIX}:cooldown:{rule}:{symbol or '*'}{scope}"


def fired(rule: str, symbol: str) -> str:
    """Epoch seconds of the rule's last firing for the symbol."""
    return f"{PREFIX}:fired:{rule}:{symbol}"


def quote_suspect(symbol: str) -> str:
    """Hash: price and since (epoch) of a price level held back as a suspected glitch."""
    return f"{PREFIX}:suspect:{symbol}"


def chat_prefs(chat_id: int) -> str:
    """Hash: quiet (HH:MM-HH:MM), digest (HH:MM), tz (IANA name)."""
    return f"{PREFIX}:chat:{chat_id}:prefs"


def chat_chosen_language(chat_id: int) -> str:
    """The language the chat chose with /lang ("en", "de"); absent: its users' Telegram one."""
    return f"{PREFIX}:chat:{chat_id}:lang"


def chat_moved_from(chat_id: int) -> str:
    """The id a supergroup had as a group before its upgrade, kept CHAT_TTL: an allow-list that
    names the group admits the supergroup."""
    return f"{PREFIX}:chat:{chat_id}:moved_from"


def chat_mutes(chat_id: int) -> str:
    """Hash: scope ("all", "symbol:BABA", "rule:name") -> epoch seconds the mute ends."""
    return f"{PREFIX}:chat:{chat_id}:mutes"


def pending(chat_id: int) -> str:
    """Sorted set: JSON {kind, alert} -> epoch seconds at which it is due to be sent."""
    return f"{PREFIX}:chat:{chat_id}:pending"


def group_due(chat_id: int) -> str:
    """Epoch seconds at which the chat's open group is sent; expires with it."""
    return f"{PREFIX}:chat:{chat_id}:group"


def pending_chats() -> str:
    """Sorted set: chat id -> its earliest due time; a chat leaves it when flushed."""
    return f"{PREFIX}:pending"


# -- charts: price history from the provider, symbols it does not know ---------------------------

HISTORY_TTL = 120  # seconds: repeated /chart calls are answered without asking the provider
UNKNOWN_SYMBOL_TTL = 3 * 3600  # outlives the poller's longest pause before asking again (1 h)


def price_history(symbol: str, period: str) -> str:
    """JSON price history of one chart period (e.g. "1d") as the provider answered it."""
    return f"{PREFIX}:history:{symbol}:{period}"


def unknown_symbol(symbol: str) -> str:
    """Set while the price provider answers that it does not know the symbol."""
    return f"{PREFIX}:unknown:{symbol}"


# -- feeds added from Telegram (/addfeed, /import) ----------------------------------------------

STORED_FEEDS_TTL = CHAT_TTL  # a chat's feeds, renewed on each change; like its subscriptions
SHARED_FEEDS_MAX = 10_000  # shared feeds added by admins; a chat's own are capped by the config
SHARED_OWNER = "shared"


def stored_feeds(owner: int | None) -> str:
    """Hash: feed name -> JSON StoredFeed, of one chat (or of the shared set, owner None)."""
    return f"{PREFIX}:feeds:{SHARED_OWNER if owner is None else owner}"


def feed_owners() -> str:
    """Set of the owners ("shared" or a chat id) that have stored feeds."""
    return f"{PREFIX}:feeds:owners"


# -- a chat's own keyword filters (/keyword) -----------------------------------------------------

KEYWORDS_MAX = 30  # include and exclude filters of one chat together
KEYWORD_LENGTH_MAX = 100  # characters of one word, phrase or expression
KEYWORDS_TTL = CHAT_TTL  # renewed on each change, like the chat's subscriptions


def chat_keywords() -> str:
    """Hash: chat id -> JSON list of the chat's keyword filters, as written ("-rumour", "/x+/")."""
    return f"{PREFIX}:keywords"


# -- WebSub: subscriptions to the hubs feeds advertise -------------------------------------------

WEBSUB_NO_HUB_TTL = DAY  # a feed without a hub is looked at again after this
WEBSUB_PENDING_TTL = 3600  # a subscription the hub never verified is tried again after this


def websub_subscription(token: str) -> str:
    """Hash: feed, topic, hub, secret, state (pending, active), expires (epoch); `token` is the
    last part of its callback URL. Expires with its lease."""
    return f"{PREFIX}:websub:{token}"


def websub_feeds() -> str:
    """Hash: feed key -> the token of its subscription."""
    return f"{PREFIX}:websub:feeds"


def websub_no_hub(feed: str) -> str:
    """Set while the feed was found to advertise no hub (its URL as the value)."""
    return f"{PREFIX}:websub:nohub:{feed}"
