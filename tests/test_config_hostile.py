"""Hostile config files, durations and command arguments: each is refused with one clear line
(`file:line: key.path: what is wrong`) and exit 2, never a traceback, an overflow or a hang."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from aiohttp import web
from bot_process import bot_command, start_bot
from fakes.telegram_api import FakeTelegramAPI
from local_http import serve
from telegram_harness import ask_text, running_app

from bot.config import Config, ConfigError, load_config
from bot.config_env import EnvSyntaxError, expand
from bot.config_file import MAX_FILE_BYTES
from bot.durations import parse_duration
from bot.store import Store

COMMAND_TIMEOUT_S = 120.0  # a bound on a hang, not a timing assertion
LONG = "9" * 20
FEED = "sources:\n  feeds:\n    - {name: wire, url: 'http://127.0.0.1/f.xml', every: %s}\n"
BAND = (
    "watchlist: {BABA: {}}\n"
    "rules:\n"
    "  - {name: band, type: price_band, symbol: BABA, low: %s, high: %s, hysteresis: %s}\n"
)
KEYWORD = "rules:\n  - {name: kw, type: keyword, %s}\n"


def alias_bomb(levels: int) -> str:
    """Each level refers nine times to the one before: 9**levels strings once expanded."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels + 1):
        refs = ",".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


