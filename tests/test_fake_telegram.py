"""The fake Telegram Bot API works with the real python-telegram-bot."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator, Awaitable
from typing import TypeVar

import aiohttp
import pytest
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

TOKEN = "123456:TEST-token"
ALICE = 1001
BOB = 1002
GROUP = -1001234567890
# A bound on teardown far below the 30 s long poll: exceeding it means a poll was not released.
TEARDOWN_BOUND = 5.0

T = TypeVar("T")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegramAPI]:
    async with running_fake_telegram() as server:
        yield server


async def within_bound(awaitable: Awaitable[T], what: str) -> T:
    try:
        return await asyncio.wait_for(awaitable, TEARDOWN_BOUND)
    except TimeoutError:
        pytest.fail(f"{what} took over {TEARDOWN_BOUND}s: a long poll was held", pytrace=False)


def make_bot(api: FakeTelegramAPI, token: str = TOKEN) -> Bot:
    return Bot(token, base_url=api.base_url, base_file_url=api.base_file_url)


def make_application(api: FakeTelegramAPI) -> Application:
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )


async def start_polling(app: Application, poll_seconds: int = 1) -> None:
    await app.initialize()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=poll_seconds)
    await app.start()


async def stop_polling(app: Application) -> None:
    assert app.updater is not None
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def test_get_me_answers_with_the_bot_identity(api: FakeTelegramAPI) -> None:
    async with make_bot(api) as bot:
        me = await bot.get_me()
    assert me.username == "tickerwatch_test_bot"
    assert me.id == 123456
    assert me.is_bot
    assert api.token == TOKEN


async def test_send_message_records_html_and_inline_keyboard(api: FakeTelegramAPI) -> None:
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Mute BABA", callback_data="mute:BABA")]]
    )
    async with make_bot(api) as bot:
        first = await bot.send_message(
            ALICE,
            "<b>BABA</b> target raised to 225 &amp; more",
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard,
            disable_notification=True,
        )
        second = await bot.send_message(ALICE, "second")
        other_chat = await bot.send_message(BOB, "hello", message_thread_id=7)

    assert [first.message_id, second.message_id, other_chat.message_id] == [1, 2, 1]
    assert first.text == "BABA target raised to 225 & more"
    assert first.reply_markup == keyboard
    assert first.chat.id == ALICE and first.chat.type == "private"
    record = api.messages_to(ALICE)[0]
    assert record.method == "sendMessage"
    assert record.chat_id == ALICE
    assert record.text == "<b>BABA</b> target raised to 225 &amp; more"
    assert record.parse_mode == "HTML"
    assert record.reply_markup == {
        "inline_keyboard": [[{"text": "Mute BABA", "callback_data": "mute:BABA"}]]
    }
    assert record.disable_notification is True
    assert api.texts_to(BOB) == ["hello"]
    assert api.messages_to(BOB)[0].message_thread_id == 7
    assert api.messages_to(ALICE)[1].disable_notification is False


async def test_send_photo_stores_the_bytes_and_serves_them_as_a_file(
    api: FakeTelegramAPI,
) -> None:
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    async with make_bot(api) as bot:
        message = await bot.send_photo(ALICE, picture, caption="BABA chart")
        downloaded = await (await bot.get_file(message.photo[-1].file_id)).download_as_bytearray()

    record = api.messages_to(ALICE)[0]
    assert record.method == "sendPhoto"
    assert record.photo == picture
    assert record.text == "BABA chart"
    assert message.caption == "BABA chart"
    assert message.photo[-1].file_size == len(picture)
    assert bytes(downloaded) == picture


async def test_application_command_handler_replies_to_an_injected_command(
    api: FakeTelegramAPI,
) -> None:
    async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"pong {' '.join(context.args or [])}")

    app = make_application(api)
    app.add_handler(CommandHandler("ping", ping))
    await start_polling(app)
    try:
        api.push_command(ALICE, "/ping arg")
        api.push_command(GROUP, "/ping@tickerwatch_test_bot grp", chat_type="supergroup")
        api.push_command(GROUP, "/ping@some_other_bot ignored", chat_type="supergroup")
        api.push_text(ALICE, "just text")
        replies = await api.wait_for_messages(2)
    finally:
        await within_bound(stop_polling(app), "stopping the application")

    assert {(r.chat_id, r.text) for r in replies} == {(ALICE, "pong arg"), (GROUP, "pong grp")}
    assert len(api.sent) == 2
    assert api.updates.pending == []


async def test_callback_query_reaches_the_handler_which_answers_and_edits(
    api: FakeTelegramAPI,
) -> None:
    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer(f"muted {query.data}")
        await query.edit_message_reply_markup(reply_markup=None)

    app = make_application(api)
    app.add_handler(CallbackQueryHandler(on_button))
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Mute", callback_data="BABA")]])
    await start_polling(app)
    try:
        sent = await app.bot.send_message(ALICE, "BABA alert", reply_markup=keyboard)
        api.push_text(ALICE, "a later user message must not take the button press")
        api.push_callback_query(ALICE, "BABA")
        await api.wait_for_calls("editMessageReplyMarkup")
    finally:
        await within_bound(stop_polling(app), "stopping the application")

    assert [answer.text for answer in api.callback_answers] == ["muted BABA"]
    assert [(edit.method, edit.message_id, edit.reply_markup) for edit in api.edits] == [
        ("editMessageReplyMarkup", sent.message_id, None)
    ]
    assert "reply_markup" not in api.chats.messages[(ALICE, sent.message_id)]


async def test_edit_message_text_changes_the_message_and_refuses_a_no_op(
    api: FakeTelegramAPI,
) -> None:
    async with make_bot(api) as bot:
        sent = await bot.send_message(ALICE, "before")
        edited = await bot.edit_message_text("after", chat_id=ALICE, message_id=sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("after", chat_id=ALICE, message_id=sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("x", chat_id=ALICE, message_id=99)
    assert isinstance(edited, Message) and edited.text == "after"
    assert [edit.text for edit in api.edits] == ["after"]


@pytest.mark.parametrize(
    ("status", "expected", "wording"),
    [
        (403, Forbidden, "bot was blocked by the user"),
        (400, BadRequest, "can't parse entities"),
        (500, NetworkError, "Internal Server Error"),
        (502, NetworkError, "Bad Gateway"),
    ],
)
async def test_injected_errors_surface_as_ptb_exceptions(
    api: FakeTelegramAPI, status: int, expected: type[Exception], wording: str
) -> None:
    api.fail_next("sendMessage", status)
    async with make_bot(api) as bot:
        with pytest.raises(expected, match=f"(?i){wording}") as caught:
            await bot.send_message(ALICE, "x")
        if status >= 500:
            assert not isinstance(caught.value, BadRequest)
        await bot.send_message(ALICE, "after the fault")
    assert api.texts_to(ALICE) == ["after the fault"]
    assert [call.status for call in api.calls_of("sendMessage")] == [status, 200]


async def test_429_carries_retry_after(
    api: FakeTelegramAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    api.fail_next("sendMessage", 429, count=2, retry_after=7)
    async with make_bot(api) as bot:
        for _ in range(2):
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(ALICE, "x")
            assert caught.value.retry_after == dtm.timedelta(seconds=7)
        await bot.send_message(ALICE, "delivered")
    assert api.texts_to(ALICE) == ["delivered"]


async def test_faults_can_target_one_chat_and_blocked_chats_refuse_delivery(
    api: FakeTelegramAPI,
) -> None:
    api.fail_next("sendMessage", 500, chat_id=ALICE)
    api.block_chat(BOB)
    async with make_bot(api) as bot:
        await bot.send_message(GROUP, "unaffected")
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(BOB, "x")
        with pytest.raises(Forbidden):
            await bot.send_photo(BOB, b"img")
        with pytest.raises(NetworkError):
            await bot.send_message(ALICE, "x")
        await bot.send_message(ALICE, "now fine")
        api.fail_next("*", 400, chat_id=ALICE)
        assert await bot.get_me()
        with pytest.raises(BadRequest):
            await bot.send_photo(ALICE, b"img")
        api.unblock_chat(BOB)
        await bot.send_message(BOB, "unblocked")
    assert [(r.chat_id, r.text) for r in api.sent] == [
        (GROUP, "unaffected"),
        (ALICE, "now fine"),
        (BOB, "unblocked"),
    ]


async def test_malformed_html_is_refused_like_telegram_does(api: FakeTelegramAPI) -> None:
    async with make_bot(api) as bot:
        with pytest.raises(BadRequest, match=r"(?i)can.t parse entities"):
            await bot.send_message(ALICE, "S&P <500> rallies", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match=r"(?i)can.t parse entities"):
            await bot.send_message(ALICE, "<b>unclosed", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message("@somechannel", "x")
        await bot.send_message(ALICE, "S&P &lt;500&gt; rallies", parse_mode=ParseMode.HTML)
    assert api.texts_to(ALICE) == ["S&P &lt;500&gt; rallies"]


async def test_rate_limits_answer_429_from_sliding_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    clock = FakeClock()
    async with running_fake_telegram(clock=clock) as api:
        api.enforce_limits(global_per_sec=3, per_chat_per_sec=1)
        async with make_bot(api) as bot:
            await bot.send_message(ALICE, "1")
            with pytest.raises(RetryAfter):
                await bot.send_message(ALICE, "2")
            await bot.send_message(BOB, "3")
            await bot.send_message(GROUP, "4")
            with pytest.raises(RetryAfter):
                await bot.send_message(ALICE + 10, "5")
            clock.now += 1.0
            await bot.send_message(ALICE, "6")
        assert api.count_429 == 2
        assert [record.text for record in api.sent] == ["1", "3", "4", "6"]


async def test_long_poll_is_released_by_an_injected_update_and_honours_offset(
    api: FakeTelegramAPI,
) -> None:
    async with make_bot(api) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await api.wait_for_poll()
        api.push_text(ALICE, "hello")
        first = await within_bound(poll, "the long poll after an injected update")
        assert [u.message.text for u in first if u.message] == ["hello"]

        api.push_command(ALICE, "/summary BABA")
        again = await bot.get_updates(timeout=0)
        assert len(again) == 2
        command = again[1].message
        assert command is not None and command.text == "/summary BABA"
        assert command.entities[0].type == "bot_command" and command.entities[0].length == 8

        remaining = await bot.get_updates(offset=again[0].update_id + 1, timeout=0)
        assert [u.update_id for u in remaining] == [again[1].update_id]
        assert await bot.get_updates(offset=again[1].update_id + 1, timeout=0) == ()
    assert api.updates.pending == []


async def test_stop_releases_a_pending_long_poll_at_once() -> None:
    # shutdown_timeout above the poll timeout: only the release can end the poll in time.
    api = FakeTelegramAPI(shutdown_timeout=60.0)
    await api.start()
    async with make_bot(api) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await api.wait_for_poll()
        await within_bound(api.stop(), "stopping the fake server")
        assert await within_bound(poll, "the released long poll") == ()
        await api.stop()


async def test_teardown_after_an_application_abandoned_its_long_poll() -> None:
    api = FakeTelegramAPI(shutdown_timeout=60.0)
    await api.start()
    app = make_application(api)
    await start_polling(app, poll_seconds=30)
    await api.wait_for_poll()
    await within_bound(stop_polling(app), "stopping the application")
    # The application's client is gone, but aiohttp still runs the abandoned handler.
    assert api.pending_polls >= 1
    await within_bound(api.stop(), "stopping the fake server")
    assert api.pending_polls == 0


async def test_commands_are_kept_per_language_and_scope(api: FakeTelegramAPI) -> None:
    async with make_bot(api) as bot:
        await bot.set_my_commands([BotCommand("summary", "Summary of a symbol")])
        await bot.set_my_commands([BotCommand("summary", "Zusammenfassung")], language_code="de")
        await bot.set_my_commands(
            [BotCommand("mute", "Mute alerts")], scope=BotCommandScopeAllGroupChats()
        )
        german = await bot.get_my_commands(language_code="de")
        groups = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert [c.description for c in german] == ["Zusammenfassung"]
    assert [c.command for c in groups] == ["mute"]
    assert api.commands_for() == [{"command": "summary", "description": "Summary of a symbol"}]
    assert api.commands_for("de")[0]["description"] == "Zusammenfassung"


async def test_raw_http_json_bodies_unknown_methods_and_webhooks(api: FakeTelegramAPI) -> None:
    url = f"{api.base_url}{TOKEN}"
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(f"{url}/sendMessage", json={"chat_id": ALICE, "text": "j"}) as r:
            assert r.status == 200
            body = await r.json()
        async with session.get(f"{url}/sendMessage", params={"chat_id": BOB, "text": "q"}) as r:
            assert r.status == 200
        async with session.post(f"{url}/noSuchMethod") as r:
            assert r.status == 404
            assert await r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with session.post(
            f"{url}/sendMessage", data=b"{not json", headers={"Content-Type": "application/json"}
        ) as r:
            assert r.status == 400
            assert "invalid JSON" in (await r.json())["description"]
        statuses = []
        for method in ("setWebhook", "getUpdates", "deleteWebhook", "getUpdates", "close"):
            async with session.post(f"{url}/{method}", data={"url": "https://example.test/h"}) as r:
                statuses.append(r.status)
        assert statuses == [200, 409, 200, 200, 200]
    assert body["ok"] is True and body["result"]["chat"] == {
        "id": ALICE,
        "type": "private",
        "first_name": f"User{ALICE}",
    }
    assert api.texts_to(ALICE) == ["j"] and api.texts_to(BOB) == ["q"]
    assert body["result"]["message_id"] == 1


async def test_expected_token_rejects_other_tokens() -> None:
    async with running_fake_telegram(expected_token=TOKEN) as api:
        with pytest.raises(InvalidToken):
            async with make_bot(api, token="999:wrong"):
                pass
        assert api.tokens_seen == ["999:wrong"]


async def test_wait_for_messages_failure_lists_what_arrived(api: FakeTelegramAPI) -> None:
    async with make_bot(api) as bot:
        await bot.send_message(ALICE, "only one")
    with pytest.raises(AssertionError, match="expected 2 message") as caught:
        await api.wait_for_messages(2, timeout=0.2)
    assert "only one" in str(caught.value)


async def test_bad_helper_input_is_refused_clearly(api: FakeTelegramAPI) -> None:
    with pytest.raises(ValueError, match="must start with '/'"):
        api.push_command(ALICE, "ping")
    with pytest.raises(ValueError, match="does not fit chat id"):
        api.push_text(GROUP, "hi")
    with pytest.raises(ValueError, match="no bot message"):
        api.push_callback_query(ALICE, "data")
    with pytest.raises(ValueError, match="no message 5"):
        api.push_callback_query(ALICE, "data", message_id=5)
    with pytest.raises(ValueError, match="retry_after"):
        api.fail_next("sendMessage", 429, retry_after=0)
    with pytest.raises(ValueError, match="HTTP error code"):
        api.fail_next("sendMessage", 200)
