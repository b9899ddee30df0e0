"""Two parties named together before the verb: a country that owns the first ("Japan's X and
U.S.-based Y agreed to extend their joint venture"), a Title-Case comma pair that signs a deal
of no named kind or launches a cooperation. Every text is written for these tests; the names
are invented."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships


def _parties(text: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, "en")]


def test_owning_country_and_seat_around_a_coordinated_subject() -> None:
    text = (
        "Japan's Tellin and U.S.-based Corvane agreed to extend their sensor manufacturing "
        "joint venture by five years, the companies said."
    )
    assert _parties(text) == [{"Tellin", "Corvane"}]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Corvane, Halvik Sign Deal on Hydrogen Plant in Texas", {"Corvane", "Halvik"}),
        (
            "Brightmere, Norwind Launch Baltic Ferry Cooperation on Northern Routes",
            {"Brightmere", "Norwind"},
        ),
    ],
)
def test_title_case_pair_signs_or_launches(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Corvane Signs Deal to Buy Halvik",
        "Corvane, Halvik Sign Deal to Merge Their Ferry Units",
    ],
)
def test_signed_deal_for_a_purchase_is_none(text: str) -> None:
    assert _parties(text) == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Corvane to Manufacture Liquid-Cooled Racks for Halvik Under Supply Agreement",
            {"Corvane", "Halvik"},
        ),
        (
            "Brightmere Will Produce Battery Packs for Norwind Under Long-Term Supply Agreement",
            {"Brightmere", "Norwind"},
        ),
    ],
)
def test_title_case_future_subject_under_a_deal(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


def test_german_cooperation_only_held_possible_is_none() -> None:
    text = (
        "Analysten halten eine engere Zusammenarbeit zwischen Korvin und Tellin für möglich, "
        "Gespräche gebe es aber nicht."
    )
    assert find_partnerships(text, "de") == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Nidec said it had agreed with Kubota to jointly develop electric axles.",
            [{"Nidec", "Kubota"}],
        ),
        (
            "Shares of Ebara rose 4%. The pump maker said it had agreed with Kurita to jointly"
            " build water recycling plants.",
            [{"Ebara", "Kurita"}],
        ),
        (
            "Nidec agreed with Kubota and Denso to jointly develop electric axles.",
            [{"Nidec", "Kubota", "Denso"}],
        ),
        # the one it competes with is no partner
        ("Nidec, which competes with Kubota, will jointly develop electric axles.", []),
    ],
)
def test_the_partner_after_with_before_a_joint_act(text: str, parties: list[set[str]]) -> None:
    assert [set(event.parties) for event in find_partnerships(text, "en")] == parties


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Nordwind Semiconductor will make radar chips for Kestrel Auto at its Dresden fab,"
            " the companies announced.",
            [{"Nordwind Semiconductor", "Kestrel Auto"}],
        ),
        (
            "Sports retailer Halvik runs its ordering system on Brightmere's cloud, the two"
            " companies said on Monday.",
            [{"Halvik", "Brightmere"}],
        ),
        # what the two say together may be a purchase, talks, a dispute or a meeting of their
        # people: no partnership
        ("Halvik will buy Brightmere for $2 billion, the companies said.", []),
        ("Halvik and Brightmere are in talks over a tie-up, the companies said.", []),
        (
            "Halvik's chief executive met Brightmere chairman Jon Ek in Oslo, the companies said.",
            [],
        ),
        # the statement must close the clause that tells what they do
        ("The companies said Halvik will make chips for Brightmere.", []),
    ],
)
def test_a_statement_of_both_closing_the_clause_names_the_two_first_named(
    text: str, parties: list[set[str]]
) -> None:
    assert [set(event.parties) for event in find_partnerships(text, "en")] == parties


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Corvane, Halvik To Build Hydrogen Hub In Rotterdam", {"Corvane", "Halvik"}),
        ("Brightmere And Norwind To Develop Solid-State Cells", {"Brightmere", "Norwind"}),
        ("Tellin and Quorra to launch joint payments app in Brazil", {"Tellin", "Quorra"}),
        # one subject with its partner after "with"
        ("Corvane To Develop Flight Software With Halvik", {"Corvane", "Halvik"}),
    ],
)
def test_coordinated_headline_subject_with_a_shared_act_ahead(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Corvane Plans To Build Hydrogen Hub In Rotterdam",
        "Corvane, Halvik To Cut 2,000 Jobs",
        "Brightmere Downgrades Norwind To Market Perform",
        "Corvane said it is set to launch a payments app with new features",
    ],
)
def test_planned_act_of_one_or_no_shared_act_is_none(text: str) -> None:
    assert _parties(text) == []
