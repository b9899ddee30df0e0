"""English analyst actions: a broker owned by a place in a possessive, an action in a dated
pluperfect clause (background, no action of today), a one-liner's bare rating kept at a
broker, and a rating word that is no company. Every text here is written for this test."""

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
    ],
)
def test_fresh23_forms(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert rows(text) == sorted(expected)
