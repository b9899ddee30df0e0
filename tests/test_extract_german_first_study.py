"""German articles telling of a broker's first study of a stock in words ("In ihrer
Erststudie empfehlen die Analysten ..."): the rating given there starts coverage."""

from __future__ import annotations

from analyst_rows import analyst_rows

from rules.extract.clauses import with_named_broker


def test_rating_given_in_a_first_study_starts_coverage() -> None:
    text = (
        "Die Deutsche Bank äußert sich erstmals zu Hornbach. In ihrer Erststudie empfehlen die "
        'Analysten den Baumarktbetreiber mit "Buy" zum Kauf und sehen den fairen Wert bei '
        "120 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Deutsche Bank", "Hornbach", "init", "Buy", "init", 120, None, "EUR")
    ]


def test_a_recommendation_outside_a_first_study_starts_nothing() -> None:
    text = (
        "Die Deutsche Bank hat sich erneut zu Hornbach geäußert. In ihrer Studie empfehlen die "
        'Analysten den Baumarktbetreiber mit "Buy" zum Kauf und sehen den fairen Wert bei '
        "120 Euro."
    )
    assert all(row[2] != "init" for row in analyst_rows(text, "de"))


def test_the_analysts_after_the_verb_in_second_place_are_the_broker_before() -> None:
    sentence = "Im Nachgang der Zahlen stufen die Analysten die Aktie ab."
    assert with_named_broker(sentence, "Jefferies", "de") == (
        "Im Nachgang der Zahlen stufen Jefferies die Aktie ab."
    )
