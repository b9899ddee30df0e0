"""Delivery faults and guarantees: safe splitting, pacing against Telegram's limits, forum topics,
inline buttons, and exactly one message per (alert, chat) across retries and restarts."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from delivery_setup import drain, subscribe
from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_html import html_to_plain_text
from telegram import Bot
from telegram.ext import ExtBot

from bot import keys
from bot.delivery.limiter import TelegramRateLimiter
from bot.delivery.split import split_message, visible_len
from bot.delivery.telegram import TelegramDelivery
from bot.delivery.unreachable import DeliveryUnreachable
from bot.delivery.worker import OutboxWorker
from bot.store import Store
from handlers.buttons import alert_keyboard
from rules.alert import Alert

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)


def alert(key: str = "a1", symbol: str | None = "BABA") -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity="warning",
        symbol=symbol,
        headline=f"Alibaba plans a capital increase ({key})",
        time=T0,
        dedup_key=key,
        link="https://news.example/1",
    )


# -- splitting --------------------------------------------------------------------------------


def random_html(rng: random.Random, size: int) -> str:
    pieces = []
    while sum(len(piece) for piece in pieces) < size:
        choice = rng.random()
        words = " ".join(
            rng.choice(["Kurs", "Ziel", "Ä", "😀", "&amp;", "&lt;", "x" * 90])
            for _ in range(rng.randint(1, 12))
        )
        if choice < 0.2:
            pieces.append(f"<b>{words}</b>")
        elif choice < 0.35:
            pieces.append(f'<a href="https://x.example/?a=1&amp;b=2">{words} <i>{words}</i></a>')
        elif choice < 0.45:
            pieces.append("\n")
        else:
            pieces.append(words + " ")
    return "".join(pieces)


@pytest.mark.parametrize("seed", range(12))
def test_split_parts_are_valid_html_within_the_limit(seed: int) -> None:
    rng = random.Random(seed)
    text = random_html(rng, rng.choice([5000, 9000, 20000]))
    limit = rng.choice([4096, 1000, 300])
    parts = split_message(text, limit)
    assert len(parts) > 1
    shown_parts = [html_to_plain_text(part) for part in parts]  # raises on a broken tag/entity
    for part in parts:
        assert visible_len(part) <= limit
    # Nothing is lost or invented: the visible words come out in order.
    assert "".join("".join(shown_parts).split()) == "".join(html_to_plain_text(text).split())


def test_split_prefers_line_ends_and_keeps_short_text_whole() -> None:
    assert split_message("short <b>text</b>") == ["short <b>text</b>"]
    lines = [f"<b>line {n}</b> " + "word " * 15 for n in range(100)]
    parts = split_message("\n".join(lines), 1000)
    assert all(part.startswith("<b>line ") and part.endswith("word") for part in parts)


def test_split_never_cuts_an_entity_or_a_tag() -> None:
    text = "<i>" + "&amp;" * 3000 + "</i>"
    parts = split_message(text, 1000)
    assert [visible_len(part) for part in parts] == [1000, 1000, 1000]
    assert all(part.startswith("<i>&amp;") and part.endswith("&amp;</i>") for part in parts)


def test_split_plain_text_counts_utf16_units() -> None:
    parts = split_message("😀" * 3000, 4096, html=False)
    assert [len(part) for part in parts] == [2048, 952]


# -- pacing -----------------------------------------------------------------------------------


class FakeTime:
    """A clock that only moves when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def paced_starts(
    limiter: TelegramRateLimiter, time: FakeTime, chats: list[int]
) -> list[float]:
    starts: list[float] = []

    async def record() -> bool:
        starts.append(time.now)
        return True

    for chat in chats:
        await limiter.process_request(record, (), {}, "sendMessage", {"chat_id": chat}, None)
    return starts


async def test_limiter_spaces_sends_per_bot_per_chat_and_per_group() -> None:
    time = FakeTime()
    limiter = TelegramRateLimiter(per_second=20, clock=time.clock, sleep=time.sleep)
    starts = await paced_starts(limiter, time, [1, 2, 3, 4])
    assert starts == pytest.approx([0.0, 0.05, 0.10, 0.15])
    again = await paced_starts(limiter, time, [1, 1])
    assert again[1] - again[0] == pytest.approx(1.1)
    group = await paced_starts(limiter, time, [-100, -100])
    assert group[1] - group[0] == pytest.approx(3.1)


async def test_limiter_leaves_other_calls_alone() -> None:
    time = FakeTime()
    limiter = TelegramRateLimiter(clock=time.clock, sleep=time.sleep)

    async def call() -> bool:
        return True

    for endpoint in ("getMe", "answerCallbackQuery", "setMyCommands", "sendChatAction"):
        await limiter.process_request(call, (), {}, endpoint, {"chat_id": 1}, None)
    assert time.sleeps == []


@pytest.fixture
async def paced_bot(telegram_api: FakeTelegramAPI) -> AsyncIterator[ExtBot[int]]:
    bot: ExtBot[int] = ExtBot(
        "123456:paced", base_url=telegram_api.base_url, rate_limiter=TelegramRateLimiter()
    )
    await bot.initialize()
    yield bot
    await bot.shutdown()


