"""Names and words that looked like something else: a company with a digit in its name
("Rapid7") before its legal form or its verb of announcing, a number sign inside a name
("Engine No. 1") that denies nothing, and the speaker after a comma who is no hired person.
Every text is written for these tests; most names are invented."""

from __future__ import annotations

import pytest

from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str = "en") -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    "text",
    [
        "Velox9, Inc. today announced a partnership with Harlow Foods.",
        "Velox9 today announced a partnership with Harlow Foods.",
    ],
)
def test_digit_in_a_company_name(text: str) -> None:
    assert _parties(text) == [{"Velox9", "Harlow Foods"}]


def test_product_code_is_still_no_name() -> None:
    names = [org.name for org in find_orgs("Airbus delivered the A350 to Corvane Air.", "en")]
    assert "A350" not in names


def test_number_sign_inside_a_name() -> None:
    text = "Tellin Energy, Brightmere And Harbour No. 2 Partner To Build Solar Farms"
    assert _parties(text) == [{"Tellin Energy", "Brightmere", "Harbour No. 2"}]


def test_speaker_after_a_comma_is_no_hire() -> None:
    text = (
        "Corvane is building its new booking assistant on Halvik's language models, Chief "
        "Technology Officer Ana Ruiz said in an interview."
    )
    assert _parties(text) == [{"Corvane", "Halvik"}]


def test_hired_executive_is_still_no_partner() -> None:
    assert _parties("Corvane taps former Halvik chief executive Ana Ruiz as its new CFO.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Corvane hired a senior software analyst from Halvik Capital, the firm said.",
        "Brightmoor Securities hired three bankers from Halvik Partners last month.",
    ],
)
def test_staff_hired_from_another_firm_are_no_partnership(text: str) -> None:
    assert _parties(text) == []


def test_a_firm_hired_to_supply_staff_is_still_a_partner() -> None:
    text = "Corvane hired Halvik Systems to supply engineers for its new plant."
    assert _parties(text) == [{"Corvane", "Halvik Systems"}]


def test_a_known_company_s_logistics_arm_keeps_its_own_name() -> None:
    text = "Fraport said it had selected Siemens Logistics to run baggage handling at Frankfurt."
    assert _parties(text) == [{"Fraport", "Siemens Logistics"}]
