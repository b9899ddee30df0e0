"""The cheap gates in front of the grammars: they may let too much through, never too little."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rules.extract import analyst_en, cues, extract
from rules.extract.name_table import NameTable
from rules.extract.names import company_base
from rules.extract.orgs import find_orgs
from rules.extract.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]


def every_cue_word() -> list[tuple[str, str]]:
    families = {
        cues.ANALYST_DE_CUE: cues.ANALYST_DE,
        cues.ANALYST_EN_CUE: cues.ANALYST_EN,
        cues.MOVE_CUE: cues.MOVE,
        cues.RANGE_CUE: cues.RANGE,
        cues.CONSENSUS_CUE: cues.CONSENSUS,
        cues.PARTNERSHIP_CUE["en"]: cues.PARTNERSHIP["en"],
        cues.PARTNERSHIP_CUE["de"]: cues.PARTNERSHIP["de"],
    }
    return [(family, word) for family, words in families.items() for word in words]


BOUNDED = {
    (cues.ANALYST_EN_CUE, "cut"): r"\bcut",
    (cues.ANALYST_EN_CUE, "buy"): r"buy\b",
    (cues.ANALYST_EN_CUE, "sell"): r"sell\b",
    (cues.ANALYST_EN_CUE, "hold"): r"hold\b",
    (cues.CONSENSUS_CUE, "buy"): r"\bbuy",
    (cues.CONSENSUS_CUE, "hold"): r"\bhold",
    (cues.CONSENSUS_CUE, "halten"): r"\bhalten",
    (cues.CONSENSUS_CUE, "mean"): r"\bmean\b",
    (cues.CONSENSUS_CUE, "average"): r"\baverage\b",
    (cues.ANALYST_EN_CUE, "list"): r"\blist\b",
    (cues.ANALYST_EN_CUE, "rating"): r"\brating",
    (cues.ANALYST_DE_CUE, "fair"): r"\bfair",
    (cues.PARTNERSHIP_CUE["en"], "pact"): r"\bpact",
    (cues.PARTNERSHIP_CUE["en"], "work"): r"\bwork",
    (cues.PARTNERSHIP_CUE["en"], "select"): r"\bselect",
    (cues.RANGE_CUE, "range"): r"\brange",
}


def opens(family: str, word: str, text: str) -> bool:
    """What the grammar's own gate asks of the text."""
    if (family, word) in BOUNDED:
        return re.search(BOUNDED[family, word], text) is not None
    return word in text


@pytest.mark.parametrize(("family", "word"), every_cue_word())
def test_each_cue_word_opens_its_family_wherever_it_stands(family: str, word: str) -> None:
    texts = [word, f"xx {word} yy", f"vor{word}nach", f"{word}{word}"]
    for text in (t for t in texts if opens(family, word, t)):
        assert family in cues.cue_families(text), text


def test_short_english_words_open_the_analyst_grammar_only_as_words() -> None:
    assert cues.ANALYST_EN_CUE in cues.cue_families("rbc cut the target")
    assert cues.ANALYST_EN_CUE in cues.cue_families("keeps a buy, adds to list")
    assert cues.ANALYST_EN_CUE in cues.cue_families("buy-rating on x")
    for text in ("the executive", "shareholders", "a specialist", "buyers", "operating"):
        assert cues.ANALYST_EN_CUE not in cues.cue_families(text), text
    assert cues.CONSENSUS_CUE not in cues.cue_families("shareholders")


def test_consensus_words_inside_other_words_do_not_open_the_consensus_reader() -> None:
    for text in ("ahold delhaize", "shareholders", "die enthaltenen", "meanwhile", "averaged"):
        assert cues.CONSENSUS_CUE not in cues.cue_families(text), text
    for text in ("a hold", "12 holds", "zum halten", "a mean target", "buying", '"buy"'):
        assert cues.CONSENSUS_CUE in cues.cue_families(text), text


def test_words_inside_other_words_open_no_family_that_needs_them_alone() -> None:
    for family, inside, alone in (
        (cues.ANALYST_DE_CUE, "public affairs", "fairer wert"),
        (cues.PARTNERSHIP_CUE["en"], "the impact on the network", "works with"),
        (cues.PARTNERSHIP_CUE["en"], "deselected", "selected"),
        (cues.RANGE_CUE, "an arrangement", "a range of"),
        (cues.ANALYST_EN_CUE, "foundry initiatives", "initiates coverage"),
    ):
        assert family not in cues.cue_families(inside), inside
        assert family in cues.cue_families(alone), alone


def test_overlapping_cue_words_are_all_seen() -> None:
    # "rating" starts inside "collaborat(ing)", "auftrag" inside "beauftrag(t)"
    assert {cues.ANALYST_DE_CUE, cues.PARTNERSHIP_CUE["en"]} <= cues.cue_families("collaborating")
    assert cues.PARTNERSHIP_CUE["de"] in cues.cue_families("beauftragt")
    assert {cues.CONSENSUS_CUE, cues.ANALYST_DE_CUE} <= cues.cue_families("kaufempfehlung")


def test_families_match_plain_substring_tests_on_random_text() -> None:
    rnd = random.Random(7)
    pairs = every_cue_word()
    alphabet = "abcdeghiklmnoprstuvwz %äöü"
    for _ in range(300):
        pieces = [
            rnd.choice(pairs)[1] if rnd.random() < 0.2 else rnd.choice(alphabet) * rnd.randint(1, 3)
            for _ in range(rnd.randint(1, 12))
        ]
        text = "".join(pieces)
        expected = {family for family, word in pairs if opens(family, word, text)}
        assert expected <= cues.cue_families(text), text


