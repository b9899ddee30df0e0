"""The `http:` section: what is refused with its line, and a port that cannot be bound stopping
`run` with one line and exit code 5 before anything reaches Telegram."""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path

import pytest
from aiohttp import web
from bot_process import start_bot
from fakes.telegram_api import FakeTelegramAPI
from local_http import serve

from bot.config import ConfigError, load_config

COMMAND_TIMEOUT_S = 60.0


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    return [problem.removeprefix(f"{path}:") for problem in raised.value.problems]


@pytest.mark.parametrize("listen", ["9464", "localhost", ":9464", "127.0.0.1:99999", "a b:1"])
def test_listen_must_be_host_and_port(tmp_path: Path, listen: str) -> None:
    assert problems(tmp_path, f"http:\n  listen: '{listen}'\n") == [
        f"2: http.listen: {listen!r} is not host:port; write e.g. 127.0.0.1:9464, or "
        "0.0.0.0:9464 to be reached from outside a container"
    ]


@pytest.mark.parametrize(
    ("listen", "address"),
    [
        ("127.0.0.1:9464", ("127.0.0.1", 9464)),
        ("[::1]:80", ("::1", 80)),
        ("0.0.0.0:0", ("0.0.0.0", 0)),
    ],
)
def test_listen_forms_that_work(tmp_path: Path, listen: str, address: tuple[str, int]) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(f"http:\n  listen: '{listen}'\n", encoding="utf-8")
    assert load_config(path, environ={}).http.address == address


def test_off_by_default(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("{}\n", encoding="utf-8")
    assert load_config(path, environ={}).http.listen == ""


def test_a_short_status_token_is_refused(tmp_path: Path) -> None:
    text = "http:\n  listen: 127.0.0.1:9464\n  token: short\n"
    assert problems(tmp_path, text) == [
        "3: http.token: use at least 16 characters (e.g. the output of `openssl rand -hex 16`)"
    ]


def test_unknown_keys_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "http:\n  port: 9464\n")
    assert len(found) == 1 and found[0].startswith("2: http.port: unknown key"), found


async def test_a_port_in_use_stops_run_with_one_line_and_exit_code_5(
    tmp_path: Path, telegram_api: FakeTelegramAPI
) -> None:
    async with serve(web.Application()) as occupied:
        port = int(occupied.rsplit(":", 1)[1])
        path = tmp_path / "config.yaml"
        path.write_text(
            f"redis:\n  data_dir: {tmp_path / 'redis'}\n"
            f"telegram:\n  token: '123456:PORT'\n  base_url: '{telegram_api.base_url}'\n"
            f"http:\n  listen: '127.0.0.1:{port}'\n",
            encoding="utf-8",
        )
        process = await start_bot("run", str(path))
        _, stderr = await asyncio.wait_for(process.communicate(), COMMAND_TIMEOUT_S)
    output = stderr.decode()
    assert process.returncode == 5, output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: cannot listen on 127.0.0.1:{port} for http.listen (address already in use); "
        "free the port or change it"
    ]
    assert telegram_api.calls == [], "nothing is asked of Telegram before start-up has passed"


@pytest.mark.parametrize(
    ("basic_auth", "problem"),
    [
        (
            "{user: ops, password: short}",
            "http.basic_auth.password: use 16 to 256 characters (e.g. the output of "
            "`openssl rand -hex 16`)",
        ),
        ("{user: ops}", "http.basic_auth: give both user and password, or neither"),
        (
            "{password: 0123456789abcdef}",
            "http.basic_auth: give both user and password, or neither",
        ),
        (
            "{user: 'a:b', password: 0123456789abcdef}",
            "http.basic_auth.user: a user name has no colon and no control characters",
        ),
    ],
)
def test_basic_auth_needs_a_user_and_a_long_password(
    tmp_path: Path, basic_auth: str, problem: str
) -> None:
    [found] = problems(tmp_path, f"http:\n  basic_auth: {basic_auth}\n")
    assert found.split(": ", 1)[1] == problem


@pytest.mark.parametrize(
    ("websub", "problem"),
    [
        (
            "{callback_url: 'https://bot.example/websub', lease: 1h, check_every: 30m}",
            "sources.websub: check_every (30m) must be at most a quarter of lease (1h), so that "
            "a lease is renewed in time",
        ),
        (
            "{callback_url: 'https://bot.example/websub', lease: 1m}",
            "sources.websub.lease: must be between 5m and 30d",
        ),
        (
            "{callback_url: 'ftp://bot.example/websub'}",
            "sources.websub.callback_url: 'ftp://bot.example/websub' is not an http(s) URL",
        ),
    ],
)
def test_websub_settings_are_checked(tmp_path: Path, websub: str, problem: str) -> None:
    [found] = problems(tmp_path, f"sources:\n  websub: {websub}\n")
    assert found.split(": ", 1)[1] == problem
