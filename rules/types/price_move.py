"""`price_move`: the price moved by at least X percent within a window or since the previous close.

Within a window the move is measured from the window's low (up) or high (down), so a rise
that happens in the middle of the window counts as well as one from its start. The rule alerts
once per move: it alerts again only after the move has fallen below the threshold.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bot.models import Quote
from rules.alert import Alert
from rules.base import Duration, FiniteFloat, PriceRuleOptions, Rule, RuleContext
from rules.registry import register

Direction = Literal["up", "down", "both"]
QUIET = "-"


class PriceMoveOptions(PriceRuleOptions):
    type: Literal["price_move"] = "price_move"
    change_pct: FiniteFloat = Field(gt=0)
    direction: Direction = "both"
    window: Duration | None = None
    since: Literal["previous_close"] | None = None

    @model_validator(mode="after")
    def _one_reference(self) -> PriceMoveOptions:
        if (self.window is None) == (self.since is None):
            raise ValueError("give exactly one of window (e.g. 1h) or since: previous_close")
        if self.window is not None and self.window.total_seconds() <= 0:
            raise ValueError("window must be longer than 0s")
        return self


@register("price_move")
class PriceMoveRule(Rule):
    Options = PriceMoveOptions
    options: PriceMoveOptions

    async def move(self, quote: Quote, context: RuleContext) -> tuple[float, float] | None:
        """(signed change in percent, reference price) of the larger move, or None."""
        if self.options.since == "previous_close":
            if quote.change_pct is None or quote.previous_close is None:
                return None
            return quote.change_pct, quote.previous_close
        assert self.options.window is not None
        if context.quotes_since is None:
            return None
        history = await context.quotes_since(quote.symbol, quote.time - self.options.window)
        prices = [q.price for q in history if q.time <= quote.time] + [quote.price]
        low, high = min(prices), max(prices)
        up = (quote.price / low - 1.0) * 100.0
        down = (quote.price / high - 1.0) * 100.0
        wanted = self.options.direction
        if wanted == "up" or (wanted == "both" and up >= -down):
            return up, low
        return down, high

    def direction_of(self, change: float) -> str | None:
        if abs(change) < self.options.change_pct:
            return None
        side = "up" if change > 0 else "down"
        return side if self.options.direction in (side, "both") else None

    async def on_quote(self, quote: Quote, context: RuleContext) -> list[Alert]:
        if not self.applies_to(quote.symbol):
            return []
        found = await self.move(quote, context)
        side = self.direction_of(found[0]) if found else None
        previous = await context.state.get(self.name, quote.symbol) or QUIET
        current = side or QUIET
        if current != previous:
            await context.state.set(self.name, quote.symbol, current)
        if side is None or side == previous or found is None:
            return []
        change, reference = found
        window = self.options.window
        return [
            self.quote_alert(
                context,
                quote,
                side,
                {
                    "window_s": window.total_seconds() if window else None,
                    "reference": reference,
                    "change_pct": round(change, 4),
                    "direction": side,
                },
            )
        ]
