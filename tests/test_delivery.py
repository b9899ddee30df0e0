"""Rendering, Telegram delivery through the real python-telegram-bot against the fake Bot API,
and the outbox worker draining into the console."""

from __future__ import annotations

import asyncio
import html
import io
import json
import re
from datetime import UTC, datetime

import pytest
from delivery_setup import drain, subscribe
from fakes.telegram_api import FakeTelegramAPI
from redis.exceptions import ConnectionError as RedisConnectionError
from telegram import Bot

from bot import keys
from bot.delivery.console import ConsoleDelivery
from bot.delivery.render import TELEGRAM_LIMIT, render_html, render_plain
from bot.delivery.telegram import SEND_ATTEMPTS, TelegramDelivery
from bot.delivery.worker import OutboxWorker
from bot.store import Store
from rules.alert import Alert, Severity

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)


def alert(
    headline: str = "Alibaba plant Kapitalerhöhung",
    *,
    symbol: str | None = "BABA",
    severity: Severity = "warning",
    details: list[str] | None = None,
    link: str | None = "https://news.example/1",
    key: str = "item-1",
) -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity=severity,
        symbol=symbol,
        headline=headline,
        time=T0,
        dedup_key=f"{key}:{symbol}",
        details=["matched: Kapitalerhöhung · wire-de"] if details is None else details,
        link=link,
    )


