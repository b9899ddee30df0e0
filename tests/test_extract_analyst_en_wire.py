"""English wire phrasings of analyst actions that earlier grammars read only in part: targets
written as "target price of N" or "a 780-euro target", a target stated by a verb after the
rating, a rating after a final comma. Every text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "target price of N" names the target as "price target of N" does
        (
            "Kepler initiated coverage of Orsted with a hold rating and a target price of 120 "
            "Danish crowns.",
            [("Kepler", "Orsted", "init", "hold", "init", 120, None, "DKK")],
        ),
        (
            "Exane started coverage of Heineken with an outperform rating and a target price "
            "of 95 euros.",
            [("Exane", "Heineken", "init", "outperform", "init", 95, None, "EUR")],
        ),
        # the currency joined to the number as an adjective
        (
            "Mediobanca started coverage of Ferrari with a buy rating and a 450-euro price "
            "target.",
            [("Mediobanca", "Ferrari", "init", "buy", "init", 450, None, "EUR")],
        ),
        (
            "Peel Hunt reiterated its buy rating and a 300-pence price target on Tesco.",
            [("Peel Hunt", "Tesco", "main", "buy", "set", 300, None, "GBX")],
        ),
    ],
)
def test_target_written_as_target_price_or_adjective(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "CIBC initiates Loblaw at Outperform, sets C$230 target",
            [("CIBC", "Loblaw", "init", "Outperform", "init", 230, None, "CAD")],
        ),
        (
            "Daiwa upgrades Sony to Buy, announces $30 price target",
            [("Daiwa", "Sony", "up", "Buy", "set", 30, None, "USD")],
        ),
    ],
)
def test_target_stated_by_a_verb_after_the_rating(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Equita Cuts Prysmian Target to EUR 60 From EUR 66, Hold",
            [("Equita", "Prysmian", "none", "Hold", "lower", 60, 66, "EUR")],
        ),
        (
            "Numis Lifts Greggs PT to 2,800p, Add",
            [("Numis", "Greggs", "none", "Add", "raise", 2800, None, "GBX")],
        ),
    ],
)
def test_rating_after_a_final_comma(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_final_comma_word_that_is_no_rating_is_left() -> None:
    assert rows("Equita Cuts Prysmian Target to EUR 60, Citing Copper") == [
        ("Equita", "Prysmian", "none", None, "lower", 60, None, "EUR")
    ]
