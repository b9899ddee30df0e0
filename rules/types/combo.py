"""`combo`: other rules fired for the same symbol within a time window (all of, any of, none of).

A combo sees firings, not messages: a component counts even when its own alert was held back
by a cooldown or a mute. It is evaluated by the combo stage (bot/pipeline/combos.py) after the
other rules, whenever one of its components fires.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from bot.durations import format_duration
from rules.alert import Alert
from rules.base import Duration, Rule, RuleOptions
from rules.registry import register

WITHIN_MAX = timedelta(days=7)  # firings are kept this long (keys.FIRED_TTL)


class ComboOptions(RuleOptions):
    type: Literal["combo"] = "combo"
    all: list[str] = []
    any: list[str] = []
    none: list[str] = Field(default=[], alias="not")
    within: Duration

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _sensible(self) -> ComboOptions:
        if not (self.all or self.any):
            raise ValueError("give at least one rule under all or any")
        if not timedelta(0) < self.within <= WITHIN_MAX:
            raise ValueError(f"within must be between 1s and {format_duration(WITHIN_MAX)}")
        if self.name in self.all + self.any + self.none:
            raise ValueError("a combo cannot refer to itself")
        return self

    @property
    def components(self) -> list[str]:
        return list(dict.fromkeys(self.all + self.any + self.none))

    @property
    def triggers(self) -> set[str]:
        """Rules whose firing makes the combo look again."""
        return set(self.all + self.any)


@register("combo")
class ComboRule(Rule):
    Options = ComboOptions
    options: ComboOptions

    def holds(self, fired: dict[str, datetime | None], now: datetime) -> bool:
        since = now - self.options.within

        def recent(name: str) -> bool:
            when = fired.get(name)
            return when is not None and when >= since

        return (
            all(recent(name) for name in self.options.all)
            and (not self.options.any or any(recent(name) for name in self.options.any))
            and not any(recent(name) for name in self.options.none)
        )

    def evaluate(
        self, symbol: str, fired: dict[str, datetime | None], now: datetime
    ) -> Alert | None:
        if not self.applies_to(symbol) or not self.holds(fired, now):
            return None
        since = now - self.options.within
        seen = {
            name: when
            for name in self.options.all + self.options.any
            if (when := fired.get(name)) is not None and when >= since
        }
        latest = max(seen.values())
        return self.alert(
            now,
            symbol=symbol,
            dedup_key=f"{symbol}:{latest.isoformat()}",
            fields={
                "components": {name: when.isoformat() for name, when in seen.items()},
                "within_s": self.options.within.total_seconds(),
            },
        )


def reference_problems(rules: list[RuleOptions]) -> list[tuple[int, str]]:
    """(rule index, message) for each combo naming a rule that does not exist or is a combo."""
    types = {rule.name: rule.type for rule in rules}
    problems = []
    for index, rule in enumerate(rules):
        if not isinstance(rule, ComboOptions):
            continue
        for name in rule.components:
            if name not in types:
                problems.append(
                    (
                        index,
                        f"combo refers to unknown rule {name!r}; known: "
                        + ", ".join(sorted(types)),
                    )
                )
            elif types[name] == "combo":
                problems.append((index, f"combo refers to another combo {name!r}; not supported"))
    return problems
