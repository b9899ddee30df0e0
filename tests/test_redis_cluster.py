"""Tickerwatch on a real three-node Redis Cluster, and no step that a cluster would refuse: every
MULTI, script and multi-key command of a run on one Redis touches keys of a single slot."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Iterator

import pytest
from fakes.telegram_api import FakeTelegramAPI
from redis.asyncio.cluster import RedisCluster
from redis.crc import key_slot
from redis.exceptions import ResponseError
from redis_cluster import running_cluster
from store_scenario import run_scenario
from test_end_to_end import test_watch_then_news_and_band_exit_arrive_exactly_once as whole_run

from bot import keys
from bot.app import wake_blocked_reads
from bot.market_server import LocalMarket
from bot.store import Store, connect
from bot.store.leases import _CLAIM_FEED_TURNS
from bot.store.polls import _RECORD_UNCHANGED

# The scripts over the keys of many feeds, which the store sends to a single Redis only.
ONE_NODE_SCRIPTS = {_CLAIM_FEED_TURNS, _RECORD_UNCHANGED}


@pytest.fixture(scope="module")
def cluster_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_cluster(tmp_path_factory.mktemp("cluster")) as ports:
        yield f"redis+cluster://127.0.0.1:{ports[0]}"


@pytest.fixture
async def cluster_store(cluster_url: str) -> AsyncIterator[Store]:
    store = Store(connect(cluster_url))
    await store.redis.flushdb()
    yield store
    await store.close()


async def test_a_cluster_url_builds_a_cluster_client(cluster_store: Store) -> None:
    assert isinstance(cluster_store.redis, RedisCluster)
    nodes = cluster_store.redis.get_primaries()
    assert len(nodes) == 3


async def test_store_and_pipeline_on_a_cluster(cluster_store: Store) -> None:
    await run_scenario(cluster_store)
    # The run spread its keys over the cluster, so it really crossed nodes.
    holding = 0
    for node in cluster_store.redis.get_primaries():
        if await cluster_store.redis.dbsize(target_nodes=node):
            holding += 1
    assert holding == 3


async def test_the_bot_runs_on_a_cluster(
    market: LocalMarket, telegram_api: FakeTelegramAPI, cluster_store: Store, cluster_url: str
) -> None:
    """`run` as on one Redis: a user watches, news and a band exit arrive exactly once."""
    await whole_run(market, telegram_api, cluster_store, cluster_url)


async def test_a_half_written_subscription_is_repaired(cluster_store: Store) -> None:
    await cluster_store.register_chat(9, "en")
    await cluster_store.redis.sadd(keys.chat_watch(9), "SAP")  # a crash before the other side
    assert await cluster_store.watchers("SAP") == []
    assert await cluster_store.repair_subscriptions() == 1
    assert await cluster_store.watchers("SAP") == [9]
    # Asking again completes one too, though the chat already watches.
    await cluster_store.redis.sadd(keys.chat_watch(9), "BABA")
    assert not await cluster_store.watch(9, "BABA")
    assert await cluster_store.watchers("BABA") == [9]
    # An unwatch cut short after delivery stopped: asking again ends it.
    await cluster_store.redis.srem(keys.watchers("BABA"), "9")
    assert await cluster_store.unwatch(9, "BABA")
    assert await cluster_store.watched(9) == ["SAP"]
    assert await cluster_store.repair_subscriptions() == 0


# -- every step of a run on one Redis fits in one slot ---------------------------------------

TRANSACTION_END = {"EXEC", "DISCARD"}
END_OF_RUN = b"end of the run"
WAIT_S = 10
_ARGUMENT = re.compile(rb'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"a": b"\a", b"b": b"\b"}


def _unquote(text: bytes) -> bytes:
    """One argument as MONITOR quotes it (backslash escapes, \\xHH for other bytes)."""
    out, index = bytearray(), 0
    while index < len(text):
        char = text[index : index + 1]
        if char != b"\\":
            out += char
            index += 1
            continue
        code = text[index + 1 : index + 2]
        if code == b"x":
            out.append(int(text[index + 2 : index + 4], 16))
            index += 4
        else:
            out += _ESCAPES.get(code, code)
            index += 2
    return bytes(out)


async def _record(
    socket_path: str, commands: list[list[bytes]], ready: asyncio.Event, done: asyncio.Event
) -> None:
    """Every command the server runs, until it runs ECHO END_OF_RUN."""
    reader, writer = await asyncio.open_unix_connection(socket_path)
    try:
        writer.write(b"MONITOR\r\n")
        await writer.drain()
        assert (await reader.readline()).startswith(b"+OK")
        ready.set()
        while line := await reader.readline():
            _stamp, _, rest = line.rstrip(b"\r\n").partition(b"] ")
            command = [_unquote(arg) for arg in _ARGUMENT.findall(rest)]
            if command == [b"ECHO", END_OF_RUN]:
                done.set()
                return
            commands.append(command)
    finally:
        writer.close()


async def _keys_of(store: Store, command: list[bytes]) -> list[bytes]:
    try:
        found = await store.redis.command_getkeys(*command)
    except ResponseError:  # a command without keys
        return []
    return [key.encode() if isinstance(key, str) else key for key in found]


def _steps(commands: list[list[bytes]]) -> Iterator[list[list[bytes]]]:
    """Each transaction as one step (MONITOR shows it whole when EXEC runs), each other
    command as a step of its own."""
    block: list[list[bytes]] | None = None
    for command in commands:
        name = command[0].upper().decode()
        if name == "MULTI":
            block = []
        elif name in TRANSACTION_END and block is not None:
            yield block
            block = None
        elif block is not None:
            block.append(command)
        else:
            yield [command]


async def _steps_across_slots(
    store: Store, redis_url: str, run: Awaitable[None]
) -> tuple[list[tuple[str, list[bytes]]], int, int]:
    """Record every command while `run` runs; the steps whose keys lie in more than one slot,
    and how many transactions and scripts there were."""
    commands: list[list[bytes]] = []
    ready, done = asyncio.Event(), asyncio.Event()
    socket_path = redis_url.removeprefix("unix://")
    recorder = asyncio.create_task(_record(socket_path, commands, ready, done))
    await asyncio.wait_for(ready.wait(), WAIT_S)
    await run
    await store.redis.echo(END_OF_RUN)
    await asyncio.wait_for(done.wait(), WAIT_S)
    await recorder
    spanning = []
    transactions = scripts = 0
    for step in _steps(commands):
        if step[0][0].upper() == b"EVAL" and step[0][1].decode() in ONE_NODE_SCRIPTS:
            continue  # run on a single Redis only; a cluster is sent a pipeline instead
        keys_used = [key for command in step for key in await _keys_of(store, command)]
        transactions += len(step) > 1
        scripts += step[0][0].upper() in (b"EVAL", b"EVALSHA")
        if len({key_slot(key) for key in keys_used}) > 1:
            spanning.append((b" ".join(c[0] for c in step).decode(), sorted(set(keys_used))))
    return spanning, transactions, scripts


async def test_no_step_of_the_store_spans_slots(store: Store, redis_url: str) -> None:
    spanning, transactions, scripts = await _steps_across_slots(
        store, redis_url, run_scenario(store)
    )
    assert spanning == []
    assert transactions >= 20 and scripts >= 1  # the run did exercise what is checked


async def test_no_step_of_a_whole_run_spans_slots(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    run = whole_run(market, telegram_api, store, redis_url)
    spanning, transactions, scripts = await _steps_across_slots(store, redis_url, run)
    assert spanning == []
    assert transactions >= 10 and scripts >= 1


async def test_stopping_wakes_a_blocked_outbox_read_on_a_cluster(cluster_store: Store) -> None:
    await cluster_store.ensure_outbox_group()
    # Blocks far longer than the test may take: only the wake-up can end it in time.
    read = asyncio.create_task(cluster_store.read_outbox("a", count=1, block_ms=600_000))
    woken = False
    for _ in range(100):
        await asyncio.sleep(0.05)
        assert await wake_blocked_reads(cluster_store)
        done, _pending = await asyncio.wait([read], timeout=0.05)
        if done:
            woken = True
            break
    if not woken:
        read.cancel()
    assert woken
    assert read.result() == []


def test_keys_with_one_slot_tag_share_a_slot() -> None:
    tag = keys.slot_tag("chat:42")
    names = [f"{keys.PREFIX}:{tag}:watch", f"{keys.PREFIX}:{tag}:sent:{{odd}}:x"]
    assert len({key_slot(name.encode()) for name in names}) == 1
    for bad in ("", "a{b", "a}b"):
        with pytest.raises(ValueError, match="slot tag"):
            keys.slot_tag(bad)
