"""Whole articles: the document's subject, several brokers in one sentence, consensus parts.

tests/data/extraction_articles.jsonl holds article texts written and labelled for these tests
(labelled before the extractor was run on them); it is scored like the dev sets.
"""

from __future__ import annotations

from pathlib import Path

from bot.evaluate import load_gold, score, split_of
from rules.extract import extract

ARTICLES = Path(__file__).parent / "data" / "extraction_articles.jsonl"


def _analyst(text: str, lang: str, subject: str | None = None) -> set[tuple]:
    return {
        (e.broker, e.company, e.rating_action, e.target_action, e.target, e.prior_target)
        for e in extract(text, lang, subject=subject)
        if e.type == "analyst"
    }


def test_a_sentence_without_company_takes_the_titles_one_subject() -> None:
    text = (
        "Puma-Aktie: Analyst wird vorsichtiger\n"
        "Die Aktie stand am Mittwoch unter Druck. Die Privatbank Berenberg senkte das Kursziel "
        "für das Papier von 55 auf 44 Euro."
    )
    assert _analyst(text, "de") == {("Berenberg", "Puma", "none", "lower", 44, 55)}


def test_a_title_asking_about_a_company_names_its_subject() -> None:
    text = (
        "Why Lululemon stock is sinking today\n"
        "Shares of the yoga-wear maker fell 9% after Jefferies downgraded the company to hold "
        "from buy."
    )
    assert _analyst(text, "en") == {("Jefferies", "Lululemon", "down", "none", None, None)}


def test_no_clear_subject_no_event() -> None:
    text = (
        "BASF und Covestro unter Druck\n"
        "Die Chemiewerte gaben deutlich nach. Ein Analyst von JPMorgan senkte das Kursziel auf "
        "40 Euro."
    )
    assert _analyst(text, "de") == set()


def test_the_caller_may_name_the_subject() -> None:
    text = "Shares rose 3%. Mizuho raised its price target on the stock to $220 from $200."
    assert _analyst(text, "en") == set()
    assert _analyst(text, "en", subject="Broadcom") == {
        ("Mizuho", "Broadcom", "none", "raise", 220, 200)
    }


def test_the_callers_subject_yields_to_a_title_about_another_company() -> None:
    body = "\nShares rose 3%. Mizuho raised its price target on the stock to $220 from $200."
    # the caller's company and the title's are one: the caller's spelling stands
    assert _analyst("Broadcom Inc. shares climb" + body, "en", subject="Broadcom") == {
        ("Mizuho", "Broadcom", "none", "raise", 220, 200)
    }
    # the title is about another company: no clear subject, no event
    assert _analyst("Marvell Technology shares climb" + body, "en", subject="Broadcom") == set()
    assert _analyst("Marvell, Broadcom shares climb" + body, "en", subject="Broadcom") == set()


def test_each_broker_of_a_sentence_gets_its_own_direction() -> None:
    text = (
        "Siemens Energy-Aktie im Fokus\nDie US-Bank JPMorgan hob das Kursziel von 60 auf 72 Euro "
        "an, die Schweizer Großbank UBS dagegen senkte es auf 52 Euro."
    )
    assert _analyst(text, "de") == {
        ("JPMorgan", "Siemens Energy", "none", "raise", 72, 60),
        ("UBS", "Siemens Energy", "none", "lower", 52, None),
    }


def test_respectively_deals_the_numbers_out_in_order() -> None:
    text = (
        "Allianz-Aktie: Kursziele rauf\nDie Analysten von Jefferies und Kepler Cheuvreux hoben "
        "ihre Kursziele auf 310 beziehungsweise 320 Euro an."
    )
    assert _analyst(text, "de") == {
        ("Jefferies", "Allianz", "none", "raise", 310, None),
        ("Kepler Cheuvreux", "Allianz", "none", "raise", 320, None),
    }


def test_a_list_of_brokers_shares_the_verb_before_it() -> None:
    text = (
        "Rheinmetall-Aktie: Die Kursziele steigen\nZuletzt hoben Jefferies (auf 1.900 Euro), "
        "Bernstein (auf 1.750 Euro) und die DZ Bank (auf 1.800 Euro) ihre Kursziele an."
    )
    assert {(b, t) for b, _, _, _, t, _ in _analyst(text, "de")} == {
        ("Jefferies", 1900),
        ("Bernstein", 1750),
        ("DZ Bank", 1800),
    }


def test_consensus_parts_told_in_two_sentences_make_one_event() -> None:
    text = (
        "SAP-Aktie: So sehen Analysten den Softwarekonzern\nEs gibt 19 Kaufempfehlungen, "
        "5 Halteempfehlungen und 1 Verkaufsempfehlung. Das durchschnittliche Kursziel liegt bei "
        "265 Euro."
    )
    found = [e.to_dict() for e in extract(text, "de") if e.type == "consensus"]
    assert found == [
        {
            "type": "consensus",
            "company": "SAP",
            "mean_target": 265,
            "median_target": None,
            "buy": 19,
            "hold": 5,
            "sell": 1,
            "currency": "EUR",
            "rating": None,
            "analysts": None,
        }
    ]


def test_the_split_is_fixed_by_the_texts_hash() -> None:
    assert {split_of(str(n)) for n in range(40)} == {"study", "score"}
    assert split_of("same text") == split_of("same text")


