"""`consensus`: the analysts' consensus target or their buy/hold/sell split changed by more than X.

The first consensus seen for a symbol is only remembered: a change needs something to compare.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import Field, model_validator

from bot.models import NewsItem
from rules.alert import Alert
from rules.base import FiniteFloat, Rule, RuleContext, RuleOptions
from rules.events import Consensus, Event
from rules.registry import register


class ConsensusOptions(RuleOptions):
    type: Literal["consensus"] = "consensus"
    target_change_pct: FiniteFloat | None = Field(default=5.0, gt=0)
    split_change_pts: FiniteFloat | None = Field(default=10.0, gt=0, le=100)  # buy/sell pts

    @model_validator(mode="after")
    def _has_condition(self) -> ConsensusOptions:
        if self.target_change_pct is None and self.split_change_pts is None:
            raise ValueError("give target_change_pct or split_change_pts (or both)")
        return self


def _target(values: dict[str, Any]) -> float | None:
    found = values.get("mean_target") or values.get("median_target")
    return float(found) if found else None


def _shares(values: dict[str, Any]) -> tuple[float, float] | None:
    """(buy %, sell %) of all ratings, or None without a split."""
    counts = [values.get(name) for name in ("buy", "hold", "sell")]
    buy, hold, sell = (count if isinstance(count, int) else -1 for count in counts)
    if min(buy, hold, sell) < 0:
        return None
    total = buy + hold + sell
    if not total:
        return None
    return buy * 100.0 / total, sell * 100.0 / total


@register("consensus")
class ConsensusRule(Rule):
    Options = ConsensusOptions
    options: ConsensusOptions

    def changes(self, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
        """Why `after` is worth an alert compared with `before` (target_change, split_change);
        empty when it is not."""
        reasons: dict[str, Any] = {}
        old_target, new_target = _target(before), _target(after)
        limit = self.options.target_change_pct
        if limit is not None and old_target and new_target:
            change = (new_target / old_target - 1.0) * 100.0
            if abs(change) >= limit:
                reasons["target_change"] = {
                    "before": old_target,
                    "after": new_target,
                    "pct": round(change, 4),
                }
        old_split, new_split = _shares(before), _shares(after)
        points = self.options.split_change_pts
        if points is not None and old_split and new_split:
            buy_delta, sell_delta = new_split[0] - old_split[0], new_split[1] - old_split[1]
            if max(abs(buy_delta), abs(sell_delta)) >= points:
                reasons["split_change"] = {
                    "buy": [round(old_split[0], 4), round(new_split[0], 4)],
                    "sell": [round(old_split[1], 4), round(new_split[1], 4)],
                }
        return reasons

    async def on_item(
        self, item: NewsItem, events: list[Event], context: RuleContext
    ) -> list[Alert]:
        alerts = []
        for event in events:
            if not isinstance(event, Consensus):
                continue
            for symbol in event.symbols or item.symbols:
                if not self.applies_to(symbol):
                    continue
                after = event.to_dict()
                stored = await context.state.get(self.name, symbol)
                await context.state.set(self.name, symbol, json.dumps(after))
                reasons = self.changes(json.loads(stored), after) if stored else {}
                if reasons:
                    alerts.append(
                        self.alert(
                            context.now,
                            symbol=symbol,
                            dedup_key=f"{item.id}:{symbol}",
                            item=item,
                            fields={**after, **reasons},
                        )
                    )
        return alerts
