"""Analyst actions whose company names hold "and", "&" or "Companies", whose ratings stand in a
clause or sentence beside the main action, and German prose that keeps a rating while the target
moves. Sentences written for these tests."""

from __future__ import annotations

import pytest

from rules.extract import extract

Row = tuple[str, str, str, str | None, str, float | None, float | None]


def _rows(text: str, lang: str = "en") -> list[Row]:
    return [
        (
            e.broker,
            e.company,
            e.rating_action,
            e.rating,
            e.target_action,
            e.target,
            e.prior_target,
        )
        for e in extract(text, lang)
        if e.type == "analyst"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Companies" closes a company's name
        (
            "Argus Upgrades Cooper Companies to Buy",
            [("Argus", "Cooper Companies", "up", "Buy", "none", None, None)],
        ),
        (
            "Travelers Companies (NYSE:TRV) was downgraded by Mizuho from an outperform rating to "
            "a neutral rating in a report on Friday.",
            [("Mizuho", "Travelers Companies", "down", "neutral", "none", None, None)],
        ),
        # names holding "and" are one name; a list joined by "and" is still a list
        (
            "Shore Capital upgrades Tate and Lyle to buy from hold",
            [("Shore Capital", "Tate and Lyle", "up", "buy", "none", None, None)],
        ),
        (
            "Oppenheimer Upgrades Thor and Winnebago to Outperform",
            [
                ("Oppenheimer", "Thor", "up", "Outperform", "none", None, None),
                ("Oppenheimer", "Winnebago", "up", "Outperform", "none", None, None),
            ],
        ),
        (
            "Shares of Abercrombie and Fitch climbed 4% after Telsey upgraded the retailer to "
            "'outperform' from 'market perform'.",
            [("Telsey", "Abercrombie and Fitch", "up", "outperform", "none", None, None)],
        ),
        (
            "Needham Initiates Coverage On Procter & Gamble, Johnson & Johnson With Buy Ratings",
            [
                ("Needham", "Procter & Gamble", "init", "Buy", "none", None, None),
                ("Needham", "Johnson & Johnson", "init", "Buy", "none", None, None),
            ],
        ),
        # a verb without a direction takes it from the two numbers
        (
            "Wells Fargo Adjusts Hershey Price Target to $172 From $180",
            [("Wells Fargo", "Hershey", "none", None, "lower", 172, 180)],
        ),
        (
            "Pets at Home price target raised to 300p from 280p at Peel Hunt",
            [("Peel Hunt", "Pets at Home", "none", None, "raise", 300, 280)],
        ),
        # a broker the tables know with a comma in its name
        (
            "Keefe, Bruyette & Woods raised Travelers Companies to outperform",
            [
                (
                    "Keefe, Bruyette & Woods",
                    "Travelers Companies",
                    "up",
                    "outperform",
                    "none",
                    None,
                    None,
                )
            ],
        ),
        # the rating of a list of names is each name's
        (
            "Mizuho Downgrades Hormel Foods, General Mills to Neutral",
            [
                ("Mizuho", "Hormel Foods", "down", "Neutral", "none", None, None),
                ("Mizuho", "General Mills", "down", "Neutral", "none", None, None),
            ],
        ),
        # a rating kept or held in a clause or sentence beside the moved target
        (
            "Citi trimmed its target for Diageo to 2,900 pence, keeping a buy rating.",
            [("Citi", "Diageo", "main", "buy", "lower", 2900, None)],
        ),
        (
            "Hershey had its price target trimmed by Barclays to $150.00 on Friday; the firm kept "
            "an overweight rating on the shares.",
            [("Barclays", "Hershey", "main", "overweight", "lower", 150, None)],
        ),
        (
            "Kraft Heinz had its target price lowered by Evercore ISI from $34.00 to $30.00 in a "
            "note on Monday. The firm currently has an in-line rating on the stock.",
            [("Evercore ISI", "Kraft Heinz", "none", "in-line", "lower", 30, 34)],
        ),
        (
            "Morgan Stanley, which rates Tesla 'equal-weight', cut its price target to $410 from "
            "$430.",
            [("Morgan Stanley", "Tesla", "none", "equal-weight", "lower", 410, 430)],
        ),
        # one keeping verb for a rating and a target
        (
            "Barclays reissued an overweight rating and a $120.00 price target on shares of "
            "Hershey in a report on Monday.",
            [("Barclays", "Hershey", "main", "overweight", "set", 120, None)],
        ),
        # quoted ratings, a target after a semicolon, a lower-case legal form
        (
            "Hiscox upgraded to 'buy' at Numis; price target raised to 1,300 pence",
            [("Numis", "Hiscox", "up", "buy", "raise", 1300, None)],
        ),
        (
            "Redburn cuts Burberry to sell; target cut to 700p from 900p",
            [("Redburn", "Burberry", "down", "sell", "lower", 700, 900)],
        ),
        (
            "Acme Holdings plc had its price target lowered by Numis from GBX 500 to GBX 450.",
            [("Numis", "Acme Holdings", "none", None, "lower", 450, 500)],
        ),
        # a target the company is given
        (
            "Hershey (NYSE:HSY) received a $190.00 target price from analysts at Barclays in a "
            "note on Tuesday.",
            [("Barclays", "Hershey", "none", None, "set", 190, None)],
        ),
        (
            "Ross Stores was given a new $160.00 price target by analysts at Citigroup on Friday.",
            [("Citigroup", "Ross Stores", "none", None, "set", 160, None)],
        ),
        # the action told as a noun beside the stock's move
        (
            "Chevron shares rose following an upgrade from Piper Sandler to overweight.",
            [("Piper Sandler", "Chevron", "up", "overweight", "none", None, None)],
        ),
        (
            "Hormel Foods fell 2% after a downgrade of rival Tyson Foods by Barclays.",
            [("Barclays", "Tyson Foods", "down", None, "none", None, None)],
        ),
        # quoted ratings in prose, a broker's descriptor, the day after the broker
        (
            "Citigroup analysts upgraded Hershey to 'buy' from 'neutral' in a note on Tuesday.",
            [("Citigroup", "Hershey", "up", "buy", "none", None, None)],
        ),
        (
            "UBS initiated coverage of Ferrari with a 'neutral' rating and a price target of "
            "420 euros.",
            [("UBS", "Ferrari", "init", "neutral", "init", 420, None)],
        ),
        (
            "Brokerage Bernstein lowered its price target on Nike to $65 from $75.",
            [("Bernstein", "Nike", "none", None, "lower", 65, 75)],
        ),
        (
            "Morgan Stanley on Monday downgraded shares of Hormel Foods to 'underweight'.",
            [("Morgan Stanley", "Hormel Foods", "down", "underweight", "none", None, None)],
        ),
        # MarketBeat's quoted ratings, its "strong-buy", and its source named at the end
        (
            'Zacks Research upgraded shares of Hershey from a "hold" rating to a "strong-buy" '
            "rating in a report on Friday.",
            [("Zacks Research", "Hershey", "up", "strong-buy", "none", None, None)],
        ),
        (
            "Citigroup raised their price target on shares of Hershey from $170.00 to $180.00 and "
            'gave the stock a "buy" rating in a report on Monday.',
            [("Citigroup", "Hershey", "none", "buy", "raise", 180, 170)],
        ),
        (
            "Hershey (NYSE:HSY) had its price target cut by analysts at UBS Group from $180.00 to "
            "$170.00 in a report issued on Friday, Benzinga reports.",
            [("UBS Group", "Hershey", "none", None, "lower", 170, 180)],
        ),
        # coverage started, completed by the sentence after
        (
            "Wedbush assumed coverage of Hershey in a research note on Monday. The firm issued a "
            "neutral rating and a $95.00 price target on the stock.",
            [("Wedbush", "Hershey", "init", "neutral", "init", 95, None)],
        ),
    ],
)
def test_english_forms(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Argus Upgrades Oil Companies to Buy",
        "Hershey received a $5 million grant from Siemens.",
        "Ford fell after a downgrade from Moody's.",
        "Benzinga's Top Upgrades: Hershey, Nike",
        "UBS Lifts Nikkei 225 Target to 42,000",
        "Citi raises IBEX 35 target to 13,000",
        "Goldman Upgrades AI Companies to Buy",
    ],
)
def test_english_not_analyst(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Die Analysten von Jefferies stufen die Aktie von Covestro weiterhin mit "Hold" ein '
            "und hoben das Kursziel von 55 auf 58 Euro an.",
            [("Jefferies", "Covestro", "main", "Hold", "raise", 58, 55)],
        ),
        (
            "Die Analysten von Barclays haben ihre Sicht auf Symrise bestätigt: Die Aktie "
            'bleibt auf "Overweight", das Kursziel sinkt von 120 auf 110 Euro.',
            [("Barclays", "Symrise", "main", "Overweight", "lower", 110, 120)],
        ),
        (
            "Knorr-Bremse-Aktie legt zu\nDie Aktie von Knorr-Bremse stieg um zwei Prozent. Die "
            'Großbank UBS hob das Kursziel von 75 auf 85 Euro an und bestätigte ihr "Buy"-Votum.',
            [("UBS", "Knorr-Bremse", "main", "Buy", "raise", 85, 75)],
        ),
        (
            "Chemiewerte gefragt\nBASF und Lanxess legten zu. Jefferies hob das Kursziel für BASF "
            "von 48 auf 52 Euro an. Für Lanxess senkte die Bank das Ziel dagegen auf 24 Euro.",
            [
                ("Jefferies", "BASF", "none", None, "raise", 52, 48),
                ("Jefferies", "Lanxess", "none", None, "lower", 24, None),
            ],
        ),
        # present tense, the broker with its article, a rating confirmed or kept "bei"
        (
            "Die Commerzbank senkt das Kursziel für Evonik auf 18 Euro.",
            [("Commerzbank", "Evonik", "none", None, "lower", 18, None)],
        ),
        (
            "Die Deutsche Bank hebt das Kursziel für Beiersdorf von 130 auf 140 Euro und "
            'bestätigt "Buy".',
            [("Deutsche Bank", "Beiersdorf", "main", "Buy", "raise", 140, 130)],
        ),
        (
            'Zalando: Die Bank of America hebt ihr Ziel auf 40 Euro und bleibt bei "Buy".',
            [("Bank of America", "Zalando", "main", "Buy", "raise", 40, None)],
        ),
        (
            'Die Analysten der Citigroup stufen die Aktie von Traton von "Buy" auf "Neutral" ab.',
            [("Citigroup", "Traton", "down", "Neutral", "none", None, None)],
        ),
        (
            "Die UBS bestätigte das Kursziel von 50 Euro für Evonik.",
            [("UBS", "Evonik", "none", None, "set", 50, None)],
        ),
        # "Sie" opening a sentence with a target: the analysts of the sentence before
        (
            "Hensoldt-Aktie: Kursziel 60 Euro\nDie Analysten der Citigroup sehen bei der Aktie "
            "von Hensoldt weiteres Potenzial. Sie hoben das Kursziel von 52 auf 60 Euro an.",
            [("Citigroup", "Hensoldt", "none", None, "raise", 60, 52)],
        ),
        (
            "Hella im Aufwind\nDie Aktie von Hella kletterte. Berenberg-Analyst Anna Weber hob "
            'das Kursziel von 80 auf 92 Euro an. Sie bleibt bei ihrer Einstufung "Buy".',
            [("Berenberg", "Hella", "main", "Buy", "raise", 92, 80)],
        ),
    ],
)
def test_german_prose(text: str, expected: list[Row]) -> None:
    assert _rows(text, "de") == expected


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "According to MarketBeat, Acme Foods currently has a consensus rating of "
            '"Moderate Buy" and an average price target of $52.40.',
            "Acme Foods",
        ),
        (
            'Shares of Acme Foods have been given an average recommendation of "Hold" by the '
            "analysts that are covering the company.",
            "Acme Foods",
        ),
        ("MarketBeat has a consensus rating of Hold for the stock.", None),
    ],
)
def test_english_consensus_holder(text: str, company: str | None) -> None:
    found = [e for e in extract(text, "en") if e.type == "consensus"]
    assert [e.company for e in found] == [company]
