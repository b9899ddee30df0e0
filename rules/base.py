"""The contract every rule type implements, and the options all rules share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, ClassVar, Protocol

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from bot.durations import format_duration, parse_duration
from bot.models import NewsItem, Quote
from rules.alert import Alert, Severity
from rules.events import Event

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class RuleOptions(BaseModel):
    """Keys every rule accepts; each rule type adds its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    type: str
    symbols: list[str] | None = None  # None: the whole watchlist
    severity: Severity = "warning"
    cooldown: Duration = timedelta(0)
    enabled: bool = True
    # -- lifecycle: exponential re-alert and quiet-hours breakthrough --
    cooldown_max: Duration | None = None  # re-alerts within twice the cooldown double it, to this
    break_quiet: bool = False  # critical alerts of this rule are sent during quiet hours


class RuleState(Protocol):
    """Per-rule memory that survives restarts (backed by Redis)."""

    async def get(self, rule: str, key: str) -> str | None: ...

    async def set(self, rule: str, key: str, value: str) -> None: ...


@dataclass(slots=True)
class RuleContext:
    now: datetime
    state: RuleState
    latest_quote: Callable[[str], Awaitable[Quote | None]]
    quotes_since: Callable[[str, datetime], Awaitable[list[Quote]]] | None = None


class Rule:
    """A rule type: a small class with an options model, registered by name."""

    type_name: ClassVar[str]
    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(self, options: RuleOptions) -> None:
        self.options = options

    @property
    def name(self) -> str:
        return self.options.name

    def applies_to(self, symbol: str | None) -> bool:
        wanted = self.options.symbols
        return wanted is None or (symbol is not None and symbol in wanted)

    async def on_item(
        self, item: NewsItem, events: list[Event], context: RuleContext
    ) -> list[Alert]:
        return []

    async def on_quote(self, quote: Quote, context: RuleContext) -> list[Alert]:
        return []

    def describe(self) -> str:
        """One line for /rules and check-config."""
        extra: dict[str, Any] = self.options.model_dump(
            exclude={"name", "type", "enabled", "severity", "cooldown", "symbols"},
            exclude_defaults=True,
        )
        scope = ",".join(self.options.symbols) if self.options.symbols else "all"
        settings = " ".join(
            f"{key}={format_duration(value) if isinstance(value, timedelta) else value}"
            for key, value in extra.items()
        )
        return f"{self.name} ({self.type_name}, {scope}) {settings}".rstrip()
