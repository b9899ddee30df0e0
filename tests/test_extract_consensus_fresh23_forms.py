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


def test_the_word_stock_after_the_name_inside_the_average_target() -> None:
    found = _consensus(
        "Wall Street has a Moderate Buy consensus rating on Intel stock based on 9 Buys and "
        "20 Holds. The average Intel stock price target of $24.30 implies 5% upside."
    )
    assert found == [("Intel", 24.3, 9, 20, None, None, "USD")]


def test_the_stock_named_before_whom_the_average_is_taken_among() -> None:
    found = _consensus(
        "The consensus 12-month price target on Woodside Energy among analysts is A$28.40, "
        "according to LSEG."
    )
    assert found == [("Woodside Energy", 28.4, None, None, None, None, "AUD")]
