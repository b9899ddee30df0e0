"""config.yaml: the models a file must satisfy, and the checks across them."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Union, cast
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

import rules.types  # noqa: F401  (registers the built-in rule types)
from bot.config_file import ConfigError, by_line, read_config_file
from bot.durations import format_duration
from bot.lifecycle.settings import AlertSettings
from bot.redact import redact_url
from bot.sources.json_feed import JsonPaths, parse_path
from bot.sources.language import require_language_code
from bot.sources.providers import PROVIDERS, PriceProvider, ProviderOptions, build_provider
from bot.sources.providers.checks import require_http
from bot.sources.providers.yahoo import YahooOptions
from rules.base import Duration, Word
from rules.registry import RULE_TYPES
from rules.types.combo import reference_problems

_SYMBOL = re.compile(r"^[A-Z0-9][A-Z0-9.\-^=]{0,19}$")
_HOST = re.compile(r"^[A-Za-z0-9._~%:-]*$")  # a name, IPv4 or IPv6
NAME_MAX = 100  # rule and feed names: shown in /status, /rules and /mute
ZONE_NAME_MAX = 64  # the longest IANA name is about 30 characters
TELEGRAM_ID_MAX = 2**53  # Telegram ids fit a double; larger is a typo
COMMANDS_PER_MINUTE_MAX = 10_000
SENDS_PER_SECOND_MAX = 100_000
TOKEN_MIN = 16  # http.token: the status page is reachable by whoever reaches the port
PATH_MAX = 500
REDIS_SCHEMES = ("redis", "rediss", "unix", "redis+cluster", "rediss+cluster")
# A level in price units only makes sense for one symbol's price.
SINGLE_SYMBOL_RULE_TYPES = ("price_band", "threshold")


def _at_least_a_second(value: timedelta) -> timedelta:
    if value.total_seconds() < 1:
        raise ValueError("must be at least 1s")
    return value


def _require_unique(kind: str, names: list[str]) -> None:
    # Checked per list (not per model) so the error names the list and its line.
    counts = Counter(names)
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        raise ValueError(f"{kind} names must be unique; repeated: {', '.join(duplicates)}")


def _require_ticker(symbol: str) -> str:
    if not _SYMBOL.match(symbol):
        raise ValueError(
            f"{symbol!r} is not a ticker symbol; write it in capitals, e.g. BABA or SAP.DE"
        )
    return symbol


def _require_https(value: str) -> str:
    if urlsplit(value).scheme != "https" or not urlsplit(value).netloc:
        raise ValueError(f"{value!r} is not an https:// URL; Telegram only posts updates to https")
    return value


def _require_path(value: str) -> str:
    parse_path(value)
    return value


def _require_redis_url(value: str) -> str:
    # redis-py would otherwise fail only at the first command, far from the config file.
    if not value:
        return value
    parts = urlsplit(value)
    try:
        host = parts.hostname or ""
    except ValueError:  # an unclosed [ of an IPv6 address
        host = "["
    host_ok = parts.scheme == "unix" or _HOST.match(host) is not None
    if parts.scheme not in REDIS_SCHEMES or not host_ok:
        raise ValueError(
            f"{redact_url(value)!r} is not a Redis URL; write redis://host:6379/0, "
            "rediss://... (TLS), unix:///path/to/redis.sock, redis+cluster://host:6379 (a node "
            "of a Redis Cluster), or leave it empty for the embedded Redis"
        )
    if parts.scheme.endswith("+cluster") and parts.path.strip("/") not in ("", "0"):
        raise ValueError(
            f"{redact_url(value)!r}: a Redis Cluster has only database 0; leave the path off"
        )
    return value


def _require_usable_path(value: Path) -> Path:
    if not str(value).strip() or "\x00" in str(value):
        raise ValueError("give a directory path, e.g. data/redis")
    return value


HttpUrl = Annotated[str, AfterValidator(require_http)]
HttpsUrl = Annotated[str, AfterValidator(_require_https)]
Ticker = Annotated[str, AfterValidator(_require_ticker)]
Interval = Annotated[Duration, AfterValidator(_at_least_a_second)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
LanguageCode = Annotated[str, AfterValidator(require_language_code)]
JsonPath = Annotated[str, Field(max_length=PATH_MAX), AfterValidator(_require_path)]
TelegramId = Annotated[int, Field(ge=-TELEGRAM_ID_MAX, le=TELEGRAM_ID_MAX)]


def _channel_id(chat_id: int) -> int:
    if chat_id >= 0:
        raise ValueError("a channel's chat id is negative, e.g. -1001234567890 (quote it as a key)")
    return chat_id


ChannelId = Annotated[TelegramId, AfterValidator(_channel_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RedisConfig(_Strict):
    url: Annotated[str, AfterValidator(_require_redis_url)] = ""  # empty: an embedded redis-server
    data_dir: Annotated[Path, AfterValidator(_require_usable_path)] = Path("data/redis")


class WebhookConfig(_Strict):
    """Telegram posts updates to `url`; a reverse proxy forwards them to listen:port."""

    url: HttpsUrl
    listen: str = "127.0.0.1"
    port: int = Field(default=8443, ge=0, le=65535)  # 0: any free port (tests)
    secret_token: SecretStr = Field(min_length=1)

    @field_validator("secret_token")
    @classmethod
    def _telegram_accepts(cls, value: SecretStr) -> SecretStr:
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("use 1-256 characters from A-Z, a-z, 0-9, _ and -")
        return value


def _require_listen(value: str) -> str:
    """host:port for the metrics and status server; empty keeps it off."""
    if not value:
        return value
    host, sep, port = value.rpartition(":")
    bare = host.removeprefix("[").removesuffix("]")
    if not sep or not bare or not _HOST.match(bare) or not port.isdigit() or int(port) > 65535:
        raise ValueError(
            f"{value[:100]!r} is not host:port; write e.g. 127.0.0.1:9464, or 0.0.0.0:9464 to be "
            "reached from outside a container"
        )
    return value


BASIC_USER_MAX = 64
BASIC_PASSWORD_MAX = 256


class BasicAuthConfig(_Strict):
    """A user and password for the status page (HTTP basic auth); both empty: none."""

    user: str = Field(default="", max_length=BASIC_USER_MAX)
    password: SecretStr = SecretStr("")

    @field_validator("user")
    @classmethod
    def _one_field_of_the_header(cls, value: str) -> str:
        # Basic auth sends "user:password": a colon would move the split.
        if ":" in value or any(not character.isprintable() for character in value):
            raise ValueError("a user name has no colon and no control characters")
        return value

    @field_validator("password")
    @classmethod
    def _hard_to_guess(cls, value: SecretStr) -> SecretStr:
        password = value.get_secret_value()
        if password and not TOKEN_MIN <= len(password) <= BASIC_PASSWORD_MAX:
            raise ValueError(
                f"use {TOKEN_MIN} to {BASIC_PASSWORD_MAX} characters (e.g. the output of "
                "`openssl rand -hex 16`)"
            )
        return value

    @model_validator(mode="after")
    def _both_or_neither(self) -> BasicAuthConfig:
        if bool(self.user) != bool(self.password.get_secret_value()):
            raise ValueError("give both user and password, or neither")
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.user)


class HttpConfig(_Strict):
    """The metrics, health and status server; off unless `listen` is set."""

    listen: Annotated[str, AfterValidator(_require_listen)] = ""
    token: SecretStr = SecretStr("")  # the status page's; empty: the page is off
    basic_auth: BasicAuthConfig = BasicAuthConfig()  # another way into the status page
    # The oldest outbox entry older than this while the worker runs makes /healthz fail.
    outbox_stuck_after: Interval = timedelta(minutes=15)

    @field_validator("token")
    @classmethod
    def _hard_to_guess(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value() and len(value.get_secret_value()) < TOKEN_MIN:
            raise ValueError(
                f"use at least {TOKEN_MIN} characters (e.g. the output of `openssl rand -hex 16`)"
            )
        return value

    @property
    def status_page(self) -> bool:
        """The status page is served when it can be entered: with the token or a password."""
        return bool(self.token.get_secret_value()) or self.basic_auth.enabled

    @property
    def address(self) -> tuple[str, int]:
        host, _, port = self.listen.rpartition(":")
        return host.removeprefix("[").removesuffix("]"), int(port)


class TelegramConfig(_Strict):
    token: SecretStr = SecretStr("")
    base_url: HttpUrl = "https://api.telegram.org/bot"
    admins: list[TelegramId] = []
    # -- telegram: access, flood limit, webhook --
    access: Literal["open", "allowlist"] = "open"
    allow: list[TelegramId] = []  # chat or user ids admitted when access is allowlist
    commands_per_minute: int = Field(default=60, ge=1, le=COMMANDS_PER_MINUTE_MAX)
    webhook: WebhookConfig | None = None  # None: long polling
    # Messages per second for the bot token, shared by every process on one Redis; None: just
    # under Telegram's 30. More only makes sense against a local Bot API server.
    sends_per_second: float | None = Field(default=None, gt=0, le=SENDS_PER_SECOND_MAX)


class WatchItem(_Strict):
    names: list[Word] = []
    currency: str | None = Field(default=None, min_length=1, max_length=10)


BACKFILL_MAX = 100


JSON_PATH_KEYS = ("items", "title", "link", "time", "summary", "id")
JSON_PATHS_REQUIRED = ("items", "title", "link", "time")


class FeedSource(_Strict):
    name: Name
    url: HttpUrl
    every: Interval
    # Any language: keyword rules read every feed; extraction reads English and German ones.
    lang: LanguageCode = "en"
    enabled: bool = True
    # The first fetch of a feed only records what it holds; this many of its newest items alert.
    backfill: int = Field(default=0, ge=0, le=BACKFILL_MAX)
    # auto: RSS, Atom or JSON Feed, told from the answer; json: any JSON, read through the paths.
    format: Literal["auto", "json"] = "auto"
    items: JsonPath | None = None
    title: JsonPath | None = None
    link: JsonPath | None = None
    time: JsonPath | None = None
    summary: JsonPath | None = None
    id: JsonPath | None = None

    @model_validator(mode="after")
    def _paths_fit_the_format(self) -> FeedSource:
        given = [key for key in JSON_PATH_KEYS if getattr(self, key) is not None]
        if self.format != "json" and given:
            raise ValueError(
                f"{', '.join(given)}: paths into JSON, read only with format: json; add it, or "
                "drop them for an RSS, Atom or JSON Feed"
            )
        missing = [key for key in JSON_PATHS_REQUIRED if getattr(self, key) is None]
        if self.format == "json" and missing:
            raise ValueError(
                f"format: json needs the paths {', '.join(missing)} (e.g. items: data.list, "
                "title: headline, link: url, time: published)"
            )
        return self

    @property
    def json_paths(self) -> JsonPaths | None:
        """Where a JSON source keeps its items and their fields; None for other feeds."""
        if self.format != "json":
            return None
        assert self.items and self.title and self.link and self.time  # checked at validation
        return JsonPaths(
            items=self.items,
            title=self.title,
            link=self.link,
            time=self.time,
            summary=self.summary,
            id=self.id,
        )

    @property
    def key(self) -> str:
        """What its poll state, health and job are filed under: unique among all feeds."""
        return self.name


class StoredFeed(FeedSource):
    """A feed added from Telegram (/addfeed, /import): a chat's own, or shared (chat None)."""

    chat: TelegramId | None = None

    @property
    def key(self) -> str:
        # A chat's names are its own: two chats may both call a feed "heise".
        return self.name if self.chat is None else f"chat:{self.chat}:{self.name}"


