"""Builders for the Bot API objects the fake server returns: users, chats, messages, updates.

Every object carries the fields python-telegram-bot requires to parse it (a message needs a
non-zero date, or PTB reads it as an inaccessible message).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

JSONDict = dict[str, Any]

DEFAULT_BOT_ID = 7_000_000_001
PHOTO_SIZES = ((90, 90), (320, 320), (800, 800))


def utf16_length(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def bot_id_from_token(token: str) -> int:
    prefix = token.split(":", 1)[0]
    return int(prefix) if prefix.isdigit() and 0 < len(prefix) <= 15 else DEFAULT_BOT_ID


def bot_user(bot_id: int, username: str) -> JSONDict:
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": "Tickerwatch Test Bot",
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def human_user(user_id: int, language_code: str | None) -> JSONDict:
    user: JSONDict = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    if language_code:
        user["language_code"] = language_code
    return user


def guess_chat_type(chat_id: int) -> str:
    if chat_id > 0:
        return "private"
    # Supergroup and channel ids start with -100.
    return "supergroup" if str(chat_id).startswith("-100") else "group"


def chat_object(chat_id: int, chat_type: str) -> JSONDict:
    chat: JSONDict = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = f"User{chat_id}"
    else:
        chat["title"] = f"Chat {chat_id}"
    return chat


def photo_sizes(photo_id: str, size_in_bytes: int) -> list[JSONDict]:
    return [
        {
            "file_id": f"{photo_id}-{width}",
            "file_unique_id": f"{photo_id[:12]}{index}",
            "width": width,
            "height": height,
            "file_size": size_in_bytes,
        }
        for index, (width, height) in enumerate(PHOTO_SIZES)
    ]


def document_file_id(content: bytes) -> str:
    return "document-" + hashlib.sha256(content).hexdigest()[:24]


def photo_file_id(content: bytes) -> str:
    return "photo-" + hashlib.sha256(content).hexdigest()[:24]


def command_entities(text: str) -> list[JSONDict]:
    """A bot_command entity for a leading /command (with an optional @botname)."""
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0] if text.strip() else text
    if len(command) < 2:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_length(command)}]


class ChatBook:
    """Per-chat state: chat type, the next message id, and the messages sent so far."""

    def __init__(self, wall_clock: Callable[[], float]) -> None:
        self.wall_clock = wall_clock
        self.chat_types: dict[int, str] = {}
        self.last_message_id: dict[int, int] = {}
        self.messages: dict[tuple[int, int], JSONDict] = {}

    def chat(self, chat_id: int) -> JSONDict:
        return chat_object(chat_id, self.chat_types.get(chat_id) or guess_chat_type(chat_id))

    def remember_chat_type(self, chat_id: int, chat_type: str) -> None:
        self.chat_types[chat_id] = chat_type

    def new_message(self, chat_id: int, sender: JSONDict, **fields: Any) -> JSONDict:
        """A message with the chat's next id; fields whose value is None are left out."""
        message_id = self.last_message_id.get(chat_id, 0) + 1
        self.last_message_id[chat_id] = message_id
        message: JSONDict = {
            "message_id": message_id,
            "date": int(self.wall_clock()),
            "chat": self.chat(chat_id),
            "from": sender,
        }
        message.update({key: value for key, value in fields.items() if value is not None})
        self.messages[(chat_id, message_id)] = message
        return message

    def find(self, chat_id: int, message_id: int) -> JSONDict | None:
        return self.messages.get((chat_id, message_id))

    def latest_from_bot(self, chat_id: int) -> JSONDict | None:
        for (message_chat, _), message in reversed(self.messages.items()):
            if message_chat == chat_id and message["from"].get("is_bot"):
                return message
        return None

    def edit(self, chat_id: int, message_id: int, **fields: Any) -> JSONDict | None:
        """Apply an edit; a None value removes the field (as an edit without a markup does)."""
        message = self.messages.get((chat_id, message_id))
        if message is None:
            return None
        for key, value in fields.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(self.wall_clock())
        return message
