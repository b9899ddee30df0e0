"""Alert texts in English and German, composed from the fields that the real rule types, the
personal rules and the grouping put on their alerts."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.delivery.render import TELEGRAM_LIMIT, render_html, render_plain
from bot.lifecycle import messages
from bot.models import NewsItem, Quote
from bot.pipeline.personal import personal_alerts
from bot.pipeline.stories import with_repeats
from bot.store import Store
from rules.alert import Alert
from rules.base import RuleContext, RuleOptions
from rules.events import AnalystAction, Consensus, Event, Partnership
from rules.messages import compose, localise
from rules.registry import RULE_TYPES, build_rule
from rules.types.combo import ComboOptions, ComboRule

T0 = datetime(2026, 8, 3, 14, 20, tzinfo=UTC)  # 16:20 in Berlin
BERLIN = ZoneInfo("Europe/Berlin")

# Words of the English texts; none may remain in a German text (names and titles aside).
ENGLISH = re.compile(
    r"\b(the|and|to|from|of|at|its|your|is|left|now|above|below|within|since|rose|fell|"
    r"crossed|raises|cuts|sets|upgrades|downgrades|starts|keeps|target|rating|implied|upside|"
    r"vs|matched|also|reported|by|alerts?|digest|Your|more|day|change|buy|sell|Partnership|"
    r"analyst|consensus|changed|for|on|grouped|Source|previous|close)\b"
)
Texts = tuple[str, list[str]]


def news(title: str, item_id: str = "n1") -> NewsItem:
    return NewsItem(
        id=item_id,
        source="wire",
        title=title,
        summary="",
        link=f"https://news.example/{item_id}",
        published=T0,
        lang="de",
        symbols=("BABA",),
    )


def quote(price: float, previous_close: float | None = None, symbol: str = "BABA") -> Quote:
    return Quote(symbol, price, T0, "USD", previous_close)


def context(store: Store, quotes: dict[str, Quote] | None = None) -> RuleContext:
    async def latest(symbol: str) -> Quote | None:
        return (quotes or {}).get(symbol)

    async def since(symbol: str, start: datetime) -> list[Quote]:
        return [quote(155.6)] if symbol == "BABA" else []

    return RuleContext(now=T0, state=store, latest_quote=latest, quotes_since=since)


async def on_item(
    store: Store, options: dict[str, object], item: NewsItem, events: list[Event], **quotes: Quote
) -> Alert:
    rule = build_rule(_options({"name": "r", **options}))
    [alert] = await rule.on_item(item, events, context(store, quotes))
    return alert


async def on_quotes(store: Store, options: dict[str, object], *prices: Quote) -> list[Alert]:
    rule = build_rule(_options({"name": "r", **options}))
    alerts = []
    for observed in prices:
        alerts += await rule.on_quote(observed, context(store))
    return alerts


def _options(data: dict[str, object]) -> RuleOptions:
    return RULE_TYPES[str(data["type"])].Options.model_validate(data)


def both(alert: Alert) -> tuple[Texts, Texts]:
    english, german = compose(alert, "en"), compose(alert, "de")
    # The English texts are the alert's own: console, replay and --json show them.
    assert (english.headline, english.details) == (alert.headline, alert.details)
    german_text = " ".join([german.headline, *german.details])
    assert not ENGLISH.search(german_text.replace(alert.fields.get("title", ""), "")), german
    return (english.headline, english.details), (german.headline, german.details)


# -- news --------------------------------------------------------------------------------------


async def test_keyword(store: Store) -> None:
    item = news("Alibaba plant Kapitalerhöhung")
    alert = await on_item(store, {"type": "keyword", "any": ["Kapitalerhöhung"]}, item, [])
    assert both(alert) == (
        ("Alibaba plant Kapitalerhöhung", ["matched: Kapitalerhöhung · wire"]),
        ("Alibaba plant Kapitalerhöhung", ["Treffer: Kapitalerhöhung · wire"]),
    )


async def test_analyst_target_with_upside(store: Store) -> None:
    item = news("Citigroup hebt Ziel für Alibaba auf 225 US-Dollar - 'Buy'")
    event = AnalystAction(
        "Citigroup",
        "Alibaba",
        rating="Buy",
        target_action="raise",
        target=225,
        prior_target=200,
        currency="USD",
        symbols=("BABA",),
    )
    alert = await on_item(store, {"type": "analyst"}, item, [event], BABA=quote(156.2))
    source = f"{item.title} · wire"
    assert both(alert) == (
        (
            "Citigroup raises its Alibaba target to 225 USD (from 200), rating Buy",
            ["implied upside +44.0% vs 156.20 USD", source],
        ),
        (
            "Citigroup hebt das Kursziel für Alibaba auf 225 USD (von 200), Einstufung Buy",
            ["Kurspotenzial +44,0 % zum Kurs von 156,20 USD", source],
        ),
    )


@pytest.mark.parametrize(
    ("event", "english", "german"),
    [
        (
            AnalystAction("Citigroup", "Alibaba", "up", "Buy", "raise", 225, 200, "USD", ("BABA",)),
            "Citigroup upgrades Alibaba to Buy and raises its target to 225 USD (from 200)",
            "Citigroup stuft Alibaba hoch auf Buy und hebt das Kursziel auf 225 USD (von 200)",
        ),
        (
            AnalystAction(
                "JPMorgan",
                "Alibaba",
                "init",
                "Overweight",
                "init",
                1234.5,
                None,
                "EUR",
                ("BABA",),
            ),
            "JPMorgan starts Alibaba at Overweight and sets a first target of 1,234.5 EUR",
            "JPMorgan nimmt Alibaba mit Overweight auf und setzt ein erstes Kursziel von "
            "1.234,5 EUR",
        ),
        (
            AnalystAction("UBS", "Alibaba", "down", "Neutral", "lower", 180, 210, "USD", ("BABA",)),
            "UBS downgrades Alibaba to Neutral and cuts its target to 180 USD (from 210)",
            "UBS stuft Alibaba ab auf Neutral und senkt das Kursziel auf 180 USD (von 210)",
        ),
        (
            AnalystAction("Bernstein", "Alibaba", "main", "Outperform", symbols=("BABA",)),
            "Bernstein keeps Alibaba at Outperform",
            "Bernstein bestätigt Alibaba mit Outperform",
        ),
        (
            AnalystAction(
                "Jefferies",
                "Alibaba",
                target_action="set",
                target=190.25,
                currency="USD",
                symbols=("BABA",),
            ),
            "Jefferies on Alibaba, target 190.25 USD",
            "Jefferies zu Alibaba, Kursziel 190,25 USD",
        ),
    ],
)
async def test_analyst_actions(
    store: Store, event: AnalystAction, english: str, german: str
) -> None:
    alert = await on_item(store, {"type": "analyst"}, news("Analysten zu Alibaba"), [event])
    (en, _), (de, de_details) = both(alert)
    assert (en, de) == (english, german)
    assert de_details == ["Analysten zu Alibaba · wire"]  # no quote: no upside line


async def test_partnership(store: Store) -> None:
    item = news("Meta setzt auf Qwen von Alibaba")
    event = Partnership(("Meta", "Alibaba"), ("META", "BABA"))
    alert = await on_item(store, {"type": "partnership"}, item, [event])
    assert both(alert) == (
        ("Partnership: Meta · Alibaba", [f"{item.title} · wire"]),
        ("Partnerschaft: Meta · Alibaba", [f"{item.title} · wire"]),
    )


async def test_consensus(store: Store) -> None:
    rule = build_rule(_options({"name": "r", "type": "consensus"}))
    first = Consensus("Alibaba", 1200, None, 6, 3, 1, "USD", ("BABA",))
    second = Consensus("Alibaba", 1266, None, 8, 2, 0, "USD", ("BABA",))
    assert await rule.on_item(news("Konsens 1", "c1"), [first], context(store)) == []
    [alert] = await rule.on_item(news("Konsens 2", "c2"), [second], context(store))
    assert both(alert) == (
        (
            "BABA analyst consensus changed: target 1,200 → 1,266 (+5.5%); "
            "buy 60% → 80%, sell 10% → 0%",
            ["Konsens 2"],
        ),
        (
            "BABA: Analystenkonsens geändert: Kursziel 1.200 → 1.266 (+5,5 %); "
            "Kaufen 60 % → 80 %, Verkaufen 10 % → 0 %",
            ["Konsens 2"],
        ),
    )


# -- prices ------------------------------------------------------------------------------------


async def test_price_band_leave_and_return(store: Store) -> None:
    band = {"type": "price_band", "symbol": "BABA", "low": 154, "high": 157}
    left, back = await on_quotes(store, band, quote(150.8, 155.0), quote(155.5))
    assert both(left) == (
        ("BABA left its band 154–157, now below: 150.80 USD", ["day change -2.71%"]),
        (
            "BABA hat sein Band 154–157 verlassen, jetzt darunter: 150,80 USD",
            ["Tagesveränderung -2,71 %"],
        ),
    )
    assert both(back) == (
        ("BABA is back inside its band 154–157: 155.50 USD", []),
        ("BABA ist zurück in seinem Band 154–157: 155,50 USD", []),
    )


async def test_price_move_within_a_window_and_since_the_close(store: Store) -> None:
    window = {"type": "price_move", "symbol": "BABA", "change_pct": 3, "window": "1h"}
    [fell] = await on_quotes(store, window, quote(150.8))
    assert both(fell) == (
        ("BABA fell 3.1% within 1h: 150.80 USD", ["from 155.60"]),
        ("BABA fiel innerhalb von 1 Stunde um 3,1 %: 150,80 USD", ["von 155,60"]),
    )
    close = {"type": "price_move", "change_pct": 5, "since": "previous_close"}
    [rose] = await on_quotes(store, close, quote(1052.0, 1000.0, "META"))
    assert both(rose) == (
        ("META rose 5.2% since the previous close: 1,052.00 USD", ["from 1,000.00"]),
        ("META stieg seit dem letzten Schlusskurs um 5,2 %: 1.052,00 USD", ["von 1.000,00"]),
    )


async def test_threshold_both_sides(store: Store) -> None:
    [above] = await on_quotes(store, {"type": "threshold", "above": 600}, quote(601, None, "META"))
    assert both(above) == (
        ("META crossed above 600: 601.00 USD", []),
        ("META hat 600 überschritten: 601,00 USD", []),
    )
    [below] = await on_quotes(store, {"type": "threshold", "below": 150.5}, quote(150))
    assert both(below)[1] == ("BABA hat 150,5 unterschritten: 150,00 USD", [])


async def test_combo() -> None:
    rule = ComboRule(
        ComboOptions.model_validate(
            {"name": "both", "type": "combo", "all": ["downgrade", "move"], "within": "90m"}
        )
    )
    fired = {"downgrade": T0 - timedelta(minutes=5), "move": T0}
    alert = rule.evaluate("BABA", dict(fired), T0)
    assert alert is not None
    assert both(alert) == (
        ("BABA: downgrade, move within 1h30m", []),
        ("BABA: downgrade, move innerhalb von 1 Stunde 30 Minuten", []),
    )


async def test_personal_band_and_alert_level(store: Store) -> None:
    await store.set_personal_rule(7, "BABA", "band", {"low": 150, "high": 160})
    await store.set_personal_rule(7, "BABA", "above", {"price": 160.5})
    alerts = await personal_alerts([quote(161.5)], store, T0)
    by_rule = {alert.rule: alert for alert in alerts}
    assert both(by_rule["your-band"]) == (
        ("BABA left your band 150–160, now above: 161.50 USD", []),
        ("BABA hat dein Band 150–160 verlassen, jetzt darüber: 161,50 USD", []),
    )
    assert both(by_rule["your-alert"]) == (
        ("BABA is above your alert level 160.5: 161.50 USD", []),
        ("BABA liegt über deiner Alarmschwelle 160,5: 161,50 USD", []),
    )
    assert "⚠️ <b>BABA</b> · dein-Band\n" in render_html(by_rule["your-band"], "de")


# -- made of other alerts ------------------------------------------------------------------------


async def price_alerts(store: Store) -> list[Alert]:
    band = {"type": "price_band", "symbol": "BABA", "low": 154, "high": 157}
    [left] = await on_quotes(store, {**band, "name": "band"}, quote(150.8))
    [crossed] = await on_quotes(
        store, {"type": "threshold", "above": 600, "name": "over-600"}, quote(601, None, "META")
    )
    return [left, crossed]


async def test_group_lists_each_alert_in_the_same_language(store: Store) -> None:
    grouped = messages.group(await price_alerts(store), 7, T0)
    assert both(grouped) == (
        (
            "2 alerts for BABA, META",
            [
                "BABA · band: BABA left its band 154–157, now below: 150.80 USD",
                "META · over-600: META crossed above 600: 601.00 USD",
            ],
        ),
        (
            "2 Alarme für BABA, META",
            [
                "BABA · band: BABA hat sein Band 154–157 verlassen, jetzt darunter: 150,80 USD",
                "META · over-600: META hat 600 überschritten: 601,00 USD",
            ],
        ),
    )
    assert render_plain(grouped, "de").startswith("WARNING gebündelt: 2 Alarme für BABA, META")


async def test_a_long_group_is_cut_with_a_count(store: Store) -> None:
    rule = build_rule(_options({"name": "t", "type": "threshold", "above": 100}))
    many = []
    for index in range(10):
        many += await rule.on_quote(quote(101 + index, None, f"S{index}"), context(store))
    grouped = messages.group(many, 7, T0)
    assert compose(grouped, "en").details[-1] == "… and 3 more"
    assert compose(grouped, "de").details[-1] == "… und 3 weitere"


async def test_digest_times_in_the_chat_zone(store: Store) -> None:
    alerts = await price_alerts(store)
    digest = messages.digest(alerts, 7, T0 + timedelta(hours=1), BERLIN)
    (en_headline, _), (de_headline, de_lines) = both(digest)
    assert en_headline == "Your digest: 2 alerts since the last one"
    assert de_headline == "Deine Übersicht: 2 Alarme seit der letzten"
    assert de_lines[0] == "16:20 BABA · band: BABA hat sein Band 154–157 verlassen, jetzt " + (
        "darunter: 150,80 USD"
    )
    one = messages.digest(alerts[:1], 7, T0, BERLIN)
    assert compose(one, "de").headline == "Deine Übersicht: 1 Alarm seit der letzten"
    assert compose(one, "en").headline == "Your digest: 1 alert since the last one"


async def test_also_reported_by_in_the_language_of_the_chat(store: Store) -> None:
    item = news("Alibaba plant Kapitalerhöhung")
    alert = await on_item(store, {"type": "keyword", "any": ["Kapitalerhöhung"]}, item, [])
    await store.add_story_source("story-1", "dpa-AFX")
    await store.add_story_source("story-1", "wire")
    alert.fields["stories"] = ["story-1"]
    alert = await with_repeats(alert, store)
    assert alert.details[-1] == "also reported by dpa-AFX"
    assert localise(alert, "en").details == alert.details
    assert localise(alert, "de").details == [
        "Treffer: Kapitalerhöhung · wire",
        "auch gemeldet von dpa-AFX",
    ]


# -- rendering -----------------------------------------------------------------------------------


def test_unreadable_fields_fall_back_to_the_stored_english() -> None:
    old = Alert("band", "price_band", "warning", "BABA", "stored text", T0, "k", ["detail"])
    assert localise(old, "de") == ("stored text", ["detail"])
    unknown = Alert("r", "plugin", "info", None, "plugin text", T0, "k", fields={"x": 1})
    assert localise(unknown, "de") == ("plugin text", [])
    assert localise(unknown, "xx") == ("plugin text", [])  # unknown languages read English


async def test_german_render_is_escaped_and_within_the_limit(store: Store) -> None:
    title = "<b>Kapitalerhöhung</b> & " + "sehr lange Überschrift " * 400
    item = NewsItem(
        "n9", "wire & co", title, "", "https://news.example/9?a=1&b=2", T0, "de", ("BABA",)
    )
    word = {"type": "keyword", "any": ["Kapitalerhöhung"]}
    alerts = [await on_item(store, word, item, [])]
    many = [
        await on_item(
            store, word, NewsItem(f"m{n}", "wire", title, "", "", T0, "de", ("BABA",)), []
        )
        for n in range(12)
    ]
    alerts += [messages.group(many, 7, T0), messages.digest(many, 7, T0, BERLIN)]
    for alert in alerts:
        text = render_html(alert, "de")
        assert len(text) <= TELEGRAM_LIMIT
        outside_our_tags = re.sub(r'</?[bi]>|<a href="[^"<>]*">|</a>', "", text)
        assert "<" not in outside_our_tags and ">" not in outside_our_tags
        assert "Kapitalerhöhung" in html.unescape(outside_our_tags)
    keyword_text = render_html(alerts[0], "de")
    assert "&lt;b&gt;Kapitalerhöhung&lt;/b&gt; &amp;" in keyword_text
    assert "<i>Treffer: Kapitalerhöhung · wire &amp; co</i>" in keyword_text
    assert '<a href="https://news.example/9?a=1&amp;b=2">Quelle</a>' in keyword_text
    assert "Source" in render_html(alerts[0], "en")
