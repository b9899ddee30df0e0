"""The cheaper ways extraction finds counts, ratings, word places and a text's language answer
exactly as the patterns and counts they stand in for."""

from __future__ import annotations

import random
import re

from rules.extract import (
    _chunk_spans,
    _plain,
    _text_language,
    analyst_de,
    analyst_en,
    cues,
    datelines,
    documents,
    moves,
    orgs,
    partnership,
    slots_de,
)
from rules.extract import rating_counts as counts
from rules.extract.lang import SAMPLE, language_of, votes
from rules.extract.lowering import lower_cased
from rules.extract.partnership_model import _CAPITALISED
from rules.extract.scan import words_scan

COUNT_PIECES = [
    "1", "12", "123", "1234", " ", ", ", ".", "-", "'", "$", "%", "\n",
    "one", "ONE", "Eine", "keine", "none", "None", "no", "zwei", "FÜNF", "fünf", "zehn", "ten",
    "Prozent", "prozent", "EURO", "Analysten", "analysts", "of the ",
    "buy", "Buy", "Strong Buy", "holds", "Halten", "zum Kauf", "Verkauf", "neutral", "Neutral-",
    "equal weight", "in line", "sell", "x", "_",
]  # fmt: skip
ODD_LETTERS = ["ſ", "ı", "İ", "K"]  # letters case-insensitive patterns and lower() treat apart


def written_texts(seed: int, pieces: list[str], count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14))) for _ in range(count)]


def spans_of(matches: list) -> list[tuple[tuple[int, int], str]]:
    return [(match.span(), match.group("count")) for match in matches]


def test_counts_are_the_ones_the_count_pattern_finds() -> None:
    examples = [
        "Of the 30 analysts, 22 rate it a buy, seven a hold and one a sell.",
        "Von 25 Analysten raten 19 zum Kauf, fünf zum Halten und einer zum Verkauf.",
        "12 Buy ratings, 3 Hold and none Sell; 5 Prozent, 7 EURO, one-off, 1.234 shares",
        "ZWEI raten zum Kauf, EINE zum Verkauf",
    ]
    for text in examples + written_texts(1, COUNT_PIECES + ODD_LETTERS):
        expected = spans_of(list(counts._COUNT_RE.finditer(text)))
        for lowered in (None, text.lower()):
            assert spans_of(counts._count_matches(text, lowered)) == expected, text


def test_a_counts_rating_is_the_first_the_rating_pattern_finds() -> None:
    texts = [
        "52 buy ratings and 4 hold",
        "7 Strong Buy, 3 Halten-Empfehlungen",
        "5 buy-side, 2 sells",
    ]
    for text in texts + written_texts(2, COUNT_PIECES):
        lowered = text.lower()
        places = counts._rating_places(text, lowered, counts._RATING_SCAN.find(lowered))
        assert places is not None
        for start in range(len(text)):
            for following in (start + 4, start + 30, len(text)):
                assert counts._side_after(text, start, following, places) == counts._side_after(
                    text, start, following
                ), (text, start, following)


def test_the_rating_places_are_not_used_where_lower_casing_hides_a_match() -> None:
    for letter in ("ſ", "ı", "İ"):
        text = f"12 buy, 3 hold{letter}"
        assert counts._rating_places(text, text.lower(), []) is None


def test_splits_agree_with_the_patterns_on_written_lists() -> None:
    assert counts.rating_split("Of the 30 analysts, 22 rate it a buy, 7 a hold and 1 a sell") == (
        counts.RatingSplit(22, 7, 1, 30)
    )
    assert counts.rating_split("Von 25 Analysten raten 19 zum Kauf und 6 zum Halten") == (
        counts.RatingSplit(19, 6, None, 25)
    )
    assert counts.rating_split("Die Aktie stieg um 5 Prozent, Kauf empfohlen") is None


def test_a_scan_of_words_latin_1_lacks_finds_them_too() -> None:
    scan = words_scan(["łódź", "ziel", "?"])
    assert scan.find("Łódź: łódź, ziel?") == [(0, 6, 10), (1, 12, 16), (2, 16, 17)]


