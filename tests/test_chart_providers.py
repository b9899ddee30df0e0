"""/chart for symbols priced by Binance, Stooq and a JSON API: real python-telegram-bot against
the fake Bot API, a real Redis, and local stand-ins of each provider."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from fakes.telegram_api import FakeTelegramAPI
from price_apis import FakeBinance, FakeJsonApi, FakeStooq, running
from telegram_harness import ask, ask_text, running_bot
from test_chart_command import colour_mask, columns_spanned

from bot.charts import LINE_COLOUR
from bot.config import Config
from bot.models import Quote
from bot.store import Store

CHAT = 6006
NOW = datetime(2026, 8, 3, 18, 0, tzinfo=UTC)


@pytest.fixture
async def apis() -> AsyncIterator[tuple[FakeBinance, FakeStooq, FakeJsonApi]]:
    binance, stooq, json_api = FakeBinance(), FakeStooq(), FakeJsonApi()
    async with running(binance), running(stooq), running(json_api):
        yield binance, stooq, json_api


def config(
    api: FakeTelegramAPI, binance: FakeBinance, stooq: FakeStooq, json_api: FakeJsonApi
) -> Config:
    return Config.model_validate(
        {
            "timezone": "Europe/Berlin",
            "telegram": {"token": "123456:CHARTS", "base_url": api.base_url},
            "watchlist": {
                "BTCUSDT": {"names": ["Bitcoin"]},
                "NOPEUSDT": {"names": ["Nope"]},
                "AAPL": {"names": ["Apple"], "currency": "USD"},
                "GOLD": {"names": ["Gold"]},
            },
            "sources": {
                "price_sources": [
                    {
                        "name": "crypto",
                        "provider": "binance",
                        "every": "1m",
                        "symbols": ["BTCUSDT", "NOPEUSDT"],
                        "options": {"base_url": binance.base_url},
                    },
                    {
                        "name": "us",
                        "provider": "stooq",
                        "every": "5m",
                        "symbols": {"AAPL": "aapl.us"},
                        "options": {"base_url": stooq.base_url, "currency": "USD"},
                    },
                    {
                        "name": "metals",
                        "provider": "json",
                        "every": "1m",
                        "symbols": {"GOLD": "XAU"},
                        "options": {
                            "url": f"{json_api.base_url}/v1/quotes/{{symbol}}",
                            "price_path": "data.0.quote.last",
                            "currency": "USD",
                        },
                    },
                ]
            },
        }
    )


async def test_chart_of_a_binance_symbol_draws_its_klines(
    telegram_api: FakeTelegramAPI,
    store: Store,
    apis: tuple[FakeBinance, FakeStooq, FakeJsonApi],
) -> None:
    binance, stooq, json_api = apis
    start = NOW - timedelta(days=1)
    binance.klines["BTCUSDT"] = [
        (start + timedelta(minutes=5 * n), 64000.0 + 10 * (n % 12)) for n in range(288)
    ]
    settings = config(telegram_api, binance, stooq, json_api)
    async with running_bot(telegram_api, store, config=settings, clock=lambda: NOW):
        [photo] = await ask(telegram_api, CHAT, "/chart BTCUSDT")
        unknown = await ask_text(telegram_api, CHAT, "/chart NOPEUSDT 5d")
    assert photo.photo is not None
    line = colour_mask(photo.photo, LINE_COLOUR)
    assert columns_spanned(line) > 0.8 * line.shape[1]  # a day of klines across the plot
    last = 64000.0 + 10 * (287 % 12)
    assert photo.text == (
        f"<b>BTCUSDT</b> · Bitcoin · 1 day\nPrice: <b>{last:,.2f} USDT</b> (+0.17%) at 03.08. 19:55"
    )
    assert binance.requests == [
        "/api/v3/klines?symbol=BTCUSDT&interval=5m&limit=288",
        "/api/v3/klines?symbol=NOPEUSDT&interval=15m&limit=480",
    ]
    assert unknown.startswith("The price provider does not know <b>NOPEUSDT</b>")
    assert await store.is_unknown_symbol("NOPEUSDT")


async def test_chart_of_a_stooq_symbol_draws_daily_closes_for_a_month(
    telegram_api: FakeTelegramAPI,
    store: Store,
    apis: tuple[FakeBinance, FakeStooq, FakeJsonApi],
) -> None:
    binance, stooq, json_api = apis
    days = [datetime(2026, 6, 1) + timedelta(days=n) for n in range(64)]
    stooq.daily["aapl.us"] = [(f"{day:%Y-%m-%d}", 200.0 + n) for n, day in enumerate(days)]
    settings = config(telegram_api, binance, stooq, json_api)
    async with running_bot(telegram_api, store, config=settings, clock=lambda: NOW):
        [photo] = await ask(telegram_api, CHAT, "/chart AAPL 1m")
    assert photo.photo is not None
    assert stooq.requests == ["/q/d/l/?s=aapl.us&i=d"]
    # The last daily close, and its change against the close before the month.
    assert (photo.text or "").startswith(
        "<b>AAPL</b> · Apple · 1 month\nPrice: <b>263.00 USD</b> (+13.36%)"
    )


async def test_chart_of_a_day_from_stooq_or_a_json_api_shows_the_recorded_quotes(
    telegram_api: FakeTelegramAPI,
    store: Store,
    apis: tuple[FakeBinance, FakeStooq, FakeJsonApi],
) -> None:
    binance, stooq, json_api = apis
    for minute in range(20):
        when = NOW - timedelta(minutes=20 - minute)
        await store.add_quote(Quote("GOLD", 2390.0 + minute % 3, when, "USD", provider="json"))
        await store.add_quote(Quote("AAPL", 231.0 + minute % 4, when, "USD", provider="stooq"))
    settings = config(telegram_api, binance, stooq, json_api)
    async with running_bot(telegram_api, store, config=settings, clock=lambda: NOW):
        [gold] = await ask(telegram_api, CHAT, "/chart GOLD")
        [apple] = await ask(telegram_api, CHAT, "/chart AAPL 1d", lang="de")
    assert gold.photo is not None and apple.photo is not None
    assert (gold.text or "").endswith(
        "<i>The price provider keeps no history for this period; this chart shows only the "
        "20 prices recorded here.</i>"
    )
    assert "das Chart zeigt nur die 20 hier aufgezeichneten Kurse" in (apple.text or "")
    assert json_api.requests == [] and stooq.requests == []


async def test_status_lists_each_price_source_with_its_health(
    telegram_api: FakeTelegramAPI,
    store: Store,
    apis: tuple[FakeBinance, FakeStooq, FakeJsonApi],
) -> None:
    binance, stooq, json_api = apis
    await store.record_source("prices:crypto", NOW - timedelta(minutes=2), ok=True)
    await store.record_source(
        "prices:us", NOW, ok=False, error="parse: https://stooq.com/q/l/: not Stooq's quote CSV"
    )
    settings = config(telegram_api, binance, stooq, json_api)
    async with running_bot(telegram_api, store, config=settings, clock=lambda: NOW):
        lines = (await ask_text(telegram_api, CHAT, "/status")).splitlines()
    assert lines[1:] == [
        "<b>Sources</b>",
        "🟢 prices:crypto: last success 03.08. 19:58; failures 0 (0 in a row)",
        "🔴 prices:us: last success never; failures 1 (1 in a row)",
        "   last error: unreadable answer",
        "⚪ prices:metals: last success never; failures 0 (0 in a row)",
    ]
