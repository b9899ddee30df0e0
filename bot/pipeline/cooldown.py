"""Stage: at most one alert per (rule, symbol) per cooldown, decided from stored timestamps.

With `cooldown_max`, a re-alert that comes within twice the current cooldown doubles it (up to
the maximum); a quieter spell resets it. A resolve notice (a band alert that is back inside)
passes whenever the alert it resolves was let through, and never when that one was held back.

Polls run concurrently: `now` is the time the caller decides at (read from the clock when its
alerts reach this stage), each decision reads and writes its state without another one in
between, and a decision time earlier than the recorded one (a poll that read the clock first
but came second) counts as no time elapsed, never as a negative one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bot import keys
from bot.store import Store
from rules.alert import Alert
from rules.base import FEED_CHAT_FIELD, Rule, RuleOptions

log = logging.getLogger(__name__)


def is_resolve_notice(alert: Alert) -> bool:
    return alert.fields.get("resolved") is True


class CooldownStage:
    def __init__(self, rules: Iterable[Rule], store: Store) -> None:
        self.options: dict[str, RuleOptions] = {rule.name: rule.options for rule in rules}
        self.redis: Any = store.redis
        self.deciding = asyncio.Lock()

    async def __call__(self, alerts: list[Alert], now: datetime) -> list[Alert]:
        passed = []
        for alert in alerts:
            async with self.deciding:
                admitted = await self.admit(alert, now)
            if admitted:
                passed.append(alert)
            else:
                log.debug("cooldown holds back %s for %s", alert.rule, alert.symbol)
        return passed

    async def admit(self, alert: Alert, now: datetime) -> bool:
        options = self.options.get(alert.rule)
        if options is None:
            return True
        # A chat's own feed has cooldowns of its own: its alerts never hold back the shared ones.
        owner = alert.fields.get(FEED_CHAT_FIELD)
        key = keys.cooldown(alert.rule, alert.symbol, None if owner is None else int(owner))
        state = await self.redis.hgetall(key)
        if is_resolve_notice(alert):
            if state.get("open") != "1":
                return False
            await self.redis.hset(key, "open", "0")
            return True
        base = options.cooldown.total_seconds()
        span = float(state.get("span") or base)
        last = float(state["last"]) if "last" in state else None
        elapsed = None if last is None else max(0.0, now.timestamp() - last)
        if elapsed is not None and elapsed < span:
            return False
        ceiling = options.cooldown_max.total_seconds() if options.cooldown_max else None
        if ceiling and base and elapsed is not None and elapsed < 2 * span:
            span = min(2 * span, max(ceiling, base))
        else:
            span = base
        stamp = now.timestamp() if last is None else max(last, now.timestamp())
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"last": stamp, "span": span, "open": "1"})
            pipe.expire(key, keys.COOLDOWN_TTL)
            await pipe.execute()
        return True
