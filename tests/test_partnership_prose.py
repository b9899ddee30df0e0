"""Partnerships in running news prose: reporting clauses, owners before a name, deals named
before the clause that describes them, and the signing of a paper by two named parties.

Every text here is written for these tests, with invented names where the grammar does not
depend on a known one.
"""

from __future__ import annotations

import pytest

from rules.extract import extract
from rules.extract.orgs import find_orgs


def _parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in extract(text, lang) if event.type == "partnership"]


def _org_names(text: str, lang: str = "en") -> list[str]:
    return [org.name for org in find_orgs(text, lang)]


@pytest.mark.parametrize(
    "text",
    [
        "Tessaro Vance said it had picked a new supplier.",
        "Tessaro Vance said on Monday it would cut jobs.",
        "Tessaro Vance said in a statement that demand was weak.",
    ],
)
def test_a_name_that_reports_as_it_is_an_organisation(text: str) -> None:
    assert _org_names(text) == ["Tessaro Vance"]


def test_a_name_that_reports_as_he_stays_a_person() -> None:
    assert _org_names("Tessaro Vance said he would step down.") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Norway's Hexa Fjord Shipping will cut routes.", ["Hexa Fjord Shipping"]),
        (
            "Orvel Mining and South Korea's Daehan Cell agreed terms.",
            ["Orvel Mining", "Daehan Cell"],
        ),
        ("Google's Gemini models power the app.", ["Google"]),
        ("Halvik's Zen chips will power Orbel Quanta servers.", ["Halvik", "Orbel Quanta"]),
    ],
)
def test_an_owner_before_a_name(text: str, names: list[str]) -> None:
    assert _org_names(text) == names


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Tessaro Vance said it had chosen Orbel Quanta to run its payroll systems.",
            {"Tessaro Vance", "Orbel Quanta"},
        ),
        (
            "Under the agreement, Nordlicht's turbines will be available to customers of "
            "Valoria Grid, the companies said.",
            {"Nordlicht", "Valoria Grid"},
        ),
        (
            "Sarnia Chemicals and Norway's Tovik Minerals signed a memorandum of understanding "
            "on graphite supply.",
            {"Sarnia Chemicals", "Tovik Minerals"},
        ),
        (
            "Arcwell Data and Sunmere Power signed a 15-year power purchase agreement.",
            {"Arcwell Data", "Sunmere Power"},
        ),
        (
            "The Federal Aviation Administration awarded Kestrel Dynamics a $90 million contract "
            "to upgrade its radar systems.",
            {"Federal Aviation Administration", "Kestrel Dynamics"},
        ),
        (
            "Brontide Foods Inks Deal With Calloway to Stock Its Snacks",
            {"Brontide Foods", "Calloway"},
        ),
        (
            "Halvik Motors will use Corvel's radar chips in its next trucks, Halvik said.",
            {"Halvik Motors", "Corvel"},
        ),
    ],
)
def test_english_prose_partnerships(text: str, parties: set[str]) -> None:
    assert _parties(text, "en") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        # a count of aircraft makes the paper an order
        "Corvan Air signed an agreement with Aerolux for 30 jets, the airline said.",
        "Corvan Air signed a memorandum of understanding for eight A321 jets with Aerolux.",
        # no signing: the deal is only weighed
        "Sarnia Chemicals and Tovik Minerals could sign a memorandum of understanding next year.",
    ],
)
def test_english_prose_without_a_partnership(text: str) -> None:
    assert _parties(text, "en") == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Henkel und der Softwareanbieter SAP haben ihre Zusammenarbeit um drei Jahre "
            "verlängert.",
            {"Henkel", "SAP"},
        ),
        (
            "Der Maschinenbauer Krones setzt bei der Steuerung seiner neuen Anlagen auf Technik "
            "von Siemens, sagte ein Sprecher.",
            {"Krones", "Siemens"},
        ),
        (
            "Der Autobauer Audi setzt beim Bau seiner neuen Modelle inzwischen auch auf Chips "
            "von Infineon.",
            {"Audi", "Infineon"},
        ),
        (
            "Thyssenkrupp arbeitet künftig mit dem Wasserstoff-Entwickler Sunfire zusammen.",
            {"Thyssenkrupp", "Sunfire"},
        ),
    ],
)
def test_german_prose_partnerships(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Lufthansa hat mit Airbus eine Vereinbarung über 20 Jets vom Typ A350 unterzeichnet.",
        "Lufthansa unterzeichnet Vertrag mit Airbus über 15 Flugzeuge",
    ],
)
def test_a_german_order_of_counted_aircraft_is_no_partnership(text: str) -> None:
    assert _parties(text, "de") == []