def visible(html_text: str) -> str:
    """What a Telegram client shows for an HTML message."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


# -- render -----------------------------------------------------------------------------------


def test_render_html_layout() -> None:
    assert render_html(alert()) == (
        "⚠️ <b>BABA</b> · capital-raise\n"
        "Alibaba plant Kapitalerhöhung\n"
        "<i>matched: Kapitalerhöhung · wire-de</i>\n"
        '<a href="https://news.example/1">Source</a>'
    )


def test_render_html_escapes_hostile_strings() -> None:
    hostile = alert(
        "<script>alert(1)</script> Q&A <b>bold</b>",
        details=["</i><a href='javascript:x'>click</a>"],
        link='https://news.example/?q="><script>&x=1',
    )
    text = render_html(hostile)
    assert "<script>" not in text and "</i><a" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Q&amp;A &lt;b&gt;bold&lt;/b&gt;" in text
    assert '<a href="https://news.example/?q=&quot;&gt;&lt;script&gt;&amp;x=1">Source</a>' in text
    assert visible(text).splitlines()[1] == hostile.headline


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://news.example/x"])
def test_render_html_drops_links_it_cannot_vouch_for(link: str) -> None:
    assert "<a " not in render_html(alert(link=link))


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("https://x.example/story?utm=" + "a" * 2000 + "#top", 'href="https://x.example/story"'),
        ("https://x.example/" + "a" * 2000, 'href="https://x.example/"'),
    ],
)
def test_render_html_shortens_over_long_links(link: str, kept: str) -> None:
    assert kept in render_html(alert(link=link))


def test_render_html_without_symbol_or_link() -> None:
    text = render_html(alert(symbol=None, link=None, severity="critical", details=[]))
    assert text == "🚨 capital-raise\nAlibaba plant Kapitalerhöhung"


def test_a_10kb_headline_fits_one_message() -> None:
    long = alert("Alibaba " * 1300)
    assert len(long.headline) > 10_000
    text = render_html(long)
    assert len(text) <= TELEGRAM_LIMIT
    assert text.splitlines()[1].endswith("…")
    assert len(render_plain(long)) <= TELEGRAM_LIMIT


def test_everything_oversized_and_hostile_still_fits() -> None:
    worst = alert("&<>" * 4000, details=["<&>" * 4000] * 20, link="https://x.example/" + "&" * 900)
    assert len(visible(render_html(worst))) <= TELEGRAM_LIMIT
    assert len(render_plain(worst)) <= TELEGRAM_LIMIT


def test_render_html_collapses_newlines_in_external_text() -> None:
    text = render_html(alert("line one\nline two\r\n\tline three", details=["a\nb"]))
    assert text.splitlines()[1:3] == ["line one line two line three", "<i>a b</i>"]


def test_render_plain() -> None:
    assert render_plain(alert(severity="info")) == (
        "INFO [BABA] capital-raise: Alibaba plant Kapitalerhöhung\n"
        "  matched: Kapitalerhöhung · wire-de\n"
        "  https://news.example/1"
    )
    assert render_plain(alert(symbol=None, link=None, details=[])) == (
        "WARNING capital-raise: Alibaba plant Kapitalerhöhung"
    )
    assert render_plain(alert("<b>&</b>")).splitlines()[0].endswith(": <b>&</b>")


# -- TelegramDelivery -------------------------------------------------------------------------


class RecordingSleep:
    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
def sleeps() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def delivery(bot: Bot, store: Store, sleeps: RecordingSleep) -> TelegramDelivery:
    return TelegramDelivery(bot, store, sleep=sleeps)


def send_calls(api: FakeTelegramAPI) -> list[tuple[int | None, int]]:
    return [(call.chat_id, call.status) for call in api.calls_of("sendMessage")]


async def test_alert_goes_to_the_watchers_of_its_symbol(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "BABA", "META")
    await subscribe(store, 3, "META")
    sent = alert()
    await delivery.deliver(sent)
    [to_one] = telegram_api.messages_to(1)
    assert to_one.text == render_html(sent)
    assert to_one.parse_mode == "HTML"
    assert to_one.disable_notification is False
    assert len(telegram_api.messages_to(2)) == 1
    assert telegram_api.messages_to(3) == []
    assert await store.was_sent(sent.id, 1) and await store.was_sent(sent.id, 2)


async def test_hostile_alert_is_accepted_as_html(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    hostile = alert(
        "<script>x</script> & <b>" + "Ä" * 5000,
        details=["</i>&amp;<" * 200] * 12,
        link='https://news.example/?a="1"&b=<2>',
    )
    await delivery.deliver(hostile)
    [record] = telegram_api.messages_to(1)
    assert record.parse_mode == "HTML"
    assert send_calls(telegram_api) == [(1, 200)]


async def test_429_waits_retry_after_then_sends(
    delivery: TelegramDelivery,
    store: Store,
    telegram_api: FakeTelegramAPI,
    sleeps: RecordingSleep,
) -> None:
    await subscribe(store, 1, "BABA")
    telegram_api.fail_next("sendMessage", 429, retry_after=7)
    await delivery.deliver(alert())
    assert sleeps.seconds == [7.0]
    assert send_calls(telegram_api) == [(1, 429), (1, 200)]
    assert len(telegram_api.messages_to(1)) == 1


async def test_403_drops_the_chat_and_spares_the_others(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "BABA", "META")
    telegram_api.block_chat(2)
    await delivery.deliver(alert())
    assert len(telegram_api.messages_to(1)) == 1
    assert await store.watched(2) == []
    assert await store.watchers("BABA") == [1]
    assert await store.watchers("META") == []
    # Recorded once, with Telegram's reason; not sent again.
    [failure] = await store.failed_deliveries()
    assert failure["chat"] == 2 and "blocked" in failure["error"]
    await delivery.deliver(alert(key="item-2"))
    assert [call.chat_id for call in telegram_api.calls_of("sendMessage")] == [1, 2, 1]


async def test_chat_not_found_drops_the_chat(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 5, "BABA")
    telegram_api.fail_next("sendMessage", 400, description="Bad Request: chat not found")
    await delivery.deliver(alert())
    assert await store.watchers("BABA") == []
    assert send_calls(telegram_api) == [(5, 400)]


async def test_unparseable_html_falls_back_to_plain_text(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    telegram_api.fail_next(
        "sendMessage", 400, description="Bad Request: can't parse entities: unsupported tag"
    )
    sent = alert()
    await delivery.deliver(sent)
    [record] = telegram_api.messages_to(1)
    assert record.text == render_plain(sent)
    assert record.parse_mode is None
    assert await store.was_sent(sent.id, 1)


async def test_server_errors_are_retried_with_back_off(
    delivery: TelegramDelivery,
    store: Store,
    telegram_api: FakeTelegramAPI,
    sleeps: RecordingSleep,
) -> None:
    await subscribe(store, 1, "BABA")
    telegram_api.fail_next("sendMessage", 500, count=2)
    await delivery.deliver(alert())
    assert sleeps.seconds == [1.0, 2.0]
    assert send_calls(telegram_api) == [(1, 500), (1, 500), (1, 200)]
    assert len(telegram_api.messages_to(1)) == 1


async def test_permanent_failure_is_recorded_and_retried_on_the_next_delivery(
    delivery: TelegramDelivery,
    store: Store,
    telegram_api: FakeTelegramAPI,
    sleeps: RecordingSleep,
) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "BABA")
    telegram_api.fail_next("sendMessage", 502, count=SEND_ATTEMPTS, chat_id=2)
    failing = alert()
    await delivery.deliver(failing)
    assert len(telegram_api.messages_to(1)) == 1
    assert telegram_api.messages_to(2) == []
    # Back-off between attempts, none after the last one.
    assert sleeps.seconds == [1.0, 2.0, 4.0, 8.0]
    [failure] = await store.failed_deliveries()
    assert failure["alert"] == failing.id
    assert failure["chat"] == 2
    assert failure["rule"] == "capital-raise"
    assert "Bad Gateway" in failure["error"]
    assert not await store.was_sent(failing.id, 2)

    await delivery.deliver(failing)
    assert len(telegram_api.messages_to(1)) == 1
    assert len(telegram_api.messages_to(2)) == 1


async def test_plain_text_rejected_too_is_a_failure(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    telegram_api.fail_next("sendMessage", 400, count=2, description="Bad Request: message is weird")
    await delivery.deliver(alert())
    assert send_calls(telegram_api) == [(1, 400), (1, 400)]
    [failure] = await store.failed_deliveries()
    assert "message is weird" in failure["error"].lower()
    assert await store.watchers("BABA") == [1]


async def test_the_same_alert_is_sent_once_per_chat(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "BABA")
    sent = alert()
    await delivery.deliver(sent)
    await delivery.deliver(sent)
    await delivery.deliver(alert(key="item-1"))
    assert len(telegram_api.messages_to(1)) == 1
    assert len(telegram_api.messages_to(2)) == 1
    await delivery.deliver(alert(key="item-2"))
    assert len(telegram_api.messages_to(1)) == 2


async def test_symbol_less_alert_goes_only_to_the_followers_of_its_rule(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "META")
    await subscribe(store, -100123, "SAP")
    await subscribe(store, 4)  # registered, watches nothing
    await delivery.deliver(alert(symbol=None))
    assert telegram_api.sent == []
    await store.follow(2, "capital-raise")
    await store.follow(4, "capital-raise")
    await store.follow(1, "another-rule")
    await delivery.deliver(alert(symbol=None, key="item-2"))
    assert sorted(record.chat_id for record in telegram_api.sent) == [2, 4]


async def test_info_alerts_are_silent(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await subscribe(store, 1, "BABA")
    await delivery.deliver(alert(severity="info", key="quiet"))
    await delivery.deliver(alert(severity="critical", key="loud"))
    quiet, loud = telegram_api.messages_to(1)
    assert quiet.disable_notification is True
    assert loud.disable_notification is False


async def test_no_watchers_no_calls(
    delivery: TelegramDelivery, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await delivery.deliver(alert())
    assert telegram_api.calls_of("sendMessage") == []


# -- OutboxWorker -----------------------------------------------------------------------------


async def test_worker_prints_each_alert_once(store: Store) -> None:
    out = io.StringIO()
    alerts = [alert(f"Headline {n}", key=f"item-{n}") for n in range(3)]
    await store.enqueue(alerts)
    worker = OutboxWorker(store, ConsoleDelivery(out), consumer="test")
    await drain(worker)
    printed = out.getvalue()
    for sent in alerts:
        assert printed.count(render_plain(sent)) == 1
    assert worker.delivered == 3
    assert await store.redis.xlen(keys.outbox("warning")) == 0

    again = OutboxWorker(store, ConsoleDelivery(out), consumer="test")
    await drain(again)
    assert out.getvalue() == printed


async def test_worker_json_lines(store: Store) -> None:
    out = io.StringIO()
    await store.enqueue([alert(symbol=None)])
    await drain(OutboxWorker(store, ConsoleDelivery(out, as_json=True), consumer="test"))
    [line] = out.getvalue().splitlines()
    record = json.loads(line)
    assert record["symbol"] is None
    assert record["text"] == render_plain(alert(symbol=None))
    assert record["id"] == alert(symbol=None).id


async def commands_called(store: Store, *names: str) -> dict[str, int]:
    """Calls of each command since the last reset, its subcommands counted with it (Redis 7
    counts `xinfo|consumers` apart, Redis 6 as `xinfo`)."""
    stats = await store.redis.info("commandstats")
    return {
        name: sum(
            int(counts["calls"])
            for stat, counts in stats.items()
            if stat == f"cmdstat_{name}" or stat.startswith(f"cmdstat_{name}|")
        )
        for name in names
    }


async def test_an_idle_worker_waits_with_one_blocking_read_at_a_time(store: Store) -> None:
    worker = OutboxWorker(
        store, ConsoleDelivery(io.StringIO()), consumer="test", look_around_every_s=3600
    )
    await store.redis.config_resetstat()
    task = asyncio.create_task(worker.run())
    try:
        # Five blocking reads, each BLOCK_MS long: well past the start's own look-around.
        for _ in range(400):
            if (await commands_called(store, "xreadgroup"))["xreadgroup"] >= 6:
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the worker made fewer than five blocking reads in 20 s")
    finally:
        worker.stop()
        await asyncio.wait_for(task, 10)
    called = await commands_called(store, "xautoclaim", "xinfo")
    # The start reads this consumer's unacknowledged entries and stuck ones once (a read and
    # one XAUTOCLAIM per priority stream); every later wait is one blocking read alone.
    assert called["xautoclaim"] == len(keys.OUTBOX_PRIORITIES)
    assert called["xinfo"] == 2 * len(keys.OUTBOX_PRIORITIES)


class FlakyDelivery:
    def __init__(self) -> None:
        self.delivered: list[str] = []

    async def deliver(self, sent: Alert) -> None:
        if sent.headline == "broken":
            raise RuntimeError("delivery defect")
        self.delivered.append(sent.headline)


async def test_a_failing_delivery_does_not_block_the_queue(store: Store) -> None:
    await store.enqueue([alert("first", key="1"), alert("broken", key="2"), alert("last", key="3")])
    flaky = FlakyDelivery()
    await drain(OutboxWorker(store, flaky, consumer="test"))
    assert flaky.delivered == ["first", "last"]
    assert await store.redis.xlen(keys.outbox("warning")) == 0


class RedisHiccupDelivery:
    """Delivers, except that the first attempt at one alert meets a lost Redis connection."""

    def __init__(self) -> None:
        self.delivered: list[str] = []
        self.failed_once = False

    async def deliver(self, sent: Alert) -> None:
        if sent.headline == "second" and not self.failed_once:
            self.failed_once = True
            raise RedisConnectionError("connection reset")
        self.delivered.append(sent.headline)


async def test_a_redis_error_mid_batch_retries_the_rest_once(store: Store) -> None:
    await store.enqueue(
        [alert("first", key="1"), alert("second", key="2"), alert("third", key="3")]
    )
    hiccup = RedisHiccupDelivery()
    worker = OutboxWorker(store, hiccup, consumer="test")
    await drain(worker)
    assert hiccup.failed_once
    assert hiccup.delivered == ["first", "second", "third"]
    assert worker.delivered == 3
    assert await store.redis.xlen(keys.outbox("warning")) == 0


async def test_an_unreadable_outbox_entry_is_dropped_and_the_queue_goes_on(store: Store) -> None:
    await store.redis.xadd(keys.outbox("warning"), {"alert": "{not json"})
    await store.redis.xadd(keys.outbox("warning"), {"something": "else"})
    await store.enqueue([alert("after", key="4")])
    flaky = FlakyDelivery()
    await drain(OutboxWorker(store, flaky, consumer="test"))
    assert flaky.delivered == ["after"]
    assert await store.redis.xlen(keys.outbox("warning")) == 0
