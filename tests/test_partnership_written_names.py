"""Parties named as the text writes them, and counterparts found past what stands before
them. Every text is written for these tests; most names are invented."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str = "en") -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Orvant Holdings signed a distribution partnership with Kelby Foods.",
            {"Orvant Holdings", "Kelby Foods"},
        ),
        (
            "Dunmore & Co Inks Data Partnership With Larch Analytics",
            {"Dunmore & Co", "Larch Analytics"},
        ),
        (
            "Kelby Foods signed a supply agreement with Orvant Holdings Inc. on Monday.",
            {"Orvant Holdings", "Kelby Foods"},
        ),
    ],
)
def test_holdings_and_and_co_stay_in_the_name(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


def test_a_true_legal_form_is_still_left_off() -> None:
    assert _parties("Orvant Inc. signed a supply agreement with Kelby Foods.") == [
        {"Orvant", "Kelby Foods"}
    ]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Die Sparda-Bank arbeitet beim Cloud-Umbau eng mit Google Cloud zusammen.",
            {"Sparda-Bank", "Google Cloud"},
        ),
        (
            "Die Lufthansa arbeitet bei der KI-Plattform mit SAP zusammen.",
            {"Lufthansa", "SAP"},
        ),
    ],
)
def test_german_counterpart_after_an_adverbial_with_a_name(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Kroger is working with Microsoft to let shoppers buy groceries through Copilot.",
        "Walmart is working with OpenAI to allow customers to purchase groceries in the app.",
    ],
)
def test_a_purchase_by_consumers_vetoes_no_partnership(text: str) -> None:
    assert len(_parties(text)) == 1


def test_a_company_bought_still_vetoes() -> None:
    assert _parties("Kroger is working with Microsoft to buy Harlow Foods.") == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Bayer hat sich die Rechte an einem Herzmittel des Biotechunternehmens Evotec "
            "gesichert und zahlt dafür 80 Millionen Euro.",
            {"Bayer", "Evotec"},
        ),
        ("Merck sichert sich die Rechte an einem Antikörper von Evotec.", {"Merck", "Evotec"}),
    ],
)
def test_german_rights_taken_from_the_maker_are_a_licence(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


def test_german_rights_lost_are_no_licence() -> None:
    assert _parties("Die Aktionäre von Bayer haben die Rechte an der Marke verloren.", "de") == []


def test_a_deal_won_for_an_owners_product_names_the_owner() -> None:
    text = "Bosch Wins Supply Contract For Volkswagen's Electric Vans"
    assert _parties(text) == [{"Bosch", "Volkswagen"}]
