"""English analyst actions as wire, UK, Asian and newsletter press write them: houses of Korea,
India, South-East Asia and Australia and those the financial sites quote, the stock's action in
the passive, a company named in full in the lead or told of in the possessive, a place that is
no company, the last clause of a newsletter opening with "and", coverage started on two
companies at once. Every text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the old rating told first; a broker the tables know
        (
            "Zacks Research raised Ford Motor from a strong sell rating to a hold rating in a "
            "research report on Monday.",
            [("Zacks Research", "Ford Motor", "up", "hold", "none", None, None, None)],
        ),
        (
            "Apple had its price target raised by Tigress Financial from $285.00 to $300.00 in a "
            "research note on Monday.",
            [("Tigress Financial", "Apple", "none", None, "raise", 300, 285, "USD")],
        ),
        (
            "Sony Group shares rose 3% after Morgan Stanley MUFG raised its target price to "
            "4,800 yen from 4,200 yen.",
            [("Morgan Stanley MUFG", "Sony Group", "none", None, "raise", 4800, 4200, "JPY")],
        ),
        # a house's own rating label
        (
            "CLSA upgraded Tencent to high-conviction outperform with a HK$650 target price.",
            [("CLSA", "Tencent", "up", "high-conviction outperform", "set", 650, None, "HKD")],
        ),
    ],
)
def test_houses_and_labels(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation's stop before a lower-case word ends no company: a market, no event
        (
            "Morgan Stanley Wealth Management downgraded U.S. stocks to neutral from "
            "overweight, citing stretched valuations.",
            [],
        ),
        (
            "Ford shares fell 3% after the stock was downgraded to underweight from equal "
            "weight by Barclays, which set an $8 price target.",
            [("Barclays", "Ford", "down", "underweight", "set", 8, None, "USD")],
        ),
        (
            "Intel stock has trailed the market all year. On Friday it drew another downgrade, "
            "with HSBC cutting the shares to reduce from hold and setting an $18 price target.",
            [("HSBC", "Intel", "down", "reduce", "set", 18, None, "USD")],
        ),
    ],
)
def test_the_stock_told_of(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_samsung_electronics_named_in_full_from_the_lead() -> None:
    text = (
        "Samsung Electronics rose 1.5% in Seoul after Kiwoom Securities raised its target "
        "price to 90,000 won from 80,000 won. The brokerage kept its buy rating."
    )
    assert rows(text) == [
        ("Kiwoom Securities", "Samsung Electronics", "main", "buy", "raise", 90000, 80000, "KRW")
    ]


def test_a_broker_named_after_a_company_is_no_subject() -> None:
    text = (
        "Samsung Securities initiated coverage of LG Chem with a buy rating and a target price "
        "of 400,000 won."
    )
    assert rows(text) == [
        ("Samsung Securities", "LG Chem", "init", "buy", "init", 400000, None, "KRW")
    ]


def test_the_company_of_a_title_told_in_the_possessive() -> None:
    text = (
        "Broadcom's market value topped $1.5 trillion on Thursday. Mizuho raised its price "
        "target to $320 from $280, the highest on Wall Street, and Bernstein lifted its target "
        "to $310 from $295."
    )
    assert rows(text) == [
        ("Bernstein", "Broadcom", "none", None, "raise", 310, 295, "USD"),
        ("Mizuho", "Broadcom", "none", None, "raise", 320, 280, "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Broker calls: Barclays upgraded Nike to overweight; UBS cut Kering to sell; and "
            "Jefferies started Moncler at buy with a 70 euro target.",
            [
                ("Barclays", "Nike", "up", "overweight", "none", None, None, None),
                ("Jefferies", "Moncler", "init", "buy", "init", 70, None, "EUR"),
                ("UBS", "Kering", "down", "sell", "none", None, None, None),
            ],
        ),
        (
            "Notable calls: Citi raised its target on Home Depot to $450 from $420, Stifel lifted "
            "Costco to buy, and Telsey reiterated outperform on Best Buy with a $95 price target.",
            [
                ("Citi", "Home Depot", "none", None, "raise", 450, 420, "USD"),
                ("Stifel", "Costco", "up", "buy", "none", None, None, None),
                ("Telsey", "Best Buy", "main", "outperform", "set", 95, None, "USD"),
            ],
        ),
        (
            "Berenberg initiated coverage of Commerzbank and BNP Paribas",
            [
                ("Berenberg", "BNP Paribas", "init", None, "none", None, None, None),
                ("Berenberg", "Commerzbank", "init", None, "none", None, None, None),
            ],
        ),
        (
            "Jefferies began coverage of Zalando and Delivery Hero with hold ratings, citing "
            "slowing growth.",
            [
                ("Jefferies", "Delivery Hero", "init", "hold", "none", None, None, None),
                ("Jefferies", "Zalando", "init", "hold", "none", None, None, None),
            ],
        ),
    ],
)
def test_newsletter_clauses_and_joined_companies(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected
