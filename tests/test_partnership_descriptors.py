"""Unknown partners named after what they are: "mit der spanischen Fluggesellschaft X",
"Mit dem Softwarehaus X", "the Danish carrier X". Every text is written for these tests; the
names are invented."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Die Ferienfluglinie Solvaro kooperiert künftig mit der portugiesischen "
            "Fluggesellschaft Tavira bei Anschlussflügen.",
            {"Solvaro", "Tavira"},
        ),
        (
            "Mit dem Softwarehaus Quintaro hat der Baukonzern Helmbrecht eine Partnerschaft zur "
            "Planung von Brücken vereinbart.",
            {"Helmbrecht", "Quintaro"},
        ),
        (
            "Der Stahlhändler Korvin arbeitet beim Transport über die Ostsee mit der Reederei "
            "Nordhavn zusammen.",
            {"Korvin", "Nordhavn"},
        ),
    ],
)
def test_german_partner_after_its_kind(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Der Versicherer Halvora nutzt für die Schadenprüfung künftig die KI-Modelle von "
            "Quintaro.",
            {"Halvora", "Quintaro"},
        ),
        (
            "Seit diesem Jahr nutzt Puma für die Produktsuche ein Sprachmodell von Tellin.",
            {"Puma", "Tellin"},
        ),
    ],
)
def test_german_use_of_a_thing_named_by_its_maker(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Der Händler Korvin nutzt die Ferienzeit von Juli bis August für Umbauten.",
        "Viele Anleger nutzen die Schwäche der Aktie von Siemens zum Einstieg.",
    ],
)
def test_german_use_of_no_maker_is_none(text: str) -> None:
    assert _parties(text, "de") == []
