"""Feeds polled in passes: each feed is due once per interval, and the due ones are started as
poll slots free up, a bounded number at once. One timer serves every feed, so ten thousand
feeds cost no more scheduling than ten, and a pass never piles up tasks waiting for a slot.

After its first poll a feed is due at the start of each of its turns (bot.poll_turns): the
same moments in every process that polls, so pollers on one Redis fire together and the turn's
claim decides which of them polls. The first poll lies off that grid (spread over the start);
the second is due an interval after it, so every feed of a big start is polled once before any
is polled twice, and from the third on they are on the grid. A turn that could not start in
time (all slots busy, the loop stalled) starts as soon as it can, and the next is due at the
start of the turn after the one it started in, so a backlog is not caught up in a burst.

`poll` is what polling one feed means to the caller (claim of the turn, fetch, pipeline,
state); this module only decides when, and how many at once."""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import logging
import math
from collections.abc import Callable, Coroutine, Mapping, MutableSet, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config import FeedSource
from bot.poll_turns import anchor, turn_of

log = logging.getLogger(__name__)

# First polls start at this rate at most, spread over at most half of each feed's interval: a
# few feeds start at once, two thousand are not all due in the same second.
FIRST_POLLS_PER_S = 50
# Due polls after a feed's first are started on this grid of wall-clock time (the same in every
# process), so that the feeds due within one step start together and claim their turns in one
# round trip; a poll waits at most this long past its moment.
START_STEP_S = 0.25

Poll = Callable[[FeedSource], Coroutine[Any, Any, None]]
Clock = Callable[[], datetime]


@dataclass(slots=True)
class SyncReport:
    """The feed keys a sync added, removed or started again."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def first_poll_offset(name: str, interval_s: float, feeds: int) -> float:
    """Seconds after start of a feed's first poll: the same for a name at every start, and
    spread evenly over the feeds (the name's hash, not Python's salted one)."""
    window = min(interval_s / 2, feeds / FIRST_POLLS_PER_S)
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return window * int.from_bytes(digest) / 2**64


def next_turn_start(name: str, interval_s: float, now: float) -> float:
    """When the turn after the one current at `now` (a timestamp) starts."""
    turn = turn_of(name, interval_s, datetime.fromtimestamp(now, UTC))
    return (anchor(name, interval_s) + timedelta(seconds=(turn + 1) * interval_s)).timestamp()


class FeedPasses:
    def __init__(
        self,
        poll: Poll,
        clock: Clock,
        *,
        concurrency: int,
        tasks: MutableSet[asyncio.Task[Any]] | None = None,
    ) -> None:
        """`clock`: the time turns start by, the same in every process (real time).
        `tasks`: where the polls started are registered the moment they are created (the
        Poller's set, which a stop cancels), and removed from when they end."""
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._poll = poll
        self._clock = clock
        self.concurrency = concurrency
        self._tasks: MutableSet[asyncio.Task[Any]] = tasks if tasks is not None else set()
        self._feeds: dict[str, FeedSource] = {}
        self._due: dict[str, float] = {}  # feed key -> when its next turn is due (timestamp)
        # (due, key) of every turn; an entry whose time is no longer the key's is stale.
        self._queue: list[tuple[float, str]] = []
        self._polling: dict[str, asyncio.Task[None]] = {}
        self._unpolled: set[str] = set()  # feeds whose first turn has not started yet
        self._timer: asyncio.TimerHandle | None = None
        self._timer_step: float | None = None  # the start step the timer fires at
        self._stopped = False

    @property
    def feeds(self) -> Mapping[str, FeedSource]:
        return self._feeds

    @property
    def polling(self) -> int:
        return len(self._polling)

    def sync(self, feeds: Sequence[FeedSource], now: datetime) -> SyncReport:
        """Make the feeds polled those of `feeds`: a new one is added, one gone is removed, a
        changed one (URL, interval, language) starts again as new; the others keep their turn."""
        wanted = {feed.key: feed for feed in feeds}
        report = SyncReport()
        for key in self._feeds.keys() - wanted.keys():
            del self._feeds[key]
            del self._due[key]
            self._unpolled.discard(key)
            report.removed.append(key)
        for key, feed in wanted.items():
            known = self._feeds.get(key)
            if known is feed or known == feed:  # the config's own feeds are the same objects
                continue
            (report.changed if known is not None else report.added).append(key)
            interval_s = feed.every.total_seconds()
            self._feeds[key] = feed
            self._unpolled.add(key)
            self._queue_turn(key, now.timestamp() + first_poll_offset(key, interval_s, len(feeds)))
        self._start_due()
        return report

    async def tick(self) -> None:
        """Start the feeds that are due. The timer does that; this catches up after a clock
        step (the timer runs on the loop's monotonic clock, turns on `clock`)."""
        self._start_due()

    def stop(self) -> None:
        """No poll starts from now on; the ones running are the caller's to cancel."""
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _queue_turn(self, key: str, due: float) -> None:
        self._due[key] = due
        heapq.heappush(self._queue, (due, key))

    def _start_due(self) -> None:
        if self._stopped:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # set up before the loop runs: the first tick starts them
        now = self._clock().timestamp()
        queue = self._queue
        while queue and len(self._polling) < self.concurrency:
            due, key = queue[0]
            if due > now:
                break
            heapq.heappop(queue)
            if self._due.get(key) != due:
                continue  # removed, or queued again at another time
            feed = self._feeds[key]
            interval_s = feed.every.total_seconds()
            following = due + interval_s
            if key in self._unpolled and following > now:
                self._queue_turn(key, following)
            else:
                self._queue_turn(key, next_turn_start(key, interval_s, now))
            self._unpolled.discard(key)
            if key in self._polling:
                continue  # its last turn is still running: this one is that one
            self._start(key, feed)
        self._arm(now)

    def _start(self, key: str, feed: FeedSource) -> None:
        task = asyncio.get_running_loop().create_task(self._poll(feed), name=f"poll {key}")
        self._polling[key] = task
        self._tasks.add(task)
        task.add_done_callback(lambda done: self._ended(key, done))

    def _ended(self, key: str, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if self._polling.get(key) is task:
            del self._polling[key]
        if not task.cancelled() and task.exception() is not None:
            # The poll logs its own failures; this is one that escaped it.
            log.error("poll of %s failed", key, exc_info=task.exception())
        if self._timer is None:  # else nothing is due before the timer fires
            self._start_due()

    def _arm(self, now: float) -> None:
        """One timer, for the step of the earliest turn still queued (stale entries only wake
        it early)."""
        step = None
        if self._queue and len(self._polling) < self.concurrency:
            due, key = self._queue[0]
            # A feed's first poll is not held back: a feed just added is read at once.
            step = due if key in self._unpolled else math.ceil(due / START_STEP_S) * START_STEP_S
        # else a poll that ends starts the next one
        if self._timer is not None:
            if step == self._timer_step:
                return
            self._timer.cancel()
            self._timer = None
        if step is not None:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(max(0.0, step - now), self._fire)
            self._timer_step = step

    def _fire(self) -> None:
        self._timer = None
        self._start_due()
