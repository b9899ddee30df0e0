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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intel was upgraded to buy at Citi, while Barclays cut its price target to $20.",
            [
                ("Barclays", "Intel", "none", None, "lower", 20, None, "USD"),
                ("Citi", "Intel", "up", "buy", "none", None, None, None),
            ],
        ),
        (
            "Bank of Nova Scotia was downgraded to sector perform at RBC, while CIBC lowered its "
            "target on the lender to C$70 from C$75.",
            [
                ("CIBC", "Bank of Nova Scotia", "none", None, "lower", 70, 75, "CAD"),
                ("RBC", "Bank of Nova Scotia", "down", "sector perform", "none", None, None, None),
            ],
        ),
    ],
)
def test_passive_action_ends_where_another_broker_acts(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shares in Tesco rose 2%. Barclays raised its target price on the supermarket group "
            "to 420p, while Deutsche Bank reaffirmed its buy rating.",
            [
                ("Barclays", "Tesco", "none", None, "raise", 420, None, "GBX"),
                ("Deutsche Bank", "Tesco", "main", "buy", "none", None, None, None),
            ],
        ),
        (
            "Shares of Unilever slipped 1%. Bernstein cut its price target on the consumer group "
            "to 4,800 pence, while UBS affirmed its neutral rating.",
            [
                ("Bernstein", "Unilever", "none", None, "lower", 4800, None, "GBX"),
                ("UBS", "Unilever", "main", "neutral", "none", None, None, None),
            ],
        ),
    ],
)
def test_rating_reaffirmed_in_a_later_clause(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Desjardins raised its price target on Dollarama to C$210 from C$195.",
            [("Desjardins", "Dollarama", "none", None, "raise", 210, 195, "CAD")],
        ),
        (
            "Suncor was downgraded to sector perform at RBC, while National Bank Financial "
            "lowered its target on the oil producer to C$55 from C$60.",
            [
                ("National Bank Financial", "Suncor", "none", None, "lower", 55, 60, "CAD"),
                ("RBC", "Suncor", "down", "sector perform", "none", None, None, None),
            ],
        ),
    ],
)
def test_canadian_and_asia_pacific_brokers_are_known(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shares of Moderna have lost half their value since Barclays downgraded the vaccine maker "
        "to underweight in 2023.",
        "Carnival stock has gained 40% since Truist upgraded the cruise operator to buy last "
        "April, helped by record bookings.",
    ],
)
def test_action_dated_in_a_since_clause_is_background(text: str) -> None:
    assert rows(text) == []


def test_undated_since_clause_may_be_todays_action() -> None:
    assert rows("Nike shares are up 4% since Jefferies upgraded the stock to buy on Tuesday.") == [
        ("Jefferies", "Nike", "up", "buy", "none", None, None, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "UBS Group shares fell 4% in Zurich after the bank cut its cost-savings target.",
        "Barclays Bank shares slipped after the lender lowered its return on equity target.",
    ],
)
def test_bank_whose_shares_move_is_the_company_not_a_broker(text: str) -> None:
    assert rows(text) == []


def test_bank_as_company_keeps_the_broker_acting_on_it() -> None:
    text = "Barclays shares rose 3% after Citi raised its price target on the lender to 300 pence."
    assert rows(text) == [("Citi", "Barclays", "none", None, "raise", 300, None, "GBX")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kepler Cheuvreux maintained its hold rating on BASF.",
            [("Kepler Cheuvreux", "BASF", "main", "hold", "none", None, None, None)],
        ),
        (
            "Wedbush upgraded AMD.",
            [("Wedbush", "AMD", "up", None, "none", None, None, None)],
        ),
    ],
)
def test_sentence_stop_after_a_name_in_capitals(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_bernstein_socgen_group_is_one_broker() -> None:
    text = "Bernstein SocGen Group cut its price target on Diageo to 2,400 pence from 2,700 pence."
    assert rows(text) == [
        ("Bernstein SocGen Group", "Diageo", "none", None, "lower", 2400, 2700, "GBX")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "UBS moved Volvo to buy from neutral, citing a recovery in truck orders.",
            [("UBS", "Volvo", "up", "buy", "none", None, None, None)],
        ),
        (
            "Barclays moved Carrefour to underweight from equal weight and cut its target to "
            "12 euros.",
            [("Barclays", "Carrefour", "down", "underweight", "lower", 12, None, "EUR")],
        ),
        # no rating it moved from: no direction
        ("Citi moved Ford to buy.", []),
    ],
)
def test_rating_moved_between_tiers_in_sentence_case(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies Raises Tesco Target Price to 420p",
            [("Jefferies", "Tesco", "none", None, "raise", 420, None, "GBX")],
        ),
        (
            "Kepler Cheuvreux Cuts Vodafone Target Price to 80 Pence From 95 Pence",
            [("Kepler Cheuvreux", "Vodafone", "none", None, "lower", 80, 95, "GBX")],
        ),
    ],
)
def test_headline_target_price_after_the_company(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_later_change_clause_leaving_the_company_out_names_no_company() -> None:
    assert rows("Citi Turns Bullish on Boeing, Upgrades to Buy") == [
        ("Citi", "Boeing", "up", "Buy", "none", None, None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies lifted its price target on Infosys to 2,100 rupees from 1,900 rupees.",
            [("Jefferies", "Infosys", "none", None, "raise", 2100, 1900, "INR")],
        ),
        (
            "DBS cut its target on Singapore Airlines to S$6.20.",
            [("DBS", "Singapore Airlines", "none", None, "lower", 6.2, None, "SGD")],
        ),
        (
            "Macquarie raised its price target on Xero to NZ$210.",
            [("Macquarie", "Xero", "none", None, "raise", 210, None, "NZD")],
        ),
        (
            "Nomura cut its target price for Kia to 120,000 won from 135,000 won.",
            [("Nomura", "Kia", "none", None, "lower", 120000, 135000, "KRW")],
        ),
        (
            "Morgan Stanley raised its target for Tencent to 520 yuan from 480 yuan.",
            [("Morgan Stanley", "Tencent", "none", None, "raise", 520, 480, "CNY")],
        ),
        (
            "Erste Group raised its price target on CD Projekt to 320 zloty.",
            [("Erste Group", "CD Projekt", "none", None, "raise", 320, None, "PLN")],
        ),
    ],
)
def test_currencies_outside_dollar_and_euro(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_continental_legal_form_leaves_one_company() -> None:
    text = (
        "Siemens Energy AG (ETR:ENR) had its price target raised by Jefferies Financial Group "
        "to EUR 110 in a report on Monday."
    )
    assert rows(text) == [
        ("Jefferies Financial Group", "Siemens Energy", "none", None, "raise", 110, None, "EUR")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In February, Citi upgraded Diageo to buy.",
        "Three weeks ago, Barclays cut its price target on Adidas to 180 euros.",
        "Last month Deutsche Bank downgraded Puma to hold.",
        "Earlier this year, Jefferies raised its target on BAE Systems to 1,500p.",
    ],
)
def test_sentence_opening_with_a_recent_past_time_is_background(text: str) -> None:
    assert rows(text) == []


def test_sentence_opening_with_a_day_is_todays_action() -> None:
    assert rows("On Monday, Citi upgraded Diageo to buy.") == [
        ("Citi", "Diageo", "up", "buy", "none", None, None, None)
    ]


def test_dotted_legal_form_is_kept_as_written() -> None:
    assert rows("JPMorgan Upgrades Ambev S.A. to Overweight") == [
        ("JPMorgan", "Ambev S.A.", "up", "Overweight", "none", None, None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Datadog shares gain after Morgan Stanley upgrade",
            [("Morgan Stanley", "Datadog", "up", None, "none", None, None, None)],
        ),
        (
            "Etsy stock falls after Jefferies downgrade to hold",
            [("Jefferies", "Etsy", "down", "hold", "none", None, None, None)],
        ),
        (
            "Boeing shares rose after Bernstein's upgrade to outperform",
            [("Bernstein", "Boeing", "up", "outperform", "none", None, None, None)],
        ),
        # an upgrade that is no analyst's
        ("Nvidia shares rose after a software upgrade from Microsoft", []),
    ],
)
def test_broker_named_before_the_noun_in_sentence_case(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Costco had its price target raised to $1,100 from $1,050 by Telsey Advisory Group, "
            "which kept an outperform rating.",
            [("Telsey Advisory Group", "Costco", "main", "outperform", "raise", 1100, 1050, "USD")],
        ),
        (
            "Oppenheimer boosted its price target on Snowflake to $260, reaffirming an outperform "
            "rating.",
            [("Oppenheimer", "Snowflake", "main", "outperform", "raise", 260, None, "USD")],
        ),
    ],
)
def test_rating_kept_by_the_broker_in_a_relative_clause(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "JPMorgan raised Deere to overweight and lifted its target to $520; Citi kept a "
            "neutral rating.",
            [
                ("Citi", "Deere", "main", "neutral", "none", None, None, None),
                ("JPMorgan", "Deere", "up", "overweight", "raise", 520, None, "USD"),
            ],
        ),
        (
            "Barclays lowered Kering to underweight and cut its target to 150 euros; UBS kept "
            "a buy rating.",
            [
                ("Barclays", "Kering", "down", "underweight", "lower", 150, None, "EUR"),
                ("UBS", "Kering", "main", "buy", "none", None, None, None),
            ],
        ),
    ],
)
def test_target_verb_moving_the_company_to_a_rating(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "UBS expects Nestle to cut its margin target at its investor day.",
        "Jefferies analysts said they expect Unilever to lower its sales growth target.",
    ],
)
def test_broker_foreseeing_a_company_target_is_no_action(text: str) -> None:
    assert rows(text) == []


def test_broker_expecting_the_stock_to_rise_still_acts() -> None:
    text = "Shares of Nike rose. Citi expects the stock to rise and raised its target to $90."
    assert rows(text) == [("Citi", "Nike", "none", None, "raise", 90, None, "USD")]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Datadog Price Target Raised At Piper Sandler",
            ("Piper Sandler", "Datadog", "none", None, "raise", None),
        ),
        (
            "Datadog Gets Price Target Bump From Piper Sandler After Earnings",
            ("Piper Sandler", "Datadog", "none", None, "raise", None),
        ),
        (
            "Datadog gets price target hike at Piper Sandler",
            ("Piper Sandler", "Datadog", "none", None, "raise", None),
        ),
    ],
)
def test_a_target_raised_told_as_a_passive_or_a_noun(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert analyst_rows(headline, "en") == [(*expected, None, None)]
