"""Fault injection and rate-limit enforcement for the fake Telegram Bot API."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from .telegram_wire import ApiError

ANY_METHOD = "*"
BLOCKED = "Forbidden: bot was blocked by the user"
KICKED = "Forbidden: bot was kicked from the group chat"
UPGRADED = "Bad Request: group chat was upgraded to a supergroup chat"

# Methods that put something in front of a user: a blocked chat refuses these, and the rate
# limits count them.
DELIVERY_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "sendchataction",
        "editmessagetext",
        "editmessagereplymarkup",
    }
)


@dataclass
class FaultRule:
    """Answer the next `remaining` calls of `method` (for one chat, if given) with an error."""

    method: str
    status: int
    remaining: int
    retry_after: int | None
    description: str | None
    chat_id: int | None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method == ANY_METHOD:
            # "*" means any delivery, so a waiting getUpdates does not swallow the fault.
            if method not in DELIVERY_METHODS:
                return False
        elif self.method != method:
            return False
        return self.chat_id is None or self.chat_id == chat_id


class FaultPlan:
    """Queued one-shot failures, chats that refuse the bot for good (chat id -> Telegram's
    403 description), and groups that became supergroups (old id -> new id)."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []
        self.blocked_chats: dict[int, str] = {}
        self.migrated_chats: dict[int, int] = {}

    def add(
        self,
        method: str,
        status: int,
        count: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        if not 400 <= status <= 599:
            raise ValueError(f"fault status must be an HTTP error code 400..599, got {status}")
        if count < 1:
            raise ValueError(f"fault count must be at least 1, got {count}")
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            # Telegram always sends a positive whole number; PTB ignores a retry_after of 0.
            if retry_after < 1:
                raise ValueError(f"retry_after must be at least 1 second, got {retry_after}")
        self.rules.append(
            FaultRule(method.lower(), status, count, retry_after, description, chat_id)
        )

    def check(self, method: str, chat_id: int | None) -> None:
        """Raise the ApiError planned for this call, consuming one use of its rule."""
        lowered = method.lower()
        if chat_id is not None and chat_id in self.migrated_chats:
            # Every method naming the old group is refused, with the id it lives on under.
            raise ApiError(400, UPGRADED, migrate_to_chat_id=self.migrated_chats[chat_id])
        if chat_id is not None and chat_id in self.blocked_chats and lowered in DELIVERY_METHODS:
            raise ApiError(403, self.blocked_chats[chat_id])
        for rule in self.rules:
            if rule.matches(lowered, chat_id):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self.rules.remove(rule)
                raise ApiError(rule.status, rule.description, retry_after=rule.retry_after)

    def clear(self) -> None:
        self.rules.clear()
        self.blocked_chats.clear()
        self.migrated_chats.clear()


class SlidingWindow:
    """At most `limit` events in any `period` seconds."""

    def __init__(self, limit: int, period: float) -> None:
        if limit < 1 or period <= 0:
            raise ValueError(f"rate limit needs limit >= 1 and period > 0, got {limit}/{period}")
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        """Seconds until one more event fits; 0 when it fits now."""
        while self.times and self.times[0] <= now - self.period:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[0] + self.period - now

    def record(self, now: float) -> None:
        self.times.append(now)


class RateLimits:
    """Telegram's flood limits as sliding windows: global, per chat, and per group per minute."""

    def __init__(
        self,
        clock: Callable[[], float],
        global_per_sec: int,
        per_chat_per_sec: int,
        per_group_per_min: int | None,
    ) -> None:
        self.clock = clock
        self.global_window = SlidingWindow(global_per_sec, 1.0)
        self.per_chat_per_sec = per_chat_per_sec
        self.per_group_per_min = per_group_per_min
        self.chat_windows: dict[int, SlidingWindow] = {}
        self.group_windows: dict[int, SlidingWindow] = {}
        self.count_429 = 0

    def _windows_for(self, chat_id: int | None) -> list[SlidingWindow]:
        windows = [self.global_window]
        if chat_id is None:
            return windows
        if chat_id not in self.chat_windows:
            self.chat_windows[chat_id] = SlidingWindow(self.per_chat_per_sec, 1.0)
        windows.append(self.chat_windows[chat_id])
        if chat_id < 0 and self.per_group_per_min is not None:
            if chat_id not in self.group_windows:
                self.group_windows[chat_id] = SlidingWindow(self.per_group_per_min, 60.0)
            windows.append(self.group_windows[chat_id])
        return windows

    def admit(self, method: str, chat_id: int | None) -> None:
        """Count a delivery call, or raise a 429 ApiError when a window is full."""
        if method.lower() not in DELIVERY_METHODS or method.lower() == "sendchataction":
            return
        now = self.clock()
        windows = self._windows_for(chat_id)
        wait = max(window.wait_needed(now) for window in windows)
        if wait > 0:
            self.count_429 += 1
            raise ApiError(429, retry_after=max(1, math.ceil(wait)))
        for window in windows:
            window.record(now)
