"""The whole bot as `run` starts it, with two users watching BABA: one whose Telegram speaks
German and one whose Telegram speaks English. Each gets the same alerts, in their own language,
unless the chat chose another with /lang."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ask

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket, Price
from bot.store import Store

GERMAN, ENGLISH = 5101, 5102
TOKEN = "123456:LANGUAGES"
HEADLINE = "Citigroup hebt Ziel für Alibaba auf 225 US-Dollar - 'Buy'"


def make_config(market: LocalMarket, api: FakeTelegramAPI, redis_url: str) -> Config:
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "telegram": {"token": TOKEN, "base_url": api.base_url},
            "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
            "sources": {
                "feeds": [
                    {"name": "wire", "url": market.feed_url("wire"), "every": "1s", "lang": "de"}
                ],
                "prices": {"base_url": market.base_url, "every": "1s"},
            },
            "rules": [
                {"name": "band", "type": "price_band", "symbol": "BABA", "low": 154, "high": 157},
                {"name": "analysts", "type": "analyst"},
            ],
        }
    )


@asynccontextmanager
async def running(config: Config) -> AsyncIterator[App]:
    app = App(config)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def next_message(api: FakeTelegramAPI, chat_id: int, count: int) -> str:
    """The text of the chat's message number `count` (from 1), once it has arrived."""
    records = await api.wait_for_messages(count, chat_id=chat_id)
    return records[count - 1].text or ""


async def test_each_user_gets_the_same_alert_in_their_language(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    market.set_price("BABA", Price(156.2, datetime.now(UTC), previous_close=155.0))
    async with running(make_config(market, telegram_api, redis_url)):
        for chat, lang in ((GERMAN, "de"), (ENGLISH, "en")):
            await ask(telegram_api, chat, "/start", lang=lang)
            await ask(telegram_api, chat, "/watch BABA", lang=lang)
        assert await store.chat_language(GERMAN) == "de"

        link = "https://news.example/citi"
        market.publish("wire", FeedEntry("citi", HEADLINE, "", link, datetime.now(UTC)))
        german = await next_message(telegram_api, GERMAN, 3)
        english = await next_message(telegram_api, ENGLISH, 3)
        assert (
            "Citigroup hebt das Kursziel für Alibaba auf 225 USD, Einstufung Buy\n"
            "<i>veröffentlicht gerade eben</i>\n"
            "<i>Kurspotenzial +44,0 % zum Kurs von 156,20 USD</i>\n"
            f"<i>{HEADLINE.replace(chr(39), '&#x27;')} · wire</i>\n"
            f'<a href="{link}">Quelle</a>'
        ) in german
        assert (
            "Citigroup raises its Alibaba target to 225 USD, rating Buy\n"
            "<i>published just now</i>\n"
            "<i>implied upside +44.0% vs 156.20 USD</i>\n"
        ) in english
        assert f'<a href="{link}">Source</a>' in english
        [german_record] = telegram_api.messages_to(GERMAN)[2:]
        assert german_record.reply_markup is not None
        assert german_record.reply_markup["inline_keyboard"][0][0]["text"] == "Überblick"

        market.set_price("BABA", Price(150.8, datetime.now(UTC), previous_close=155.0))
        german = await next_message(telegram_api, GERMAN, 4)
        english = await next_message(telegram_api, ENGLISH, 4)
        assert german == (
            "⚠️ <b>BABA</b> · band\n"
            "BABA hat sein Band 154–157 verlassen, jetzt darunter: 150,80 USD\n"
            "<i>Tagesveränderung -2,71 %</i>"
        )
        assert english == (
            "⚠️ <b>BABA</b> · band\n"
            "BABA left its band 154–157, now below: 150.80 USD\n"
            "<i>day change -2.71%</i>"
        )
        polls = market.requests + 6  # several more polls: nothing else arrives
        async with asyncio.timeout(10):
            while market.requests < polls:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
    assert len(telegram_api.messages_to(GERMAN)) == len(telegram_api.messages_to(ENGLISH)) == 4


async def test_a_language_chosen_with_lang_wins_over_the_telegram_setting(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    market.set_price("BABA", Price(156.2, datetime.now(UTC), previous_close=155.0))
    async with running(make_config(market, telegram_api, redis_url)):
        # Telegram speaks English; /watch after /lang registers that again, and the choice stays.
        await ask(telegram_api, ENGLISH, "/start")
        await ask(telegram_api, ENGLISH, "/lang de")
        [watching] = await ask(telegram_api, ENGLISH, "/watch BABA")
        assert watching.text == "Du beobachtest jetzt <b>BABA</b>."
        market.set_price("BABA", Price(150.8, datetime.now(UTC), previous_close=155.0))
        alert = await next_message(telegram_api, ENGLISH, 4)
        assert alert.startswith("⚠️ <b>BABA</b> · band\nBABA hat sein Band 154–157 verlassen")
        [record] = telegram_api.messages_to(ENGLISH)[3:]
        assert record.reply_markup is not None
        assert record.reply_markup["inline_keyboard"][0][0]["text"] == "Überblick"
