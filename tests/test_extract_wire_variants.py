"""The same analyst news as other wires and papers write it: other quote marks, past tenses,
share prices told beside an action, a fair value estimate, moves and counts whose subject or
unit sits elsewhere in the sentence. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from rules.extract import extract


def of_type(text: str, lang: str | None, kind: str) -> list[dict[str, Any]]:
    return [event.to_dict() for event in extract(text, lang) if event.type == kind]


def actions(text: str, lang: str | None = None) -> list[tuple[Any, ...]]:
    return [
        (
            e["broker"],
            e["company"],
            e["rating_action"],
            e["rating"],
            e["target_action"],
            e["target"],
        )
        for e in of_type(text, lang, "analyst")
    ]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("DZ Bank hebt Siemens auf „Kaufen“", ("DZ Bank", "Siemens", "up", "Kaufen", "none", None)),
        (
            'Barclays senkt Aurubis auf "Equal Weight" - Ziel 80 Euro',
            ("Barclays", "Aurubis", "down", "Equal Weight", "set", 80),
        ),
        (
            "JPMorgan bestätigt Siemens mit „Overweight“ - Ziel 190 Euro",
            ("JPMorgan", "Siemens", "main", "Overweight", "set", 190),
        ),
        (
            "Deutsche Bank hebt Ziel für Beiersdorf auf 140 Euro und bestätigt 'Buy'",
            ("Deutsche Bank", "Beiersdorf", "main", "Buy", "raise", 140),
        ),
        (
            "Jefferies hebt Ziel für Zalando deutlich auf 35 Euro - 'Buy'",
            ("Jefferies", "Zalando", "none", "Buy", "raise", 35),
        ),
        (
            "Warburg Research bestätigt Krones mit 'Kaufen'",
            ("Warburg Research", "Krones", "main", "Kaufen", "none", None),
        ),
    ],
)
def test_german_headlines_in_other_quote_marks_and_a_rating_kept_with(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline, "de") == [expected]


def test_a_headline_glued_to_its_body_gives_no_company_across_a_colon() -> None:
    text = (
        "Jefferies erhöht Rheinmetall-Rating: Neue Strategie im FokusDas Analysehaus hat die "
        'Aktie von "Underperform" auf "Hold" hochgestuft.'
    )
    assert all(":" not in event["company"] for event in of_type(text, "de", "analyst"))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            'Die Commerzbank hob Siemens auf "Kaufen".',
            ("Commerzbank", "Siemens", "up", "Kaufen", "none", None),
        ),
        (
            "Die DZ Bank hob Symrise von 'Halten' auf 'Kaufen'.",
            ("DZ Bank", "Symrise", "up", "Kaufen", "none", None),
        ),
    ],
)
def test_a_rating_moved_in_the_past_tense_without_any_other_analyst_word(
    sentence: str, expected: tuple[Any, ...]
) -> None:
    assert actions(sentence, "de") == [expected]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (
            "Citi upgraded Ford to buy and GM shares rose to $60.",
            "en",
            ("Citi", "Ford", "up", "buy", "none", None),
        ),
        (
            "Citi upgraded Ford to buy with a $15 target; the stock closed at $12.50.",
            "en",
            ("Citi", "Ford", "up", "buy", "set", 15),
        ),
        (
            'Die DZ Bank hob Siemens auf "Kaufen"; zuletzt kostete die Aktie 150 Euro.',
            "de",
            ("DZ Bank", "Siemens", "up", "Kaufen", "none", None),
        ),
    ],
)
def test_a_share_price_told_beside_the_action_is_no_target(
    sentence: str, lang: str, expected: tuple[Any, ...]
) -> None:
    assert actions(sentence, lang) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Morningstar Raises Fair Value Estimate on Nike to $110",
            ("Morningstar", "Nike", "none", None, "raise", 110),
        ),
        (
            "Morningstar Lowers Nike Fair Value Estimate to $95",
            ("Morningstar", "Nike", "none", None, "lower", 95),
        ),
        # a verb without a direction and one number states the target
        ("JPMorgan Adjusts PT on Apple to $250", ("JPMorgan", "Apple", "none", None, "set", 250)),
    ],
)
def test_fair_value_estimates_and_an_undirected_target_with_one_number(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline, "en") == [expected]


@pytest.mark.parametrize(
    ("sentence", "company"),
    [
        ("Barclays cut Booking Holdings to equal weight, and Expedia shares fell 2%.", "Expedia"),
        ("Citi said Apple shares rose 3% to $180.", "Apple"),
        # a number of shares is no company
        ("Ark bought 54,815 shares of Tesla. The stock closed up by 1.04% on Thursday.", "Tesla"),
    ],
)
def test_a_price_move_belongs_to_the_shares_named_before_its_verb(
    sentence: str, company: str
) -> None:
    assert [move["company"] for move in of_type(sentence, "en", "price_move")] == [company]


def test_an_amount_after_the_rating_counts_is_no_count_of_analysts() -> None:
    sentence = (
        "12 analysts rate Siemens overweight and 3 underweight, with a mean target of 150 euros."
    )
    [consensus] = of_type(sentence, "en", "consensus")
    assert (consensus["buy"], consensus["sell"], consensus["analysts"]) == (12, 3, None)
    assert consensus["mean_target"] == 150


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Wells Fargo & Company Begins Coverage on Roku",
            ("Wells Fargo & Company", "Roku", "init", None, "none", None),
        ),
        (
            "Loop Capital Markets Begins Coverage on Roku",
            ("Loop Capital Markets", "Roku", "init", None, "none", None),
        ),
        (
            "Roku (NASDAQ:ROKU) Stock Rating Lowered by Wells Fargo & Company",
            ("Wells Fargo & Company", "Roku", "down", None, "none", None),
        ),
        (
            "Roku (NASDAQ:ROKU) Coverage Initiated at Wells Fargo & Company",
            ("Wells Fargo & Company", "Roku", "init", None, "none", None),
        ),
        (
            "Roku (NASDAQ:ROKU) Price Target Cut to $80.00 by Analysts at Wells Fargo & Company",
            ("Wells Fargo & Company", "Roku", "none", None, "lower", 80),
        ),
    ],
)
def test_brokers_with_their_corporate_tail_and_ratings_acted_on_in_the_passive(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline, "en") == [expected]


def test_an_unknown_firm_with_a_corporate_tail_starts_no_coverage_alone() -> None:
    assert actions("Acme Widgets Inc. Begins Coverage on Roku", "en") == []


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Goldman Sachs Turns Bullish On Nike",
            ("Goldman Sachs", "Nike", "up", None, "none", None),
        ),
        (
            "Goldman Sachs Turns Bearish on Nike, Cuts PT to $80",
            ("Goldman Sachs", "Nike", "down", None, "lower", 80),
        ),
    ],
)
def test_a_view_turned_is_a_rating_moved(headline: str, expected: tuple[Any, ...]) -> None:
    assert actions(headline, "en") == [expected]


def test_a_view_turned_on_a_sector_names_no_company() -> None:
    assert actions("Goldman Sachs Turns Bullish On Retailers", "en") == []


@pytest.mark.parametrize(
    ("sentence", "lang", "fields"),
    [
        (
            "Das mittlere Kursziel der Analysten für SAP liegt bei 260 Euro.",
            "de",
            {"company": "SAP", "mean_target": 260, "rating": None},
        ),
        (
            "According to 25 analysts, the average rating for Nike stock is Buy.",
            "en",
            {"company": "Nike", "mean_target": None, "rating": "Buy"},
        ),
        (
            "Acme Foods's average broker rating is Buy, with a consensus target of $115.",
            "en",
            {"company": "Acme Foods", "mean_target": 115, "rating": "Buy"},
        ),
        (
            "Analysts' consensus rating for Nike is Strong Buy, according to Zacks.",
            "en",
            {"company": "Nike", "mean_target": None, "rating": "Strong Buy"},
        ),
    ],
)
def test_a_consensus_told_with_a_median_word_a_rating_for_or_a_possessive(
    sentence: str, lang: str, fields: dict[str, Any]
) -> None:
    [consensus] = of_type(sentence, lang, "consensus")
    assert {name: consensus[name] for name in fields} == fields


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Berenberg hat Hellofresh zum Kauf empfohlen.",
            ("Berenberg", "Hellofresh", "none", "Kauf", "none", None),
        ),
        (
            "Die Investmentbank Stifel hält an ihrer Kaufempfehlung für Evotec fest, senkte das "
            "Ziel aber auf 12 Euro.",
            ("Stifel", "Evotec", "main", None, "lower", 12),
        ),
        (
            "Stifel senkte das Ziel für Evotec auf 12 Euro, hält aber an der Kaufempfehlung fest.",
            ("Stifel", "Evotec", "main", None, "lower", 12),
        ),
    ],
)
def test_a_recommendation_given_or_held_last_in_its_clause(
    sentence: str, expected: tuple[Any, ...]
) -> None:
    assert actions(sentence, "de") == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Jefferies hat das Kursziel für Siemens Energy von zuvor 50 auf 60 Euro erhöht.",
            ("raise", 60, 50),
        ),
        (
            "Jefferies sieht das Kursziel für Siemens Energy nun bei 60 statt 50 Euro.",
            ("raise", 60, 50),
        ),
        (
            "Jefferies hob das Kursziel für Siemens Energy auf 60 nach zuvor 50 Euro.",
            ("raise", 60, 50),
        ),
        ("Jefferies traut Siemens Energy nun 60 Euro zu.", ("set", 60, None)),
    ],
)
def test_a_german_target_beside_its_earlier_figure_or_trusted_to_the_stock(
    sentence: str, expected: tuple[Any, ...]
) -> None:
    [event] = of_type(sentence, "de", "analyst")
    assert (event["target_action"], event["target"], event["prior_target"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Das Kursziel für Evotec bleibt bei 12 Euro, schrieb Stifel.",
            ("Stifel", "Evotec", "none", None, "set", 12),
        ),
        (
            'Das Kursziel für Evotec sinkt von 15 auf 12 Euro, die Einstufung bleibt "Buy", '
            "schrieb Analyst Max Muster von Stifel.",
            ("Stifel", "Evotec", "main", "Buy", "lower", 12),
        ),
        (
            "Das Kursziel für Evotec bleibt bei 12 Euro, so die Experten der Privatbank Berenberg.",
            ("Berenberg", "Evotec", "none", None, "set", 12),
        ),
    ],
)
def test_a_reporting_clause_names_the_broker_last(sentence: str, expected: tuple[Any, ...]) -> None:
    assert actions(sentence, "de") == [expected]


def test_a_reporting_clause_after_a_quote_without_figures_is_no_action() -> None:
    text = (
        "Evotec hat im Quartal enttäuscht.\n"
        '"Die Erwartungen könnten gedämpft werden, wenn der Bericht bestätigt, dass die Lage '
        'solide ist", schreiben die Experten der Landesbank Helaba.'
    )
    assert actions(text, "de") == []


def test_the_earlier_target_told_after_the_new_one_with_bislang() -> None:
    text = "Die DZ Bank setzt das Ziel für Hochtief auf 120 Euro herauf, bislang waren es 105 Euro."
    [event] = of_type(text, "de", "analyst")
    assert (event["target_action"], event["target"], event["prior_target"]) == ("raise", 120, 105)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            'Oddo BHF bewertet die Aktie von Krones mit "Outperform" bei einem Ziel von 150 Euro.',
            ("Oddo BHF", "Krones", "none", "Outperform", "set", 150),
        ),
        (
            "Kepler Cheuvreux stuft Nordex mit „Hold“ und einem Kursziel von 14 Euro ein.",
            ("Kepler Cheuvreux", "Nordex", "none", "Hold", "set", 14),
        ),
        (
            "Gestützt wird der Kurs von Warburg Research, die das Kursziel für Jenoptik von 30 auf"
            ' 34 Euro angehoben hat und das Papier mit "Buy" einstuft.',
            ("Warburg Research", "Jenoptik", "none", "Buy", "raise", 34),
        ),
    ],
)
def test_a_rating_placed_with_mit_beside_a_target_is_the_rating(
    sentence: str, expected: tuple[Any, ...]
) -> None:
    assert actions(sentence, "de") == [expected]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (
            "Die DZ Bank senkte das Ziel für Continental auf 70 Euro, hob es aber für Schaeffler"
            " auf 8 Euro.",
            "de",
            [
                ("DZ Bank", "Continental", "none", None, "lower", 70),
                ("DZ Bank", "Schaeffler", "none", None, "raise", 8),
            ],
        ),
        (
            "Die Citigroup hat ihre Ziele für Lanxess auf 30 Euro und für Wacker Chemie auf 95 Euro"
            " gesenkt.",
            "de",
            [
                ("Citigroup", "Lanxess", "none", None, "lower", 30),
                ("Citigroup", "Wacker Chemie", "none", None, "lower", 95),
            ],
        ),
        (
            "Mizuho raised its price targets on Nvidia to $200 and on AMD to $180.",
            "en",
            [
                ("Mizuho", "Nvidia", "none", None, "raise", 200),
                ("Mizuho", "AMD", "none", None, "raise", 180),
            ],
        ),
    ],
)
def test_a_later_clause_for_another_company_is_its_own_action(
    sentence: str, lang: str, expected: list[tuple[Any, ...]]
) -> None:
    assert actions(sentence, lang) == expected
