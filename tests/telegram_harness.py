"""The real python-telegram-bot Application with our handlers, talking to the fake Bot API, on a
real Redis store; without the scheduler, so tests put quotes and headlines in directly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_records import SentRecord
from telegram.ext import Application

from bot.app import App
from bot.config import Config
from bot.delivery.limiter import TelegramRateLimiter
from bot.pipeline import Pipeline
from bot.pipeline.engine import RulesEngine
from bot.pipeline.symbols import SymbolMatcher
from bot.services import Services
from bot.store import Store
from bot.telegram_app import build_application, start_application, stop_application
from rules.extract import extract
from rules.registry import build_rule

TOKEN = "123456:HARNESS"
NOW = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)
ADMIN = 777


def make_config(api: FakeTelegramAPI, **telegram: Any) -> Config:
    return Config.model_validate(
        {
            "timezone": "Europe/Berlin",
            "telegram": {"token": TOKEN, "base_url": api.base_url, "admins": [ADMIN], **telegram},
            "watchlist": {
                "BABA": {"names": ["Alibaba", "Alibaba Group"], "currency": "USD"},
                "META": {"names": ["Meta Platforms"], "currency": "USD"},
            },
            "sources": {
                "feeds": [{"name": "wire", "url": "https://news.example/rss", "every": "1m"}],
                "prices": {"base_url": "https://prices.example", "every": "1m"},
            },
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
    )


def make_services(config: Config, store: Store, clock: Callable[[], datetime]) -> Services:
    rules = [build_rule(options) for options in config.rules]
    pipeline = Pipeline(
        store=store,
        matcher=SymbolMatcher({s: item.names for s, item in config.watchlist.items()}),
        engine=RulesEngine(rules, store),
        extractor=extract,
    )
    return Services(config=config, store=store, pipeline=pipeline, rules=rules, clock=clock)


def quick_limiter() -> TelegramRateLimiter:
    """Telegram's per-chat pacing makes a conversation of ten commands take ten seconds; tests
    of commands pace per chat at 20/s instead (the limit tests use the real settings)."""
    return TelegramRateLimiter(chat_interval_s=0.05, group_interval_s=0.05)


@asynccontextmanager
async def running_bot(
    api: FakeTelegramAPI,
    store: Store,
    *,
    config: Config | None = None,
    clock: Callable[[], datetime] = lambda: NOW,
    reload: Callable[[], Awaitable[object]] | None = None,
    rate_limiter: TelegramRateLimiter | None = None,
) -> AsyncIterator[Application]:
    config = config or make_config(api)
    services = make_services(config, store, clock)
    application = build_application(
        config.telegram.token.get_secret_value(),
        config.telegram.base_url,
        services,
        reload=reload,
        rate_limiter=rate_limiter or quick_limiter(),
    )
    await start_application(application, config.telegram.webhook)
    try:
        yield application
    finally:
        await stop_application(application)


@asynccontextmanager
async def running_app(config: Config, config_path: Path | None = None) -> AsyncIterator[App]:
    """The whole App as `run` starts it (scheduler, pipeline, Telegram), stopped on exit."""
    app = App(config, config_path=config_path)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def ask(
    api: FakeTelegramAPI,
    chat_id: int,
    text: str,
    *,
    lang: str | None = "en",
    user_id: int | None = None,
    replies: int = 1,
) -> list[SentRecord]:
    """Send a command as a user and wait for the bot's replies in that chat."""
    before = len(api.messages_to(chat_id))
    api.push_command(chat_id, text, user_id=user_id, language_code=lang)
    records = await api.wait_for_messages(before + replies, chat_id=chat_id)
    return records[before:]


async def ask_text(api: FakeTelegramAPI, chat_id: int, text: str, **options: Any) -> str:
    [record] = await ask(api, chat_id, text, **options)
    return record.text or ""
