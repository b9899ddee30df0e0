"""German analyst headlines as papers and portals other than the dpa-AFX wire write them:
prior targets in parentheses, the target's move told after its figures, a kept rating told
after the target, a rubric or the company standing before a colon. Headlines written for
these tests."""

from __future__ import annotations

from typing import Any

import pytest

from rules.extract import extract


def actions(text: str) -> list[tuple[Any, ...]]:
    return [
        (
            e["broker"],
            e["company"],
            e["rating_action"],
            e["rating"],
            e["target_action"],
            e["target"],
            e["prior_target"],
            e["currency"],
        )
        for e in (event.to_dict() for event in extract(text, "de"))
        if e["type"] == "analyst"
    ]


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