# (id, file text, line, key path, a phrase of the message)
CASES: list[tuple[str, str, int, str, str]] = [
    (
        "cooldown-overflow",
        f"rules:\n  - {{name: a, type: keyword, any: [x], cooldown: {LONG}d}}\n",
        2,
        "rules[0].cooldown",
        "too long a duration; at most 3650d",
    ),
    ("every-inf", FEED % ".inf", 3, "sources.feeds[0].every", "not a finite duration"),
    ("every-1e400", FEED % "1.0e+400", 3, "sources.feeds[0].every", "not a finite duration"),
    ("every-huge-int", FEED % LONG, 3, "sources.feeds[0].every", "too long a duration"),
    ("every-3001-units", FEED % ("1h" * 3001), 3, "sources.feeds[0].every", "at most 2 parts"),
    ("every-unit-order", FEED % "30m1h", 3, "sources.feeds[0].every", "larger unit first"),
    ("every-negative", FEED % "-5", 3, "sources.feeds[0].every", "negative"),
    (
        "window-inf",
        "watchlist: {BABA: {}}\nrules:\n  - {name: m, type: price_move, symbol: BABA, "
        "change_pct: 3, window: .inf}\n",
        3,
        "rules[0].window",
        "not a finite duration",
    ),
    (
        "combo-within-overflow",
        "rules:\n  - {name: c, type: combo, any: [x], within: 99999999999999999999s}\n",
        2,
        "rules[0].within",
        "too long a duration",
    ),
    ("timezone-300", f"timezone: {'a' * 300}\n", 1, "timezone", "unknown time zone"),
    ("timezone-list", "timezone: [Europe/Berlin]\n", 1, "timezone", "must be text, not a list"),
    ("list-as-key", "watchlist:\n  [a, b]: {}\n", 2, "watchlist", "a key must be text"),
    ("mapping-as-key", "watchlist:\n  ? {a: 1}\n  : {}\n", 2, "watchlist", "must be text"),
    ("number-key", "watchlist:\n  9984: {}\n", 2, "watchlist", "quotes: '9984'"),
    ("boolean-key", "rules:\n  - {name: a, type: keyword, on: x}\n", 2, "rules[0]", "true/false"),
    ("null-key", "watchlist:\n  ~: {}\n", 2, "watchlist", "read as null"),
    ("alias-bomb-7", alias_bomb(7), 6, "l5", "expand this to over 100000 values"),
    ("alias-recursive", "watchlist:\n  BABA: &a [1, *a]\n", 2, "watchlist.BABA[1]", "contains it"),
    (
        "alias-chain-depth",
        "l0: &l0 [x]\n" + "".join(f"l{i}: &l{i} [*l{i - 1}]\n" for i in range(1, 30)),
        19,
        "l19[0]",
        "nest this over 20 levels deep",
    ),
    ("deep-nesting", "rules: " + "[" * 5000 + "]" * 5000 + "\n", 1, "rules", "nested more"),
    (
        "number-5000-digits",
        FEED.replace("every: %s", "every: 1m, backfill: %s") % ("9" * 5000),
        3,
        "sources.feeds[0].backfill",
        "a number of 5000 characters",
    ),
    ("band-high-inf", BAND % (1, ".inf", 0), 3, "rules[0].high", "finite number"),
    ("band-low-nan", BAND % (".nan", 2, 0), 3, "rules[0].low", "finite number"),
    ("band-hysteresis-inf", BAND % (1, 2, ".inf"), 3, "rules[0].hysteresis", "finite number"),
    (
        "threshold-above-inf",
        "watchlist: {BABA: {}}\nrules:\n  - {name: t, type: threshold, symbol: BABA, "
        "above: .inf}\n",
        3,
        "rules[0].above",
        "finite number",
    ),
    (
        "move-pct-nan",
        "watchlist: {BABA: {}}\nrules:\n  - {name: m, type: price_move, symbol: BABA, "
        "change_pct: .nan, window: 1h}\n",
        3,
        "rules[0].change_pct",
        "finite number",
    ),
    (
        "consensus-pct-inf",
        "rules:\n  - {name: c, type: consensus, target_change_pct: .inf}\n",
        2,
        "rules[0].target_change_pct",
        "finite number",
    ),
    (
        "consensus-points-over-100",
        "rules:\n  - {name: c, type: consensus, split_change_pts: 1000}\n",
        2,
        "rules[0].split_change_pts",
        "less than or equal to 100",
    ),
    (
        "analyst-upside-nan",
        "rules:\n  - {name: a, type: analyst, min_upside_pct: .nan}\n",
        2,
        "rules[0].min_upside_pct",
        "finite number",
    ),
    ("glitch-factor-inf", "alerts:\n  glitch_factor: .inf\n", 2, "alerts.glitch_factor", "finite"),
    ("keyword-empty", KEYWORD % "any: ['']", 2, "rules[0].any[0]", "match every text"),
    ("keyword-blank", KEYWORD % "all: ['  ']", 2, "rules[0].all[0]", "match every text"),
    ("keyword-dash", KEYWORD % "any: [x], none: ['-']", 2, "rules[0].none[0]", "every text"),
    ("regex-empty-match", KEYWORD % "regex: 'x|'", 2, "rules[0].regex", "every headline"),
    ("watch-name-empty", "watchlist: {BABA: {names: ['']}}\n", 1, "watchlist.BABA.names[0]", ""),
    ("broker-empty", "rules:\n  - {name: a, type: analyst, brokers: ['']}\n", 2, "", "every"),
    (
        "env-default-stray-brace",
        "redis:\n  url: ${X:-redis://x}}\n",
        2,
        "redis.url",
        "closes nothing",
    ),
    ("env-no-name", "redis:\n  url: ${1X}\n", 2, "redis.url", "not followed by a variable name"),
    ("env-bad-operator", "redis:\n  url: ${X-y}\n", 2, "redis.url", "must be followed by"),
    ("env-unclosed", "redis:\n  url: '${X:-redis://x'\n", 2, "redis.url", "not closed"),
    (
        "env-nesting",
        "redis:\n  url: " + "${X:-" * 8 + "x" + "}" * 8 + "\n",
        2,
        "redis.url",
        "nest more than 5 deep",
    ),
    ("redis-url-host", "redis:\n  url: 'redis://x}'\n", 2, "redis.url", "not a Redis URL"),
    ("data-dir-nul", 'redis:\n  data_dir: "a\\0b"\n', 2, "redis.data_dir", "directory path"),
    (
        "port-huge",
        "telegram:\n  webhook: {url: 'https://x/h', secret_token: s, port: 1e30}\n",
        2,
        "telegram.webhook.port",
        "must be a whole number",
    ),
    (
        "commands-per-minute-huge",
        f"telegram:\n  commands_per_minute: {LONG}\n",
        2,
        "telegram.commands_per_minute",
        "less than or equal",
    ),
    ("admin-id-huge", f"telegram:\n  admins: [{LONG}]\n", 2, "telegram.admins[0]", "less than"),
    (
        "rule-name-1000",
        f"rules:\n  - {{name: {'n' * 1000}, type: keyword, any: [x]}}\n",
        2,
        "rules[0].name",
        "at most 100 characters",
    ),
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_one_clear_line(problem: str, path: Path, line: int, key: str, phrase: str) -> None:
    assert "\n" not in problem and "Traceback" not in problem
    assert len(problem) < 400, problem
    prefix = f"{path}:{line}: {key}" if key else f"{path}:{line}: "
    assert problem.startswith(prefix), problem
    assert phrase in problem, problem


@pytest.mark.parametrize(
    ("text", "line", "key", "phrase"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_value_is_one_clear_problem(
    tmp_path: Path, text: str, line: int, key: str, phrase: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    assert len(raised.value.problems) == 1, raised.value.problems
    assert_one_clear_line(raised.value.problems[0], path, line, key, phrase)


def test_aliases_within_bounds_are_read_as_written_out(tmp_path: Path) -> None:
    # yaml.safe_dump writes a list that two rules share as an anchor and an alias.
    words = ["capital increase"]
    rules = [{"name": name, "type": "keyword", "any": words} for name in ("a", "b")]
    text = yaml.safe_dump({"rules": rules})
    assert "&id001" in text and "*id001" in text
    config = load_config(write(tmp_path, text), environ={})
    assert [rule.any for rule in config.rules] == [words, words]


def test_an_over_long_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, "# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    size = path.stat().st_size
    assert raised.value.problems == [
        f"{path}: the config file has {size} bytes; at most {MAX_FILE_BYTES} are read"
    ]


def test_a_refused_redis_url_does_not_show_its_password(tmp_path: Path) -> None:
    path = write(tmp_path, "redis:\n  url: ${TW_REDIS}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={"TW_REDIS": "redis://:hunter2@x}:6379"})
    assert "hunter2" not in str(raised.value) and "redis://***@" in str(raised.value)


# -- ${VAR:-default}: the grammar, case by case -----------------------------------------------

ENVIRON = {"SET": "value", "EMPTY": ""}


@pytest.mark.parametrize(
    ("text", "expected", "missing"),
    [
        ("${SET}", "value", []),
        ("${UNSET}", "", ["UNSET"]),
        ("${EMPTY:-fallback}", "fallback", []),
        ("${UNSET:-redis://x:6379/0}", "redis://x:6379/0", []),
        ("${UNSET:-redis://x\\}}", "redis://x}", []),
        ("${UNSET:-{a}}", "{a}", []),
        ("${UNSET:-a{b}c}d", "a{b}cd", []),
        ("${UNSET:-${SET}}", "value", []),
        ("${UNSET:-${OTHER}}", "", ["OTHER"]),
        ("${SET:-${OTHER}}", "value", []),
        ("$${SET}", "${SET}", []),
        ("${SET}\\$\\{b", "value${b", []),
        ("x${SET}y{1}", "xvaluey{1}", []),
        ("no reference \\d{3}", "no reference \\d{3}", []),
        ("${UNSET:-}", "", []),
    ],
)
def test_reference_grammar(text: str, expected: str, missing: list[str]) -> None:
    assert expand(text, ENVIRON) == (expected, missing)


@pytest.mark.parametrize(
    "text", ["${", "${1}", "${SET-x}", "${SET:x}", "${UNSET:-x", "${SET}}", "a}${SET}", "${ SET}"]
)
def test_reference_grammar_errors(text: str) -> None:
    with pytest.raises(EnvSyntaxError):
        expand(text, ENVIRON)


def test_a_default_may_hold_braces_and_urls_in_the_config(tmp_path: Path) -> None:
    text = "telegram:\n  base_url: '${TW_BASE:-http://127.0.0.1:8081/bot?q={a}b\\}c}'\n"
    config = load_config(write(tmp_path, text), environ={})
    assert config.telegram.base_url == "http://127.0.0.1:8081/bot?q={a}b}c"


# -- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("90m", timedelta(minutes=90)),
        ("1h30m", timedelta(minutes=90)),
        ("1.5h", timedelta(minutes=90)),
        ("3650d", timedelta(days=3650)),
        ("0s", timedelta(0)),
        (60, timedelta(minutes=1)),
    ],
)
def test_durations_within_the_grammar(value: object, expected: timedelta) -> None:
    assert parse_duration(value) == expected


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("1h1h1h", "at most 2 parts"),
        ("1h" * 3001, "at most 2 parts"),
        ("1d2h3m", "at most 2 parts"),
        ("1h1h", "larger unit first"),
        ("30m1h", "larger unit first"),
        ("99999999999999999999d", "too long a duration"),
        ("9" * 10_000 + "d", "not a duration"),
        ("3651d", "too long a duration"),
        (10**400, "too long a duration"),
        (float("inf"), "not a finite duration"),
        (float("nan"), "not a finite duration"),
        (-1, "negative"),
        (timedelta(days=5000), "too long a duration"),
        ([1], "expected a duration"),
    ],
)
def test_durations_outside_the_grammar_are_refused(value: object, phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase) as raised:
        parse_duration(value)
    assert len(str(raised.value)) < 200  # the value is clipped in the message


# -- the command line -------------------------------------------------------------------------


SUBPROCESS_CASES = ["cooldown-overflow", "timezone-300", "list-as-key", "alias-bomb-7"]


@pytest.mark.parametrize("case_id", SUBPROCESS_CASES)
@pytest.mark.parametrize("form", ["check-config FILE", "check-config -c FILE", "run FILE"])
def test_command_line_exits_2_with_one_line(tmp_path: Path, case_id: str, form: str) -> None:
    _, text, line, key, phrase = next(case for case in CASES if case[0] == case_id)
    path = write(tmp_path, text)
    result = bot_command(*form.replace("FILE", str(path)).split())
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [problem] = result.stderr.splitlines()
    assert_one_clear_line(problem, path, line, key, phrase)


def test_check_config_takes_the_file_as_an_argument() -> None:
    result = bot_command("check-config", "config.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("config.yaml: valid")


def test_two_different_config_files_are_a_usage_error(tmp_path: Path) -> None:
    result = bot_command("check-config", "config.yaml", "-c", str(tmp_path / "other.yaml"))
    assert result.returncode == 2
    assert "two config files given" in result.stderr


@pytest.mark.parametrize("verbose", [False, True])
def test_a_data_dir_that_is_a_file_stops_run_with_one_line(tmp_path: Path, verbose: bool) -> None:
    data_file = tmp_path / "data"
    data_file.write_text("not a directory")
    path = write(tmp_path, f"redis:\n  data_dir: {data_file}\n")
    result = bot_command(*(["-v"] if verbose else []), "run", str(path))
    assert result.returncode == 3, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: redis.data_dir {data_file} is not a directory"]
    # The traceback only on request, through the log.
    assert ("Traceback" in result.stderr) == verbose


# -- commands with hostile durations and zones --------------------------------------------------

CHAT = 6161


def bot_config(api: FakeTelegramAPI, redis_url: str) -> Config:
    telegram = {"token": "123456:HOSTILE", "base_url": api.base_url, "commands_per_minute": 200}
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "telegram": telegram,
            "watchlist": {"BABA": {"names": ["Alibaba"]}},
        }
    )


