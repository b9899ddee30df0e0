"""The number of analysts a consensus is taken among, stated with no side counted ("a Strong
Buy consensus among the 22 analysts tracked by LSEG"). Every text is written for this test."""

from __future__ import annotations

from rules.events import Consensus
from rules.extract import extract


def _consensus(text: str) -> list[Consensus]:
    return [e for e in extract(text, "en") if isinstance(e, Consensus)]


def test_the_total_of_analysts_without_a_counted_side() -> None:
    found = _consensus(
        "Rheinmetall's stock carries a Buy consensus among the 18 analysts tracked by LSEG, "
        "with a median target of 1,900 euros."
    )
    assert [(e.rating, e.analysts, e.median_target, e.currency) for e in found] == [
        ("Buy", 18, 1900, "EUR")
    ]


def test_no_total_where_no_analysts_are_counted() -> None:
    found = _consensus(
        "Adyen has a consensus rating of Moderate Buy and an average target of 1,700 euros."
    )
    assert [e.analysts for e in found] == [None]
