"""/chart end to end: real python-telegram-bot against the fake Bot API, a real Redis, and a
local fake of Yahoo's chart v8 API; the PNG that arrives is decoded and its pixels read."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from aiohttp import web
from fakes.telegram_api import FakeTelegramAPI
from local_http import serve
from matplotlib.image import imread
from telegram_harness import ask, ask_text, running_bot

from bot.charts import LINE_COLOUR, PREVIOUS_CLOSE_COLOUR
from bot.config import Config
from bot.models import Quote
from bot.store import Store

CHAT = 5005
OPEN = datetime(2026, 8, 3, 7, 0, tzinfo=UTC)  # Xetra opens 09:00 CEST
CLOSE = datetime(2026, 8, 3, 15, 30, tzinfo=UTC)
AFTER_CLOSE = datetime(2026, 8, 3, 16, 0, tzinfo=UTC)
BAR = timedelta(minutes=5)


def yahoo_chart(
    symbol: str,
    closes: list[float | None],
    *,
    start: datetime = OPEN,
    step: timedelta = BAR,
    previous_close: float | None = 105.0,
    data_range: str = "1d",
) -> dict[str, object]:
    """A chart v8 answer in Yahoo's shape, written for these tests."""
    stamps = [int((start + step * index).timestamp()) for index in range(len(closes))]
    last = next(price for price in reversed(closes) if price is not None)
    meta: dict[str, object] = {
        "currency": "EUR",
        "symbol": symbol,
        "exchangeTimezoneName": "Europe/Berlin",
        "gmtoffset": 7200,
        "regularMarketPrice": last,
        "regularMarketTime": stamps[-1] + 60,
        "range": data_range,
        "currentTradingPeriod": {
            "regular": {"start": int(OPEN.timestamp()), "end": int(CLOSE.timestamp())}
        },
    }
    if previous_close is not None:
        meta["previousClose"] = previous_close
    return {
        "chart": {
            "result": [
                {"meta": meta, "timestamp": stamps, "indicators": {"quote": [{"close": closes}]}}
            ],
            "error": None,
        }
    }


def not_found() -> dict[str, object]:
    return {
        "chart": {
            "result": None,
            "error": {"code": "Not Found", "description": "No data found, symbol may be delisted"},
        }
    }


