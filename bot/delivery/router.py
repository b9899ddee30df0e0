"""Stage: which chats get an alert, and what of it each chat sees.

An alert about symbols goes to their watchers; every alert of a rule goes to the chats that
follow the rule (`/follow`), so an alert about no watched symbol reaches only those. A chat
sees the part it asked for: the members about its own symbols or of rules it follows, with
its own symbols in the header and on the buttons."""

from __future__ import annotations

from bot.store import Store
from rules.alert import Alert
from rules.base import FEED_CHAT_FIELD, PERSONAL_CHAT_FIELD
from rules.merged import narrowed, rules_of, symbols_of

# Chats whose own exclude filters (/keyword add -WORD) match the alert's news item.
EXCLUDED_CHATS_FIELD = "excluded_chats"


def own_chat(alert: Alert) -> bool:
    """An alert of a chat's own rule or feed: that chat gets all of it, and no one else."""
    return PERSONAL_CHAT_FIELD in alert.fields or FEED_CHAT_FIELD in alert.fields


async def recipients(alert: Alert, store: Store) -> list[int]:
    excluded = {int(chat) for chat in alert.fields.get(EXCLUDED_CHATS_FIELD) or ()}
    personal = alert.fields.get(PERSONAL_CHAT_FIELD, alert.fields.get(FEED_CHAT_FIELD))
    if personal is not None:
        return [] if int(personal) in excluded else [int(personal)]
    chats: set[int] = set()
    for symbol in symbols_of(alert):
        chats.update(await store.watchers(symbol))
    for rule in rules_of(alert):
        chats.update(await store.followers(rule))
    return sorted(chats - excluded)


def concerns_several(alert: Alert) -> bool:
    """Whether chats may see different parts of the alert (cheap: no Redis)."""
    return len(symbols_of(alert)) > 1 or len(rules_of(alert)) > 1


async def view_for(alert: Alert, chat_id: int, store: Store) -> Alert | None:
    """What of `alert` the chat asked for; None when nothing (it stopped watching meanwhile)."""
    if own_chat(alert) or not concerns_several(alert):
        return alert
    watched = set(await store.watched(chat_id))
    followed = set(await store.followed(chat_id))

    def keep(member: Alert) -> list[str] | None:
        symbols = symbols_of(member)
        own = [symbol for symbol in symbols if symbol in watched]
        if own:
            return own
        return symbols if member.rule in followed else None

    return narrowed(alert, keep)