def test_a_scan_reads_characters_latin_1_lacks_as_no_word() -> None:
    scan = words_scan(["ziel", "a?b"])
    text = "ziel\ud800ziel€a€b a?b"
    assert [(start, end) for _, start, end in scan.find(text)] == [(0, 4), (5, 9), (14, 17)]


def test_the_text_language_adds_up_the_chunks_already_counted() -> None:
    lines = [
        "Die Aktie von Contoso stieg um 5 Prozent.",
        "The shares of Fabrikam rose after the deal.",
        "x" * 1200,
        "Der Vorstand und die Aufsicht haben für das Jahr eine Dividende beschlossen. " * 12,
        "The board said it expects demand to stay firm through the year. " * 12,
    ]
    rnd = random.Random(3)
    for _ in range(300):
        text = _plain("\n".join(rnd.choice(lines) for _ in range(rnd.randint(1, 5))))
        lowered = text.lower()
        spans, whole = _chunk_spans(text)
        if not whole:
            continue
        counted = {
            index: votes(lowered[start:end][:SAMPLE])
            for index, (start, end) in enumerate(spans)
            if rnd.random() < 0.5
        }
        for default in ("en", "de"):
            assert _text_language(lowered, spans, counted, default) == language_of(lowered, default)


def test_a_chunk_running_past_the_sample_counts_only_up_to_its_end() -> None:
    # the English line leads by 84 words; the German line's words before the sample's end number
    # 76, though its own first SAMPLE characters hold 150 of them
    text = "the and of to " * 21 + "\n" + ("der " * 225)[:900]
    lowered = text.lower()
    spans, whole = _chunk_spans(text)
    assert whole and len(spans) == 2
    counted = {
        index: votes(lowered[start:end][:SAMPLE]) for index, (start, end) in enumerate(spans)
    }
    assert language_of(lowered, "de") == "en"
    assert _text_language(lowered, spans, counted, "de") == "en"


CAPITAL_PIECES = [
    "AT&T", "Mc", "Donald", "O'Neil", "’", "'", "Über", "ÄÖ", "ä", "É", "x", "-", ".", " ",
    "Ab", "C", "_", "1", "&", "\n",
]  # fmt: skip


def test_capitalised_words_are_found_where_a_look_behind_first_pattern_finds_them() -> None:
    look_behind_first = re.compile(r"(?<![\w'’])[A-ZÄÖÜ][\w&.'’-]*")
    for text in written_texts(4, CAPITAL_PIECES):
        expected = [match.span() for match in look_behind_first.finditer(text)]
        assert [match.span() for match in _CAPITALISED.finditer(text)] == expected, text


def test_the_cue_words_keep_the_cue_scan_on_latin_1_bytes() -> None:
    # a single cue word outside Latin-1, or holding "?", would move every text to the
    # slower scan of code points
    families = (
        cues.ANALYST_DE,
        cues.ANALYST_EN,
        cues.MOVE,
        cues.RANGE,
        cues.CONSENSUS,
        *cues.PARTNERSHIP.values(),
    )
    assert all(
        word.encode("latin-1", "replace").decode("latin-1") == word and "?" not in word
        for words in families
        for word in words
    )


SLOT_PIECES = [
    "mit", "zwischen", "von", "vom", "auf", "an", "für", "der", "die", "dem", "beauftragt",
    "Auto-beauftragte", "(wählt", "setzt", "KI-Plattform", "Vertrag", "Kooperation", "arbeitet",
    "sich", "entscheidet", "Allianz", "liefert", "vergibt", "Auftrag", "nutzt", "X", ",", " ",
    " ", "\n",
]  # fmt: skip


def test_a_partner_slot_is_found_where_its_pattern_ends_before_the_name() -> None:
    texts = [
        "Die Bahn arbeitet seit Jahren eng mit Siemens zusammen",
        "setzt auf die KI-Plattform von Aleph Alpha",
        "Der Konzern hat die Telekom beauftragt",
        "entscheidet sich bei der Software für SAP",
        "Vertrag mit\nSiemens",
    ]
    for text in texts + written_texts(5, SLOT_PIECES):
        for start in range(len(text) + 1):
            expected = orgs._PARTNER_SLOT_BEFORE.search(text, max(0, start - 80), start)
            assert orgs._in_partner_slot(text, start) == (expected is not None), (text, start)