PRICES = "prices"  # the key of `sources.prices`, and the prefix of each price source's key
PROVIDER_SYMBOL_MAX = 40


class PriceSource(_Strict):
    """`sources.prices`: Yahoo for every watchlist symbol no entry of price_sources names."""

    provider: Literal["yahoo"] = "yahoo"
    base_url: HttpUrl = "https://query1.finance.yahoo.com"
    every: Interval
    enabled: bool = True

    name: ClassVar[str] = PRICES
    symbols: ClassVar[None] = None

    @property
    def key(self) -> str:
        return PRICES

    def build(self) -> PriceProvider:
        return build_provider(self.provider, YahooOptions(base_url=self.base_url))


def _require_provider_symbol(value: str) -> str:
    if not value.strip() or any(char.isspace() or not char.isprintable() for char in value):
        raise ValueError(
            f"{value[:PROVIDER_SYMBOL_MAX]!r} is not a symbol; write it without spaces"
        )
    return value


ProviderSymbol = Annotated[
    str, Field(max_length=PROVIDER_SYMBOL_MAX), AfterValidator(_require_provider_symbol)
]


class PriceSourceEntry(_Strict):
    """One entry of `sources.price_sources`; each provider adds `provider` and its `options`."""

    name: Name
    provider: str  # each provider's model narrows it to the provider's name
    every: Interval
    enabled: bool = True
    options: ProviderOptions = ProviderOptions()  # each provider's model narrows it too
    # Watchlist tickers, or tickers mapped to the provider's own names for them
    # (AAPL: aapl.us); none: every watchlist symbol no other source names.
    symbols: dict[Ticker, ProviderSymbol] | None = None

    @field_validator("symbols", mode="before")
    @classmethod
    def _list_as_mapping(cls, value: Any) -> Any:
        if isinstance(value, list):
            return {str(ticker): ticker for ticker in value}
        return value

    @property
    def key(self) -> str:
        return f"{PRICES}:{self.name}"

    def build(self) -> PriceProvider:
        return build_provider(self.provider, self.options)


