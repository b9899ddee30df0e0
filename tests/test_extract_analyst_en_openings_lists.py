"""English analyst sentences opening with a time of the current week, and headlines listing
companies by commas alone. Every text here is written for this test."""

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
            "Last week, analysts at Mizuho raised their price target on Etsy to $72 from $64.",
            [("Mizuho", "Etsy", "none", None, "raise", 72, 64, "USD")],
        ),
        (
            "This week, Jefferies downgraded Lululemon to hold.",
            [("Jefferies", "Lululemon", "down", "hold", "none", None, None, None)],
        ),
        (
            "Yesterday, analysts at Stifel cut their target on Zoom to $61.",
            [("Stifel", "Zoom", "none", None, "lower", 61, None, "USD")],
        ),
    ],
)
def test_opening_time_of_this_week_keeps_the_action(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert rows(text) == expected


def test_opening_a_month_back_is_still_background() -> None:
    assert rows("Last month, analysts at Mizuho raised their price target on Etsy to $72.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lululemon, Nike price targets cut at Jefferies",
            [
                ("Jefferies", "Lululemon", "none", None, "lower", None, None, None),
                ("Jefferies", "Nike", "none", None, "lower", None, None, None),
            ],
        ),
        (
            "Etsy, eBay, Wayfair Price Targets Raised At Mizuho",
            [
                ("Mizuho", "Etsy", "none", None, "raise", None, None, None),
                ("Mizuho", "Wayfair", "none", None, "raise", None, None, None),
                ("Mizuho", "eBay", "none", None, "raise", None, None, None),
            ],
        ),
        (
            "Zoom, DocuSign ratings lowered to neutral at Stifel",
            [
                ("Stifel", "DocuSign", "down", "neutral", "none", None, None, None),
                ("Stifel", "Zoom", "down", "neutral", "none", None, None, None),
            ],
        ),
    ],
)
def test_companies_listed_by_commas_before_a_plural_each_get_the_action(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert rows(text) == expected


def test_brokers_listed_before_a_plural_are_no_companies() -> None:
    assert rows("Jefferies, Stifel price targets on Zoom raised") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies upgraded Barclays and HSBC to buy.",
            [
                ("Jefferies", "Barclays", "up", "buy", "none", None, None, None),
                ("Jefferies", "HSBC", "up", "buy", "none", None, None, None),
            ],
        ),
        (
            "Jefferies initiated coverage of Deutsche Bank and Commerzbank with hold ratings.",
            [
                ("Jefferies", "Commerzbank", "init", "hold", "none", None, None, None),
                ("Jefferies", "Deutsche Bank", "init", "hold", "none", None, None, None),
            ],
        ),
    ],
)
def test_banks_listed_as_the_companies_acted_on(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert rows(text) == expected


def test_banks_listed_as_the_acting_brokers_stay_brokers() -> None:
    assert rows("Barclays and HSBC downgraded Tesco to hold.") == [
        ("Barclays", "Tesco", "down", "hold", "none", None, None, None),
        ("HSBC", "Tesco", "down", "hold", "none", None, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Oracle shares rose 3% on Monday. Analyst Tom Reyes of Evercore said cloud bookings "
            "looked strong and raised his price target to $210 from $190, though he kept an "
            "in line rating.",
            [("Evercore", "Oracle", "main", "in line", "raise", 210, 190, "USD")],
        ),
        (
            "Analysts of Bernstein cut their price target on Adobe to $480.",
            [("Bernstein", "Adobe", "none", None, "lower", 480, None, "USD")],
        ),
    ],
)
def test_house_named_after_its_analyst_and_of_acts(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert rows(text) == expected


def test_house_after_of_a_share_noun_is_the_company() -> None:
    assert rows("Jefferies raised its price target on shares of Mizuho to 4,000 yen.") == [
        ("Jefferies", "Mizuho", "none", None, "raise", 4000, None, "JPY")
    ]


def test_bare_rating_after_a_keeping_verb_in_a_later_clause() -> None:
    text = (
        "Qualcomm shares rose 2% after Mizuho upgraded the stock to outperform, while Citi "
        "reiterated neutral."
    )
    assert rows(text) == [
        ("Citi", "Qualcomm", "main", "neutral", "none", None, None, None),
        ("Mizuho", "Qualcomm", "up", "outperform", "none", None, None, None),
    ]


def test_rating_word_before_another_noun_after_a_keeping_verb_is_no_rating() -> None:
    text = "Citi reiterated neutral guidance on Qualcomm's margins."
    assert all(row[3] is None for row in rows(text))


def test_rating_told_in_the_next_sentence_is_no_rating_of_the_action() -> None:
    text = (
        "Shares of Target fell after Evercore downgraded the stock. Target had an outperform "
        "rating before Thursday's cut."
    )
    assert rows(text) == [("Evercore", "Target", "down", None, "none", None, None, None)]


def test_rating_told_in_the_action_sentence_stays() -> None:
    text = "Shares of Target rose after Evercore reiterated an outperform rating."
    assert rows(text) == [("Evercore", "Target", "main", "outperform", "none", None, None, None)]
