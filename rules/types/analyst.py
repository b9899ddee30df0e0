"""`analyst`: rating and price-target actions by brokers, with the implied upside."""

from __future__ import annotations

from typing import Literal

from bot.models import NewsItem
from rules.alert import Alert
from rules.base import FiniteFloat, Rule, RuleContext, RuleOptions, Word
from rules.events import AnalystAction, Event, RatingAction, TargetAction
from rules.registry import register
from rules.text import name_key


class AnalystOptions(RuleOptions):
    type: Literal["analyst"] = "analyst"
    rating_actions: list[RatingAction] | None = None  # None: any
    target_actions: list[TargetAction] | None = None  # None: any
    brokers: list[Word] = []  # empty: any broker
    min_target_change_pct: FiniteFloat | None = None  # |new / prior - 1|; needs a prior target
    min_upside_pct: FiniteFloat | None = None  # target vs the latest price; may be negative
    include_commentary: bool = False  # a named broker quoted without any action


@register("analyst")
class AnalystRule(Rule):
    Options = AnalystOptions
    options: AnalystOptions

    def __init__(self, options: AnalystOptions) -> None:
        super().__init__(options)
        self._brokers = {name_key(broker) for broker in options.brokers}

    def wants(self, event: AnalystAction) -> bool:
        o = self.options
        if event.rating_action == "none" and event.target_action == "none":
            return o.include_commentary
        if o.rating_actions is not None and event.rating_action not in o.rating_actions:
            return False
        if o.target_actions is not None and event.target_action not in o.target_actions:
            return False
        if self._brokers and name_key(event.broker) not in self._brokers:
            return False
        if o.min_target_change_pct is not None:
            change = target_change_pct(event)
            if change is None or abs(change) < o.min_target_change_pct:
                return False
        return True

    async def on_item(
        self, item: NewsItem, events: list[Event], context: RuleContext
    ) -> list[Alert]:
        alerts = []
        for event in events:
            if not isinstance(event, AnalystAction) or not event.symbols:
                continue
            symbol = event.symbols[0]
            if not self.applies_to(symbol) or not self.wants(event):
                continue
            upside, price, currency = None, None, None
            quote = await context.latest_quote(symbol)
            if quote is not None and event.target is not None:
                same_currency = not (quote.currency and event.currency) or (
                    quote.currency == event.currency
                )
                if same_currency:
                    price, currency = quote.price, quote.currency
                    upside = (event.target / quote.price - 1.0) * 100.0
            minimum = self.options.min_upside_pct
            if minimum is not None and (upside is None or upside < minimum):
                continue
            alerts.append(
                self.alert(
                    context.now,
                    symbol=symbol,
                    dedup_key=f"{item.id}:{name_key(event.broker)}:{symbol}",
                    item=item,
                    fields={
                        **event.to_dict(),
                        "symbol": symbol,
                        "upside_pct": None if upside is None else round(upside, 2),
                        "price": price,
                        "price_currency": currency,
                    },
                )
            )
        return alerts


def target_change_pct(event: AnalystAction) -> float | None:
    if event.target is None or not event.prior_target:
        return None
    return (event.target / event.prior_target - 1.0) * 100.0