def _entry_model(provider: type[PriceProvider]) -> Any:
    options = provider.Options
    needs_options = any(field.is_required() for field in options.model_fields.values())
    return create_model(
        f"{provider.__name__}Source",
        __base__=PriceSourceEntry,
        provider=(cast(Any, Literal)[provider.name], ...),
        options=(options, ...) if needs_options else (options, Field(default_factory=options)),
    )


def _price_source_union() -> Any:
    """Price source entries discriminated by `provider`, over every registered provider."""
    models = tuple(_entry_model(provider) for provider in PROVIDERS.values())
    return Annotated[Union[models], Field(discriminator="provider")]  # noqa: UP007


AnyPriceSource = PriceSource | PriceSourceEntry


@dataclass(frozen=True, slots=True)
class PricePlan:
    """A price source and the symbols it is asked for: watchlist ticker -> provider's name."""

    source: AnyPriceSource
    symbols: dict[str, str]


CHAT_FEEDS_MAX = 1000
WEBSUB_LEASE_MIN = timedelta(minutes=5)
WEBSUB_LEASE_MAX = timedelta(days=30)


class WebSubConfig(_Strict):
    """Push from the hubs that feeds advertise: hubs post new entries to `callback_url`, which
    a reverse proxy forwards to listen:port; polling goes on as the fallback."""

    callback_url: HttpUrl  # public base URL; each subscription gets a path of its own below it
    listen: str = "127.0.0.1"
    port: int = Field(default=8444, ge=0, le=65535)  # 0: any free port (tests)
    lease: Interval = timedelta(days=1)  # asked of the hub; renewed before it ends
    check_every: Interval = timedelta(minutes=1)  # how often leases and new feeds are looked at

    @field_validator("lease")
    @classmethod
    def _hub_sized(cls, value: timedelta) -> timedelta:
        if not WEBSUB_LEASE_MIN <= value <= WEBSUB_LEASE_MAX:
            raise ValueError("must be between 5m and 30d")
        return value

    @model_validator(mode="after")
    def _checked_in_time(self) -> WebSubConfig:
        if self.check_every > self.lease / 4:
            raise ValueError(
                f"check_every ({format_duration(self.check_every)}) must be at most a quarter "
                f"of lease ({format_duration(self.lease)}), so that a lease is renewed in time"
            )
        return self


class Sources(_Strict):
    feeds: list[FeedSource] = []
    prices: PriceSource | None = None
    price_sources: list[_price_source_union()] = []  # type: ignore[valid-type]
    # Feeds added from Telegram: how many one chat may have, how often they are polled, and
    # whether their URLs may point at private, loopback or link-local addresses.
    chat_feeds_max: int = Field(default=20, ge=0, le=CHAT_FEEDS_MAX)
    chat_feeds_every: Interval = timedelta(minutes=5)
    allow_private: bool = False
    websub: WebSubConfig | None = None  # None: poll only

    @field_validator("feeds")
    @classmethod
    def _unique_names(cls, value: list[FeedSource]) -> list[FeedSource]:
        _require_unique("feed", [feed.name for feed in value])
        return value

    @field_validator("price_sources")
    @classmethod
    def _unique_price_names(cls, value: list[PriceSourceEntry]) -> list[PriceSourceEntry]:
        _require_unique("price source", [source.name for source in value])
        return value

    @property
    def all_prices(self) -> list[AnyPriceSource]:
        """`prices` (when set), then each of `price_sources`."""
        found: list[AnyPriceSource] = [self.prices] if self.prices is not None else []
        return [*found, *self.price_sources]


def _rule_union() -> Any:
    """Rule options discriminated by `type`, over every registered rule type."""
    union: Any = None
    for rule_class in RULE_TYPES.values():
        union = rule_class.Options if union is None else union | rule_class.Options
    return Annotated[union, Field(discriminator="type")]


