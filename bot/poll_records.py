"""The records of unchanged polls, written together. Most polls of ten thousand feeds find
nothing new (304, or the same body): each still renews its feed's state, counts a success in
its health and marks its turn done. Written one poll at a time that is a Redis round trip per
poll, and the client's cost per round trip is most of such a poll's; gathered for a moment,
the polls ending meanwhile share one.

Only what may be late or lost goes this way: the state a poll found as it was stored (a lost
renewal of its time to live changes nothing), a success in the health, and the end of the
turn (a lost one lapses by itself, as for a poller that died). A changed state is written by
the poll itself, before it says it is recorded."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from redis.exceptions import RedisError

from bot import keys
from bot.redis_watch import describe
from bot.store import Store
from bot.store.leases import TurnEnd
from bot.store.polls import UnchangedPoll

log = logging.getLogger(__name__)

# How long the first record waits for others: polls of ten thousand feeds every five minutes
# end about thirty a second, so a quarter of a second gathers several, and the turn's claim
# (at least a second) outlasts it.
GATHER_S = 0.25
# A feed's stored state lives FEED_STATE_TTL after its last renewal; an unchanged poll renews it
# only when this process has not done so for this long, not at every poll.
RENEW_STATE_EVERY = timedelta(seconds=keys.FEED_STATE_TTL / 7)


class PollRecords:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[UnchangedPoll] = []
        self._timer: asyncio.TimerHandle | None = None
        self._writing: set[asyncio.Task[None]] = set()
        self._renewed: dict[str, datetime] = {}  # feed -> when its state's TTL was last renewed

    def add(self, feed: str, at: datetime, end: TurnEnd | None) -> None:
        """Record an unchanged poll of `feed` at `at` soon; `end`, its turn, is handed over and
        marked done with it."""
        if end is not None:
            end.marked = True
        renewed = self._renewed.get(feed)
        renew = renewed is None or not timedelta(0) <= at - renewed < RENEW_STATE_EVERY
        if renew:
            self._renewed[feed] = at
        self._pending.append(UnchangedPoll(feed, at, end, renew_state=renew))
        if self._timer is None:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(GATHER_S, self._write_soon, loop)

    def _write_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        task = loop.create_task(self.flush(), name="poll records")
        self._writing.add(task)
        task.add_done_callback(self._writing.discard)

    def stored(self, feed: str, at: datetime) -> None:
        """The poll of `feed` at `at` wrote its state anew, with a time to live of its own."""
        self._renewed[feed] = at

    def forget(self, feeds: set[str]) -> None:
        """Feeds no longer polled."""
        for feed in feeds & self._renewed.keys():
            del self._renewed[feed]

    async def flush(self) -> None:
        """Write what is gathered now. A Redis that does not answer loses it (see above)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            await self.store.record_unchanged_polls(batch)
        except RedisError as exc:
            log.debug("%d unchanged polls not recorded (%s)", len(batch), describe(exc))

    async def close(self) -> None:
        """Write what is gathered, after the writes under way."""
        if self._writing:
            await asyncio.wait(list(self._writing))
        await self.flush()
