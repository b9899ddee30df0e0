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
            "Mediobanca started coverage of Ferrari with a buy rating and a 450-euro price target.",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies upgraded Nucor to buy and Steel Dynamics to hold, citing tariffs.",
            [
                ("Jefferies", "Nucor", "up", "buy", "none", None, None, None),
                ("Jefferies", "Steel Dynamics", "up", "hold", "none", None, None, None),
            ],
        ),
        (
            "Citi began coverage of Uber at buy and of Lyft at sell.",
            [
                ("Citi", "Lyft", "init", "sell", "none", None, None, None),
                ("Citi", "Uber", "init", "buy", "none", None, None, None),
            ],
        ),
        (
            "UBS Starts Coverage of Merck at Buy and of Pfizer at Neutral",
            [
                ("UBS", "Merck", "init", "Buy", "none", None, None, None),
                ("UBS", "Pfizer", "init", "Neutral", "none", None, None, None),
            ],
        ),
        (
            "Goldman Sachs Upgrades Caterpillar to Buy and Deere to Neutral",
            [
                ("Goldman Sachs", "Caterpillar", "up", "Buy", "none", None, None, None),
                ("Goldman Sachs", "Deere", "up", "Neutral", "none", None, None, None),
            ],
        ),
        (
            "Jefferies raised its price targets on Exxon Mobil to $140 and Chevron to $190.",
            [
                ("Jefferies", "Chevron", "none", None, "raise", 190, None, "USD"),
                ("Jefferies", "Exxon Mobil", "none", None, "raise", 140, None, "USD"),
            ],
        ),
    ],
)
def test_one_broker_acting_alike_on_companies_joined_by_and(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a later broker, a later verb: not a company joined to the first
        "Jefferies upgraded Nucor to buy and Morgan Stanley to neutral.",
        "Jefferies upgraded Nucor to buy and raised its target to $150.",
    ],
)
def test_and_without_another_company_adds_nothing(text: str) -> None:
    assert len(rows(text)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bernstein Keeps Their Hold Rating on Intel (INTC)",
            [("Bernstein", "Intel", "main", "Hold", "none", None, None, None)],
        ),
        (
            "Wedbush Sticks to Its Outperform Rating for Tesla (TSLA)",
            [("Wedbush", "Tesla", "main", "Outperform", "none", None, None, None)],
        ),
        (
            "Jefferies Stands By Buy Rating on Nvidia (NVDA)",
            [("Jefferies", "Nvidia", "main", "Buy", "none", None, None, None)],
        ),
        (
            "Analyst at Barclays Maintains Sell on Rivian Automotive (RIVN)",
            [("Barclays", "Rivian Automotive", "main", "Sell", "none", None, None, None)],
        ),
        (
            "Analysts at Citi Reiterate Neutral on Lucid Group",
            [("Citi", "Lucid Group", "main", "Neutral", "none", None, None, None)],
        ),
        (
            "Bernstein analyst Toni Sacconaghi kept his market perform rating on Apple but cut "
            "the firm's price target to $190.",
            [("Bernstein", "Apple", "main", "market perform", "lower", 190, None, "USD")],
        ),
    ],
)
def test_rating_kept_told_with_the_brokers_own_words(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Baird Sticks to Its Bullish View on Apple",
        "Morgan Stanley Stands By Its Call on Tesla",
    ],
)
def test_a_view_kept_is_no_rating_kept(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guggenheim raised its price target on Amazon.com to $260 from $240 and kept a buy "
            "rating.",
            [("Guggenheim", "Amazon.com", "main", "buy", "raise", 260, 240, "USD")],
        ),
        (
            "Needham lowered its price target on Booking.com to $4,000 from $4,500.",
            [("Needham", "Booking.com", "none", None, "lower", 4000, 4500, "USD")],
        ),
    ],
)
def test_company_kept_as_written_beyond_the_known_short_name(
    text: str, expected: list[Any]
) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tesla (TSLA) Receives a Sell from UBS",
            [("UBS", "Tesla", "none", "Sell", "none", None, None, None)],
        ),
        (
            "Nvidia (NVDA) Gets a Buy Rating from Bernstein",
            [("Bernstein", "Nvidia", "none", "Buy", "none", None, None, None)],
        ),
    ],
)
def test_rating_the_company_receives(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Apple Receives a Hold from Its Board", "Tesla Gets Approval from Regulators"],
)
def test_receiving_no_rating_from_a_firm_is_no_action(text: str) -> None:
    assert rows(text) == []


def test_target_moved_for_the_company_named_by_a_noun() -> None:
    text = (
        'Raymond James lowered shares of Five Below from a "strong-buy" rating to an '
        '"outperform" rating and cut their price target for the company from $150.00 to '
        "$110.00 in a report on Monday."
    )
    assert rows(text) == [
        ("Raymond James", "Five Below", "down", "outperform", "lower", 110, 150, "USD")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Chewy fell 4% after Wolfe Research lowered its rating on the pet retailer to peer "
        "perform from outperform. The firm also cut its price target to $30 from $42.",
        "Chewy shares fell 4% after Wolfe Research lowered its rating on the pet retailer to "
        "peer perform from outperform. The firm also cut its price target to $30 from $42.",
    ],
)
def test_rating_lowered_then_the_firm_cuts_its_target(text: str) -> None:
    assert rows(text) == [
        ("Wolfe Research", "Chewy", "down", "peer perform", "lower", 30, 42, "USD")
    ]


