"""Feeds polled in passes: every feed once per interval, a bounded number at once, a slow feed
never started twice, each turn starts where the turns of every poller start, and the feed set
follows a sync. The clock is stepped by hand, from a fixed moment; polls are real tasks on the
loop."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from stepped_clock import SteppedClock

from bot.config import FeedSource
from bot.feed_passes import START_STEP_S, FeedPasses, first_poll_offset
from bot.poll_turns import anchor, turn_of

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def feed(name: str, every_s: int = 60) -> FeedSource:
    return FeedSource.model_validate(
        {"name": name, "url": f"http://127.0.0.1:9/{name}.xml", "every": f"{every_s}s"}
    )


class Polls:
    """Records each poll; a poll waits until the test lets it end."""

    def __init__(self) -> None:
        self.started: Counter[str] = Counter()
        self.running = 0
        self.most_at_once = 0
        self.gate = asyncio.Event()
        self.gate.set()

    async def poll(self, source: FeedSource) -> None:
        self.started[source.key] += 1
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await asyncio.sleep(0)  # a poll waits on the network: the others run meanwhile
            await self.gate.wait()
        finally:
            self.running -= 1


async def settle(passes: FeedPasses) -> None:
    """Until no poll runs and none is left to start at this moment."""
    while True:
        for _ in range(5):
            await asyncio.sleep(0)
        await passes.tick()
        if passes.polling == 0:
            for _ in range(5):
                await asyncio.sleep(0)
            if passes.polling == 0:
                return


async def test_every_feed_is_polled_once_per_interval_with_few_at_once() -> None:
    clock, polls, tasks = SteppedClock(START), Polls(), set[asyncio.Task[object]]()
    passes = FeedPasses(polls.poll, clock, concurrency=8, tasks=tasks)
    feeds = [feed(f"f{n:03d}") for n in range(300)]
    passes.sync(feeds, clock())
    for polled in range(1, 4):
        clock.now += timedelta(seconds=60)
        await settle(passes)
        assert polls.started == Counter({f.key: polled for f in feeds})
    assert polls.most_at_once == 8
    assert tasks == set()


async def test_a_feed_still_polling_is_not_started_again_and_keeps_its_rhythm() -> None:
    clock, polls = SteppedClock(START), Polls()
    passes = FeedPasses(polls.poll, clock, concurrency=4)
    passes.sync([feed("slow", every_s=10)], clock())
    polls.gate.clear()
    clock.now += timedelta(seconds=10)
    await passes.tick()
    await asyncio.sleep(0)
    assert polls.started["slow"] == 1
    clock.now += timedelta(seconds=35)  # three more turns came due while it hung
    await passes.tick()
    await asyncio.sleep(0)
    assert polls.started["slow"] == 1
    polls.gate.set()
    await settle(passes)
    # The turns missed are not caught up in a burst: the next comes an interval later.
    assert polls.started["slow"] == 1
    clock.now += timedelta(seconds=10)
    await settle(passes)
    assert polls.started["slow"] == 2


def turn_start(name: str, every_s: int, turn: int) -> datetime:
    return anchor(name, every_s) + timedelta(seconds=turn * every_s)


async def test_after_its_first_poll_a_feed_is_due_where_its_turns_start() -> None:
    clock, polls = SteppedClock(START), Polls()
    passes = FeedPasses(polls.poll, clock, concurrency=4)
    turn = turn_of("a", 10, START) + 1
    clock.now = turn_start("a", 10, turn) + timedelta(seconds=3)  # within the turn, not its start
    passes.sync([feed("a", every_s=10)], clock())
    clock.now += timedelta(seconds=1)
    await settle(passes)
    assert polls.started["a"] == 1
    clock.now += timedelta(seconds=10)  # an interval after the first poll
    await settle(passes)
    assert polls.started["a"] == 2
    # Then not an interval later, but at the very start of the next turn, as every poller.
    clock.now = turn_start("a", 10, turn + 2) - timedelta(milliseconds=10)
    await settle(passes)
    assert polls.started["a"] == 2
    clock.now = turn_start("a", 10, turn + 2)
    await settle(passes)
    assert polls.started["a"] == 3


async def test_a_sync_adds_removes_and_restarts_changed_feeds() -> None:
    clock = SteppedClock(turn_start("kept", 60, turn_of("kept", 60, START)) + timedelta(seconds=1))
    polls = Polls()
    passes = FeedPasses(polls.poll, clock, concurrency=4)
    passes.sync([feed("kept"), feed("gone"), feed("changed")], clock())
    clock.now += timedelta(seconds=61)
    await settle(passes)
    report = passes.sync([feed("kept"), feed("changed", every_s=30), feed("new")], clock())
    assert (report.added, report.removed, report.changed) == (["new"], ["gone"], ["changed"])
    assert passes.feeds["changed"].every == timedelta(seconds=30)
    clock.now += timedelta(seconds=31)
    await settle(passes)
    # "kept" is not due again before its next turn; the new and the changed start afresh.
    assert polls.started == Counter({"kept": 1, "gone": 1, "changed": 2, "new": 1})
    clock.now += timedelta(seconds=60)
    await settle(passes)
    assert polls.started["gone"] == 1 and polls.started["kept"] == 2


async def test_nothing_starts_after_a_stop() -> None:
    clock, polls = SteppedClock(START), Polls()
    passes = FeedPasses(polls.poll, clock, concurrency=4)
    passes.sync([feed("a"), feed("b")], clock())
    passes.stop()
    clock.now += timedelta(seconds=120)
    await settle(passes)
    assert polls.started == Counter()


async def test_feeds_due_within_one_start_step_start_together_at_its_end() -> None:
    starts: list[float] = []

    async def poll(source: FeedSource) -> None:
        starts.append(datetime.now(UTC).timestamp())

    passes = FeedPasses(poll, lambda: datetime.now(UTC), concurrency=8)
    # First polls within a few hundredths of a second after `now` (three feeds), just after a
    # step starts; the second ones an interval later, all in the step that ends at step_end.
    step_start = (math.ceil(time.time() / START_STEP_S) + 2) * START_STEP_S
    step_end = step_start + 1 + START_STEP_S
    feeds = [feed("a", every_s=1), feed("b", every_s=1), feed("c", every_s=1)]
    assert all(first_poll_offset(f.key, 1, len(feeds)) < START_STEP_S / 2 for f in feeds)
    passes.sync(feeds, datetime.fromtimestamp(step_start + 0.01, UTC))
    await asyncio.sleep(step_end - time.time() + 0.1)
    passes.stop()
    assert len(starts) >= 6
    first, second = starts[:3], starts[3:6]
    assert max(first) < step_start + START_STEP_S / 2  # a feed just added is read at once
    # Started at the step's end, not each at its own moment a fifth of a second earlier.
    assert min(second) > step_end - START_STEP_S / 4
