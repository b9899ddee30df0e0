"""A German paragraph naming no broker goes on with the action an earlier paragraph told of,
where the title names none ("... eine Abstufung durch die Bank X." then, after a blank line,
"Die Analysten senkten ihr Votum ..."). Text written for this test."""

from __future__ import annotations

from tests.analyst_rows import analyst_rows


def test_paragraph_goes_on_with_the_broker_of_the_one_before() -> None:
    text = (
        "Maschinenbauer im Minus\n"
        "Die Aktie von Kion fiel am Mittwoch um vier Prozent. Händler nannten eine Abstufung "
        "durch die Schweizer Bank UBS als Grund.\n\n"
        'Die Analysten senkten ihr Votum für den Gabelstaplerhersteller von "Buy" auf '
        '"Neutral". Das Kursziel reduzierten sie von 48 auf 39 Euro.'
    )
    assert analyst_rows(text, "de") == [("UBS", "Kion", "down", "Neutral", "lower", 39, 48, "EUR")]


def test_paragraph_naming_its_own_broker_stays_its_own() -> None:
    text = (
        "Maschinenbauer im Minus\n"
        "Die Aktie von Kion fiel am Mittwoch um vier Prozent. Händler nannten eine Abstufung "
        "durch die Schweizer Bank UBS als Grund.\n\n"
        "Die DZ Bank dagegen hob das Kursziel für Jungheinrich von 40 auf 44 Euro an."
    )
    rows = analyst_rows(text, "de")
    assert ("DZ Bank", "Jungheinrich", "none", None, "raise", 44, 40, "EUR") in rows
    assert all(row[0] != "UBS" or row[1] == "Kion" for row in rows)


def test_broker_after_nach_acted_before_the_one_told_of() -> None:
    text = (
        "Nach Goldman hat nun auch die UBS die Aktie von Continental hochgestuft – von "
        '"Neutral" auf "Buy". Das Kursziel hoben die Analysten von 70 auf 82 Euro an.'
    )
    assert analyst_rows(text, "de") == [("UBS", "Continental", "up", "Buy", "raise", 82, 70, "EUR")]


def test_broker_after_nach_is_not_the_company() -> None:
    text = (
        "Bei Zalando mehren sich die Optimisten. Nach Barclays hat nun auch die UBS ihr "
        "Kursziel für den Online-Händler erhöht – von 30 auf 36 Euro."
    )
    assert analyst_rows(text, "de") == [("UBS", "Zalando", "none", None, "raise", 36, 30, "EUR")]