class FakeYahoo:
    """Answers /v8/finance/chart/{symbol} from `answers` (status, JSON); notes every request."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, object]] = {}
        self.requests: list[str] = []
        self.app = web.Application()
        self.app.router.add_get("/v8/finance/chart/{symbol}", self.chart)

    async def chart(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        status, payload = self.answers.get(request.match_info["symbol"], (404, not_found()))
        return web.Response(
            status=status, text=json.dumps(payload), content_type="application/json"
        )


def chart_config(api: FakeTelegramAPI, prices_url: str) -> Config:
    return Config.model_validate(
        {
            "timezone": "Europe/Berlin",
            "telegram": {"token": "123456:CHARTS", "base_url": api.base_url},
            "watchlist": {
                "SAP.DE": {"names": ["SAP SE", "SAP"], "currency": "EUR"},
                "BABA": {"names": ["Alibaba"], "currency": "USD"},
                "XYZ": {"names": ["Xyz Corp"]},
            },
            "sources": {"prices": {"base_url": prices_url, "every": "1m"}},
        }
    )


@pytest.fixture
async def yahoo() -> AsyncIterator[tuple[FakeYahoo, str]]:
    fake = FakeYahoo()
    async with serve(fake.app) as url:
        yield fake, url


def colour_mask(png: bytes, colour: str, tolerance: float = 0.08) -> np.ndarray:
    image = imread(io.BytesIO(png))[:, :, :3]
    wanted = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    mask: np.ndarray = np.abs(image - wanted).max(axis=2) < tolerance
    return mask


def columns_spanned(mask: np.ndarray) -> int:
    columns = np.flatnonzero(mask.any(axis=0))
    return int(columns[-1] - columns[0]) if columns.size else 0


def full_day(low: float = 100.0, high: float = 110.0) -> list[float | None]:
    """102 five-minute bars, 09:00 to 17:25: the morning at `low`, the afternoon at `high`."""
    return [low] * 51 + [high] * 51


async def test_a_full_day_of_history_fills_the_chart_with_the_previous_close_between(
    telegram_api: FakeTelegramAPI, store: Store, yahoo: tuple[FakeYahoo, str]
) -> None:
    fake, url = yahoo
    fake.answers["SAP.DE"] = (200, yahoo_chart("SAP.DE", full_day()))
    config = chart_config(telegram_api, url)
    async with running_bot(telegram_api, store, config=config, clock=lambda: AFTER_CLOSE):
        [photo] = await ask(telegram_api, CHAT, "/chart SAP")
        assert photo.photo is not None
        assert photo.text == (
            "<b>SAP.DE</b> · SAP SE · 1 day\nPrice: <b>110.00 EUR</b> (+4.76%) at 03.08. 17:26"
        )
        assert fake.requests == ["/v8/finance/chart/SAP.DE?range=1d&interval=5m"]

        line = colour_mask(photo.photo, LINE_COLOUR)
        width = line.shape[1]
        assert columns_spanned(line) > 0.8 * width

        # The previous close (105) is dashed halfway between the morning (100) and afternoon (110).
        rows = np.flatnonzero(line.sum(axis=1) > 0.2 * width)
        morning, afternoon = rows.max(), rows.min()
        dashed = colour_mask(photo.photo, PREVIOUS_CLOSE_COLOUR, tolerance=0.25)
        dashed_rows = np.flatnonzero(dashed.sum(axis=1) > 0.3 * width)
        assert dashed_rows.size > 0
        assert abs(float(dashed_rows.mean()) - (morning + afternoon) / 2) <= 3

        # Asked again within the cache's lifetime: drawn without asking the provider.
        [again] = await ask(telegram_api, CHAT, "/chart SAP.DE 1d")
        assert again.photo is not None
        assert len(fake.requests) == 1


async def test_a_day_in_progress_spans_the_session_and_recorded_quotes_extend_it(
    telegram_api: FakeTelegramAPI, store: Store, yahoo: tuple[FakeYahoo, str]
) -> None:
    fake, url = yahoo
    morning = [100.0 + (index % 5) for index in range(48)]  # 09:00 to 12:55
    fake.answers["SAP.DE"] = (200, yahoo_chart("SAP.DE", morning))
    now = OPEN + 48 * BAR + timedelta(minutes=30)
    for minute in range(1, 26):  # recorded here after the provider's last bar
        when = OPEN + 48 * BAR + timedelta(minutes=minute)
        await store.add_quote(Quote("SAP.DE", 106.5, when, "EUR", 105.0))
    config = chart_config(telegram_api, url)
    async with running_bot(telegram_api, store, config=config, clock=lambda: now):
        [photo] = await ask(telegram_api, CHAT, "/chart SAP.DE", lang="de")
    assert photo.photo is not None
    assert photo.text == (
        "<b>SAP.DE</b> · SAP SE · 1 Tag\nKurs: <b>106,50 EUR</b> (+1,43 %) um 03.08. 13:25"
    )
    line = colour_mask(photo.photo, LINE_COLOUR)
    spanned = columns_spanned(line) / line.shape[1]
    # 09:00 to 13:25 of a session that ends at 17:30: about half of the plot's width.
    assert 0.35 < spanned < 0.6


async def test_five_days_and_a_month_ask_for_fitting_bars(
    telegram_api: FakeTelegramAPI, store: Store, yahoo: tuple[FakeYahoo, str]
) -> None:
    fake, url = yahoo
    fake.answers["SAP.DE"] = (
        200,
        yahoo_chart("SAP.DE", full_day(), step=timedelta(minutes=15), data_range="5d"),
    )
    config = chart_config(telegram_api, url)
    async with running_bot(telegram_api, store, config=config, clock=lambda: AFTER_CLOSE):
        [five] = await ask(telegram_api, CHAT, "/chart SAP.DE 5d")
        [month] = await ask(telegram_api, CHAT, "/chart SAP.DE 1M")
    assert five.photo is not None and month.photo is not None
    assert fake.requests == [
        "/v8/finance/chart/SAP.DE?range=5d&interval=15m",
        "/v8/finance/chart/SAP.DE?range=1mo&interval=1d",
    ]
    assert (month.text or "").startswith("<b>SAP.DE</b> · SAP SE · 1 month\n")


async def test_provider_down_draws_the_recorded_quotes_and_says_so(
    telegram_api: FakeTelegramAPI, store: Store, yahoo: tuple[FakeYahoo, str]
) -> None:
    fake, url = yahoo
    fake.answers["BABA"] = (503, {"error": "maintenance"})
    config = chart_config(telegram_api, url)
    now = AFTER_CLOSE
    async with running_bot(telegram_api, store, config=config, clock=lambda: now):
        nothing = await ask_text(telegram_api, CHAT, "/chart BABA")
        assert nothing == (
            "Not enough prices for <b>BABA</b> to draw a chart of the last day.\n"
            "<i>The price provider did not answer.</i>"
        )
        for minute in range(30):
            price = 150.0 + minute % 7
            when = now - timedelta(minutes=30 - minute)
            await store.add_quote(Quote("BABA", price, when, "USD", 150.0))
        [photo] = await ask(telegram_api, CHAT, "/chart BABA")
        [german] = await ask(telegram_api, CHAT, "/chart BABA", lang="de")
    assert photo.photo is not None
    assert photo.text == (
        "<b>BABA</b> · Alibaba · 1 day\nPrice: <b>151.00 USD</b> (+0.67%) at 03.08. 17:59\n"
        "<i>The price provider did not answer; this chart shows only the 30 prices recorded "
        "here.</i>"
    )
    assert "<i>Der Kursanbieter hat nicht geantwortet; das Chart zeigt nur die 30" in (
        german.text or ""
    )
    assert columns_spanned(colour_mask(photo.photo, LINE_COLOUR)) > 0.8 * 800
    assert len(fake.requests) == 3  # a failure is not cached


async def test_unknown_symbol_is_named_in_chart_price_and_summary(
    telegram_api: FakeTelegramAPI, store: Store, yahoo: tuple[FakeYahoo, str]
) -> None:
    fake, url = yahoo
    config = chart_config(telegram_api, url)
    unknown = (
        "The price provider does not know <b>XYZ</b>; check the ticker, e.g. SAP.DE for Xetra."
    )
    async with running_bot(telegram_api, store, config=config):
        assert await ask_text(telegram_api, CHAT, "/chart XYZ") == unknown
        assert await store.is_unknown_symbol("XYZ")
        price = await ask_text(telegram_api, CHAT, "/price XYZ")
        assert price == f"<b>XYZ</b> · Xyz Corp\n{unknown}"
        summary = await ask_text(telegram_api, CHAT, "/summary XYZ", lang="de")
        assert "Der Kursanbieter kennt <b>XYZ</b> nicht; prüfe das Tickersymbol" in summary
        assert "noch kein Kurs" not in summary
        # Known now: the mark is only read, so the chart asks no more while it lasts.
        assert await ask_text(telegram_api, CHAT, "/chart XYZ 5d") == unknown
        assert len(fake.requests) == 1
        await store.forget_unknown_symbols(["XYZ"])
        assert await ask_text(telegram_api, CHAT, "/price XYZ") == (
            "<b>XYZ</b> · Xyz Corp\nPrice: no quote yet"
        )


async def test_chart_usage_says_what_was_wrong(
    telegram_api: FakeTelegramAPI, store: Store, yahoo: tuple[FakeYahoo, str]
) -> None:
    _, url = yahoo
    config = chart_config(telegram_api, url)
    async with running_bot(telegram_api, store, config=config):
        two = await ask_text(telegram_api, CHAT, "/chart SAP.DE BABA")
        assert two.startswith("One symbol at a time.\nUsage: <code>/chart SYMBOL [1d|5d|1m]</code>")
        also = await ask_text(telegram_api, CHAT, "/chart SAP.DE 1d Alibaba")
        assert also.startswith("One symbol at a time.\n")
        period = await ask_text(telegram_api, CHAT, "/chart SAP.DE 2x")
        assert period.startswith("Unknown period <code>2x</code>; use 1d, 5d or 1m.\nUsage:")
        german = await ask_text(telegram_api, CHAT, "/chart SAP.DE 2y", lang="de")
        assert german.startswith("Unbekannter Zeitraum <code>2y</code>; nimm 1d, 5d oder 1m.")
        extra = await ask_text(telegram_api, CHAT, "/chart SAP.DE 1d jetzt")
        assert extra.startswith("Too many arguments.\nUsage:")
