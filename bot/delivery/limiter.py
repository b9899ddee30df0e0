"""Pacing for every Bot API call that shows something to a user.

Telegram allows about 30 messages/s per bot, 1/s per chat and 20/min per group. Each call gets a
slot on a fixed grid (global, then per chat): first come, first served, and a caller that wakes
late does not push later slots back, so the grid keeps its rate. The limiter never retries;
TelegramDelivery.send is the one place that does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.ext import BaseRateLimiter

GLOBAL_PER_SECOND = 29.0  # just under Telegram's ~30/s, so network jitter never overflows it
CHAT_INTERVAL_S = 1.05
GROUP_INTERVAL_S = 3.1  # 20 per minute, with a margin
PACED_PREFIXES = ("send", "edit", "copy", "forward")
UNPACED = frozenset({"sendchataction"})  # typing indicators do not count as messages
IDLE_CHATS_KEPT = 10_000

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


class SlotGrid:
    """Hands out start times at least `interval` apart; a slot in the past restarts the grid."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.next_free = 0.0

    def reserve(self, now: float) -> float:
        start = max(now, self.next_free)
        self.next_free = start + self.interval
        return start

    def push_back(self, started: float) -> None:
        self.next_free = max(self.next_free, started + self.interval)


class TelegramRateLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        *,
        per_second: float = GLOBAL_PER_SECOND,
        chat_interval_s: float = CHAT_INTERVAL_S,
        group_interval_s: float = GROUP_INTERVAL_S,
        clock: Clock | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.global_grid = SlotGrid(1.0 / per_second)
        self.chat_interval_s = chat_interval_s
        self.group_interval_s = group_interval_s
        self.chat_grids: dict[int | str, SlotGrid] = {}
        self.clock = clock
        self.sleep = sleep

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self.chat_grids.clear()

    def _now(self) -> float:
        return self.clock() if self.clock is not None else asyncio.get_running_loop().time()

    async def _wait_for(self, grid: SlotGrid) -> None:
        now = self._now()
        start = grid.reserve(now)
        if start > now:
            await self.sleep(start - now)

    def _chat_grid(self, chat_id: int | str) -> SlotGrid:
        grid = self.chat_grids.get(chat_id)
        if grid is None:
            if len(self.chat_grids) >= IDLE_CHATS_KEPT:
                self._forget_idle_chats()
            is_group = isinstance(chat_id, str) or chat_id < 0
            grid = SlotGrid(self.group_interval_s if is_group else self.chat_interval_s)
            self.chat_grids[chat_id] = grid
        return grid

    def _forget_idle_chats(self) -> None:
        now = self._now()
        self.chat_grids = {
            chat: grid for chat, grid in self.chat_grids.items() if grid.next_free > now
        }

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        method = endpoint.lower()
        if method.startswith(PACED_PREFIXES) and method not in UNPACED:
            chat_id = _chat_of(data)
            chat_grid = self._chat_grid(chat_id) if chat_id is not None else None
            if chat_grid is not None:
                await self._wait_for(chat_grid)
            await self._wait_for(self.global_grid)
            if chat_grid is not None:
                # The global wait may have delayed this send: the chat's next one counts from now.
                chat_grid.push_back(self._now())
        return await callback(*args, **kwargs)


def _chat_of(data: dict[str, Any]) -> int | str | None:
    value = data.get("chat_id")
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)  # a channel's @username
