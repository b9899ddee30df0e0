"""Sentence-case English analyst headlines (wire style), with invented brokers and companies."""

from __future__ import annotations

import pytest

from rules.extract import extract
from rules.extract.plain_en import plain_english_events


def _one(text: str) -> dict[str, object]:
    events = [e.to_dict() for e in extract(text, "en") if e.type == "analyst"]
    assert len(events) == 1, (text, events)
    return events[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quellberg Partners raises Northwind price target to $64 from $58",
            ("Quellberg Partners", "Northwind", "none", None, "raise", 64, 58),
        ),
        (
            "Harbin Securities trims Fabrikam target to $12.50",
            ("Harbin Securities", "Fabrikam", "none", None, "lower", 12.5, None),
        ),
        (
            "Vellmar Capital lifts its price target on Contoso Motors to $410 from $395",
            ("Vellmar Capital", "Contoso Motors", "none", None, "raise", 410, 395),
        ),
        (
            "Tarrow downgrades Litware to underperform, cuts target to $31",
            ("Tarrow", "Litware", "down", "underperform", "lower", 31, None),
        ),
        (
            "Tarrow upgrades Adatum Foods to buy with $77 price target",
            ("Tarrow", "Adatum Foods", "up", "buy", "set", 77, None),
        ),
        (
            "Brindle Research upgrades Globex to Overweight",
            ("Brindle Research", "Globex", "up", "Overweight", "none", None, None),
        ),
        (
            "Osgood initiates coverage of Tailspin at neutral with $40 target",
            ("Osgood", "Tailspin", "init", "neutral", "init", 40, None),
        ),
        (
            "Osgood starts Tailspin Toys at outperform",
            ("Osgood", "Tailspin Toys", "init", "outperform", "none", None, None),
        ),
        (
            "Merrow Bank slashes Fabrikam price target to $9, keeps underweight rating",
            ("Merrow Bank", "Fabrikam", "main", "underweight", "lower", 9, None),
        ),
        (
            "Pellam cuts Northwind (NWND) price target to $18 from $22",
            ("Pellam", "Northwind", "none", None, "lower", 18, 22),
        ),
        # a description of the company before its name
        (
            "Tarrow downgrades chipmaker Litware to underperform",
            ("Tarrow", "Litware", "down", "underperform", "none", None, None),
        ),
        (
            "Merrow Bank upgrades Merrow rival Adatum Foods to buy",
            ("Merrow Bank", "Adatum Foods", "up", "buy", "none", None, None),
        ),
        (
            "Vellmar Capital lifts its price target on German carmaker Contoso Motors to $410",
            ("Vellmar Capital", "Contoso Motors", "none", None, "raise", 410, None),
        ),
        (
            "Harbin Securities trims software maker Fabrikam target to $12.50",
            ("Harbin Securities", "Fabrikam", "none", None, "lower", 12.5, None),
        ),
        # a target verb that changes a rating
        (
            "Merrow Bank cuts Litware to underweight",
            ("Merrow Bank", "Litware", "down", "underweight", "none", None, None),
        ),
        (
            "Tarrow raises Globex to buy from hold, price target $55",
            ("Tarrow", "Globex", "up", "buy", "set", 55, None),
        ),
        # the rating first, then the company
        (
            "Osgood reiterates buy rating on Tailspin Toys, with a price target of $40",
            ("Osgood", "Tailspin Toys", "main", "buy", "set", 40, None),
        ),
        # the company first, the broker last
        (
            "Northwind downgraded to neutral by Brindle Research",
            ("Brindle Research", "Northwind", "down", "neutral", "none", None, None),
        ),
        (
            "Contoso Motors price target raised to $410 from $395 at Vellmar Capital",
            ("Vellmar Capital", "Contoso Motors", "none", None, "raise", 410, 395),
        ),
        # the analyst named with the broker
        (
            "Analysts at Brindle Research upgraded Globex to overweight from equal-weight.",
            ("Brindle Research", "Globex", "up", "overweight", "none", None, None),
        ),
        (
            "Vellmar Capital analyst Jo Marsh raised her price target on Adatum to $90 from $75.",
            ("Vellmar Capital", "Adatum", "none", None, "raise", 90, 75),
        ),
        # prose: a time before the broker, a clause after the rating, a final full stop
        (
            "On Tuesday, Tarrow upgraded shares of Globex to buy from neutral, citing demand.",
            ("Tarrow", "Globex", "up", "buy", "none", None, None),
        ),
        (
            "Osgood raised its rating on Tailspin Toys to outperform after the results",
            ("Osgood", "Tailspin Toys", "up", "outperform", "none", None, None),
        ),
        (
            "Merrow Bank reiterated its underweight rating on Litware.",
            ("Merrow Bank", "Litware", "main", "underweight", "none", None, None),
        ),
    ],
)
def test_sentence_case_headlines(text: str, expected: tuple[object, ...]) -> None:
    event = _one(text)
    fields = (
        "broker",
        "company",
        "rating_action",
        "rating",
        "target_action",
        "target",
        "prior_target",
    )
    assert tuple(event[f] for f in fields) == expected
    assert event["currency"] == ("USD" if expected[5] is not None else None)


@pytest.mark.parametrize(
    "text",
    [
        "Northwind raises its quarterly dividend to $0.25",
        "Contoso cuts prices of its electric trucks in Europe",
        "Fabrikam lowers full-year outlook as demand slows",
        "Globex starts production at its new plant",
        "Litware upgrades its software platform to version 5",
        "Adatum raises $40 million in a funding round",
        "analysts expect Northwind to raise its target for margins",
        "Tailspin maintains its guidance for the year",
        "Northwind upgrades its delivery fleet to electric vans",
        "Contoso raises prices for business customers to offset costs",
        "Northwind cuts jobs to save costs",
        "Fabrikam cut to junk by a rating agency",
        "Litware raised to $5 billion its credit line",
        "Globex upgraded to a new headquarters at Harbor Point",
    ],
)
def test_other_sentence_case_news_is_no_analyst_action(text: str) -> None:
    assert [e for e in extract(text, "en") if e.type == "analyst"] == []
    assert plain_english_events(text) == []


def test_title_case_headlines_keep_their_grammar() -> None:
    event = _one("Quellberg Maintains Buy on Northwind, Raises Price Target to $88")
    assert (event["broker"], event["company"], event["target"]) == ("Quellberg", "Northwind", 88)