def test_ratings_listed_for_brokers_respectively() -> None:
    text = (
        "Barclays and UBS both upgraded Nike on Friday, to overweight and buy respectively, "
        "citing a turnaround."
    )
    assert rows(text) == [
        ("Barclays", "Nike", "up", "overweight", "none", None, None, None),
        ("UBS", "Nike", "up", "buy", "none", None, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Barclays and UBS both upgraded Ford Motor on Friday, to overweight and buy "
            "respectively, citing a turnaround.",
            "Ford Motor",
        ),
        (
            "Barclays raised its target on Uber Technologies to $110, and UBS raised its to $105.",
            "Uber Technologies",
        ),
    ],
)
def test_known_short_name_kept_as_the_sentence_writes_it(text: str, company: str) -> None:
    assert {row[1] for row in rows(text)} == {company}


def test_added_to_a_list_in_the_past_tense_with_a_kept_rating() -> None:
    text = (
        "Raymond James Added Ulta Beauty To Its 'Analyst Current Favorites' List; Maintains "
        "Strong Buy, Raises PT From $480 To $520"
    )
    assert rows(text) == [
        ("Raymond James", "Ulta Beauty", "main", "Strong Buy", "raise", 520, 480, "USD")
    ]


def test_the_firm_fills_in_the_action_of_a_broker_the_grammar_named_in_full() -> None:
    text = (
        "Dollar Tree fell 6% after Wolfe Research Group lowered its rating on the discount "
        "retailer to peer perform from outperform. The firm also cut its price target to $80 "
        "from $100."
    )
    assert rows(text) == [
        ("Wolfe Research Group", "Dollar Tree", "down", "peer perform", "lower", 80, 100, "USD")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Goldman downgraded Pfizer to sell, while Barclays raised its price target on the "
            "shares to $30 from $28.",
            [
                ("Barclays", "Pfizer", "none", None, "raise", 30, 28, "USD"),
                ("Goldman", "Pfizer", "down", "sell", "none", None, None, None),
            ],
        ),
        (
            "Stifel upgraded Deckers Outdoor to buy, while Jefferies lowered its price target on "
            "the stock to $150.",
            [
                ("Jefferies", "Deckers Outdoor", "none", None, "lower", 150, None, "USD"),
                ("Stifel", "Deckers Outdoor", "up", "buy", "none", None, None, None),
            ],
        ),
    ],
)
def test_a_later_brokers_target_on_the_stock_is_its_own(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exxon Mobil Stock Rises After Upgrade At Piper Sandler",
            [("Piper Sandler", "Exxon Mobil", "up", None, "none", None, None, None)],
        ),
        (
            "Chevron Shares Climb Following Upgrade By Mizuho",
            [("Mizuho", "Chevron", "up", None, "none", None, None, None)],
        ),
    ],
)
def test_the_stocks_story_is_no_part_of_its_name(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


def test_a_known_company_titling_the_headline_is_the_one_acted_on() -> None:
    assert rows("Exxon Mobil: Morgan Stanley Upgrades to Overweight, $150 Target") == [
        ("Morgan Stanley", "Exxon Mobil", "up", "Overweight", "set", 150, None, "USD")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Analyst Ratings: Morgan Stanley Upgrades to Overweight",
        "Market Wrap: JPMorgan Cuts Target to $50",
    ],
)
def test_a_columns_title_names_no_company(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Truist cut its price target on Lowe's to $260 from $280, while Telsey Advisory "
            "Group reiterated its outperform rating.",
            [
                ("Telsey Advisory Group", "Lowe's", "main", "outperform", "none", None, None, None),
                ("Truist", "Lowe's", "none", None, "lower", 260, 280, "USD"),
            ],
        ),
        (
            "Citi raised its target on Adobe to $500, and Jefferies reiterated its buy rating on "
            "the stock.",
            [
                ("Citi", "Adobe", "none", None, "raise", 500, None, "USD"),
                ("Jefferies", "Adobe", "main", "buy", "none", None, None, None),
            ],
        ),
    ],
)
def test_a_later_broker_keeps_its_rating_on_the_company_left_out(
    text: str, expected: list[Any]
) -> None:
    assert rows(text) == expected


def test_target_moved_beside_the_rating_in_a_participle() -> None:
    text = (
        "Barclays downgraded Unilever to underweight, cutting its price target to 4,200 pence "
        "from 4,800 pence."
    )
    assert rows(text) == [
        ("Barclays", "Unilever", "down", "underweight", "lower", 4200, 4800, "GBX")
    ]


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Morgan Stanley downgraded Chinese EV maker Nio to underweight.", "Nio"),
        ("JPMorgan upgraded US Steel to overweight.", "US Steel"),
    ],
)
def test_an_abbreviation_among_the_describing_words(text: str, company: str) -> None:
    assert [row[1] for row in rows(text)] == [company]


