"""Press-release openers: the wire's dateline before the first sentence, and the announcer
whose own product a customer takes ("X today announced that Y has chosen its platform").
Every text is written for these tests; the names are invented."""

from __future__ import annotations

import pytest

from rules.extract.datelines import dateline_end
from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str = "en") -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("DENVER--(BUSINESS WIRE)--Corvane Systems said", "Corvane Systems said"),
        ("OSLO and AUSTIN, Texas, May 2, 2026 /PRNewswire/ -- Halvik and", "Halvik and"),
        ("LONDON (Reuters) - Brightmere said", "Brightmere said"),
        ("Corvane and Business Wire Partners sign deal", "Corvane and Business Wire Partners"),
    ],
)
def test_dateline_end(text: str, rest: str) -> None:
    assert text[dateline_end(text) :].startswith(rest)


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "DENVER--(BUSINESS WIRE)--Corvane Systems, Inc. (NASDAQ: CRVN) today announced an "
            "expanded partnership with Halvik Logistics to automate cross-dock hubs.",
            {"Corvane Systems", "Halvik Logistics"},
        ),
        (
            "OSLO, Norway, and DALLAS, May 2, 2026 /PRNewswire/ -- Brightmere and Tellin Energy "
            "today announced a strategic collaboration on grid batteries.",
            {"Brightmere", "Tellin Energy"},
        ),
    ],
)
def test_dateline_places_are_no_parties(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Quorvia Software, Inc. (NASDAQ: QRV) today announced that Pellmar Foods has "
            "selected its Atlas platform to plan production at nine plants.",
            {"Quorvia Software", "Pellmar Foods"},
        ),
        (
            "Tessara today announced that Norwind Semiconductor will license its Corex "
            "interconnect for a new family of automotive chips.",
            {"Tessara", "Norwind Semiconductor"},
        ),
    ],
)
def test_announcer_of_its_own_product_is_the_party(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]
