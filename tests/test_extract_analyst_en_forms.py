"""English analyst phrasings the dev set lacks: currencies other than the dollar, passives
with the company first, MarketBeat and wire prose, later brokers leaving the company out, rating
moves told by tiers, and texts that name a figure, an index or an asset class instead of a
company. Every text here is written for this test."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from bot.evaluate import cmd_eval
from rules.events import AnalystAction
from rules.extract import extract

FRESH = Path(__file__).parent / "data" / "extraction_fresh3_en.jsonl"


def analyst(text: str) -> list[tuple[Any, ...]]:
    return sorted(
        (
            e.broker,
            e.company,
            e.rating_action,
            (e.rating or "").lower() or None,
            e.target_action,
            e.target,
            e.prior_target,
            e.currency,
        )
        for e in extract(text, "en")
        if isinstance(e, AnalystAction)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Barclays Raises Glencore Target to 520 Pence",
            ("Barclays", "Glencore", "none", None, "raise", 520, None, "GBX"),
        ),
        (
            "UBS Keeps Buy on Diageo, Price Target 3,400 Pence",
            ("UBS", "Diageo", "main", "buy", "set", 3400, None, "GBX"),
        ),
        (
            "Peel Hunt Cuts Tesco Price Target to 380p",
            ("Peel Hunt", "Tesco", "none", None, "lower", 380, None, "GBX"),
        ),
        (
            "BMO Lifts Suncor Energy Target to C$62",
            ("BMO", "Suncor Energy", "none", None, "raise", 62, None, "CAD"),
        ),
        (
            "Goldman Sachs Cuts Kering Price Target to €190 From €230",
            ("Goldman Sachs", "Kering", "none", None, "lower", 190, 230, "EUR"),
        ),
        (
            "Citi Raises Nestle Target to CHF 95 From CHF 90",
            ("Citi", "Nestle", "none", None, "raise", 95, 90, "CHF"),
        ),
        (
            "Danske Bank cut its price target on Novo Nordisk to DKK 700.",
            ("Danske Bank", "Novo Nordisk", "none", None, "lower", 700, None, "DKK"),
        ),
        (
            "Kepler Cheuvreux raised its target price for Adidas to 250 euros from 230 euros.",
            ("Kepler Cheuvreux", "Adidas", "none", None, "raise", 250, 230, "EUR"),
        ),
    ],
)
def test_targets_in_any_marked_currency(text: str, expected: tuple[Any, ...]) -> None:
    assert analyst(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Western Digital Price Target Raised to $95 at Wells Fargo",
            ("Wells Fargo", "Western Digital", "none", None, "raise", 95, None, "USD"),
        ),
        (
            "Intuitive Surgical had its price target lowered by Leerink Partners from $600.00 to "
            "$560.00.",
            ("Leerink Partners", "Intuitive Surgical", "none", None, "lower", 560, 600, "USD"),
        ),
        (
            "Applied Materials was upgraded by Cantor Fitzgerald to overweight from neutral.",
            (
                "Cantor Fitzgerald",
                "Applied Materials",
                "up",
                "overweight",
                "none",
                None,
                None,
                None,
            ),
        ),
        (
            "Lam Research initiated with an Outperform at Bernstein",
            ("Bernstein", "Lam Research", "init", "outperform", "none", None, None, None),
        ),
        (
            "Dell Technologies stock rating upgraded by Evercore ISI",
            ("Evercore ISI", "Dell Technologies", "up", None, "none", None, None, None),
        ),
        (
            "Super Micro Computer Gets Price Target Cut to $40 at Needham",
            ("Needham", "Super Micro Computer", "none", None, "lower", 40, None, "USD"),
        ),
        (
            "Marvell Technology PT Raised to $140 by Morgan Stanley; Overweight Rating Maintained",
            (
                "Morgan Stanley",
                "Marvell Technology",
                "main",
                "overweight",
                "raise",
                140,
                None,
                "USD",
            ),
        ),
        (
            "Adobe Inc. was cut to hold at Jefferies, which said AI competition would weigh on "
            "growth.",
            ("Jefferies", "Adobe", "down", "hold", "none", None, None, None),
        ),
    ],
)
def test_passives_with_the_company_first(text: str, expected: tuple[Any, ...]) -> None:
    assert analyst(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Susquehanna increased their target price on Super Micro Computer from $45.00 to "
            "$50.00 and gave the company a neutral rating in a report on Tuesday.",
            ("Susquehanna", "Super Micro Computer", "none", "neutral", "raise", 50, 45, "USD"),
        ),
        (
            "Robert W. Baird decreased their price objective on Palo Alto Networks from $220.00 "
            "to $200.00 and set an outperform rating for the company in a report on Thursday.",
            (
                "Robert W. Baird",
                "Palo Alto Networks",
                "none",
                "outperform",
                "lower",
                200,
                220,
                "USD",
            ),
        ),
        (
            "Piper Sandler reissued an overweight rating and set a $250.00 price target on shares "
            "of Palo Alto Networks in a report on Tuesday.",
            ("Piper Sandler", "Palo Alto Networks", "main", "overweight", "set", 250, None, "USD"),
        ),
        (
            "Finally, Wedbush lifted their price objective on Roku from $70.00 to $85.00 in a "
            "report on Friday.",
            ("Wedbush", "Roku", "none", None, "raise", 85, 70, "USD"),
        ),
        (
            "Morgan Stanley's Adam Jonas raised his price target on Tesla to $430.",
            ("Morgan Stanley", "Tesla", "none", None, "raise", 430, None, "USD"),
        ),
        (
            "JPMorgan Chase & Co. upgraded Super Micro Computer from a neutral rating to an "
            "overweight rating and raised their price target for the company from $40.00 to "
            "$60.00 in a research note on Monday.",
            (
                "JPMorgan Chase & Co.",
                "Super Micro Computer",
                "up",
                "overweight",
                "raise",
                60,
                40,
                "USD",
            ),
        ),
        (
            "Jefferies raises Nvidia stock price target to $185 on AI demand",
            ("Jefferies", "Nvidia", "none", None, "raise", 185, None, "USD"),
        ),
    ],
)
def test_broker_prose(text: str, expected: tuple[Any, ...]) -> None:
    assert analyst(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Citigroup Moves Northrop Grumman to Sell From Neutral",
            ("Citigroup", "Northrop Grumman", "down", "sell", "none", None, None, None),
        ),
        (
            "Wells Fargo Moves Dollar General to Overweight From Equal Weight",
            ("Wells Fargo", "Dollar General", "up", "overweight", "none", None, None, None),
        ),
        (
            "Baird Bumps Up Deckers Outdoor Price Target to $215",
            ("Baird", "Deckers Outdoor", "none", None, "raise", 215, None, "USD"),
        ),
        (
            "Goldman Sachs Stays Neutral on Tesla, Raises PT to $300",
            ("Goldman Sachs", "Tesla", "main", "neutral", "raise", 300, None, "USD"),
        ),
        (
            "Needham Raises Rating on Shopify to Buy",
            ("Needham", "Shopify", "up", "buy", "none", None, None, None),
        ),
        (
            "Barclays Lowers Five Below to Underweight",
            ("Barclays", "Five Below", "down", "underweight", "none", None, None, None),
        ),
        (
            "Oppenheimer Maintains Outperform Rating for Super Micro Computer: Here's What You "
            "Need To Know",
            ("Oppenheimer", "Super Micro Computer", "main", "outperform", "none", None, None, None),
        ),
    ],
)
def test_title_case_verbs(text: str, expected: tuple[Any, ...]) -> None:
    assert analyst(text) == [expected]


def test_later_brokers_act_on_the_first_clauses_company() -> None:
    assert analyst(
        "Jefferies raised its price target on Dick's Sporting Goods to $260 from $240, while "
        "Citi lowered its to $210."
    ) == [
        ("Citi", "Dick's Sporting Goods", "none", None, "lower", 210, None, "USD"),
        ("Jefferies", "Dick's Sporting Goods", "none", None, "raise", 260, 240, "USD"),
    ]
    assert analyst(
        "Wells Fargo upgraded American Express to overweight, while Barclays downgraded it to "
        "equal weight."
    ) == [
        ("Barclays", "American Express", "down", "equal weight", "none", None, None, None),
        ("Wells Fargo", "American Express", "up", "overweight", "none", None, None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Goldman Sachs Raises Full-Year Profit Forecast",
        "UBS Upgrades European Equities to Overweight",
        "JPMorgan Upgrades Emerging Markets to Overweight",
        "Morgan Stanley Raises Nasdaq 100 Year-End Target to 22,000",
        "Lumenwise Boosts Annual Revenue Target to $4 Billion",
        "Citi Raises Forecast for Gold to $3,000",
        "The brokerage downgraded Nike to underperform.",
        "Why Lumenwise Shares Are Falling Today",
        "Goldman Sachs Group Inc. Raises Stake in Super Micro Computer",
    ],
)
def test_no_analyst_event_for_figures_indices_or_unnamed_brokers(text: str) -> None:
    assert analyst(text) == []


def test_a_headlines_opening_question_word_is_no_part_of_the_company() -> None:
    assert analyst("Why Lumenwise Shares Are Falling: JPMorgan Downgrades To Underweight") == [
        ("JPMorgan", "Lumenwise", "down", "underweight", "none", None, None, None)
    ]


def test_fresh_english_texts_score_high() -> None:
    out = io.StringIO()
    cmd_eval(str(FRESH), out, as_json=True)
    report = json.loads(out.getvalue())
    counts = report["by_lang"]["en"]["analyst"]
    assert counts["precision"] >= 0.98
    assert counts["recall"] >= 0.92
    assert min(v for k, v in report["analyst_fields"].items() if k != "matched") >= 0.98


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BRIEF-Jefferies Raises Lumenwise Price Target to $300",
            [("Jefferies", "Lumenwise", "none", None, "raise", 300, None, "USD")],
        ),
        (
            "UPDATE 1-Morgan Stanley cuts Lumenwise to equal-weight",
            [("Morgan Stanley", "Lumenwise", "down", "equal-weight", "none", None, None, None)],
        ),
        (
            "Lumenwise Stock Jumps After Needham Raises Price Target to $60",
            [("Needham", "Lumenwise", "none", None, "raise", 60, None, "USD")],
        ),
        (
            "Lumenwise Falls as Goldman Sachs Initiates at Sell",
            [("Goldman Sachs", "Lumenwise", "init", "sell", "none", None, None, None)],
        ),
        ("Needham Stays Bullish on Lumenwise", []),
    ],
)
def test_title_case_boundaries(text: str, expected: list[tuple[Any, ...]]) -> None:
    """A wire slug is no part of the broker, and a clause word ("After", "as") ends the
    subject: the broker of the later clause acts on it."""
    assert analyst(text) == expected


def test_brokers_listed_with_their_targets_respectively() -> None:
    assert analyst(
        "Jefferies and Citi lifted their price targets on Lumenwise to $60 and $58, respectively."
    ) == [
        ("Citi", "Lumenwise", "none", None, "raise", 58, None, "USD"),
        ("Jefferies", "Lumenwise", "none", None, "raise", 60, None, "USD"),
    ]


def test_a_second_broker_after_and_and_a_target_verb_moving_a_rating() -> None:
    assert analyst(
        "Deutsche Bank raised its target on Lumenwise to $125 and Wells Fargo lifted its to $130."
    ) == [
        ("Deutsche Bank", "Lumenwise", "none", None, "raise", 125, None, "USD"),
        ("Wells Fargo", "Lumenwise", "none", None, "raise", 130, None, "USD"),
    ]
    assert analyst("Citi raised Lumenwise to buy from neutral with a $250 price target.") == [
        ("Citi", "Lumenwise", "up", "buy", "set", 250, None, "USD")
    ]


def test_each_sentence_of_a_paragraph_is_read() -> None:
    assert analyst(
        "Several analysts have recently commented on Lumenwise. Citigroup lifted their price "
        "target on Lumenwise from $50.00 to $55.00 and gave the company a buy rating in a "
        "research note on Friday. Piper Sandler cut their price target on Lumenwise from $60.00 "
        "to $52.00 and set a neutral rating for the company in a research note on Thursday."
    ) == [
        ("Citigroup", "Lumenwise", "none", "buy", "raise", 55, 50, "USD"),
        ("Piper Sandler", "Lumenwise", "none", "neutral", "lower", 52, 60, "USD"),
    ]


def test_a_rating_kept_beside_a_moved_target_and_a_twelve_month_target() -> None:
    assert analyst(
        "Evercore ISI raised its price target on Lumenwise to $100 from $90, while keeping its "
        "outperform rating."
    ) == [("Evercore ISI", "Lumenwise", "main", "outperform", "raise", 100, 90, "USD")]
    assert analyst("Goldman Sachs raised its 12-month price target on Lumenwise to $210.") == [
        ("Goldman Sachs", "Lumenwise", "none", None, "raise", 210, None, "USD")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gold Price Target Raised to $3,000 at UBS",
        "Morgan Stanley Moves Headquarters to New York",
        "Nvidia Shares Cut to $100 at Market Open",
        "Ford Upgraded by Moody's to Investment Grade",
        "Lumenwise stock rating upgraded by analysts",
        "Morgan Stanley raised $2 billion in a bond sale, and Goldman Sachs cut its target for "
        "job cuts to 1,000.",
    ],
)
def test_no_analyst_event_from_the_new_forms_without_a_broker_and_a_company(text: str) -> None:
    assert analyst(text) == []


def test_a_scaled_amount_is_no_target() -> None:
    """ "$1.2K" is not a target of 1.2, nor "$4 Billion" one of 4: the event keeps no number."""
    assert analyst("Mizuho Lifts Lumenwise PT to $1.2K") == [
        ("Mizuho", "Lumenwise", "none", None, "raise", None, None, None)
    ]
    assert analyst("Lumenwise Price Target Raised to $4 Billion at Needham") == [
        ("Needham", "Lumenwise", "none", None, "raise", None, None, None)
    ]