async def test_hostile_command_arguments_get_usage_replies(
    telegram_api: FakeTelegramAPI,
    store: Store,
    redis_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    async with running_app(bot_config(telegram_api, redis_url)):
        for duration in ["1h1h1h", "1h" * 3001, "99999999999999999999d", "366d", "1e400s"]:
            reply = await ask_text(telegram_api, CHAT, f"/mute BABA {duration}")
            assert reply.startswith("Give a duration from 1m to 365d"), reply
            assert "Usage: <code>/mute" in reply
        reply = await ask_text(telegram_api, CHAT, f"/digest 08:00 {'x' * 10_000}")
        assert reply.startswith("Unknown time zone <code>xxxx") and "Usage:" in reply
        assert len(reply) < 400
        reply = await ask_text(telegram_api, CHAT, f"/quiet 22:00-07:00 {'Europe/' * 100}")
        assert reply.startswith("Unknown time zone") and len(reply) < 400
        assert await store.mutes(CHAT, datetime.now(UTC)) == {}
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert max((len(record.getMessage()) for record in caplog.records), default=0) < 1000


async def test_a_webhook_port_in_use_stops_run_with_one_line(
    tmp_path: Path, telegram_api: FakeTelegramAPI
) -> None:
    async with serve(web.Application()) as occupied:
        port = int(occupied.rsplit(":", 1)[1])
        path = write(
            tmp_path,
            f"redis:\n  data_dir: {tmp_path / 'redis'}\n"
            f"telegram:\n  token: '123456:PORT'\n  base_url: '{telegram_api.base_url}'\n"
            f"  webhook: {{url: 'https://bot.example/hook', secret_token: s3cret, port: {port}}}\n",
        )
        process = await start_bot("run", str(path))
        _, stderr = await asyncio.wait_for(process.communicate(), COMMAND_TIMEOUT_S)
    output = stderr.decode()
    assert process.returncode == 5, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: cannot listen on 127.0.0.1:{port} for telegram.webhook (address already in use);"
        " free the port or change telegram.webhook.port"
    ]
    sent = [call.method for call in telegram_api.calls if call.method != "getMe"]
    assert sent == [], "nothing is sent to Telegram before start-up has passed"
