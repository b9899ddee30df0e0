"""Sentences that leave their company to a word pointing back ("The stock", "Its shares"):
the word is no company's name, and a target verb before "its price target" moves no rating.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from rules.extract import extract


def events(text: str, kind: str) -> list[dict[str, Any]]:
    return [event.to_dict() for event in extract(text, "en") if event.type == kind]


@pytest.mark.parametrize(
    "text",
    [
        "The shares slid 7% in early trading.",
        "Its stock jumped 12% on Friday after the results.",
    ],
)
def test_a_move_of_the_shares_pointed_back_to_names_no_company(text: str) -> None:
    (move,) = events(text, "price_move")
    assert move["company"] is None


def test_a_company_named_with_the_keeps_it() -> None:
    (move,) = events("The Trade Desk shares slid 7% in early trading.", "price_move")
    assert move["company"] == "The Trade Desk"


def test_a_consensus_of_the_stock_pointed_back_to_names_no_company() -> None:
    text = (
        "The stock has a consensus rating of Hold based on 4 Buy, 9 Hold and 3 Sell ratings,"
        " and an average price target of $61.25."
    )
    (consensus,) = events(text, "consensus")
    assert consensus["company"] is None
    assert (consensus["buy"], consensus["hold"], consensus["sell"]) == (4, 9, 3)


def test_a_consensus_it_has_names_no_company() -> None:
    text = "It has a consensus rating of Buy and an average price target of $88."
    (consensus,) = events(text, "consensus")
    assert (consensus["company"], consensus["rating"], consensus["mean_target"]) == (
        None,
        "Buy",
        88,
    )


def test_an_action_on_shares_pointed_back_to_has_no_company() -> None:
    assert events("Its shares fell 3% after Barclays cut its price target to $25.", "analyst") == []


@pytest.mark.parametrize("verb", ["cut", "lowered", "trimmed"])
def test_a_target_cut_after_a_move_moves_no_rating(verb: str) -> None:
    text = f"Snowflake fell 6% after Barclays {verb} its price target to $150."
    (action,) = events(text, "analyst")
    assert (action["rating_action"], action["target_action"], action["target"]) == (
        "none",
        "lower",
        150,
    )