class ChannelFeed(_Strict):
    """What one Telegram channel gets: every alert about these symbols or of these rules."""

    symbols: list[Ticker] = []
    rules: list[Name] = []
    lang: Literal["en", "de"] = "en"

    @model_validator(mode="after")
    def _something(self) -> ChannelFeed:
        if not self.symbols and not self.rules:
            raise ValueError("name at least one of symbols: or rules: for the channel")
        return self


class Config(_Strict):
    timezone: str = "UTC"
    redis: RedisConfig = RedisConfig()
    telegram: TelegramConfig = TelegramConfig()
    watchlist: dict[Ticker, WatchItem] = {}
    sources: Sources = Sources()
    rules: list[_rule_union()] = []  # type: ignore[valid-type]
    alerts: AlertSettings = AlertSettings()
    http: HttpConfig = HttpConfig()
    channels: dict[ChannelId, ChannelFeed] = {}  # channel chat id -> what is published there

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            if len(value) > ZONE_NAME_MAX:
                raise ValueError(value)
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            shown = value[:ZONE_NAME_MAX]
            raise ValueError(
                f"unknown time zone {shown!r}; use an IANA name such as Europe/Berlin"
            ) from None
        return value

    @field_validator("rules")
    @classmethod
    def _unique_names(cls, value: list[Any]) -> list[Any]:
        _require_unique("rule", [rule.name for rule in value])
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def price_plans(self) -> list[PricePlan]:
        """Each price source with the watchlist symbols it serves, disabled ones too: a symbol
        named by a source is its own, the rest go to the source that names none (the first,
        when a config not checked by load_config has several)."""
        sources = self.sources.all_prices
        claimed: set[str] = set()
        plans: list[PricePlan] = []
        for source in sources:
            named = {
                ticker: symbol
                for ticker, symbol in (source.symbols or {}).items()
                if ticker in self.watchlist and ticker not in claimed
            }
            claimed.update(named)
            plans.append(PricePlan(source, named))
        catch_all = next((plan for plan in plans if plan.source.symbols is None), None)
        if catch_all is not None:
            catch_all.symbols.update(
                {ticker: ticker for ticker in self.watchlist if ticker not in claimed}
            )
        return plans

    def price_plan(self, key: str) -> PricePlan | None:
        return next((plan for plan in self.price_plans() if plan.source.key == key), None)

    def price_plan_of(self, symbol: str) -> PricePlan | None:
        """The enabled source that serves `symbol`, if any."""
        return next(
            (plan for plan in self.price_plans() if plan.source.enabled and symbol in plan.symbols),
            None,
        )


def load_config(path: str | Path, environ: dict[str, str] | None = None) -> Config:
    """Read, interpolate and validate a config file; raise ConfigError naming every problem."""
    source = read_config_file(Path(path), dict(os.environ) if environ is None else environ)
    data = source.data
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            by_line([source.describe(error, Config) for error in exc.errors()])
        ) from None
    found = (
        _unknown_symbols(config, data)
        + _rule_problems(config, data)
        + _price_source_problems(config, data)
        + _channel_problems(config)
    )
    if found:
        raise ConfigError(by_line([source.at(loc, message) for loc, message in found]))
    return config