async def test_several_alerts_to_one_chat_never_hit_the_per_chat_limit(
    paced_bot: ExtBot[int], store: Store, telegram_api: FakeTelegramAPI
) -> None:
    telegram_api.enforce_limits(global_per_sec=30, per_chat_per_sec=1)
    await store.watch(1, "BABA")
    delivery = TelegramDelivery(paced_bot, store)
    await asyncio.gather(*(delivery.deliver(alert(f"k{n}")) for n in range(3)))
    assert len(telegram_api.messages_to(1)) == 3
    assert telegram_api.count_429 == 0


# -- topics, buttons, gone chats ------------------------------------------------------------


async def test_alerts_go_to_the_remembered_topic_and_survive_a_deleted_topic(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    group = -1009
    await subscribe(store, group, "BABA")
    await store.set_topic(group, "BABA", 12)
    delivery = TelegramDelivery(bot, store)
    await delivery.deliver(alert("t1"))
    assert telegram_api.messages_to(group)[-1].message_thread_id == 12

    telegram_api.fail_next("sendMessage", 400, description="Bad Request: message thread not found")
    await delivery.deliver(alert("t2"))
    [_, second] = telegram_api.messages_to(group)
    assert second.message_thread_id is None
    assert second.parse_mode == "HTML"


async def test_alert_buttons_in_the_chat_language(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA", language="de")
    await subscribe(store, 2, "BABA")
    await TelegramDelivery(bot, store, keyboard=alert_keyboard).deliver(alert())
    [german] = telegram_api.messages_to(1)
    [english] = telegram_api.messages_to(2)
    assert german.reply_markup == {
        "inline_keyboard": [
            [
                {"text": "Überblick", "callback_data": "tw:sum:BABA"},
                {"text": "Chart", "callback_data": "tw:chart:BABA"},
                {"text": "1 Tag stumm", "callback_data": "tw:mute:BABA"},
            ]
        ]
    }
    assert english.reply_markup is not None
    assert english.reply_markup["inline_keyboard"][0][0]["text"] == "Summary"
    assert alert_keyboard(alert(symbol=None), "en") is None


async def test_a_blocked_chat_loses_its_topics_and_personal_rules(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, -1005, "BABA")
    await store.set_topic(-1005, "BABA", 3)
    await store.set_personal_rule(-1005, "BABA", "band", {"low": 1, "high": 2})
    telegram_api.block_chat(-1005)
    await TelegramDelivery(bot, store).deliver(alert())
    assert await store.topic_for(-1005, "BABA") is None
    assert await store.personal_rules("BABA") == {}
    assert await store.watchers("BABA") == []


# -- exactly once ------------------------------------------------------------------------------


async def test_a_restarted_sender_does_not_send_again(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await store.watch(1, "BABA")
    await store.watch(2, "BABA")
    telegram_api.fail_next("sendMessage", 500, count=5, chat_id=2)
    first = Bot("123456:first", base_url=telegram_api.base_url)
    async with first:
        sender = TelegramDelivery(first, store, sleep=lambda _s: asyncio.sleep(0))
        await sender.deliver(alert())
    assert len(telegram_api.messages_to(1)) == 1
    assert telegram_api.messages_to(2) == []

    # A new process: the alert is delivered again (e.g. reclaimed from the outbox).
    second = Bot("123456:second", base_url=telegram_api.base_url)
    async with second:
        await TelegramDelivery(second, store).deliver(alert())
    assert len(telegram_api.messages_to(1)) == 1  # not twice
    assert len(telegram_api.messages_to(2)) == 1  # the missing one arrives


async def test_server_errors_of_a_bot_api_that_answers_nothing_keep_the_alert_waiting(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await store.watch(1, "BABA")
    async with Bot("123456:outage", base_url=telegram_api.base_url) as bot:
        telegram_api.fail_next("sendMessage", 502, count=5)
        telegram_api.fail_next("getMe", 502)
        delivery = TelegramDelivery(bot, store, sleep=lambda _s: asyncio.sleep(0))
        with pytest.raises(DeliveryUnreachable):
            await delivery.deliver(alert("outage"))
        assert await store.failed_deliveries() == []
        await delivery.deliver(alert("outage"))  # the outbox tries it again, once it answers
    assert len(telegram_api.messages_to(1)) == 1


async def test_an_unacknowledged_outbox_entry_is_not_sent_twice(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await store.watch(1, "BABA")
    await store.enqueue([alert("crash")])
    delivery = TelegramDelivery(bot, store)
    # A worker that sent the alert and died before acknowledging the stream entry.
    await store.ensure_outbox_group()
    [entry] = await store.read_outbox("dead", count=10, block_ms=10)
    await delivery.deliver(entry.alert)
    # Its successor reads the same entry again.
    await store.redis.xgroup_setid(keys.outbox("warning"), keys.OUTBOX_GROUP, id="0")
    worker = OutboxWorker(store, delivery, consumer="dead")
    await drain(worker)
    assert worker.delivered == 1
    assert len(telegram_api.messages_to(1)) == 1
