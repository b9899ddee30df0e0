"""Price providers other than Yahoo (Stooq CSV, Binance JSON, a generic JSON API) against real
local servers, alone and through the real poll path into Redis."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from bot_process import bot_command
from local_http import serve
from price_apis import (
    BinanceTicker,
    FakeBinance,
    FakeJsonApi,
    FakeStooq,
    StooqBar,
    binance_error,
    running,
)
from stepped_clock import SteppedClock

from bot.app import App
from bot.config import Config, ConfigError, load_config
from bot.market_server import LocalMarket, Price
from bot.scheduler import build_scheduler, sync_jobs
from bot.sources.http import HttpClient
from bot.sources.providers import PROVIDERS
from bot.sources.providers.json_api import JsonOptions
from bot.store import Store

NOW = datetime(2026, 8, 3, 20, 5, tzinfo=UTC)
TRADED = datetime(2026, 8, 3, 20, 0, 10, tzinfo=UTC)  # 22:00:10 in Warsaw


@pytest.fixture
async def stooq() -> AsyncIterator[FakeStooq]:
    fake = FakeStooq()
    async with running(fake):
        yield fake


@pytest.fixture
async def binance() -> AsyncIterator[FakeBinance]:
    fake = FakeBinance()
    async with running(fake):
        yield fake


@pytest.fixture
async def json_api() -> AsyncIterator[FakeJsonApi]:
    fake = FakeJsonApi()
    async with running(fake):
        yield fake


def provider(name: str, **options: Any) -> Any:
    cls = PROVIDERS[name]
    return cls(cls.Options.model_validate(options))


# -- Stooq --------------------------------------------------------------------------------------


async def test_stooq_asks_for_many_symbols_in_one_request_and_reads_n_d_as_unknown(
    stooq: FakeStooq,
) -> None:
    stooq.quotes["aapl.us"] = StooqBar(231.94, TRADED)
    stooq.quotes["sap.de"] = StooqBar(251.3, TRADED)
    source = provider("stooq", base_url=stooq.base_url, currency="USD")
    async with HttpClient() as http:
        batch = await source.fetch(
            http, {"AAPL": "AAPL.US", "SAP.DE": "sap.de", "NOPE": "nope.us"}, NOW
        )
    assert stooq.requests == ["/q/l/?s=aapl.us,sap.de,nope.us&f=sd2t2ohlcv&h&e=csv"]
    quotes = {quote.symbol: quote for quote in batch.quotes}
    assert quotes["AAPL"].price == 231.94
    assert quotes["AAPL"].time == TRADED  # Stooq's Warsaw time, read as UTC
    assert (quotes["AAPL"].currency, quotes["AAPL"].provider) == ("USD", "stooq")
    assert list(batch.errors) == ["NOPE"]
    assert batch.errors["NOPE"].kind == "not_found"
    assert str(batch.errors["NOPE"]) == "not_found: NOPE: Stooq does not know nope.us (N/D)"


async def test_stooq_splits_a_long_watchlist_into_batches(stooq: FakeStooq) -> None:
    symbols = {f"S{n}": f"s{n}.us" for n in range(5)}
    for name in symbols.values():
        stooq.quotes[name] = StooqBar(10.0, TRADED)
    source = provider("stooq", base_url=stooq.base_url, batch=2)
    async with HttpClient() as http:
        batch = await source.fetch(http, symbols, NOW)
    assert len(batch.quotes) == 5 and not batch.errors
    assert [path.split("&")[0] for path in stooq.requests] == [
        "/q/l/?s=s0.us,s1.us",
        "/q/l/?s=s2.us,s3.us",
        "/q/l/?s=s4.us",
    ]


async def test_stooq_that_answers_no_csv_fails_each_symbol_clearly(
    json_api: FakeJsonApi,
) -> None:
    # A server that is not Stooq (here the JSON API's 404 page) is no quote CSV.
    source = provider("stooq", base_url=json_api.base_url)
    async with HttpClient() as http:
        batch = await source.fetch(http, {"AAPL": "aapl.us"}, NOW)
    assert batch.quotes == []
    assert batch.errors["AAPL"].kind == "http"
    assert "HTTP 404" in str(batch.errors["AAPL"])


# -- Binance ------------------------------------------------------------------------------------


async def test_binance_asks_for_all_symbols_in_one_request(binance: FakeBinance) -> None:
    binance.tickers["BTCUSDT"] = BinanceTicker(64123.5, 62000.0, TRADED)
    binance.tickers["ETHBTC"] = BinanceTicker(0.0521, 0.05, TRADED)
    source = provider("binance", base_url=binance.base_url)
    async with HttpClient() as http:
        batch = await source.fetch(http, {"BTCUSDT": "BTCUSDT", "ETHBTC": "ethbtc"}, NOW)
    assert binance.requests == ["/api/v3/ticker/24hr?symbols=%5B%22BTCUSDT%22,%22ETHBTC%22%5D"]
    quotes = {quote.symbol: quote for quote in batch.quotes}
    btc = quotes["BTCUSDT"]
    assert (btc.price, btc.time, btc.currency, btc.provider) == (
        64123.5,
        TRADED,
        "USDT",
        "binance",
    )
    assert btc.change_pct == pytest.approx((64123.5 / 62000.0 - 1) * 100)
    assert quotes["ETHBTC"].currency == "BTC"


async def test_binance_unknown_symbol_fails_the_batch_then_each_symbol_answers_alone(
    binance: FakeBinance,
) -> None:
    binance.tickers["BTCUSDT"] = BinanceTicker(64123.5, 62000.0, TRADED)
    source = provider("binance", base_url=binance.base_url)
    async with HttpClient() as http:
        batch = await source.fetch(http, {"BTCUSDT": "BTCUSDT", "NOPEUSDT": "NOPEUSDT"}, NOW)
    assert [quote.symbol for quote in batch.quotes] == ["BTCUSDT"]
    assert batch.errors["NOPEUSDT"].kind == "not_found"
    assert str(batch.errors["NOPEUSDT"]) == (
        "not_found: NOPEUSDT: Binance error -1121: Invalid symbol."
    )
    assert sorted(binance.requests[1:]) == [
        "/api/v3/ticker/24hr?symbol=BTCUSDT",
        "/api/v3/ticker/24hr?symbol=NOPEUSDT",
    ]


async def test_binance_other_errors_say_what_binance_said(binance: FakeBinance) -> None:
    source = provider("binance", base_url=binance.base_url)
    binance.refusal = binance_error(-1102, "Mandatory parameter 'symbols' was not sent.")
    async with HttpClient() as http:
        refused = await source.fetch(http, {"BTCUSDT": "BTCUSDT", "ETHBTC": "ETHBTC"}, NOW)
        binance.refusal = web.json_response(
            {"code": -1003, "msg": "Too many requests."}, status=429, headers={"Retry-After": "7"}
        )
        limited = await source.fetch(http, {"BTCUSDT": "BTCUSDT"}, NOW)
    assert refused.quotes == [] and set(refused.errors) == {"BTCUSDT", "ETHBTC"}
    assert str(refused.errors["BTCUSDT"]) == (
        "api: Binance error -1102: Mandatory parameter 'symbols' was not sent."
    )
    error = limited.errors["BTCUSDT"]
    assert (error.kind, error.status, error.retry_after) == ("http", 429, 7.0)


# -- a JSON API ---------------------------------------------------------------------------------


JSON_OPTIONS = {
    "price_path": "data.0.quote.last",
    "time_path": "data.0.quote.updated",
    "currency_path": "data.0.quote.ccy",
}


async def test_json_api_reads_the_price_time_and_currency_at_their_paths(
    json_api: FakeJsonApi,
) -> None:
    json_api.prices["XAU"] = (2391.5, TRADED)
    source = provider("json", url=f"{json_api.base_url}/v1/quotes/{{symbol}}", **JSON_OPTIONS)
    async with HttpClient() as http:
        batch = await source.fetch(http, {"GOLD": "XAU", "NOPE": "NOPE"}, NOW)
    [gold] = batch.quotes
    assert (gold.symbol, gold.price, gold.time, gold.currency, gold.provider) == (
        "GOLD",
        2391.5,
        TRADED,
        "USD",
        "json",
    )
    assert batch.errors["NOPE"].kind == "not_found"
    assert sorted(json_api.requests) == ["/v1/quotes/NOPE", "/v1/quotes/XAU"]


async def test_json_api_names_the_path_that_is_missing(json_api: FakeJsonApi) -> None:
    json_api.prices["XAU"] = (2391.5, TRADED)
    source = provider(
        "json",
        url=f"{json_api.base_url}/v1/quotes/{{symbol}}",
        price_path="data.0.quote.bid",
        currency="EUR",
    )
    async with HttpClient() as http:
        batch = await source.fetch(http, {"GOLD": "XAU"}, NOW)
    assert str(batch.errors["GOLD"]) == (
        "parse: GOLD: the answer has nothing at data.0.quote.bid (of data.0.quote.bid)"
    )


def test_json_api_times_in_seconds_milliseconds_and_iso_8601() -> None:
    options = JsonOptions(url="https://x.example/{symbol}", price_path="p", time_path="t")
    source = PROVIDERS["json"](options)
    for stamp in (TRADED.timestamp(), TRADED.timestamp() * 1000, "2026-08-03T22:00:10+02:00"):
        assert source.parse({"p": 1.5, "t": stamp}, "X", NOW).time == TRADED
    no_time = PROVIDERS["json"](JsonOptions(url="https://x.example/{symbol}", price_path="p"))
    assert no_time.parse({"p": "1.5"}, "X", NOW).time == NOW


# -- through the poll path into Redis -----------------------------------------------------------


def multi_source_config(
    redis_url: str,
    market: LocalMarket,
    stooq: FakeStooq,
    binance: FakeBinance,
    json_api: FakeJsonApi,
) -> dict[str, Any]:
    return {
        "redis": {"url": redis_url},
        "watchlist": {
            "BABA": {},
            "AAPL": {"currency": "USD"},
            "GONE": {},
            "BTCUSDT": {},
            "NOPEUSDT": {},
            "GOLD": {},
        },
        "sources": {
            "prices": {"base_url": market.base_url, "every": "1m"},
            "price_sources": [
                {
                    "name": "us",
                    "provider": "stooq",
                    "every": "5m",
                    "symbols": {"AAPL": "aapl.us", "GONE": "gone.us"},
                    "options": {"base_url": stooq.base_url},
                },
                {
                    "name": "crypto",
                    "provider": "binance",
                    "every": "1m",
                    "symbols": ["BTCUSDT", "NOPEUSDT"],
                    "options": {"base_url": binance.base_url},
                },
                {
                    "name": "metals",
                    "provider": "json",
                    "every": "1m",
                    "symbols": {"GOLD": "XAU"},
                    "options": {"url": f"{json_api.base_url}/v1/quotes/{{symbol}}", **JSON_OPTIONS},
                },
            ],
        },
    }


async def test_each_source_polls_its_own_symbols_into_redis_with_the_same_guard(
    redis_url: str,
    store: Store,
    market: LocalMarket,
    stooq: FakeStooq,
    binance: FakeBinance,
    json_api: FakeJsonApi,
) -> None:
    market.set_price("BABA", Price(150.0, TRADED, 149.0))
    stooq.quotes["aapl.us"] = StooqBar(231.94, TRADED)
    binance.tickers["BTCUSDT"] = BinanceTicker(64123.5, 62000.0, TRADED)
    json_api.prices["XAU"] = (2391.5, TRADED)
    data = multi_source_config(redis_url, market, stooq, binance, json_api)
    data["rules"] = [{"name": "btc-60k", "type": "threshold", "symbol": "BTCUSDT", "above": 60000}]
    config = Config.model_validate(data)
    clock = SteppedClock(NOW)
    console = io.StringIO()
    app = App(config, clock=clock, console=console, schedule=False)
    await app.start()
    try:
        assert app.poller is not None
        for key in ("prices", "prices:us", "prices:crypto", "prices:metals"):
            await app.poller.poll_prices(key)
        latest = {s: await store.latest_quote(s) for s in ("BABA", "AAPL", "BTCUSDT", "GOLD")}
        assert {s: (q.price, q.provider) for s, q in latest.items() if q} == {
            "BABA": (150.0, "yahoo"),
            "AAPL": (231.94, "stooq"),
            "BTCUSDT": (64123.5, "binance"),
            "GOLD": (2391.5, "json"),
        }
        assert latest["BTCUSDT"] is not None and latest["BTCUSDT"].currency == "USDT"
        assert latest["AAPL"] is not None and latest["AAPL"].time == TRADED
        assert latest["AAPL"].currency == "USD"  # Stooq states none; the watchlist does
        # Each source asked only for its own symbols; Yahoo took those no source names.
        assert market.requests == 1
        assert stooq.requests == ["/q/l/?s=aapl.us,gone.us&f=sd2t2ohlcv&h&e=csv"]
        # The unknown ones are marked as Yahoo's unknown symbols are.
        assert await store.is_unknown_symbol("GONE")
        assert await store.is_unknown_symbol("NOPEUSDT")
        health = await store.source_health("prices:crypto")
        assert health.get("last_success") == NOW.isoformat()

        # The quote guard holds back a 100x jump from any provider, as it does for Yahoo's.
        clock.now += timedelta(minutes=1)
        binance.tickers["BTCUSDT"] = BinanceTicker(
            6412350.0, 62000.0, TRADED + timedelta(minutes=1)
        )
        await app.poller.poll_prices("prices:crypto")
        held = await store.latest_quote("BTCUSDT")
        assert held is not None and held.price == 64123.5
    finally:
        await app.stop()
    # A Binance quote reaches the price rules as Yahoo's do.
    assert console.getvalue().strip().splitlines() == [
        "WARNING [BTCUSDT] btc-60k: BTCUSDT crossed above 60,000: 64,123.50 USDT"
    ]


async def test_scheduler_has_one_job_per_enabled_source_with_symbols(
    redis_url: str,
    market: LocalMarket,
    stooq: FakeStooq,
    binance: FakeBinance,
    json_api: FakeJsonApi,
) -> None:
    data = multi_source_config(redis_url, market, stooq, binance, json_api)
    data["sources"]["price_sources"][2]["enabled"] = False
    config = Config.model_validate(data)
    app = App(config, console=io.StringIO(), schedule=False)
    await app.start()
    try:
        assert app.poller is not None
        scheduler = build_scheduler(config, app.poller, NOW)
        jobs = {job.id: job.trigger.interval.total_seconds() for job in scheduler.get_jobs()}
        assert jobs == {"prices": 60, "prices:us": 300, "prices:crypto": 60}
    finally:
        await app.stop()


# -- config -------------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text)
    return path


def test_the_config_names_file_line_and_key_of_each_price_source_problem(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        """\
watchlist:
  BTCUSDT: {}
  AAPL: {}
sources:
  prices: {every: 1m}
  price_sources:
    - name: crypto
      provider: binanse
      every: 1m
    - name: us
      provider: stooq
      every: 1m
      symbols: [AAPL, MSFT]
      options:
        base_url: ftp://stooq.example
        zon: Europe/Warsaw
    - name: metals
      provider: json
      every: 1m
      symbols: [AAPL]
    - name: loose
      provider: binance
      every: 1m
""",
    )
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).splitlines() == [
        f"{path}:8: sources.price_sources[0].provider: unknown price provider 'binanse'; "
        "known: binance, json, stooq, yahoo",
        f"{path}:15: sources.price_sources[1].options.base_url: 'ftp://stooq.example' is not "
        "an http(s) URL",
        f"{path}:16: sources.price_sources[1].options.zon: unknown key 'zon'; did you mean 'zone'?",
        f"{path}:17: sources.price_sources[2].options: required key is missing; add it with "
        "url, price_path",
    ]
    # Once the shapes are right, the checks across sources speak.
    fixed = (
        path.read_text()
        .replace("binanse", "binance")
        .replace("ftp://stooq.example", "https://stooq.example")
        .replace("zon:", "zone:")
        .replace(
            "symbols: [AAPL]\n",
            "symbols: [AAPL]\n      options: {url: 'https://m.example/{symbol}', "
            "price_path: price}\n",
        )
    )
    path.write_text(fixed)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).splitlines() == [
        f"{path}:7: sources.price_sources[0]: names no symbols, and sources.prices already "
        "takes every symbol no source names; add symbols: to this source",
        f"{path}:13: sources.price_sources[1].symbols: symbol 'MSFT' is not in the watchlist; "
        "add it under watchlist: or drop it here",
        f"{path}:20: sources.price_sources[2].symbols: symbol 'AAPL' is already priced by "
        "price source 'us'; name it in one price source only",
        f"{path}:22: sources.price_sources[3]: names no symbols, and sources.prices already "
        "takes every symbol no source names; add symbols: to this source",
    ]


def test_the_prices_block_alone_still_means_yahoo_for_every_symbol(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "watchlist: {BABA: {}, META: {}}\n"
        "sources:\n  prices: {base_url: 'https://yahoo.example', every: 1m}\n",
    )
    config = load_config(path)
    [plan] = config.price_plans()
    assert plan.source.key == "prices"
    assert plan.symbols == {"BABA": "BABA", "META": "META"}
    assert plan.source.build().name == "yahoo"


def test_check_config_lists_each_price_source_with_its_symbols(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
watchlist: {BABA: {}, AAPL: {}, BTCUSDT: {}, ETHUSDT: {}}
sources:
  prices: {every: 1m}
  price_sources:
    - {name: us, provider: stooq, every: 5m, symbols: {AAPL: aapl.us}}
    - {name: crypto, provider: binance, every: 1m, symbols: [BTCUSDT, ETHUSDT], enabled: false}
""",
    )
    result = bot_command("check-config", "-c", str(path))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if "prices " in line] == [
        "  prices     prices: yahoo every 1m for BABA",
        "  prices     prices:us: stooq every 5m for AAPL",
        "  prices     prices:crypto: binance every 1m for BTCUSDT, ETHUSDT (disabled)",
    ]


async def test_a_sync_adds_changes_and_removes_price_source_jobs(
    redis_url: str,
    market: LocalMarket,
    stooq: FakeStooq,
    binance: FakeBinance,
    json_api: FakeJsonApi,
) -> None:
    data = multi_source_config(redis_url, market, stooq, binance, json_api)
    metals = data["sources"]["price_sources"].pop()
    app = App(Config.model_validate(data), console=io.StringIO(), schedule=False)
    await app.start()
    try:
        assert app.poller is not None
        scheduler = build_scheduler(Config.model_validate(data), app.poller, NOW)
        data["sources"]["price_sources"] = [{**metals, "every": "2m"}]
        data["sources"]["price_sources"][0]["symbols"] = {"GOLD": "XAU", "AAPL": "AAPL"}
        sync_jobs(scheduler, app.poller, Config.model_validate(data), [], NOW)
        jobs = {job.id: job.trigger.interval.total_seconds() for job in scheduler.get_jobs()}
        assert jobs == {"prices": 60, "prices:metals": 120}
        data["sources"].pop("prices")
        data["sources"]["price_sources"][0]["every"] = "30s"
        sync_jobs(scheduler, app.poller, Config.model_validate(data), [], NOW)
        jobs = {job.id: job.trigger.interval.total_seconds() for job in scheduler.get_jobs()}
        assert jobs == {"prices:metals": 30}
    finally:
        await app.stop()


# -- bodies no provider should have sent ------------------------------------------------------


STOOQ_HOSTILE = [
    b"<html><body>Przekroczony dzienny limit wywolan</body></html>",  # Stooq's daily limit page
    # One field over the csv module's limit (128 KiB).
    b"Symbol,Date,Time,Open,High,Low,Close,Volume\r\nAAPL.US," + b"9" * 200_000 + b"\r\n",
    b"Symbol,Date,Time,Open,High,Low,Close,Volume\r\nAAPL.US,2026-08-03,22:00:10,1,1,1,nan,1\r\n",
    b"Symbol,Date,Time,Open,High,Low,Close,Volume\r\nAAPL.US,yesterday,22:00:10,1,1,1,5,1\r\n",
    b"\xff\xfe not utf-8",
    b"",
]
BINANCE_HOSTILE = [
    b'{"symbol": "BTCUSDT", "lastPrice": "1"}',  # an object where a list belongs
    b'[{"symbol": "BTCUSDT", "lastPrice": "NaN", "closeTime": 1785787210000}]',
    b'[{"symbol": "BTCUSDT", "lastPrice": "64000", "closeTime": 1e300}]',
    b"[" * 100_000,
    b"<html>502 Bad Gateway</html>",
]
JSON_HOSTILE = [
    b'"just a string"',
    b'{"data": [{"quote": {"last": "-3", "updated": 1785787210000}}]}',
    b'{"data": [{"quote": {"last": 1e999, "updated": 1785787210000}}]}',
    b'{"data": [{"quote": {"last": "12.5", "updated": "soon"}}]}',
    b'{"data": {"0": {"quote": {"last": true, "updated": 1}}}}',
]


@pytest.mark.parametrize(
    ("name", "bodies", "options"),
    [
        ("stooq", STOOQ_HOSTILE, {}),
        ("binance", BINANCE_HOSTILE, {}),
        (
            "json",
            JSON_HOSTILE,
            {"price_path": "data.0.quote.last", "time_path": "data.0.quote.updated"},
        ),
    ],
)
async def test_a_hostile_body_is_a_parse_error_for_its_symbols_and_nothing_else(
    name: str, bodies: list[bytes], options: dict[str, str]
) -> None:
    served: list[bytes] = []

    async def answer(request: web.Request) -> web.Response:
        return web.Response(body=served[-1], content_type="text/plain")

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    async with serve(app) as url:
        if name == "json":
            options = {**options, "url": f"{url}/v1/quotes/{{symbol}}"}
        else:
            options = {**options, "base_url": url}
        source = provider(name, **options)
        async with HttpClient() as http:
            for body in bodies:
                served.append(body)
                batch = await source.fetch(http, {"AAPL": "AAPL.US", "BTC": "BTCUSDT"}, NOW)
                assert batch.quotes == [], body
                assert set(batch.errors) == {"AAPL", "BTC"}, body
                kinds = {error.kind for error in batch.errors.values()}
                assert kinds == {"parse"}, (body, batch.errors)


