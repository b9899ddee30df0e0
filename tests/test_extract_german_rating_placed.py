"""German articles telling a rating move as the stock placed at a label ("stufen ... mit "X"
ein") with the label before it in another clause: the ranks of the two labels give the way."""

from __future__ import annotations

from analyst_rows import analyst_rows


def test_placed_higher_than_the_label_before_is_an_upgrade() -> None:
    text = (
        "Die Experten von Jefferies haben sich die Aktie von Evotec erneut angesehen. Die "
        'Analysten stufen das Papier jetzt mit "Buy" ein, nachdem sie bislang "Hold" '
        "empfohlen hatten. "
        "Das Kursziel liegt bei 12 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Evotec", "up", "Buy", "set", 12, None, "EUR")
    ]


def test_placed_lower_with_the_earlier_label_after_it_is_a_downgrade() -> None:
    text = (
        "Für Hornbach wird es ungemütlicher. Die Analysten der Baader Bank stufen den "
        'Baumarktbetreiber nur noch mit "Reduce" ein, vorher lautete ihr Votum "Add".'
    )
    assert analyst_rows(text, "de") == [
        ("Baader Bank", "Hornbach", "down", "Reduce", "none", None, None, None)
    ]


def test_placed_without_an_earlier_label_moves_nothing() -> None:
    text = (
        'Die Analysten der Baader Bank stufen Hornbach mit "Add" ein. Das Ziel liegt bei 90 Euro.'
    )
    assert all(row[2] != "up" and row[2] != "down" for row in analyst_rows(text, "de"))
