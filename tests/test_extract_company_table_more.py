"""Companies the table lacked (LEG, Bawag, Julius Bär) are found in a broker's commentary
headline, and a short name that is also a word ("LEG", "leg") only as written. Texts written
for these tests."""

from __future__ import annotations

import pytest

from rules.extract.companies import COMPANY_TABLE
from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize("company", ["LEG", "Bawag", "Julius Bär", "Georg Fischer"])
def test_commentary_headline_names_the_company(company: str) -> None:
    text = f'Kepler Cheuvreux: {company} mit starkem Quartal - "Buy"'
    assert [row[:4] for row in analyst_rows(text, "de")] == [
        ("Kepler Cheuvreux", company, "none", "Buy")
    ]


def test_name_that_is_a_word_is_found_only_as_written() -> None:
    assert [name for _, _, name in COMPANY_TABLE.find("Die LEG-Aktie stieg")] == ["LEG"]
    assert list(COMPANY_TABLE.find("the second leg of the deal, with legs")) == []
    assert "LEG" in COMPANY_TABLE
    assert "leg" not in COMPANY_TABLE
