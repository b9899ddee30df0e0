"""The anchor screen in front of the partnership cues: it may only skip what cannot match."""

from __future__ import annotations

import random

import pytest

from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships
from rules.extract.partnership_cues import Cue, cue_anchors, cue_starts, find_cues
from rules.extract.sentences import sentence_spans, split_sentences

_EN_PIECES = [
    "Contoso",
    "Fabrikam Inc.",
    "signs",
    "signed a",
    "new",
    "5-year",
    "one-year",
    "multi-year",
    "supply",
    "licensing",
    "deal",
    "agreement",
    "contracts",
    "announced a strategic",
    "partnership",
    "Partnership",
    "partnering with",
    "partner",
    "as a preferred",
    "teams up",
    "joined forces",
    "works closely with",
    "selects",
    "hired",
    "tapping",
    "sourcing them from",
    "collaboration",
    "joint venture",
    "Alliance Boots",
    "codeshare",
    "royalties",
    "impact",
    "Broker-Dealer",
    "network",
    "information",
    "and",
    "with",
    "the",
    ".",
    ",",
    "\n",
]
_DE_PIECES = [
    "Zalando",
    "Klarna",
    "arbeiten",
    "eng",
    "zusammen",
    "kooperieren",
    "Kooperation",
    "Kooperationsvertrag",
    "vereinbaren eine",
    "Partnerschaft",
    "als",
    "Partner",
    "im",
    "Auftrag",
    "Lizenzvertrag",
    "setzt",
    "künftig",
    "auf",
    "durchsetzen",
    "Verträge",
    "Vereinbarungen",
    "wählt",
    "Allianz mit",
    "Joint Venture",
    "und",
    "der",
    ".",
    ",",
    "\n",
]


def _screened_and_plain(text: str, lang: str) -> tuple[list[list[Cue]], list[list[Cue]]]:
    lowered = text.lower()
    anchors = cue_anchors(text, lowered, lang)
    assert anchors is not None
    screened: list[list[Cue]] = []
    plain: list[list[Cue]] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        starts = cue_starts(anchors, start, end)
        screened.append(find_cues(sentence, lang, starts, lowered[start:end]) if starts else [])
        plain.append(find_cues(sentence, lang))
    return screened, plain


@pytest.mark.parametrize(("lang", "pieces"), [("en", _EN_PIECES), ("de", _DE_PIECES)])
def test_screened_cues_equal_the_unscreened_ones(lang: str, pieces: list[str]) -> None:
    rng = random.Random(7)
    found = 0
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        screened, plain = _screened_and_plain(text, lang)
        assert screened == plain, text
        found += sum(len(cues) for cues in plain)
    assert found > 100  # the pieces do make cues, so the comparison means something


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("SEC Charges Arete Wealth Broker-Dealer and Advisory Firms", "en"),
        ("SEC Monitoring Impact of California Wildfires on Capital Markets", "en"),
        ("The network of retailers works on a selection of new products", "en"),
        ("Die Regierung will die Reform gegen den Widerstand durchsetzen.", "de"),
    ],
)
def test_texts_with_cue_words_but_no_cue_have_no_anchors(text: str, lang: str) -> None:
    assert cue_anchors(text, text.lower(), lang) == []
    assert find_partnerships(text, lang) == []


def test_anchors_mark_where_cues_start() -> None:
    text = "Contoso signs a 5-year deal with Fabrikam. Litware selects Proseware."
    anchors = cue_anchors(text, text.lower(), "en")
    assert anchors is not None
    assert (text.index("signs"), "recip", True) in anchors
    assert (text.index("selects"), "adopt", True) in anchors
    assert (text.index("-year"), "strong", False) in anchors  # the deal starts at "5"
    second = sentence_spans(text)[1]
    assert cue_starts(anchors, *second) == {"adopt": [text.index("selects") - second[0]]}


def test_text_whose_lowercase_grows_is_not_screened() -> None:
    text = "İstanbul Airways signs a codeshare agreement with Contoso Air"
    assert cue_anchors(text, text.lower(), "en") is None
    assert [set(event.parties) for event in find_partnerships(text, "en")] == [
        {"İstanbul Airways", "Contoso Air"}
    ]


def test_sentence_spans_are_the_split_sentences() -> None:
    text = "Globex Inc. and Initech team up.  The deal closes soon!\n\nNeue Kooperation\n  \n"
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == split_sentences(text)
    assert all(start == 0 or text[start - 1].isspace() for start, _ in spans)


def test_joining_word_at_the_end_of_a_window_ends_the_name() -> None:
    assert [org.name for org in find_orgs("We met Contoso Bank of", "en")] == ["Contoso Bank"]
    sentence = "Bank of America and Contoso sign a partnership with the Bank of"
    assert [org.name for org in find_orgs(sentence, "en", 0, len(sentence))][-1] == "Bank"


# Parts anchored on an inner word ("developed", "jointly") rather than on the common
# word they open with ("was", "to")
_EN_INNER_PIECES = [
    "Contoso",
    "Fabrikam",
    "is using",
    "are using",
    "uses",
    "using",
    "was developed with",
    "were co-developed with",
    "been co-developed with",
    "developed",
    "to jointly develop",
    "to develop",
    "Contoso, Fabrikam to build",
    "To Launch",
    "will jointly pursue",
    "would jointly",
    "jointly",
    "to",
    "is",
    "was",
    "the",
    "and",
    ".",
]


def test_cues_anchored_on_an_inner_word_equal_the_unscreened_ones() -> None:
    rng = random.Random(11)
    found = 0
    for _ in range(400):
        text = " ".join(rng.choice(_EN_INNER_PIECES) for _ in range(rng.randint(1, 12)))
        screened, plain = _screened_and_plain(text, "en")
        assert screened == plain, text
        found += sum(len(cues) for cues in plain)
    assert found > 100
