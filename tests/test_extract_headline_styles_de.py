"""German analyst headlines as papers and portals other than the dpa-AFX wire write them:
prior targets in parentheses, the target's move told after its figures, a kept rating told
after the target, a rubric or the company standing before a colon. Headlines written for
these tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def actions(text: str) -> list[tuple[Any, ...]]:
    return analyst_rows(text, "de")


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Berenberg hebt Kursziel für Krones auf 160 (zuvor 148) Euro – 'Buy'",
            ("Berenberg", "Krones", "none", "Buy", "raise", 160, 148, "EUR"),
        ),
        (
            "UBS senkt Kursziel für Temenos auf 61 (70) Franken",
            ("UBS", "Temenos", "none", None, "lower", 61, 70, "CHF"),
        ),
        (
            "Barclays senkt Kion auf 'Equal Weight', Kursziel 40 Euro (zuvor 47 Euro)",
            ("Barclays", "Kion", "down", "Equal Weight", "lower", 40, 47, "EUR"),
        ),
    ],
)
def test_prior_target_in_parentheses(headline: str, expected: tuple[Any, ...]) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Metzler belässt Fuchs auf 'Hold', Kursziel sinkt auf 39 Euro",
            ("Metzler", "Fuchs", "main", "Hold", "lower", 39, None, "EUR"),
        ),
        (
            "DZ Bank hebt Hornbach auf 'Kaufen', Kursziel klettert auf 105 Euro",
            ("DZ Bank", "Hornbach", "up", "Kaufen", "raise", 105, None, "EUR"),
        ),
    ],
)
def test_target_move_told_by_a_verb_in_the_tail(headline: str, expected: tuple[Any, ...]) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "JPMorgan senkt Kursziel für Puma auf 45 Euro – 'Neutral' bestätigt",
            ("JPMorgan", "Puma", "main", "Neutral", "lower", 45, None, "EUR"),
        ),
        (
            "Citigroup hebt Kursziel für Siemens auf 240 Euro – Kaufempfehlung bekräftigt",
            ("Citigroup", "Siemens", "main", None, "raise", 240, None, "EUR"),
        ),
        (
            "Jefferies senkt Kursziel für Covestro auf 55 Euro – Einstufung 'Hold' bleibt",
            ("Jefferies", "Covestro", "main", "Hold", "lower", 55, None, "EUR"),
        ),
    ],
)
def test_rating_kept_after_a_moved_target(headline: str, expected: tuple[Any, ...]) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Kurzanalyse: Jefferies senkt Kion auf 'Hold' – Kursziel 48 Euro",
            ("Jefferies", "Kion", "down", "Hold", "set", 48, None, "EUR"),
        ),
        (
            "Rheinmetall: Berenberg hebt KZ auf 1.900 Euro – 'Buy'",
            ("Berenberg", "Rheinmetall", "none", "Buy", "raise", 1900, None, "EUR"),
        ),
        (
            "Zalando-Aktie: Bernstein senkt Rating auf 'Market-Perform'",
            ("Bernstein", "Zalando", "down", "Market-Perform", "none", None, None, None),
        ),
        (
            "Nordex: Warburg Research sagt 'Buy' – Kursziel 22 Euro",
            ("Warburg Research", "Nordex", "none", "Buy", "set", 22, None, "EUR"),
        ),
        (
            "Baader Bank: Kursziel für Aixtron von 28 auf 22 Euro gesenkt",
            ("Baader Bank", "Aixtron", "none", None, "lower", 22, 28, "EUR"),
        ),
        (
            "DZ Bank: Verkaufen! Kursziel 30 Euro für Evotec",
            ("DZ Bank", "Evotec", "none", "Verkaufen", "set", 30, None, "EUR"),
        ),
    ],
)
def test_topic_before_a_colon(headline: str, expected: tuple[Any, ...]) -> None:
    """A rubric, the company or the broker before the colon; the clause after it."""
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    "headline",
    [
        "Fazit: Die Bank senkt das Kursziel auf 50 Euro",
        "Hochstufungen: Jefferies hebt Kursziel auf 60 Euro",
        "Wochenausblick: Analysten heben Kursziel auf 60 Euro",
    ],
)
def test_topic_that_names_no_company_gives_none(headline: str) -> None:
    assert actions(headline) == []


def test_keeping_verb_with_the_rating_before_the_company() -> None:
    assert actions("Helaba bestätigt 'Kaufen' für Hannover Rück – Kursziel 280 Euro") == [
        ("Helaba", "Hannover Rück", "main", "Kaufen", "set", 280, None, "EUR")
    ]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Kepler Cheuvreux startet Coverage von Hypoport mit 'Buy'",
            ("Kepler Cheuvreux", "Hypoport", "init", "Buy", "none", None, None, None),
        ),
        (
            "Jefferies nimmt Gerresheimer wieder mit 'Hold' auf",
            ("Jefferies", "Gerresheimer", "init", "Hold", "none", None, None, None),
        ),
        (
            "Deutsche Bank nimmt Sixt mit 'Buy' und Kursziel 95 Euro in die Bewertung auf",
            ("Deutsche Bank", "Sixt", "init", "Buy", "init", 95, None, "EUR"),
        ),
    ],
)
def test_coverage_started_in_other_word_orders(headline: str, expected: tuple[Any, ...]) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "UBS streicht Kaufempfehlung für Brenntag",
            ("UBS", "Brenntag", "down", None, "none", None, None, None),
        ),
        (
            "Citigroup empfiehlt Daimler Truck zum Kauf – Kursziel 48 Euro",
            ("Citigroup", "Daimler Truck", "none", "Kauf", "set", 48, None, "EUR"),
        ),
        (
            "Berenberg traut Hensoldt 60 Euro zu",
            ("Berenberg", "Hensoldt", "none", None, "set", 60, None, "EUR"),
        ),
    ],
)
def test_rating_or_target_said_in_words(headline: str, expected: tuple[Any, ...]) -> None:
    assert actions(headline) == [expected]


def test_soft_hyphen_inside_a_word() -> None:
    assert actions("Baader Bank senkt Kurs\u00adziel für Wacker Neuson auf 19 Euro") == [
        ("Baader Bank", "Wacker Neuson", "none", None, "lower", 19, None, "EUR")
    ]


@pytest.mark.parametrize(
    ("headline", "companies"),
    [
        ("Goldman senkt Kursziele für Covestro und Lanxess", ["Covestro", "Lanxess"]),
        (
            "Barclays hebt Vonovia, LEG und TAG Immobilien auf 'Overweight'",
            ["Vonovia", "LEG", "TAG Immobilien"],
        ),
        ("Metzler belässt Villeroy & Boch auf 'Buy'", ["Villeroy & Boch"]),
    ],
)
def test_one_action_for_each_coordinated_company(headline: str, companies: list[str]) -> None:
    assert [row[1] for row in actions(headline)] == companies


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Ersteinschätzung: Jefferies sieht Krones bei 'Buy' mit Ziel 150 Euro",
            ("Jefferies", "Krones", "init", "Buy", "init", 150, None, "EUR"),
        ),
        (
            "Citi sieht bei BASF Erholungspotenzial – Kursziel 55 Euro",
            ("Citi", "BASF", "none", None, "set", 55, None, "EUR"),
        ),
    ],
)
def test_a_broker_seeing_a_rating_or_target(headline: str, expected: tuple[Any, ...]) -> None:
    """ "sieht X bei 'R'", "sieht bei X ... - Kursziel N"; a rubric for a first study starts
    the coverage."""
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Kepler Cheuvreux stuft Puma hoch: 'Buy'",
            ("Kepler Cheuvreux", "Puma", "up", "Buy", "none", None, None, None),
        ),
        (
            "Oddo BHF stuft Hornbach ab – 'Neutral' – Ziel 95 Euro",
            ("Oddo BHF", "Hornbach", "down", "Neutral", "set", 95, None, "EUR"),
        ),
    ],
)
def test_a_rating_after_the_particle_and_a_colon_or_dash(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Kursziel-Senkung: Barclays sieht Aurubis nur noch bei 71 Euro",
            ("Barclays", "Aurubis", "none", None, "lower", 71, None, "EUR"),
        ),
        (
            "Abstufung: Bernstein sieht Brenntag bei 'Market-Perform'",
            ("Bernstein", "Brenntag", "down", "Market-Perform", "none", None, None, None),
        ),
        (
            "Kurzanalyse: Barclays sieht Aurubis jetzt bei 71 Euro",
            ("Barclays", "Aurubis", "none", None, "set", 71, None, "EUR"),
        ),
    ],
)
def test_a_rubric_tells_the_move_the_clause_leaves_unsaid(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Quirin Privatbank nimmt Steico mit 'Kaufen' auf",
            ("Quirin Privatbank", "Steico", "init", "Kaufen", "none", None, None, None),
        ),
        (
            "Oddo BHF senkt Ziel für Gerresheimer auf 70 Euro und bleibt bei 'Outperform'",
            ("Oddo BHF", "Gerresheimer", "main", "Outperform", "lower", 70, None, "EUR"),
        ),
    ],
)
def test_coverage_taken_up_and_a_rating_that_stays(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline) == [expected]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Kursziel-Senkung: Barclays sieht für Aurubis nur noch 71 Euro",
            ("Barclays", "Aurubis", "none", None, "lower", 71, None, "EUR"),
        ),
        (
            "Kurzanalyse: Barclays sieht für Aurubis 71 (80) Euro",
            ("Barclays", "Aurubis", "none", None, "lower", 71, 80, "EUR"),
        ),
        (
            "Commerzbank-Analyst hebt Symrise auf 'Buy'",
            ("Commerzbank", "Symrise", "up", "Buy", "none", None, None, None),
        ),
    ],
)
def test_a_target_seen_for_a_company_and_a_broker_named_by_its_analyst(
    headline: str, expected: tuple[Any, ...]
) -> None:
    assert actions(headline) == [expected]


def test_prior_figure_after_the_target_noun_is_no_company() -> None:
    assert actions("Puma: Citigroup hebt Kursziel von 25 auf 30 Euro") == [
        ("Citigroup", "Puma", "none", None, "raise", 30, 25, "EUR")
    ]