def _rules_as_written(data: dict[str, Any]) -> list[Any]:
    written = data.get("rules")
    return written if isinstance(written, list) else []


def _unknown_symbols(config: Config, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    found: list[tuple[tuple[Any, ...], str]] = []
    written = _rules_as_written(data)
    for index, rule in enumerate(config.rules):
        raw = written[index] if index < len(written) and isinstance(written[index], dict) else {}
        # `symbol: X` is stored as symbols: [X]; point at the key the user wrote.
        key = "symbol" if raw.get("symbol") is not None else "symbols"
        for symbol in rule.symbols or []:
            if symbol not in config.watchlist:
                known = ", ".join(config.watchlist) or "none yet"
                found.append(
                    (
                        ("rules", index, key),
                        f"symbol {symbol!r} is not in the watchlist (known: {known}); "
                        "add it under watchlist:",
                    )
                )
    for index, message in reference_problems(config.rules):
        found.append((("rules", index), message))
    return found


def _channel_problems(config: Config) -> list[tuple[tuple[Any, ...], str]]:
    found: list[tuple[tuple[Any, ...], str]] = []
    rule_names = [rule.name for rule in config.rules]
    for channel, feed in config.channels.items():
        for symbol in feed.symbols:
            if symbol not in config.watchlist:
                known = ", ".join(config.watchlist) or "none yet"
                message = f"symbol {symbol!r} is not in the watchlist (known: {known})"
                found.append((("channels", channel, "symbols"), message))
        for rule in feed.rules:
            if rule not in rule_names:
                known = ", ".join(rule_names) or "none yet"
                found.append((("channels", channel, "rules"), f"no rule {rule!r} (known: {known})"))
    return found


def _rule_problems(config: Config, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Checks across a rule's keys that its options model leaves to the whole config."""
    found: list[tuple[tuple[Any, ...], str]] = []
    for index, rule in enumerate(config.rules):
        if rule.cooldown_max is not None and rule.cooldown_max < rule.cooldown:
            found.append(
                (
                    ("rules", index, "cooldown_max"),
                    f"must be at least the cooldown ({format_duration(rule.cooldown_max)} < "
                    f"{format_duration(rule.cooldown)}); raise it or drop cooldown_max",
                )
            )
        if rule.type in SINGLE_SYMBOL_RULE_TYPES and rule.symbols is None:
            found.append(
                (
                    ("rules", index),
                    f"a {rule.type} rule sets one price level, which fits only one symbol; "
                    "add symbol: (e.g. symbol: BABA), or one rule per symbol",
                )
            )
    return found


def _price_source_problems(
    config: Config, data: dict[str, Any]
) -> list[tuple[tuple[Any, ...], str]]:
    """Each watchlist symbol is priced by one source; a source names watchlist symbols only;
    one source at most takes the symbols no source names."""
    found: list[tuple[tuple[Any, ...], str]] = []
    sources = config.sources
    catch_all = "sources.prices" if sources.prices is not None else None
    owner: dict[str, str] = {}
    entries: list[PriceSourceEntry] = sources.price_sources
    for index, entry in enumerate(entries):
        where = ("sources", "price_sources", index)
        if entry.symbols is None:
            if catch_all is not None:
                found.append(
                    (
                        where,
                        f"names no symbols, and {catch_all} already takes every symbol no "
                        "source names; add symbols: to this source",
                    )
                )
            catch_all = catch_all or f"sources.price_sources[{index}]"
            continue
        for ticker in entry.symbols:
            if ticker not in config.watchlist:
                found.append(
                    (
                        (*where, "symbols"),
                        f"symbol {ticker!r} is not in the watchlist; add it under watchlist: "
                        "or drop it here",
                    )
                )
            elif ticker in owner:
                found.append(
                    (
                        (*where, "symbols"),
                        f"symbol {ticker!r} is already priced by {owner[ticker]}; name it in "
                        "one price source only",
                    )
                )
            else:
                owner[ticker] = f"price source {entry.name!r}"
    return found
