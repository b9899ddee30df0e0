"""One story per event: the same analyst action or headline from several sources alerts once,
and names the sources that repeated it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot import keys
from bot.models import NewsItem
from bot.pipeline import Pipeline
from bot.pipeline.engine import RulesEngine
from bot.pipeline.stories import (
    RecentTitles,
    TitleCache,
    similar,
    title_words,
    with_repeats,
)
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store
from rules.extract import extract
from rules.registry import build_rule
from rules.types.analyst import AnalystOptions
from rules.types.keyword import KeywordOptions
from rules.types.partnership import PartnershipOptions

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def item(item_id: str, source: str, title: str, lang: str = "en") -> NewsItem:
    return NewsItem(item_id, source, title, "", f"https://news.example/{item_id}", NOW, lang)


def pipeline(store: Store) -> Pipeline:
    rules = [
        build_rule(AnalystOptions(name="analysts")),
        build_rule(KeywordOptions(name="deals", any=["contract"])),
    ]
    return Pipeline(
        store=store,
        matcher=SymbolMatcher({"BABA": ["Alibaba", "Alibaba Group"]}),
        engine=RulesEngine(rules, store),
        extractor=extract,
    )


async def test_same_analyst_action_in_two_languages_is_one_alert(store: Store) -> None:
    flow = pipeline(store)
    alerts = await flow.process_items(
        [
            item("de1", "wire-de", "Kepler hebt Ziel für Alibaba auf 198 US-Dollar - 'Buy'", "de"),
            item(
                "en1",
                "wire-en",
                "Kepler Maintains Buy on Alibaba Group, Raises Price Target to $198",
            ),
        ],
        NOW,
    )
    assert [alert.rule for alert in alerts] == ["analysts"]
    alert = await with_repeats(alerts[0], store)
    assert alert.fields["source"] == "wire-de"
    assert "also reported by wire-en" in alert.details

    later = await flow.process_items(
        [item("en2", "wire-us", "Kepler Reiterates Buy on Alibaba, Raises Price Target to $198")],
        NOW + timedelta(minutes=5),
    )
    assert later == []
    again = await with_repeats(alerts[0], store)
    assert "also reported by wire-en, wire-us" in again.details


async def test_a_different_target_from_the_same_broker_is_a_new_story(store: Store) -> None:
    flow = pipeline(store)
    first = await flow.process_items(
        [item("a", "wire", "Kepler Maintains Buy on Alibaba Group, Raises Price Target to $198")],
        NOW,
    )
    second = await flow.process_items(
        [item("b", "wire", "Kepler Maintains Buy on Alibaba Group, Raises Price Target to $210")],
        NOW,
    )
    assert len(first) == 1 and len(second) == 1
    assert second[0].fields["prior_target"] is None  # not stated in the text
    assert second[0].fields["target"] == 210


async def test_near_identical_headlines_alert_once(store: Store) -> None:
    flow = pipeline(store)
    first = await flow.process_items(
        [item("x1", "agg-1", "Alibaba wins cloud contract with Shanghai port - Reuters")], NOW
    )
    second = await flow.process_items(
        [item("x2", "agg-2", "Alibaba wins cloud contract with Shanghai port - Bloomberg")], NOW
    )
    different = await flow.process_items(
        [item("x3", "agg-2", "Alibaba loses cloud contract with Shenzhen airport")], NOW
    )
    assert len(first) == 1 and second == [] and len(different) == 1
    assert "also reported by agg-2" in (await with_repeats(first[0], store)).details


async def test_target_without_direction_is_settled_by_the_brokers_last_target(store: Store) -> None:
    flow = pipeline(store)
    await flow.process_items(
        [item("t1", "wire", "Kepler Maintains Buy on Alibaba Group, Raises Price Target to $198")],
        NOW,
    )
    alerts = await flow.process_items(
        [item("t2", "wire", "Kepler Maintains Buy on Alibaba Group, Announces $185 Price Target")],
        NOW + timedelta(days=1),
    )
    assert len(alerts) == 1
    assert alerts[0].fields["target_action"] == "lower"
    assert alerts[0].fields["prior_target"] == 198
    records = await store.analyst_targets("BABA")
    assert [(r.broker, r.target) for r in records] == [("Kepler", 185)]


def test_title_similarity() -> None:
    assert similar(
        title_words("Alibaba to build data centre in Mexico - Reuters"),
        title_words("Alibaba to build data centre in Mexico | CNBC"),
    )
    assert not similar(
        title_words("Alibaba to build data centre in Mexico"),
        title_words("Alibaba to close data centre in Brazil"),
    )


async def test_the_text_not_the_feed_decides_the_language(store: Store) -> None:
    flow = Pipeline(
        store=store,
        matcher=SymbolMatcher({"BABA": ["Alibaba"], "META": ["Meta Platforms", "Meta"]}),
        engine=RulesEngine([build_rule(PartnershipOptions(name="deals"))], store),
        extractor=extract,
    )
    english_in_a_german_feed = item(
        "mixed", "suche-de", "Meta Platforms teams up with Alibaba on AI chips", lang="de"
    )
    alerts = await flow.process_items([english_in_a_german_feed], NOW)
    assert [(alert.rule, alert.fields["symbols"]) for alert in alerts] == [
        ("deals", ["META", "BABA"])
    ]


async def test_each_line_of_an_item_is_read_in_its_own_language(store: Store) -> None:
    english_title_german_summary = NewsItem(
        "two",
        "suche-de",
        "Kepler Maintains Buy on Alibaba Group, Raises Price Target to $198",
        "Die US-Bank JPMorgan hat das Kursziel für Alibaba von 180 auf 190 US-Dollar angehoben.",
        "https://news.example/two",
        NOW,
        "de",
    )
    alerts = await pipeline(store).process_items([english_title_german_summary], NOW)
    assert sorted((alert.fields["broker"], alert.fields["target"]) for alert in alerts) == [
        ("JPMorgan", 190.0),
        ("Kepler", 198.0),
    ]


def test_recent_titles_find_what_comparing_every_title_finds() -> None:
    words = "alibaba cloud meta ai chips deal shares rise fall target bank the a of to".split()
    rng = random.Random(7)
    entries = [(f"i{n}", frozenset(rng.sample(words, rng.randint(1, 9)))) for n in range(400)]
    recent = RecentTitles(entries)
    for _ in range(400):
        probe = frozenset(rng.sample(words, rng.randint(0, 9)))
        linear = next((item_id for item_id, seen in entries if similar(seen, probe)), None)
        assert recent.owner_of(probe) == linear, probe


def test_recent_titles_let_the_oldest_go_as_a_linear_search_of_the_newest_would() -> None:
    words = "alibaba cloud meta ai chips deal shares rise fall target bank the a of to".split()
    rng = random.Random(11)
    entries = [(f"i{n}", frozenset(rng.sample(words, rng.randint(1, 9)))) for n in range(300)]
    recent = RecentTitles(entries[:100])
    for end in range(100, 300, 7):
        for entry in entries[end - 7 : end] if end > 100 else []:
            recent.add(*entry)
        recent.keep_newest(60)
        kept = entries[max(0, end - 60) : end]
        assert len(recent) == len(kept)
        for _ in range(30):
            probe = frozenset(rng.sample(words, rng.randint(0, 9)))
            linear = next((item_id for item_id, seen in kept if similar(seen, probe)), None)
            assert recent.owner_of(probe) == linear, probe


def fingerprint(item_id: str, words: str, at: datetime = NOW) -> str:
    return f"{at.timestamp():.3f} {item_id} {words}"


async def test_a_full_window_of_recent_titles_is_brought_up_to_date_not_read_again(
    store: Store,
) -> None:
    for n in range(keys.RECENT_TITLES_MAX + 3):
        await store.add_recent_title(fingerprint(f"t{n}", f"alpha{n} beta{n} gamma{n} delta{n}"))
    cache = TitleCache()
    held = await cache.read(store)
    assert len(held) == keys.RECENT_TITLES_MAX
    assert held.owner_of(frozenset({"alpha2", "beta2", "gamma2", "delta2"})) is None
    fresh = frozenset({"alpha", "beta", "gamma", "new"})
    again = await cache.add(store, "new", fresh, NOW)
    assert again is held and len(again) == keys.RECENT_TITLES_MAX
    assert again.owner_of(fresh) == "new"
    oldest = frozenset({"alpha3", "beta3", "gamma3", "delta3"})
    assert again.owner_of(oldest) is None, "the oldest title left, as it left Redis"
    assert await store.recent_titles_after(cache.epoch, cache.last) == (cache.epoch, [])


async def test_titles_two_processes_add_in_turn_are_held_by_both_in_their_order(
    store: Store,
) -> None:
    first, second = TitleCache(), TitleCache()
    await first.read(store)
    await second.read(store)
    words = [frozenset({f"w{n}", "alpha", "beta", "gamma"}) for n in range(4)]
    await first.add(store, "a0", words[0], NOW)
    await second.add(store, "b1", words[1], NOW)  # behind: reads a0 before holding its own
    await first.add(store, "a2", words[2], NOW)  # behind: reads b1
    held = await second.read(store)
    for cache in (first, second):
        assert cache.last == 3
        assert [cache.titles.owner_of(w) for w in words[:3]] == ["a0", "b1", "a2"]
    assert held.owner_of(words[3]) is None


async def test_titles_a_redis_lost_are_not_held_any_longer(store: Store) -> None:
    cache = TitleCache()
    old = frozenset({"alibaba", "wins", "cloud", "contract"})
    await cache.add(store, "old", old, NOW)
    await store.redis.delete(keys.recent_titles(), keys.recent_titles_numbering())
    other = TitleCache()
    new = frozenset({"meta", "signs", "chip", "deal"})
    await other.add(store, "new", new, NOW)
    held = await cache.read(store)
    assert held.owner_of(old) is None
    assert held.owner_of(new) == "new"


async def test_a_title_older_than_the_window_starts_no_story(store: Store) -> None:
    flow = pipeline(store)
    title = "Alibaba wins a cloud contract in Mexico for local customers"
    await flow.process_items([item("o1", "agg-1", title)], NOW - timedelta(hours=40))
    later = await flow.process_items([item("o2", "agg-2", title)], NOW)
    soon = await flow.process_items([item("o3", "agg-3", title)], NOW + timedelta(hours=1))
    assert len(later) == 1 and soon == []


async def test_a_title_another_bot_process_added_is_seen_by_a_pipeline_that_read_before(
    store: Store,
) -> None:
    flow = pipeline(store)
    madrid = "Alibaba wins contract for a data centre in Madrid for cloud users"
    first = await flow.process_items([item("y1", "agg-1", madrid)], NOW)
    # Another process sharing the Redis records a headline this pipeline has not read yet.
    words = title_words("Alibaba signs contract for new Dubai cloud region")
    await store.add_recent_title(fingerprint("y2", " ".join(sorted(words))))
    repeat = await flow.process_items(
        [item("y3", "agg-2", "Alibaba signs contract for new Dubai cloud region - Reuters")], NOW
    )
    again = await flow.process_items([item("y4", "agg-3", madrid)], NOW)
    assert len(first) == 1 and repeat == [] and again == []
