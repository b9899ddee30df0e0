"""German article prose: an action told over two sentences whose second fronts its target noun
("Ein Kursziel nannte die Landesbank mit 80 Euro"), ratings kept or given by a participle or
verb around "mit" and a quoted label, coverage taken up again without a noun for it, a bank
whose shares are acted on, and the companies of a listed target change kept beside one
another."""

from __future__ import annotations

from analyst_rows import analyst_rows


def test_a_bank_whose_shares_are_named_is_the_company() -> None:
    text = (
        'Die Citigroup hat die Aktie der Deutschen Bank von "Neutral" auf "Buy" hochgestuft. Das '
        "Kursziel erhöhte sie von 18 auf 24 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Citigroup", "Deutsche Bank", "up", "Buy", "raise", 24, 18, "EUR")
    ]


def test_taiwan_dollar() -> None:
    text = (
        'Jefferies hat die Aktie von TSMC mit "Buy" und einem Kursziel von 1.250 Taiwan-Dollar '
        "bestätigt."
    )
    assert [row[-3:] for row in analyst_rows(text, "de")] == [(1250, None, "TWD")]


def test_baader_named_short() -> None:
    text = 'Die Papiere von Jenoptik legten zu. Baader hob sie von "Reduce" auf "Add" an.'
    assert [row[:4] for row in analyst_rows(text, "de")] == [("Baader", "Jenoptik", "up", "Add")]


def test_listed_companies_each_keep_their_figure() -> None:
    text = (
        "Die Analysten von Jefferies haben ihre Kursziele für RWE und Eon gesenkt, auf 38 "
        "beziehungsweise 13 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "RWE", "none", None, "lower", 38, None, "EUR"),
        ("Jefferies", "Eon", "none", None, "lower", 13, None, "EUR"),
    ]

