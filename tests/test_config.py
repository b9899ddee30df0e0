"""config.yaml loading: the shipped file, and one clear `file:line: key.path: message` per error."""

from __future__ import annotations

import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from bot import config_file
from bot.config import Config, ConfigError, load_config
from bot.durations import format_duration, parse_duration
from rules.registry import RULE_TYPES

REPO = Path(__file__).resolve().parents[1]

KNOWN_TYPES = ", ".join(sorted(RULE_TYPES))

WATCHLIST = """\
watchlist:
  BABA: {names: [Alibaba]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> Config:
    return load_config(write(tmp_path, text), environ={} if environ is None else environ)


def problems(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load(tmp_path, text, environ)
    assert str(raised.value) == "\n".join(raised.value.problems)
    return raised.value.problems


def only_problem(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> str:
    found = problems(tmp_path, text, environ)
    assert len(found) == 1, found
    return found[0]


# -- the shipped file -------------------------------------------------------------------------


def test_shipped_config_loads_with_an_empty_environment() -> None:
    config = load_config(REPO / "config.yaml", environ={})
    assert config.timezone == "Europe/Berlin"
    assert config.redis.url == ""
    assert config.telegram.token.get_secret_value() == ""
    assert config.telegram.base_url == "https://api.telegram.org/bot"
    assert list(config.watchlist) == ["BABA", "META", "SAP", "NVDA"]
    assert [feed.name for feed in config.sources.feeds] == [
        "alibaba-de",
        "alibaba-en",
        "kursziele-de",
        "price-targets-en",
    ]
    assert config.sources.prices is not None
    assert config.sources.prices.every == timedelta(minutes=1)
    [band] = [rule for rule in config.rules if rule.name == "alibaba-band"]
    assert (band.type, band.symbols, band.low, band.high) == ("price_band", ["BABA"], 154, 157)


def test_shipped_config_reads_secrets_from_the_environment() -> None:
    environ = {"TELEGRAM_BOT_TOKEN": "123:secret", "REDIS_URL": "redis://127.0.0.1:6399/2"}
    config = load_config(REPO / "config.yaml", environ=environ)
    assert config.telegram.token.get_secret_value() == "123:secret"
    assert config.redis.url == "redis://127.0.0.1:6399/2"
    assert "123:secret" not in repr(config)


def test_an_empty_file_is_a_valid_empty_config(tmp_path: Path) -> None:
    config = load(tmp_path, "# nothing configured yet\n")
    assert config.watchlist == {} and config.rules == [] and config.sources.feeds == []


# -- errors name file, line, key path and the fix ---------------------------------------------


def test_low_not_below_high_names_both_values_and_the_line_of_low(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    text = (
        WATCHLIST
        + """\
rules:
  - name: band
    type: price_band
    symbol: BABA
    low: 154
    high: 150
"""
    )
    assert only_problem(tmp_path, text) == (
        f"{path}:7: rules[0].low: must be below high (154 >= 150)"
    )


def test_a_value_of_the_wrong_kind_points_at_its_line(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: quiet
        type: keyword
        any: [dividend]
        severity: urgent
    """
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'config.yaml'}:5: rules[0].severity: ")
    assert "'info', 'warning' or 'critical'" in problem


def test_a_number_that_is_not_a_number(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: band
        type: price_band
        low: abc
        high: 150
    """
    assert only_problem(tmp_path, text).startswith(f"{tmp_path / 'config.yaml'}:4: rules[0].low: ")


def test_unknown_key_suggests_the_closest_known_one(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: raise
        type: keyword
        any: [Kapitalerhöhung]
        severty: info
    """
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:5: rules[0].severty: unknown key 'severty'; "
        "did you mean 'severity'?"
    )


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = "timezone: UTC\nwatchlst: {}\n"
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:2: watchlst: unknown key 'watchlst'; did you mean 'watchlist'?"
    )


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    text = "redis:\n  url: ''\n  zzz: 1\n"
    problem = only_problem(tmp_path, text)
    assert problem == (
        f"{tmp_path / 'config.yaml'}:3: redis.zzz: unknown key 'zzz'; allowed here: url, data_dir"
    )


def test_unknown_rule_type_lists_the_known_types(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: raise
        type: kewyord
        any: [x]
    """
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: rules[0].type: unknown rule type 'kewyord'; "
        f"known types: {KNOWN_TYPES}"
    )


def test_rule_without_type(tmp_path: Path) -> None:
    text = "rules:\n  - name: raise\n    any: [x]\n"
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:2: rules[0]: every rule needs a type; "
        f"known types: {KNOWN_TYPES}"
    )


def test_missing_required_key_points_at_its_mapping(tmp_path: Path) -> None:
    text = """\
    sources:
      feeds:
        - name: wire
          url: http://127.0.0.1:8080/feed.xml
    """
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: sources.feeds[0].every: required key is missing; add it"
    )


def test_misspelt_required_key_gives_both_problems(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: band
        type: price_band
        low: 1
        hgh: 2
    """
    path = tmp_path / "config.yaml"
    assert sorted(problems(tmp_path, text)) == [
        f"{path}:2: rules[0].high: required key is missing; add it",
        f"{path}:5: rules[0].hgh: unknown key 'hgh'; did you mean 'high'?",
    ]


def test_bad_yaml_syntax_names_its_line(tmp_path: Path) -> None:
    text = "timezone: UTC\nwatchlist:\n\tBABA: {}\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'config.yaml'}:3: invalid YAML: ")
    assert "\\t" in problem


def test_a_key_written_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    text = "timezone: UTC\nwatchlist: {}\ntimezone: Europe/Berlin\n"
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: invalid YAML: key 'timezone' appears twice "
        "(first on line 1); keep one"
    )


def test_unclosed_flow_mapping_is_reported_where_the_parser_stops(tmp_path: Path) -> None:
    text = "watchlist:\n  BABA: {names: [Alibaba]\nrules: []\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'config.yaml'}:3: invalid YAML: ")


@pytest.mark.parametrize("text", ["- watchlist\n- rules\n", "just a sentence\n", "42\n"])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str) -> None:
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:1: the top level must be a mapping of keys such as "
        "watchlist: and rules:"
    )


# -- ${VAR} interpolation ---------------------------------------------------------------------


def test_unset_variable_without_default_is_an_error_naming_it(tmp_path: Path) -> None:
    text = "telegram:\n  admins: []\n  token: ${TW_TOKEN}\n"
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: telegram.token: environment variable TW_TOKEN is not set; "
        "set it or write ${TW_TOKEN:-default}"
    )


def test_every_unset_variable_is_reported_at_once(tmp_path: Path) -> None:
    text = "telegram:\n  token: ${TW_TOKEN}\nredis:\n  url: ${TW_REDIS}\n"
    found = problems(tmp_path, text)
    assert [problem.split(": ")[1] for problem in found] == ["telegram.token", "redis.url"]


def test_default_applies_when_unset_or_empty(tmp_path: Path) -> None:
    text = "telegram:\n  base_url: ${TW_BASE:-http://127.0.0.1:8081/bot}\n"
    for environ in ({}, {"TW_BASE": ""}):
        assert load(tmp_path, text, environ).telegram.base_url == "http://127.0.0.1:8081/bot"
    chosen = load(tmp_path, text, {"TW_BASE": "http://10.0.0.5/bot"})
    assert chosen.telegram.base_url == "http://10.0.0.5/bot"


def test_empty_default_and_embedded_references(tmp_path: Path) -> None:
    text = "redis:\n  url: ${TW_REDIS:-}\ntelegram:\n  base_url: http://${TW_HOST}:8081/bot\n"
    config = load(tmp_path, text, {"TW_HOST": "127.0.0.1"})
    assert config.redis.url == ""
    assert config.telegram.base_url == "http://127.0.0.1:8081/bot"


def test_interpolated_value_is_validated_like_a_literal(tmp_path: Path) -> None:
    text = "telegram:\n  base_url: ${TW_BASE}\n"
    assert only_problem(tmp_path, text, {"TW_BASE": "ftp://example.com"}) == (
        f"{tmp_path / 'config.yaml'}:2: telegram.base_url: 'ftp://example.com' is not an "
        "http(s) URL"
    )


# -- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1s", 1),
        ("90s", 90),
        ("2m", 120),
        ("1h30m", 5400),
        ("1d", 86400),
        ("1w", 604800),
        ("1.5h", 5400),
        (" 2 M ", 120),
        ("1d2h", 93600),
        (45, 45),
        (2.5, 2.5),
    ],
)
def test_durations_parse(text: object, seconds: float) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    "text", ["5x", "", "   ", "-1s", "1h30", "h", "1s x", "500ms", True, "1d2h3m4s"]
)
def test_bad_durations_are_refused(text: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize(("seconds", "text"), [(90, "1m30s"), (86400, "1d"), (5400, "1h30m")])
def test_format_duration_is_the_inverse_of_parse(seconds: int, text: str) -> None:
    assert format_duration(timedelta(seconds=seconds)) == text
    assert parse_duration(text) == timedelta(seconds=seconds)


def test_duration_in_config_accepts_compound_values(tmp_path: Path) -> None:
    text = "sources:\n  prices:\n    every: 1h30m\n"
    prices = load(tmp_path, text).sources.prices
    assert prices is not None and prices.every == timedelta(hours=1, minutes=30)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5x", "'5x' is not a duration; write it like 30s, 2m, 1h or 1d"),
        ('""', "expected a duration such as 30s, 2m, 1h or 1d, got an empty value"),
        ("-1s", "'-1s' is not a duration; write it like 30s, 2m, 1h or 1d"),
    ],
)
def test_bad_duration_in_config(tmp_path: Path, value: str, message: str) -> None:
    text = f"sources:\n  prices:\n    every: {value}\n"
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: sources.prices.every: {message}"
    )


@pytest.mark.parametrize("value", ["0.5s", "0", "0s"])
def test_interval_below_one_second_is_refused(tmp_path: Path, value: str) -> None:
    text = (
        "sources:\n  feeds:\n    - name: wire\n      url: http://127.0.0.1/f.xml\n"
        f"      every: {value}\n"
    )
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:5: sources.feeds[0].every: must be at least 1s"
    )


def test_one_second_interval_is_accepted(tmp_path: Path) -> None:
    text = "sources:\n  feeds:\n    - {name: wire, url: 'http://127.0.0.1/f.xml', every: 1s}\n"
    assert load(tmp_path, text).sources.feeds[0].every == timedelta(seconds=1)


# -- cross references -------------------------------------------------------------------------


def test_rule_symbol_missing_from_the_watchlist(tmp_path: Path) -> None:
    text = (
        WATCHLIST
        + """\
rules:
  - name: partners
    type: keyword
    any: [partnership]
    symbols: [BABA, TSLA]
"""
    )
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:7: rules[0].symbols: symbol 'TSLA' is not in the watchlist "
        "(known: BABA); add it under watchlist:"
    )


def test_price_band_symbol_shorthand_is_checked_against_the_watchlist(tmp_path: Path) -> None:
    text = WATCHLIST + "rules:\n  - {name: band, type: price_band, symbol: META, low: 1, high: 2}\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'config.yaml'}:4: rules[0].symbol: symbol 'META' ")


def test_duplicate_rule_names_point_at_the_rules_list(tmp_path: Path) -> None:
    text = (
        WATCHLIST
        + """\
rules:
  - {name: raise, type: keyword, any: [x]}
  - {name: raise, type: keyword, any: [y]}
"""
    )
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: rules: rule names must be unique; repeated: raise"
    )


def test_duplicate_feed_names(tmp_path: Path) -> None:
    text = """\
    timezone: UTC
    sources:
      feeds:
        - {name: wire, url: 'http://127.0.0.1/a.xml', every: 1m}
        - {name: wire, url: 'http://127.0.0.1/b.xml', every: 1m}
    """
    assert only_problem(tmp_path, text) == (
        f"{tmp_path / 'config.yaml'}:3: sources.feeds: feed names must be unique; repeated: wire"
    )


def test_unknown_time_zone(tmp_path: Path) -> None:
    assert only_problem(tmp_path, "timezone: Europe/Berln\n") == (
        f"{tmp_path / 'config.yaml'}:1: timezone: unknown time zone 'Europe/Berln'; "
        "use an IANA name such as Europe/Berlin"
    )


def test_lowercase_watchlist_symbol(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "watchlist:\n  META: {}\n  baba: {names: [Alibaba]}\n")
    assert problem == (
        f"{tmp_path / 'config.yaml'}:3: watchlist.baba: 'baba' is not a ticker symbol; "
        "write it in capitals, e.g. BABA or SAP.DE"
    )


def test_invalid_regex_is_reported_with_its_rule(tmp_path: Path) -> None:
    text = "rules:\n  - name: r\n    type: keyword\n    regex: '(unclosed'\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'config.yaml'}:4: rules[0].regex: ")
    assert "not a regular expression RE2 accepts (missing ): (unclosed)" in problem


@pytest.mark.parametrize(
    ("regex", "reason"),
    [
        ("(a)\\1", "invalid escape sequence: \\1"),
        ("(?<!not )guidance", "invalid perl operator: (?<!"),
        ("(?=x)x", "invalid perl operator: (?="),
    ],
)
def test_a_regex_that_needs_backtracking_is_refused_with_the_fix(
    tmp_path: Path, regex: str, reason: str
) -> None:
    text = f"rules:\n  - name: r\n    type: keyword\n    regex: '{regex}'\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'config.yaml'}:4: rules[0].regex: ")
    assert f"not a regular expression RE2 accepts ({reason})" in problem
    assert "rewrite the expression without them" in problem


# -- the file itself --------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    assert raised.value.problems == [
        f"{path}: cannot read the config file: No such file or directory"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "timezone: UTC\n")
    path.chmod(0)
    try:
        if _can_still_read(path):
            pytest.skip("running with privileges that ignore file permissions")
        with pytest.raises(ConfigError) as raised:
            load_config(path, environ={})
    finally:
        path.chmod(0o600)
    assert raised.value.problems == [f"{path}: cannot read the config file: Permission denied"]


def test_a_directory_is_not_a_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path, environ={})
    assert raised.value.problems[0].startswith(f"{tmp_path}: cannot read the config file: ")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"\xff\xfe\x00timezone")
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    assert raised.value.problems == [f"{path}: not UTF-8 text (invalid start byte at byte 0)"]


def _can_still_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_the_fast_parser_reads_a_config_as_the_pure_python_one_does() -> None:
    path = Path(__file__).resolve().parents[1] / "config.yaml"
    text = path.read_text(encoding="utf-8")
    environ: dict[str, str] = {}
    slow = config_file._parse(path, text, environ, config_file._UniqueKeyLoader)
    for fast_loader in config_file._FAST:
        fast = config_file._parse(path, text, environ, fast_loader)
        assert (fast.data, fast.lines) == (slow.data, slow.lines)
