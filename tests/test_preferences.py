"""/mute, /unmute, /quiet, /digest and /rules through python-telegram-bot and the fake Bot API,
and a mute taking effect on real alerts; SIGHUP-style reload of the rules."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ask as ask_chat
from telegram_harness import running_app

from bot.config import Config, ConfigError
from bot.lifecycle.state import LifecycleState
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store

CHAT = 5151
TOKEN = "123456:TEST-TOKEN"


def settings(
    api: FakeTelegramAPI, redis_url: str, market: LocalMarket | None = None
) -> dict[str, Any]:
    sources: dict[str, Any] = {}
    if market is not None:
        sources = {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]}
    return {
        "timezone": "Europe/Berlin",
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": api.base_url, "commands_per_minute": 200},
        "watchlist": {
            "BABA": {"names": ["Alibaba"], "currency": "USD"},
            "META": {"names": ["Meta Platforms"], "currency": "USD"},
        },
        "sources": sources,
        "rules": [
            {"name": "alibaba-band", "type": "price_band", "symbol": "BABA", "low": 1, "high": 2},
            {"name": "capital-raise", "type": "keyword", "any": ["capital increase"]},
        ],
    }


async def ask(api: FakeTelegramAPI, text: str, replies: int = 1) -> list[str]:
    return [record.text or "" for record in await ask_chat(api, CHAT, text, replies=replies)]


async def test_commands_set_mutes_quiet_hours_and_digest(
    telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    config = Config.model_validate(settings(telegram_api, redis_url))
    async with running_app(config):
        [muted] = await ask(telegram_api, "/mute baba 1h")
        assert muted.startswith("Muted BABA for 1h, until ") and "(Europe/Berlin)" in muted
        assert list(await store.mutes(CHAT, datetime.now(UTC))) == ["symbol:BABA"]
        [rule] = await ask(telegram_api, "/mute capital-raise 2d")
        assert rule.startswith("Muted rule capital-raise for 2d")
        assert (
            "Usage: <code>/mute SYMBOL|RULE|all DURATION</code>"
            in (await ask(telegram_api, "/mute"))[0]
        )
        unknown = await ask(telegram_api, "/mute <b>TSLA 1h")
        assert "I know no symbol or rule <b>&lt;b&gt;TSLA</b>" in unknown[0]
        [bad] = await ask(telegram_api, "/mute BABA soon")
        assert bad.startswith("Give a duration from 1m to 365d") and "\nUsage: " in bad

        [listed] = await ask(telegram_api, "/rules")
        assert "<b>Active rules</b> (2)" in listed
        assert "• <b>alibaba-band</b>: price band BABA 1–2 [warning]" in listed
        assert "• <b>capital-raise</b>: keyword any of capital increase [warning]" in listed
        assert "high=" not in listed and "['" not in listed
        assert "• BABA until" in listed and "• rule capital-raise until" in listed

        assert await ask(telegram_api, "/unmute BABA") == ["BABA is no longer muted."]
        assert await ask(telegram_api, "/unmute BABA") == ["BABA was not muted."]
        assert await ask(telegram_api, "/unmute") == ["All mutes ended (1)."]

        [quiet] = await ask(telegram_api, "/quiet 22:00-07:00")
        assert quiet.startswith("Quiet hours 22:00-07:00 (Europe/Berlin)")
        [bad] = await ask(telegram_api, "/quiet 25:00-07:00")
        assert bad.startswith("<code>25:00</code> is not a time of day")
        assert "Usage: <code>/quiet HH:MM-HH:MM|off [ZONE]</code>" in bad
        assert await ask(telegram_api, "/quiet") == ["Quiet hours: 22:00-07:00 (Europe/Berlin)."]

        [digest] = await ask(telegram_api, "/digest 08:30 America/New_York")
        assert "Daily digest at 08:30 (America/New_York)" in digest and "08:30 (America" in digest
        prefs = await LifecycleState(store).prefs(CHAT)
        assert (prefs.quiet, prefs.digest, prefs.zone) == (
            "22:00-07:00",
            "08:30",
            "America/New_York",
        )
        [bad] = await ask(telegram_api, "/digest 8h Mars/Base")
        assert "is not a time of day" in bad and "Usage: <code>/digest" in bad
        [bad] = await ask(telegram_api, "/digest 08:00 Mars/Base")
        assert bad.startswith("Unknown time zone <code>Mars/Base</code>") and "Usage" in bad
        assert await ask(telegram_api, "/digest off") == ["Digest off."]
        assert (await ask(telegram_api, "/quiet off"))[0].startswith("Quiet hours off.")
        assert await ask(telegram_api, "/digest") == ["No digest set."]


async def test_a_muted_symbol_gets_no_alerts_until_unmuted(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    config = Config.model_validate(settings(telegram_api, redis_url, market))
    async with running_app(config):
        await ask(telegram_api, "/watch BABA")
        await ask(telegram_api, "/watch META")
        await ask(telegram_api, "/mute BABA 1d")
        now = datetime.now(UTC)
        market.publish(
            "wire", FeedEntry("m1", "Alibaba capital increase", "", "https://n.example/1", now)
        )
        market.publish(
            "wire",
            FeedEntry("m2", "Meta Platforms capital increase", "", "https://n.example/2", now),
        )
        before = len(telegram_api.messages_to(CHAT))
        await telegram_api.wait_for_messages(before + 1, chat_id=CHAT)
        target = market.requests + 6
        async with asyncio.timeout(10):
            while market.requests < target:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        texts = telegram_api.texts_to(CHAT)[before:]
        assert len(texts) == 1 and "Meta Platforms capital increase" in (texts[0] or "")

        await ask(telegram_api, "/unmute all")
        market.publish(
            "wire",
            FeedEntry("m3", "Alibaba prices its capital increase", "", "https://n.example/3", now),
        )
        records = await telegram_api.wait_for_messages(before + 3, chat_id=CHAT)
        assert "Alibaba prices its capital increase" in (records[-1].text or "")


async def test_reload_swaps_rules_and_keeps_them_on_a_bad_file(
    tmp_path: Path, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    path = tmp_path / "config.yaml"
    data = settings(telegram_api, redis_url)
    path.write_text(yaml.safe_dump(data))
    config = Config.model_validate(data)
    async with running_app(config, path) as app:
        assert "(2)" in (await ask(telegram_api, "/rules"))[0]
        data["rules"].append(
            {
                "name": "meta-move",
                "type": "price_move",
                "symbol": "META",
                "change_pct": 5,
                "window": "1h",
            }
        )
        path.write_text(yaml.safe_dump(data))
        await app.reload()
        listed = (await ask(telegram_api, "/rules"))[0]
        assert "(3)" in listed and "<b>meta-move</b>: price move META ±5% within 1h" in listed
        assert app.services is not None
        assert [rule.name for rule in app.services.pipeline.engine.rules][-1] == "meta-move"

        path.write_text("rules:\n  - {name: broken, type: price_move, change_pct: 5}\n")
        with pytest.raises(ConfigError, match="exactly one of window"):
            await app.reload()
        assert "(3)" in (await ask(telegram_api, "/rules"))[0]


async def test_grouped_then_held_by_quiet_hours_and_released(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    data = settings(telegram_api, redis_url, market)
    data["timezone"] = "UTC"
    data["alerts"] = {"group_wait": "1s"}
    async with running_app(Config.model_validate(data)):
        await ask(telegram_api, "/watch BABA")
        async with asyncio.timeout(10):
            while not await store.feed_state("wire"):  # noqa: ASYNC110
                await asyncio.sleep(0.02)  # fetched once: what comes next is news
        now = datetime.now(UTC)
        for number in range(3):
            title = f"Alibaba capital increase, part {number} of the plan"
            market.publish("wire", FeedEntry(f"g{number}", title, "", "https://n.example/", now))
        before = len(telegram_api.messages_to(CHAT))
        records = await telegram_api.wait_for_messages(before + 1, chat_id=CHAT)
        grouped = records[-1].text or ""
        assert "grouped" in grouped and "3 alerts for BABA" in grouped
        assert "part 0" in grouped and "part 2" in grouped

        start, end = (now - timedelta(hours=1)), (now + timedelta(hours=1))
        await ask(telegram_api, f"/quiet {start:%H:%M}-{end:%H:%M}")
        market.publish("wire", FeedEntry("q1", "Alibaba capital increase is priced", "", "", now))
        target = market.requests + 6
        async with asyncio.timeout(10):
            while market.requests < target:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        held = await LifecycleState(store).held(CHAT)
        assert [entry.kind for entry, _due in held] == ["quiet"]
        count = len(telegram_api.messages_to(CHAT))
        [released] = await ask(telegram_api, "/quiet off")
        assert released.startswith("Quiet hours off. 1 held alert is on its way.")
        records = await telegram_api.wait_for_messages(count + 2, chat_id=CHAT)
        assert any("Alibaba capital increase is priced" in (r.text or "") for r in records[-2:])
