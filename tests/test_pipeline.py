"""The alert pipeline: symbol tagging, the seen filter across restarts, rules, and the outbox."""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
from datetime import UTC, datetime, timedelta

import pytest

from bot import keys
from bot.models import NewsItem, Quote
from bot.pipeline import EXTRACTION_TURN_S, Extractor, Pipeline
from bot.pipeline.engine import RulesEngine
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store, connect
from rules.alert import Alert
from rules.base import Rule, RuleContext, RuleOptions
from rules.events import Event, PriceMove
from rules.extract import extract
from rules.registry import build_rule
from rules.types.analyst import AnalystOptions
from rules.types.keyword import KeywordOptions, KeywordRule
from rules.types.price_band import PriceBandOptions, PriceBandRule

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)

WATCHLIST = {
    "BABA": ["Alibaba", "Alibaba Group"],
    "META": ["Meta Platforms", "Meta"],
    "SAP": ["SAP"],
    "NVDA": [],
}


# -- SymbolMatcher ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("Alibaba plant Kapitalerhöhung", ("BABA",)),
        ("alibaba group shares rise", ("BABA",)),
        ("Alibabas Cloud-Sparte wächst", ("BABA",)),
        ("Alibaba's cloud unit grows", ("BABA",)),
        ("Alibaba’s cloud unit grows", ("BABA",)),
        ("Alibabacloud is a brand", ()),
        ("Meta builds on Alibaba's Qwen", ("BABA", "META")),
        ("Metall prices climb", ()),
        ("Metadata standards", ()),
        ("BABA up 3% premarket", ("BABA",)),
        ("Traders pile into $BABA calls", ("BABA",)),
        ("baba ganoush recipe", ()),
        ("BABAX fund closes", ()),
        ("XBABA index", ()),
        ("NVDA beats estimates", ("NVDA",)),
        ("nvda beats estimates", ()),
        ("A sapphire necklace", ()),
        ("SAP-Aktie fällt", ("SAP",)),
        ("", ()),
    ],
)
def test_symbol_matcher(text: str, symbols: tuple[str, ...]) -> None:
    assert SymbolMatcher(WATCHLIST).symbols_in(text) == symbols


def test_a_symbol_is_called_by_its_first_name() -> None:
    matcher = SymbolMatcher(WATCHLIST)
    assert matcher.name_of("META") == "Meta Platforms"
    assert matcher.name_of("NVDA") is None  # a ticker without names
    assert matcher.name_of("TSLA") is None


def test_tag_returns_new_items_with_symbols() -> None:
    original = news("1", "Nvidia and SAP team up", summary="Alibaba is not involved")
    [tagged] = SymbolMatcher(WATCHLIST | {"NVDA": ["Nvidia"]}).tag([original])
    assert tagged.symbols == ("BABA", "SAP", "NVDA")
    assert original.symbols == ()


# -- Pipeline.process_items -------------------------------------------------------------------


def news(item_id: str, title: str, summary: str = "", minute: int = 0) -> NewsItem:
    return NewsItem(
        id=item_id,
        source="wire",
        title=title,
        summary=summary,
        link=f"https://news.example/{item_id}",
        published=T0 + timedelta(minutes=minute),
        lang="en",
    )


def no_events(text: str, lang: str | None, default: str, subject: str | None = None) -> list[Event]:
    return []


def failing_extractor(
    text: str, lang: str | None, default: str, subject: str | None = None
) -> list[Event]:
    raise RuntimeError("extractor defect")


CAPITAL_RAISE = KeywordRule(
    KeywordOptions(name="capital-raise", any=["capital increase", "Kapitalerhöhung"])
)


class ExplodingRule(Rule):
    type_name = "exploding"

    async def on_item(
        self, item: NewsItem, events: list[Event], context: RuleContext
    ) -> list[Alert]:
        raise ValueError("rule defect")

    async def on_quote(self, quote: Quote, context: RuleContext) -> list[Alert]:
        raise ValueError("rule defect")


def pipeline(
    store: Store, rules: list[Rule] | None = None, extractor: Extractor = no_events
) -> Pipeline:
    return Pipeline(
        store=store,
        matcher=SymbolMatcher(WATCHLIST),
        engine=RulesEngine([CAPITAL_RAISE] if rules is None else rules, store),
        extractor=extractor,
    )


async def outbox_length(store: Store) -> int:
    length, _oldest = await store.outbox_backlog()
    return length


