"""German reports in which one broker goes on from one company to the next, its name left out
in the second sentence ("Für RWE bleibt es bei ..."), a share keeping its label, plural targets
dealt to two brokers, and coverage started by "neu mit" a rating. Every text here is written
for this test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def rows(text: str) -> list[tuple[Any, ...]]:
    return sorted(analyst_rows(text, "de"))


def test_pronoun_sentence_about_the_same_shares_stays_one_action() -> None:
    text = (
        "Die Citigroup hat das Kursziel für Henkel von 82 auf 78 Euro gesenkt. Zugleich "
        "bestätigte sie ihr Votum 'Sell' für die Aktie."
    )
    assert rows(text) == [("Citigroup", "Henkel", "main", "Sell", "lower", 78, 82, "EUR")]


def test_rating_staying_for_the_next_company_after_a_complete_action() -> None:
    text = (
        "Zalando und Hellofresh: Bernstein sortiert um\n"
        "Die Bank hebt Zalando auf 'Outperform' und das Kursziel auf 38 Euro. Für Hellofresh "
        "bleibt es bei 'Market-Perform' mit einem Ziel von 7 Euro."
    )
    assert rows(text) == [
        ("Bernstein", "Hellofresh", "main", "Market-Perform", "set", 7, None, "EUR"),
        ("Bernstein", "Zalando", "up", "Outperform", "raise", 38, None, "EUR"),
    ]


def test_impersonal_stay_needs_a_quoted_rating() -> None:
    text = (
        "Zalando und Hellofresh: Bernstein sortiert um\n"
        "Die Bank hebt Zalando auf 'Outperform' und das Kursziel auf 38 Euro. Für Hellofresh "
        "bleibt es bei der Prognose."
    )
    assert rows(text) == [("Bernstein", "Zalando", "up", "Outperform", "raise", 38, None, "EUR")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Warburg Research bewertet Nemetschek neu mit 'Hold' - Ziel 120 Euro",
            [("Warburg Research", "Nemetschek", "init", "Hold", "init", 120, None, "EUR")],
        ),
        (
            "Die Privatbank Metzler hat Brenntag neu mit 'Buy' bewertet.",
            [("Metzler", "Brenntag", "init", "Buy", "none", None, None, None)],
        ),
    ],
)
def test_rated_anew_with_a_label_starts_coverage(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert rows(text) == expected


def test_rated_anew_without_a_label_is_no_start() -> None:
    assert rows("Warburg Research bewertet Nemetschek neu") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Investmentbank Jefferies hat das Kursziel für Symrise auf 95 Euro gesenkt. "
            "Die Aktie bleibt auf 'Hold'.",
            [("Jefferies", "Symrise", "main", "Hold", "lower", 95, None, "EUR")],
        ),
        (
            "Die Investmentbank Jefferies hat das Kursziel für Symrise auf 95 Euro gesenkt. "
            "Das Papier bleibt weiterhin ein 'Buy'.",
            [("Jefferies", "Symrise", "main", "Buy", "lower", 95, None, "EUR")],
        ),
    ],
)
def test_share_keeping_a_quoted_label_goes_on_with_the_broker(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert rows(text) == expected


def test_share_staying_on_a_course_keeps_no_label() -> None:
    text = (
        "Die Investmentbank Jefferies hat das Kursziel für Symrise auf 95 Euro gesenkt. "
        "Die Aktie bleibt auf Erholungskurs."
    )
    assert rows(text) == [("Jefferies", "Symrise", "none", None, "lower", 95, None, "EUR")]


def test_clause_after_a_dash_opening_with_the_rating_noun_goes_on() -> None:
    text = (
        "Nemetschek: Baader Bank hebt Kursziel an\n"
        "Statt 110 nun 118 Euro - die Einstufung bleibt bei 'Add'."
    )
    assert rows(text) == [("Baader Bank", "Nemetschek", "main", "Add", "raise", 118, None, "EUR")]


def test_clause_after_a_dash_about_the_share_price_adds_nothing() -> None:
    text = "Nemetschek: Baader Bank hebt Kursziel an\nDie Zahlen waren stark - die Aktie stieg."
    assert rows(text) == [("Baader Bank", "Nemetschek", "none", None, "raise", None, None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Analysten von Bernstein und Warburg Research haben Sartorius neu bewertet. "
            "Ihre fairen Werte liegen bei 240 und 228 Euro.",
            [
                ("Bernstein", "Sartorius", "none", None, "set", 240, None, "EUR"),
                ("Warburg Research", "Sartorius", "none", None, "set", 228, None, "EUR"),
            ],
        ),
        (
            "Bernstein und Warburg Research haben die Ziele für Sartorius gesenkt. Ihre neuen "
            "Ziele liegen bei 240 und 228 Euro.",
            [
                ("Bernstein", "Sartorius", "none", None, "lower", 240, None, "EUR"),
                ("Warburg Research", "Sartorius", "none", None, "lower", 228, None, "EUR"),
            ],
        ),
    ],
)
def test_plural_targets_after_two_brokers_go_to_each_in_turn(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert rows(text) == expected


def test_plural_targets_after_one_broker_are_not_dealt() -> None:
    text = (
        "Bernstein hat die Ziele für Sartorius gesenkt. Ihre neuen Ziele liegen bei 240 und "
        "228 Euro."
    )
    assert all(row[0] == "Bernstein" for row in rows(text))
