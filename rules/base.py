"""The contract every rule type implements, and the options all rules share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, ClassVar, Protocol

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from bot.durations import format_duration, parse_duration
from bot.models import NewsItem, Quote
from rules.alert import Alert, Severity
from rules.events import Event
from rules.messages import compose

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
# Every number that means a price, a percentage or a factor: `.inf` or `.nan` would make a
# rule that can never fire (or always fires) while looking valid.
FiniteFloat = Annotated[float, AllowInfNan(False)]


def _has_a_word(value: str) -> str:
    # Words are matched as whole words: one without a letter or digit matches at every gap
    # between words, so it would match every headline.
    if not any(character.isalnum() for character in value):
        raise ValueError(f"{value!r} has no letter or digit, so it would match every text")
    return value


Word = Annotated[str, AfterValidator(_has_a_word)]


class RuleOptions(BaseModel):
    """Keys every rule accepts; each rule type adds its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=100)
    type: str
    symbols: list[str] | None = None  # None: the whole watchlist
    severity: Severity = "warning"
    cooldown: Duration = timedelta(0)
    enabled: bool = True
    # -- lifecycle: exponential re-alert and quiet-hours breakthrough --
    cooldown_max: Duration | None = None  # re-alerts within twice the cooldown double it, to this
    break_quiet: bool = False  # critical alerts of this rule are sent during quiet hours


class PriceRuleOptions(RuleOptions):
    """Rules on prices, which also accept `symbol: X` for `symbols: [X]`."""

    symbol: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_scope(cls, data: Any) -> Any:
        # Before validation: an "after" validator cannot replace the instance that
        # Options(...) builds, so `symbols` would stay unset.
        if isinstance(data, dict) and data.get("symbol") is not None:
            if data.get("symbols") is not None:
                raise ValueError("give either symbol or symbols, not both")
            return {**data, "symbols": [data["symbol"]], "symbol": None}
        return data


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

    def alert(
        self,
        now: datetime,
        *,
        symbol: str | None,
        dedup_key: str,
        fields: dict[str, Any],
        item: NewsItem | None = None,
        quote: Quote | None = None,
    ) -> Alert:
        """An alert of this rule. Its English headline and details come from the alert texts
        (rules.messages) for this rule type, so `fields` must hold all they need; an alert
        about a news item also carries the item's id, source, title and link, one about a
        quote its price, currency and time."""
        if item is not None:
            fields = {**item_fields(item), **fields}
        if quote is not None:
            fields = {**quote_fields(quote), **fields}
        alert = Alert(
            rule=self.name,
            type=self.type_name,
            severity=self.options.severity,
            symbol=symbol,
            headline="",
            time=now,
            dedup_key=dedup_key,
            link=(item.link or None) if item is not None else None,
            fields=fields,
        )
        alert.headline, alert.details = compose(alert, "en")
        return alert

    def quote_alert(
        self, context: RuleContext, quote: Quote, change: str, fields: dict[str, Any]
    ) -> Alert:
        """An alert about `quote`: one per symbol, `change` (such as "above") and quote time."""
        return self.alert(
            context.now,
            symbol=quote.symbol,
            dedup_key=f"{quote.symbol}:{change}:{quote.time.isoformat()}",
            quote=quote,
            fields=fields,
        )

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


FEED_CHAT_FIELD = "feed_chat"  # an alert about an item of a chat's own feed: for that chat only
PERSONAL_CHAT_FIELD = "chat"  # an alert from a chat's own rule goes to that chat alone


def item_fields(item: NewsItem) -> dict[str, Any]:
    """What an alert keeps of the news item it is about."""
    fields: dict[str, Any] = {
        "item_id": item.id,
        "source": item.source,
        "title": item.title,
        "published": item.published.isoformat(),
    }
    if item.owner is not None:
        fields[FEED_CHAT_FIELD] = item.owner
    return fields


def quote_fields(quote: Quote) -> dict[str, Any]:
    """What an alert keeps of the quote it is about."""
    return {"price": quote.price, "currency": quote.currency, "quote_time": quote.time.isoformat()}
