"""A subscriber's day through the whole bot: real App, local feeds, real Redis, python-telegram-bot
against the fake Bot API. Two chats (English, German) watch different symbols; news arrives as a
backlog, about several symbols, from two feeds, matching two rules, about no watched symbol, and
late. Per chat: no duplicates, no stale news, no other chat's symbols."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_records import SentRecord
from stepped_clock import SteppedClock
from telegram_harness import ask, ask_text

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store

ENGLISH, GERMAN, GROUP = 6101, 6102, -1006103
GROUP_ADMIN = 6110
TOKEN = "123456:REALDAY"
# The group watches a symbol of each private chat.
WATCHES = {ENGLISH: ["AAPL", "INTC", "NVDA"], GERMAN: ["SAP"], GROUP: ["INTC", "SAP"]}


def make_config(market: LocalMarket, api: FakeTelegramAPI, redis_url: str) -> Config:
    return Config.model_validate(
        {
            "timezone": "Europe/Berlin",
            "redis": {"url": redis_url},
            "telegram": {"token": TOKEN, "base_url": api.base_url},
            "watchlist": {
                "AAPL": {"names": ["Apple"], "currency": "USD"},
                "INTC": {"names": ["Intel"], "currency": "USD"},
                "NVDA": {"names": ["Nvidia"], "currency": "USD"},
                "SAP": {"names": ["SAP"], "currency": "EUR"},
            },
            "sources": {
                "feeds": [
                    {"name": "wire-en", "url": market.feed_url("wire-en"), "every": "1m"},
                    {
                        "name": "wire-de",
                        "url": market.feed_url("wire-de"),
                        "every": "1m",
                        "lang": "de",
                    },
                ]
            },
            "rules": [
                {"name": "rating-changes", "type": "analyst", "rating_actions": ["up", "down"]},
                {"name": "apple-analysts", "type": "analyst", "symbols": ["AAPL"]},
                {"name": "partnerships", "type": "partnership", "severity": "info"},
                {"name": "chip-tariffs", "type": "keyword", "any": ["chip tariffs"]},
            ],
        }
    )


class Day:
    def __init__(self, app: App, market: LocalMarket, api: FakeTelegramAPI) -> None:
        self.app, self.market, self.api = app, market, api
        self.count = 0

    def publish(self, feed: str, title: str, *, age: timedelta = timedelta(minutes=2)) -> str:
        self.count += 1
        link = f"https://news.example/{self.count}"
        entry = FeedEntry(f"g{self.count}", title, "", link, datetime.now(UTC) - age)
        self.market.publish(feed, entry)
        return link

    async def poll(self) -> None:
        assert self.app.poller is not None and self.app.worker is not None
        for feed in self.app.config.sources.feeds:
            await self.app.poller.poll_feed(feed)
        # Delivery happens inside the worker's turn: once it finds the outbox empty, every
        # message of this poll has reached the fake Bot API.
        await self.app.worker.drained()

    def alerts_to(self, chat: int) -> list[SentRecord]:
        return [r for r in self.api.messages_to(chat) if (r.text or "")[:2] in ALERT_ICONS]


ALERT_ICONS = ("ℹ️", "⚠️", "🚨")


@asynccontextmanager
async def a_day(market: LocalMarket, api: FakeTelegramAPI, redis_url: str) -> AsyncIterator[Day]:
    app = App(make_config(market, api, redis_url), schedule=False)
    await app.start()
    try:
        yield Day(app, market, api)
    finally:
        await app.stop()


def header_symbols(record: SentRecord) -> list[str]:
    found = re.match(r"\S+ <b>([^<]*)</b> · ", record.text or "")
    return found.group(1).split(", ") if found else []


def button_symbols(record: SentRecord) -> set[str]:
    markup: dict[str, Any] = record.reply_markup or {}
    return {
        button["callback_data"].rsplit(":", 1)[1]
        for row in markup.get("inline_keyboard", [])
        for button in row
        if "callback_data" in button and button["callback_data"].startswith("tw:sum:")
    }


async def test_a_day_with_two_chats(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire-en"], market.feeds["wire-de"] = [], []
    api = telegram_api
    async with a_day(market, api, redis_url) as day:
        for chat, lang in ((ENGLISH, "en"), (GERMAN, "de")):
            await ask(api, chat, "/start", lang=lang)
            for symbol in WATCHES[chat]:
                await ask(api, chat, f"/watch {symbol}", lang=lang)
        api.set_chat_admins(GROUP, [GROUP_ADMIN])
        for symbol in WATCHES[GROUP]:
            before = len(api.messages_to(GROUP))
            api.push_command(GROUP, f"/watch {symbol}", user_id=GROUP_ADMIN, chat_type="group")
            await api.wait_for_messages(before + 1, chat_id=GROUP)

        # The feeds hold a backlog when the bot first meets them: recorded, never sent.
        day.publish(
            "wire-en",
            "Morgan Stanley upgrades Apple to overweight",
            age=timedelta(days=120),
        )
        day.publish("wire-de", "UBS hebt Ziel für SAP auf 320 Euro - 'Buy'")
        await day.poll()
        assert day.alerts_to(ENGLISH) == day.alerts_to(GERMAN) == []

        # One item about two watched symbols: one message, both symbols in its header.
        tariffs = day.publish("wire-en", "Apple and Intel face new chip tariffs")
        await day.poll()
        [message] = day.alerts_to(ENGLISH)
        assert header_symbols(message) == ["AAPL", "INTC"]
        assert button_symbols(message) == {"AAPL", "INTC"}, "a row of buttons for each"
        assert tariffs in (message.text or "")
        assert day.alerts_to(GERMAN) == []
        [in_group] = day.alerts_to(GROUP)
        assert header_symbols(in_group) == ["INTC"] and button_symbols(in_group) == {"INTC"}

        # A partnership of a symbol each chat watches: each sees its own symbol only.
        day.publish("wire-en", "Nvidia and SAP announce a partnership on AI agents")
        await day.poll()
        english, german = day.alerts_to(ENGLISH)[-1], day.alerts_to(GERMAN)[-1]
        assert header_symbols(english) == ["NVDA"] and button_symbols(english) == {"NVDA"}
        assert header_symbols(german) == ["SAP"] and button_symbols(german) == {"SAP"}
        assert "Partnerschaft" in (german.text or "")
        assert header_symbols(day.alerts_to(GROUP)[-1]) == ["SAP"]
        assert len(day.alerts_to(GROUP)) == 2

        # One event that two rules match, reported by two feeds: one message naming both rules.
        upgrade = "Goldman Sachs upgrades Apple to Buy, raises price target to $250"
        day.publish("wire-en", upgrade)
        day.publish("wire-de", upgrade)
        await day.poll()
        analyst = day.alerts_to(ENGLISH)[-1]
        assert "rating-changes, apple-analysts" in (analyst.text or "")
        assert len(day.alerts_to(ENGLISH)) == 3

        # News about no watched symbol reaches only the chats that follow its rule.
        day.publish("wire-en", "Infineon warns of chip tariffs")
        await day.poll()
        assert len(day.alerts_to(ENGLISH)) == 3 and len(day.alerts_to(GERMAN)) == 1
        reply = await ask_text(api, GERMAN, "/follow chip-tariffs", lang="de")
        assert "chip-tariffs" in reply
        day.publish("wire-en", "Siemens Energy sees chip tariffs hit margins")
        await day.poll()
        assert len(day.alerts_to(GERMAN)) == 2 and header_symbols(day.alerts_to(GERMAN)[-1]) == []
        assert len(day.alerts_to(ENGLISH)) == 3

        # News that arrives late (published days ago) is kept for /news but never alerts.
        day.publish("wire-en", "Intel faces chip tariffs in Europe", age=timedelta(days=3))
        await day.poll()
        assert len(day.alerts_to(ENGLISH)) == 3

        assert len(day.alerts_to(GROUP)) == 2, "nothing else concerned the group's symbols"
        for chat in (ENGLISH, GERMAN, GROUP):
            texts = [record.text or "" for record in day.alerts_to(chat)]
            links = re.findall(r'href="([^"]+)"', "\n".join(texts))
            assert len(links) == len(set(links)), f"chat {chat} got a duplicate"
            for record in day.alerts_to(chat):
                assert set(header_symbols(record)) <= set(WATCHES[chat])
                assert button_symbols(record) <= set(WATCHES[chat])
        news = await ask_text(api, ENGLISH, "/news INTC")
        assert "Intel faces chip tariffs in Europe" in news


async def test_a_grouped_message_lists_each_event_once_with_its_link(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire-en"], market.feeds["wire-de"] = [], []
    api, clock = telegram_api, SteppedClock()
    config = make_config(market, api, redis_url)
    config = config.model_copy(
        update={"alerts": config.alerts.model_copy(update={"group_wait": timedelta(minutes=1)})}
    )
    app = App(config, clock=clock, schedule=False)
    await app.start()
    try:
        day = Day(app, market, api)
        await ask(api, ENGLISH, "/start")
        for symbol in WATCHES[ENGLISH]:
            await ask(api, ENGLISH, f"/watch {symbol}")
        await day.poll()  # the first fetch of the empty feeds

        links = [
            day.publish("wire-en", "Goldman Sachs upgrades Apple to Buy, raises target to $250"),
            day.publish("wire-en", "Apple and Intel face new chip tariffs"),
            day.publish("wire-en", "Nvidia and SAP announce a partnership on AI agents"),
        ]
        day.publish("wire-de", "Goldman Sachs upgrades Apple to Buy, raises target to $250")
        await day.poll()
        assert day.alerts_to(ENGLISH) == [], "held for the group wait"
        clock.now += timedelta(minutes=2)
        await api.wait_for_messages(len(api.messages_to(ENGLISH)) + 1, chat_id=ENGLISH)
        [grouped] = day.alerts_to(ENGLISH)
        text = grouped.text or ""
        assert "3 alerts for AAPL, INTC, NVDA" in text
        assert [f'href="{link}"' in text for link in links] == [True, True, True]
        assert text.count("Goldman Sachs") == 1
        assert grouped.reply_markup is None, "no buttons for a group about several symbols"

        day.publish("wire-en", "Morgan Stanley downgrades Apple to underweight")
        day.publish("wire-en", "Apple faces chip tariffs in India")
        await day.poll()
        clock.now += timedelta(minutes=2)
        await api.wait_for_messages(len(api.messages_to(ENGLISH)) + 1, chat_id=ENGLISH)
        second = day.alerts_to(ENGLISH)[-1]
        assert "2 alerts for AAPL" in (second.text or "")
        assert button_symbols(second) == {"AAPL"}
    finally:
        await app.stop()
