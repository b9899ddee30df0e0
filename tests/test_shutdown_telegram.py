"""Stopping `python -m bot run` while it is connected to Telegram (the fake Bot API): it does not
wait out the long poll or a send Telegram asked to retry later, confirms the updates it handled,
and leaves an alert it could not send in the outbox for the next start."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bot_process import start_run
from fakes.telegram_api import FakeTelegramAPI

from bot import keys
from bot.market_server import FeedEntry, LocalMarket
from bot.redis_server import EmbeddedRedis
from bot.store import connect
from bot.telegram_app import POLL_TIMEOUT_S

WAIT_S = 30.0
CHAT = 1001
# Longer than any stop may take: a second attempt of the refused send means the stop waited.
RETRY_AFTER_S = 6


def telegram_config(tmp_path: Path, api: FakeTelegramAPI, market: LocalMarket) -> Path:
    path = tmp_path / "config.yaml"
    config = {
        "redis": {"url": "", "data_dir": str(tmp_path / "redis")},
        "telegram": {"token": "123456:stop-test", "base_url": api.base_url},
        "watchlist": {"BABA": {"names": ["Alibaba"]}},
        "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]},
        "rules": [{"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


@pytest.fixture
async def bot_run(
    tmp_path: Path, telegram_api: FakeTelegramAPI, market: LocalMarket
) -> AsyncIterator[asyncio.subprocess.Process]:
    market.feeds["wire"] = []  # met empty at its first fetch, so what is published later alerts
    config = telegram_config(tmp_path, telegram_api, market)
    process = await start_run(config, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def stop(process: asyncio.subprocess.Process) -> tuple[int, str]:
    assert process.stderr is not None
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(WAIT_S):
        log = (await process.stderr.read()).decode(errors="replace")
        return await process.wait(), log


async def test_stop_cancels_the_long_poll_and_confirms_the_handled_updates(
    bot_run: asyncio.subprocess.Process, telegram_api: FakeTelegramAPI
) -> None:
    await telegram_api.wait_for_poll(WAIT_S)
    update = telegram_api.push_command(CHAT, "/watch BABA")
    await telegram_api.wait_for_messages(1, WAIT_S, chat_id=CHAT)
    await telegram_api.wait_for_poll(WAIT_S)

    returncode, log = await stop(bot_run)

    assert returncode == 0, log
    stopping = log[log.index("stopping") :]
    assert "Traceback" not in log and "WARNING" not in stopping, log
    # The fake still holds the bot's last long poll (it answers after POLL_TIMEOUT_S): the bot
    # cancelled it instead of waiting for the answer.
    assert telegram_api.pending_polls >= 1
    # Then it told Telegram, without long polling, which updates it has handled.
    last = telegram_api.calls_of("getUpdates")[-1]
    assert str(last.params["timeout"]) == "0" and POLL_TIMEOUT_S > 0
    assert int(str(last.params["offset"])) == update["update_id"] + 1


async def test_stop_does_not_wait_out_a_send_telegram_asked_to_retry_later(
    tmp_path: Path,
    bot_run: asyncio.subprocess.Process,
    telegram_api: FakeTelegramAPI,
    market: LocalMarket,
) -> None:
    await telegram_api.wait_for_poll(WAIT_S)
    telegram_api.push_command(CHAT, "/watch BABA")
    await telegram_api.wait_for_messages(1, WAIT_S, chat_id=CHAT)
    telegram_api.fail_next("sendMessage", 429, retry_after=RETRY_AFTER_S, chat_id=CHAT)
    for _ in range(int(WAIT_S / 0.05)):  # fetched (empty) at least once: what comes next is news
        if market.requests >= 2:
            break
        await asyncio.sleep(0.05)
    now = datetime.now(UTC).replace(microsecond=0)
    entry = FeedEntry("g1", "Alibaba plans a capital increase", "", "https://news.example/1", now)
    market.publish("wire", entry)

    *_, alert = await telegram_api.wait_for_calls("sendMessage", 2, WAIT_S)
    assert alert.status == 429, alert.describe()

    returncode, log = await stop(bot_run)

    assert returncode == 0, log
    assert "Traceback" not in log, log
    attempts = [c for c in telegram_api.calls_of("sendMessage") if c.chat_id == CHAT]
    assert len(attempts) == 2, [c.describe() for c in attempts]  # the /watch reply, the 429
    assert len(telegram_api.messages_to(CHAT)) == 1

    # The alert was neither sent nor dropped: it waits in the outbox for the next start.
    embedded = EmbeddedRedis(tmp_path / "redis")
    redis = connect(embedded.start())
    try:
        pending = await redis.xpending(keys.outbox("warning"), keys.OUTBOX_GROUP)
        assert pending["pending"] == 1
    finally:
        await redis.aclose()
        embedded.stop()
