"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot.

Point PTB at it with ``base_url(api.base_url)`` and ``base_file_url(api.base_file_url)``. It
answers with Telegram's envelopes and realistic objects, records what the bot sent, lets tests
inject user input, and can answer with the errors Telegram gives (429, 403, 400, 5xx).

    async with running_fake_telegram() as api:
        app = ApplicationBuilder().token("123:abc").base_url(api.base_url).build()
        ...start the application...
        api.push_command(1001, "/summary BABA")
        [reply] = await api.wait_for_messages(1, chat_id=1001)
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from typing import Any, Self

from aiohttp import web

from .telegram_faults import BLOCKED, KICKED, FaultPlan, RateLimits
from .telegram_methods import BotApiMethods
from .telegram_objects import (
    JSONDict,
    command_entities,
    document_file_id,
    guess_chat_type,
    human_user,
)
from .telegram_records import ApiCall, SentRecord
from .telegram_wire import ApiError, RequestParams, ok_response

DEFAULT_WAIT_SECONDS = 5.0
GROUP_MEMBER_USER_ID = 424242


class FakeTelegramAPI(BotApiMethods):
    """The server, its recordings, and the helpers tests use to drive and inspect it.

    `clock` stamps records and drives the rate limits; `wall_clock` gives message dates.
    """

    def __init__(
        self,
        *,
        bot_username: str = "tickerwatch_test_bot",
        expected_token: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        shutdown_timeout: float = 2.0,
    ) -> None:
        super().__init__(bot_username, wall_clock)
        self.expected_token = expected_token
        self.clock = clock
        self.shutdown_timeout = shutdown_timeout
        self.calls: list[ApiCall] = []
        self.faults = FaultPlan()
        self.limits: RateLimits | None = None
        self.answer_delays: dict[str, float] = {}
        self._unanswered: dict[str, Counter[int | None]] = {}
        self._peak_unanswered: Counter[str] = Counter()
        self._next_callback_id = 0
        self._runner: web.AppRunner | None = None
        self._started = False
        self._port: int | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        if self._started:
            raise RuntimeError("FakeTelegramAPI.start() called twice; use a new instance")
        self._started = True
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=self.shutdown_timeout)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Release pending long polls, then shut the server down. Safe to call twice."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        await self.updates.release_all(within=self.shutdown_timeout)
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeTelegramAPI is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(...): PTB appends the token to it."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def token(self) -> str | None:
        """The token of the most recent request."""
        return self.tokens_seen[-1] if self.tokens_seen else None

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        received_at = self.clock()
        params = RequestParams({}, {})
        unanswered = self._unanswered.setdefault(method.lower(), Counter())
        chat_id: int | None = None
        counted = False
        try:
            self._check_token(request.match_info["token"])
            params = await RequestParams.from_request(request)
            handler = self.method_table().get(method.lower())
            if handler is None:
                raise ApiError(404, "Not Found")
            chat_id = params.optional_chat_id()
            unanswered[chat_id] += 1
            counted = True
            self._peak_unanswered[method.lower()] = max(
                self._peak_unanswered[method.lower()], unanswered.total()
            )
            self.faults.check(method, chat_id)
            if self.limits is not None:
                self.limits.admit(method, chat_id)
            result = await handler(params, received_at)
            # Done (the message is in the chat) before the answer leaves: a client that dies
            # while waiting for it never learns that its request succeeded.
            delay = self.answer_delays.get(method.lower(), 0.0)
            if delay > 0:
                await asyncio.sleep(delay)
        except ApiError as error:
            self._record_call(method, params, error.status, error.description, received_at)
            return error.to_response()
        finally:
            if counted:
                unanswered[chat_id] -= 1
        self._record_call(method, params, 200, None, received_at)
        return ok_response(result)

    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
        except ApiError as error:
            return error.to_response()
        name = request.match_info["path"].rsplit("/", 1)[-1].removesuffix(".jpg")
        if name not in self.files:
            return ApiError(404, "Not Found").to_response()
        return web.Response(body=self.files[name], content_type="image/jpeg")

    def _check_token(self, token: str) -> None:
        if not self.tokens_seen or self.tokens_seen[-1] != token:
            self.tokens_seen.append(token)
        if self.expected_token is not None and token != self.expected_token:
            raise ApiError(401, "Unauthorized")

    def _record_call(
        self,
        method: str,
        params: RequestParams,
        status: int,
        description: str | None,
        received_at: float,
    ) -> None:
        chat_id = params.optional_chat_id()
        self.calls.append(ApiCall(method, chat_id, status, description, received_at, params.values))
        self.records_changed.notify_all()

    # -- inspecting what the bot did ---------------------------------------------------------

    def messages_to(self, chat_id: int) -> list[SentRecord]:
        return [record for record in self.sent if record.chat_id == chat_id]

    def texts_to(self, chat_id: int) -> list[str | None]:
        return [record.text for record in self.messages_to(chat_id)]

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def commands_for(
        self, language_code: str = "", scope: JSONDict | None = None
    ) -> list[JSONDict]:
        """The commands set with setMyCommands for this language and scope (default scope)."""
        return self.commands.get(self.commands_key(scope, language_code), [])

    @property
    def count_429(self) -> int:
        """429 answers given by the rate limits (not by fail_next)."""
        return self.limits.count_429 if self.limits is not None else 0

    def unanswered(self, method: str) -> list[int | None]:
        """Chats of the `method` requests received and not yet answered (one entry each)."""
        counts = self._unanswered.get(method.lower(), Counter())
        return sorted(counts.elements(), key=lambda chat: (chat is None, chat or 0))

    def peak_unanswered(self, method: str) -> int:
        """The most `method` requests that were ever received and unanswered at the same time."""
        return self._peak_unanswered[method.lower()]

    @property
    def pending_polls(self) -> int:
        return self.updates.pending_polls

    # The waits below take `timeout` themselves (ASYNC109) so that running out of time fails
    # with an AssertionError naming what did arrive, instead of a bare TimeoutError.

    async def wait_for_messages(
        self,
        count: int,
        timeout: float = DEFAULT_WAIT_SECONDS,  # noqa: ASYNC109
        chat_id: int | None = None,
    ) -> list[SentRecord]:
        """Wait until `count` messages (to `chat_id`, if given) were sent; returns them all."""

        def matching() -> list[SentRecord]:
            return self.sent if chat_id is None else self.messages_to(chat_id)

        await self._wait_until(lambda: len(matching()) >= count, timeout)
        found = matching()
        if len(found) >= count:
            return list(found)
        where = "" if chat_id is None else f" to chat {chat_id}"
        raise AssertionError(
            f"expected {count} message(s){where} within {timeout}s, got {len(found)}"
            + self._describe_activity()
        )

    async def wait_for_calls(
        self,
        method: str,
        count: int = 1,
        timeout: float = DEFAULT_WAIT_SECONDS,  # noqa: ASYNC109
    ) -> list[ApiCall]:
        """Wait until `method` was called `count` times (any outcome); returns those calls."""
        await self._wait_until(lambda: len(self.calls_of(method)) >= count, timeout)
        found = self.calls_of(method)
        if len(found) >= count:
            return found
        raise AssertionError(
            f"expected {count} {method} call(s) within {timeout}s, got {len(found)}"
            + self._describe_activity()
        )

    async def wait_for_poll(
        self,
        timeout: float = DEFAULT_WAIT_SECONDS,  # noqa: ASYNC109
    ) -> None:
        """Wait until a getUpdates long poll is pending (the bot is listening)."""
        if not await self.updates.wait_for_polls(1, timeout):
            raise AssertionError(
                f"no getUpdates long poll became pending within {timeout}s"
                + self._describe_activity()
            )

    async def _wait_until(self, condition: Callable[[], bool], within: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            await self.records_changed.wait(remaining)

    def _describe_activity(self) -> str:
        lines = [f"\n  sent: {record.describe()}" for record in self.sent[-30:]]
        if len(self.sent) > 30:
            lines.insert(0, f"\n  ({len(self.sent) - 30} earlier messages not shown)")
        other = [call for call in self.calls if call.method.lower() != "getupdates"]
        lines += [f"\n  call: {call.describe()}" for call in other[-20:]]
        return "".join(lines) if lines else "\n  (no messages and no calls besides getUpdates)"

    # -- injecting user input ----------------------------------------------------------------

    def push_command(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        language_code: str | None = "en",
        chat_type: str = "private",
    ) -> JSONDict:
        """Queue a user message starting with a /command (with its bot_command entity)."""
        entities = command_entities(text)
        if not entities:
            raise ValueError(f"a command must start with '/', got {text!r}")
        return self._push_message(chat_id, text, entities, user_id, language_code, chat_type)

    def push_text(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        language_code: str | None = "en",
        chat_type: str = "private",
    ) -> JSONDict:
        """Queue a plain user message (no entities)."""
        return self._push_message(chat_id, text, [], user_id, language_code, chat_type)

    def push_document(
        self,
        chat_id: int,
        content: bytes,
        file_name: str,
        caption: str | None = None,
        user_id: int | None = None,
        language_code: str | None = "en",
        chat_type: str = "private",
    ) -> JSONDict:
        """Queue a user message carrying a file (a document), with an optional caption that
        may start with a /command; the bot can getFile and download it."""
        file_id = document_file_id(content)
        self.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id[:16],
            "file_name": file_name,
            "file_size": len(content),
        }
        self.chats.remember_chat_type(chat_id, chat_type)
        sender = human_user(self._default_user(chat_id, user_id), language_code)
        entities = command_entities(caption or "")
        message = self.chats.new_message(
            chat_id,
            sender,
            document=document,
            caption=caption,
            caption_entities=entities or None,
        )
        return self.updates.push({"message": copy.deepcopy(message)})

    def push_callback_query(
        self,
        chat_id: int,
        data: str,
        message_id: int | None = None,
        user_id: int | None = None,
        language_code: str | None = "en",
    ) -> JSONDict:
        """Queue a press on an inline button of a message the bot sent (its latest by default)."""
        if message_id is None:
            message = self.chats.latest_from_bot(chat_id)
        else:
            message = self.chats.find(chat_id, message_id)
        if message is None:
            which = "bot message" if message_id is None else f"message {message_id}"
            raise ValueError(f"chat {chat_id} has no {which} to attach a button press to")
        self._next_callback_id += 1
        user = human_user(self._default_user(chat_id, user_id), language_code)
        callback_query = {
            "id": str(self._next_callback_id),
            "from": user,
            "chat_instance": str(chat_id),
            "data": data,
            "message": copy.deepcopy(message),
        }
        return self.updates.push({"callback_query": callback_query})

    def push_edit(self, chat_id: int, message_id: int, text: str, after_s: int = 5) -> JSONDict:
        """The user edits their message to `text`, `after_s` seconds after sending it: an
        edited_message update (with edit_date) is queued."""
        message = self.chats.find(chat_id, message_id)
        if message is None or message["from"].get("is_bot"):
            raise ValueError(f"no message {message_id} of a user in chat {chat_id} to edit")
        message["text"] = text
        message.pop("entities", None)
        if entities := command_entities(text):
            message["entities"] = entities
        message["edit_date"] = message["date"] + after_s
        return self.updates.push({"edited_message": copy.deepcopy(message)})

    def push_update(self, body: JSONDict) -> JSONDict:
        """Queue any update body, e.g. {"my_chat_member": {...}}; update_id is added."""
        return self.updates.push(copy.deepcopy(body))

    def _push_message(
        self,
        chat_id: int,
        text: str,
        entities: list[JSONDict],
        user_id: int | None,
        language_code: str | None,
        chat_type: str,
    ) -> JSONDict:
        if (chat_type == "private") != (chat_id > 0):
            raise ValueError(
                f"chat_type {chat_type!r} does not fit chat id {chat_id}: private chats have "
                f"positive ids, groups negative ones (e.g. {guess_chat_type(-1)})"
            )
        self.chats.remember_chat_type(chat_id, chat_type)
        sender = human_user(self._default_user(chat_id, user_id), language_code)
        message = self.chats.new_message(chat_id, sender, text=text, entities=entities or None)
        return self.updates.push({"message": copy.deepcopy(message)})

    @staticmethod
    def _default_user(chat_id: int, user_id: int | None) -> int:
        if user_id is not None:
            return user_id
        return chat_id if chat_id > 0 else GROUP_MEMBER_USER_ID

    # -- shaping the server's behaviour ------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int,
        count: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` calls of `method` with this error.

        `method` is a Bot API method name, or "*" for any delivery (send*, edit*, chat action).

        A 429 carries parameters.retry_after (default 1). `chat_id` limits the fault to calls
        for that chat. Descriptions default to Telegram's wording for the status.
        """
        self.faults.add(method, status, count, retry_after, description, chat_id)

    def delay_answers(self, method: str, seconds: float) -> None:
        """Handle each `method` call at once but answer it only after `seconds`, like a slow
        Bot API: a request in that window has taken effect without its sender knowing."""
        self.answer_delays[method.lower()] = seconds

    def set_chat_admins(self, chat_id: int, user_ids: list[int]) -> None:
        """The group's administrators, the first of them its creator; others are members."""
        self.members.set_admins(chat_id, user_ids)

    def block_chat(self, chat_id: int, description: str = BLOCKED) -> None:
        """Every delivery to this chat answers 403 "bot was blocked by the user"."""
        self.faults.blocked_chats[chat_id] = description

    def kick_bot(self, chat_id: int) -> None:
        """The group removed the bot: every delivery answers 403 "bot was kicked"."""
        self.block_chat(chat_id, KICKED)

    def unblock_chat(self, chat_id: int) -> None:
        self.faults.blocked_chats.pop(chat_id, None)

    def upgrade_group(self, old: int, new: int, *, announce: bool = True) -> None:
        """The group `old` became supergroup `new`: from now on every call naming `old` answers
        400 with parameters.migrate_to_chat_id. `announce`: also queue the two service messages
        Telegram sends, in the old group (migrate_to_chat_id) and the new one (from_chat_id)."""
        self.faults.migrated_chats[old] = new
        if not announce:
            return
        self.chats.remember_chat_type(new, "supergroup")
        sender = human_user(GROUP_MEMBER_USER_ID, "en")
        for chat_id, field, other in (
            (old, "migrate_to_chat_id", new),
            (new, "migrate_from_chat_id", old),
        ):
            message = self.chats.new_message(chat_id, sender, **{field: other})
            self.updates.push({"message": copy.deepcopy(message)})

    def enforce_limits(
        self,
        global_per_sec: int = 30,
        per_chat_per_sec: int = 1,
        per_group_per_min: int | None = None,
    ) -> None:
        """Answer 429 with retry_after whenever a sliding window of sends would overflow."""
        self.limits = RateLimits(self.clock, global_per_sec, per_chat_per_sec, per_group_per_min)


@contextlib.asynccontextmanager
async def running_fake_telegram(**options: Any) -> AsyncIterator[FakeTelegramAPI]:
    """`async with running_fake_telegram() as api:` a started server, stopped on exit."""
    api = FakeTelegramAPI(**options)
    await api.start()
    try:
        yield api
    finally:
        await api.stop()
