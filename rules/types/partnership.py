"""`partnership`: collaborations, alliances, supply deals and technology adoption."""

from __future__ import annotations

from typing import Literal

from bot.models import NewsItem
from rules.alert import Alert
from rules.base import Rule, RuleContext, RuleOptions, Word
from rules.events import Event, Partnership
from rules.registry import register
from rules.text import name_key


class PartnershipOptions(RuleOptions):
    type: Literal["partnership"] = "partnership"
    parties: list[Word] = []  # at least one of these must take part; empty: any


@register("partnership")
class PartnershipRule(Rule):
    Options = PartnershipOptions
    options: PartnershipOptions

    def __init__(self, options: PartnershipOptions) -> None:
        super().__init__(options)
        self._parties = {name_key(party) for party in options.parties}

    def _party_wanted(self, event: Partnership) -> bool:
        if not self._parties:
            return True
        return any(wanted in name_key(party) for party in event.parties for wanted in self._parties)

    async def on_item(
        self, item: NewsItem, events: list[Event], context: RuleContext
    ) -> list[Alert]:
        alerts = []
        for event in events:
            if not isinstance(event, Partnership) or not self._party_wanted(event):
                continue
            symbols = [symbol for symbol in event.symbols if self.applies_to(symbol)]
            if symbols:
                symbol = symbols[0]
                alerts.append(
                    self.alert(
                        context.now,
                        symbol=symbol,
                        dedup_key=f"{item.id}:{':'.join(symbols)}",
                        item=item,
                        fields={**event.to_dict(), "symbol": symbol, "symbols": symbols},
                    )
                )
        return alerts
