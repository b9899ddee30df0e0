"""A German prior target told in a sentence of its own, after the one that moves the target.
Texts written for these tests."""

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
            "Die Privatbank Berenberg hat ihr Kursziel für Gerresheimer auf 95 Euro gesenkt. "
            "Bislang hatten die Analysten den fairen Wert bei 110 Euro gesehen.",
            ("Berenberg", "Gerresheimer", "none", None, "lower", 95, 110, "EUR"),
        ),
        (
            "Jefferies hebt Kursziel für Hensoldt auf 60 Euro\n"
            "Die Analysten sehen weiteres Potenzial. Zuvor hatten sie ein Kursziel von 52 Euro "
            "ausgegeben.",
            ("Jefferies", "Hensoldt", "none", None, "raise", 60, 52, "EUR"),
        ),
    ],
)
def test_prior_told_in_a_sentence_of_its_own(text: str, expected: tuple[Any, ...]) -> None:
    assert actions(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # another house's target before, not this one's
        "Die DZ Bank hat das Kursziel für Brenntag auf 70 Euro angehoben. Zuvor hatte bereits "
        "Barclays ihr Kursziel auf 68 Euro erhöht.",
        # an amount that would not fit the move
        "Die Privatbank Berenberg hat ihr Kursziel für Gerresheimer auf 95 Euro gesenkt. "
        "Bislang hatten die Analysten den fairen Wert bei 90 Euro gesehen.",
    ],
)
def test_no_prior_from_a_sentence_that_does_not_tell_one(text: str) -> None:
    assert all(row[6] is None for row in actions(text))


def test_prior_told_by_the_pronoun_for_the_target() -> None:
    text = (
        "Baader Bank hat das Kursziel für Zalando auf 35 Euro angehoben. Bislang lag es bei "
        "32 Euro."
    )
    assert actions(text) == [("Baader Bank", "Zalando", "none", None, "raise", 35, 32, "EUR")]


def test_no_prior_from_the_share_price_before() -> None:
    text = (
        "Baader Bank hat das Kursziel für Zalando auf 35 Euro angehoben. Bislang lag die Aktie "
        "bei 32 Euro."
    )
    assert actions(text) == [("Baader Bank", "Zalando", "none", None, "raise", 35, None, "EUR")]
