"""Local stand-ins for Stooq, Binance and a generic JSON price API on 127.0.0.1, answering in
each API's own shape (bodies written for these tests); each notes the requests it got."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from aiohttp import web
from local_http import serve

WARSAW = ZoneInfo("Europe/Warsaw")
STOOQ_HEADER = "Symbol,Date,Time,Open,High,Low,Close,Volume"


@dataclass
class StooqBar:
    close: float
    time: datetime  # when Stooq last saw a trade


@dataclass
class FakeStooq:
    """/q/l/ answers the CSV of latest quotes (N/D for a symbol it does not list), /q/d/l/ the
    daily history CSV ("No data" for an unknown symbol)."""

    quotes: dict[str, StooqBar] = field(default_factory=dict)  # by lower-case symbol
    daily: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # (date, close)
    requests: list[str] = field(default_factory=list)
    base_url: str = ""

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/q/l/", self.latest)
        app.router.add_get("/q/d/l/", self.history)
        return app

    async def latest(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        rows = [STOOQ_HEADER]
        for symbol in request.query.get("s", "").split(","):
            bar = self.quotes.get(symbol.lower())
            if bar is None:
                rows.append(f"{symbol.upper()},N/D,N/D,N/D,N/D,N/D,N/D,N/D")
                continue
            local = bar.time.astimezone(WARSAW)
            low, high = bar.close * 0.98, bar.close * 1.01
            rows.append(
                f"{symbol.upper()},{local:%Y-%m-%d},{local:%H:%M:%S},{low:.2f},{high:.2f},"
                f"{low:.2f},{bar.close},51234567"
            )
        # Stooq ends its lines with CRLF.
        return web.Response(text="\r\n".join(rows) + "\r\n", content_type="text/csv")

    async def history(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        bars = self.daily.get(request.query.get("s", "").lower())
        if bars is None:
            return web.Response(text="No data", content_type="text/csv")
        rows = ["Date,Open,High,Low,Close,Volume"]
        rows += [f"{day},{close},{close},{close},{close},1000" for day, close in bars]
        return web.Response(text="\r\n".join(rows) + "\r\n", content_type="text/csv")


@dataclass
class BinanceTicker:
    last: float
    open: float  # 24 hours ago
    close_time: datetime


def binance_error(code: int, message: str) -> web.Response:
    body = json.dumps({"code": code, "msg": message})
    return web.Response(status=400, text=body, content_type="application/json")


@dataclass
class FakeBinance:
    """/api/v3/ticker/24hr with `symbol` or a JSON array in `symbols`; /api/v3/klines. A symbol
    it does not list fails the whole request with 400 and code -1121, as Binance does."""

    tickers: dict[str, BinanceTicker] = field(default_factory=dict)
    klines: dict[str, list[tuple[datetime, float]]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base_url: str = ""
    refusal: web.Response | None = None  # the answer to every request, while set

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v3/ticker/24hr", self.ticker)
        app.router.add_get("/api/v3/klines", self.kline)
        return app

    def _entry(self, symbol: str) -> dict[str, object]:
        ticker = self.tickers[symbol]
        opened = ticker.close_time - timedelta(days=1)
        change = ticker.last - ticker.open
        return {
            "symbol": symbol,
            "priceChange": f"{change:.8f}",
            "priceChangePercent": f"{change / ticker.open * 100:.3f}",
            "weightedAvgPrice": f"{(ticker.last + ticker.open) / 2:.8f}",
            "prevClosePrice": f"{ticker.open * 0.999:.8f}",
            "lastPrice": f"{ticker.last:.8f}",
            "lastQty": "0.00150000",
            "bidPrice": f"{ticker.last - 0.01:.8f}",
            "bidQty": "1.20000000",
            "askPrice": f"{ticker.last + 0.01:.8f}",
            "askQty": "0.80000000",
            "openPrice": f"{ticker.open:.8f}",
            "highPrice": f"{max(ticker.last, ticker.open) * 1.01:.8f}",
            "lowPrice": f"{min(ticker.last, ticker.open) * 0.99:.8f}",
            "volume": "18234.51200000",
            "quoteVolume": "1234567890.12345678",
            "openTime": int(opened.timestamp() * 1000),
            "closeTime": int(ticker.close_time.timestamp() * 1000),
            "firstId": 3912345678,
            "lastId": 3913456789,
            "count": 1111112,
        }

    async def ticker(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        if self.refusal is not None:
            return self.refusal
        if "symbols" in request.query:
            try:
                wanted = json.loads(request.query["symbols"])
            except ValueError:
                return binance_error(-1100, "Illegal characters found in parameter 'symbols'.")
            if any(symbol not in self.tickers for symbol in wanted):
                return binance_error(-1121, "Invalid symbol.")
            return web.json_response([self._entry(symbol) for symbol in wanted])
        symbol = request.query.get("symbol", "")
        if symbol not in self.tickers:
            return binance_error(-1121, "Invalid symbol.")
        return web.json_response(self._entry(symbol))

    async def kline(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        symbol = request.query.get("symbol", "")
        if symbol not in self.klines:
            return binance_error(-1121, "Invalid symbol.")
        step = {"5m": 300_000, "15m": 900_000, "1d": 86_400_000}[request.query["interval"]]
        limit = int(request.query.get("limit", "500"))
        bars = []
        for start, close in self.klines[symbol][-limit:]:
            opened = int(start.timestamp() * 1000)
            text = f"{close:.8f}"
            bars.append(
                [
                    opened,
                    text,
                    text,
                    text,
                    text,
                    "12.5",
                    opened + step - 1,
                    "1000.0",
                    42,
                    "6.1",
                    "500.0",
                    "0",
                ]
            )
        return web.json_response(bars)


@dataclass
class FakeJsonApi:
    """/v1/quotes/{symbol}: a nested JSON answer with a string price, a time in milliseconds and
    a currency; 404 with an error object for a symbol it does not list."""

    prices: dict[str, tuple[float, datetime]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    base_url: str = ""

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/quotes/{symbol}", self.quote)
        return app

    async def quote(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        symbol = request.match_info["symbol"]
        if symbol not in self.prices:
            return web.json_response({"error": {"message": f"unknown symbol {symbol}"}}, status=404)
        price, when = self.prices[symbol]
        return web.json_response(
            {
                "status": "ok",
                "data": [
                    {
                        "instrument": {"id": symbol, "venue": "LBMA"},
                        "quote": {
                            "last": f"{price:.2f}",
                            "updated": int(when.timestamp() * 1000),
                            "ccy": "USD",
                        },
                    }
                ],
            }
        )


@asynccontextmanager
async def running(fake: FakeStooq | FakeBinance | FakeJsonApi) -> AsyncIterator[str]:
    async with serve(fake.app()) as url:
        fake.base_url = url
        yield url


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]
