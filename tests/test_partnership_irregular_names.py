"""Names the partnership finder used to cut or miss: names with a digit or a small word
("3M", "SK On"), a unit after its parent's possessive ("Alphabet's Waymo"), NATO as a party, a
company's shares, product words after a maker and the country of a US agency. Every text is
written for these tests; most names are invented."""

from __future__ import annotations

import pytest

from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str = "en") -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("SK On Inks Cathode Supply Pact With Corvane Motors", {"SK On", "Corvane Motors"}),
        (
            "Brightmere said on Monday it would supply battery cells to SK On for its plant in "
            "Georgia.",
            {"Brightmere", "SK On"},
        ),
        ("3M Licenses Filter Membrane Technology to Halvik", {"3M", "Halvik"}),
        ("3SBio Licenses Antibody Candidate to Kestra Pharma", {"3SBio", "Kestra Pharma"}),
    ],
)
def test_names_with_a_digit_or_a_small_word(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


def test_a_listed_name_ends_its_run() -> None:
    names = [org.name for org in find_orgs("Ford Picks SK On As Battery Partner", "en")]
    assert "SK On" in names
    assert not any(name.startswith("SK On ") for name in names)


def test_a_unit_after_its_parents_possessive_is_the_party() -> None:
    text = "Alphabet's Waymo Teams Up With Kestra Mobility on Airport Rides"
    assert _parties(text) == [{"Waymo", "Kestra Mobility"}]


def test_a_product_after_its_makers_possessive_still_stands_for_the_maker() -> None:
    text = "Halvik Builds Its Assistant on Google's Gemini Models"
    assert _parties(text) == [{"Halvik", "Google"}]


def test_nato_is_an_organisation() -> None:
    text = "Corvalis Defence Selected by NATO for Secure Radio Network"
    assert _parties(text) == [{"Corvalis Defence", "NATO"}]


def test_a_companys_shares_are_no_name_of_their_own() -> None:
    text = (
        "Shares of Corvane Systems rose 6% after the chipmaker said Halvik Semiconductor had "
        "signed a 10-year wafer supply agreement with it."
    )
    assert _parties(text) == [{"Corvane Systems", "Halvik Semiconductor"}]


def test_a_product_word_after_the_maker_is_left_out() -> None:
    text = "Brightmere Motors Picks Kestra Lidar for Its Delivery Vans"
    assert _parties(text) == [{"Brightmere Motors", "Kestra"}]


def test_the_us_postal_service_keeps_its_country() -> None:
    text = "Halvik Wins Air Cargo Contract From U.S. Postal Service"
    assert _parties(text) == [{"Halvik", "U.S. Postal Service"}]


def test_a_cloud_business_is_named_whole() -> None:
    assert _parties("Brightmere Taps Google Cloud for Its Checkout Search") == [
        {"Brightmere", "Google Cloud"}
    ]


def test_a_unit_named_with_its_possessive_stays_whole() -> None:
    text = "Halvik Rail Builds on Siemens Mobility's Signalling Platform for Its Coastal Line"
    assert _parties(text) == [{"Halvik Rail", "Siemens Mobility"}]
