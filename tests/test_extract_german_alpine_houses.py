"""Austrian and Swiss research houses in German articles act as brokers, and a word for the
analyst herself ("Analystin") in a headline is no broker. Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize(
    ("text", "broker", "company"),
    [
        (
            'Die Erste Group hat die Aktie des Stahlkonzerns voestalpine von "Buy" auf "Hold"'
            " abgestuft.",
            "Erste Group",
            "voestalpine",
        ),
        (
            "Die Analysten der RCB haben das Kursziel für Porr von 20 auf 24 Euro angehoben.",
            "RCB",
            "Porr",
        ),
        (
            'Research Partners hat Georg Fischer von "Halten" auf "Kaufen" hochgestuft.',
            "Research Partners",
            "Georg Fischer",
        ),
    ],
)
def test_alpine_house_is_the_broker(text: str, broker: str, company: str) -> None:
    assert [row[:2] for row in analyst_rows(text, "de")] == [(broker, company)]


def test_analyst_word_in_headline_is_no_broker() -> None:
    text = (
        'Wacker Chemie: Analystin bleibt bei "Halten"\n'
        "Analystin Eva Gruber von der DZ Bank hat das Kursziel für Wacker Chemie von 70 auf"
        ' 75 Euro angehoben. Die Einstufung bleibt bei "Halten".'
    )
    assert {row[0] for row in analyst_rows(text, "de")} == {"DZ Bank"}


def test_longer_house_name_holding_a_shorter_one_stays_whole() -> None:
    text = "Seaport Research Partners initiated coverage of Rivian with a neutral rating."
    assert {row[0] for row in analyst_rows(text, "en")} == {"Seaport Research Partners"}
