"""English analyst phrasings of wire stories and news-site headlines: lower-case tickers after
a name, double upgrades, a second broker acting on the same stock in a later clause, and
targets that belong to the company itself. Every text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wolfe Research initiates coverage on Lyft (lyft) with peer perform rating",
            [("Wolfe Research", "Lyft", "init", "peer perform", "none", None, None, None)],
        ),
        (
            "Mizuho Reiterates Buy Rating on Datadog (ddog), $160 PT",
            [("Mizuho", "Datadog", "main", "Buy", "set", 160, None, "USD")],
        ),
        (
            "Stifel Maintains Hold Rating on Etsy (etsy) Ahead of Earnings",
            [("Stifel", "Etsy", "main", "Hold", "none", None, None, None)],
        ),
    ],
)
def test_lower_case_ticker_after_the_name(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_a_one_letter_grade_stays_with_the_rating() -> None:
    assert rows("Argus cut Hasbro to hold (c) from buy (b)") == [
        ("Argus", "Hasbro", "down", "hold (c)", "none", None, None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Morgan Stanley double-downgraded Carvana to underweight from overweight.",
            [("Morgan Stanley", "Carvana", "down", "underweight", "none", None, None, None)],
        ),
        (
            "Hermes Gets Double Upgrade to Buy at HSBC",
            [("HSBC", "Hermes", "up", "Buy", "none", None, None, None)],
        ),
        (
            "Barclays Double Upgrades Moderna to Overweight",
            [("Barclays", "Moderna", "up", "Overweight", "none", None, None, None)],
        ),
    ],
)
def test_double_upgrade_or_downgrade(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb has an object: active, whatever a later "at <Name>" says
        (
            "Bernstein upgraded Diageo to outperform, saying the destocking at Guinness had ended.",
            [("Bernstein", "Diageo", "up", "outperform", "none", None, None, None)],
        ),
        # a day after the passive verb is no object
        (
            "Nvidia was upgraded Monday at Redburn to buy.",
            [("Redburn", "Nvidia", "up", "buy", "none", None, None, None)],
        ),
    ],
)
def test_active_verb_with_an_object_is_not_passive(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected
