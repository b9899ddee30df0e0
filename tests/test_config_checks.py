"""Config mistakes that validated before but could never work, each reported as file:line."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

REPO = Path(__file__).resolve().parents[1]
COMMAND_TIMEOUT_S = 60.0


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    return [problem.removeprefix(f"{path}:") for problem in raised.value.problems]


def check_config(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check-config", "-c", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )


@pytest.mark.parametrize(
    "url", ["http://localhost:6379", "localhost:6379", "tcp://127.0.0.1", "unix+cluster:///r.sock"]
)
def test_redis_url_must_be_a_redis_url(tmp_path: Path, url: str) -> None:
    found = problems(tmp_path, f"redis:\n  url: '{url}'\n")
    assert len(found) == 1
    assert found[0].startswith(f"2: redis.url: {url!r} is not a Redis URL; write redis://")


def test_a_cluster_url_names_no_other_database(tmp_path: Path) -> None:
    found = problems(tmp_path, "redis:\n  url: 'redis+cluster://r:7000/2'\n")
    assert found == [
        "2: redis.url: 'redis+cluster://r:7000/2': a Redis Cluster has only database 0; "
        "leave the path off"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "redis://r:6379/0",
        "redis+cluster://r:7000/0",
        "rediss://r:6380",
        "unix:///run/r.sock",
        "redis+cluster://r:7000",
        "rediss+cluster://r:7000",
        "",
    ],
)
def test_redis_url_schemes_that_work(tmp_path: Path, url: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"redis:\n  url: '{url}'\n", encoding="utf-8")
    assert load_config(path, environ={}).redis.url == url


def test_webhook_url_must_be_https(tmp_path: Path) -> None:
    text = """\
    telegram:
      webhook:
        url: http://bot.example/hook
        secret_token: abc
    """
    assert problems(tmp_path, text) == [
        "3: telegram.webhook.url: 'http://bot.example/hook' is not an https:// URL; "
        "Telegram only posts updates to https"
    ]


def test_cooldown_max_below_cooldown(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: words
        type: keyword
        any: [merger]
        cooldown: 1h
        cooldown_max: 10m
    """
    assert problems(tmp_path, text) == [
        "6: rules[0].cooldown_max: must be at least the cooldown (10m < 1h); "
        "raise it or drop cooldown_max"
    ]


@pytest.mark.parametrize(
    "rule", ["type: price_band\n    low: 1\n    high: 2", "type: threshold\n    above: 3"]
)
def test_a_price_level_rule_needs_a_symbol(tmp_path: Path, rule: str) -> None:
    text = f"watchlist:\n  BABA: {{}}\n  META: {{}}\nrules:\n  - name: level\n    {rule}\n"
    kind = rule.split()[1]
    assert problems(tmp_path, text) == [
        f"5: rules[0]: a {kind} rule sets one price level, which fits only one symbol; "
        "add symbol: (e.g. symbol: BABA), or one rule per symbol"
    ]


def test_unknown_symbol_is_reported_at_the_symbol_key(tmp_path: Path) -> None:
    text = """\
    watchlist:
      BABA: {}
    rules:
      - name: tesla-level
        type: threshold
        above: 300
        symbol: TSLA
    """
    assert problems(tmp_path, text) == [
        "7: rules[0].symbol: symbol 'TSLA' is not in the watchlist (known: BABA); "
        "add it under watchlist:"
    ]


def test_several_problems_come_in_file_order(tmp_path: Path) -> None:
    text = """\
    rules:
      - name: words
        type: keyword
        any: [merger]
        cooldown: 1h
        cooldown_max: 1m
      - name: band
        type: price_band
        low: 1
        high: 2
    watchlist:
      BABA: {}
    redis:
      url: http://x
    sources:
      feeds:
        - {name: wire, url: ftp://x, every: 1m}
    """
    validation = problems(tmp_path, text)
    assert [int(problem.split(":")[0]) for problem in validation] == [14, 17]
    cross_checks = problems(tmp_path, text.replace("http://x", "redis://x").replace("ftp", "http"))
    assert [int(problem.split(":")[0]) for problem in cross_checks] == [6, 7]


def test_check_config_shows_cooldowns(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "watchlist:\n  BABA: {}\nrules:\n"
        "  - {name: move, type: price_move, symbol: BABA, change_pct: 3, window: 1h,"
        " cooldown: 30m, cooldown_max: 4h}\n"
        "  - {name: words, type: keyword, any: [merger], cooldown: 2h}\n"
        "  - {name: band, type: price_band, symbol: BABA, low: 1, high: 2}\n",
        encoding="utf-8",
    )
    result = check_config(path)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    move = next(line for line in lines if line.startswith("move "))
    assert move.endswith("; cooldown 30m, doubling on re-alerts up to 4h")
    words = next(line for line in lines if line.startswith("words "))
    assert words.endswith("; cooldown 2h")
    band = next(line for line in lines if line.startswith("band "))
    assert "cooldown" not in band


def test_an_empty_config_is_valid_but_warns_that_nothing_is_watched(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("", encoding="utf-8")
    result = check_config(path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: valid")
    assert f"{path}: nothing is watched; add symbols under watchlist: and rules:" in result.stderr


def test_a_value_of_the_wrong_kind_says_what_to_write(tmp_path: Path) -> None:
    text = """\
    telegram:
      token: 123456
      admins: [alice]
      commands_per_minute: many
    watchlist: [BABA]
    """
    assert problems(tmp_path, text) == [
        "2: telegram.token: must be text, not 123456; put it in quotes",
        "3: telegram.admins[0]: must be a whole number, not 'alice'",
        "4: telegram.commands_per_minute: must be a whole number, not 'many'",
        "5: watchlist: must be a mapping of keys to values (key: value), not a list",
    ]


def test_a_value_out_of_range_or_not_among_the_choices_says_so_plainly(tmp_path: Path) -> None:
    text = """\
    telegram:
      access: everyone
    watchlist:
      BABA: {}
    rules:
      - name: move
        type: price_move
        symbol: BABA
        change_pct: -3
        window: 1h
    """
    assert problems(tmp_path, text) == [
        "2: telegram.access: must be 'open' or 'allowlist', not 'everyone'",
        "9: rules[0].change_pct: must be greater than 0, not -3",
    ]
