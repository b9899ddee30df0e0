"""Analyst grammars in German and English, on headlines written for these tests.

Brokers and companies are partly invented, so the grammars are shown to work by position and
not only from the name tables.
"""

from __future__ import annotations

from typing import Any

import pytest

from rules.events import AnalystAction
from rules.extract import extract


def analyst(text: str, lang: str | None = None) -> list[dict[str, Any]]:
    return [e.to_dict() for e in extract(text, lang) if isinstance(e, AnalystAction)]


def one(text: str, lang: str | None = None) -> dict[str, Any]:
    events = analyst(text, lang)
    assert len(events) == 1, events
    return events[0]


def fields(event: dict[str, Any]) -> tuple[Any, ...]:
    return (
        event["broker"],
        event["company"],
        event["rating_action"],
        event["rating"],
        event["target_action"],
        event["target"],
        event["prior_target"],
        event["currency"],
    )


GERMAN = [
    (
        "Kepler Cheuvreux stuft Nordlicht Energie ab auf 'Reduce' - Ziel 6 Euro",
        ("Kepler Cheuvreux", "Nordlicht Energie", "down", "Reduce", "set", 6, None, "EUR"),
    ),
    (
        "Die Experten der Deutschen Bank senkten ihr Kursziel für Nordlicht Energie auf 45 Euro.",
        ("Deutsche Bank", "Nordlicht Energie", "none", None, "lower", 45, None, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Nordbank Research hebt Ziel für Müller Maschinenbau auf 48,50 Euro - "
        "'Kaufen'",
        ("Nordbank Research", "Müller Maschinenbau", "none", "Kaufen", "raise", 48.5, None, "EUR"),
    ),
    (
        "Quellfels Capital senkt Ziel für Brauhaus Nord auf 17 Euro - 'Halten'",
        ("Quellfels Capital", "Brauhaus Nord", "none", "Halten", "lower", 17, None, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Berenberg hebt Windpark Solutions auf 'Buy' - Ziel 31 Euro",
        ("Berenberg", "Windpark Solutions", "up", "Buy", "set", 31, None, "EUR"),
    ),
    (
        "Kepler Cheuvreux senkt Fahrwerk Holding auf 'Reduce' und Ziel auf 9,80 Euro",
        ("Kepler Cheuvreux", "Fahrwerk Holding", "down", "Reduce", "lower", 9.8, None, "EUR"),
    ),
    (
        "WDH/ANALYSE-FLASH: Goldman belässt Beispielwerke nach Zahlen auf 'Neutral' - Ziel 1.250 "
        "Pence",
        ("Goldman", "Beispielwerke", "main", "Neutral", "set", 1250, None, "GBX"),
    ),
    (
        "ANALYSE-FLASH: UBS startet Seilbahn Tirol mit 'Sell' - Ziel 40 Franken",
        ("UBS", "Seilbahn Tirol", "init", "Sell", "init", 40, None, "CHF"),
    ),
    (
        "ANALYSE-FLASH: JPMorgan nimmt Fjordlachs mit 'Overweight' wieder auf - Ziel 210 "
        "norwegische Kronen",
        ("JPMorgan", "Fjordlachs", "init", "Overweight", "init", 210, None, "NOK"),
    ),
    (
        "ANALYSE-FLASH: Citigroup hebt Nordmetall auf 'Buy' - Ziel 380 Kronen",
        ("Citigroup", "Nordmetall", "up", "Buy", "set", 380, None, None),
    ),
    (
        "ANALYSE-FLASH: DZ Bank senkt fairen Wert für Gartenbedarf AG auf 22 Euro - 'Verkaufen'",
        ("DZ Bank", "Gartenbedarf AG", "none", "Verkaufen", "lower", 22, None, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Metzler hebt Rheinwerft auf 'Kaufen' - Ziel runter auf 12 Euro",
        ("Metzler", "Rheinwerft", "up", "Kaufen", "lower", 12, None, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Baader Bank hebt Küstenwind auf 'Hold' - Ziel gesenkt von 30 auf 26 Euro",
        ("Baader Bank", "Küstenwind", "up", "Hold", "lower", 26, 30, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Warburg Research senkt Spindel-Technik-Ziel auf 64 Euro - 'Buy'",
        ("Warburg Research", "Spindel Technik", "none", "Buy", "lower", 64, None, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Equinet hebt Stahlbau Ost auf 'Accumulate' - Ziel bleibt 8 Euro",
        ("Equinet", "Stahlbau Ost", "up", "Accumulate", "set", 8, None, "EUR"),
    ),
    (
        "ANALYSE-FLASH: Jefferies hebt Ziel für Weltlogistik - 'Hold'",
        ("Jefferies", "Weltlogistik", "none", "Hold", "raise", None, None, None),
    ),
    (
        "ANALYSE-FLASH: HSBC senkt Tafelwerk auf 'Hold' - Ziel runter",
        ("HSBC", "Tafelwerk", "down", "Hold", "lower", None, None, None),
    ),
    (
        "ANALYSE-FLASH: Bernstein bewertet Lagerhaus Süd wieder - 'Outperform'",
        ("Bernstein", "Lagerhaus Süd", "init", "Outperform", "none", None, None, None),
    ),
    (
        "ANALYSE-FLASH: Morgan Stanley hebt Ziel für Alibaba auf 225 US-Dollar - 'Overweight'",
        ("Morgan Stanley", "Alibaba", "none", "Overweight", "raise", 225, None, "USD"),
    ),
    (
        "ANALYSE/Goldman: Zalando-Aktie nach Kursrutsch zu billig - 'Buy'",
        ("Goldman", "Zalando", "none", "Buy", "none", None, None, None),
    ),
    (
        "ANALYSE: Steigende Kosten belasten Jenoptik - Berenberg stuft Aktie ab",
        ("Berenberg", "Jenoptik", "down", None, "none", None, None, None),
    ),
    (
        "Die Deutsche Bank hat das Kursziel für Siemens von 180 auf 200 Euro angehoben.",
        ("Deutsche Bank", "Siemens", "none", None, "raise", 200, 180, "EUR"),
    ),
    (
        'Die Investmentbank Jefferies hat Aixtron von "Hold" auf "Buy" hochgestuft und das '
        "Kursziel von 14 auf 19 Euro angehoben.",
        ("Jefferies", "Aixtron", "up", "Buy", "raise", 19, 14, "EUR"),
    ),
    (
        'Die US-Bank JPMorgan hat die Einstufung für Symrise auf "Neutral" mit einem Kursziel '
        "von 96 Euro belassen.",
        ("JPMorgan", "Symrise", "main", "Neutral", "set", 96, None, "EUR"),
    ),
    (
        "Die Papiere von Nordex fielen um 3 Prozent, nachdem die UBS ihre Kaufempfehlung "
        "gestrichen hatte.",
        ("UBS", "Nordex", "down", None, "none", None, None, None),
    ),
]

ENGLISH = [
    (
        "RBC Capital Maintains Outperform on Maple Rail, Raises Price Target to C$45",
        ("RBC Capital", "Maple Rail", "main", "Outperform", "raise", 45, None, "CAD"),
    ),
    (
        "Jefferies Raises PT On Lotus Gaming To HK$80",
        ("Jefferies", "Lotus Gaming", "none", None, "raise", 80, None, "HKD"),
    ),
    (
        "Harbor Ridge Securities Maintains Buy on Widgetworks, Raises Price Target to $42",
        ("Harbor Ridge Securities", "Widgetworks", "main", "Buy", "raise", 42, None, "USD"),
    ),
    (
        "Goldman Sachs Upgrades Pinecone Foods to Buy, Announces $18.50 Price Target",
        ("Goldman Sachs", "Pinecone Foods", "up", "Buy", "set", 18.5, None, "USD"),
    ),
    (
        "Wells Fargo Downgrades Lumen Orbit from Overweight to Equal-Weight, Lowers Price Target "
        "to $7",
        ("Wells Fargo", "Lumen Orbit", "down", "Equal-Weight", "lower", 7, None, "USD"),
    ),
    (
        "Tidewater Partners Initiates Coverage On Cobalt Valley with Outperform Rating, Announces "
        "$64 Price Target",
        ("Tidewater Partners", "Cobalt Valley", "init", "Outperform", "init", 64, None, "USD"),
    ),
    (
        "Stifel Assumes Redwood Logistics, Inc. at Hold",
        ("Stifel", "Redwood Logistics", "init", "Hold", "none", None, None, None),
    ),
    (
        "Barclays Reiterates Overweight on Glacier Pharma, Lowers PT to $120",
        ("Barclays", "Glacier Pharma", "main", "Overweight", "lower", 120, None, "USD"),
    ),
    (
        "Mizuho Maintains Quartzline Common Stock at Neutral, Raises PT from $30 to $33",
        ("Mizuho", "Quartzline", "main", "Neutral", "raise", 33, 30, "USD"),
    ),
    (
        "Needham Maintains Strong Buy on Sparrow Systems, Removes $55 PT",
        ("Needham", "Sparrow Systems", "main", "Strong Buy", "none", None, 55, "USD"),
    ),
    (
        "UBS Upgrades Marble Arch Group: Buy, $90 PT",
        ("UBS", "Marble Arch Group", "up", "Buy", "set", 90, None, "USD"),
    ),
    (
        "Jefferies Raises PT On Driftwood Energy To $61",
        ("Jefferies", "Driftwood Energy", "none", None, "raise", 61, None, "USD"),
    ),
    (
        "Citigroup Lowers Driftwood Energy Price Target From $70 To $58",
        ("Citigroup", "Driftwood Energy", "none", None, "lower", 58, 70, "USD"),
    ),
    (
        "Driftwood Energy Downgraded From Buy To Neutral At Cowen",
        ("Cowen", "Driftwood Energy", "down", "Neutral", "none", None, None, None),
    ),
    (
        "Sparrow Systems shares are trading higher after Piper Sandler upgraded the stock from "
        "Neutral to Overweight and raised its price target from $12 to $18.",
        ("Piper Sandler", "Sparrow Systems", "up", "Overweight", "raise", 18, 12, "USD"),
    ),
    (
        "JPMorgan cut its price target on Nike to $90 from $115",
        ("JPMorgan", "Nike", "none", None, "lower", 90, 115, "USD"),
    ),
    (
        "UPDATE: Hearing Oppenheimer Downgrades Cobalt Valley (CBV) to Perform",
        ("Oppenheimer", "Cobalt Valley", "down", "Perform", "none", None, None, None),
    ),
    (
        "Quartzline Shares Slide After Guidance Cut; Cowen Maintained An Outperform Rating But "
        "Lowered Its Price Target To $53",
        ("Cowen", "Quartzline", "main", "Outperform", "lower", 53, None, "USD"),
    ),
    (
        "Tidewater Partners Analyst Jo Marsh Raises Cobalt Valley Price Target To $70",
        ("Tidewater Partners", "Cobalt Valley", "none", None, "raise", 70, None, "USD"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), GERMAN)
def test_german_forms(text: str, expected: tuple[Any, ...]) -> None:
    assert fields(one(text, "de")) == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_forms(text: str, expected: tuple[Any, ...]) -> None:
    assert fields(one(text, "en")) == expected


def test_language_is_detected_when_not_given() -> None:
    assert one("Berenberg hebt Ziel für Beispielwerke auf 20 Euro - 'Buy'")["currency"] == "EUR"
    assert one("Cowen Maintains Buy on Widgetworks, Raises Price Target to $5")["target"] == 5


def test_ticker_list_gives_one_event_per_company() -> None:
    events = analyst("Deutsche Bank Downgrades ABCD, EFGH, IJKL", "en")
    assert [e["company"] for e in events] == ["ABCD", "EFGH", "IJKL"]
    assert {e["rating_action"] for e in events} == {"down"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("dpa-AFX Überblick: Ausgewählte ANALYSTEN-EINSTUFUNGEN vom 03.05.2024", "de"),
        ("ANALYSE: Analysten stufen Zalando reihenweise hoch", "de"),
        ("ANALYSE: Barclays sieht für europäische Banken bessere Zeiten", "de"),
        ("Benzinga's Top Upgrades, Downgrades For March 3, 2022", "en"),
        ("Moody's Upgrades Widgetworks To Baa2; Outlook Stable", "en"),
        ("Widgetworks Raises FY24 Sales Guidance From $1.2B To $1.3B", "en"),
        ("Widgetworks Maintains Quarterly Dividend At $0.25/Share", "en"),
        ("Morgan Stanley Initiates Coverage On Specialty Retailers", "en"),
        ("JPMorgan denies report that it will downgrade Apple", "en"),
        ("Hier gab die Bank die Verkaufsempfehlung auf und hob das Kursziel an.", "de"),
        ("Die Studie wurde als ethisch unbedenklich eingestuft.", "de"),
    ],
)
def test_no_invented_events(text: str, lang: str) -> None:
    assert analyst(text, lang) == []


def test_every_event_serialises_to_the_gold_schema() -> None:
    event = one("Berenberg senkt Ziel für Beispielwerke von 70 auf 69 Euro - 'Hold'", "de")
    assert set(event) == {
        "type",
        "broker",
        "company",
        "rating_action",
        "rating",
        "target_action",
        "target",
        "prior_target",
        "currency",
    }
    assert event["target"] == 69 and isinstance(event["target"], int)
    assert event["prior_target"] == 70
