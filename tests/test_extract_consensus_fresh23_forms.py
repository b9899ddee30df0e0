"""A consensus whose average target names the stock between "average" and "price target", a
split whose first side is counted in words and the next in digits, and a total in digits
beside a split in words. Every text is written for this test."""

from __future__ import annotations

from rules.events import Consensus
from rules.extract import extract


def _consensus(text: str) -> list[tuple[object, ...]]:
    return [
        (e.company, e.mean_target, e.buy, e.hold, e.sell, e.analysts, e.currency)
        for e in extract(text, "en")
        if isinstance(e, Consensus)
    ]


def test_the_stock_named_inside_the_average_target() -> None:
    found = _consensus(
        "Starbucks has a Moderate Buy consensus rating on TipRanks, based on 14 Buys and "
        "9 Holds. The average SBUX price target of $104.50 implies 12% upside."
    )
    assert found == [("Starbucks", 104.5, 14, 9, None, None, "USD")]


def test_a_split_opened_in_words_and_continued_in_digits() -> None:
    found = _consensus(
        "Kroger has a Hold consensus rating based on five Buys, 17 Holds and two Sells, "
        "according to TipRanks."
    )
    assert found == [("Kroger", None, 5, 17, 2, None, None)]


def test_a_total_in_digits_beside_a_split_in_words() -> None:
    found = _consensus(
        "Of the 12 analysts covering Paramount, two rate the stock a Buy, seven a Hold and "
        "three a Sell."
    )
    assert found == [("Paramount", None, 2, 7, 3, 12, None)]
