"""`threshold`: one alert each time the price crosses a level (above or below it)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bot.models import Quote
from rules.alert import Alert
from rules.base import FiniteFloat, PriceRuleOptions, Rule, RuleContext
from rules.registry import register

CROSSED, ARMED = "crossed", "armed"


class ThresholdOptions(PriceRuleOptions):
    type: Literal["threshold"] = "threshold"
    above: FiniteFloat | None = Field(default=None, gt=0)
    below: FiniteFloat | None = Field(default=None, gt=0)
    hysteresis: FiniteFloat = Field(default=0.0, ge=0)

    @model_validator(mode="after")
    def _one_level(self) -> ThresholdOptions:
        if (self.above is None) == (self.below is None):
            raise ValueError("give exactly one of above or below")
        return self

    @property
    def level(self) -> float:
        level = self.above if self.above is not None else self.below
        assert level is not None  # _one_level guarantees it
        return level


@register("threshold")
class ThresholdRule(Rule):
    Options = ThresholdOptions
    options: ThresholdOptions

    def is_beyond(self, price: float) -> bool:
        if self.options.above is not None:
            return price > self.options.above
        return price < self.options.level

    def is_back(self, price: float) -> bool:
        """Back on the near side by the hysteresis margin: the next crossing counts again."""
        margin = self.options.hysteresis
        if self.options.above is not None:
            return price <= self.options.above - margin
        return price >= self.options.level + margin

    async def on_quote(self, quote: Quote, context: RuleContext) -> list[Alert]:
        if not self.applies_to(quote.symbol):
            return []
        previous = await context.state.get(self.name, quote.symbol) or ARMED
        if previous == CROSSED:
            if self.is_back(quote.price):
                await context.state.set(self.name, quote.symbol, ARMED)
            return []
        if not self.is_beyond(quote.price):
            return []
        await context.state.set(self.name, quote.symbol, CROSSED)
        side = "above" if self.options.above is not None else "below"
        return [
            self.quote_alert(
                context,
                quote,
                side,
                {
                    "level": self.options.level,
                    "side": side,
                },
            )
        ]
