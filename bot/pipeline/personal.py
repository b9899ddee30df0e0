"""Stage: each chat's own rules (/band, /alert) on every new quote; alerts go to that chat only."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot.models import Quote
from bot.store import Store
from rules.alert import Alert
from rules.base import PERSONAL_CHAT_FIELD
from rules.messages import compose

log = logging.getLogger(__name__)

BAND, ABOVE, BELOW = "band", "above", "below"
INSIDE = "inside"
RULE_NAMES = {BAND: "your-band", ABOVE: "your-alert", BELOW: "your-alert"}


def band_position(price: float, low: float, high: float) -> str:
    if price > high:
        return ABOVE
    if price < low:
        return BELOW
    return INSIDE


async def personal_alerts(quotes: list[Quote], store: Store, now: datetime) -> list[Alert]:
    alerts: list[Alert] = []
    for quote in quotes:
        for (chat, kind), rule in (await store.personal_rules(quote.symbol)).items():
            try:
                alert = await _evaluate(store, quote, chat, kind, rule, now)
            except (KeyError, TypeError, ValueError):
                log.warning(
                    "dropping unreadable personal rule %s:%s on %s", chat, kind, quote.symbol
                )
                await store.drop_personal_rule(chat, quote.symbol, kind)
                continue
            if alert is not None:
                alerts.append(alert)
    return alerts


async def _evaluate(
    store: Store, quote: Quote, chat: int, kind: str, rule: dict[str, Any], now: datetime
) -> Alert | None:
    fields: dict[str, Any] = {
        PERSONAL_CHAT_FIELD: chat,
        "price": quote.price,
        "currency": quote.currency,
        "kind": kind,
    }
    if kind == BAND:
        low, high = float(rule["low"]), float(rule["high"])
        previous = str(rule.get("state", INSIDE))
        current = band_position(quote.price, low, high)
        if current == previous:
            return None
        await store.set_personal_rule(chat, quote.symbol, kind, {**rule, "state": current})
        fields.update(low=low, high=high, position=current)
        key = f"{chat}:{kind}:{current}:{quote.time.isoformat()}"
    elif kind in (ABOVE, BELOW):
        level = float(rule["price"])
        crossed = quote.price >= level if kind == ABOVE else quote.price <= level
        if not crossed:
            return None
        # One message, then no longer active; kept as fired so the chat can see what happened.
        fired = {"level": level, "price": quote.price, "currency": quote.currency}
        await store.fire_personal_rule(chat, quote.symbol, kind, {**fired, "at": now.timestamp()})
        fields["level"] = level
        key = f"{chat}:{kind}:{level:g}:{quote.time.isoformat()}"
    else:
        raise ValueError(f"unknown personal rule kind {kind!r}")
    alert = Alert(
        rule=RULE_NAMES[kind],
        type="personal",
        severity="warning",
        symbol=quote.symbol,
        headline="",
        time=now,
        dedup_key=key,
        fields=fields,
    )
    alert.headline, alert.details = compose(alert, "en")
    return alert