def test_the_article_set_scores_analyst_actions() -> None:
    records, bad = load_gold(str(ARTICLES), err=None)  # type: ignore[arg-type]
    assert bad == 0 and len(records) >= 80
    predicted = {
        str(r["id"]): [e.to_dict() for e in extract(r["text"], r["lang"])] for r in records
    }
    report = score(records, predicted)
    for lang in ("de", "en"):
        counts = report.by_lang[lang]["analyst"]
        # where this stands now; the targets (P >= 0.95, R >= 0.90) are not reached yet
        assert counts.precision >= 0.77 and counts.recall >= 0.75, (lang, counts.to_dict())


def test_the_subject_takes_the_full_name_the_lead_writes() -> None:
    text = (
        "Qualcomm jumps\nQualcomm Technologies Inc. rose 4% on Friday. Bernstein raised its "
        "price target on the stock to $210 from $190."
    )
    assert _analyst(text, "en") == {
        ("Bernstein", "Qualcomm Technologies", "none", "raise", 210, 190)
    }


def test_a_broker_keeps_the_firm_words_written_after_it() -> None:
    text = (
        "Moderna slips\nModerna shares fell 2%. Leerink Partners cut its target on the "
        "vaccine maker to $40 from $55, while Evercore ISI raised its own to $60."
    )
    assert ("Leerink Partners", "Moderna", "none", "lower", 40, 55) in _analyst(text, "en")


def test_francs_are_swiss_francs() -> None:
    text = (
        "Roche steady\nRoche shares were flat. Jefferies raised its price target on the "
        "drugmaker to 310 Swiss francs from 290 Swiss francs."
    )
    [event] = [e for e in extract(text, "en") if e.type == "analyst"]
    assert (event.target, event.prior_target, event.currency) == (310, 290, "CHF")


def test_the_analyst_of_the_sentence_before_is_its_broker() -> None:
    text = (
        "FRANKFURT - Die Aktie von Kion gab am Montag nach einem Kommentar der Privatbank "
        "Metzler deutlich nach. Der Analyst senkte das Kursziel von 52 auf 41 Euro."
    )
    assert _analyst(text, "de") == {("Metzler", "Kion", "none", "lower", 41, 52)}
    english = (
        "Etsy slides\nEtsy shares fell after a note from Truist Securities. The broker cut its "
        "price target on the stock to $48 from $60."
    )
    assert ("Truist Securities", "Etsy", "none", "lower", 48, 60) in _analyst(english, "en")


def test_two_brokers_of_the_sentence_before_leave_the_analyst_unnamed() -> None:
    text = (
        "Die Aktie von Kion fiel, nachdem sich Metzler und Berenberg skeptisch geäußert hatten. "
        "Der Analyst senkte das Kursziel von 52 auf 41 Euro."
    )
    assert not any(event[3] == "lower" for event in _analyst(text, "de"))


def test_each_broker_of_a_sentence_keeps_its_own_figures() -> None:
    text = (
        "Snowflake climbs\nSnowflake shares rose 6% after Wedbush upgraded the data company to "
        "outperform from neutral, and Citi raised its target to $260."
    )
    assert _analyst(text, "en") == {
        ("Wedbush", "Snowflake", "up", "none", None, None),
        ("Citi", "Snowflake", "none", "raise", 260, None),
    }


def test_the_full_name_is_read_from_the_lead_when_the_title_names_none() -> None:
    text = (
        "Wall Street turns upbeat on the platform after a strong quarter\n"
        "Uber Technologies Inc. advanced on Thursday. Barclays raised "
        "its target to $45 from $38; Mizuho went to $47 from $40."
    )
    assert _analyst(text, "en") == {
        ("Barclays", "Uber Technologies", "none", "raise", 45, 38),
        ("Mizuho", "Uber Technologies", "none", "raise", 47, 40),
    }


def test_a_keeping_verb_with_a_target_keeps_the_target() -> None:
    text = (
        "Jenoptik-Aktie unter Druck\nDie Analysten von Warburg Research senkten ihr Kursziel "
        "von 40 auf 33 Euro, während die DZ Bank das ihre bei 36 Euro beließ."
    )
    assert _analyst(text, "de") == {
        ("Warburg Research", "Jenoptik", "none", "lower", 33, 40),
        ("DZ Bank", "Jenoptik", "none", "set", 36, None),
    }


def test_a_bank_acted_on_is_the_company() -> None:
    text = (
        "Jefferies downgraded Barclays Group to hold from buy, with a price target of 260 pence, "
        "citing pressure on margins."
    )
    assert _analyst(text, "en") == {("Jefferies", "Barclays Group", "down", "set", 260, None)}


def test_a_name_inside_a_description_is_not_the_company() -> None:
    text = (
        "Meta gains\nMeta shares rose 2%. Loop Capital raised its price target on the "
        "Facebook parent to $700 from $650."
    )
    assert _analyst(text, "en") == {("Loop Capital", "Meta", "none", "raise", 700, 650)}


def test_amounts_with_their_own_currency_are_dealt_out_in_order() -> None:
    text = (
        "Nvidia extends gains\nNvidia Corp. rose again on Monday. Bernstein and Mizuho lifted "
        "their price targets to $185 and $190, respectively, after the chipmaker's results."
    )
    assert _analyst(text, "en") == {
        ("Bernstein", "Nvidia", "none", "raise", 185, None),
        ("Mizuho", "Nvidia", "none", "raise", 190, None),
    }
