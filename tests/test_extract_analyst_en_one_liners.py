"""English analyst actions as one-liner services and financial sites write them: the rating
kept after a one-liner's broker, a fair value moved, a perfect tense, the analyst named before
the firm, a list a broker adds to, an upside and a price seen, a house broker's company in its
title, a rating a headline ends with, a rating kept by "retaining" or as a stance. Every text
here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma ends the broker's name; the rating kept follows it
        (
            "Datadog PT raised to $170 from $150 at Needham, keeps Buy",
            [("Needham", "Datadog", "main", "Buy", "raise", 170, 150, "USD")],
        ),
        (
            "Etsy target cut to $55 at Telsey, Market Perform reiterated",
            [("Telsey", "Etsy", "main", "Market Perform", "lower", 55, None, "USD")],
        ),
        # ... unless the tables know the name with its commas
        (
            "Carvana price target raised to $400 from $350 at Keefe, Bruyette & Woods, "
            "Outperform kept",
            [
                (
                    "Keefe, Bruyette & Woods",
                    "Carvana",
                    "main",
                    "Outperform",
                    "raise",
                    400,
                    350,
                    "USD",
                )
            ],
        ),
        # "PT up to": the adverb in place of the verb
        (
            "MongoDB reiterated with a Buy at Rosenblatt, PT up to $320 from $290",
            [("Rosenblatt", "MongoDB", "main", "Buy", "raise", 320, 290, "USD")],
        ),
    ],
)
def test_one_liner_tails(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "DBS maintained a buy rating on CapitaLand Investment but cut its fair value to "
            "S$3.10 from S$3.40, citing weaker fee income.",
            [("DBS", "CapitaLand Investment", "main", "buy", "lower", 3.1, 3.4, "SGD")],
        ),
        (
            "Kotak Institutional Equities raised its fair value for Tata Motors to 1,100 rupees "
            "from 950 rupees.",
            [
                (
                    "Kotak Institutional Equities",
                    "Tata Motors",
                    "none",
                    None,
                    "raise",
                    1100,
                    950,
                    "INR",
                )
            ],
        ),
        (
            "Wells Fargo has started covering Datadog with an Overweight rating and a price "
            "target of $170.",
            [("Wells Fargo", "Datadog", "init", "Overweight", "init", 170, None, "USD")],
        ),
        (
            "Top analyst Jane Doe of Jefferies maintained a Buy rating on Oracle with a $250 "
            "price target.",
            [("Jefferies", "Oracle", "main", "Buy", "set", 250, None, "USD")],
        ),
        (
            "Morgan Stanley added Siemens Energy to its Top Picks list and raised its price "
            "target on the turbine maker to 120 euros from 100 euros.",
            [("Morgan Stanley", "Siemens Energy", "none", "Top Picks", "raise", 120, 100, "EUR")],
        ),
        # only a broker's list rates
        ("Apple added Broadcom to its Preferred Supplier List.", []),
        (
            "Mizuho sees 30% upside in Snowflake shares, raises target to $260 from $220",
            [("Mizuho", "Snowflake", "none", None, "raise", 260, 220, "USD")],
        ),
        (
            "Analysts at Citi now see Netflix shares reaching $1,400, up from $1,250, citing "
            "pricing power.",
            [("Citi", "Netflix", "none", None, "raise", 1400, 1250, "USD")],
        ),
        (
            "Analysts at Jefferies now see Airbus shares reaching 210 euros, up from a previous "
            "forecast of 190 euros.",
            [("Jefferies", "Airbus", "none", None, "raise", 210, 190, "EUR")],
        ),
        (
            "Deutsche Bank lifts Unilever price target to 5,000 pence from 4,800 pence; hold",
            [("Deutsche Bank", "Unilever", "none", "hold", "raise", 5000, 4800, "GBX")],
        ),
        # the house broker's company in its title, written "Halfords'"
        (
            "Shore Capital, Halfords' house broker, reiterated its 'buy' stance and raised its "
            "target price to 210p from 190p.",
            [("Shore Capital", "Halfords", "main", "buy", "raise", 210, 190, "GBX")],
        ),
    ],
)
def test_sentence_forms(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the analyst named after a firm written with a bare apostrophe
        (
            "Jefferies' Brent Thill reiterated a buy rating on Workday and lowered his price "
            "target to $280 from $310.",
            [("Jefferies", "Workday", "main", "buy", "lower", 280, 310, "USD")],
        ),
        # "retaining" keeps a rating as "keeping" does; a stance is a rating
        (
            "Analysts at Macquarie have lifted their target on Wesfarmers to A$80 from A$76, "
            "retaining an outperform rating.",
            [("Macquarie", "Wesfarmers", "main", "outperform", "raise", 80, 76, "AUD")],
        ),
        (
            "Liberum raised its target on Next to 11,500p from 10,800p, reiterating its 'hold' "
            "stance.",
            [("Liberum", "Next", "main", "hold", "raise", 11500, 10800, "GBX")],
        ),
    ],
)
def test_kept_ratings(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the company named again by what it is, between the target and its figures
        (
            "Shares of Siemens rose 2% after UBS raised its price target on the engineering "
            "group to 260 euros from 240 euros. The bank kept its buy rating.",
            [("UBS", "Siemens", "main", "buy", "raise", 260, 240, "EUR")],
        ),
        # a one-liner told from the stock's side, its rating after a semicolon
        (
            "Roku (ROKU) PT Lowered to $70 at Guggenheim; Neutral",
            [("Guggenheim", "Roku", "none", "Neutral", "lower", 70, None, "USD")],
        ),
    ],
)
def test_described_company_and_rating_after_a_semicolon(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected
