"""The cheap checks in front of the German grammars and the shared name lookups.

Each check may only skip work when the grammar behind it cannot match, and each faster lookup
must give what the plain one gives. These tests compare both on sentences written here and, when
present, on the labelled texts in ../shared/data.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys

import pytest
from shared_data import SHARED_DATA

from rules.extract import analyst_de, consensus, moves, prose_de, rating_counts, slots_de
from rules.extract.aliases import BROKER_TABLE, BROKERS
from rules.extract.companies import COMPANIES, COMPANY_TABLE
from rules.extract.name_table import NameTable, SpellingIndex, _tokens
from rules.extract.names import single_spaced
from rules.extract.numbers import parse_number
from rules.extract.sentences import spaced_out

DATA = SHARED_DATA
EVAL = DATA / "eval"

WRITTEN = [
    "Die Aktie von Bayer gab um 2,1 Prozent nach, nachdem Siemens 3 % zulegte.",
    "Papiere von Siemens legten um mehr als 1.234,5 Prozent auf 181,50 Euro zu.",
    "Für Rheinmetall ging es mit einem Kursplus von knapp 1,8 Prozent aufwärts.",
    "Der Index schloss nahezu unverändert (plus 0,07 Prozent) bei 25.630,78 Punkten.",
    "Die Aktie pendelte zwischen 48 und 51 Euro; die Spanne von 12 bis 14 Euro hielt.",
    "Nike shares rose by about 4.8% to $47.08 while Apple fell 3 per cent and Intel 2 pct.",
    "The stock closed up by 1.04% on Thursday after trading between $10 and $12.",
    "Adidas-Aktien verloren zeitweise 4,2 Prozent, Puma gewann 1,5 Prozent auf 24 Euro.",
    "Shares of Tesla slid 2.3% to $250 and Ford gained 0.8 percent.",
    "Analysten trauen der Aktie im Schnitt 75 Euro zu, der Konsens liegt bei 80 Euro.",
    "Das durchschnittliche Kursziel liegt bei 188,00 EUR; der Median bei 190 Euro.",
    "Die Konsensschätzungen seien gesunken. Im Mittel sehen sie 12 Euro.",
    "12 Kaufempfehlungen, 3 Halten und 1 Verkaufen; im Durchschnitt US$ 40.",
    "The consensus price target of $194 and an average target of 180 USD.",
    'Die US-Bank JPMorgan hat die Einstufung für Puma auf "Neutral" mit einem Kursziel von'
    " 26 Euro belassen.",
    "Die Privatbank Berenberg hat das Kursziel für Richemont von 155 auf 170 Franken angehoben"
    ' und die Einstufung auf "Hold" belassen.',
    "Goldman Sachs stufte Aixtron ab und senkte das Kursziel auf 12 Euro.",
    "Das Analysehaus Jefferies hob die Aktie von Sixt hoch; die Hochstufung kam überraschend.",
    'Die Deutsche Bank hat SAP in die Bewertung aufgenommen, mit "Buy".',
    "Die DZ Bank erhöht das Buy-Rating für Zalando und reduzierte das Kursziel um 5 Euro.",
    "Berenberg kappte nach Zahlen kräftig das Kursziel für Hugo Boss auf 40 Euro.",
    "Das Research-Haus Alpha Beta hat die Aktie. Der Vermögensverwalter Gamma sieht mehr.",
    "Die Deutschen Bank-Aktie, B. Riley und J.P. Morgan: E.ON's Teslas Linde-Fusion.",
    "x_Tesla foo-Tesla Tesla-Aktie K+S 1&1 AT&T. fürQIAGENund Deutscher Bank",
    "İstanbul: Tesla ΑΣ. Deutscher Bank und Münchener Rück.",
]


def shared_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def word_soup(seed: int, count: int) -> list[str]:
    """Sentences of table names, words and punctuation in random order."""
    rng = random.Random(seed)
    words = [*COMPANIES, *BROKERS, "Aktie", "und", "der", "Deutschen", "Linde-Fusion"]
    glue = [" ", " ", " ", ", ", ". ", "-", "s ", "'s ", "(", ") ", "_", ""]
    return [
        "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    ]


def same(found: re.Match[str] | None, expected: re.Match[str] | None) -> bool:
    """Whether two searches found the same text with the same groups."""
    if found is None or expected is None:
        return found is expected
    return (found.span(), found.groups()) == (expected.span(), expected.groups())


def token_by_token(table: NameTable, text: str) -> list[tuple[int, int, str]]:
    """The lookup that reads every word in turn, to compare the jumping one with."""
    return list(table._find_in_tokens(text, _tokens(text)))


@pytest.mark.parametrize("table", [COMPANY_TABLE, BROKER_TABLE], ids=["companies", "brokers"])
def test_name_lookup_jumping_to_first_words_finds_what_reading_every_word_finds(
    table: NameTable,
) -> None:
    for text in WRITTEN + word_soup(7, 400):
        assert list(table.find(text)) == token_by_token(table, text), text


@pytest.mark.skipif(not EVAL.is_dir(), reason=f"no labelled data at {EVAL}")
def test_name_lookup_agrees_on_the_labelled_texts() -> None:
    for text in shared_texts():
        assert list(COMPANY_TABLE.find(text)) == token_by_token(COMPANY_TABLE, text)
        assert list(BROKER_TABLE.find(text)) == token_by_token(BROKER_TABLE, text)


def test_a_name_lookup_stops_reading_where_its_caller_stops() -> None:
    table = NameTable(["Linde", "Bayer"])
    found = table.find("Linde und Bayer " + "x" * 50)
    assert next(found) == (0, 5, "Linde")
    assert next(found) == (10, 15, "Bayer")
    assert next(found, None) is None


def test_spelling_index_gives_every_place_of_every_spelling_per_table() -> None:
    index = SpellingIndex(
        [[("deutsche bank", "Deutsche Bank"), ("deutsche", "Deutsche")], [("aaa", "Aaa")]]
    )
    found = index.find("die deutsche bank, aaaa deutsche")
    assert found[0] == [
        ((0, 1, "deutsche", 8), 4),
        ((0, 0, "deutsche bank", 13), 4),
        ((0, 1, "deutsche", 8), 24),
    ]
    assert found[1] == [((1, 0, "aaa", 3), 19), ((1, 0, "aaa", 3), 20)]


def corpus() -> list[str]:
    return WRITTEN + (shared_texts() if EVAL.is_dir() else [])


def test_each_move_match_has_its_gate_word_and_starts_within_reach_of_its_number() -> None:
    checked = 0
    for text in corpus():
        families = moves._GATE_WORDS.found(text)
        first = moves._first_percent_number(text)
        for pattern, family in (
            (moves._MOVE_DE_RE, moves._VERB_DE),
            (moves._NOUN_DE_RE, moves._NOUN_DE),
            (moves._RANGE_RE, moves._RANGE),
            (moves._MOVE_EN_RE, None),
        ):
            match = pattern.search(text)
            if match is None:
                continue
            checked += 1
            if family is not None:
                assert family in families, text
            if pattern is moves._MOVE_EN_RE:
                assert first >= 0 and match.start() >= first - moves._VERB_REACH_EN, text
                assert same(pattern.search(text, max(0, first - moves._VERB_REACH_EN)), match)
    assert checked >= 8


def test_a_percent_word_without_a_number_before_it_gives_no_place() -> None:
    assert moves._first_percent_number("Prozent, percent und % ohne Zahl") == -1
    assert moves._first_percent_number("plus 0,07 Prozent und 12 %") == 5
    assert moves._first_percent_number("rose 1.234,5\u00a0percent") == 5


def test_mean_patterns_tried_at_their_openings_find_what_a_search_finds() -> None:
    for text in corpus():
        for pattern, openings in (
            (consensus._MEAN_DE_RE, consensus._MEAN_DE_OPENINGS),
            (consensus._MEAN_EN_RE, consensus._MEAN_EN_OPENINGS),
        ):
            found = consensus._leftmost(pattern, text, openings)
            assert same(found, pattern.search(text)), text


def test_consensus_rating_words_stand_in_every_consensus_rating() -> None:
    extra = [
        "Analysts rate Nike a consensus 'Moderate Buy'",
        "Die Konsensempfehlung für Henkel lautet 'Halten'.",
        "Analysten raten im Schnitt zum Kauf der Aktie.",
    ]
    for text in [*corpus(), *extra]:
        if any(pattern.search(text) for pattern in rating_counts._CONSENSUS_RATING_RES):
            lowered = text.lower()
            assert any(word in lowered for word in rating_counts._CONSENSUS_RATING_WORDS), text


def flat_sentences() -> list[str]:
    return [" ".join(text.split()) for text in corpus()]


def test_prose_rating_and_target_gates_let_every_match_through() -> None:
    gates: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
        (prose_de._DOWN_RE, prose_de._DOWN_WORDS),
        (prose_de._UP_RE, prose_de._UP_WORDS),
        (prose_de._KEEP_RE, prose_de._KEEP_WORDS),
        (prose_de._TARGET_VERB_RE, prose_de._TARGET_VERBS),
        (prose_de._INIT_RE, ("Bewertung auf",)),
        (prose_de._TARGET_STATED_RE, ("Kursziel von",)),
    ]
    for sentence in flat_sentences():
        for pattern, words in gates:
            if pattern.search(sentence):
                assert any(word in sentence for word in words), (pattern.pattern, sentence)
        quoted = prose_de._TO_RATING_RE.search(sentence)
        at = prose_de._after_auf(sentence, prose_de._OPENING_QUOTES.__contains__)
        assert same(prose_de._TO_RATING_RE.search(sentence, at) if at >= 0 else None, quoted)
        if slots_de._BROKER_SLOT_RE.search(sentence):
            assert any(word in sentence for word in slots_de._DESCRIPTION_ENDS), sentence
        if prose_de._TARGET_MOVE_RE.search(sentence):
            assert prose_de._after_auf(sentence, str.isdecimal) >= 0, sentence


def test_prose_reads_the_same_sentences_whether_or_not_lower_casing_keeps_the_length() -> None:
    aligned = "Die US-Bank JPMorgan hat das Kursziel für SAP von 200 auf 220 Euro angehoben."
    shifted = "İ. " + aligned  # 'İ' lower-cases to two characters
    assert prose_de.german_prose_events(shifted) == prose_de.german_prose_events(aligned)
    assert [(e.broker, e.company, e.target) for e in prose_de.german_prose_events(aligned)] == [
        ("JPMorgan", "SAP", 220.0)
    ]


def test_splitting_a_beginning_gives_the_texts_own_sentences_but_the_last() -> None:
    for text in [*corpus(), " ".join(WRITTEN), 'mit "Outperform".Im Index. Dr. Smith kam.Er ging']:
        flat = " ".join(text.split())
        whole = prose_de._sentences(flat)
        for cut in range(1, len(flat), 7):
            assert (
                whole[: len(prose_de._sentences(flat[:cut])) - 1]
                == (prose_de._sentences(flat[:cut])[:-1])
            ), (flat, cut)


def test_stated_targets_tried_at_their_opening_words_are_what_a_search_finds() -> None:
    for sentence in [*flat_sentences(), "Mit keinem seinem unverändertem Kursziel von 12 Euro."]:
        expected = prose_de._TARGET_STATED_RE.search(sentence)
        assert same(prose_de._stated_target(sentence), expected), sentence


def test_no_name_spelling_could_stand_over_a_blanked_parenthesis() -> None:
    for table in slots_de._TABLES:
        for spelling, _ in table:
            assert spelling == spelling.strip() and "  " not in spelling


def test_keep_check_agrees_with_its_pattern() -> None:
    rng = random.Random(3)
    parts = ["Einstufung", "Einstufungen", " belassen", "belassen", " bestätigt", "beibehalten"]
    parts += [" beibehaltenen", ".", " ", "x", "_", "Die ", 'auf "Buy" ', "a" * 70, "a" * 119]
    texts = [*flat_sentences()]
    texts += ["".join(rng.choice(parts) for _ in range(rng.randint(1, 8))) for _ in range(20000)]
    for text in texts:
        assert prose_de._kept(text) == (prose_de._KEEP_RE.search(text) is not None), text


def test_a_said_target_verb_is_looked_for_only_within_its_reach_of_the_target() -> None:
    long_gap = "Berenberg senkte nach den schwachen Zahlen vom Freitag Kursziel und Votum."
    for sentence in [*flat_sentences(), long_gap, "Sie hob das Kursziel. Das Kursziel."]:
        said = prose_de._TARGET_VERB_RE.search(sentence)
        expected = said.group("verb") if said else None
        assert prose_de._said_target_verb(sentence) == expected, sentence


def test_single_spacing_is_what_splitting_and_joining_gives() -> None:
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    texts = ["", " ", "a", "a b", " a", "a ", "a  b", "a\u00adb", *WRITTEN]
    texts += [f"a{space}b" for space in spaces] + [f"{space}a b" for space in spaces]
    for text in texts:
        assert single_spaced(text) == " ".join(text.split()), repr(text)
    assert single_spaced(WRITTEN[0]) is WRITTEN[0]


def test_lower_casing_a_character_keeps_whether_it_is_a_word_character() -> None:
    for char in map(chr, range(sys.maxunicode + 1)):
        lowered = char.lower()
        if len(lowered) == 1:
            assert lowered.isalnum() == char.isalnum() and (lowered == "_") == (char == "_")


HEADLINES = [
    "Berenberg hebt Ziel für Richemont auf 170 Franken - 'Hold'",
    "JPMorgan belässt Ahold Delhaize auf 'Underweight'",
    "Goldman Sachs Group Inc of New York startet SAP mit 'Buy'",
    "  JPMorgan \t belässt  Airbus auf 'Overweight' - Ziel 240 Euro",
    "ANALYSE-FLASH: Jefferies hebt Ziel für Sixt auf 100 Euro",
    "WDH/ANALYSE/Berenberg: Qiagen mit Potenzial",
    "AKTIE IM FOKUS/ANALYSE: Puma ...",
    "Analyse/Bernstein: Adidas",
]


def test_the_headline_check_lets_through_every_text_the_headline_grammar_reads() -> None:
    texts = [*HEADLINES, *corpus(), *word_soup(11, 300)]
    read = 0
    for text in texts:
        headline = " ".join(text.split())
        if analyst_de._PREFIX_RE.match(headline) or analyst_de._SUBJECT_RE.match(headline):
            read += 1
            assert analyst_de._may_be_headline(text), text
    assert read >= len(HEADLINES)
    assert not analyst_de._may_be_headline("NEW YORK (dpa-AFX Analyser) - Die US-Bank hebt")
    assert not analyst_de._may_be_headline(" \n ")


def test_seams_looked_for_after_stops_are_every_place_the_seam_pattern_matches() -> None:
    rng = random.Random(5)
    parts = [".", "!", "?", '"', "”", "Im", "Die", "ab", "x", " ", "A", "a", "..."]
    texts = [" ".join(text.split()) for text in corpus()]
    texts += ["".join(rng.choice(parts) for _ in range(rng.randint(1, 10))) for _ in range(20000)]
    for text in texts:
        cuts = [match.start() for match in prose_de._GLUED_SENTENCE_RE.finditer(text)]
        bounds = [0, *cuts, len(text)] if cuts else []
        expected = [(a, text[a:b]) for a, b in itertools.pairwise(bounds)] or [(0, text)]
        assert prose_de._unglued(text) == expected, text


def test_parenthesis_taken_in_runs_blanks_what_one_character_at_a_time_blanks() -> None:
    plain = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
    rng = random.Random(9)
    texts = [*WRITTEN, "(" + "a" * 3000 + "(" + "b" * 2000]
    texts += [
        "".join(rng.choice("(()) ab") for _ in range(rng.randint(0, 16))) for _ in range(20000)
    ]
    for text in texts:
        assert prose_de._PARENS_RE.sub(spaced_out, text) == plain.sub(spaced_out, text)


def test_rating_gates_read_from_cue_words_let_every_match_through() -> None:
    for sentence in [*flat_sentences(), *WRITTEN, "Die Bank stufte SAP AB und HOCHSTUFUNG."]:
        words = prose_de._CUES.found(sentence.lower())
        for pattern, gate in (
            (prose_de._DOWN_RE, prose_de._DOWN_GATE),
            (prose_de._UP_RE, prose_de._UP_GATE),
        ):
            if pattern.search(sentence):
                assert prose_de._holds_any(sentence, words, gate), (pattern.pattern, sentence)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1,2345", "de", 1.2345),
        ("0,5", "de", 0.5),
        ("123456789,5", "de", 123456789.5),
        ("12.3456", "en", 12.3456),
        ("1,234", "en", 1234.0),
        ("1.234", "de", 1234.0),
        ("1,23456", "de", None),
        ("1234567890,5", "de", None),
        ("12.34567", "en", None),
        (",5", "de", None),
        ("5,", "de", None),
    ],
)
def test_one_decimal_point_between_digits_reads_as_the_full_rule_reads_it(
    text: str, decimal: str, expected: float | None
) -> None:
    assert parse_number(text, decimal) == expected  # type: ignore[arg-type]
