"""A later sentence of a paragraph names its company by a describing phrase ("the carmaker",
"das Unternehmen"): the party is the company the paragraph opened with."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships, partnership_candidates
from rules.extract.partnership_referents import with_referent


def _parties(text: str, lang: str) -> list[list[str]]:
    return sorted(sorted(event.parties) for event in find_partnerships(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Fabrikam posted a 6% rise in quarterly revenue on Monday. The Dutch chipmaker also"
            " said it had signed a supply agreement with Litware for its sensor chips.",
            "en",
            [["Fabrikam", "Litware"]],
        ),
        (
            "Contoso cut its sales forecast for the year. Separately, the miner said it had"
            " partnered with Northwind on a smelter in Chile.",
            "en",
            [["Contoso", "Northwind"]],
        ),
        (
            "Die Fabrikam AG hat im Quartal mehr Umsatz gemacht. Zudem vereinbarte das"
            " Unternehmen mit der Reederei Litware eine engere Zusammenarbeit in Rotterdam.",
            "de",
            [["Fabrikam", "Litware"]],
        ),
    ],
)
def test_describing_phrase_stands_for_the_opening_company(
    text: str, lang: str, expected: list[list[str]]
) -> None:
    assert _parties(text, lang) == expected


def test_a_possessive_or_a_deal_phrase_is_no_reference() -> None:
    first_end = len("Fabrikam sold more chips.")
    text = "Fabrikam sold more chips. "
    assert with_referent(text, "en", first_end, "The retailer's partnership with X grew.") is None
    deal = with_referent(text, "en", first_end, "The deal with the company runs on.")
    assert deal != "Fabrikam runs on."  # the phrase is no subject standing for the company
    assert with_referent(text, "en", first_end, "The company's shares rose.") is None


def test_the_first_sentence_without_a_name_gives_no_referent() -> None:
    text = "Volumes fell 2% in the first half. The company said it had partnered with Litware."
    assert with_referent(text, "en", text.index(".") + 1, text[text.index("The") :]) is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Der Zulieferer Fabrikam baut die Kameras für die Lieferwagen von Litware. Die"
            " Zusammenarbeit läuft seit dem Frühjahr.",
            "de",
            [["Fabrikam", "Litware"]],
        ),
        (
            "Fabrikam makes the seats for Litware's electric vans in Mexico. The supply"
            " agreement runs until 2030.",
            "en",
            [["Fabrikam", "Litware"]],
        ),
    ],
)
def test_a_sentence_opening_with_the_deal_names_the_sentence_before_as_its_parties(
    text: str, lang: str, expected: list[list[str]]
) -> None:
    assert _parties(text, lang) == expected


def test_the_deal_after_a_purchase_is_no_partnership() -> None:
    text = "Fabrikam will buy a stake in Litware for $2 billion. The agreement runs until 2030."
    assert _parties(text, "en") == []


def test_a_maker_of_three_words_names_what_will_be_used() -> None:
    text = "Fabrikam will use Litware Energy Solution's batteries in its vans."
    assert _parties(text, "en") == [["Fabrikam", "Litware Energy Solution"]]


def test_a_shared_act_names_its_partner_after_what_is_made() -> None:
    text = "Fabrikam said it would jointly build charging parks for electric lorries with Litware."
    assert _parties(text, "en") == [["Fabrikam", "Litware"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Im Jahr 2019 hatten Fabrikam und Litware ein Gemeinschaftsunternehmen für"
            " Ladesäulen gegründet. Mittlerweile ist die Partnerschaft beendet.",
            "de",
        ),
        (
            "Fabrikam and Litware formed a battery joint venture in 2021. Last month the"
            " venture was dissolved.",
            "en",
        ),
    ],
)
def test_a_deal_whose_end_the_next_sentence_tells_is_no_partnership(text: str, lang: str) -> None:
    assert _parties(text, lang) == []


def test_talks_told_by_a_german_verb_at_the_clause_end_are_no_partnership() -> None:
    text = (
        "Fabrikam Energy bestätigte einen Bericht, wonach der Konzern mit Litware Systems über"
        " ein Gemeinschaftsunternehmen verhandle."
    )
    assert _parties(text, "de") == []


def test_the_describing_phrase_after_a_fronted_deal_phrase_stands_for_the_opening_company() -> None:
    text = (
        "Fabrikam's shares rose 4% in Oslo. Under the agreement with Litware, signed on"
        " Friday, the shipping group will run its booking system on the partner's cloud."
    )
    assert _parties(text, "en") == [["Fabrikam", "Litware"]]


def test_a_possessive_after_a_purpose_is_no_longer_name_of_the_counterpart() -> None:
    text = "Fabrikam has won a contract from Northwind Bank to run the Dutch lender's IT systems."
    assert _parties(text, "en") == [["Fabrikam", "Northwind Bank"]]


def test_it_opening_a_later_sentence_stands_for_the_opening_company() -> None:
    text = (
        "Fabrikam reported a 5% rise in quarterly sales on Monday. It also said it had signed"
        " a supply agreement with Litware for sensor chips."
    )
    assert _parties(text, "en") == [["Fabrikam", "Litware"]]


def test_a_role_granted_by_the_partner_names_it() -> None:
    text = "Fabrikam said it had become the exclusive bottler of Litware drinks in Kenya."
    assert _parties(text, "en") == [["Fabrikam", "Litware"]]


def test_a_market_position_is_no_role_granted() -> None:
    text = "Fabrikam has become a leading provider of payroll software for Litware users."
    assert _parties(text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Siemens hat im Quartal mehr verdient. Vorstandschef Roland Busch kündigte zudem eine"
            " Kooperation mit Microsoft an.",
            "de",
        ),
        (
            "Siemens posted higher quarterly profit on Thursday. Chief Executive Roland Busch said"
            " the group had agreed a five-year partnership with Microsoft.",
            "en",
        ),
    ],
)
def test_the_speaker_opening_a_later_sentence_speaks_for_the_company(text: str, lang: str) -> None:
    assert _parties(text, lang) == [["Microsoft", "Siemens"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Siemens posted higher quarterly profit. The cloud partnership with Microsoft,"
            " signed in March, lifted software sales.",
            "en",
        ),
        (
            "Siemens hat im Quartal mehr verdient. Die Cloud-Partnerschaft mit Microsoft soll"
            " bis 2030 laufen.",
            "de",
        ),
    ],
)
def test_a_later_sentence_opening_with_the_deal_and_its_partner_is_the_opening_company_s(
    text: str, lang: str
) -> None:
    assert _parties(text, lang) == [["Microsoft", "Siemens"]]


def test_the_deal_with_the_bought_company_is_no_partnership() -> None:
    text = (
        "Siemens agreed to buy Altair for $10 billion. The partnership with Altair covers"
        " simulation software."
    )
    assert _parties(text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Siemens shares rose 4% on Monday. Microsoft has signed a five-year cloud agreement"
            " with the German group.",
            "en",
        ),
        (
            "Siemens hat im Quartal mehr verdient. Microsoft hat mit dem Münchner Konzern einen"
            " Kooperationsvertrag geschlossen.",
            "de",
        ),
    ],
)
def test_the_company_as_object_of_a_later_sentence_is_the_opening_company(
    text: str, lang: str
) -> None:
    assert _parties(text, lang) == [["Microsoft", "Siemens"]]


def test_a_bare_kind_as_object_may_be_anyone() -> None:
    text = "Siemens posted results on Monday. Rival ABB signed a supply agreement with the utility."
    assert _parties(text, "en") == []


def test_the_company_awarded_a_contract_in_a_later_sentence_is_the_opening_company() -> None:
    text = (
        "Palantir shares rose 5% on Friday. The U.S. Navy awarded the company a $900 million"
        " software contract."
    )
    assert _parties(text, "en") == [["Palantir", "U.S. Navy"]]


def test_what_a_company_runs_on_under_a_deal_names_its_maker() -> None:
    text = "Fabrikam will host its booking system on Litware's cloud under a five-year deal."
    assert _parties(text, "en") == [["Fabrikam", "Litware"]]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "FRANKFURT (dpa-AFX) - Die Aktien von Nordex sind am Mittwoch um sechs Prozent"
            " gestiegen. Auslöser war eine neue Liefervereinbarung mit dem dänischen"
            " Windparkbetreiber Orsted.",
            "de",
            [["Nordex", "Orsted"]],
        ),
        (
            "Shares of Wolfspeed jumped 12% on Tuesday. The rally followed a multi-year supply"
            " agreement with Renesas for silicon carbide wafers.",
            "en",
            [["Renesas", "Wolfspeed"]],
        ),
        # another company made the deal, or names it: the opening company is no party
        (
            "Shares of Wolfspeed jumped 12% on Tuesday. Rival Coherent signed a supply agreement"
            " with Renesas.",
            "en",
            [],
        ),
        (
            "Shares of Wolfspeed jumped 12% on Tuesday. Coherent signed a supply agreement with"
            " Renesas.",
            "en",
            [["Coherent", "Renesas"]],
        ),
        (
            "Shares of Wolfspeed jumped 12% on Tuesday. In a supply deal with Renesas, Coherent"
            " will ship wafers from 2027.",
            "en",
            [["Coherent", "Renesas"]],
        ),
        # what may be is no deal made
        (
            "Shares of Wolfspeed jumped 12% on Tuesday. Analysts said a supply agreement with"
            " Renesas would help margins.",
            "en",
            [],
        ),
    ],
)
def test_a_deal_with_a_partner_later_in_a_sentence_naming_no_other_company_is_the_opening_s(
    text: str, lang: str, expected: list[list[str]]
) -> None:
    assert _parties(text, lang) == expected


def test_rewrite_that_drops_the_cue_word_keeps_the_sentence() -> None:
    # the referring noun is the cue word itself: put in for the known company named before, it
    # would leave nothing to read around
    text = (
        "Siemens baut die Software für künftige Elektroautos auf der Plattform des "
        "US-Herstellers Halvik auf. Das Gemeinschaftsunternehmen beider Konzerne soll bis 2027 "
        "rund 5,8 Milliarden Dollar erhalten."
    )
    candidates = partnership_candidates(text, "de")
    assert candidates
    assert all(candidate.gate_hits for candidate in candidates)
