"""config.yaml: the models a file must satisfy, and the checks across them."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

import rules.types  # noqa: F401  (registers the built-in rule types)
from bot.config_file import ConfigError, by_line, read_config_file
from bot.durations import format_duration
from bot.lifecycle.settings import AlertSettings
from bot.redact import redact_url
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
REDIS_SCHEMES = ("redis", "rediss", "unix")
# A level in price units only makes sense for one symbol's price.
SINGLE_SYMBOL_RULE_TYPES = ("price_band", "threshold")


def _require_http(value: str) -> str:
    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


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
            "rediss://... (TLS) or unix:///path/to/redis.sock, or leave it empty for the "
            "embedded Redis"
        )
    return value


def _require_usable_path(value: Path) -> Path:
    if not str(value).strip() or "\x00" in str(value):
        raise ValueError("give a directory path, e.g. data/redis")
    return value


HttpUrl = Annotated[str, AfterValidator(_require_http)]
HttpsUrl = Annotated[str, AfterValidator(_require_https)]
Ticker = Annotated[str, AfterValidator(_require_ticker)]
Interval = Annotated[Duration, AfterValidator(_at_least_a_second)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
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


class HttpConfig(_Strict):
    """The metrics, health and status server; off unless `listen` is set."""

    listen: Annotated[str, AfterValidator(_require_listen)] = ""
    token: SecretStr = SecretStr("")  # the status page's; empty: the page is off
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
    commands_per_minute: int = Field(default=20, ge=1, le=COMMANDS_PER_MINUTE_MAX)
    webhook: WebhookConfig | None = None  # None: long polling
    # Messages per second for the bot token, shared by every process on one Redis; None: just
    # under Telegram's 30. More only makes sense against a local Bot API server.
    sends_per_second: float | None = Field(default=None, gt=0, le=SENDS_PER_SECOND_MAX)


class WatchItem(_Strict):
    names: list[Word] = []
    currency: str | None = Field(default=None, min_length=1, max_length=10)


BACKFILL_MAX = 100


class FeedSource(_Strict):
    name: Name
    url: HttpUrl
    every: Interval
    lang: Literal["en", "de"] = "en"
    enabled: bool = True
    # The first fetch of a feed only records what it holds; this many of its newest items alert.
    backfill: int = Field(default=0, ge=0, le=BACKFILL_MAX)

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


class PriceSource(_Strict):
    provider: Literal["yahoo"] = "yahoo"
    base_url: HttpUrl = "https://query1.finance.yahoo.com"
    every: Interval
    enabled: bool = True


CHAT_FEEDS_MAX = 1000


class Sources(_Strict):
    feeds: list[FeedSource] = []
    prices: PriceSource | None = None
    # Feeds added from Telegram: how many one chat may have, how often they are polled, and
    # whether their URLs may point at private, loopback or link-local addresses.
    chat_feeds_max: int = Field(default=20, ge=0, le=CHAT_FEEDS_MAX)
    chat_feeds_every: Interval = timedelta(minutes=5)
    allow_private: bool = False

    @field_validator("feeds")
    @classmethod
    def _unique_names(cls, value: list[FeedSource]) -> list[FeedSource]:
        _require_unique("feed", [feed.name for feed in value])
        return value


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
        _unknown_symbols(config, data) + _rule_problems(config, data) + _channel_problems(config)
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
