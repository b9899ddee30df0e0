"""German ratings told in a sentence of their own or in the wires' other orders: the way a
rating moved told only by the ranks of its two labels ("Die Einstufung wurde von 'Outperform'
auf 'Neutral' zurückgenommen"), the new label told before the old ("auf 'Neutral' von 'Sell'"),
the verdict as "Urteil". Texts written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analyst_rows import analyst_rows


def actions(text: str) -> list[tuple[Any, ...]]:
    return analyst_rows(text, "de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Analysten von Jefferies haben ihr Kursziel für Puma von 30 auf 24 Euro gesenkt. "
            'Die Einstufung wurde von "Buy" auf "Hold" zurückgenommen.',
            ("Jefferies", "Puma", "down", "Hold", "lower", 24, 30, "EUR"),
        ),
        (
            "Die Analysten von Bernstein haben ihr Kursziel für Zalando von 30 auf 36 Euro "
            'angehoben. Das Votum wurde von "Market-Perform" auf "Outperform" geändert.',
            ("Bernstein", "Zalando", "up", "Outperform", "raise", 36, 30, "EUR"),
        ),
    ],
)
def test_rating_moved_told_by_the_ranks_of_its_labels(text: str, expected: tuple[Any, ...]) -> None:
    assert actions(text) == [expected]


def test_new_label_told_before_the_old() -> None:
    text = (
        "Frankfurt (Reuters) - Die britische Bank Barclays hat die Aktie von Kion auf "
        '"Overweight" von "Equal Weight" hochgestuft.'
    )
    assert actions(text) == [("Barclays", "Kion", "up", "Overweight", "none", None, None, None)]


def test_verdict_kept_in_a_sentence_of_its_own() -> None:
    text = (
        "Die Experten der DZ Bank haben ihr Kursziel für Fraport von 60 auf 55 Euro gesenkt. "
        'Ihr Urteil lautet weiterhin "Halten".'
    )
    assert actions(text) == [("DZ Bank", "Fraport", "main", "Halten", "lower", 55, 60, "EUR")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Die DZ Bank bleibt für Fraport bei "Halten", Metzler bei "Sell".',
            [
                ("DZ Bank", "Fraport", "main", "Halten", "none", None, None, None),
                ("Metzler", "Fraport", "main", "Sell", "none", None, None, None),
            ],
        ),
        (
            'Die DZ Bank stufte Fraport auf "Kaufen" hoch, Warburg Research auf "Buy".',
            [
                ("DZ Bank", "Fraport", "up", "Kaufen", "none", None, None, None),
                ("Warburg Research", "Fraport", "up", "Buy", "none", None, None, None),
            ],
        ),
    ],
)
def test_rating_verb_left_out_of_the_second_clause(
    text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert actions(text) == expected


def test_rating_kept_by_a_plural_present_verb() -> None:
    text = (
        "Die Analysten von Warburg Research sehen den fairen Wert von Cewe bei 150 Euro "
        '(bisher 140 Euro) und bestätigen ihre Einstufung "Buy".'
    )
    assert actions(text) == [("Warburg Research", "Cewe", "main", "Buy", "raise", 150, 140, "EUR")]


def test_recommendation_in_words_with_the_verb_last() -> None:
    text = 'Die Baader Bank bewertet Krones mit "Reduce", während die DZ Bank zum Kauf rät.'
    assert actions(text) == [
        ("Baader Bank", "Krones", "none", "Reduce", "none", None, None, None),
        ("DZ Bank", "Krones", "none", "Kauf", "none", None, None, None),
    ]


def test_targets_dealt_to_the_brokers_of_the_sentence_before() -> None:
    text = (
        'Die Baader Bank bewertet Krones mit "Reduce", während die DZ Bank zum Kauf rät. Die '
        "Kursziele liegen bei 110 beziehungsweise 150 Euro."
    )
    assert actions(text) == [
        ("Baader Bank", "Krones", "none", "Reduce", "set", 110, None, "EUR"),
        ("DZ Bank", "Krones", "none", "Kauf", "set", 150, None, "EUR"),
    ]
