"""German headlines over a teaser: the headline names broker and company, the teaser goes on
with the figures, naming the broker by a noun or not at all. Texts written for these tests."""

from __future__ import annotations

import pytest

from rules.events import Consensus
from rules.extract import extract
from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize(
    ("text", "row"),
    [
        # a bank as the headline's subject, another house acting on it
        (
            'Commerzbank: Jefferies hebt auf "Buy"\nDas Kursziel steigt von 14 auf 18 Euro.',
            ("Jefferies", "Commerzbank", "up", "Buy", "raise", 18, 14, "EUR"),
        ),
        # an opening particle before the noun that goes on with the headline's action
        (
            'Fuchs: Warburg Research senkt auf "Hold"\nAuch das Kursziel wurde von 44 auf 40 Euro'
            " gesenkt.",
            ("Warburg Research", "Fuchs", "down", "Hold", "lower", 40, 44, "EUR"),
        ),
        # the figures alone after a target verb, the noun left out
        (
            "Sixt: Berenberg erhöht auf 105 Euro",
            ("Berenberg", "Sixt", "none", None, "raise", 105, None, "EUR"),
        ),
        (
            "Fielmann: Metzler senkt von 52 auf 47 Euro",
            ("Metzler", "Fielmann", "none", None, "lower", 47, 52, "EUR"),
        ),
        # coverage started after the topic, the company left out
        (
            'Stroeer: Kepler Cheuvreux startet mit "Buy" - Ziel 70 Euro',
            ("Kepler Cheuvreux", "Stroeer", "init", "Buy", "init", 70, None, "EUR"),
        ),
        # a rating kept: "bleibt bei <company> auf", and after a broker's colon
        (
            'JPMorgan bleibt bei Bilfinger auf "Overweight"',
            ("JPMorgan", "Bilfinger", "main", "Overweight", "none", None, None, None),
        ),
        (
            'Barclays: Henkel bleibt "Equal Weight"\nDie Analysten belassen ihr Kursziel bei 80'
            " Euro.",
            ("Barclays", "Henkel", "main", "Equal Weight", "set", 80, None, "EUR"),
        ),
        # the rubric "Analyst:" is not the document's subject
        (
            "Analyst: Bei Salzgitter wird es eng\nDie Baader Bank stuft den Stahlhersteller auf"
            ' "Sell" ab.',
            ("Baader Bank", "Salzgitter", "down", "Sell", "none", None, None, None),
        ),
        # a target told of the broker after the topic
        (
            "Netflix: Kursziel von Goldman sinkt auf 900 Dollar",
            ("Goldman", "Netflix", "none", None, "lower", 900, None, "USD"),
        ),
        # a broker's mood is commentary on the topic's stock
        (
            "Ferrari: UBS wird vorsichtiger",
            ("UBS", "Ferrari", "none", None, "none", None, None, None),
        ),
        (
            "Brenntag: Analysten von Jefferies werden mutiger",
            ("Jefferies", "Brenntag", "none", None, "none", None, None, None),
        ),
        # the target noun after a preposition opening the sentence
        (
            "Vonovia: Barclays bleibt zuversichtlich\nMit einem Kursziel von 36 Euro sehen die"
            " Analysten gut 20 Prozent Luft.",
            ("Barclays", "Vonovia", "none", None, "set", 36, None, "EUR"),
        ),
        # the broker by where it is from, before a noun for what it is
        (
            "Nemetschek: Kursziel-Senkung bei Warburg\nDie Hamburger Privatbank reduziert ihr Ziel"
            " von 120 auf 105 Euro.",
            ("Warburg", "Nemetschek", "none", None, "lower", 105, 120, "EUR"),
        ),
        # the rating stated "now", after the headline's downgrade
        (
            'Goldman stuft Brenntag ab\nDas Votum lautet nun "Sell" statt "Neutral".',
            ("Goldman", "Brenntag", "down", "Sell", "none", None, None, None),
        ),
        # the verb closing the rating's clause is not the target's
        (
            'Die Citigroup hat die Aktie von Hannover Rück auf "Neutral" gesenkt, das Kursziel'
            " liegt bei 290 Euro.",
            ("Citigroup", "Hannover Rück", "down", "Neutral", "set", 290, None, "EUR"),
        ),
        # a body opening on the title's broker by a noun, naming it later by name
        (
            "Puma: Analysten von Bernstein werden mutiger\nDas Analysehaus stuft die Aktie auf"
            ' "Outperform" hoch. Das Kursziel setzt Bernstein von 20 auf 28 Euro herauf.',
            ("Bernstein", "Puma", "up", "Outperform", "raise", 28, 20, "EUR"),
        ),
        # coverage started with a recommendation in words, the label in the teaser
        (
            "Springer Nature: Berenberg startet mit Kaufempfehlung\nDie Analysten sehen das"
            ' Kursziel bei 30 Euro. Die Einstufung lautet "Buy".',
            ("Berenberg", "Springer Nature", "init", "Buy", "init", 30, None, "EUR"),
        ),
        # a colloquial verb for a raise
        (
            "Hornbach: Warburg hievt Kursziel auf 120 Euro",
            ("Warburg", "Hornbach", "none", None, "raise", 120, None, "EUR"),
        ),
        # the verb last in a subordinate clause
        (
            'Während die DZ Bank das Kursziel für Gea auf 60 Euro anhebt, bleibt sie bei "Halten".',
            ("DZ Bank", "Gea", "main", "Halten", "raise", 60, None, "EUR"),
        ),
    ],
)
def test_headline_and_teaser_read_as_one_action(text: str, row: tuple[object, ...]) -> None:
    assert analyst_rows(text, "de") == [row]