async def test_the_local_market_serves_one_price_to_yahoo_stooq_and_binance_alike(
    redis_url: str, store: Store, market: LocalMarket
) -> None:
    for symbol in ("BABA", "AAPL.US", "BTCUSDT"):
        market.set_price(symbol, Price(150.0, TRADED, 120.0))
    config = Config.model_validate(
        {
            "redis": {"url": redis_url},
            "watchlist": {"BABA": {}, "AAPL": {}, "BTCUSDT": {}, "NOPE": {}},
            "sources": {
                "prices": {"base_url": market.base_url, "every": "1m"},
                "price_sources": [
                    {
                        "name": "us",
                        "provider": "stooq",
                        "every": "1m",
                        "symbols": {"AAPL": "aapl.us"},
                        "options": {"base_url": market.base_url},
                    },
                    {
                        "name": "crypto",
                        "provider": "binance",
                        "every": "1m",
                        "symbols": ["BTCUSDT", "NOPE"],
                        "options": {"base_url": market.base_url},
                    },
                ],
            },
        }
    )
    app = App(config, clock=SteppedClock(NOW), console=io.StringIO(), schedule=False)
    await app.start()
    try:
        assert app.poller is not None
        for key in ("prices", "prices:us", "prices:crypto"):
            await app.poller.poll_prices(key)
    finally:
        await app.stop()
    seen = {}
    for symbol in ("BABA", "AAPL", "BTCUSDT"):
        quote = await store.latest_quote(symbol)
        assert quote is not None
        seen[symbol] = (quote.price, quote.time, quote.provider)
    assert seen == {
        "BABA": (150.0, TRADED, "yahoo"),
        "AAPL": (150.0, TRADED, "stooq"),
        "BTCUSDT": (150.0, TRADED, "binance"),
    }
    assert await store.is_unknown_symbol("NOPE")