VERB_PIECES = [
    "Upgrades", "upgrade", "Equal-", "Equal", "Cut", "cu", "has", "ha", "Sees", "Ups", "U",
    "Raises", "Rai", "Ü", "é", "İ", "中", " ", "-", ".", "x", "Apple", "Target",
]  # fmt: skip


def test_the_english_verb_gate_passes_where_a_pattern_of_its_words_finds_one() -> None:
    pattern = cues.word_gate(analyst_en._VERB_GATE.values)
    texts = ["Apple Upgraded To Buy At Citi", "Citi sees upside", "Nothing here", ""]
    for text in texts + written_texts(6, VERB_PIECES):
        assert bool(analyst_en._VERB_GATE.find(text)) == (pattern.search(text) is not None), text


DATELINE_PIECES = [
    "Oberkochen", "Bad Homburg", ", ", ",", " ", "den ", "20. ", "8.", "Januar ", "März ",
    "2026", " – ", "-", "\n", "x", "(", "1",
]  # fmt: skip


def test_a_german_place_and_date_is_found_as_its_pattern_finds_it() -> None:
    texts = ["Oberkochen, 20. Januar 2026 – Zeiss", "Karlsruhe, den 8. Oktober 2025 - X", "A,, 1"]
    for text in texts + written_texts(7, DATELINE_PIECES):
        found = datelines._PLACE_DATE_DE.match(text)
        assert datelines.dateline_end(text) == (found.end() if found else 0), text


SHARES_NAME_PIECES = [
    "Apple", "Inc.", "The", "Its", " ", "  ", "\n", "\t", "'s", "AT&T", "3M", "Co", "of", "a",
    "-", " shares", " stock",
]  # fmt: skip


def test_a_name_before_shares_is_searched_from_where_it_can_start() -> None:
    texts = ["Barclays cut Booking, and Expedia Group Inc shares fell", "A B C D E F G shares"]
    for text in texts + written_texts(8, SHARES_NAME_PIECES):
        for at in range(len(text) + 1):
            pattern = moves._NAME_BEFORE_SHARES_RE
            expected = pattern.search(text, max(0, at - moves._NAME_REACH), at)
            found = pattern.search(text, moves._name_reach(text, at), at)
            assert (found and found.span()) == (expected and expected.span()), (text, at)


OPENING_PIECES = [
    "Nach", "Nach ", "der ", "WDH", "ROUNDUP", " 2", "/", " / ", "ANALYSE", "-FLASH", "Analyse",
    "AKTIE IM FOKUS", "EILMELDUNG", "KORREKTUR", ": ", "BRIEF", "UPDATE", "REFILE", "RPT",
    "CORRECTED", "EXCLUSIVE", "-", "X", "1", " ", "nach", "\n",
]  # fmt: skip


def test_anchored_patterns_match_only_after_the_words_they_open_with() -> None:
    # the literal tests before these patterns never turn a match away
    gated = [
        (slots_de._FOLLOWED_RE.pattern, ("Nach",)),
        (analyst_de._PREFIX_RE.pattern, analyst_de._PREFIX_OPENINGS),
        (partnership._WIRE_SLUG.pattern, partnership._WIRE_SLUG_OPENINGS),
    ]
    for text in written_texts(9, OPENING_PIECES, 6000):
        for pattern, openings in gated:
            if re.match(pattern, text):
                assert text.startswith(openings), (pattern, text)


BROKER_PIECES = [
    "Goldman", " Sachs", "JPMorgan", "UBS", "Die", " ", "Bank", "Deutsche Bank", "x", "-", "\n",
    "Analyst", "hebt", "Berenberg", "İ", "ß", "DZ", ".",
]  # fmt: skip


def test_a_title_and_body_hold_the_broker_places_of_each() -> None:
    texts = written_texts(10, BROKER_PIECES, 2000)
    for title, body in zip(texts, reversed(texts), strict=True):
        if "\n" in title or "\n" in body:
            continue
        whole = f"{title}\n{body}"
        lowered = f"{lower_cased(title)}\n{lower_cased(body)}"
        assert lowered == whole.lower()
        if len(lowered) == len(whole):
            expected = documents._broker_places(whole, lowered)
            parts = documents._broker_places(title, title.lower())
            parts += documents._broker_places(body, body.lower())
            assert parts == expected, whole
