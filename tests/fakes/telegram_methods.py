"""The Bot API methods the fake server implements, and the state they keep.

Each handler takes the parsed parameters and the time the request arrived, and returns the
`result` of Telegram's envelope or raises ApiError with Telegram's error wording.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from .telegram_html import HtmlEntityError, html_to_plain_text
from .telegram_members import ChatMembers
from .telegram_objects import (
    ChatBook,
    JSONDict,
    bot_id_from_token,
    bot_user,
    document_file_id,
    photo_file_id,
    photo_sizes,
)
from .telegram_records import CallbackAnswer, ChatAction, SentRecord, Signal
from .telegram_updates import UpdateQueue
from .telegram_wire import ApiError, RequestParams

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
COMMAND_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
MethodHandler = Callable[[RequestParams, float], Awaitable[object]]
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class BotApiMethods:
    """Telegram's behaviour for the methods a bot like Tickerwatch uses."""

    def __init__(self, bot_username: str, wall_clock: Callable[[], float]) -> None:
        self.bot_username = bot_username
        self.tokens_seen: list[str] = []
        self.sent: list[SentRecord] = []
        self.edits: list[SentRecord] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.chat_actions: list[ChatAction] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.webhook_url = ""
        self.files: dict[str, bytes] = {}
        self.chats = ChatBook(wall_clock)
        self.members = ChatMembers()
        self.updates = UpdateQueue()
        self.records_changed = Signal()

    def bot_user(self) -> JSONDict:
        token = self.tokens_seen[-1] if self.tokens_seen else ""
        return bot_user(bot_id_from_token(token), self.bot_username)

    def record_delivery(self, record: SentRecord) -> None:
        (self.sent if record.method.startswith("send") else self.edits).append(record)
        self.records_changed.notify_all()

    def _record(
        self,
        method: str,
        params: RequestParams,
        message: JSONDict,
        *,
        text: str | None,
        received_at: float,
        photo: bytes | None = None,
        photo_reference: str | None = None,
    ) -> None:
        record = SentRecord(
            method=method,
            chat_id=message["chat"]["id"],
            message_id=message["message_id"],
            text=text,
            parse_mode=params.get_str("parse_mode"),
            reply_markup=params.get_json("reply_markup"),
            disable_notification=params.get_bool("disable_notification"),
            message_thread_id=params.get_int("message_thread_id"),
            photo=photo,
            photo_reference=photo_reference,
            received_at=received_at,
            params=dict(params.values),
        )
        self.record_delivery(record)

    def method_table(self) -> dict[str, MethodHandler]:
        """Handlers by lower-case method name: Telegram matches method names case-insensitively."""
        return {
            "getme": self.get_me,
            "getupdates": self.get_updates,
            "sendmessage": self.send_message,
            "sendphoto": self.send_photo,
            "senddocument": self.send_document,
            "editmessagetext": self.edit_message_text,
            "editmessagereplymarkup": self.edit_message_reply_markup,
            "setmycommands": self.set_my_commands,
            "getmycommands": self.get_my_commands,
            "deletemycommands": self.delete_my_commands,
            "setwebhook": self.set_webhook,
            "deletewebhook": self.delete_webhook,
            "getwebhookinfo": self.get_webhook_info,
            "answercallbackquery": self.answer_callback_query,
            "sendchataction": self.send_chat_action,
            "getfile": self.get_file,
            "getchatadministrators": self.get_chat_administrators,
            "getchatmember": self.get_chat_member,
            "close": self.harmless,
            "logout": self.harmless,
        }

    # -- identity, updates, webhook ----------------------------------------------------------

    async def get_me(self, params: RequestParams, received_at: float) -> object:
        return self.bot_user()

    async def get_updates(self, params: RequestParams, received_at: float) -> object:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        allowed = params.get_json("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise ApiError(400, "Bad Request: allowed_updates must be a JSON array")
        return await self.updates.poll(
            offset=params.get_int("offset"),
            limit=params.get_int("limit", 100) or 100,
            wait_seconds=params.get_float("timeout", 0.0),
            allowed=frozenset(allowed) if allowed else None,
        )

    async def set_webhook(self, params: RequestParams, received_at: float) -> object:
        url = params.get_str("url", "") or ""
        if url and not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        self.webhook_url = url
        if params.get_bool("drop_pending_updates"):
            self.updates.drop_all()
        return True

    async def delete_webhook(self, params: RequestParams, received_at: float) -> object:
        self.webhook_url = ""
        if params.get_bool("drop_pending_updates"):
            self.updates.drop_all()
        return True

    async def get_webhook_info(self, params: RequestParams, received_at: float) -> object:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates.pending),
        }

    async def harmless(self, params: RequestParams, received_at: float) -> object:
        return True

    # -- sending -----------------------------------------------------------------------------

    def _checked_text(self, params: RequestParams, name: str, limit: int) -> tuple[str, str]:
        """The raw text and the text Telegram would show (HTML tags removed)."""
        text = params.get_str(name, "") or ""
        shown = text
        if (params.get_str("parse_mode") or "").upper() == "HTML":
            try:
                shown = html_to_plain_text(text)
            except HtmlEntityError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        if len(shown) > limit:
            what = "message" if name == "text" else "caption"
            raise ApiError(400, f"Bad Request: {what} is too long")
        return text, shown

    def _common_fields(self, params: RequestParams) -> dict[str, Any]:
        markup = params.get_json("reply_markup")
        if markup is not None and not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        thread_id = params.get_int("message_thread_id")
        return {
            # Telegram only echoes inline keyboards; reply keyboards stay with the client.
            "reply_markup": markup if markup and "inline_keyboard" in markup else None,
            "message_thread_id": thread_id,
            "is_topic_message": True if thread_id else None,
        }

    async def send_message(self, params: RequestParams, received_at: float) -> object:
        chat_id = params.chat_id()
        text, shown = self._checked_text(params, "text", MAX_TEXT_LENGTH)
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        fields = self._common_fields(params)
        message = self.chats.new_message(chat_id, self.bot_user(), text=shown, **fields)
        self._record("sendMessage", params, message, text=text, received_at=received_at)
        return message

    async def send_photo(self, params: RequestParams, received_at: float) -> object:
        chat_id = params.chat_id()
        content, reference = params.file_or_reference("photo")
        if content is not None and not content:
            raise ApiError(400, "Bad Request: file must be non-empty")
        caption, shown = self._checked_text(params, "caption", MAX_CAPTION_LENGTH)
        if content is not None:
            file_id = photo_file_id(content)
            self.files[file_id] = content
            sizes = photo_sizes(file_id, len(content))
        else:
            sizes = photo_sizes(str(reference), 0)
        message = self.chats.new_message(
            chat_id,
            self.bot_user(),
            photo=sizes,
            caption=shown or None,
            **self._common_fields(params),
        )
        self._record(
            "sendPhoto",
            params,
            message,
            text=caption or None,
            photo=content,
            photo_reference=reference,
            received_at=received_at,
        )
        return message

    async def send_document(self, params: RequestParams, received_at: float) -> object:
        """The file is kept (as `photo` of the record, the bytes sent) and can be fetched."""
        chat_id = params.chat_id()
        content, reference = params.file_or_reference("document")
        if content is not None and not content:
            raise ApiError(400, "Bad Request: file must be non-empty")
        caption, shown = self._checked_text(params, "caption", MAX_CAPTION_LENGTH)
        file_id = document_file_id(content or str(reference).encode())
        if content is not None:
            self.files[file_id] = content
        name = params.file_names.get("document", "file")
        document = {
            "file_id": file_id,
            "file_unique_id": file_id[:16],
            "file_name": name,
            "file_size": len(content or b""),
        }
        message = self.chats.new_message(
            chat_id,
            self.bot_user(),
            document=document,
            caption=shown or None,
            **self._common_fields(params),
        )
        self._record(
            "sendDocument",
            params,
            message,
            text=caption or None,
            photo=content,
            photo_reference=reference,
            received_at=received_at,
        )
        return message

    async def send_chat_action(self, params: RequestParams, received_at: float) -> object:
        action = params.get_str("action")
        if not action:
            raise ApiError(400, "Bad Request: action is empty")
        thread_id = params.get_int("message_thread_id")
        self.chat_actions.append(ChatAction(params.chat_id(), action, thread_id))
        return True

    async def get_file(self, params: RequestParams, received_at: float) -> object:
        file_id = params.get_str("file_id") or ""
        stored_id = file_id.rsplit("-", 1)[0] if file_id not in self.files else file_id
        if stored_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": stored_id[:16],
            "file_size": len(self.files[stored_id]),
            "file_path": f"photos/{stored_id}.jpg",
        }

    # -- chat members ------------------------------------------------------------------------

    async def get_chat_administrators(self, params: RequestParams, received_at: float) -> object:
        return self.members.administrators(params.chat_id())

    async def get_chat_member(self, params: RequestParams, received_at: float) -> object:
        user_id = params.get_int("user_id")
        if user_id is None:
            raise ApiError(400, "Bad Request: user_id is empty")
        return self.members.member(params.chat_id(), user_id)

    # -- editing -----------------------------------------------------------------------------

    def _message_to_edit(self, params: RequestParams) -> tuple[int, int, JSONDict] | None:
        """The stored message an edit targets; None for inline messages (not stored)."""
        if params.has("inline_message_id"):
            return None
        chat_id = params.chat_id()
        message_id = params.get_int("message_id")
        if message_id is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        message = self.chats.find(chat_id, message_id)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return chat_id, message_id, message

    async def edit_message_text(self, params: RequestParams, received_at: float) -> object:
        text, shown = self._checked_text(params, "text", MAX_TEXT_LENGTH)
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        target = self._message_to_edit(params)
        if target is None:
            return True
        chat_id, message_id, message = target
        markup = self._common_fields(params)["reply_markup"]
        if message.get("text") == shown and message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        edited = self.chats.edit(chat_id, message_id, text=shown, reply_markup=markup)
        assert edited is not None
        self._record("editMessageText", params, edited, text=text, received_at=received_at)
        return edited

    async def edit_message_reply_markup(self, params: RequestParams, received_at: float) -> object:
        target = self._message_to_edit(params)
        if target is None:
            return True
        chat_id, message_id, message = target
        markup = self._common_fields(params)["reply_markup"]
        if message.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        edited = self.chats.edit(chat_id, message_id, reply_markup=markup)
        assert edited is not None
        text = edited.get("text", edited.get("caption"))
        self._record("editMessageReplyMarkup", params, edited, text=text, received_at=received_at)
        return edited

    async def answer_callback_query(self, params: RequestParams, received_at: float) -> object:
        query_id = params.get_str("callback_query_id")
        if not query_id:
            raise ApiError(400, "Bad Request: query_id is empty")
        answer = CallbackAnswer(
            query_id,
            params.get_str("text"),
            params.get_bool("show_alert"),
            params.get_str("url"),
        )
        self.callback_answers.append(answer)
        self.records_changed.notify_all()
        return True

    # -- commands menu -----------------------------------------------------------------------

    @staticmethod
    def commands_key(scope: object, language_code: str | None) -> tuple[str, str]:
        scope_json = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return scope_json, language_code or ""

    def _key_from(self, params: RequestParams) -> tuple[str, str]:
        scope = params.get_json("scope")
        if scope is not None and not isinstance(scope, dict):
            raise ApiError(400, "Bad Request: can't parse BotCommandScope JSON object")
        return self.commands_key(scope, params.get_str("language_code"))

    async def set_my_commands(self, params: RequestParams, received_at: float) -> object:
        commands = params.get_json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a JSON array of at most 100")
        for command in commands:
            name = command.get("command", "") if isinstance(command, dict) else ""
            description = command.get("description", "") if isinstance(command, dict) else ""
            if not 1 <= len(name) <= 32 or not set(name) <= COMMAND_NAME_CHARS:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._key_from(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def get_my_commands(self, params: RequestParams, received_at: float) -> object:
        return self.commands.get(self._key_from(params), [])

    async def delete_my_commands(self, params: RequestParams, received_at: float) -> object:
        self.commands.pop(self._key_from(params), None)
        return True
