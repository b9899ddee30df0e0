"""German texts from papers, portals and newsletters that write a rating without quotes
("hebt Siemens auf Kaufen"), a house that writes its name lower-case opening a headline
("mwb research hebt ..."). Texts written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from rules.extract.bare_ratings_de import with_bare_ratings_quoted
from tests.analyst_rows import analyst_rows


def actions(text: str) -> list[tuple[Any, ...]]:
    return analyst_rows(text, "de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Metzler hebt Gerresheimer auf Kaufen",
            ("Metzler", "Gerresheimer", "up", "Kaufen", "none", None, None, None),
        ),
        (
            "Baader Bank senkt Sixt auf Reduce – Kursziel 70 Euro",
            ("Baader Bank", "Sixt", "down", "Reduce", "set", 70, None, "EUR"),
        ),
        (
            "Die Privatbank Berenberg hat Fielmann von Halten auf Kaufen hochgestuft. "
            "Das Kursziel steigt von 44 auf 52 Euro.",
            ("Berenberg", "Fielmann", "up", "Kaufen", "raise", 52, 44, "EUR"),
        ),
    ],
)
def test_unquoted_rating_label(text: str, expected: tuple[Any, ...]) -> None:
    assert actions(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Goldman Sachs hat das Kursziel für Brenntag auf 75 Euro erhöht. Die Einstufung "
            "bleibt Buy.",
            ("Goldman Sachs", "Brenntag", "main", "Buy", "raise", 75, None, "EUR"),
        ),
        (
            "Die Analysten von Metzler haben ihr Kursziel für Fuchs auf 48 Euro angehoben, das "
            "Votum lautet unverändert Halten.",
            ("Metzler", "Fuchs", "main", "Halten", "raise", 48, None, "EUR"),
        ),
        (
            "Die Commerzbank hat ihr Kursziel für Siemens Healthineers von 60 auf 55 Euro "
            "gesenkt. Das Votum lautet weiter Halten.",
            ("Commerzbank", "Siemens Healthineers", "main", "Halten", "lower", 55, 60, "EUR"),
        ),
        (
            "Die Analysten von Jefferies stufen Aurubis nun mit Buy ein, nach zuvor Hold.",
            ("Jefferies", "Aurubis", "up", "Buy", "none", None, None, None),
        ),
    ],
)
def test_unquoted_label_kept_stated_or_before(text: str, expected: tuple[Any, ...]) -> None:
    assert actions(text) == [expected]


def test_lower_case_house_opens_the_headline() -> None:
    assert actions("mwb research senkt Nagarro auf Halten") == [
        ("mwb research", "Nagarro", "down", "Halten", "none", None, None, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a label that goes on into a longer word is no rating
        "Der Fonds setzt auf Buy-and-Hold-Strategien",
        # a label already quoted stays as it is
        'DZ Bank hebt Krones auf "Kaufen"',
        # the word alone, with nothing that leads to a rating before it
        "Halten oder verkaufen? Was Anleger jetzt tun sollten",
    ],
)
def test_text_without_a_bare_label_is_unchanged(text: str) -> None:
    assert with_bare_ratings_quoted(text) == text


def test_bare_label_is_quoted() -> None:
    assert with_bare_ratings_quoted("stuft Nordex von Halten auf Kaufen hoch") == (
        'stuft Nordex von "Halten" auf "Kaufen" hoch'
    )


def test_unquoted_label_confirmed() -> None:
    assert actions("Sixt: Warburg Research bestätigt Halten") == [
        ("Warburg Research", "Sixt", "main", "Halten", "none", None, None, None)
    ]


def test_unquoted_label_after_a_noun_and_colon() -> None:
    assert actions("Metzler senkt Kursziel für Aurubis auf 78 Euro – Empfehlung: Halten") == [
        ("Metzler", "Aurubis", "none", "Halten", "lower", 78, None, "EUR")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies bestätigt Buy-Rating für Rheinmetall – Kursziel 2.200 Euro",
            ("Jefferies", "Rheinmetall", "main", "Buy", "set", 2200, None, "EUR"),
        ),
        (
            "Die Analysten von Barclays haben das Kursziel für Fraport auf 60 Euro gesenkt und "
            "ihr Underweight-Votum bestätigt.",
            ("Barclays", "Fraport", "main", "Underweight", "lower", 60, None, "EUR"),
        ),
    ],
)
def test_label_joined_to_its_noun(text: str, expected: tuple[Any, ...]) -> None:
    assert actions(text) == [expected]
