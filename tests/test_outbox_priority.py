"""The outbox hands out critical alerts before warnings before info, and a newer price alert
replaces an older one of the same rule and symbol that was not sent yet."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from delivery_setup import drain, subscribe
from fakes.telegram_api import FakeTelegramAPI
from telegram import Bot

from bot import keys
from bot.delivery.telegram import TelegramDelivery
from bot.delivery.worker import OutboxWorker
from bot.store import Store
from rules.alert import Alert, Severity

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)
CHAT = 41


def news(key: str, severity: Severity = "info", symbol: str = "BABA") -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity=severity,
        symbol=symbol,
        headline=f"headline {key}",
        time=T0,
        dedup_key=key,
    )


def band(price: float, *, chat: int | None = None, rule: str = "alibaba-band") -> Alert:
    fields: dict[str, object] = {"price": price}
    if chat is not None:
        fields["chat"] = chat
    return Alert(
        rule=rule,
        type="price_band" if chat is None else "personal",
        severity="warning",
        symbol="BABA",
        headline=f"BABA now {price}",
        time=T0,
        dedup_key=f"{rule}:{price}:{chat}",
        fields=fields,
    )


async def read_all(store: Store, consumer: str = "reader") -> list[Alert]:
    await store.ensure_outbox_group()
    entries = await store.read_outbox(consumer, count=50, block_ms=10)
    for entry in entries:
        await store.ack(entry)
    return [entry.alert for entry in entries]


async def test_a_batch_comes_critical_first_then_warning_then_info(store: Store) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([news("i1"), news("w1", "warning"), news("i2"), news("c1", "critical")])
    await store.enqueue([news("w2", "warning")])
    read = await read_all(store)
    assert [alert.dedup_key for alert in read] == ["c1", "w1", "w2", "i1", "i2"]


async def test_the_worker_sends_a_critical_alert_ahead_of_the_info_backlog(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, CHAT, "BABA")
    await store.enqueue([news(f"backlog-{n}") for n in range(5)])
    await store.enqueue([news("urgent", "critical")])
    await drain(OutboxWorker(store, TelegramDelivery(bot, store), consumer="one"))
    texts = [text or "" for text in telegram_api.texts_to(CHAT)]
    assert len(texts) == 6
    assert "headline urgent" in texts[0]
    assert all("backlog" in text for text in texts[1:])


async def test_a_newer_price_alert_replaces_an_unsent_older_one(store: Store) -> None:
    await store.enqueue([band(158.0), band(159.0)])
    await store.enqueue([band(160.5)])
    read = await read_all(store)
    assert [alert.fields["price"] for alert in read] == [160.5]
    # The replaced entries are gone, and so is the record of the newest once it was handled.
    backlog, _oldest = await store.outbox_backlog()
    assert backlog == 0
    assert await store.redis.hlen(keys.outbox_latest()) == 0


async def test_news_and_other_chats_and_rules_are_never_replaced(store: Store) -> None:
    alerts = [
        news("first"),
        news("second"),  # another headline of the same rule and symbol: news of its own
        band(158.0, chat=1),
        band(158.5, chat=2),  # the same personal rule of another chat
        band(159.0),
        band(159.5, rule="meta-band"),
    ]
    await store.enqueue(alerts)
    read = await read_all(store)
    assert sorted(alert.id for alert in read) == sorted(alert.id for alert in alerts)


async def test_only_what_waits_is_replaced(store: Store) -> None:
    """An alert already in a worker's hands goes out; read again after that worker crashed, it
    counts as waiting, and the newer one replaces it for the chats it had not reached yet."""
    await store.ensure_outbox_group()
    await store.enqueue([band(158.0)])
    [in_hand] = await store.read_outbox("crashed", count=10, block_ms=10)
    await store.enqueue([band(161.0)])
    assert in_hand.alert.fields["price"] == 158.0
    after_restart = await read_all(store, "crashed")
    assert [alert.fields["price"] for alert in after_restart] == [161.0]
    backlog, _oldest = await store.outbox_backlog()
    assert backlog == 0


async def test_alerts_left_in_the_single_stream_of_earlier_versions_are_moved(
    store: Store,
) -> None:
    waiting = news("from-before", "critical")
    await store.redis.xadd(keys.legacy_outbox(), {"alert": json.dumps(waiting.to_dict())})
    read = await read_all(store)
    assert [alert.id for alert in read] == [waiting.id]
    assert not await store.redis.exists(keys.legacy_outbox())
