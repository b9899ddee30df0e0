"""Extraction fixes: hiring people is no partnership, legal forms inside "A and B", and one analyst
event per (broker, company) in a text. All texts use invented company names."""

from __future__ import annotations

import pytest

from rules.events import AnalystAction, Partnership
from rules.extract import extract
from rules.extract.merge import merge_analyst_events


def _pairs(text: str, lang: str | None = "en") -> list[tuple[str, ...]]:
    return [event.parties for event in extract(text, lang) if isinstance(event, Partnership)]


def _analyst(text: str, lang: str = "de") -> list[AnalystAction]:
    return [event for event in extract(text, lang) if isinstance(event, AnalystAction)]


@pytest.mark.parametrize(
    "text",
    [
        "Contoso Hires Former Northwind CEO Jane Roe To Lead Its Packaging Push",
        "Contoso hires former Northwind CEO Jane Roe to run its cloud unit",
        "Contoso taps ex-Litware executive to lead chip push",
        "Contoso picks former Northwind chief to head its cloud unit",
        "Contoso hired Northwind's chief financial officer as its new finance head",
    ],
)
def test_hiring_a_person_is_no_partnership(text: str) -> None:
    assert _pairs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Contoso hires Northwind to run its payroll systems",
        "Contoso picks Northwind as cloud partner",
    ],
)
def test_hiring_a_firm_still_counts(text: str) -> None:
    assert _pairs(text) == [("Contoso", "Northwind")]


@pytest.mark.parametrize(
    "text",
    [
        "Fabrikam Inc and Litware sign a five-year supply agreement",
        "Fabrikam Inc. and Litware sign a supply agreement",
        "Fabrikam, Inc. and Litware sign a supply agreement",
        "Fabrikam Corp and Litware Ltd sign a cloud partnership",
        "Fabrikam and Litware Inc sign a supply agreement",
    ],
)
def test_legal_form_between_coordinated_parties(text: str) -> None:
    assert _pairs(text) == [("Fabrikam", "Litware")]


def test_legal_form_does_not_join_a_merger() -> None:
    assert _pairs("Fabrikam Inc and Litware sign a merger agreement") == []


HEADLINE_AND_BODY = (
    "Berenberg hebt Ziel für Fabrikam auf 60 Euro - 'Hold'\n"
    "HAMBURG (dpa-AFX Analyser) - Die Privatbank Berenberg hat das Kursziel für Fabrikam von 52 "
    'auf 60 Euro angehoben und die Einstufung auf "Hold" belassen.'
)
REPEATED_CALL = (
    "JPMorgan belässt Fabrikam auf 'Overweight' - Ziel 48 Euro\n"
    "NEW YORK (dpa-AFX Analyser) - Die US-Bank JPMorgan hat die Einstufung für Fabrikam nach "
    'Zahlen auf "Overweight" mit einem Kursziel von 48 Euro belassen.'
)


def test_headline_and_body_give_one_event_filled_from_both() -> None:
    assert _analyst(HEADLINE_AND_BODY) == [
        AnalystAction(
            broker="Berenberg",
            company="Fabrikam",
            rating_action="main",
            rating="Hold",
            target_action="raise",
            target=60.0,
            prior_target=52.0,
            currency="EUR",
        )
    ]


def test_repeated_call_gives_one_event() -> None:
    events = _analyst(REPEATED_CALL)
    assert len(events) == 1
    assert (events[0].broker, events[0].rating, events[0].target) == ("JPMorgan", "Overweight", 48)


def _call(**fields: object) -> AnalystAction:
    base: dict[str, object] = {"broker": "Berenberg", "company": "Fabrikam"}
    base.update(fields)
    return AnalystAction(**base)  # type: ignore[arg-type]


def test_merge_keeps_the_first_actions_and_fills_gaps() -> None:
    headline = _call(rating_action="down", rating="Sell", target_action="lower")
    body = _call(
        rating_action="main", target_action="set", target=9.5, prior_target=12.0, currency="EUR"
    )
    assert merge_analyst_events([headline, body]) == [
        _call(
            rating_action="down",
            rating="Sell",
            target_action="lower",
            target=9.5,
            prior_target=12.0,
            currency="EUR",
        )
    ]


def test_merge_takes_the_other_action_where_the_first_has_none() -> None:
    headline = _call(rating="Hold", target_action="raise", target=60.0, currency="EUR")
    body = _call(rating_action="main", target_action="raise", target=60.0, prior_target=52.0)
    merged = merge_analyst_events([headline, body])
    assert merged == [
        _call(
            rating_action="main",
            rating="Hold",
            target_action="raise",
            target=60.0,
            prior_target=52.0,
            currency="EUR",
        )
    ]


def test_merge_takes_no_prior_of_a_different_target() -> None:
    headline = _call(target_action="raise", target=60.0, currency="EUR")
    body = _call(target_action="raise", target=65.0, prior_target=52.0, currency="USD")
    assert merge_analyst_events([headline, body]) == [headline]


def test_merge_keeps_other_pairs_and_other_events_in_order() -> None:
    deal = Partnership(parties=("Contoso", "Northwind"))
    first = _call(rating="Buy")
    other_company = _call(company="Litware", rating="Sell")
    other_broker = _call(broker="Jefferies", rating="Hold")
    events = [first, deal, other_company, _call(target=10.0, target_action="set"), other_broker]
    assert merge_analyst_events(events) == [
        _call(rating="Buy", target=10.0, target_action="set"),
        deal,
        other_company,
        other_broker,
    ]
