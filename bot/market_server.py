"""A small local market on 127.0.0.1: RSS feeds, and prices in the shapes of Yahoo's chart API,
Stooq's quote CSV and Binance's 24-hour tickers, whose contents the caller changes while it
runs. The demo runs on it, and so do the end-to-end tests."""

from __future__ import annotations

import email.utils
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from aiohttp import web

STOOQ_ZONE = ZoneInfo("Europe/Warsaw")


@dataclass(slots=True)
class FeedEntry:
    guid: str
    title: str
    summary: str
    link: str
    published: datetime


@dataclass(slots=True)
class Price:
    price: float
    time: datetime
    previous_close: float
    currency: str = "USD"


@dataclass
class LocalMarket:
    feeds: dict[str, list[FeedEntry]] = field(default_factory=dict)
    prices: dict[str, Price] = field(default_factory=dict)
    requests: int = 0
    _runner: web.AppRunner | None = None
    _port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def feed_url(self, name: str) -> str:
        return f"{self.base_url}/feeds/{name}.xml"

    def publish(self, feed: str, entry: FeedEntry) -> None:
        self.feeds.setdefault(feed, []).insert(0, entry)

    def set_price(self, symbol: str, price: Price) -> None:
        self.prices[symbol] = price

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/feeds/{name}.xml", self._feed)
        app.router.add_get("/v8/finance/chart/{symbol}", self._chart)
        app.router.add_get("/q/l/", self._stooq)
        app.router.add_get("/api/v3/ticker/24hr", self._binance)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _feed(self, request: web.Request) -> web.Response:
        self.requests += 1
        name = request.match_info["name"]
        if name not in self.feeds:
            raise web.HTTPNotFound()
        body = render_rss(name, self.feeds[name])
        return web.Response(body=body.encode(), content_type="application/rss+xml")

    async def _chart(self, request: web.Request) -> web.Response:
        self.requests += 1
        symbol = request.match_info["symbol"]
        price = self.prices.get(symbol)
        if price is None:
            error = {"code": "Not Found", "description": "No data found, symbol may be delisted"}
            return web.json_response({"chart": {"result": None, "error": error}}, status=404)
        stamp = int(price.time.timestamp())
        meta = {
            "currency": price.currency,
            "symbol": symbol,
            "regularMarketPrice": price.price,
            "regularMarketTime": stamp,
            "chartPreviousClose": price.previous_close,
        }
        result = {
            "meta": meta,
            "timestamp": [stamp],
            "indicators": {"quote": [{"close": [price.price]}]},
        }
        return web.json_response({"chart": {"result": [result], "error": None}})

    async def _stooq(self, request: web.Request) -> web.Response:
        """Stooq's latest-quote CSV; its symbols are case-insensitive, N/D marks unknown ones."""
        self.requests += 1
        rows = ["Symbol,Date,Time,Open,High,Low,Close,Volume"]
        for name in request.query.get("s", "").split(","):
            price = self.prices.get(name.upper())
            if price is None:
                rows.append(f"{name.upper()},N/D,N/D,N/D,N/D,N/D,N/D,N/D")
                continue
            local = price.time.astimezone(STOOQ_ZONE)
            high, low = sorted((price.price, price.previous_close), reverse=True)
            rows.append(
                f"{name.upper()},{local:%Y-%m-%d},{local:%H:%M:%S},{price.previous_close},"
                f"{high},{low},{price.price},1000"
            )
        return web.Response(text="\r\n".join(rows) + "\r\n", content_type="text/csv")

    async def _binance(self, request: web.Request) -> web.Response:
        """Binance's 24-hour tickers, for `symbol` or a JSON list in `symbols`; one unknown
        symbol fails the request with code -1121."""
        self.requests += 1
        try:
            names = (
                json.loads(request.query["symbols"])
                if "symbols" in request.query
                else [request.query.get("symbol", "")]
            )
        except ValueError:
            names = None
        if not isinstance(names, list) or any(name not in self.prices for name in names):
            error = {"code": -1121, "msg": "Invalid symbol."}
            return web.json_response(error, status=400)
        tickers = [_binance_ticker(name, self.prices[name]) for name in names]
        return web.json_response(tickers if "symbols" in request.query else tickers[0])


def _binance_ticker(symbol: str, price: Price) -> dict[str, object]:
    return {
        "symbol": symbol,
        "lastPrice": f"{price.price:.8f}",
        "openPrice": f"{price.previous_close:.8f}",
        "closeTime": int(price.time.timestamp() * 1000),
    }


def render_rss(name: str, entries: list[FeedEntry]) -> str:
    items = "".join(
        "<item>"
        f'<guid isPermaLink="false">{escape(entry.guid)}</guid>'
        f"<title>{escape(entry.title)}</title>"
        f"<description>{escape(entry.summary)}</description>"
        f"<link>{escape(entry.link)}</link>"
        f"<pubDate>{email.utils.format_datetime(entry.published.astimezone(UTC))}</pubDate>"
        "</item>"
        for entry in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(name)}</title><link>http://127.0.0.1/</link>"
        f"<description>local feed {escape(name)}</description>{items}</channel></rss>"
    )
