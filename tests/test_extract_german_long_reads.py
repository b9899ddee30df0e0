"""German long-form articles: the house behind a title's colon, a view seen "bei" a company, a
rating noun moved in a title, and a house named short in the title and spelled out in the body.
Texts written for these tests."""

from __future__ import annotations

import pytest

from rules.events import AnalystAction
from rules.extract.merge import merge_analyst_events
from rules.extract.subject import document_subject
from tests.analyst_rows import analyst_rows


def test_house_before_title_colon_speaks_of_the_company_after_it() -> None:
    text = (
        "Morgan Stanley: Siemens bleibt erste Wahl\n"
        "Morgan Stanley bleibt für Siemens zuversichtlich. Die US-Bank bestätigte die Einstufung"
        ' "Overweight" mit einem Kursziel von 250 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Morgan Stanley", "Siemens", "main", "Overweight", "set", 250, None, "EUR")
    ]


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Morgan Stanley: Infineon bleibt erste Wahl", "Infineon"),
        # a bank alone before the colon is the title's subject
        ("Commerzbank: Citigroup hebt Ziel deutlich", "Commerzbank"),
    ],
)
def test_title_subject_beside_a_house(title: str, subject: str) -> None:
    assert document_subject(f"{title}\nText.", "de") == subject


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jefferies sieht bei Hugo Boss Luft nach oben",
            [("Jefferies", "Hugo Boss", "none", None, "none", None, None, None)],
        ),
        (
            "Kepler sieht bei Siemens Healthineers Potenzial nach oben\nKepler Cheuvreux hat die"
            " Aktie von"
            ' Siemens Healthineers von "Hold" auf "Buy" hochgestuft. Das Kursziel steigt von 52'
            " auf 63 Euro.",
            [("Kepler Cheuvreux", "Siemens Healthineers", "up", "Buy", "raise", 63, 52, "EUR")],
        ),
    ],
)
def test_view_seen_bei_a_known_company_ends_its_name(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert analyst_rows(text, "de") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bernstein senkt Votum für Continental",
            [("Bernstein", "Continental", "down", None, "none", None, None, None)],
        ),
        (
            "UBS hebt Einstufung für Nordex auf 'Buy' und Ziel auf 24 Euro",
            [("UBS", "Nordex", "up", "Buy", "raise", 24, None, "EUR")],
        ),
    ],
)
def test_title_moves_a_rating_noun(text: str, expected: list[tuple[object, ...]]) -> None:
    assert analyst_rows(text, "de") == expected


def test_short_name_spelled_out_in_the_body_is_one_house() -> None:
    text = (
        "ZKB senkt Einstufung für Geberit\nDie Zürcher Kantonalbank (ZKB) hat die Aktie von"
        ' Geberit von "Übergewichten" auf "Marktgewichten" zurückgestuft.'
    )
    assert analyst_rows(text, "de") == [
        ("Zürcher Kantonalbank", "Geberit", "down", "Marktgewichten", "none", None, None, None)
    ]


def test_merge_folds_a_short_name_the_text_spells_out() -> None:
    short = AnalystAction(broker="ZKB", company="Geberit", rating_action="down")
    full = AnalystAction(
        broker="Zürcher Kantonalbank", company="Geberit", rating_action="down", rating="Hold"
    )
    text = "ZKB senkt Einstufung für Geberit\nDie Zürcher Kantonalbank (ZKB) hat ..."
    merged = merge_analyst_events([short, full], text)
    assert [(e.broker, e.rating) for e in merged if isinstance(e, AnalystAction)] == [
        ("Zürcher Kantonalbank", "Hold")
    ]
