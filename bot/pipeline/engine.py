"""Stage: run every enabled rule over items and quotes; a failing rule never stops the others."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.models import NewsItem, Quote
from bot.store import Store
from rules.alert import Alert
from rules.base import Rule, RuleContext
from rules.events import Event

log = logging.getLogger(__name__)


class RulesEngine:
    def __init__(self, rules: list[Rule], store: Store) -> None:
        self.rules = [rule for rule in rules if rule.options.enabled]
        self.store = store
        self.errors = 0

    def _context(self, now: datetime) -> RuleContext:
        return RuleContext(
            now=now,
            state=self.store,
            latest_quote=self.store.latest_quote,
            quotes_since=self.store.quotes_since,
        )

    async def on_items(
        self, items: list[tuple[NewsItem, list[Event]]], now: datetime
    ) -> list[Alert]:
        context = self._context(now)
        alerts: list[Alert] = []
        for item, events in items:
            for rule in self.rules:
                try:
                    alerts.extend(await rule.on_item(item, events, context))
                except Exception:
                    self.errors += 1
                    log.exception("rule %s failed on item %s", rule.name, item.id)
        return alerts

    async def on_quotes(self, quotes: list[Quote], now: datetime) -> list[Alert]:
        context = self._context(now)
        alerts: list[Alert] = []
        for quote in quotes:
            for rule in self.rules:
                try:
                    alerts.extend(await rule.on_quote(quote, context))
                except Exception:
                    self.errors += 1
                    log.exception("rule %s failed on quote %s", rule.name, quote.symbol)
        return alerts
