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


async def test_a_full_window_of_recent_titles_is_trimmed_not_read_again(store: Store) -> None:
    since = NOW - timedelta(hours=1)
    for n in range(keys.RECENT_TITLES_MAX + 3):
        title = f"t{n} alpha{n} beta{n} gamma{n} delta{n}"
        await store.add_recent_title(title, NOW + timedelta(seconds=n), since)
    cache = TitleCache()
    held = await cache.read(store, since)
    assert len(held) == keys.RECENT_TITLES_MAX
    fresh = frozenset({"alpha", "beta", "gamma", "new"})
    held.add("new", fresh)
    later = NOW + timedelta(hours=1)
    cache.mark = await store.add_recent_title("new alpha beta gamma new", later, since)
    again = await cache.read(store, since)
    assert again is held, "nothing another process added: the titles held are used again"
    assert len(again) == keys.RECENT_TITLES_MAX
    assert again.owner_of(fresh) == "new"
    oldest = frozenset({"alpha3", "beta3", "gamma3", "delta3"})
    assert again.owner_of(oldest) is None, "the oldest title left, as it left Redis"


async def test_a_title_another_bot_process_added_is_seen_by_a_pipeline_that_read_before(
    store: Store,
) -> None:
    flow = pipeline(store)
    madrid = "Alibaba wins contract for a data centre in Madrid for cloud users"
    first = await flow.process_items([item("y1", "agg-1", madrid)], NOW)
    # Another process sharing the Redis records a headline this pipeline has not read yet.
    words = title_words("Alibaba signs contract for new Dubai cloud region")
    await store.add_recent_title(f"y2 {' '.join(sorted(words))}", NOW, NOW - timedelta(hours=1))
    repeat = await flow.process_items(
        [item("y3", "agg-2", "Alibaba signs contract for new Dubai cloud region - Reuters")], NOW
    )
    again = await flow.process_items([item("y4", "agg-3", madrid)], NOW)
    assert len(first) == 1 and repeat == [] and again == []
