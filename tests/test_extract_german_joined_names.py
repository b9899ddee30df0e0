"""A company whose name holds "und" ("Mensch und Maschine") read whole in a German headline,
where the grammar would read "und" as ending the company's slot. Headlines written for these
tests."""

from __future__ import annotations

from tests.analyst_rows import analyst_rows


def test_name_with_und_before_the_target() -> None:
    assert analyst_rows(
        "Baader Bank hebt Ziel für Mensch und Maschine auf 72 Euro - 'Add'", "de"
    ) == [("Baader Bank", "Mensch und Maschine", "none", "Add", "raise", 72, None, "EUR")]


def test_name_with_und_in_a_list_of_companies() -> None:
    rows = analyst_rows(
        "Warburg hebt Ziele für Nemetschek und Mensch und Maschine auf 120 bzw. 70 Euro", "de"
    )
    assert [row[1] for row in rows] == ["Nemetschek", "Mensch und Maschine"]