def test_a_later_brokers_rating_on_another_named_company_stays_there() -> None:
    text = (
        "UBS raised its target on Intel to $30, while Morgan Stanley reiterated its "
        "equal-weight rating on AMD."
    )
    assert rows(text) == [
        ("Morgan Stanley", "AMD", "main", "equal-weight", "none", None, None, None),
        ("UBS", "Intel", "none", None, "raise", 30, None, "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Swiss bank UBS said on Tuesday it was starting coverage of Lonza with a buy "
            "recommendation and a 650-franc price target.",
            [("UBS", "Lonza", "init", "buy", "init", 650, None, "CHF")],
        ),
        (
            "In a note on Monday, Needham said it was maintaining its buy rating on Roku.",
            [("Needham", "Roku", "main", "buy", "none", None, None, None)],
        ),
        (
            "Jefferies said it had cut its price target on Kering to 180 euros.",
            [("Jefferies", "Kering", "none", None, "lower", 180, None, "EUR")],
        ),
        (
            "Wall Street brokerage Jefferies upgraded Nike to buy.",
            [("Jefferies", "Nike", "up", "buy", "none", None, None, None)],
        ),
    ],
)
def test_action_reported_by_the_broker_or_named_with_its_kind(
    text: str, expected: list[Any]
) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Morgan Stanley said it was raising its forecast for oil prices.",
        "Citi said it was starting a new fund for private credit.",
    ],
)
def test_a_report_of_no_analyst_action_stays_none(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Truist Financial Reaffirms Buy Rating for Deckers Outdoor (NYSE:DECK)",
            [("Truist Financial", "Deckers Outdoor", "main", "Buy", "none", None, None, None)],
        ),
        (
            "Barclays Boosts Deckers Outdoor (NYSE:DECK) Price Target to $140.00",
            [("Barclays", "Deckers Outdoor", "none", None, "raise", 140, None, "USD")],
        ),
        (
            "JPMorgan Chase & Co. Lowers Deckers Outdoor (NYSE:DECK) Price Target to $130.00",
            [
                (
                    "JPMorgan Chase & Co.",
                    "Deckers Outdoor",
                    "none",
                    None,
                    "lower",
                    130,
                    None,
                    "USD",
                )
            ],
        ),
        (
            "Deckers Outdoor (NYSE:DECK) Given New $160.00 Price Target at UBS Group",
            [("UBS Group", "Deckers Outdoor", "none", None, "set", 160, None, "USD")],
        ),
    ],
)
def test_title_case_headlines_with_an_exchange_ticker(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Needham Expects Another Record Year For Axon Enterprise, Raises PT To $720",
            [("Needham", "Axon Enterprise", "none", None, "raise", 720, None, "USD")],
        ),
        (
            "Citi Says Apple's Margins Look Safe, Keeps Buy",
            [("Citi", "Apple", "main", "Buy", "none", None, None, None)],
        ),
        (
            "Mizuho Sees Demand Turning For Lam Research, Upgrades To Outperform",
            [("Mizuho", "Lam Research", "up", "Outperform", "none", None, None, None)],
        ),
    ],
)
def test_broker_opens_with_a_view_then_acts_on_the_company_of_it(
    text: str, expected: list[Any]
) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Citi Says Apple's Margins Look Safe, Maintains Buy on Microsoft",
        "Wedbush Hosts Event For Tesla Investors, Raises PT To $400",
        "Goldman Sachs Expects Fed To Cut Rates In March, Raises Target To 6,500",
    ],
)
def test_a_view_on_no_company_or_another_action_adds_nothing(text: str) -> None:
    assert all(row[1] in ("Microsoft",) for row in rows(text))


def test_joined_company_named_before_its_target_words() -> None:
    assert rows("Goldman Raises Apple PT to $250 and Microsoft PT to $500") == [
        ("Goldman", "Apple", "none", None, "raise", 250, None, "USD"),
        ("Goldman", "Microsoft", "none", None, "raise", 500, None, "USD"),
    ]


def test_a_verb_joined_by_and_is_no_company() -> None:
    assert rows("Needham Raises Apple PT to $250 and Sees Upside To $300") == [
        ("Needham", "Apple", "none", None, "raise", 250, None, "USD")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BofA cuts Nike stock rating to Underperform",
            [("BofA", "Nike", "down", "Underperform", "none", None, None, None)],
        ),
        (
            "Stifel raises Nvidia stock price target on AI demand",
            [("Stifel", "Nvidia", "none", None, "raise", None, None, None)],
        ),
    ],
)
def test_the_stock_named_before_its_rating_or_target(text: str, expected: list[Any]) -> None:
    assert rows(text) == expected
