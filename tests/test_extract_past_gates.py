"""The cheap gates of the past-time reader find what the plain searches find."""

from __future__ import annotations

import random
import re

import pytest

from rules.extract import past
from rules.extract.datelines import dateline_end
from rules.extract.past import _YEAR_RE, without_past

# the year as first written: no digit before it, none after it
_PLAIN_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def test_year_pattern_matches_where_the_plain_one_does() -> None:
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice("0129 a.") for _ in range(rng.randrange(14)))
        ours, plain = _YEAR_RE.search(text), _PLAIN_YEAR_RE.search(text)
        assert (ours and ours.span()) == (plain and plain.span()), text


def test_a_year_after_a_digit_is_no_year() -> None:
    assert _YEAR_RE.search("Kennziffer 12019 und 32020") is None
    found = _YEAR_RE.search("Ende 2019 hatte")
    assert found is not None and found.group() == "2019"


def test_past_openings_and_pluperfect_are_found_by_the_gate() -> None:
    chunk = "Vor drei Jahren hatte Berenberg das Ziel gesenkt. Jetzt hebt Berenberg das Ziel."
    kept = without_past(chunk, chunk.lower())
    assert kept.startswith(" ") and kept.endswith("Jetzt hebt Berenberg das Ziel.")
    english = "Two years ago, Goldman set a $300 target. Goldman now sees $350."
    assert without_past(english, english.lower()).lstrip().startswith("Goldman now")
    plain = "Berenberg hebt das Ziel auf 30 Euro."
    assert without_past(plain, plain.lower()) is plain


def test_datelines_are_read_after_any_wire_mark() -> None:
    assert dateline_end("BOSTON--(BUSINESS WIRE)--Acme signs a deal") == len(
        "BOSTON--(BUSINESS WIRE)--"
    )
    assert dateline_end("LONDON (Reuters) - Acme signs a deal") == len("LONDON (Reuters) - ")
    assert dateline_end("NEW YORK, March 4, 2026 /PRNewswire/ -- Acme") > 0
    assert dateline_end("Acme signs a deal with Globex") == 0


def test_a_year_word_inside_a_compound_opens_no_reading_of_the_sentences() -> None:
    # the year word after white space or in "Vorjahr" still opens it
    for opening in ("Vor einem Jahr", "Im vergangenen\tJahr", "Im Vorjahr", "Vor einem Jahrzehnt"):
        chunk = f"{opening} senkte Berenberg das Ziel. Jetzt hebt Berenberg das Ziel."
        assert without_past(chunk, chunk.lower()).lstrip().startswith("Jetzt hebt"), opening
    # "Halbjahr", "Geschäftsjahr": no opening can hold the word, so the chunk is kept as it is
    for word in ("Halbjahr", "Geschäftsjahr", "Jahresende"):
        chunk = f"Das {word} stimmt Berenberg zuversichtlich. Berenberg hebt das Ziel."
        assert without_past(chunk, chunk.lower()) is chunk, word


def test_the_year_gate_keeps_every_chunk_the_plain_gate_keeps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    pieces = [
        "Vor",
        "vor einem",
        "Im vergangenen",
        "im",
        "drei",
        "Jahr",
        "Jahren",
        "JAHR",
        "Vorjahr",
        "Halbjahr",
        "Jahrzehnt",
        "Geschäftsjahr",
        "hatte",
        "senkte Citi das Ziel",
        "Citi",
        ".",
        "\t",
        "\u2009",
        " ",
        "Damals",
    ]
    chunks = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(600)]
    tight = [without_past(chunk, chunk.lower()) for chunk in chunks]
    monkeypatch.setattr(past, "_gate_words", past._GATE.found)  # every "jahr" opens the reading
    assert [without_past(chunk, chunk.lower()) for chunk in chunks] == tight
    assert sum(kept != chunk for kept, chunk in zip(tight, chunks, strict=True)) > 50
