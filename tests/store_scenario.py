"""One run through the store and the pipeline as the bot uses them, checking what it reads back:
subscriptions, feed state, seen marks, the outbox and its consumers, delivery marks, cooldowns,
combos, the quote guard, stories, quotes, personal rules, held alerts, stored feeds, a group
moved to its supergroup's id, and the clean-up of a chat that blocked the bot. Run on a single
Redis and on a Redis Cluster alike."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.config import StoredFeed
from bot.lifecycle.settings import AlertSettings
from bot.lifecycle.state import LifecycleState
from bot.models import NewsItem, Quote
from bot.pipeline import Pipeline
from bot.pipeline.engine import RulesEngine
from bot.pipeline.lifecycle import install
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store
from bot.store.outbox import DEAD_CLAIM_IDLE_MS
from rules.alert import Alert
from rules.events import AnalystAction, Event, Partnership
from rules.types.combo import ComboOptions, ComboRule
from rules.types.keyword import KeywordOptions, KeywordRule

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _events(text: str, lang: str | None, default: str, subject: str | None = None) -> list[Event]:
    if "Jefferies" not in text:
        return []
    return [
        AnalystAction("Jefferies", "Alibaba", "main", "Buy", "raise", 212.0, 190.0, "USD"),
        Partnership(("Meta", "Alibaba")),
    ]


def _item(
    item_id: str,
    source: str,
    minute: int,
    title: str = "Alibaba offering priced, Jefferies raises target",
) -> NewsItem:
    return NewsItem(
        id=item_id,
        source=source,
        title=title,
        summary="",
        link=f"https://news.example/{item_id}",
        published=T0 + timedelta(minutes=minute),
        lang="en",
    )


def _alert(number: int) -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity="warning",
        symbol="BABA",
        headline=f"Headline {number}",
        time=T0,
        dedup_key=f"item-{number}",
        fields={"item_id": f"item-{number}"},
    )


def _pipeline(store: Store) -> Pipeline:
    rules = [
        KeywordRule(KeywordOptions(name="offering", any=["offering"], cooldown=timedelta(hours=1))),
        KeywordRule(KeywordOptions(name="target", any=["target"])),
        ComboRule(ComboOptions(name="both", all=["offering", "target"], within=timedelta(hours=1))),
    ]
    pipeline = Pipeline(
        store=store,
        matcher=SymbolMatcher({"BABA": ["Alibaba"], "META": ["Meta"]}),
        engine=RulesEngine(list(rules), store),
        extractor=_events,
    )
    install(pipeline, AlertSettings(), rules, store)
    return pipeline


async def subscriptions(store: Store) -> None:
    for chat in (1, 2):
        await store.register_chat(chat, "en")
    assert await store.watch(1, "BABA")
    assert await store.watch(1, "META")
    assert not await store.watch(1, "BABA")
    assert await store.watch(2, "BABA")
    assert await store.follow(2, "offering")
    assert await store.unwatch(1, "META")
    assert await store.watched(1) == ["BABA"]
    assert await store.watchers("BABA") == [1, 2]
    assert await store.watchers("META") == []
    assert await store.followers("offering") == [2]
    assert await store.subscribers() == [1, 2]
    assert await store.repair_subscriptions() == 0


async def pipeline_paths(store: Store) -> list[Alert]:
    pipeline = _pipeline(store)
    await store.mark_seen(["old-item"])
    assert await store.unseen(["old-item", "new-item"]) == [False, True]
    await store.save_feed_state("wire", {"etag": '"e1"', "last_modified": None})
    assert await store.feed_state("wire") == {"etag": '"e1"'}
    first = await pipeline.process_items([_item("wire-1", "wire", 0)], T0)
    # The same story from another source a minute later: a repeat, named on the first alert.
    repeat = await pipeline.process_items([_item("wire-2", "other", 1)], T0 + timedelta(minutes=1))
    assert repeat == []
    # Another story within the cooldown of "offering": held back.
    later = T0 + timedelta(minutes=20)
    other = _item("wire-3", "third", 20, title="Alibaba offering extended by a week")
    again = await pipeline.process_items([other], later)
    assert {"both", "offering"} <= {alert.rule for alert in first}
    assert "offering" not in {alert.rule for alert in again}, again
    assert await store.unseen(["wire-1", "wire-2"]) == [False, False]
    assert len(await store.headlines("BABA")) >= 1
    assert await store.analyst_target("BABA", "Jefferies") is not None
    story = first[0].fields["stories"]
    assert "other" in await store.story_sources(story)
    await pipeline.process_quotes([Quote("META", 590.0, T0, "USD")], T0)
    glitch = await pipeline.process_quotes([Quote("META", 59000.0, T0 + timedelta(minutes=1))], T0)
    assert glitch == []
    latest = await store.latest_quote("META")
    assert latest is not None and latest.price == 590.0
    await store.mark_unknown_symbol("NOPE")
    await store.mark_unknown_symbol("GONE")
    await store.forget_unknown_symbols(["NOPE", "GONE"])
    assert not await store.is_unknown_symbol("NOPE")
    return first


async def personal_rules(store: Store) -> None:
    pipeline = _pipeline(store)
    await store.set_personal_rule(1, "BABA", "above", {"price": 150.0})
    await store.set_personal_rule(1, "BABA", "band", {"low": 100.0, "high": 140.0})
    alerts = await pipeline.process_quotes([Quote("BABA", 160.0, T0, "USD")], T0)
    assert sorted(alert.fields["kind"] for alert in alerts) == ["above", "band"]
    listed = await store.chat_personal_rules(1, ["BABA"])
    assert [(kind, fired) for _symbol, kind, _rule, fired in listed] == [
        ("band", False),
        ("above", True),
    ]
    assert await store.drop_fired_rule(1, "BABA", "above") is not None


async def outbox(store: Store) -> None:
    await store.ensure_outbox_group()
    assert await store.enqueue([_alert(1), _alert(2), _alert(3)]) == 3
    assert [alert.headline for alert in await store.recent_alerts()][:3] == [
        "Headline 3",
        "Headline 2",
        "Headline 1",
    ]
    assert await store.hold_consumer("a", "token-a") is None
    assert await store.hold_consumer("a", "token-b") == "token-a"
    taken = await store.read_outbox("a", count=2, block_ms=10)
    assert len(taken) == 2
    await store.ack(taken[0])
    await store.release_consumer("a", "token-a")
    assert await store.pending_of("a") == 1
    # Consumer "a" is gone (its name released): "b" takes its unacknowledged entry over, once
    # Redis counts the entry idle long enough for a claim.
    await asyncio.sleep(DEAD_CLAIM_IDLE_MS / 1000 + 0.2)
    await store.keep_consumer("b", "token-c")
    assert await store.claim_from_dead_consumers("b", count=10) == 1
    left = await store.read_outbox("b", count=10, block_ms=10)
    assert len(left) == 1
    alert_id = left[0].alert.id
    assert not await store.begin_send(alert_id, 7)
    await store.mark_sent(alert_id, 7)
    assert await store.was_sent(alert_id, 7)
    assert not await store.begin_send(alert_id, 8)
    await store.end_send(alert_id, 8)
    await store.record_failed_delivery(left[0].alert, 8, "Forbidden")
    assert len(await store.failed_deliveries()) == 1
    length, oldest = await store.outbox_backlog()
    assert length >= 1 and oldest is not None


async def chat_settings(store: Store) -> None:
    state = LifecycleState(store)
    await state.set_pref(1, "quiet", "22:00-07:00")
    assert (await state.prefs(1)).quiet == "22:00-07:00"
    await state.hold(1, "quiet", _alert(4), T0 + timedelta(hours=1))
    assert await state.due_chats(T0 + timedelta(hours=2)) == [1]
    taken = await state.take_due(1, T0 + timedelta(hours=2))
    assert [held.alert.headline for held in taken] == ["Headline 4"]
    await store.mute(1, "symbol:META", T0 + timedelta(days=1))
    assert await store.is_muted(1, ["symbol:META"], T0)
    assert await store.unmute(1) == 1
    await store.set_topic(1, "BABA", 42)
    assert await store.topic_for(1, None) == 42
    assert await store.count_command(5, T0) == 1
    feed = StoredFeed(name="mine", url="https://feeds.example/a.xml", every="5m", chat=1)
    assert await store.add_stored_feed(feed, limit=5)
    assert [stored.name for stored in await store.all_stored_feeds()] == ["mine"]
    assert await store.remove_stored_feed(1, "mine") is not None
    assert await store.all_stored_feeds() == []
    stats = await store.telegram_stats()
    assert stats["chats"] == 2


async def move(store: Store) -> None:
    """Group -3 became supergroup -1003: what it had goes along, each piece slot by slot."""
    state = LifecycleState(store)
    await store.register_chat(-3, "de")
    await store.watch(-3, "BABA")
    await store.follow(-3, "capital-raise")
    await store.add_keyword_filter(-3, "-rumour", limit=5)
    await store.set_personal_rule(-3, "META", "above", {"price": 700.0})
    await state.set_pref(-3, "quiet", "22:00-07:00")
    await state.hold(-3, "quiet", _alert(5), T0 + timedelta(hours=1))
    await state.group_due(-3, T0, 60)
    feed = StoredFeed(name="own", url="https://feeds.example/b.xml", every="5m", chat=-3)
    assert await store.add_stored_feed(feed, limit=5)
    await store.record_poll(feed.key, T0, state={"etag": "e", "url": str(feed.url)})
    for _ in range(2):  # the second move finds nothing left to move
        await store.move_chat(-3, -1003, ["BABA", "META"])
    assert await store.watched(-1003) == ["BABA"] and -1003 in await store.watchers("BABA")
    assert await store.followers("capital-raise") == [-1003]
    assert await store.keyword_filters(-1003) == ["-rumour"]
    assert (-1003, "above") in await store.personal_rules("META")
    assert await state.due_chats(T0 + timedelta(hours=2)) == [-1003]
    [own] = await store.stored_feeds(-1003)
    assert (await store.feed_state(own.key))["etag"] == "e"
    assert await store.watched(-3) == [] and await store.stored_feeds(-3) == []
    await store.forget_chat_settings(-1003, ["BABA", "META"])
    await store.forget_chat_state(-1003)
    await store.forget_chat(-1003)
    assert await store.stored_feeds(-1003) == [] and await state.due_chats(T0 + DAY) == []


async def forget(store: Store) -> None:
    """Chat 1 blocked the bot: everything of it goes, chat 2 keeps its own."""
    await store.set_personal_rule(1, "BABA", "below", {"price": 1.0})
    await store.forget_chat_settings(1, await store.watched(1))
    await store.forget_chat(1)
    assert await store.watched(1) == []
    assert await store.watchers("BABA") == [2]
    assert await store.personal_rules("BABA") == {}
    assert await store.topic_for(1, "BABA") is None
    assert await store.subscribers() == [2]


async def run_scenario(store: Store) -> None:
    await subscriptions(store)
    await pipeline_paths(store)
    await personal_rules(store)
    await outbox(store)
    await chat_settings(store)
    await move(store)
    await forget(store)
