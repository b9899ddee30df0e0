"""Brokers' latest views of a symbol, and the consensus they add up to."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import datetime

from rules.events import Consensus


@dataclass(slots=True)
class TargetRecord:
    """A broker's latest stated view of one symbol."""

    broker: str
    rating: str | None
    rating_action: str
    target: float | None
    prior_target: float | None
    target_action: str
    currency: str | None
    time: datetime
    headline: str
    link: str

    def to_json(self) -> str:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["time"] = self.time.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, payload: str) -> TargetRecord:
        data = json.loads(payload)
        data["time"] = datetime.fromisoformat(data["time"])
        return cls(**data)


def consensus_of(records: list[TargetRecord], currency: str | None = None) -> Consensus | None:
    """Mean and median of the brokers' latest targets (in one currency), and the rating split."""
    targets = [
        record.target
        for record in records
        if record.target is not None and (currency is None or record.currency in (None, currency))
    ]
    if not targets:
        return None
    ratings = [rating_class(r.rating) for r in records]
    return Consensus(
        mean_target=round(statistics.fmean(targets), 2),
        median_target=round(statistics.median(targets), 2),
        buy=ratings.count("buy"),
        hold=ratings.count("hold"),
        sell=ratings.count("sell"),
        currency=currency,
    )


_BUY = {
    "buy",
    "kaufen",
    "kauf",
    "outperform",
    "overweight",
    "strong buy",
    "accumulate",
    "add",
    "conviction buy",
    "top pick",
    "sector outperform",
    "market outperform",
    "positive",
}
_SELL = {
    "sell",
    "verkaufen",
    "verkauf",
    "underperform",
    "underweight",
    "reduce",
    "strong sell",
    "negative",
    "sector underperform",
    "market underperform",
    "reduzieren",
}


def rating_class(rating: str | None) -> str | None:
    """buy | hold | sell for a rating label, None when unknown."""
    if not rating:
        return None
    label = " ".join(rating.casefold().split())
    if label in _BUY or label.endswith(" buy") or ("outperform" in label and "under" not in label):
        return "buy"
    if label in _SELL or label.endswith(" sell") or "underperform" in label:
        return "sell"
    return "hold"
