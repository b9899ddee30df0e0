"""German articles: the rating told in the next sentence with the share as its subject ("Die
Aktie wird weiterhin mit "Hold" bewertet"), and the new target before the old one with "zuvor"
between ("auf 92 von zuvor 98 Franken"). Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.analyst_rows import analyst_rows

_TARGET = "Die Analysten der DZ Bank haben das Kursziel für Krones von 120 auf 130 Euro angehoben. "


@pytest.mark.parametrize(
    ("follow_up", "rating_action"),
    [
        ('Die Aktie des Abfüllanlagenbauers wird weiterhin mit "Kaufen" bewertet.', "main"),
        ('Das Papier wird unverändert mit "Kaufen" eingestuft.', "main"),
    ],
)
def test_share_rated_in_the_next_sentence(follow_up: str, rating_action: str) -> None:
    assert analyst_rows(_TARGET + follow_up, "de") == [
        ("DZ Bank", "Krones", rating_action, "Kaufen", "raise", 130, 120, "EUR")
    ]


def test_share_price_in_the_next_sentence_adds_nothing() -> None:
    text = _TARGET + "Die Aktie notierte zuletzt bei 118 Euro."
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Krones", "none", None, "raise", 130, 120, "EUR")
    ]


def test_new_target_before_the_old_with_zuvor() -> None:
    text = "Vontobel hat das Kursziel für Geberit auf 560 von zuvor 590 Franken gesenkt."
    assert analyst_rows(text, "de") == [
        ("Vontobel", "Geberit", "none", None, "lower", 560, 590, "CHF")
    ]


def test_stated_target_with_the_one_before_told_apart_moved() -> None:
    text = (
        'Jefferies sieht für Nordex ein Kursziel von 25 Euro und stuft die Aktie mit "Buy" ein.'
        " Zuvor hatten die Analysten 21 Euro als Ziel ausgegeben."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Nordex", "none", "Buy", "raise", 25, 21, "EUR")
    ]


def test_the_consensus_is_no_broker() -> None:
    assert analyst_rows("CTS Eventim: Konsens sieht 110 Euro", "de") == []


def test_view_ends_at_its_sentence_before_a_quoted_label_after_it() -> None:
    text = (
        "Die US-Bank Citigroup sieht bei Symrise weiteres Potenzial. Das Kursziel werde von 110"
        ' auf 120 Euro angehoben, die Einstufung bleibe "Buy", schrieb Analyst Tom Brown.'
    )
    assert analyst_rows(text, "de") == [
        ("Citigroup", "Symrise", "main", "Buy", "raise", 120, 110, "EUR")
    ]
