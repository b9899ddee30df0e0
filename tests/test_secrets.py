"""Secrets never leak: the bot token and key-looking feed URL parts appear in no log line (also
with -v) and no error message, and /status shows URLs and raw errors only to an admin."""

from __future__ import annotations

import asyncio
import io
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import web
from bot_process import start_bot
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram
from local_http import serve
from telegram.error import InvalidToken
from telegram_harness import ADMIN, NOW, ask_text, running_bot

from bot.redact import Redactor, redact, redact_url
from bot.sources.http import HttpClient, SourceError
from bot.store import Store

# Shaped like a real token, so the generic pattern would catch it too; the configured token is
# masked whatever its shape (see test_a_configured_token_of_any_shape_is_masked).
TOKEN = "7312345678:AAHfakeFAKEfake_fake-FAKEfakeFAKEfake00"
KEY = "SECRET123"
PASSWORD = "hunter2pw"
RUN_TIMEOUT_S = 120.0  # bounds on a hang, never timing assertions
CHAT = 4242


class FailingFeeds:
    """A feed server that answers 500 to everything and counts the requests."""

    def __init__(self, enough: int = 4) -> None:
        self.requests = 0
        self.enough = enough
        self.served_enough = asyncio.Event()
        self.app = web.Application()
        self.app.router.add_get("/{tail:.*}", self.answer)

    async def answer(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.requests >= self.enough:
            self.served_enough.set()
        return web.Response(status=500, text="broken")


def write_config(tmp_path: Path, base_url: str, feeds: str) -> Path:
    host = feeds.removeprefix("http://")
    path = tmp_path / "config.yaml"
    path.write_text(
        f"""\
redis:
  data_dir: {tmp_path / "redis"}
telegram:
  token: "{TOKEN}"
  base_url: "{base_url}"
watchlist:
  BABA: {{names: [Alibaba]}}
sources:
  feeds:
    - {{name: keyed, url: "{feeds}/rss?apikey={KEY}&page=1", every: 1s}}
    - {{name: userinfo, url: "http://reader:{PASSWORD}@{host}/private.xml", every: 1s}}
""",
        encoding="utf-8",
    )
    return path


async def run_verbose(config: Path) -> asyncio.subprocess.Process:
    return await start_bot("-v", "run", str(config))


def assert_no_secret(output: str) -> None:
    for secret in (TOKEN, TOKEN.split(":")[1], KEY, PASSWORD):
        assert secret not in output, f"{secret!r} leaked:\n{output[-3000:]}"


@asynccontextmanager
async def failing_feeds() -> AsyncIterator[tuple[FailingFeeds, str]]:
    feeds = FailingFeeds()
    async with serve(feeds.app) as base:
        yield feeds, base


async def test_run_with_debug_logging_never_prints_the_token_or_feed_keys(tmp_path: Path) -> None:
    async with (
        running_fake_telegram(expected_token=TOKEN) as api,
        failing_feeds() as (feeds, feed_base),
    ):
        process = await run_verbose(write_config(tmp_path, api.base_url, feed_base))
        try:
            # Both feeds fail twice or more: each failure is logged with the feed's URL.
            served = asyncio.create_task(feeds.served_enough.wait())
            exited = asyncio.create_task(process.wait())
            await asyncio.wait(
                {served, exited}, timeout=RUN_TIMEOUT_S, return_when="FIRST_COMPLETED"
            )
            served.cancel()
            exited.cancel()
            assert process.returncode is None, "the bot stopped early"
            assert any(call.method == "getMe" for call in api.calls)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            stdout, stderr = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    output = stdout.decode() + stderr.decode()
    assert process.returncode == 0, output[-3000:]
    assert_no_secret(output)
    # The lines are there, masked: the test would see a leak if there were one.
    assert "apikey=***&page=1" in output
    assert "http://***@127.0.0.1" in output
    assert "/bot***/getMe" in output or "DEBUG" in output


async def test_a_rejected_token_is_one_line_without_the_token(tmp_path: Path) -> None:
    async with (
        running_fake_telegram(expected_token="1:another") as api,
        failing_feeds() as (_, feed_base),
    ):
        process = await run_verbose(write_config(tmp_path, api.base_url, feed_base))
        stdout, stderr = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    output = stdout.decode() + stderr.decode()
    assert process.returncode == 4, output[-3000:]
    assert_no_secret(output)
    errors = [line for line in stderr.decode().splitlines() if line.startswith("error:")]
    assert errors == [
        "error: Telegram rejected the bot token (telegram.token); copy it again from @BotFather"
    ]


async def test_an_unreachable_bot_api_is_one_line_without_the_token(tmp_path: Path) -> None:
    async with failing_feeds() as (_, feed_base):
        closed = web.Application()
        async with serve(closed) as base:
            pass  # the port is free again: nothing listens there now
        config = write_config(tmp_path, f"{base}/bot", feed_base)
        result = await start_bot("run", str(config))
        stdout, stderr = await asyncio.wait_for(result.communicate(), RUN_TIMEOUT_S)
    output = stdout.decode() + stderr.decode()
    assert result.returncode == 4, output[-3000:]
    assert "Traceback" not in output
    assert_no_secret(output)
    [error] = [line for line in stderr.decode().splitlines() if line.startswith("error:")]
    assert error.startswith(f"error: cannot reach the Telegram Bot API at {base}/bot")


# -- the redactor itself ------------------------------------------------------------------------


def test_a_configured_token_of_any_shape_is_masked_in_messages_and_tracebacks() -> None:
    token = "42:shortSecretQ"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(Redactor([token]))
    logger = logging.getLogger("test_secrets.redactor")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise InvalidToken(f"The token `{token}` was rejected by the server.")
        except InvalidToken:
            logger.exception("GET https://api.telegram.org/bot%s/getMe failed", token)
        logger.warning(
            "poll %s", "https://userQ:passQ@feeds.example/rss?access_token=tokenQ7&sig=sigQ7&n=1"
        )
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    # Secrets of their own shape: a traceback also shows file paths, which hold any short word.
    for secret in ("shortSecretQ", "tokenQ7", "sigQ7", "userQ", "passQ"):
        assert secret not in text
    assert "bot***/getMe" in text and "The token `***` was rejected" in text
    assert "https://***@feeds.example/rss?access_token=***&sig=***&n=1" in text


def test_redact_url_keeps_what_is_not_secret() -> None:
    assert redact_url("https://feeds.example/rss?symbol=BABA&page=2") == (
        "https://feeds.example/rss?symbol=BABA&page=2"
    )
    assert redact_url("https://x/f?API_KEY=1&token=2&password=3&secret=4&key=5") == (
        "https://x/f?API_KEY=***&token=***&password=***&secret=***&key=***"
    )
    assert redact(f"Bot API {TOKEN} said no") == "Bot API *** said no"


# -- /status --------------------------------------------------------------------------------------


async def redirect_loop_error() -> SourceError:
    """What a real fetch of a URL that redirects to itself raises."""
    app = web.Application()

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound(str(request.rel_url))

    app.router.add_get("/{tail:.*}", loop)
    async with serve(app) as base, HttpClient() as client:
        try:
            await client.get(f"{base}/loop.xml?token={KEY}")
        except SourceError as error:
            return error
    raise AssertionError("a redirect loop must fail")


async def status_lines(api: FakeTelegramAPI, chat: int, user: int, chat_type: str) -> list[str]:
    before = len(api.messages_to(chat))
    api.push_command(chat, "/status", user_id=user, chat_type=chat_type)
    records = await api.wait_for_messages(before + 1, chat_id=chat)
    return (records[before].text or "").splitlines()


async def test_status_shows_error_kinds_to_everyone_and_details_to_an_admin_in_private(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    loop_error = await redirect_loop_error()
    assert loop_error.kind == "redirect" and "RequestInfo" not in str(loop_error)

    url = f"https://reader:{PASSWORD}@news.example/rss?apikey={KEY}"
    await store.record_source("wire", NOW, ok=False, error=f"http: {url}: HTTP 500 Server Error")
    await store.record_source("prices", NOW, ok=False, error=str(loop_error))
    async with running_bot(telegram_api, store):
        for chat, user, chat_type in ((CHAT, CHAT, "private"), (-100_555, ADMIN, "supergroup")):
            lines = await status_lines(telegram_api, chat, user, chat_type)
            shown = "\n".join(lines)
            assert "   last error: HTTP 500" in lines, shown
            assert "   last error: redirect loop" in lines, shown
            assert "news.example" not in shown and "127.0.0.1" not in shown
        admin = "\n".join(await status_lines(telegram_api, ADMIN, ADMIN, "private"))
        assert "https://***@news.example/rss?apikey=***: HTTP 500 Server Error" in admin
        assert "loop.xml?token=***: too many redirects (10)" in admin
        assert_no_secret(admin)
        german = await ask_text(telegram_api, CHAT, "/status", lang="de")
        assert "letzter Fehler: Weiterleitungsschleife" in german
