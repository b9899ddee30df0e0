"""The partner as the object of "with" after a deal noun, in running news sentences.

Every text here is written for these tests, with invented company names.
"""

from __future__ import annotations

import pytest

from rules.extract import extract
from rules.extract.orgs import find_orgs


def _parties(text: str) -> list[set[str]]:
    return [set(event.parties) for event in extract(text, "en") if event.type == "partnership"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Contoso signed a multi-year deal with KX7 to stream the broadcaster's channels.",
            {"Contoso", "KX7"},
        ),
        (
            "Fabrikam signed a licensing agreement with 4DBio for the drug, the company said.",
            {"Fabrikam", "4DBio"},
        ),
        (
            "Northwind said on Monday it had entered a partnership with RX2 to sell its phones.",
            {"Northwind", "RX2"},
        ),
    ],
)
def test_a_code_shaped_name_after_deal_with_is_the_partner(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


def test_a_code_shaped_word_elsewhere_stays_a_product() -> None:
    names = [org.name for org in find_orgs("Contoso unveiled the KX7 phone in Berlin.", "en")]
    assert "KX7" not in names


def test_a_code_after_a_title_case_with_stays_a_product() -> None:
    # in a headline "Alliance With KX7 Rollout" names what the deal is for
    text = "Contoso, Fabrikam Expand Cloud Alliance With KX7 Rollout"
    assert _parties(text) == [{"Contoso", "Fabrikam"}]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Fabrikam Rolls Out Instant Payments in Europe in Partnership With Litware",
            {"Fabrikam", "Litware"},
        ),
        (
            "Contoso Rolls Out Virtual Card Across Asia in Partnership With Northwind",
            {"Contoso", "Northwind"},
        ),
    ],
)
def test_the_subject_before_a_phrasal_headline_verb_is_the_party(
    text: str, parties: set[str]
) -> None:
    # "Rolls Out X in Partnership With Y": X is what was rolled out, the subject partners
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Navy awarded Northwind a $1.2 billion contract to build frigates, it said.",
        "Contoso awarded Fabrikam a $4.5 million contract to run its data centers.",
    ],
)
def test_an_award_with_a_decimal_amount_names_both_sides(text: str) -> None:
    # the point in "$1.2 billion" stands inside the clause, it ends no sentence
    assert len(_parties(text)) == 1
