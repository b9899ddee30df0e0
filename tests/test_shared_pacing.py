"""Several processes sending with one bot token share one budget through Redis: the fake Bot
API's own timestamps never show more than Telegram allows, overall or per chat."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_records import ApiCall

from bot import keys
from bot.delivery.limiter import SharedSlots, TelegramRateLimiter, token_fingerprint
from bot.store import Store, connect

SENDER = Path(__file__).resolve().parent / "pacing_sender.py"
TOKEN = "123456:SHARED"
# The senders pace well inside what is checked, so that a process the busy machine schedules
# late never looks like a breach; without sharing, three of them at 20/s make 60/s.
PACED_PER_SECOND = 20
PACED_CHAT_INTERVAL_S = 1.3
ALLOWED_PER_SECOND = 30
ALLOWED_CHAT_GAP_S = 1.0
SHARED_CHAT = 5_000
START_TIMEOUT_S = 60.0


def most_in_one_second(calls: list[ApiCall]) -> int:
    times = sorted(call.received_at for call in calls)
    most, first = 0, 0
    for last, at in enumerate(times):
        while times[first] <= at - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def smallest_gap_per_chat(calls: list[ApiCall]) -> float:
    by_chat: dict[int | None, list[float]] = defaultdict(list)
    for call in calls:
        by_chat[call.chat_id].append(call.received_at)
    gaps = [
        later - earlier
        for times in by_chat.values()
        for earlier, later in zip(sorted(times), sorted(times)[1:], strict=False)
    ]
    return min(gaps)


async def start_sender(
    redis_url: str, api: FakeTelegramAPI, chats: list[int]
) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(SENDER),
        redis_url,
        api.base_url,
        TOKEN,
        str(PACED_PER_SECOND),
        str(PACED_CHAT_INTERVAL_S),
        *map(str, chats),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), START_TIMEOUT_S)
    assert line.strip() == b"ready"
    return process


async def test_three_processes_share_one_budget_per_token(
    redis_url: str, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    senders = []
    for index in range(3):
        own = [1_000 * (index + 1) + chat for chat in range(30)]
        # Every sender also writes to one chat they share, between its own.
        chats = [*own[:10], SHARED_CHAT, *own[10:20], SHARED_CHAT, *own[20:]]
        senders.append(await start_sender(redis_url, telegram_api, chats))
    for process in senders:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        await process.stdin.drain()
    # The slot keys expire a moment after the last send, so their names are taken meanwhile.
    names: set[str] = set()
    waits = asyncio.gather(*(asyncio.wait_for(p.wait(), START_TIMEOUT_S) for p in senders))
    while not waits.done():
        names.update([name async for name in store.redis.scan_iter(match="tw:*pace*")])
        await asyncio.wait([waits], timeout=0.05)
    assert waits.result() == [0, 0, 0]

    sends = telegram_api.calls_of("sendMessage")
    assert len(sends) == 3 * 32
    assert all(call.status == 200 for call in sends)
    assert most_in_one_second(sends) <= ALLOWED_PER_SECOND
    assert smallest_gap_per_chat(sends) >= ALLOWED_CHAT_GAP_S
    # The budget is kept under a fingerprint of the token, never the token itself.
    assert names and all(TOKEN not in name for name in names)
    assert keys.send_slots(token_fingerprint(TOKEN)) in names


async def test_pacing_goes_on_in_process_while_redis_is_unreachable() -> None:
    redis = connect("redis://127.0.0.1:1/0")
    slots = SharedSlots(redis, TOKEN)
    try:
        first = await slots.reserve(7, 1.0, 0.5)
        second = await slots.reserve(8, 1.0, 0.5)
    finally:
        await redis.aclose()
    assert first[:2] == (True, 0.0)
    assert second[0] is True and second[1] > 0.4


class OversleepingTime:
    """A clock that moves only when the limiter sleeps; the first sleep ends late, as on a busy
    machine."""

    def __init__(self, late_by: float) -> None:
        self.now = 0.0
        self.late_by = late_by

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + self.late_by
        self.late_by = 0.0


async def test_a_send_that_wakes_late_takes_a_new_slot_instead_of_crowding_the_next() -> None:
    time = OversleepingTime(late_by=0.05)
    limiter = TelegramRateLimiter(per_second=20, clock=time.clock, sleep=time.sleep)
    starts: list[float] = []

    async def record() -> bool:
        starts.append(time.now)
        return True

    for chat in (1, 2, 3):
        await limiter.process_request(record, (), {}, "sendMessage", {"chat_id": chat}, None)
    # The second send's slot was 0.05; it woke at 0.10 and went then, in the slot of 0.10, so
    # the third one waited for the next (sent late in its own slot, both would go at 0.10).
    assert starts == pytest.approx([0.0, 0.10, 0.15])
