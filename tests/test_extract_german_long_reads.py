"""German long-form articles and market reports: the house behind a title's colon, a view seen
"bei" a company, a rating noun moved in a title, labels told new one first, a recommendation
renewed, reported speech, and the analyst's own name. Texts written for these tests."""

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


def test_labels_told_new_one_first_give_the_way() -> None:
    text = (
        'Die Commerzbank hat Dürr auf "Hold" von "Buy" zurückgenommen. Das Kursziel sinkt auf 24'
        " (30) Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Commerzbank", "Dürr", "down", "Hold", "lower", 24, 30, "EUR")
    ]


def test_renewed_recommendation_is_kept() -> None:
    text = "Die Baader Bank hat ihre Kaufempfehlung für Krones erneuert."
    assert analyst_rows(text, "de") == [
        ("Baader Bank", "Krones", "main", None, "none", None, None, None)
    ]


def test_reported_speech_keeps_the_rating() -> None:
    text = (
        "Adidas: Barclays sieht weiteres Potenzial\nDie Aktie sei nicht zu teuer, schrieb"
        " Barclays-Analyst Max Muster. Er habe das Kursziel von 240 auf 260 Euro angehoben und"
        ' bleibe bei "Overweight".'
    )
    assert analyst_rows(text, "de") == [
        ("Barclays", "Adidas", "main", "Overweight", "raise", 260, 240, "EUR")
    ]


def test_analyst_surname_is_no_house() -> None:
    text = (
        "Nagarro: Warburg Research senkt Ziel\nWarburg Research hat das Kursziel für Nagarro von"
        ' 90 auf 80 Euro gesenkt. Die Einstufung "Buy" beließ Analyst Felix Wunderlich'
        " unverändert."
    )
    assert analyst_rows(text, "de") == [
        ("Warburg Research", "Nagarro", "main", "Buy", "lower", 80, 90, "EUR")
    ]


def test_house_glued_to_its_analyst_after_fuer_acts() -> None:
    text = (
        "Rheinmetall: Kein Ende in Sicht\nDie Aktie hat sich verdoppelt. Für Jefferies-Analystin"
        " Anna Muster ist das Potenzial nicht ausgeschöpft. Sie hob das Kursziel auf 2.200 Euro"
        " an."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Rheinmetall", "none", None, "raise", 2200, None, "EUR")
    ]


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


def test_house_of_two_words_glued_to_its_analyst() -> None:
    text = (
        "Sixt: Zwei Stimmen\nDie Aktie von Sixt legte zu. Auch Deutsche-Bank-Analystin Anna"
        " Muster ist zuversichtlich: Sie hob das Ziel von 90 auf 105 Euro an."
    )
    assert analyst_rows(text, "de") == [
        ("Deutsche Bank", "Sixt", "none", None, "raise", 105, 90, "EUR")
    ]
