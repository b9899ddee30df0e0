"""What a rule emits: one alert, rendered later per chat."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Severity = Literal["info", "warning", "critical"]
# Alerts of these rule types tell where a price stands now: a newer one about the same symbol
# from the same rule makes an older one not yet sent pointless. Every news alert counts.
STATE_ALERT_TYPES = frozenset({"price_band", "threshold", "price_move", "personal"})


@dataclass(slots=True)
class Alert:
    rule: str
    type: str  # the rule type that produced it
    severity: Severity
    symbol: str | None  # None: goes to every subscriber
    headline: str  # one line, plain text
    time: datetime
    dedup_key: str  # same rule + same key = the same alert, whoever reports it
    details: list[str] = field(default_factory=list)  # further plain-text lines
    link: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # machine-readable facts for --json

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.rule}\x1f{self.dedup_key}".encode()).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(),
            "rule": self.rule,
            "type": self.type,
            "dedup_key": self.dedup_key,
            "severity": self.severity,
            "symbol": self.symbol,
            "headline": self.headline,
            "details": self.details,
            "link": self.link,
            "fields": self.fields,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        return cls(
            rule=data["rule"],
            type=data["type"],
            severity=data["severity"],
            symbol=data["symbol"],
            headline=data["headline"],
            time=datetime.fromisoformat(data["time"]),
            dedup_key=data.get("dedup_key", data["id"]),
            details=list(data.get("details", [])),
            link=data.get("link"),
            fields=dict(data.get("fields", {})),
        )
