"""The name tables read from the data files beside the extractors."""

from __future__ import annotations

import pytest

from rules.extract import aliases, companies, extract
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


def _found(text: str) -> list[str]:
    return [name for _, _, name in companies.COMPANY_TABLE.find(text)]


def test_company_table_finds_listed_names_in_running_text() -> None:
    assert _found("Talanx und Befesa legten zu, Eckert & Ziegler und Atoss gaben nach.") == [
        "Talanx",
        "Befesa",
        "Eckert & Ziegler",
        "Atoss",
    ]
    assert _found("Costco rose while shares of Mastercard and Marvell fell.") == [
        "Costco",
        "Mastercard",
        "Marvell",
    ]
    assert _found("Die Papiere von Schott Pharma fielen, die von Springer Nature stiegen.") == [
        "Schott Pharma",
        "Springer Nature",
    ]


def test_company_table_leaves_common_words_alone() -> None:
    # Names that are also words or first names stay out: the table matches without regard to case.
    assert _found("The target for next year, Douglas said, is to keep booking orders.") == []
    assert _found("Norma kauft ein, die Vision ist ein Block aus Signify-Ideen.") == []


@pytest.mark.parametrize(
    ("lang", "text", "company", "broker"),
    [
        (
            "de",
            "Die Experten der Commerzbank trauen Talanx mehr zu. Sie haben das Kursziel für die "
            'Papiere des Versicherers auf 95 Euro angehoben und bleiben bei "Kaufen".',
            "Talanx",
            "Commerzbank",
        ),
        (
            "de",
            "Für den Umweltdienstleister Befesa sieht Warburg Research weiter Potenzial: Das "
            'Kursziel steigt auf 34 Euro, das Votum lautet "Kaufen".',
            "Befesa",
            "Warburg Research",
        ),
        (
            "de",
            "Eckert & Ziegler hat im Quartal mehr verdient. Die Analysten von Berenberg erhöhten "
            "das Kursziel für den Strahlenspezialisten auf 62 Euro.",
            "Eckert & Ziegler",
            "Berenberg",
        ),
        (
            "en",
            "Investors cheered Costco on Thursday after Mizuho lifted its price target on the "
            "warehouse club to $1,100 from $1,000, keeping an outperform rating.",
            "Costco",
            "Mizuho",
        ),
        (
            "en",
            "Mastercard slipped in early trading; analysts at Jefferies cut their price target on "
            "the card network to $510 from $560.",
            "Mastercard",
            "Jefferies",
        ),
    ],
)
def test_prose_names_a_listed_company_the_table_knows(
    lang: str, text: str, company: str, broker: str
) -> None:
    events = [event for event in extract(text, lang) if event.type == "analyst"]
    assert [(event.company, event.broker) for event in events] == [(company, broker)]


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Barclays cut its price target on Wickes.", "Wickes"),
        ("Peel Hunt and HSBC trimmed their targets on Greggs Plc.", "Greggs"),
        ("Jefferies lowered its price target on Ford Motor Co.", "Ford Motor Co."),
        ("Stifel raised its price target on Kraft Heinz Co.", "Kraft Heinz Co."),
    ],
)
def test_a_sentence_stop_after_a_company_is_no_part_of_its_name(text: str, company: str) -> None:
    events = extract(text, "en")
    assert events
    assert {event.company for event in events} == {company}
