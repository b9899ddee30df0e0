"""German prose told in the present, as teasers and newsletters tell a study ("Baader erhöht
das Kursziel für Sixt auf 105 Euro."). Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize(
    ("text", "target_action"),
    [
        ("Nach starken Zahlen: Baader erhöht Kursziel für Sixt auf 105 Euro", "raise"),
        ("Die Analysten der Baader Bank heben ihr Kursziel für Sixt auf 105 Euro.", "raise"),
        ("Die UBS senkt das Kursziel für BASF auf 40 Euro.", "lower"),
        ("Die Analysten der UBS kappen ihr Kursziel für BASF auf 40 Euro.", "lower"),
    ],
)
def test_present_tense_verb_moves_the_target(text: str, target_action: str) -> None:
    [row] = analyst_rows(text, "de")
    assert row[4] == target_action