async def test_an_item_alerts_once(store: Store) -> None:
    item = news("a", "Alibaba plans a capital increase")
    [alert] = await pipeline(store).process_items([item], T0)
    assert (alert.rule, alert.symbol) == ("capital-raise", "BABA")
    assert await outbox_length(store) == 1
    assert await pipeline(store).process_items([item], T0 + timedelta(minutes=1)) == []
    assert await outbox_length(store) == 1


async def test_seen_items_stay_seen_after_a_restart(store: Store, redis_url: str) -> None:
    item = news("a", "Alibaba plans a capital increase")
    first = Store(connect(redis_url))
    try:
        assert len(await pipeline(first).process_items([item], T0)) == 1
    finally:
        await first.close()
    restarted = Store(connect(redis_url))
    try:
        assert await pipeline(restarted).process_items([item], T0 + timedelta(hours=1)) == []
    finally:
        await restarted.close()
    assert await store.redis.ttl(keys.seen("a")) > 0


async def test_duplicates_within_one_batch_alert_once(store: Store) -> None:
    item = news("a", "Alibaba plans a capital increase")
    assert len(await pipeline(store).process_items([item, item], T0)) == 1


async def test_items_without_a_match_are_still_marked_seen(store: Store) -> None:
    item = news("b", "Alibaba opens a new office")
    assert await pipeline(store).process_items([item], T0) == []
    assert await store.unseen(["b"]) == [False]


async def test_headlines_are_stored_per_symbol(store: Store) -> None:
    items = [
        news("1", "Alibaba opens a data centre", minute=1),
        news("2", "Meta and Alibaba sign a cloud deal", minute=2),
        news("3", "Markets close flat", minute=3),
    ]
    await pipeline(store).process_items(items, T0)
    baba = await store.headlines("BABA")
    assert [h.title for h in baba] == [items[1].title, items[0].title]
    assert baba[0].link == "https://news.example/2"
    assert baba[0].source == "wire"
    assert baba[0].published == T0 + timedelta(minutes=2)
    assert [h.title for h in await store.headlines("META")] == [items[1].title]
    assert await store.headlines("SAP") == []


