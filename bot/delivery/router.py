"""Stage: which chats get an alert. A symbol's alerts go to its watchers; alerts without a
symbol go to every subscriber."""

from __future__ import annotations

from bot.store import Store
from rules.alert import Alert


async def recipients(alert: Alert, store: Store) -> list[int]:
    if alert.symbol is None:
        return await store.subscribers()
    return await store.watchers(alert.symbol)
