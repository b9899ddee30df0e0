"""German headlines told with "sieht" and a figure, headlines closing on a quoted English label,
and an earlier action told in the pluperfect with "bereits". Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Brenntag-Aktie: Jefferies sieht 64 Euro",
            [("Jefferies", "Brenntag", "none", None, "set", 64, None, "EUR")],
        ),
        (
            "Bernstein sieht für Puma 22 Euro",
            [("Bernstein", "Puma", "none", None, "set", 22, None, "EUR")],
        ),
        (
            "Citigroup: Schwaches Quartal bei Zalando – 'Neutral'",
            [("Citigroup", "Zalando", "none", "Neutral", "none", None, None, None)],
        ),
    ],
)
def test_headline_read(text: str, expected: list[tuple[object, ...]]) -> None:
    assert analyst_rows(text, "de") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Der Vorstand sieht für 2026 ein Wachstum von 5 Prozent. Das Ziel sei ehrgeizig.",
        "Der Chef sieht für Siemens weitere Chancen. Das Ziel sei ehrgeizig.",
    ],
)
def test_a_view_without_figure_needs_a_known_house(text: str) -> None:
    assert analyst_rows(text, "de") == []


def test_earlier_upgrade_told_with_bereits_is_not_todays() -> None:
    text = (
        "Die UBS hat das Kursziel für Symrise von 100 auf 110 Euro angehoben. Zuvor hatten die"
        ' Analysten die Aktie bereits auf "Buy" hochgestuft.'
    )
    assert analyst_rows(text, "de") == [("UBS", "Symrise", "none", None, "raise", 110, 100, "EUR")]
