"""Stage: which chats get an alert. A symbol's alerts go to its watchers; alerts without a
symbol go to every subscriber."""

from __future__ import annotations

from bot.store import Store
from rules.alert import Alert

PERSONAL_CHAT_FIELD = "chat"  # an alert from a chat's own rule goes to that chat alone


async def recipients(alert: Alert, store: Store) -> list[int]:
    personal = alert.fields.get(PERSONAL_CHAT_FIELD)
    if personal is not None:
        return [int(personal)]
    if alert.symbol is None:
        return await store.subscribers()
    # An event about several watched symbols (a partnership) is one alert for all their watchers.
    symbols = alert.fields.get("symbols") or [alert.symbol]
    chats: set[int] = set()
    for symbol in symbols:
        chats.update(await store.watchers(symbol))
    return sorted(chats)
