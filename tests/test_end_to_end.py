"""The whole bot as `run` starts it: real Redis, feeds and prices over HTTP on 127.0.0.1, and
python-telegram-bot talking to the fake Bot API. A user watches BABA; news and a band exit
arrive."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import running_app

from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket, Price
from bot.store import Store

CHAT = 4242
TOKEN = "123456:TEST-TOKEN"


def make_config(market: LocalMarket, api: FakeTelegramAPI, redis_url: str) -> Config:
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "telegram": {"token": TOKEN, "base_url": api.base_url},
            "watchlist": {
                "BABA": {"names": ["Alibaba", "Alibaba Group"], "currency": "USD"},
                "META": {"names": ["Meta Platforms"], "currency": "USD"},
            },
            "sources": {
                "feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}],
                "prices": {"base_url": market.base_url, "every": "1s"},
            },
            "rules": [
                {
                    "name": "alibaba-band",
                    "type": "price_band",
                    "symbol": "BABA",
                    "low": 154,
                    "high": 157,
                },
                {"name": "capital-raise", "type": "keyword", "any": ["capital increase"]},
            ],
        }
    )


def entry(guid: str, title: str) -> FeedEntry:
    return FeedEntry(guid, title, "", f"https://news.example/{guid}", datetime.now(UTC))


def price(value: float) -> Price:
    return Price(value, datetime.now(UTC), previous_close=155.0)


async def wait_until(condition: Callable[[], bool], what: str, within: float = 10.0) -> None:
    # The conditions are counters on servers running in this loop; polling them is simplest.
    try:
        async with asyncio.timeout(within):
            while not condition():  # noqa: ASYNC110
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


async def polls_pass(market: LocalMarket, count: int = 6) -> None:
    """Let several scheduled polls happen, observed at the market rather than by the clock."""
    target = market.requests + count
    await wait_until(lambda: market.requests >= target, f"{count} more polls")


async def command(api: FakeTelegramAPI, text: str) -> str:
    before = len(api.messages_to(CHAT))
    api.push_command(CHAT, text)
    records = await api.wait_for_messages(before + 1, chat_id=CHAT)
    return records[before].text or ""


async def test_watch_then_news_and_band_exit_arrive_exactly_once(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    market.set_price("BABA", price(155.5))
    market.set_price("META", Price(590.0, datetime.now(UTC), 585.0))
    async with running_app(make_config(market, telegram_api, redis_url)):
        assert "Watching <b>BABA</b>" in await command(telegram_api, "/watch BABA")
        await polls_pass(market)
        assert len(telegram_api.messages_to(CHAT)) == 1  # inside the band, no news: quiet

        market.publish("wire", entry("n1", "Alibaba plans a capital increase of $5 billion"))
        market.publish("wire", entry("n2", "Meta Platforms announces a capital increase"))
        market.set_price("BABA", price(158.2))
        alerts = await telegram_api.wait_for_messages(3, chat_id=CHAT)
        await polls_pass(market)

        alerts = telegram_api.messages_to(CHAT)[1:]
        texts = sorted(record.text or "" for record in alerts)
        assert len(texts) == 2, texts
        keyword = next(text for text in texts if "capital-raise" in text)
        band = next(text for text in texts if "alibaba-band" in text)
        assert "Alibaba plans a capital increase of $5 billion" in keyword
        assert 'href="https://news.example/n1"' in keyword
        assert "left its band 154–157, now above: 158.20 USD" in band
        assert all(record.parse_mode == "HTML" for record in alerts)

        market.set_price("BABA", price(156.0))
        await telegram_api.wait_for_messages(4, chat_id=CHAT)
        await polls_pass(market)
        messages = telegram_api.texts_to(CHAT)
        assert len(messages) == 4
        assert "back inside its band" in (messages[-1] or "")


async def test_summary_shows_price_band_and_headlines(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = [entry("s1", "Alibaba & partners sign a <5% deal")]
    market.set_price("BABA", price(158.0))
    async with running_app(make_config(market, telegram_api, redis_url)):
        await polls_pass(market)
        text = await command(telegram_api, "/summary baba")
        assert "<b>BABA</b> · Alibaba" in text
        assert "Price: <b>158.00 USD</b> (+1.94%)" in text
        assert "Band alibaba-band 154–157: above" in text
        assert "Alibaba &amp; partners sign a &lt;5% deal" in text
        assert 'href="https://news.example/s1"' in text

        usage = await command(telegram_api, "/summary")
        assert "Usage: <code>/summary SYMBOL</code>" in usage
        unknown = await command(telegram_api, "/summary <b>TSLA")
        assert "I don't follow <b>&lt;b&gt;TSLA</b>" in unknown


async def test_restart_does_not_alert_again_for_seen_items(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    market.set_price("BABA", price(155.0))
    config = make_config(market, telegram_api, redis_url)
    async with running_app(config):
        await command(telegram_api, "/watch BABA")
        await polls_pass(market)  # the feed's first fetch, which alerts nothing, is behind it
        market.publish("wire", entry("r1", "Alibaba confirms capital increase"))
        await telegram_api.wait_for_messages(2, chat_id=CHAT)

    async with running_app(config):
        await polls_pass(market)
        market.publish("wire", entry("r2", "Alibaba completes capital increase"))
        await telegram_api.wait_for_messages(3, chat_id=CHAT)
        await polls_pass(market)

    texts = [text or "" for text in telegram_api.texts_to(CHAT)]
    assert len(texts) == 3, texts
    assert "confirms capital increase" in texts[1]
    assert "completes capital increase" in texts[2]
