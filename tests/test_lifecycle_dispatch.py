"""Mutes, quiet hours, digests and grouping as timelines: the dispatcher on real Redis with a fake
clock; two chats (1 and 2) watch every alert."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fakes.telegram_api import FakeTelegramAPI
from lifecycle_timeline import T0, make_config
from telegram import Bot

from bot.delivery.telegram import TelegramDelivery
from bot.delivery.worker import OutboxWorker
from bot.lifecycle.dispatch import Dispatcher
from bot.lifecycle.state import LifecycleState
from bot.store import Store
from rules.alert import Alert, Severity
from rules.registry import build_rule

BERLIN = ZoneInfo("Europe/Berlin")  # T0 14:30 UTC is 15:30 in Berlin (CET)
CHATS = [1, 2]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def at(self, minutes: float) -> None:
        self.now = T0 + timedelta(minutes=minutes)


def alert(
    name: str, severity: Severity = "warning", symbol: str = "BABA", minute: int = 0
) -> Alert:
    time = T0 + timedelta(minutes=minute)
    return Alert(name, "keyword", severity, symbol, f"{name} happened", time, f"{name}-key")


def dispatcher(store: Store, clock: Clock, **alerts: Any) -> Dispatcher:
    config = make_config(
        [
            {"name": "news", "type": "keyword", "any": ["x"]},
            {"name": "crash", "type": "keyword", "any": ["y"], "break_quiet": True},
        ],
        **alerts,
    )

    async def everyone(_alert: Alert) -> list[int]:
        return CHATS

    return Dispatcher(
        store,
        recipients=everyone,
        clock=clock,
        settings=config.alerts,
        zone=BERLIN,
        rules=[build_rule(options) for options in config.rules],
    )


def chats_of(alerts: list[Alert]) -> list[Any]:
    return [a.fields.get("chat", "all") for a in alerts]


async def test_mutes_per_symbol_rule_and_chat_expire(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock)
    await store.mute(1, "symbol:BABA", T0 + timedelta(hours=1))
    sent = await lifecycle.admit(alert("news"))
    assert chats_of(sent) == [2] and sent[0].id == alert("news").id
    assert chats_of(await lifecycle.admit(alert("news", symbol="SAP"))) == ["all"]
    await store.mute(2, "rule:news", T0 + timedelta(hours=2))
    assert await lifecycle.admit(alert("news")) == []
    clock.at(61)
    assert chats_of(await lifecycle.admit(alert("news"))) == [1]
    await store.mute(1, "all", T0 + timedelta(days=1))
    assert chats_of(await lifecycle.admit(alert("crash", symbol="SAP"))) == [2]
    clock.at(121)
    assert chats_of(await lifecycle.admit(alert("news"))) == [2]
    assert list(await store.mutes(1, clock())) == ["all"]  # the ended one is cleared
    assert await store.unmute(1) == 1
    assert chats_of(await lifecycle.admit(alert("news"))) == ["all"]


async def test_quiet_hours_defer_to_their_end_and_never_lose_alerts(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock)
    state = LifecycleState(store)
    await state.set_pref(1, "quiet", "22:00-07:00")
    clock.at(7 * 60)  # 21:30 UTC = 22:30 in Berlin: quiet for chat 1
    assert chats_of(await lifecycle.admit(alert("news"))) == [2]
    assert chats_of(await lifecycle.admit(alert("other"))) == [2]
    critical = alert("crash", severity="critical")
    assert chats_of(await lifecycle.admit(critical)) == ["all"]  # break_quiet
    assert chats_of(await lifecycle.admit(alert("news2", severity="critical"))) == [2]
    end = datetime(2026, 3, 3, 6, 0, tzinfo=ZoneInfo("UTC"))  # 07:00 in Berlin
    assert await lifecycle.next_due() == end
    clock.now = end - timedelta(seconds=1)
    assert await lifecycle.due() == []
    clock.now = end
    [group] = await lifecycle.due()
    assert group.fields["chat"] == 1 and group.type == "group"
    assert group.headline == "3 alerts for BABA" and group.severity == "critical"
    assert [a["rule"] for a in group.fields["alerts"]] == ["news2", "news", "other"]
    assert await lifecycle.due() == [] and await lifecycle.next_due() is None


async def test_digest_collects_info_alerts_for_its_time(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock)
    state = LifecycleState(store)
    await state.set_pref(2, "digest", "08:00")
    assert chats_of(await lifecycle.admit(alert("news", severity="info"))) == [1]
    clock.at(30)
    assert chats_of(await lifecycle.admit(alert("more", severity="info", minute=30))) == [1]
    assert chats_of(await lifecycle.admit(alert("warn"))) == ["all"]
    clock.now = datetime(2026, 3, 3, 7, 0, tzinfo=ZoneInfo("UTC"))  # 08:00 in Berlin
    [digest] = await lifecycle.due()
    assert digest.type == "digest" and digest.fields["chat"] == 2
    assert digest.headline == "Your digest: 2 alerts since the last one"
    assert digest.details == [
        "15:30 BABA · news: news happened",
        "16:00 BABA · more: more happened",
    ]


async def test_digest_off_releases_what_it_held(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock)
    state = LifecycleState(store)
    await state.set_pref(2, "digest", "08:00")
    await lifecycle.admit(alert("news", severity="info"))
    assert await state.reschedule(2, "digest", clock()) == 1
    [single] = await lifecycle.due()
    assert single.rule == "digest" and single.fields["chat"] == 2


async def test_grouping_window(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock, group_wait="2m")
    assert await lifecycle.admit(alert("a")) == []
    clock.at(1)
    assert await lifecycle.admit(alert("b", symbol="SAP")) == []
    assert await lifecycle.due() == []
    clock.at(2)
    groups = await lifecycle.due()
    assert sorted(chats_of(groups)) == [1, 2]
    assert groups[0].headline == "2 alerts for BABA, SAP" and groups[0].symbol is None
    clock.at(3)
    await lifecycle.admit(alert("c"))
    clock.at(5)
    singles = await lifecycle.due()
    assert [a.rule for a in singles] == ["c", "c"]  # one alert alone is sent as itself
    assert singles[0].id == alert("c").id


async def test_muted_while_held_is_not_sent(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock, group_wait="1m")
    await lifecycle.admit(alert("a"))
    await store.mute(1, "symbol:BABA", T0 + timedelta(hours=1))
    clock.at(1)
    assert chats_of(await lifecycle.due()) == [2]


async def test_a_held_alert_that_meets_telegram_away_is_held_again(store: Store) -> None:
    clock = Clock()
    lifecycle = dispatcher(store, clock, group_wait="2m")
    for chat in CHATS:
        await store.register_chat(chat, "en")
    assert await lifecycle.admit(alert("a")) == []
    api = FakeTelegramAPI()
    await api.start()
    bot = Bot("123456:held-away", base_url=api.base_url)
    await bot.initialize()
    await api.stop()  # from here on the Bot API's port refuses connections
    try:
        delivery = TelegramDelivery(bot, store, sleep=lambda _s: asyncio.sleep(0))
        worker = OutboxWorker(store, delivery, lifecycle=lifecycle, consumer="held-away")
        clock.at(2)
        await worker._deliver_due()
    finally:
        await bot.shutdown()
    state = LifecycleState(store)
    held = {chat: [h.alert.rule for h, _due in await state.held(chat)] for chat in CHATS}
    assert held == {1: ["a"], 2: ["a"]}
    assert await store.failed_deliveries() == []
    clock.at(3)
    assert sorted(chats_of(await lifecycle.due())) == [1, 2]
