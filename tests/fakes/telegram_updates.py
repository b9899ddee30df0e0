"""The update queue behind getUpdates, with Telegram's offset semantics and long polling.

aiohttp does not cancel a handler when its client disconnects, so a long poll abandoned by a
stopped client keeps waiting. `release_all()` wakes every poll and makes it answer an empty
list at once; the server calls it before shutting down so teardown never waits for a timeout.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .telegram_records import Signal

JSONDict = dict[str, Any]

MAX_UPDATES_PER_POLL = 100
UPDATE_KINDS_BY_DEFAULT = frozenset(
    {"message", "edited_message", "channel_post", "edited_channel_post", "callback_query"}
)


def _now() -> float:
    # Long polls wait in real time whatever clock the rate limits use.
    return asyncio.get_running_loop().time()


class UpdateQueue:
    def __init__(self) -> None:
        self.pending: list[JSONDict] = []
        self.last_update_id = 0
        self.pending_polls = 0
        self.released = False
        self._updates_changed = Signal()
        self._polls_changed = Signal()

    def push(self, body: JSONDict) -> JSONDict:
        """Queue an update (everything but update_id) and wake the polls; returns the update."""
        self.last_update_id += 1
        update = {"update_id": self.last_update_id, **body}
        self.pending.append(update)
        self._updates_changed.notify_all()
        return update

    def confirm(self, offset: int | None) -> None:
        """Forget updates below a positive offset; a negative one keeps only the last -offset."""
        if offset is None or offset == 0:
            return
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        else:
            self.pending = self.pending[offset:]

    def drop_all(self) -> None:
        self.pending.clear()

    def _select(self, limit: int, allowed: frozenset[str] | None) -> list[JSONDict]:
        kinds = allowed or UPDATE_KINDS_BY_DEFAULT
        chosen = [u for u in self.pending if any(kind in u for kind in kinds)]
        return chosen[:limit]

    async def poll(
        self, offset: int | None, limit: int, wait_seconds: float, allowed: frozenset[str] | None
    ) -> list[JSONDict]:
        """Answer getUpdates: at once when updates wait, else when one arrives or time is up."""
        self.confirm(offset)
        limit = max(1, min(limit, MAX_UPDATES_PER_POLL))
        deadline = _now() + max(0.0, wait_seconds)
        self.pending_polls += 1
        self._polls_changed.notify_all()
        try:
            while not self.released:
                ready = self._select(limit, allowed)
                remaining = deadline - _now()
                if ready or remaining <= 0:
                    return ready
                await self._updates_changed.wait(remaining)
            return []
        finally:
            self.pending_polls -= 1
            self._polls_changed.notify_all()

    async def wait_for_polls(self, count: int, within: float) -> bool:
        """Wait until at least `count` polls are pending; False on timeout."""
        deadline = _now() + within
        while self.pending_polls < count:
            remaining = deadline - _now()
            if remaining <= 0:
                return False
            await self._polls_changed.wait(remaining)
        return True

    async def release_all(self, within: float) -> None:
        """Make every pending and future poll return an empty list, and wait for them to."""
        self.released = True
        self._updates_changed.notify_all()
        deadline = _now() + within
        while self.pending_polls > 0:
            remaining = deadline - _now()
            if remaining <= 0:
                return
            await self._polls_changed.wait(remaining)