def test_families_of_spans_are_those_of_their_own_text() -> None:
    rnd = random.Random(11)
    pairs = every_cue_word()
    alphabet = "abcdeghiklmnoprstuvwz%äöü.-"
    checked = 0
    for _ in range(300):
        words = [
            rnd.choice(pairs)[1] if rnd.random() < 0.3 else rnd.choice(alphabet) * rnd.randint(1, 3)
            for _ in range(rnd.randint(2, 14))
        ]
        text = " ".join(words)
        # spans cut where chunks are cut, at white space, which they leave out
        spaces = [i for i, char in enumerate(text) if char == " "]
        cuts = sorted(rnd.sample(spaces, min(3, len(spaces))))
        spans = list(zip([0, *(cut + 1 for cut in cuts)], [*cuts, len(text)], strict=True))
        found = cues.families_within(cues.cue_hits(text), spans)
        for (start, end), families in zip(spans, found, strict=True):
            assert families == cues.cue_families(text[start:end]), (text, start, end)
            checked += bool(families)
    assert checked > 300


def test_short_abbreviations_count_only_as_words() -> None:
    assert cues.ANALYST_EN_CUE in cues.cue_families("pt to $50")
    assert cues.ANALYST_EN_CUE in cues.cue_families("raises (po) to $50")
    assert cues.cue_families("the report option") == frozenset()


def test_text_without_cues_gives_nothing_and_the_gate_is_not_the_answer() -> None:
    assert extract("The weather in Hamburg stays mild this week.") == []
    # a cue alone opens the gate, the grammar still decides
    assert extract("Partner meeting moved to Friday", "en") == []


def test_name_table_finds_the_same_names_as_a_full_scan() -> None:
    table = NameTable(["Deutsche Bank", "Bank", "Linde", "Dialog", "Vantora Systems"])
    text = "Die Deutschen Bank und Linde-Fusion, Dialogs Aktie, Vantora Systems Inc."
    assert [name for _, _, name in table.find(text)] == [
        "Deutschen Bank",
        "Linde",
        "Dialogs",
        "Vantora Systems",
    ]
    first = next(table.find(text))
    assert first == (4, 18, "Deutschen Bank")


def test_org_window_reads_only_words_near_the_offsets() -> None:
    sentence = "Contoso signed the deal. " * 4 + "Later Fabrikam and Northwind agreed."
    everywhere = [org.name for org in find_orgs(sentence, "en")]
    window = [org.name for org in find_orgs(sentence, "en", lo=len(sentence) - 30)]
    assert "Contoso" in everywhere and "Contoso" not in window
    assert {"Fabrikam", "Northwind"} <= set(window)
    assert all(org.start >= len(sentence) - 40 for org in find_orgs(sentence, "en", 110, None))


def test_sentences_do_not_end_after_abbreviations() -> None:
    text = "Contoso Inc. signed with Dr. Smith. Fabrikam said so.\nNext line"
    assert [s.strip() for s in split_sentences(text)] == [
        "Contoso Inc. signed with Dr. Smith.",
        "Fabrikam said so.",
        "Next line",
    ]


def test_glued_names_in_german_prose_are_still_found() -> None:
    events = extract(
        "Die US-Bank JPMorgan hat das Kursziel fürSAPvon 200 auf 220 Euro angehoben.", "de"
    )
    assert [(e.to_dict()["broker"], e.to_dict()["company"]) for e in events] == [
        ("JPMorgan", "SAP")
    ]


def test_benchmark_runs_without_shared_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "extraction.py"),
            "--repeat",
            "1",
            "--items",
            "20",
            "--json",
        ],
        env={"TICKERWATCH_SHARED_DATA": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["feeds"]["source"] == "synthetic feeds"
    assert report["headlines"]["source"] == "synthetic headlines"
    for part in ("feeds", "headlines"):
        assert report[part]["items"] > 0
        assert report[part]["ratio"] > 0
        assert set(report[part]) >= {"feedparser_us_per_item", "extract_us_per_item"}


def test_benchmark_empties_every_word_cache_of_extraction() -> None:
    spec = importlib.util.spec_from_file_location(
        "extraction_benchmark", REPO / "benchmarks" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    caches = benchmark.word_caches()
    assert company_base in caches
    assert len(caches) == len({id(cache) for cache in caches})


def test_english_verb_gate_lets_every_verb_of_every_form_through() -> None:
    forms = (
        *(analyst_en.MAIN, analyst_en.UP, analyst_en.DOWN, analyst_en.INIT, analyst_en.TARGET),
        *(analyst_en.OPINION, analyst_en.PASSIVE_VERBS, analyst_en.PROSE_VERBS),
        *(analyst_en.TOLD_VERBS, analyst_en.NOUNS, analyst_en.VERBS),
    )
    for verbs in forms:
        for alternative in verbs.split("|"):
            written = re.sub(r"\\s", " ", alternative).replace("[Ww]", "W")
            assert analyst_en._VERB_GATE.find(f"Acme {written} Globex"), written
    # a headline without any of them is never read by the forms
    assert extract("Vanguard to Pay $100 Million Related to Target Date Funds", "en") == []
    assert not analyst_en._VERB_GATE.find("Vanguard to Pay $100 Million Related to Target")
