"""A pipeline as `run` builds it (rules, combos, cooldowns, quote guard) driven by a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config import Config
from bot.models import NewsItem, Quote
from bot.pipeline.lifecycle import build_pipeline
from bot.store import Store
from rules.alert import Alert
from rules.registry import build_rule

T0 = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)  # a Monday
WATCHLIST = {
    "BABA": {"names": ["Alibaba", "Alibaba Group"], "currency": "USD"},
    "SAP": {"names": ["SAP"], "currency": "EUR"},
}


def at(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute)


def make_config(rules: list[dict[str, Any]], **alerts: Any) -> Config:
    return Config.model_validate({"watchlist": WATCHLIST, "rules": rules, "alerts": alerts})


class Timeline:
    def __init__(self, store: Store, rules: list[dict[str, Any]], **alerts: Any) -> None:
        config = make_config(rules, **alerts)
        built = [build_rule(options) for options in config.rules]
        self.pipeline = build_pipeline(config, store, built)
        self.items = 0

    async def quote(
        self,
        minute: float,
        price: float,
        symbol: str = "BABA",
        *,
        previous_close: float | None = None,
        quoted_at: datetime | None = None,
    ) -> list[Alert]:
        quote = Quote(symbol, price, quoted_at or at(minute), "USD", previous_close)
        return await self.pipeline.process_quotes([quote], at(minute))

    async def item(self, minute: float, title: str, summary: str = "") -> list[Alert]:
        self.items += 1
        item = NewsItem(
            id=f"item-{self.items}",
            source="wire",
            title=title,
            summary=summary,
            link=f"https://news.example/{self.items}",
            published=at(minute),
            lang="en",
        )
        return await self.pipeline.process_items([item], at(minute))


def rules_of(alerts: list[Alert]) -> list[str]:
    return sorted(alert.rule for alert in alerts)
