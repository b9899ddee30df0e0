"""The keyword and price_band rule types, with their state in the real Redis store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from bot.models import NewsItem, Quote
from bot.store import Store
from rules.alert import Alert
from rules.base import RuleContext
from rules.types.keyword import KeywordOptions, KeywordRule
from rules.types.price_band import PriceBandOptions, PriceBandRule

T0 = datetime(2026, 8, 3, 14, 30, tzinfo=UTC)


def context(store: Store, minute: int = 0) -> RuleContext:
    return RuleContext(
        now=T0 + timedelta(minutes=minute), state=store, latest_quote=store.latest_quote
    )


def item(
    title: str,
    summary: str = "",
    *,
    symbols: tuple[str, ...] = (),
    item_id: str = "item-1",
    link: str = "https://news.example/1",
) -> NewsItem:
    return NewsItem(
        id=item_id,
        source="wire",
        title=title,
        summary=summary,
        link=link,
        published=T0,
        lang="en",
        symbols=symbols,
    )


def keyword(**options: Any) -> KeywordRule:
    return KeywordRule(KeywordOptions(name="kw", **options))


async def keyword_alerts(store: Store, rule: KeywordRule, news: NewsItem) -> list[Alert]:
    return await rule.on_item(news, [], context(store))


# -- keyword ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "text", "matches"),
    [
        (["Kapitalerhöhung"], "Alibaba plant Kapitalerhöhung", True),
        (["Kapitalerhöhung"], "Zwei Kapitalerhöhungen in einem Jahr", True),
        (["kapitalerhöhung"], "KAPITALERHÖHUNG bei Alibaba", True),
        (["Kapitalerhöhung"], "Barkapitalerhöhung beschlossen", False),
        (["partnership"], "Meta and Alibaba announce partnerships", True),
        (["SAP"], "A sapphire necklace", False),
        (["SAP"], "SAP's cloud unit", True),
        (["capital increase"], "after the capital increase, shares fell", True),
        (["rate"], "the separate unit", False),
        (["rate"], "rates rise", True),
    ],
)
def test_any_matches_whole_words_with_inflections(words: list[str], text: str, matches: bool):
    assert (keyword(any=words).matched_words(text) is not None) is matches


def test_any_reports_the_word_as_written_in_the_text() -> None:
    found = keyword(any=["Kapitalerhöhung"]).matched_words("Zwei Kapitalerhöhungen")
    assert found == ["Kapitalerhöhungen"]


def test_all_needs_every_word() -> None:
    rule = keyword(all=["Alibaba", "Cloud"])
    assert rule.matched_words("Alibaba spins off its cloud unit") == ["Alibaba", "cloud"]
    assert rule.matched_words("Alibaba reports results") is None


def test_none_vetoes_a_match() -> None:
    rule = keyword(any=["offering"], none=["rumour", "Gerücht"])
    assert rule.matched_words("Share offering planned") == ["offering"]
    assert rule.matched_words("Share offering rumours denied") is None
    assert rule.matched_words("Gerüchte über offering") is None


def test_regex_is_case_insensitive_and_combines_with_any() -> None:
    rule = keyword(any=["target"], regex=r"\$\d+")
    assert rule.matched_words("Price Target raised to $190") == ["Target", "$190"]
    assert rule.matched_words("Price target raised") is None
    only_regex = keyword(regex=r"kursziel\w*")
    assert only_regex.matched_words("KURSZIEL für SAP") == ["KURSZIEL"]


def test_keyword_needs_a_condition() -> None:
    with pytest.raises(ValidationError, match="give at least one of any, all or regex"):
        KeywordOptions(name="kw", none=["x"])


async def test_fields_limit_where_words_are_looked_for(store: Store) -> None:
    news = item("Alibaba results", "The company plans a capital increase", symbols=("BABA",))
    everywhere = keyword(any=["capital increase"])
    title_only = keyword(any=["capital increase"], fields=["title"])
    assert len(await keyword_alerts(store, everywhere, news)) == 1
    assert await keyword_alerts(store, title_only, news) == []


async def test_one_keyword_alert_for_every_tagged_symbol(store: Store) -> None:
    rule = keyword(any=["partnership"], severity="critical")
    news = item("Meta and Alibaba form a partnership", symbols=("BABA", "META"))
    alerts = await keyword_alerts(store, rule, news)
    assert [(alert.symbol, alert.fields["symbols"]) for alert in alerts] == [
        ("BABA", ["BABA", "META"])
    ]
    scoped = keyword(any=["partnership"], symbols=["META"])
    assert [a.fields["symbols"] for a in await keyword_alerts(store, scoped, news)] == [["META"]]
    first = alerts[0]
    assert (first.rule, first.type, first.severity) == ("kw", "keyword", "critical")
    assert first.headline == news.title
    assert first.time == T0
    assert first.link == "https://news.example/1"
    assert first.details == ["matched: partnership · wire"]
    assert first.fields == {
        "item_id": "item-1",
        "source": "wire",
        "title": news.title,
        "published": news.published.isoformat(),
        "matched": ["partnership"],
        "symbols": ["BABA", "META"],
    }


async def test_keyword_rule_limited_to_symbols(store: Store) -> None:
    rule = keyword(any=["partnership"], symbols=["META"])
    both = item("Meta and Alibaba form a partnership", symbols=("BABA", "META"))
    assert [alert.symbol for alert in await keyword_alerts(store, rule, both)] == ["META"]
    untagged = item("Two startups form a partnership")
    assert await keyword_alerts(store, rule, untagged) == []


async def test_symbol_less_item_gives_one_broadcast_alert(store: Store) -> None:
    rule = keyword(any=["capital increase"])
    [alert] = await keyword_alerts(store, rule, item("Banks plan a capital increase", link=""))
    assert alert.symbol is None
    assert alert.link is None


async def test_same_item_gives_the_same_alert_id(store: Store) -> None:
    rule = keyword(any=["offering"])
    news = item("Share offering", symbols=("BABA",))
    first = await keyword_alerts(store, rule, news)
    again = await rule.on_item(news, [], context(store, minute=5))
    assert [alert.id for alert in first] == [alert.id for alert in again]


# -- price_band -------------------------------------------------------------------------------


def band(hysteresis: float = 0.0, name: str = "band") -> PriceBandRule:
    return PriceBandRule(
        PriceBandOptions(
            name=name, type="price_band", symbol="BABA", low=154, high=157, hysteresis=hysteresis
        )
    )


async def positions(store: Store, rule: PriceBandRule, prices: list[float]) -> list[str | None]:
    """Feed one quote a minute; the position each quote alerted with, or None for no alert."""
    found: list[str | None] = []
    for minute, price in enumerate(prices):
        quote = Quote(
            "BABA", price, T0 + timedelta(minutes=minute), currency="USD", previous_close=150
        )
        alerts = await rule.on_quote(quote, context(store, minute))
        assert len(alerts) <= 1
        found.append(alerts[0].fields["position"] if alerts else None)
    return found


async def test_leave_above_once_then_return_once(store: Store) -> None:
    found = await positions(store, band(), [155, 156.9, 158.4, 158.9, 160, 157, 155, 156])
    assert found == [None, None, "above", None, None, "inside", None, None]


async def test_leave_below_once_then_return_once(store: Store) -> None:
    found = await positions(store, band(), [155, 153.9, 150, 153.99, 154, 155])
    assert found == [None, "below", None, None, "inside", None]


async def test_jump_from_above_to_below(store: Store) -> None:
    assert await positions(store, band(), [158, 150]) == ["above", "below"]


async def test_first_quote_outside_the_band_alerts(store: Store) -> None:
    assert await positions(store, band(), [160]) == ["above"]


async def test_alert_text_and_fields(store: Store) -> None:
    rule = band()
    quote = Quote("BABA", 158.4, T0, currency="USD", previous_close=154.9)
    [alert] = await rule.on_quote(quote, context(store))
    assert alert.headline == "BABA left its band 154–157, now above: 158.40 USD"
    assert alert.details == ["day change +2.26%"]
    assert alert.symbol == "BABA"
    assert alert.fields["previous"] == "inside"
    assert alert.fields["quote_time"] == T0.isoformat()
    back = Quote("BABA", 156.1, T0 + timedelta(minutes=1), currency="USD")
    [returned] = await rule.on_quote(back, context(store, 1))
    assert returned.headline == "BABA is back inside its band 154–157: 156.10 USD"
    assert returned.details == []


async def test_hysteresis_needs_a_clear_move_to_leave_and_to_return(store: Store) -> None:
    # high 157 with a margin of 0.5: leave above 157.5, come back at or below 156.5.
    found = await positions(
        store, band(hysteresis=0.5), [157.3, 157.6, 157.2, 156.8, 157.4, 156.5, 157.2, 157.6]
    )
    assert found == [None, "above", None, None, None, "inside", None, "above"]


async def test_a_drop_from_above_into_the_lower_margin_is_back_inside(store: Store) -> None:
    # It crossed the whole band; the margin at the edge it never left does not hold it "above".
    found = await positions(store, band(hysteresis=0.5), [158, 154.2, 153.8, 153.4, 154.3, 154.6])
    assert found == ["above", "inside", None, "below", None, "inside"]


async def test_other_symbols_are_ignored(store: Store) -> None:
    quote = Quote("META", 10.0, T0)
    assert await band().on_quote(quote, context(store)) == []
    assert await store.get("band", "META") is None


async def test_state_survives_a_new_rule_instance(store: Store) -> None:
    assert await positions(store, band(), [160]) == ["above"]
    assert await store.get("band", "BABA") == "above"
    restarted = band()
    assert await positions(store, restarted, [161, 155]) == [None, "inside"]


async def test_state_is_kept_per_rule_name(store: Store) -> None:
    assert await positions(store, band(name="one"), [160]) == ["above"]
    assert await positions(store, band(name="two"), [160]) == ["above"]


def test_band_options_are_checked() -> None:
    with pytest.raises(ValidationError, match=r"must be below high \(157 >= 157\)"):
        PriceBandOptions(name="b", type="price_band", low=157, high=157)
    with pytest.raises(ValidationError, match="either symbol or symbols"):
        PriceBandOptions(
            name="b", type="price_band", symbol="BABA", symbols=["BABA"], low=1, high=2
        )
    with pytest.raises(ValidationError):
        PriceBandOptions(name="b", type="price_band", low=1, high=2, hysteresis=-1)
