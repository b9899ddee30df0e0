"""The multi-word scan every gate and name table reads text with."""

from __future__ import annotations

import random

from rules.events import AnalystAction
from rules.extract import extract
from rules.extract.scan import WordScan, families_scan, words_scan


def plain_find(words: list[str], text: str) -> list[tuple[str, int, int]]:
    """Every place of every word by plain search, in the order the places end, longer first."""
    places = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            places.append((word, at, at + len(word)))
            at = text.find(word, at + 1)
    return sorted(places, key=lambda place: (place[2], place[1]))


def test_finds_every_place_overlapping_ones_included_in_order_of_their_end() -> None:
    words = ["ziel", "kursziel", "ab", "b", "abc", "ü", "üb"]
    scan = words_scan(words)
    rnd = random.Random(5)
    for _ in range(300):
        text = "".join(
            rnd.choice(["ziel", "kurs", "a", "b", "c", "ü", " ", "€", "🚀"]) for _ in range(30)
        )
        found = [(scan.values[index], start, end) for index, start, end in scan.find(text)]
        assert found == plain_find(words, text), text


def test_offsets_are_characters_and_lone_surrogates_keep_them() -> None:
    scan = words_scan(["ziel"])
    assert scan.find("🚀ü ziel") == [(0, 3, 7)]
    assert scan.find("a\ud800 ziel\udfff") == [(0, 3, 7)]


def test_a_word_given_twice_keeps_its_first_value_and_an_empty_scan_finds_nothing() -> None:
    scan = families_scan({"up": ["stieg", "legte"], "down": ["stieg", "fiel"]})
    assert scan.found("Die Aktie stieg, dann fiel sie") == {"up", "down"}
    assert scan.found("stieg") == {"up"}
    assert WordScan([]).find("anything") == []


def test_extraction_reads_text_with_lone_surrogates() -> None:
    text = "Berenberg hebt Ziel für Adidas auf 207 Euro - 'Hold' \ud800"
    events = extract(text, "de")
    assert events == [
        AnalystAction("Berenberg", "Adidas", "none", "Hold", "raise", 207.0, None, "EUR")
    ]
