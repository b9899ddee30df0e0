"""Store operations against the real redis-server: subscriptions, outbox, marks and key bounds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from delivery_setup import subscribe

from bot import keys
from bot.models import NewsItem, Quote
from bot.pipeline import Pipeline
from bot.pipeline.engine import RulesEngine
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store
from rules.alert import Alert
from rules.events import AnalystAction, Consensus, Event, Partnership
from rules.types.keyword import KeywordOptions, KeywordRule

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)

# Keys without a TTL, each with the bound bot/keys.py documents for it.
BOUNDED_WITHOUT_TTL = {
    **{keys.outbox(priority): keys.OUTBOX_MAXLEN for priority in keys.OUTBOX_PRIORITIES},
    keys.delivery_failures(): keys.DELIVERY_FAILURES_MAX,
    keys.recent_alerts(): keys.RECENT_ALERTS_MAX,
}


def alert(number: int, symbol: str | None = "BABA") -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity="warning",
        symbol=symbol,
        headline=f"Headline {number}",
        time=T0,
        dedup_key=f"item-{number}:{symbol}",
        details=["matched: offering"],
        link=f"https://news.example/{number}",
        fields={"item_id": f"item-{number}"},
    )


# -- subscriptions ----------------------------------------------------------------------------


async def test_watch_and_unwatch(store: Store) -> None:
    await store.register_chat(1, "de")
    assert await store.watch(1, "BABA") is True
    assert await store.watch(1, "BABA") is False
    assert await store.watch(1, "META") is True
    await subscribe(store, 2, "BABA")
    assert await store.watched(1) == ["BABA", "META"]
    assert await store.watchers("BABA") == [1, 2]
    assert await store.chat_language(1) == "de"
    assert await store.chat_language(99) == "en"

    assert await store.unwatch(1, "BABA") is True
    assert await store.unwatch(1, "BABA") is False
    assert await store.watched(1) == ["META"]
    assert await store.watchers("BABA") == [2]


async def test_subscribers_are_chats_that_watch_something(store: Store) -> None:
    await subscribe(store, 1, "BABA")
    await subscribe(store, 2, "META", "SAP")
    await subscribe(store, 3)
    assert await store.subscribers() == [1, 2]
    await store.unwatch(1, "BABA")
    assert await store.subscribers() == [2]


async def test_no_subscribers_in_an_empty_store(store: Store) -> None:
    assert await store.subscribers() == []
    assert await store.watchers("BABA") == []
    assert await store.watched(1) == []


async def test_forget_chat_drops_every_subscription(store: Store) -> None:
    await subscribe(store, 1, "BABA", "META")
    await subscribe(store, 2, "BABA")
    await store.forget_chat(1)
    assert await store.watched(1) == []
    assert await store.watchers("BABA") == [2]
    assert await store.watchers("META") == []
    assert await store.subscribers() == [2]
    assert not await store.redis.hexists(keys.chats(), "1")


async def test_watch_limit(store: Store) -> None:
    await store.register_chat(1, None)
    for number in range(keys.WATCH_MAX):
        assert await store.watch(1, f"S{number}") is True
    with pytest.raises(ValueError, match=f"at most {keys.WATCH_MAX} symbols"):
        await store.watch(1, "ONE.MORE")
    assert await store.watch(1, "S0") is False
    assert len(await store.watched(1)) == keys.WATCH_MAX
    assert await store.watchers("ONE.MORE") == []


# -- outbox -----------------------------------------------------------------------------------


async def test_enqueue_read_ack(store: Store) -> None:
    await store.ensure_outbox_group()
    await store.ensure_outbox_group()  # a second start finds the group already there
    assert await store.enqueue([alert(1), alert(2, symbol=None)]) == 2
    assert await store.enqueue([]) == 0
    entries = await store.read_outbox("worker-a", count=10, block_ms=10)
    assert [entry.alert for entry in entries] == [alert(1), alert(2, symbol=None)]
    assert [entry.alert.id for entry in entries] == [alert(1).id, alert(2, None).id]
    # Unacknowledged entries come back to their own consumer (a batch cut short), not to others.
    again = await store.read_outbox("worker-a", count=10, block_ms=10)
    assert [entry.entry_id for entry in again] == [entry.entry_id for entry in entries]
    assert await store.read_outbox("worker-b", count=10, block_ms=10) == []
    for entry in entries:
        await store.ack(entry)
    pending = await store.redis.xpending(keys.outbox("warning"), keys.OUTBOX_GROUP)
    assert pending["pending"] == 0
    assert await store.redis.xlen(keys.outbox("warning")) == 0


async def test_entries_enqueued_before_the_group_exists_are_delivered(store: Store) -> None:
    await store.enqueue([alert(1)])
    await store.ensure_outbox_group()
    [entry] = await store.read_outbox("worker-a", count=10, block_ms=10)
    assert entry.alert == alert(1)


async def test_read_honours_count(store: Store) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([alert(n) for n in range(5)])
    first = await store.read_outbox("worker-a", count=2, block_ms=10)
    for entry in first:
        await store.ack(entry)
    rest = await store.read_outbox("worker-a", count=10, block_ms=10)
    assert [e.alert.headline for e in first + rest] == [f"Headline {n}" for n in range(5)]


async def test_an_entry_left_pending_is_reclaimed_only_once_idle(store: Store) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([alert(1)])
    [taken] = await store.read_outbox("crashed-worker", count=10, block_ms=10)

    # Another consumer does not steal an entry that is still being worked on.
    assert await store.read_outbox("worker-b", count=10, block_ms=10) == []

    # Age the pending entry past the reclaim threshold without waiting for it: XCLAIM with IDLE
    # keeps the owner and sets the idle time.
    await store.redis.xclaim(
        keys.outbox("warning"),
        keys.OUTBOX_GROUP,
        "crashed-worker",
        0,
        [taken.entry_id],
        idle=120_000,
    )
    [reclaimed] = await store.read_outbox("worker-b", count=10, block_ms=10)
    assert reclaimed.entry_id == taken.entry_id
    assert reclaimed.alert == alert(1)
    [row] = await store.redis.xpending_range(
        keys.outbox("warning"), keys.OUTBOX_GROUP, min="-", max="+", count=10
    )
    assert row["consumer"] == "worker-b"

    await store.ack(reclaimed)
    assert await store.read_outbox("worker-c", count=10, block_ms=10) == []


async def test_reclaim_skips_entries_deleted_meanwhile(store: Store) -> None:
    await store.ensure_outbox_group()
    await store.enqueue([alert(1), alert(2)])
    first, second = await store.read_outbox("crashed-worker", count=10, block_ms=10)
    await store.redis.xdel(keys.outbox("warning"), first.entry_id)
    await store.redis.xclaim(
        keys.outbox("warning"),
        keys.OUTBOX_GROUP,
        "crashed-worker",
        0,
        [second.entry_id],
        idle=120_000,
    )
    entries = await store.read_outbox("worker-b", count=10, block_ms=10)
    assert [entry.alert for entry in entries] == [alert(2)]


# -- delivery marks and failures --------------------------------------------------------------


async def test_sent_marks_are_per_alert_and_chat(store: Store) -> None:
    sent = alert(1)
    assert not await store.was_sent(sent.id, 1)
    await store.mark_sent(sent.id, 1)
    assert await store.was_sent(sent.id, 1)
    assert not await store.was_sent(sent.id, 2)
    assert not await store.was_sent(alert(2).id, 1)
    assert 0 < await store.redis.ttl(keys.sent(sent.id, 1)) <= keys.SENT_TTL


async def test_failed_deliveries_newest_first_and_trimmed(store: Store) -> None:
    for number in range(keys.DELIVERY_FAILURES_MAX + 5):
        await store.record_failed_delivery(alert(number), 7, f"error {number}")
    failures = await store.failed_deliveries()
    assert len(failures) == keys.DELIVERY_FAILURES_MAX
    newest = keys.DELIVERY_FAILURES_MAX + 4
    assert failures[0] == {
        "alert": alert(newest).id,
        "rule": "capital-raise",
        "chat": 7,
        "error": f"error {newest}",
    }
    assert failures[-1]["error"] == "error 5"


async def test_headlines_keep_the_newest(store: Store) -> None:
    for minute in range(keys.HEADLINES_MAX + 3):
        await store.add_headline("BABA", news(f"n{minute}", minute))
    kept = await store.headlines("BABA", count=keys.HEADLINES_MAX + 10)
    assert len(kept) == keys.HEADLINES_MAX
    assert kept[0].title == f"Title n{keys.HEADLINES_MAX + 2}"
    assert kept[-1].title == "Title n3"


async def test_source_health_counts(store: Store) -> None:
    await store.record_source("wire", T0, ok=False, error="timeout")
    await store.record_source("wire", T0 + timedelta(minutes=1), ok=False, error="HTTP 503")
    health = await store.source_health("wire")
    assert (health["failures"], health["consecutive_failures"]) == ("2", "2")
    assert health["last_error"] == "HTTP 503"
    await store.record_source("wire", T0 + timedelta(minutes=2), ok=True)
    health = await store.source_health("wire")
    assert (health["successes"], health["consecutive_failures"]) == ("1", "0")
    assert health["last_success"] == (T0 + timedelta(minutes=2)).isoformat()


async def test_feed_state_round_trip(store: Store) -> None:
    await store.save_feed_state("wire", {"etag": '"abc"', "last_modified": None})
    assert await store.feed_state("wire") == {"etag": '"abc"'}
    await store.save_feed_state("wire", {"etag": None})
    assert await store.feed_state("wire") == {}


# -- every key expires or is bounded ----------------------------------------------------------


def news(item_id: str, minute: int = 0) -> NewsItem:
    return NewsItem(
        id=item_id,
        source="wire",
        title=f"Title {item_id}",
        summary="",
        link=f"https://news.example/{item_id}",
        published=T0 + timedelta(minutes=minute),
        lang="en",
        symbols=("BABA",),
    )


def market_events(
    text: str, lang: str | None, default: str, subject: str | None = None
) -> list[Event]:
    return [
        AnalystAction("Jefferies", "Alibaba", "main", "Buy", "raise", 212.0, 190.0, "USD"),
        Consensus("Alibaba", mean_target=200.0, buy=30, hold=5, sell=1, currency="USD"),
        Partnership(("Meta", "Alibaba")),
    ]


async def run_pipeline(store: Store) -> None:
    """Two wires telling the same stories: targets, consensus, story and title keys."""
    pipeline = Pipeline(
        store=store,
        matcher=SymbolMatcher({"BABA": ["Alibaba"], "META": ["Meta"]}),
        engine=RulesEngine([KeywordRule(KeywordOptions(name="kw", any=["Alibaba"]))], store),
        extractor=market_events,
    )
    first = news("wire-1")
    repeat = NewsItem(
        "wire-2", "other", "Title wire-1", "", "https://other.example/1", T0, "en", ("BABA",)
    )
    await pipeline.process_items([first], T0)
    await pipeline.process_items([repeat], T0 + timedelta(minutes=1))
    await pipeline.process_quotes([Quote("META", 590.0, T0, "USD")], T0)


async def run_every_write(store: Store) -> None:
    await run_pipeline(store)
    await store.mark_seen(["item-1", "item-2"])
    await store.save_feed_state("wire", {"etag": '"e1"', "last_modified": "Mon", "body_hash": "h"})
    await store.add_headline("BABA", news("item-1"))
    await store.add_quote(Quote("BABA", 155.0, T0, "USD", 150.0))
    await store.set("band", "BABA", "above")
    await subscribe(store, 1, "BABA", "META")
    await subscribe(store, 2, "SAP")
    await store.unwatch(2, "SAP")
    await store.ensure_outbox_group()
    await store.enqueue([alert(1), alert(2), alert(3)])
    entries = await store.read_outbox("worker-a", count=1, block_ms=10)
    await store.ack(entries[0])
    await store.mark_sent(alert(1).id, 1)
    await store.record_failed_delivery(alert(2), 1, "Forbidden")
    await store.record_source("wire", T0, ok=True)
    await store.record_source("prices", T0, ok=False, error="HTTP 429")


async def test_every_key_has_a_ttl_or_a_documented_bound(store: Store) -> None:
    await run_every_write(store)
    found = [key async for key in store.redis.scan_iter(match="*", count=1000)]
    assert len(found) >= 20
    unbounded = []
    for key in found:
        assert key.startswith(f"{keys.PREFIX}:"), key
        ttl = await store.redis.ttl(key)
        if ttl == -1 and key not in BOUNDED_WITHOUT_TTL:
            unbounded.append(key)
        elif ttl != -1:
            assert ttl > 0, key
    assert unbounded == []
    assert set(BOUNDED_WITHOUT_TTL) <= set(found)
