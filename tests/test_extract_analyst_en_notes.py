"""English analyst forms of wire notes and finance-site headlines: a target moved with no verb
("PT to $210 from $180"), a target a stock "gets" from a broker, and a rating a broker "now
rates" a company, changed by "up/down from". Every text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no verb moves the target: the two figures say which way it went
        (
            "Stifel Upgrades Etsy to Buy, PT to $75 from $60",
            [("Stifel", "Etsy", "up", "Buy", "raise", 75, 60, "USD")],
        ),
        (
            "Needham Downgrades Lyft to Hold; price target to $12 from $19",
            [("Needham", "Lyft", "down", "Hold", "lower", 12, 19, "USD")],
        ),
        (
            "Peel Hunt upgrades JD Sports to buy, target price to 140p from 95p",
            [("Peel Hunt", "JD Sports", "up", "buy", "raise", 140, 95, "GBX")],
        ),
    ],
)
def test_a_target_moved_with_no_verb_goes_the_way_its_numbers_go(
    text: str, expected: list[Any]
) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Broadcom Stock Gets Street-High $310 Price Target From Bernstein",
            [("Bernstein", "Broadcom", "none", None, "set", 310, None, "USD")],
        ),
        (
            "Costco Gets $1,150 Price Target From Evercore ISI",
            [("Evercore ISI", "Costco", "none", None, "set", 1150, None, "USD")],
        ),
    ],
)
def test_a_target_the_stock_gets_from_a_broker(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies now rates Heineken a buy, up from hold, after the brewer's price cuts.",
            [("Jefferies", "Heineken", "up", "buy", "none", None, None, None)],
        ),
        (
            "Citi said it now rates Burberry neutral, down from buy.",
            [("Citi", "Burberry", "down", "neutral", "none", None, None, None)],
        ),
        # no change told: the rating is only quoted
        (
            "UBS rates Adidas a buy.",
            [("UBS", "Adidas", "none", "buy", "none", None, None, None)],
        ),
    ],
)
def test_a_rating_a_broker_now_rates_a_company_changed_by_up_or_down_from(
    text: str, expected: list[Any]
) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Barclays named Siemens Energy its top pick for 2026",
            [("Barclays", "Siemens Energy", "none", "top pick", "none", None, None, None)],
        ),
        (
            "UBS analysts named Hermes a top pick in luxury, with a 2,600 euro target.",
            [("UBS", "Hermes", "none", "top pick", "set", 2600, None, "EUR")],
        ),
        (
            "Ferrari Named Top Pick at Bernstein Ahead of Capital Markets Day",
            [("Bernstein", "Ferrari", "none", "Top Pick", "none", None, None, None)],
        ),
    ],
)
def test_a_company_named_a_top_pick(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_a_stance_kept_is_the_rating_kept() -> None:
    assert rows(
        "Analysts at Citi reiterated their buy stance on Prosus, with a target of 60 euros."
    ) == [("Citi", "Prosus", "main", "buy", "set", 60, None, "EUR")]


def test_a_person_named_to_a_post_is_no_rating() -> None:
    assert rows("Barclays named Anna Cross its finance chief.") == []


def test_now_rates_with_a_target_moved_beside_it() -> None:
    text = (
        "Kepler said it now rates Airbus a buy, up from hold, and raised its target to 190 euros."
    )
    assert rows(text) == [("Kepler", "Airbus", "up", "buy", "raise", 190, None, "EUR")]


def test_a_target_got_at_a_broker_is_left_to_the_sentence_that_moves_it() -> None:
    text = (
        "Intel Gets Street-High $60 Target at Northland\n"
        "Northland raised its price target on Intel to $60 from $45 and kept an outperform rating."
    )
    assert rows(text) == [("Northland", "Intel", "main", "outperform", "raise", 60, 45, "USD")]
