"""English analyst actions: a broker owned by a place in a possessive, an action in a dated
pluperfect clause (background, no action of today), a one-liner's bare rating kept at a broker,
a rating word that is no company, rupees written "Rs", an adverb between the broker and its
verb, an adverb of a time long past, a time phrase before a clause's tail, a rating said to stay
or stated in a sentence of its own, a target verb with its particle ("nudged up"), a stock's
move followed by its broker's target, a known broker's longer name, a company named again by a
noun, a rating a broker has on a company, and a broker acting on a company of its own. Every
text here is written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the place that owns the broker is no broker
        (
            "Switzerland's Vontobel downgraded Lonza to hold, citing a slower biotech recovery.",
            [("Vontobel", "Lonza", "down", "hold", "none", None, None, None)],
        ),
        (
            "Korea's Mirae Asset Securities upgraded Hanwha Aerospace to buy.",
            [("Mirae Asset Securities", "Hanwha Aerospace", "up", "buy", "none", None, None, None)],
        ),
        # a pluperfect dated some time ago tells of an old action
        (
            "UBS, which had cut its target on Kingfisher to 250p in January, was silent on "
            "Tuesday.",
            [],
        ),
        ("Raymond James had downgraded Etsy to market perform last year.", []),
        # so does a relative clause dated some time ago
        ("Bernstein, which upgraded Etsy in 2024, said it still likes the stock.", []),
        ("Citi, which cut its rating on Etsy to sell in October, repeated that view.", []),
        # without a date it may report today's action
        (
            "Stifel said it had raised its price target on Etsy to $70 from $60.",
            [("Stifel", "Etsy", "none", None, "raise", 70, 60, "USD")],
        ),
        # a bare rating after the verb, then the broker: still the passive one-liner
        (
            "Hubspot maintained Outperform at Oppenheimer after user checks",
            [("Oppenheimer", "Hubspot", "main", "Outperform", "none", None, None, None)],
        ),
        # a rating word is no company
        ("Wedbush reiterated Outperform at its annual conference", []),
        # when the action was taken stands between the clause and its tail
        (
            "Evercore ISI analyst Mark Mahaney upgraded shares of Floor & Decor to Outperform "
            "from In Line on Monday and lifted his price target to $80 from $60.",
            [("Evercore ISI", "Floor & Decor", "up", "Outperform", "raise", 80, 60, "USD")],
        ),
        # the rating said to stay
        (
            "UBS lowered its target for Kingfisher to 260p from 290p; the rating remains neutral.",
            [("UBS", "Kingfisher", "main", "neutral", "lower", 260, 290, "GBX")],
        ),
        # a rating kept by "he"/"she"
        (
            "Barclays raised its price target on Floor & Decor to $75 from $68, though she kept "
            "an equal weight rating.",
            [("Barclays", "Floor & Decor", "main", "equal weight", "raise", 75, 68, "USD")],
        ),
        # the broker's standing rating in a sentence of its own
        (
            "Daiwa raised its target price on Keyence to 75,000 yen from 70,000 yen. Daiwa rates "
            "the stock outperform.",
            [("Daiwa", "Keyence", "none", "outperform", "raise", 75000, 70000, "JPY")],
        ),
        # a target verb with its particle
        (
            "Dexcom price target nudged up to $95 from $90 at Raymond James",
            [("Raymond James", "Dexcom", "none", None, "raise", 95, 90, "USD")],
        ),
        (
            "Dexcom price target edged down to $85 at Citi",
            [("Citi", "Dexcom", "none", None, "lower", 85, None, "USD")],
        ),
        # the stock's move, then the broker's action on its "target price" or bare "target"
        (
            "Keyence rose 3% after Nomura raised its target price to 75,000 yen from 70,000 yen.",
            [("Nomura", "Keyence", "none", None, "raise", 75000, 70000, "JPY")],
        ),
        (
            "Geberit fell 2% after Vontobel cut its target to 480 Swiss francs.",
            [("Vontobel", "Geberit", "none", None, "lower", 480, None, "CHF")],
        ),
        # a known broker's longer name
        (
            "Shiseido fell 4% after Nomura Securities lowered its target price to 2,400 yen.",
            [("Nomura Securities", "Shiseido", "none", None, "lower", 2400, None, "JPY")],
        ),
        # the company named again by a noun with a capitalised word in it
        (
            "Keyence rose 3% after Nomura raised its target price on the Osaka-based sensor "
            "maker to 75,000 yen from 70,000 yen.",
            [("Nomura", "Keyence", "none", None, "raise", 75000, 70000, "JPY")],
        ),
        # a rating read with the target is the one kept
        (
            "Geberit fell 2%. Analysts at UBS lowered their price target on the sanitary "
            "products maker to 450 Swiss francs from 500 francs, though they kept a neutral "
            "rating.",
            [("UBS", "Geberit", "main", "neutral", "lower", 450, 500, "CHF")],
        ),
        # a house's own rating scale ("outperformer")
        (
            "CIBC raised its price target on Nutrien to US$70 from US$64 and kept an "
            "outperformer rating.",
            [("CIBC", "Nutrien", "main", "outperformer", "raise", 70, 64, "USD")],
        ),
        (
            "CIBC moved Nutrien to outperformer from neutral.",
            [("CIBC", "Nutrien", "up", "outperformer", "none", None, None, None)],
        ),
        # the rating a broker stands by, quoted with "has"; a source opening the sentence
        (
            "According to TipRanks, Mizuho analyst Siti Panigrahi has a Buy rating on Klaviyo "
            "with a $48 price target.",
            [("Mizuho", "Klaviyo", "none", "Buy", "set", 48, None, "USD")],
        ),
        (
            "Baird has an outperform rating and a $75 price target on Floor & Decor.",
            [("Baird", "Floor & Decor", "none", "outperform", "set", 75, None, "USD")],
        ),
        # ... not where it stands in a relative clause, nor a target of the broker's own
        ("Citi, which has a buy rating on Klaviyo, hosted its chief executive.", []),
        ("Goldman Sachs has a target of 14% for its return on equity.", []),
        # a broker whose verb takes a company of its own gets no company named only before it
        (
            "Bernstein lifted its Nvidia target to $250, while Needham started Klaviyo at buy.",
            [("Bernstein", "Nvidia", "none", None, "raise", 250, None, "USD")],
        ),
        (
            "Broker calls: Bernstein lifts Nvidia PT to $250; Needham starts Klaviyo at buy.",
            [
                ("Bernstein", "Nvidia", "none", None, "raise", 250, None, "USD"),
                ("Needham", "Klaviyo", "init", "buy", "none", None, None, None),
            ],
        ),
        # a known broker after "and" acts in its own clause: its target is not the first's
        (
            "Jefferies cut Campbell's to underperform from hold, and Stifel lowered its target "
            "on the soup maker to $38 from $44.",
            [
                ("Jefferies", "Campbell's", "down", "underperform", "none", None, None, None),
                ("Stifel", "Campbell's", "none", None, "lower", 38, 44, "USD"),
            ],
        ),
        # coverage named "research coverage"
        (
            "Roth Capital has initiated research coverage of Alpine Lithium with a Buy rating and "
            "a $9 price target.",
            [("Roth Capital", "Alpine Lithium", "init", "Buy", "init", 9, None, "USD")],
        ),
        # rupees written before the number
        (
            "Axis Capital maintained a buy rating on Larsen & Toubro with a target price of "
            "Rs 4,200.",
            [("Axis Capital", "Larsen & Toubro", "main", "buy", "set", 4200, None, "INR")],
        ),
        (
            "Jefferies cut its target on Asian Paints to Rs. 2,300 from Rs. 2,650.",
            [("Jefferies", "Asian Paints", "none", None, "lower", 2300, 2650, "INR")],
        ),
        # an adverb of today's news between the broker and its verb
        (
            "Analysts at Baird recently lifted their price target on Floor & Decor to $72 from "
            "$64.",
            [("Baird", "Floor & Decor", "none", None, "raise", 72, 64, "USD")],
        ),
        # ... but one of a time long past dates the action
        ("Oppenheimer previously downgraded Etsy to sell.", []),
        ("Evercore ISI had originally set a $30 price target on Peloton.", []),
        # "previously" before no verb moves no clause
        (
            "Loop Capital reaffirmed a buy rating and issued a $64.00 target price (up previously "
            "from $58.00) on shares of Carvana in a report on Monday.",
            [("Loop Capital", "Carvana", "main", "buy", "raise", 64, 58, "USD")],
        ),
    ],
)
def test_fresh23_forms(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert rows(text) == sorted(expected)
