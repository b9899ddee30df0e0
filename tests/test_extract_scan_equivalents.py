"""Cheaper stand-ins for searches the extractors used to run: each must give what the search
gave, so no extracted event changes."""

from __future__ import annotations

import random

import pytest

from rules.extract import extract
from rules.extract.cues import PARTNERSHIP, gate_matches, word_gate
from rules.extract.partnership import screen
from rules.extract.scan import words_scan
from rules.extract.sentences import sentence_spans, split_sentences


def regex_spans(words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in word_gate(words).finditer(text)]


def test_gate_matches_take_the_shortest_word_and_skip_what_it_covers() -> None:
    words = ("co-", "cooperat", "team", "teams up", "am", "partner")
    scan = words_scan(words)
    # "team" wins over the longer "teams up"; "am" inside "team" is covered by it
    text = "contoso teams up, co-develops and cooperates with a partner team"
    assert gate_matches(scan, text) == regex_spans(words, text)
    assert text[slice(*gate_matches(scan, text)[0])] == "team"


@pytest.mark.parametrize("lang", sorted(PARTNERSHIP))
def test_gate_matches_equal_the_prefix_tree_search_on_random_text(lang: str) -> None:
    words = PARTNERSHIP[lang]
    scan = words_scan(words)
    rnd = random.Random(5)
    for _ in range(2000):
        pieces = [rnd.choice(words)[: rnd.randint(1, 9)] for _ in range(rnd.randint(1, 7))]
        text = rnd.choice(["", " ", "x", "-"]).join(pieces) + rnd.choice(["", "ß", "€", "İ"])
        assert gate_matches(scan, text) == regex_spans(words, text), text


def test_partnership_gate_still_lets_its_sentence_through() -> None:
    events = extract("Northwind Traders teams up with Contoso on cloud software", "en")
    assert [event.parties for event in events] == [("Northwind Traders", "Contoso")]


def test_relation_words_are_seen_without_a_cue_the_grammar_reads() -> None:
    # "partners" names the relation, though no cue pattern reads it here
    text = "Fabrikam and Litware have been partners for years."
    screened = screen(text, "en")
    assert screened is not None and screened.relation
    assert screen("Fabrikam and Litware met for years.", "en") is None


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Shares of U.S. Steel rose. Then they fell.",
            ["Shares of U.S. Steel rose.", "Then they fell."],
        ),
        (
            "Umsatz bzw. Gewinn stiegen. Dann fielen sie.",
            ["Umsatz bzw. Gewinn stiegen.", "Dann fielen sie."],
        ),
        (
            "Sie kostet ca. Hundert Euro. Mehr nicht.",
            ["Sie kostet ca. Hundert Euro.", "Mehr nicht."],
        ),
        ("Signed by J. Smith today. Done.", ["Signed by J. Smith today.", "Done."]),
        ("Made by Contoso Co . Next one.", ["Made by Contoso Co . Next one."]),
        ("Acme grew. Beta fell.", ["Acme grew.", "Beta fell."]),
        ("Acme grew.\nBeta fell.\n\nGamma", ["Acme grew.", "Beta fell.", "Gamma"]),
    ],
)
def test_a_stop_after_an_abbreviation_ends_no_sentence(text: str, sentences: list[str]) -> None:
    assert [sentence.strip() for sentence in split_sentences(text)] == sentences


def test_sentences_that_open_with_white_space_are_kept_only_when_not_blank() -> None:
    text = "One.\n \nTwo.\n\t\n"
    assert [text[start:end].strip() for start, end in sentence_spans(text)] == ["One.", "Two."]
