"""Poll turns shared by every polling process on one Redis.

Time is cut into turns of one interval per source, the same for every process: turn n of a
source starts at its anchor plus n intervals (the anchor's offset is a hash of the source, which
spreads sources that share an interval). Each process's scheduler fires at the start of every
turn; the first process to claim the turn in Redis polls, the others skip it. So a source is
polled once per turn however many pollers run, and when one dies the next turn goes to another.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError

from bot.services import Clock, system_clock
from bot.store import Store
from bot.store.leases import FeedTurnClaim, TurnEnd

log = logging.getLogger(__name__)

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# A scheduler fires at the very start of a turn; this keeps float rounding there from counting
# it as the end of the turn before.
BOUNDARY_SLACK_S = 0.001
# A claim lapses this long after its last renewal (at most one interval, so that a poller
# killed mid-poll holds its source no longer than that); renewed three times as often.
BUSY_MAX_S = 30.0
BUSY_MIN_S = 1.0
# Every poller fires at the same moment. Where several run, each source has a preferred poller
# (by a hash of the source, among the pollers running), which claims at once; the others wait
# this long first, so the sources are spread evenly over the pollers instead of all going to
# the one whose event loop wakes first, and are still taken over in the same turn when the
# preferred one is gone. Small next to the interval.
PREFERENCE_MAX_S = 1.0
PREFERENCE_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class FeedClaim:
    """A feed's turn claimed by this process: the feed's stored state, read with the claim, and
    what marks the turn done."""

    state: dict[str, str]
    end: TurnEnd


def anchor(source: str, interval_s: float) -> datetime:
    """Where the turns of `source` start: the same in every process, for every start."""
    return EPOCH + timedelta(seconds=interval_s * _fraction(source))


def turn_of(source: str, interval_s: float, now: datetime) -> int:
    elapsed = (now - anchor(source, interval_s)).total_seconds()
    return math.floor((elapsed + BOUNDARY_SLACK_S) / interval_s)


def _fraction(text: str) -> float:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest()) / 2**64


def busy_s(interval_s: float) -> float:
    return max(BUSY_MIN_S, min(BUSY_MAX_S, interval_s))


class FeedClaims:
    """Feed turns claimed in the same moment go to Redis together: the polls the passes start
    at once share one round trip, which costs the client more than the claims in it."""

    def __init__(self, store: Store, poller: str) -> None:
        self.store = store
        self.poller = poller
        self._waiting: list[tuple[FeedTurnClaim, asyncio.Future[dict[str, str] | None]]] = []
        self._sending: set[asyncio.Task[None]] = set()

    async def claim(self, claim: FeedTurnClaim) -> dict[str, str] | None:
        """The feed's stored state when this poller polls the turn, None when it does not."""
        loop = asyncio.get_running_loop()
        if not self._waiting:
            # After the handles ready now: the other polls started with this one claim first.
            loop.call_soon(self._send, loop)
        answer: asyncio.Future[dict[str, str] | None] = loop.create_future()
        self._waiting.append((claim, answer))
        return await answer

    def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._waiting = self._waiting, []
        task = loop.create_task(self._claim_all(batch), name="feed claims")
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _claim_all(
        self, batch: list[tuple[FeedTurnClaim, asyncio.Future[dict[str, str] | None]]]
    ) -> None:
        try:
            states = await self.store.claim_feed_turns([claim for claim, _ in batch], self.poller)
        except asyncio.CancelledError:
            for _, answer in batch:
                answer.cancel()
            raise
        except Exception as exc:  # each poll meets its claim's failure as its own
            for _, answer in batch:
                if not answer.done():
                    answer.set_exception(exc)
            return
        for (_, answer), state in zip(batch, states, strict=True):
            # A poll cancelled meanwhile leaves its claim to lapse, as one cancelled mid-claim.
            if not answer.done():
                answer.set_result(state)


class PollTurns:
    def __init__(
        self,
        store: Store,
        poller: str,
        wall: Clock = system_clock,
        pollers: Callable[[], Sequence[str]] = tuple,
    ) -> None:
        self.store = store
        self.poller = poller  # this process, as the claims name it
        self.wall = wall  # the time the schedulers fire by: real time, in every process
        self.pollers = pollers  # the processes that poll, this one included, in a shared order
        self._feed_claims = FeedClaims(store, poller)

    async def arrive(self, source: str, interval_s: float) -> int:
        """The current turn of `source`, after this poller's own moment of waiting."""
        turn = turn_of(source, interval_s, self.wall())
        if self.preferred(source) not in (None, self.poller):
            await asyncio.sleep(min(PREFERENCE_MAX_S, interval_s * PREFERENCE_SHARE))
        return turn

    def preferred(self, source: str) -> str | None:
        """The poller that claims `source` first; None while this one knows of no other."""
        pollers = self.pollers()
        if len(pollers) < 2 or self.poller not in pollers:
            return None
        return pollers[int(_fraction(f"preferred|{source}") * len(pollers))]

    @contextlib.asynccontextmanager
    async def claim(self, source: str, interval_s: float, turn: int) -> AsyncIterator[bool]:
        """True inside when this process polls `source` in `turn`; the claim is renewed while
        the body runs and marked done after it."""
        busy_ms = int(busy_s(interval_s) * 1000)
        if not await self.store.claim_turn(source, turn, self.poller, busy_ms):
            yield False
            return
        async with self._holding(source, interval_s, turn, busy_ms):
            yield True

    @contextlib.asynccontextmanager
    async def claim_feed(
        self, feed: str, interval_s: float, turn: int
    ) -> AsyncIterator[FeedClaim | None]:
        """claim for a feed, with its stored state read in the same round trip: None inside
        when another process polls the turn. The poll passes the claim's `end` to its last
        write, which marks the turn done with it (one round trip fewer)."""
        busy_ms = int(busy_s(interval_s) * 1000)
        state = await self._feed_claims.claim(FeedTurnClaim(feed, turn, busy_ms))
        if state is None:
            yield None
            return
        async with self._holding(feed, interval_s, turn, busy_ms) as end:
            yield FeedClaim(state, end)

    @contextlib.asynccontextmanager
    async def _holding(
        self, source: str, interval_s: float, turn: int, busy_ms: int
    ) -> AsyncIterator[TurnEnd]:
        """A claimed turn, renewed while the body runs and marked done after it (kept past the
        end of the turn, so that a late poller of the same turn skips it)."""
        end = TurnEnd(turn, self.poller, keep_ms=int((interval_s + BUSY_MIN_S) * 1000))
        loop = asyncio.get_running_loop()
        renewing: list[asyncio.Task[None]] = []
        # Most polls end within milliseconds: a timer costs less than a task per poll, and the
        # renewing task starts only for a poll still running when its first renewal is due.
        timer = loop.call_later(
            busy_ms / 3000,
            lambda: renewing.append(loop.create_task(self._renew(source, turn, busy_ms))),
        )
        try:
            yield end
        finally:
            timer.cancel()
            for task in renewing:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if not end.marked:
                try:
                    await self.store.finish_turn(source, turn, self.poller, end.keep_ms)
                except RedisError as exc:
                    log.debug(
                        "%s: turn %d not marked done (%s); its claim lapses", source, turn, exc
                    )

    async def _renew(self, source: str, turn: int, busy_ms: int) -> None:
        while True:
            try:
                if not await self.store.renew_turn(source, turn, self.poller, busy_ms):
                    log.info("%s: this poll's claim lapsed; another poller may start", source)
                    return
            except RedisError as exc:
                log.debug("%s: poll claim not renewed (%s)", source, exc)
            await asyncio.sleep(busy_ms / 3000)
