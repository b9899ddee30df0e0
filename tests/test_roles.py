"""The parts of `run --role` in one process: poll turns in Redis, the one getUpdates poller,
/healthz by role, the process list of /status, the command line."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from bot_process import bot_command
from fakes.telegram_api import FakeTelegramAPI

from bot import keys
from bot.app import App
from bot.config import Config
from bot.poll_turns import PollTurns, anchor, turn_of
from bot.roles import Role, roles_line
from bot.store import Store

WAIT_S = 20.0  # a bound for waits on real I/O, never a timing assertion
TOKEN = "123456:ROLES"


async def test_a_turn_is_polled_by_one_poller_and_the_next_turn_by_whoever_claims_it(
    store: Store,
) -> None:
    first, second = PollTurns(store, "host 1 a"), PollTurns(store, "host 2 b")
    async with first.claim("wire", 60, 7) as ours:
        assert ours
        async with second.claim("wire", 60, 7) as theirs:
            assert not theirs
        # A poll that outlasts its turn is not joined by the next one.
        async with second.claim("wire", 60, 8) as theirs:
            assert not theirs
    async with second.claim("wire", 60, 7) as theirs:
        assert not theirs  # done, and still marked as taken
    async with second.claim("wire", 60, 8) as theirs:
        assert theirs
    async with first.claim("prices", 60, 8) as ours:
        assert ours  # each source has turns of its own
    # A poller late for a turn already past does not take it, nor free the turns after it.
    async with first.claim("wire", 60, 7) as ours:
        assert not ours
    async with first.claim("wire", 60, 8) as ours:
        assert not ours


async def test_a_claim_of_a_poller_that_died_mid_poll_lapses(store: Store) -> None:
    assert await store.claim_turn("wire", 3, "host 1 gone", busy_ms=200)  # never renewed
    assert not await store.claim_turn("wire", 4, "host 2 alive", busy_ms=200)
    async with asyncio.timeout(WAIT_S):
        while not await store.claim_turn("wire", 4, "host 2 alive", busy_ms=200):  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def test_a_long_poll_keeps_its_claim_renewed(store: Store) -> None:
    poller = PollTurns(store, "host 1 a")
    async with poller.claim("slow", 1, 5) as ours:  # its claim lapses after 1 s unless renewed
        assert ours
        deadline = asyncio.get_running_loop().time() + 2.5
        while asyncio.get_running_loop().time() < deadline:
            assert not await store.claim_turn("slow", 6, "host 2 b", busy_ms=1000)
            await asyncio.sleep(0.2)
        assert (await store.redis.get(keys.poll_turn("slow"))).startswith("5 busy host 1 a")


def test_the_sources_are_spread_over_the_pollers_alike_in_each(store: Store) -> None:
    pollers = ["host 1 a", "host 2 b", "host 3 c"]
    turns = [PollTurns(store, name, pollers=lambda: pollers) for name in pollers]
    sources = [f"feed-{number}" for number in range(300)]
    preferred = [turns[0].preferred(source) for source in sources]
    assert all(
        each.preferred(source) == first
        for each in turns[1:]
        for source, first in zip(sources, preferred, strict=True)
    )
    shares = Counter(preferred)
    assert set(shares) == set(pollers) and min(shares.values()) > 60, shares
    alone = PollTurns(store, "host 1 a", pollers=lambda: ["host 1 a"])
    assert alone.preferred("feed-1") is None  # a poller on its own never waits


def test_turns_start_at_the_same_moments_in_every_process() -> None:
    start = anchor("wire", 120)
    assert anchor("wire", 120) == start and anchor("other", 120) != start
    assert turn_of("wire", 120, start + timedelta(seconds=240)) == 2
    assert turn_of("wire", 120, start + timedelta(seconds=239.9)) == 1


def telegram_config(api: FakeTelegramAPI, redis_url: str, **extra: Any) -> Config:
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "telegram": {"token": TOKEN, "base_url": api.base_url},
            "watchlist": {"BABA": {"names": ["Alibaba"]}},
            **extra,
        }
    )


async def until(check: Any, what: str) -> None:
    try:
        async with asyncio.timeout(WAIT_S):
            while not check():  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


async def test_one_process_polls_the_updates_and_another_takes_over_when_it_stops(
    telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    config = telegram_config(telegram_api, redis_url)
    first, second = App(config, role=Role.TELEGRAM), App(config, role=Role.TELEGRAM)
    await first.start()
    try:
        await second.start()
        try:
            assert first.updates is not None and second.updates is not None
            assert first.updates.polling and not second.updates.polling
            await telegram_api.wait_for_poll(WAIT_S)
            assert telegram_api.pending_polls == 1
            assert second.worker is None and second.scheduler is None  # it only answers
        finally:
            await first.stop()
        await until(lambda: second.updates is not None and second.updates.polling, "takeover")
        # (The server may still hold the first process's abandoned long poll.)
        before = len(telegram_api.messages_to(5))
        telegram_api.push_command(5, "/help")
        await telegram_api.wait_for_messages(before + 1, chat_id=5)
    finally:
        await second.stop()
    assert await store.redis.get(keys.updates_lease()) is None  # released at the stop


async def healthz(app: App) -> dict[str, Any]:
    assert app.ops is not None
    url = f"http://127.0.0.1:{app.ops.port}/healthz"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        body: dict[str, Any] = await response.json()
        assert response.status == 200, body
        return body


async def test_healthz_checks_what_the_role_runs(
    telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    config = telegram_config(telegram_api, redis_url, http={"listen": "127.0.0.1:0"})
    bodies = {}
    for role in (Role.POLLER, Role.NOTIFIER):
        app = App(config, role=role)
        await app.start()
        try:
            bodies[role] = await healthz(app)
        finally:
            await app.stop()
    assert bodies[Role.POLLER] == {
        "status": "ok",
        "failing": [],
        "role": "poller",
        "redis": "ok",
        "scheduler": "ok",
    }
    assert bodies[Role.NOTIFIER] == {
        "status": "ok",
        "failing": [],
        "role": "notifier",
        "redis": "ok",
        "outbox": "ok",
    }


async def test_running_processes_are_listed_until_they_are_no_longer_seen(store: Store) -> None:
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    await store.announce_process("a", "poller", "h", 1, now)
    await store.announce_process("b", "notifier", "h", 2, now - timedelta(seconds=60))
    await store.redis.hset(keys.processes(), "c", "not json")
    [running] = await store.running_processes(now)
    assert (running.process, running.role, running.pid) == ("a", "poller", 1)
    assert await store.redis.hkeys(keys.processes()) == ["a"]  # the stale and unreadable go


def test_the_process_line_counts_the_roles() -> None:
    assert roles_line(["all"]) is None
    assert roles_line([]) is None
    assert roles_line(["poller", "notifier", "poller"]) == "1 × notifier, 2 × poller"
    assert roles_line(["all", "all"]) == "2 × all"


def test_a_telegram_role_without_a_token_is_a_usage_error(tmp_path: Any) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("watchlist:\n  BABA:\n    names: [Alibaba]\n", encoding="utf-8")
    result = bot_command("run", "-c", str(config), "--role", "telegram")
    assert result.returncode == 2, result.stderr
    assert "--role telegram needs telegram.token" in result.stderr
    result = bot_command("run", "-c", str(config), "--role", "cook")
    assert result.returncode == 2 and "invalid choice: 'cook'" in result.stderr


async def test_the_status_page_names_the_role_and_the_processes_beside_it(
    telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    page_token = "status-page-token-0123456789"
    config = telegram_config(
        telegram_api, redis_url, http={"listen": "127.0.0.1:0", "token": page_token}
    )
    await store.announce_process("elsewhere", "notifier", "other-host", 7, datetime.now(UTC))
    app = App(config, role=Role.POLLER)
    await app.start()
    try:
        assert app.ops is not None
        url = f"http://127.0.0.1:{app.ops.port}/status?token={page_token}&ui=de"
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            html = await response.text()
    finally:
        await app.stop()
    assert "Dieser Prozess: poller." in html
    assert "Prozesse an diesem Redis: 1 × notifier, 1 × poller." in html
