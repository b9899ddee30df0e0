"""Stage: remember when each rule fired for each symbol, then let combo rules add their alerts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot import keys
from bot.pipeline.cooldown import is_resolve_notice
from bot.store import Store
from rules.alert import Alert
from rules.base import FEED_CHAT_FIELD, Rule
from rules.types.combo import ComboRule


class ComboStage:
    def __init__(self, rules: Iterable[Rule], store: Store) -> None:
        self.combos = [rule for rule in rules if isinstance(rule, ComboRule)]
        self.redis: Any = store.redis

    async def __call__(self, alerts: list[Alert], now: datetime) -> list[Alert]:
        fired: set[tuple[str, str | None]] = {
            (alert.rule, alert.symbol)
            for alert in alerts
            # A chat's own feed fires combos for no one: their firings are shared.
            if alert.symbol and not is_resolve_notice(alert) and FEED_CHAT_FIELD not in alert.fields
        }
        await self._record(fired, now)
        added: list[Alert] = []
        for combo in self.combos:
            if not combo.options.enabled:
                continue
            symbols = sorted({s for rule, s in fired if rule in combo.options.triggers and s})
            for symbol in symbols:
                found = combo.evaluate(symbol, await self.last_fired(combo, symbol), now)
                if found is not None:
                    added.append(found)
        await self._record({(alert.rule, alert.symbol) for alert in added}, now)
        return alerts + added

    async def last_fired(self, combo: ComboRule, symbol: str) -> dict[str, datetime | None]:
        names = combo.options.components
        # One GET per key, not MGET: the keys of several rules live in different cluster slots.
        async with self.redis.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.get(keys.fired(name, symbol))
            values = await pipe.execute()
        return {
            name: None if value is None else datetime.fromtimestamp(float(value), UTC)
            for name, value in zip(names, values, strict=True)
        }

    async def _record(self, fired: set[tuple[str, str | None]], now: datetime) -> None:
        if not fired:
            return
        async with self.redis.pipeline(transaction=False) as pipe:
            for rule, symbol in fired:
                if symbol:
                    pipe.set(keys.fired(rule, symbol), now.timestamp(), ex=keys.FIRED_TTL)
            await pipe.execute()
