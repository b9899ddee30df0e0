"""The name tables read from the data files beside the extractors."""

from __future__ import annotations

import pytest

from rules.extract import aliases, companies
from rules.extract.data_files import data_lines

TABLE_FILES = ("companies.txt", "brokers.txt", "non_brokers.txt", "ratings.txt")


@pytest.mark.parametrize("name", TABLE_FILES)
def test_table_files_hold_one_name_a_line(name: str) -> None:
    lines = data_lines(name)
    assert lines
    assert all(line == line.strip() and not line.startswith("#") for line in lines)
    assert all(not (line[0] == line[-1] == '"') for line in lines)


def test_modules_keep_their_public_tables() -> None:
    assert tuple(data_lines("companies.txt")) == companies.COMPANIES
    assert tuple(data_lines("brokers.txt")) == aliases.BROKERS
    assert tuple(data_lines("ratings.txt")) == aliases.RATINGS
    assert "deutsche bank" in {name.lower() for name in companies.COMPANIES}
    assert "Berenberg" in aliases.BROKER_TABLE
    assert "Koenig & Bauer" in companies.COMPANY_TABLE
    assert aliases.is_non_broker("Moody's")
    assert aliases.is_rating_word("Overweight")
    assert aliases.is_rating_word("hold (c)")


@pytest.mark.parametrize("name", TABLE_FILES)
def test_table_files_name_each_spelling_once(name: str) -> None:
    lines = data_lines(name)
    assert len(lines) == len(set(lines))
