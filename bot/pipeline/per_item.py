"""Stage: one alert per news item (rules.merged), after cooldowns so each rule keeps its own."""

from __future__ import annotations

from datetime import datetime

from rules.alert import Alert
from rules.merged import merge


async def one_per_item(alerts: list[Alert], now: datetime) -> list[Alert]:
    by_item: dict[str, list[Alert]] = {}
    order: list[str | Alert] = []
    for alert in alerts:
        item_id = alert.fields.get("item_id")
        if not isinstance(item_id, str) or "chat" in alert.fields:
            order.append(alert)
            continue
        if item_id not in by_item:
            order.append(item_id)
        by_item.setdefault(item_id, []).append(alert)
    return [entry if isinstance(entry, Alert) else merge(by_item[entry]) for entry in order]
