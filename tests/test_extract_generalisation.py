"""Texts outside the dev sets: brokers and companies the name tables do not hold.

The grammars must find them by position ("Das Analysehaus <Broker> hat das Kursziel für
<Company> ...", "<A> und <B> vereinbaren eine Partnerschaft"), several brokers acting in one
headline must give one event each, and the negative classes must stay silent.
"""

from __future__ import annotations

from typing import Any

import pytest

from rules.events import AnalystAction, Partnership
from rules.extract import extract
from rules.extract.aliases import BROKER_TABLE
from rules.extract.companies import COMPANY_TABLE


def analyst(text: str, lang: str) -> list[tuple[Any, ...]]:
    return [
        (e.broker, e.company, e.rating_action, e.rating, e.target_action, e.target, e.prior_target)
        for e in extract(text, lang)
        if isinstance(e, AnalystAction)
    ]


def partnerships(text: str, lang: str) -> list[set[str]]:
    return [set(e.parties) for e in extract(text, lang) if isinstance(e, Partnership)]


def test_invented_names_are_not_in_the_tables() -> None:
    for name in ("Quellberg Research", "Halvorsen Partners", "Marlowe Capital"):
        assert name not in BROKER_TABLE
    for name in ("Vantora", "Brisklund", "Ostrava Digital", "Kelvaro"):
        assert not list(COMPANY_TABLE.find(name))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Das Analysehaus Quellberg Research hat das Kursziel für Vantora von 50 auf 62 Euro "
            'angehoben und die Einstufung auf "Kaufen" belassen.',
            [("Quellberg Research", "Vantora", "main", "Kaufen", "raise", 62, 50)],
        ),
        (
            "Die Schweizer Bank Halvorsen Partners hat die Einstufung für Brisklund auf "
            '"Neutral" mit einem Kursziel von 31 Franken belassen.',
            [("Halvorsen Partners", "Brisklund", "main", "Neutral", "set", 31, None)],
        ),
        (
            'Die US-Bank JPMorgan hat Kelvaro von "Neutral" auf "Overweight" hochgestuft.',
            [("JPMorgan", "Kelvaro", "up", "Overweight", "none", None, None)],
        ),
        (
            "Nach einer Abstufung durch die Citigroup fielen die Aktien von Bayer um 6 Prozent.",
            [("Citigroup", "Bayer", "down", None, "none", None, None)],
        ),
    ],
)
def test_german_prose_reads_broker_and_company_from_their_slots(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert analyst(text, "de") == expected


@pytest.mark.parametrize(
    "text",
    [
        # no action on a named stock: a sector view and a market report
        "Das Analysehaus Quellberg Research hat das Kursziel für den Sektor bestätigt.",
        "Die Aktie von Vantora hat am Montag 3 Prozent gewonnen.",
    ],
)
def test_german_slots_need_a_name_in_them(text: str) -> None:
    assert analyst(text, "de") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mizuho and Truist Raise Price Targets on Vantora",
            [
                ("Mizuho", "Vantora", "none", None, "raise", None, None),
                ("Truist", "Vantora", "none", None, "raise", None, None),
            ],
        ),
        (
            "KeyBanc, Stifel Upgrade Ostrava Digital to Buy",
            [
                ("KeyBanc", "Ostrava Digital", "up", "Buy", "none", None, None),
                ("Stifel", "Ostrava Digital", "up", "Buy", "none", None, None),
            ],
        ),
        (
            "Kelvaro shares are trading lower after Barclays and Wells Fargo downgraded the "
            "company's stock; Wells Fargo also lowered its price target from $40 to $32.",
            [
                ("Barclays", "Kelvaro", "down", None, "none", None, None),
                ("Wells Fargo", "Kelvaro", "down", None, "lower", 32, 40),
            ],
        ),
        (
            "Marlowe Capital downgraded Brisklund to Sell from Neutral",
            [("Marlowe Capital", "Brisklund", "down", "Sell", "none", None, None)],
        ),
        # one broker whose name holds a comma and an ampersand stays one
        (
            "Keefe, Bruyette & Woods Upgrades Vantora to Outperform",
            [("Keefe, Bruyette & Woods", "Vantora", "up", "Outperform", "none", None, None)],
        ),
    ],
)
def test_english_headlines_with_several_or_unknown_brokers(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert analyst(text, "en") == expected


def test_an_unknown_name_needs_a_rating_change_to_count_as_broker() -> None:
    assert analyst("Marlowe Capital maintained Brisklund in its portfolio", "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zalando und Brisklund vereinbaren eine Partnerschaft für Ratenzahlungen",
            [{"Zalando", "Brisklund"}],
        ),
        (
            "Die Deutsche Telekom arbeitet beim Netzausbau künftig mit Kelvaro zusammen",
            [{"Deutsche Telekom", "Kelvaro"}],
        ),
        ("Die Lufthansa setzt bei der Wartung auf Technik von Airbus", [{"Lufthansa", "Airbus"}]),
        (
            "Mercedes-Benz und Vantora gründen ein Gemeinschaftsunternehmen für Ladesäulen",
            [{"Mercedes-Benz", "Vantora"}],
        ),
        ("Hapag-Lloyds Allianz mit Brisklund startet im Februar", [{"Hapag-Lloyd", "Brisklund"}]),
        (
            "Infineon selects Ostrava Digital as foundry partner for its next automotive chips",
            [{"Infineon", "Ostrava Digital"}],
        ),
    ],
)
def test_partnerships_between_names_the_tables_lack(text: str, expected: list[set[str]]) -> None:
    lang = "en" if " selects " in text else "de"
    assert partnerships(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bayer prüft eine Kooperation mit Kelvaro", "de"),
        ("Vonovia dementiert Gespräche über eine Partnerschaft mit Brisklund", "de"),
        ("Siemens und Kunden vereinbaren eine Partnerschaft", "de"),  # a plural noun, no name
        ("Mit Blick auf die Kooperation mit Partnern bleibt Vantora vorsichtig", "de"),
        ("Stellantis ends its partnership with Kelvaro", "en"),
        ("Oracle in talks for a cloud deal with Vantora", "en"),
    ],
)
def test_no_partnership_in_talks_denials_endings_or_common_nouns(text: str, lang: str) -> None:
    assert partnerships(text, lang) == []
