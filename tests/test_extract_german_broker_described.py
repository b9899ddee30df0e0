"""A German headline or sentence opening with what the broker is before its name ("Die
Investmentbank Jefferies senkt ..."): the broker is the name. Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize(
    ("text", "broker"),
    [
        ("Die Investmentbank Jefferies senkt Ziel für Porsche auf 55 Euro", "Jefferies"),
        ("Die Schweizer Großbank UBS hebt Ziel für Nestle auf 100 Franken", "UBS"),
        # a name that only looks like a description stays whole
        (
            "Die Landesbank Baden-Württemberg hebt Ziel für Porsche auf 60 Euro",
            "Landesbank Baden-Württemberg",
        ),
    ],
)
def test_description_before_the_broker(text: str, broker: str) -> None:
    assert [row[0] for row in analyst_rows(text, "de")] == [broker]
