"""Fixtures shared by the suite: a real redis-server, the local market, the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram
from shared_data import SHARED_DATA
from telegram import Bot

from bot.market_server import LocalMarket
from bot.redis_server import EmbeddedRedis
from bot.store import Store, connect

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def shared_data() -> Path:
    path = SHARED_DATA
    if not path.is_dir():
        pytest.skip(f"real-world data not available at {path}")
    return path


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), persistent=False)
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[Store]:
    store = Store(connect(redis_url))
    await store.redis.flushdb()
    yield store
    await store.close()


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeTelegramAPI]:
    async with running_fake_telegram() as api:
        yield api


@pytest.fixture
async def bot(telegram_api: FakeTelegramAPI) -> AsyncIterator[Bot]:
    """A plain (unpaced) real Bot, initialised against the fake Bot API."""
    plain = Bot("123456:delivery-test", base_url=telegram_api.base_url)
    await plain.initialize()
    yield plain
    await plain.shutdown()


@pytest.fixture
async def market() -> AsyncIterator[LocalMarket]:
    local = LocalMarket()
    await local.start()
    yield local
    await local.stop()
