"""Sessions as a user runs them, through the real Application and the fake Bot API, for what the
per-command tests do not cover: a Redis that hangs, wording of replies on edge cases."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ask_text, make_config, running_bot

from bot.config import StoredFeed, WatchItem
from bot.redis_server import EmbeddedRedis
from bot.redis_watch import RedisWatch
from bot.services import Services
from bot.store import Store
from handlers.common import SERVICES

CHAT = 4004
WAIT_S = 30.0
STORE_DOWN = "My storage is not answering right now; please try again in a minute."


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(int(WAIT_S / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"still not so after {WAIT_S}s")


@pytest.fixture
async def hanging_redis(tmp_path: Path) -> AsyncIterator[tuple[EmbeddedRedis, Store]]:
    """A redis-server of the test's own, to stop (SIGSTOP) and continue, and a store on it that
    waits for an answer without a timeout: a command that asks a stopped Redis never returns,
    so only one that knows better than to ask gets a reply while it is stopped."""
    server = EmbeddedRedis(tmp_path / "redis", persistent=False)
    url = server.start()
    store = Store(aioredis.Redis.from_url(url, decode_responses=True, socket_timeout=None))
    try:
        yield server, store
    finally:
        if server.pid is not None:
            os.kill(server.pid, signal.SIGCONT)
        await store.close()
        server.stop()


async def test_commands_answer_at_once_while_redis_hangs(
    telegram_api: FakeTelegramAPI, hanging_redis: tuple[EmbeddedRedis, Store]
) -> None:
    server, store = hanging_redis
    async with running_bot(telegram_api, store) as application:
        shared: Services = application.bot_data[SERVICES]
        watch = RedisWatch(store.redis.ping, shared.redis, shared.clock, interval_s=0.1)
        watching = asyncio.create_task(watch.run())
        try:
            assert "Watching" in await ask_text(telegram_api, CHAT, "/watch BABA")
            os.kill(server.pid or 0, signal.SIGSTOP)
            await until(lambda: not shared.redis.up)

            assert await ask_text(telegram_api, CHAT, "/list") == STORE_DOWN
            assert await ask_text(telegram_api, CHAT, "/watch META") == STORE_DOWN
            german = await ask_text(telegram_api, CHAT, "/list", lang="de")
            assert "Speicher antwortet gerade nicht" in german
            # What needs no storage still works, and /status tells what is wrong.
            assert "/watch SYMBOL" in await ask_text(telegram_api, CHAT, "/help")
            assert "Storage (Redis): not answering" in await ask_text(telegram_api, CHAT, "/status")

            os.kill(server.pid or 0, signal.SIGCONT)
            await until(lambda: shared.redis.up)
            assert await ask_text(telegram_api, CHAT, "/list") == "You watch: <b>BABA</b>"
        finally:
            os.kill(server.pid or 0, signal.SIGCONT)  # lets a handler stuck on it finish
            watch.stop()
            await watching


async def test_counts_read_as_words_for_none_and_one(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        assert await ask_text(telegram_api, CHAT, "/quiet off") == "Quiet hours off."
        assert await ask_text(telegram_api, CHAT, "/quiet off", lang="de") == "Ruhezeit aus."
        assert await ask_text(telegram_api, CHAT, "/digest off") == "Digest off."
        feed = StoredFeed(
            name="news.example", url="https://news.example/rss", every="5m", chat=CHAT
        )
        assert await store.add_stored_feed(feed, limit=20)
        assert await ask_text(telegram_api, CHAT, "/export") == "1 feed of this chat, as OPML."
        assert await ask_text(telegram_api, CHAT, "/export", lang="de") == (
            "1 Feed dieses Chats, als OPML."
        )


async def test_a_name_of_several_words_stands_for_its_symbol(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        assert await ask_text(telegram_api, CHAT, "/watch Meta Platforms") == (
            "Watching <b>META</b>."
        )
        assert (await ask_text(telegram_api, CHAT, "/news meta platforms 3")).startswith(
            "<b>META</b> · Meta Platforms"
        )
        band = await ask_text(telegram_api, CHAT, "/band Alibaba Group 150 160")
        assert band.startswith("Your band for <b>BABA</b> is 150–160.")
        assert "Muted META" in await ask_text(telegram_api, CHAT, "/mute Meta Platforms 2h")
        # Words that name nothing together are still too many.
        too_many = await ask_text(telegram_api, CHAT, "/watch BABA META")
        assert too_many.startswith("One symbol at a time.")


async def test_a_ticker_unknown_to_the_provider_gets_a_hint_that_fits_it(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    config = make_config(telegram_api)
    watchlist = {**config.watchlist, "SAP.DE": WatchItem(names=["SAP"], currency="EUR")}
    config = config.model_copy(update={"watchlist": watchlist})
    await store.mark_unknown_symbol("BABA")
    await store.mark_unknown_symbol("SAP.DE")
    async with running_bot(telegram_api, store, config=config):
        bare = await ask_text(telegram_api, CHAT, "/price BABA")
        assert "does not know <b>BABA</b>; check the ticker, e.g. SAP.DE for Xetra." in bare
        suffixed = await ask_text(telegram_api, CHAT, "/price SAP.DE")
        assert "does not know <b>SAP.DE</b>; check the ticker and its exchange suffix." in (
            suffixed
        )
        german = await ask_text(telegram_api, CHAT, "/chart SAP.DE", lang="de")
        assert german == (
            "Der Kursanbieter kennt <b>SAP.DE</b> nicht; prüfe das Tickersymbol und sein "
            "Börsenkürzel."
        )


async def test_levels_written_without_spaces_are_understood(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        above = await ask_text(telegram_api, CHAT, "/alert BABA>160")
        assert above == "You get one message when <b>BABA</b> goes above 160."
        below = await ask_text(telegram_api, CHAT, "/alert baba <140,5")
        assert below == "You get one message when <b>BABA</b> goes below 140.5."
        # The band as the bot itself writes it, with an en dash, or with a hyphen.
        for written in ("150–160", "150-160"):
            band = await ask_text(telegram_api, CHAT, f"/band BABA {written}")
            assert band.startswith("Your band for <b>BABA</b> is 150–160."), band
        bad = await ask_text(telegram_api, CHAT, "/band BABA 150-")
        assert bad.startswith("<code>150-</code> is not a price")


async def test_a_very_long_argument_is_shown_cut_and_marked_so(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        unknown = await ask_text(telegram_api, CHAT, "/watch " + "A" * 5000)
        assert unknown.startswith(f"I don't follow <b>{'A' * 39}…</b>.")
        short = await ask_text(telegram_api, CHAT, "/watch " + "B" * 40)
        assert short.startswith(f"I don't follow <b>{'B' * 40}</b>.")
