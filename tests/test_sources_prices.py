"""Yahoo chart v8 quotes: a real aiohttp server on 127.0.0.1 and the pure parser."""

from __future__ import annotations

import asyncio
import copy
import json
import math
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web
from local_http import serve
from shared_data import SHARED_DATA

from bot.sources.http import HttpClient, SourceError
from bot.sources.prices import fetch_quotes, parse_chart

NOW = datetime(2026, 8, 3, 14, 0, tzinfo=UTC)
MARKET_TIME = 1785765600  # 2026-08-03 14:00:00 UTC


def chart(
    symbol: str,
    *,
    price: float | None,
    currency: str = "USD",
    previous_close: float | None = None,
    closes: list[float | None] | None = None,
    market_time: int | None = MARKET_TIME,
) -> dict[str, Any]:
    closes = closes if closes is not None else [price]
    timestamps = [MARKET_TIME - 60 * (len(closes) - 1 - n) for n in range(len(closes))]
    meta: dict[str, Any] = {"currency": currency, "symbol": symbol, "range": "1d"}
    if price is not None:
        meta["regularMarketPrice"] = price
    if market_time is not None:
        meta["regularMarketTime"] = market_time
    if previous_close is not None:
        meta["chartPreviousClose"] = previous_close
    return {
        "chart": {
            "result": [
                {
                    "meta": meta,
                    "timestamp": timestamps,
                    "indicators": {"quote": [{"close": closes}]},
                }
            ],
            "error": None,
        }
    }


def yahoo_error(code: str, description: str) -> dict[str, Any]:
    return {"chart": {"result": None, "error": {"code": code, "description": description}}}


class YahooServer:
    def __init__(self) -> None:
        self.base = ""
        self.raw_paths: list[str] = []
        self.queries: list[dict[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.answers: dict[str, tuple[int, str]] = {
            "BRK-B": (200, json.dumps(chart("BRK-B", price=472.5, previous_close=470.0))),
            "^GDAXI": (200, json.dumps(chart("^GDAXI", price=24012.25, currency="EUR"))),
            "SAP.DE": (
                200,
                json.dumps(
                    chart("SAP.DE", price=None, currency="EUR", closes=[251.0, 252.5, None])
                ),
            ),
            "EURUSD=X": (200, json.dumps(chart("EURUSD=X", price=1.0843))),
            "GONE": (
                404,
                json.dumps(yahoo_error("Not Found", "No data found, symbol may be delisted")),
            ),
            "ODD": (200, json.dumps(yahoo_error("Bad Request", "Invalid input"))),
            "BADJSON": (200, "<html>rate limited</html>"),
            "NANPRICE": (200, json.dumps(chart("NANPRICE", price=math.nan, closes=[None, None]))),
            "BOOM": (500, "internal error"),
        }

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v8/finance/chart/{symbol}", self.chart)
        return app

    async def chart(self, request: web.Request) -> web.Response:
        self.raw_paths.append(request.raw_path.split("?")[0])
        self.queries.append(dict(request.query))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.02)  # keeps requests overlapping so the bound is exercised
        finally:
            self.in_flight -= 1
        status, body = self.answers.get(request.match_info["symbol"], (404, "{}"))
        return web.Response(status=status, text=body, content_type="application/json")


@pytest.fixture
async def yahoo() -> AsyncIterator[YahooServer]:
    state = YahooServer()
    async with serve(state.app()) as base:
        state.base = f"{base}/"
        yield state


async def test_fetch_quotes_keeps_good_symbols_when_others_fail(yahoo: YahooServer) -> None:
    symbols = ["BRK-B", "^GDAXI", "SAP.DE", "EURUSD=X", "GONE", "ODD", "BADJSON", "NANPRICE"]
    async with HttpClient(timeout_s=5.0) as http:
        batch = await fetch_quotes(http, base_url=yahoo.base, symbols=[*symbols, "BOOM"], now=NOW)

    quotes = {quote.symbol: quote for quote in batch.quotes}
    assert list(quotes) == ["BRK-B", "^GDAXI", "SAP.DE", "EURUSD=X"]
    brk = quotes["BRK-B"]
    assert (brk.price, brk.currency, brk.previous_close) == (472.5, "USD", 470.0)
    assert brk.time == NOW
    assert brk.change_pct == pytest.approx(0.5319, abs=1e-4)
    assert quotes["^GDAXI"].currency == "EUR" and quotes["^GDAXI"].previous_close is None
    assert quotes["SAP.DE"].price == 252.5
    assert quotes["SAP.DE"].time == datetime(2026, 8, 3, 13, 59, tzinfo=UTC)

    kinds = {symbol: error.kind for symbol, error in batch.errors.items()}
    assert kinds == {
        "GONE": "not_found",
        "ODD": "api",
        "BADJSON": "parse",
        "NANPRICE": "parse",
        "BOOM": "http",
    }
    assert "delisted" in batch.errors["GONE"].message
    assert batch.errors["BOOM"].status == 500


async def test_symbols_are_url_quoted_and_the_query_asks_for_one_day(yahoo: YahooServer) -> None:
    async with HttpClient(timeout_s=5.0) as http:
        batch = await fetch_quotes(
            http, base_url=yahoo.base, symbols=["^GDAXI", "EURUSD=X", "A&B?C#D/E"], now=NOW
        )
    # "=" and "&" may stand unescaped in a path; the characters that would end or split it may not.
    assert sorted(yahoo.raw_paths) == [
        "/v8/finance/chart/%5EGDAXI",
        "/v8/finance/chart/A&B%3FC%23D%2FE",
        "/v8/finance/chart/EURUSD=X",
    ]
    assert yahoo.queries == [{"interval": "1m", "range": "1d"}] * 3
    assert [quote.symbol for quote in batch.quotes] == ["^GDAXI", "EURUSD=X"]
    assert batch.errors["A&B?C#D/E"].kind == "not_found"


async def test_concurrency_is_bounded(yahoo: YahooServer) -> None:
    symbols = ["BRK-B", "^GDAXI", "SAP.DE", "EURUSD=X", "GONE", "ODD", "BADJSON", "BOOM"]
    async with HttpClient(timeout_s=5.0, limit_per_host=20) as http:
        batch = await fetch_quotes(
            http, base_url=yahoo.base, symbols=symbols, now=NOW, max_concurrency=2
        )
    assert len(batch.quotes) + len(batch.errors) == len(symbols)
    assert yahoo.max_in_flight <= 2


async def test_duplicate_symbols_are_fetched_once(yahoo: YahooServer) -> None:
    async with HttpClient(timeout_s=5.0) as http:
        batch = await fetch_quotes(http, base_url=yahoo.base, symbols=["BRK-B", "BRK-B"], now=NOW)
    assert [quote.symbol for quote in batch.quotes] == ["BRK-B"]
    assert len(yahoo.raw_paths) == 1


def test_meta_price_wins_over_closes() -> None:
    quote = parse_chart(chart("X", price=10.0, closes=[9.0, 9.5]), "X")
    assert quote.price == 10.0 and quote.time == NOW


def test_missing_market_time_uses_the_last_bar_then_now() -> None:
    later = NOW + timedelta(minutes=5)
    payload = chart("X", price=10.0, closes=[9.0, 9.5, None], market_time=None)
    assert parse_chart(payload, "X", now=later).time == NOW - timedelta(minutes=1)
    payload["chart"]["result"][0]["timestamp"] = []
    assert parse_chart(payload, "X", now=later).time == later
    with pytest.raises(SourceError) as caught:
        parse_chart(payload, "X")
    assert caught.value.kind == "parse"


@pytest.mark.parametrize("bad", [None, math.nan, math.inf, 0, -3.5, True, "12.5"])
def test_unusable_prices_are_rejected(bad: Any) -> None:
    with pytest.raises(SourceError) as caught:
        parse_chart(chart("X", price=bad, closes=[bad, None]), "X", now=NOW)
    assert caught.value.kind == "parse"


def test_previous_close_prefers_previous_close_and_ignores_long_range_chart_close() -> None:
    payload = chart("X", price=10.0, previous_close=8.0)
    meta = payload["chart"]["result"][0]["meta"]
    assert parse_chart(payload, "X").previous_close == 8.0
    meta["previousClose"] = 9.0
    assert parse_chart(payload, "X").previous_close == 9.0
    del meta["previousClose"]
    meta["range"] = "6mo"
    assert parse_chart(payload, "X").previous_close is None


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (yahoo_error("Not Found", "No data found"), "not_found"),
        (yahoo_error("Unauthorized", "Invalid Crumb"), "api"),
        ({"chart": {"result": [], "error": None}}, "parse"),
        ({"chart": {"result": [None], "error": None}}, "parse"),
        ({"chart": {"result": [{"meta": "x", "indicators": []}]}}, "parse"),
        ({"chart": None}, "parse"),
        ({"finance": {"error": "x"}}, "parse"),
        ([1, 2, 3], "parse"),
        ("chart", "parse"),
        (None, "parse"),
    ],
)
def test_malformed_payloads_raise_source_errors(payload: Any, kind: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_chart(payload, "X", now=NOW)
    assert caught.value.kind == kind


def _captured(name: str) -> dict[str, Any]:
    path = SHARED_DATA / "prices" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    payload: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return payload


@pytest.mark.parametrize(
    "name",
    [
        "pp_response_yahoo_historical01.txt",
        "pp_response_yahoo_historical02.txt",
        "pp_yahoo_australian_quotes.txt",
    ],
)
def test_captured_yahoo_responses(name: str) -> None:
    payload = _captured(name)
    meta = payload["chart"]["result"][0]["meta"]
    quote = parse_chart(payload, meta["symbol"])
    assert quote.price == meta["regularMarketPrice"]
    assert quote.currency == meta["currency"]
    assert quote.time == datetime.fromtimestamp(meta["regularMarketTime"], UTC)
    # These are multi-month charts: chartPreviousClose is not yesterday's close.
    assert quote.previous_close is None


def test_captured_null_close_is_skipped_in_the_fallback() -> None:
    payload = copy.deepcopy(_captured("pp_response_yahoo_historical01.txt"))
    result = payload["chart"]["result"][0]
    closes = result["indicators"]["quote"][0]["close"]
    null_at = closes.index(None)
    result["indicators"]["quote"][0]["close"] = closes[: null_at + 1]
    result["timestamp"] = result["timestamp"][: null_at + 1]
    del result["meta"]["regularMarketPrice"], result["meta"]["regularMarketTime"]
    quote = parse_chart(payload, "MUV2.DE")
    assert quote.price == closes[null_at - 1]
    assert quote.time == datetime.fromtimestamp(result["timestamp"][null_at - 1], UTC)
