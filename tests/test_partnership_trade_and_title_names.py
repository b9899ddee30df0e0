"""Partnership forms from the fresh10 study texts: a deal whose purpose is a trade names its
counterpart after the trade's "from"/"to"; in a Title-Case headline the verb after "To" opens
no name; a describing word between two names ("Starlink Rival X") leaves the one after it.
Every text is written for these tests; most names are invented."""

from __future__ import annotations

import pytest

from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships


def _parties(text: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, "en")]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Eastwind Power signed a 15-year deal to buy LNG from Corvo Energy.",
            {"Eastwind Power", "Corvo Energy"},
        ),
        (
            "Halvard Chemicals signed an agreement to supply cathode powder to Brisa Motors.",
            {"Halvard Chemicals", "Brisa Motors"},
        ),
    ],
)
def test_a_deal_to_trade_goods_names_the_counterpart_after_from_or_to(
    text: str, parties: set[str]
) -> None:
    assert _parties(text) == [parties]


def test_a_deal_to_buy_a_business_stays_no_partnership() -> None:
    assert _parties("Norland Capital signed an agreement to buy the pumps unit from Vexo.") == []


def test_the_verb_after_to_in_a_title_case_headline_opens_no_name() -> None:
    text = "Eastwind Power To Buy Hydrogen From Corvo Energy Under 12-Year Contract"
    names = [org.name for org in find_orgs(text, "en")]
    assert not any(name.startswith("Buy") for name in names), names
    assert _parties(text) == [{"Eastwind Power", "Corvo Energy"}]


def test_a_describing_word_between_two_names_leaves_the_second() -> None:
    text = "Telvano Picks Orbitlink Rival Skyreach Mobile For Satellite Service"
    assert _parties(text) == [{"Telvano", "Skyreach Mobile"}]


def test_a_contract_to_make_goods_names_the_customer_after_for() -> None:
    text = "Kestrel Foundry has won a $2 billion contract to make chips for Brightline Motors."
    assert _parties(text) == [{"Kestrel Foundry", "Brightline Motors"}]


def test_a_deal_won_from_a_named_counterpart() -> None:
    assert _parties("Tavora Systems Wins Multiyear IT Deal From Halcyon Air") == [
        {"Tavora Systems", "Halcyon Air"}
    ]


def test_a_compound_ending_in_end_vetoes_nothing() -> None:
    text = "Corvo Energy has awarded a front-end engineering contract to Halvard Engineering."
    assert _parties(text) == [{"Corvo Energy", "Halvard Engineering"}]


def test_a_deal_ended_still_vetoes() -> None:
    assert _parties("Corvo Energy ended its engineering contract with Halvard Engineering.") == []


def test_a_headline_deal_without_its_article() -> None:
    text = "Nordhavn Lines To Ship Green Ammonia Under Deal With Keldor Chemicals"
    assert _parties(text) == [{"Nordhavn Lines", "Keldor Chemicals"}]
