"""The cheap lower-casing gives exactly what str.lower() gives."""

from __future__ import annotations

import random

from rules.extract.lowering import lower_cased


def test_every_latin_1_character_lowers_as_str_lower() -> None:
    text = "".join(map(chr, range(256)))
    assert lower_cased(text) == text.lower()


def test_texts_beyond_latin_1_lower_as_str_lower() -> None:
    for text in (
        "Die Bank „hebt“ Ziel – ÄÖÜ ẞ",
        "İSTANBUL ΟΔΟΣ",
        "Kelvin \u212a and ÅNGSTRÖM \u212b",
        "Emoji 😀 ÉTÉ",
    ):
        assert lower_cased(text) == text.lower()


def test_random_mixed_texts_lower_as_str_lower() -> None:
    rng = random.Random(7)
    for alphabet in (
        [chr(code) for code in range(0x100)],
        [chr(code) for code in range(0x300)] + ["…", "“", "€", "İ", "Σ", "😀"],
    ):
        for _ in range(500):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
            assert lower_cased(text) == text.lower()


def test_ascii_and_empty_texts() -> None:
    assert lower_cased("") == ""
    assert lower_cased("JPMorgan Raises PT") == "jpmorgan raises pt"
