"""Delivery across crashes: `python -m bot run` killed (SIGKILL) in the middle of a broadcast
through a slow Bot API and started again; and the outbox consumers that make a restarted or a
surviving process finish what a dead one left."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import random
import signal
import socket
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from bot_process import start_run
from delivery_setup import drain, subscribe
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram
from telegram import Bot

from bot import keys
from bot.delivery.console import ConsoleDelivery
from bot.delivery.telegram import CONCURRENT_SENDS, TelegramDelivery
from bot.delivery.worker import OutboxWorker, consumer_name
from bot.store import Store
from bot.store.outbox import STUCK_CLAIM_IDLE_MS
from rules.alert import Alert

CHATS = range(20_001, 20_301)  # 300 private chats watching BABA
ANSWER_AFTER_S = 0.3  # a slow Bot API: a send is delivered 0.3 s before its sender hears of it
KILLS = 3
SEED = 11
TOKEN = "123456:CRASHTEST"
WAIT_S = 60.0  # a bound for waits on real processes, never a timing assertion


def broadcast_alert(key: str = "crash-broadcast") -> Alert:
    return Alert(
        rule="alibaba-band",
        type="price_band",
        severity="warning",
        symbol="BABA",
        headline="BABA left its band 154–157, now above: 158.20 USD",
        time=datetime.now(UTC),
        dedup_key=key,
    )


def write_config(path: Path, redis_url: str, api: FakeTelegramAPI) -> None:
    config = {
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": api.base_url},
        "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
        "rules": [
            {
                "name": "alibaba-band",
                "type": "price_band",
                "symbol": "BABA",
                "low": 154,
                "high": 157,
            }
        ],
    }
    path.write_text(yaml.safe_dump(config))


async def wait_until(api: FakeTelegramAPI, condition: Callable[[], bool], what: str) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while not condition():
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise AssertionError(f"{what}: not reached; {len(api.sent)} messages sent")
        await api.records_changed.wait(remaining)


async def sends_begun_not_finished(store: Store) -> list[int]:
    """Chats whose send was recorded as begun and never as sent or failed."""
    pattern = keys.sending("*", 0).rsplit(":", 1)[0] + ":*"
    return [int(key.rsplit(":", 1)[1]) async for key in store.redis.scan_iter(match=pattern)]


async def test_kill_9_mid_broadcast_delivers_to_every_chat_repeating_only_sends_in_flight(
    tmp_path: Path, store: Store, redis_url: str
) -> None:
    for chat in CHATS:
        await subscribe(store, chat, "BABA")
    await store.enqueue([broadcast_alert()])
    rng = random.Random(SEED)
    kill_points = sorted(rng.sample(range(20, len(CHATS) - 20), KILLS))

    async with running_fake_telegram() as api:
        api.delay_answers("sendMessage", ANSWER_AFTER_S)
        config = tmp_path / "config.yaml"
        write_config(config, redis_url, api)
        in_flight_at_kill: list[set[int]] = []
        unanswered_at_kill: list[int] = []
        kill_times: list[float] = []
        process = None
        try:
            for run, point in enumerate([*kill_points, None]):
                with (tmp_path / f"run-{run}.log").open("wb") as log_file:
                    process = await start_run(config, stdout=log_file, stderr=log_file)
                if point is None:
                    break
                await wait_until(api, lambda point=point: len(api.sent) >= point, "kill point")
                process.kill()
                await process.wait()
                kill_times.append(api.clock())
                unanswered_at_kill.append(len(api.unanswered("sendMessage")))
                in_flight_at_kill.append(set(await sends_begun_not_finished(store)))

            await wait_until(api, lambda: {r.chat_id for r in api.sent} >= set(CHATS), "all")
            assert process is not None
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(WAIT_S):
                assert await process.wait() == 0
        finally:
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()

        received = Counter(record.chat_id for record in api.sent)
        # Every chat got the alert.
        assert set(received) == set(CHATS)
        # A chat got it again only where its send was in flight at a kill, once per such kill.
        for chat, count in received.items():
            kills_in_flight = sum(chat in chats for chats in in_flight_at_kill)
            assert count <= 1 + kills_in_flight, (chat, count, in_flight_at_kill)
        # Never more sends in flight than the bound, neither recorded nor at the server.
        assert all(len(chats) <= CONCURRENT_SENDS for chats in in_flight_at_kill)
        assert api.peak_unanswered("sendMessage") <= CONCURRENT_SENDS
        # Each restarted process resumed the broadcast long before the idle time after which
        # another consumer would take over a pending entry, as the same outbox consumer.
        for killed_at in kill_times:
            resumed_at = min(r.received_at for r in api.sent if r.received_at > killed_at)
            assert resumed_at - killed_at < STUCK_CLAIM_IDLE_MS / 1000
        consumers = await store.redis.xinfo_consumers(keys.outbox("warning"), keys.OUTBOX_GROUP)
        assert [info["name"] for info in consumers] == [consumer_name(config)]
        assert await sends_begun_not_finished(store) == []
        assert await store.redis.xlen(keys.outbox("warning")) == 0

    duplicates = sum(received.values()) - len(CHATS)
    resumes = [
        round(min(r.received_at for r in api.sent if r.received_at > at) - at, 2)
        for at in kill_times
    ]
    print(
        f"kills after {kill_points} sends: {duplicates} duplicates; sends begun and not "
        f"finished at each kill {[len(c) for c in in_flight_at_kill]}, unanswered at the server "
        f"{unanswered_at_kill}; resumed after {resumes} s"
    )


# -- the outbox consumers, in one process ---------------------------------------------------


async def test_entries_of_a_consumer_whose_process_is_gone_are_taken_over_at_once(
    store: Store,
) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([broadcast_alert()])
    [entry] = await store.read_outbox("gone", count=10, block_ms=10)  # read, never acknowledged
    # It was read a while ago (XCLAIM with IDLE keeps the owner and sets the idle time).
    await store.redis.xclaim(
        keys.outbox("warning"), keys.OUTBOX_GROUP, "gone", 0, [entry.entry_id], idle=10_000
    )
    out = io.StringIO()
    worker = OutboxWorker(store, ConsoleDelivery(out), consumer="survivor")
    await drain(worker)
    assert worker.delivered == 1
    assert out.getvalue().count(broadcast_alert().headline) == 1
    assert await store.pending_of("gone") == 0


async def test_entries_of_a_live_consumer_stay_with_it(store: Store) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([broadcast_alert()])
    [entry] = await store.read_outbox("busy", count=10, block_ms=10)
    await store.keep_consumer("busy", "elsewhere 1 cafe")  # its process renews its name
    worker = OutboxWorker(store, ConsoleDelivery(io.StringIO()), consumer="other")
    await drain(worker)
    assert worker.delivered == 0
    [row] = await store.redis.xpending_range(
        keys.outbox("warning"), keys.OUTBOX_GROUP, min="-", max="+", count=10
    )
    assert (row["message_id"], row["consumer"]) == (entry.entry_id, "busy")


async def test_a_restarted_process_is_the_same_consumer_and_reads_its_entries_first(
    store: Store,
) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([broadcast_alert()])
    name = consumer_name("/srv/tickerwatch/config.yaml")
    await store.read_outbox(name, count=10, block_ms=10)
    # Its earlier life on this host, now dead, still holds the name for a few seconds.
    await store.keep_consumer(name, f"{socket.gethostname()} {dead_pid()} 0")
    out = io.StringIO()
    worker = OutboxWorker(store, ConsoleDelivery(out), consumer=name)
    await drain(worker)
    assert worker.consumer == name
    assert worker.delivered == 1
    assert await store.redis.xlen(keys.outbox("warning")) == 0


async def test_two_running_processes_never_read_as_one_consumer(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    name = consumer_name("/srv/tickerwatch/config.yaml")
    await store.keep_consumer(name, f"{socket.gethostname()} {os.getppid()} 0")  # alive
    worker = OutboxWorker(store, ConsoleDelivery(io.StringIO()), consumer=name)
    with caplog.at_level(logging.WARNING, logger="bot.delivery.worker"):
        await drain(worker)
    assert worker.consumer == f"{name}-{os.getpid()}"
    assert "is in use by a running process" in caplog.text


def test_the_consumer_name_is_stable_per_installation() -> None:
    assert consumer_name("config.yaml") == consumer_name(Path("config.yaml").resolve())
    assert consumer_name("config.yaml") != consumer_name("other/config.yaml")
    assert consumer_name("config.yaml").startswith(f"{socket.gethostname()}-")


# -- sends begun and not finished -------------------------------------------------------------


async def test_a_send_in_flight_at_a_crash_is_made_again_and_said_so(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI, caplog: pytest.LogCaptureFixture
) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "BABA")
    alert = broadcast_alert()
    # A process died after sending to chat 1 and before hearing the answer.
    assert not await store.begin_send(alert.id, 1)
    with caplog.at_level(logging.WARNING, logger="bot.delivery.telegram"):
        await TelegramDelivery(bot, store).deliver(alert)
    assert len(telegram_api.messages_to(1)) == 1
    assert len(telegram_api.messages_to(2)) == 1
    [warning] = [r.getMessage() for r in caplog.records]
    assert f"send of alert {alert.id} to chat 1 never finished" in warning
    assert await sends_begun_not_finished(store) == []


async def test_a_send_that_fails_for_good_leaves_no_send_in_flight(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    telegram_api.fail_next("sendMessage", 400, description="Bad Request: message is too long")
    telegram_api.fail_next("sendMessage", 400, description="Bad Request: message is too long")
    await TelegramDelivery(bot, store).deliver(broadcast_alert())
    assert telegram_api.messages_to(1) == []
    assert await sends_begun_not_finished(store) == []
    assert len(await store.failed_deliveries()) == 1


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


async def test_the_slow_fake_bot_api_delivers_before_it_answers(
    bot: Bot, telegram_api: FakeTelegramAPI
) -> None:
    telegram_api.delay_answers("sendMessage", 0.5)
    send = asyncio.create_task(bot.send_message(5, "hello"))
    await telegram_api.wait_for_messages(1, chat_id=5)
    assert telegram_api.unanswered("sendMessage") == [5]  # in the chat, its sender not told
    await send
    assert telegram_api.unanswered("sendMessage") == []
    assert telegram_api.peak_unanswered("sendMessage") == 1
