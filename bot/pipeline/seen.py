"""Stage: only items never seen before continue (also across restarts).

Items are marked seen only after their alerts are in the outbox, so a crash in between
repeats the work instead of losing alerts; delivery is idempotent per (alert, chat).
"""

from __future__ import annotations

from bot.models import NewsItem
from bot.store import Store


async def only_new(items: list[NewsItem], store: Store) -> list[NewsItem]:
    unique = list({item.id: item for item in items}.values())
    fresh = await store.unseen([item.id for item in unique])
    return [item for item, is_new in zip(unique, fresh, strict=True) if is_new]


async def mark_seen(items: list[NewsItem], store: Store) -> None:
    await store.mark_seen([item.id for item in items])
