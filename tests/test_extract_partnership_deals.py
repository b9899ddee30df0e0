"""Deals signed by two named parties, joint ventures founded and suppliers chosen for one area.

Every text here is written for these tests, with invented company names where the grammar does
not depend on a known one.
"""

from __future__ import annotations

import pytest

from rules.extract import extract
from rules.extract.orgs import find_orgs


def _parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in extract(text, lang) if event.type == "partnership"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Northwind and Contoso sign a cloud partnership", {"Northwind", "Contoso"}),
        ("Northwind and Contoso signed a multi-year supply agreement", {"Northwind", "Contoso"}),
        ("Adatum and Globex sign a licensing deal", {"Adatum", "Globex"}),
        (
            "Adatum and Globex inked a five-year distribution agreement on Tuesday",
            {"Adatum", "Globex"},
        ),
        ("Adatum and Globex strike a 3-year content pact", {"Adatum", "Globex"}),
        ("Fabrikam signs a cloud partnership with Litware", {"Fabrikam", "Litware"}),
        (
            "Fabrikam Technologies and Litware sign a strategic research partnership",
            {"Fabrikam Technologies", "Litware"},
        ),
    ],
)
def test_two_parties_sign_a_deal_of_a_partnering_kind(text: str, parties: set[str]) -> None:
    assert _parties(text, "en") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Adatum and Globex sign merger agreement",
        "Northwind and Contoso sign a loan agreement",
        "Northwind and Contoso sign agreement to settle patent dispute",
        "Adatum and Globex did not sign a cloud partnership",
        "Adatum and Globex are in talks to sign a cloud partnership",
        "Northwind signs a new lease for its headquarters",
    ],
)
def test_signed_deals_that_are_no_partnership(text: str) -> None:
    assert _parties(text, "en") == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Siemens gründet Gemeinschaftsunternehmen mit ZF", {"Siemens", "ZF"}),
        ("KRV gründet ein Gemeinschaftsunternehmen mit Polvex", {"KRV", "Polvex"}),
        (
            "Die Lufthansa gründet ein Gemeinschaftsunternehmen mit der Zentrix Gruppe",
            {"Lufthansa", "Zentrix Gruppe"},
        ),
        ("BASF und Sinopec gründen ein Gemeinschaftsunternehmen", {"BASF", "Sinopec"}),
    ],
)
def test_german_joint_venture_founded_with_a_partner(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Mercedes-Benz setzt bei Batteriezellen auf CATL", {"Mercedes-Benz", "CATL"}),
        ("Volkswagen setzt bei der Software auf Nvidia", {"Volkswagen", "Nvidia"}),
        ("Die BMW Group setzt bei Chips künftig auf Qualcomm", {"BMW Group", "Qualcomm"}),
        ("Siemens setzt bei seinen Zügen auf Software von SAP", {"Siemens", "SAP"}),
    ],
)
def test_german_supplier_chosen_for_one_area(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Siemens setzt bei Batterien nicht auf CATL",
        "Porsche setzt bei Wachstum auf China",
        "Bayer setzt beim Vertrieb auf Partner aus Indien",
        "Siemens prüft ein Gemeinschaftsunternehmen mit ZF",
    ],
)
def test_german_choices_that_are_no_partnership(text: str) -> None:
    assert _parties(text, "de") == []


def test_name_tails_continue_a_name_but_open_none() -> None:
    names = [org.name for org in find_orgs("Meta Platforms and Globex Group agreed", "en")]
    assert names == ["Meta Platforms", "Globex Group"]
    names = [org.name for org in find_orgs("Platforms built by Contoso are popular", "en")]
    assert names == ["Contoso"]
