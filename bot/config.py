"""config.yaml: pydantic models, ${ENV} interpolation, and errors that name file, line and fix."""

from __future__ import annotations

import difflib
import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)

import rules.types  # noqa: F401  (registers the built-in rule types)
from bot.durations import format_duration
from bot.lifecycle.settings import AlertSettings
from rules.base import Duration
from rules.registry import RULE_TYPES
from rules.types.combo import reference_problems

_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_SYMBOL = re.compile(r"^[A-Z0-9][A-Z0-9.\-^=]{0,19}$")
_LINE = re.compile(r"^.*?:(\d+): ")
REDIS_SCHEMES = ("redis", "rediss", "unix")
# A level in price units only makes sense for one symbol's price.
SINGLE_SYMBOL_RULE_TYPES = ("price_band", "threshold")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key written twice (PyYAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} appears twice (first on line {first_line[key]}); keep one",
                    key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class ConfigError(Exception):
    """Every problem found in one config file, each as 'file:line: key.path: message'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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
    duplicates = sorted({name for name in names if names.count(name) > 1})
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
    if value and urlsplit(value).scheme not in REDIS_SCHEMES:
        raise ValueError(
            f"{value!r} is not a Redis URL; write redis://host:6379/0, rediss://... (TLS) or "
            "unix:///path/to/redis.sock, or leave it empty for the embedded Redis"
        )
    return value


HttpUrl = Annotated[str, AfterValidator(_require_http)]
HttpsUrl = Annotated[str, AfterValidator(_require_https)]
Ticker = Annotated[str, AfterValidator(_require_ticker)]
Interval = Annotated[Duration, AfterValidator(_at_least_a_second)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RedisConfig(_Strict):
    url: Annotated[str, AfterValidator(_require_redis_url)] = ""  # empty: an embedded redis-server
    data_dir: Path = Path("data/redis")


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


class TelegramConfig(_Strict):
    token: SecretStr = SecretStr("")
    base_url: HttpUrl = "https://api.telegram.org/bot"
    admins: list[int] = []
    # -- telegram: access, flood limit, webhook --
    access: Literal["open", "allowlist"] = "open"
    allow: list[int] = []  # chat or user ids admitted when access is allowlist
    commands_per_minute: int = Field(default=20, ge=1)
    webhook: WebhookConfig | None = None  # None: long polling


class WatchItem(_Strict):
    names: list[str] = []
    currency: str | None = None


class FeedSource(_Strict):
    name: str = Field(min_length=1)
    url: HttpUrl
    every: Interval
    lang: Literal["en", "de"] = "en"
    enabled: bool = True


class PriceSource(_Strict):
    provider: Literal["yahoo"] = "yahoo"
    base_url: HttpUrl = "https://query1.finance.yahoo.com"
    every: Interval
    enabled: bool = True


class Sources(_Strict):
    feeds: list[FeedSource] = []
    prices: PriceSource | None = None

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


class Config(_Strict):
    timezone: str = "UTC"
    redis: RedisConfig = RedisConfig()
    telegram: TelegramConfig = TelegramConfig()
    watchlist: dict[Ticker, WatchItem] = {}
    sources: Sources = Sources()
    rules: list[_rule_union()] = []  # type: ignore[valid-type]
    alerts: AlertSettings = AlertSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin"
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
    path = Path(path)
    environ = dict(os.environ) if environ is None else environ
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the config file: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigError([f"{path}:{line}: invalid YAML: {exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([f"{path}: invalid YAML: {exc}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            [f"{path}:1: the top level must be a mapping of keys such as watchlist: and rules:"]
        )
    lines = _line_index(root)
    problems: list[str] = []
    data = _interpolate(data, (), environ, problems, path, lines)
    if problems:
        raise ConfigError(problems)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            _by_line([_describe(error, path, lines, data) for error in exc.errors()])
        ) from None
    found = _unknown_symbols(config, data) + _rule_problems(config, data)
    if found:
        raise ConfigError(_by_line([_at(path, lines, loc, message) for loc, message in found]))
    return config


def _by_line(problems: list[str]) -> list[str]:
    """Problems in file order; those without a line (none so far) first, each group stable."""

    def line(problem: str) -> int:
        match = _LINE.match(problem)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=line)


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


def _interpolate(
    value: Any,
    loc: tuple[Any, ...],
    environ: dict[str, str],
    problems: list[str],
    path: Path,
    lines: dict[tuple[Any, ...], int],
) -> Any:
    if isinstance(value, dict):
        return {
            k: _interpolate(v, (*loc, k), environ, problems, path, lines) for k, v in value.items()
        }
    if isinstance(value, list):
        return [
            _interpolate(v, (*loc, i), environ, problems, path, lines) for i, v in enumerate(value)
        ]
    if not isinstance(value, str) or "${" not in value:
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in environ and environ[name] != "":
            return environ[name]
        if default is not None:
            return default
        problems.append(
            _at(
                path,
                lines,
                loc,
                f"environment variable {name} is not set; set it or write ${{{name}:-default}}",
            )
        )
        return ""

    return _ENV_REFERENCE.sub(substitute, value)


def _line_index(root: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """Map each key path, e.g. ('rules', 0, 'low'), to its 1-based line in the file."""
    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, loc: tuple[Any, ...]) -> None:
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                lines[(*loc, key)] = key_node.start_mark.line + 1
                walk(value_node, (*loc, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))

    if root is not None:
        walk(root, ())
    return lines


def _at(path: Path, lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...], message: str) -> str:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return f"{path}:{lines[loc[:end]]}: {_dotted(loc)}: {message}"
    return f"{path}: {_dotted(loc)}: {message}"


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _yaml_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop pydantic's union tags (e.g. 'price_band') and validator names that are not YAML keys."""
    kept: list[Any] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if in_mapping or in_list:
            node = node[part]
            kept.append(part)
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and part not in RULE_TYPES
            and "[" not in part
        ):
            kept.append(part)  # a missing or unknown key: still worth naming
            node = None
    return tuple(kept)


def _describe(error: Any, path: Path, lines: dict[tuple[Any, ...], int], data: Any) -> str:
    loc = _yaml_loc(tuple(error["loc"]), data)
    kind = error["type"]
    message = error["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        parent = _model_keys(tuple(error["loc"])[:-1])
        key = str(loc[-1]) if loc else ""
        hint = difflib.get_close_matches(key, parent, n=1)
        message = f"unknown key {key!r}"
        if hint:
            message += f"; did you mean {hint[0]!r}?"
        elif parent:
            message += f"; allowed here: {', '.join(parent)}"
    elif kind == "missing":
        message = "required key is missing; add it"
    elif kind == "union_tag_invalid":
        known = ", ".join(sorted(RULE_TYPES))
        message = f"unknown rule type {error['input'].get('type')!r}; known types: {known}"
        loc = (*loc, "type")
    elif kind == "union_tag_not_found":
        message = f"every rule needs a type; known types: {', '.join(sorted(RULE_TYPES))}"
    return _at(path, lines, loc, message)


def _model_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys the model at pydantic location `loc` accepts, for 'did you mean' hints."""
    model: Any = Config
    for part in loc:
        if isinstance(part, str) and part in RULE_TYPES:
            model = RULE_TYPES[part].Options
        elif isinstance(part, str) and isinstance(model, type) and issubclass(model, BaseModel):
            field = model.model_fields.get(part)
            model = _model_in(field.annotation) if field else None
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [name for name in model.model_fields if name != "type"]
    return []


def _model_in(annotation: Any) -> Any:
    """The BaseModel inside list[X], dict[str, X] or X | None; the annotation otherwise."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation
