"""What the fake Telegram Bot API remembers about the calls it received."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SentRecord:
    """One message the bot delivered (sendMessage, sendPhoto) or edited (editMessage*).

    `text` is the message text, or the caption of a photo. `received_at` is the fake server's
    monotonic clock when the request arrived.
    """

    method: str
    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    disable_notification: bool
    message_thread_id: int | None
    photo: bytes | None
    photo_reference: str | None
    received_at: float
    params: dict[str, object] = field(repr=False)

    def describe(self) -> str:
        content = self.text if self.text is not None else ""
        if len(content) > 80:
            content = content[:77] + "..."
        photo = f" photo={len(self.photo)}B" if self.photo is not None else ""
        return f"{self.method} chat={self.chat_id} id={self.message_id}{photo} {content!r}"


@dataclass(frozen=True)
class ApiCall:
    """Any request the server answered, successful or not."""

    method: str
    chat_id: int | None
    status: int
    description: str | None
    received_at: float
    params: dict[str, object] = field(repr=False)

    def describe(self) -> str:
        outcome = "ok" if self.status == 200 else f"{self.status} {self.description}"
        chat = f" chat={self.chat_id}" if self.chat_id is not None else ""
        return f"{self.method}{chat}: {outcome}"


@dataclass(frozen=True)
class CallbackAnswer:
    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class ChatAction:
    chat_id: int
    action: str
    message_thread_id: int | None


class Signal:
    """Wakes every waiter whenever something changed; waiters re-check their own condition.

    Unlike asyncio.Condition, notifying needs no lock, so synchronous helpers (push_command)
    can wake long polls.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify_all(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, at_most: float) -> None:
        """Return on the next notification, or silently after `at_most` seconds."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), at_most)