def test_broker_named_by_a_noun_after_the_headline_is_the_headline_broker() -> None:
    text = (
        "Versorger gefragt: Morgan Stanley setzt auf EnBW\n"
        'Die US-Bank hebt EnBW auf "Overweight" und das Kursziel auf 80 Euro.'
    )
    assert [row[:2] for row in analyst_rows(text, "de")] == [("Morgan Stanley", "EnBW")]


def test_mood_of_a_name_no_table_knows_is_no_analyst_action() -> None:
    assert analyst_rows("Commerzbank: Orcel wird optimistischer", "de") == []


def test_figure_after_the_company_is_no_part_of_its_name() -> None:
    text = "Goldman sieht bei Kion 30 Prozent Luft nach oben"
    assert [row[:2] for row in analyst_rows(text, "de")] == [("Goldman", "Kion")]


def test_title_spelling_of_a_house_folds_into_the_body_spelling() -> None:
    text = (
        "Zalando: Citi wird vorsichtiger\n"
        'Die US-Bank Citigroup hat Zalando von "Buy" auf "Neutral" abgestuft.'
    )
    rows = analyst_rows(text, "de")
    assert [row[:4] for row in rows] == [("Citigroup", "Zalando", "down", "Neutral")]


def test_listed_bank_as_a_headline_topic_is_no_broker_without_a_word_of_analysis() -> None:
    text = "Deutsche Bank: Vorstand bestätigt Sparkurs - Allianz verkauft Anteile"
    assert analyst_rows(text, "de") == []


def test_a_title_opening_with_a_question_names_its_subject_after_it() -> None:
    text = (
        "Einsteigen oder abwarten? Was Analysten von der Symrise-Aktie halten\n"
        "Von 20 Analysten raten 9 zum Kauf, 10 zum Halten und einer zum Verkauf."
    )
    consensus = [event for event in extract(text, "de") if isinstance(event, Consensus)]
    assert [(event.company, event.buy, event.hold, event.sell) for event in consensus] == [
        ("Symrise", 9, 10, 1)
    ]


def test_next_line_first_word_is_no_part_of_the_company_name() -> None:
    text = (
        "Jefferies senkt Kursziel für Südzucker\nDeutlich weniger sehen die Experten: der faire"
        " Wert liegt nun bei 11 Euro."
    )
    assert {row[1] for row in analyst_rows(text, "de")} == {"Südzucker"}
