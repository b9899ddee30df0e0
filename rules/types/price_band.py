"""`price_band`: alert once when the price leaves [low, high], and once when it returns."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from bot.models import Quote
from rules.alert import Alert
from rules.base import FiniteFloat, PriceRuleOptions, Rule, RuleContext
from rules.registry import register

INSIDE, ABOVE, BELOW = "inside", "above", "below"


class PriceBandOptions(PriceRuleOptions):
    type: Literal["price_band"] = "price_band"
    # high is declared before low so that low's check can name both values.
    high: FiniteFloat = Field(gt=0)
    low: FiniteFloat = Field(gt=0)
    hysteresis: FiniteFloat = Field(default=0.0, ge=0)

    @field_validator("low")
    @classmethod
    def _below_high(cls, low: float, info: ValidationInfo) -> float:
        high = info.data.get("high")
        if high is not None and low >= high:
            raise ValueError(f"must be below high ({low:g} >= {high:g})")
        return low


@register("price_band")
class PriceBandRule(Rule):
    Options = PriceBandOptions
    options: PriceBandOptions

    def position(self, price: float, previous: str) -> str:
        """Where the price stands, given where it stood: leaving takes `hysteresis` past an edge,
        returning takes `hysteresis` back inside from the edge it left by."""
        low, high, margin = self.options.low, self.options.high, self.options.hysteresis
        if price > high + (0 if previous == ABOVE else margin):
            return ABOVE
        if price < low - (0 if previous == BELOW else margin):
            return BELOW
        if previous == ABOVE and price > high - margin:
            return ABOVE
        if previous == BELOW and price < low + margin:
            return BELOW
        return INSIDE

    async def on_quote(self, quote: Quote, context: RuleContext) -> list[Alert]:
        if not self.applies_to(quote.symbol):
            return []
        previous = await context.state.get(self.name, quote.symbol) or INSIDE
        current = self.position(quote.price, previous)
        if current == previous:
            return []
        await context.state.set(self.name, quote.symbol, current)
        return [
            self.quote_alert(
                context,
                quote,
                current,
                {
                    "change_pct": quote.change_pct,
                    "low": self.options.low,
                    "high": self.options.high,
                    "position": current,
                    "previous": previous,
                    "resolved": current == INSIDE,  # a resolve notice for the cooldown stage
                },
            )
        ]