async def test_a_failing_extractor_keeps_keyword_alerts(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    item = news("a", "Alibaba plans a capital increase")
    with caplog.at_level(logging.ERROR, logger="bot.pipeline"):
        alerts = await pipeline(store, extractor=failing_extractor).process_items([item], T0)
    assert [alert.rule for alert in alerts] == ["capital-raise"]
    assert "extraction failed on item a" in caplog.text


async def test_events_reach_the_rules_tied_to_symbols(store: Store) -> None:
    seen: list[list[Event]] = []

    class Recording(Rule):
        type_name = "recording"

        async def on_item(
            self, item: NewsItem, events: list[Event], context: RuleContext
        ) -> list[Alert]:
            seen.append(events)
            return []

    calls: list[tuple[str, str | None, str, str | None]] = []

    def extractor(
        text: str, lang: str | None, default: str, subject: str | None = None
    ) -> list[Event]:
        calls.append((text, lang, default, subject))
        return [PriceMove(change_pct=-2.1, company="Alibaba")]

    rule = Recording(RuleOptions(name="rec", type="recording"))
    item = news("a", "Alibaba fällt um 2,1 Prozent", "Zusammenfassung")
    await pipeline(store, [rule], extractor).process_items([item], T0)
    # The text decides the language; the feed's only breaks a tie. The one watched company the
    # item names is its subject.
    assert calls == [("Alibaba fällt um 2,1 Prozent\nZusammenfassung", None, "en", "Alibaba")]
    [[event]] = seen
    assert isinstance(event, PriceMove)
    assert (event.change_pct, event.symbols) == (-2.1, ("BABA",))


async def test_extraction_of_slow_items_gives_the_event_loop_turns(store: Store) -> None:
    """Items of a slice that each take 2 ms to read: the loop gets a turn at least every few
    items, not only between slices."""
    item_cost_s = 0.002
    elapsed = [0.0]
    read: list[int] = []

    def slow_extractor(
        text: str, lang: str | None, default: str, subject: str | None = None
    ) -> list[Event]:
        elapsed[0] += item_cost_s
        read.append(1)
        return []

    flow = pipeline(store, extractor=slow_extractor)
    flow.work_clock = lambda: elapsed[0]
    items = [news(str(n), f"Alibaba item {n}", minute=n) for n in range(20)]
    counts: list[int] = []
    done = asyncio.Event()

    async def count_per_turn() -> None:
        while not done.is_set():
            counts.append(len(read))
            await asyncio.sleep(0)

    counter = asyncio.create_task(count_per_turn())
    await asyncio.sleep(0)
    await flow.process_items(items, T0)
    done.set()
    await counter
    counts.append(len(read))
    per_turn = [later - earlier for earlier, later in itertools.pairwise(counts)]
    assert sum(per_turn) == len(items)
    assert max(per_turn) <= math.ceil(EXTRACTION_TURN_S / item_cost_s)


SOLAR_BODY = (
    "Die Aktie legte am Vormittag zu. Die US-Bank JPMorgan hob das Kursziel für die Aktie von "
    '60 auf 72 Euro an und bestätigte die Einstufung "Overweight".'
)


def article_pipeline(store: Store) -> Pipeline:
    """The real extractor and analyst rule, for a watched company no name table knows."""
    return Pipeline(
        store=store,
        matcher=SymbolMatcher(WATCHLIST | {"NWS": ["Nordwind Solar", "Nordwind"]}),
        engine=RulesEngine([build_rule(AnalystOptions(name="analysts"))], store),
        extractor=extract,
    )


async def test_the_stock_of_an_article_about_one_watched_company_is_that_company(
    store: Store,
) -> None:
    item = news("solar", "Nordwind im Fokus: Analysten sehen mehr Potenzial", SOLAR_BODY)
    [alert] = await article_pipeline(store).process_items([item], T0)
    assert alert.rule == "analysts"
    assert alert.fields["symbol"] == "NWS"
    assert (alert.fields["broker"], alert.fields["company"]) == ("JPMorgan", "Nordwind Solar")
    assert (alert.fields["target_action"], alert.fields["target"]) == ("raise", 72.0)
    assert alert.fields["prior_target"] == 60.0


async def test_an_article_naming_two_watched_companies_has_no_subject(store: Store) -> None:
    item = news("two", "Nordwind und Alibaba im Fokus der Anleger", SOLAR_BODY)
    assert await article_pipeline(store).process_items([item], T0) == []


async def test_a_failing_rule_does_not_stop_the_others(store: Store) -> None:
    exploding = ExplodingRule(RuleOptions(name="boom", type="exploding"))
    engine_pipeline = pipeline(store, [exploding, CAPITAL_RAISE])
    item = news("a", "Alibaba plans a capital increase")
    alerts = await engine_pipeline.process_items([item], T0)
    assert [alert.rule for alert in alerts] == ["capital-raise"]
    assert engine_pipeline.engine.errors == 1


async def test_disabled_rules_do_not_run(store: Store) -> None:
    disabled = KeywordRule(KeywordOptions(name="off", any=["capital increase"], enabled=False))
    item = news("a", "capital increase")
    assert await pipeline(store, [disabled]).process_items([item], T0) == []


# -- Pipeline.process_quotes ------------------------------------------------------------------


def quote(price: float, minute: int, symbol: str = "BABA") -> Quote:
    return Quote(symbol, price, T0 + timedelta(minutes=minute), "USD", previous_close=150.0)


async def test_quotes_are_stored_as_a_time_series(store: Store) -> None:
    run = pipeline(store, [])
    await run.process_quotes([quote(155.0, 2), quote(154.5, 0)], T0)
    await run.process_quotes([quote(156.0, 1), quote(590.0, 1, "META")], T0)
    series = await store.quotes_since("BABA", T0)
    assert [(q.price, q.time) for q in series] == [
        (154.5, T0),
        (156.0, T0 + timedelta(minutes=1)),
        (155.0, T0 + timedelta(minutes=2)),
    ]
    latest = await store.latest_quote("BABA")
    assert latest == quote(155.0, 2)
    assert [q.price for q in await store.quotes_since("BABA", T0 + timedelta(minutes=1))] == [
        156.0,
        155.0,
    ]
    assert (await store.latest_quote("META")) == quote(590.0, 1, "META")
    assert await store.latest_quote("SAP") is None
    assert 0 < await store.redis.ttl(keys.quotes("BABA")) <= keys.QUOTE_TTL


async def test_quotes_drive_rules_into_the_outbox(store: Store) -> None:
    band = PriceBandRule(
        PriceBandOptions(name="band", type="price_band", symbol="BABA", low=154, high=157)
    )
    exploding = ExplodingRule(RuleOptions(name="boom", type="exploding"))
    run = pipeline(store, [exploding, band])
    assert await run.process_quotes([quote(155.0, 0)], T0) == []
    [left] = await run.process_quotes([quote(158.0, 1)], T0 + timedelta(minutes=1))
    assert left.fields["position"] == "above"
    assert await run.process_quotes([quote(158.5, 2)], T0 + timedelta(minutes=2)) == []
    assert await outbox_length(store) == 1
    assert run.engine.errors == 3
