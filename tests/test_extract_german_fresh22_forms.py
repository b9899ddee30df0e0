"""German articles: rating verbs with other prefixes ("herabgestuft", "hochnahm"), a rating
label after a rating noun in a clause whose verb is left out, a broker named again after its
action, reported speech ("Man halte an ... fest", "Demnach bleibe die Einstufung ..."), the
noun "Einschätzung", a house named with "Bankhaus" beside its short name, and a target verb of
its own after a rating's clause. Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.analyst_rows import analyst_rows


@pytest.mark.parametrize(
    ("sentence", "rating_action", "rating"),
    [
        ('Die Berenberg Bank hat das Papier auf "Sell" herabgestuft.', "down", "Sell"),
        ('Die Berenberg Bank hat das Papier auf "Hold" zurückgestuft.', "down", "Hold"),
        ('Die Berenberg Bank hat das Papier auf "Hold" heruntergestuft.', "down", "Hold"),
        ('Die Berenberg Bank nahm das Papier auf "Buy" hoch.', "up", "Buy"),
    ],
)
def test_rating_verbs_with_other_prefixes(sentence: str, rating_action: str, rating: str) -> None:
    text = "Krones: Analysten bewegen sich\n" + sentence
    assert analyst_rows(text, "de") == [
        ("Berenberg Bank", "Krones", rating_action, rating, "none", None, None, None)
    ]


def test_rating_verb_last_in_a_while_clause() -> None:
    text = (
        "Jenoptik: Die Meinungen gehen auseinander\n"
        'Die Commerzbank stufte die Aktie auf "Reduce" ab, während Stifel sie auf "Buy" hochnahm.'
    )
    assert analyst_rows(text, "de") == [
        ("Commerzbank", "Jenoptik", "down", "Reduce", "none", None, None, None),
        ("Stifel", "Jenoptik", "up", "Buy", "none", None, None, None),
    ]


def test_gapped_clause_with_a_rating_noun_takes_the_verb_before() -> None:
    text = (
        "Infineon: Zwei Häuser bleiben dabei\n"
        'Jefferies bestätigte die Einstufung "Buy", die Baader Bank die Einstufung "Add".'
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Infineon", "main", "Buy", "none", None, None, None),
        ("Baader Bank", "Infineon", "main", "Add", "none", None, None, None),
    ]


def test_a_label_alone_after_a_broker_still_takes_no_verb_without_one_before() -> None:
    text = (
        "Infineon: Zwei Stimmen\n"
        'Jefferies sieht das Ziel bei 45 Euro, die Baader Bank die Einstufung "Add".'
    )
    rows = analyst_rows(text, "de")
    assert ("Baader Bank", "Infineon", "main", "Add", "none", None, None, None) not in rows


def test_broker_named_again_goes_on_about_the_company_it_acted_on() -> None:
    text = (
        "Aktien Frankfurt Ausblick: Zalando und Puma im Fokus\n"
        "Puma gaben dagegen um 1,5 Prozent nach, nachdem die Privatbank Berenberg das Kursziel "
        'von 30 auf 26 Euro gesenkt hatte. Die Einstufung "Hold" behielt Berenberg bei.'
    )
    rows = analyst_rows(text, "de")
    assert ("Berenberg", "Puma", "main", "Hold", "lower", 26, 30, "EUR") in rows


def test_reported_keeping_with_man_as_subject() -> None:
    text = (
        'Ein Anruf bei der Helaba bringt Klarheit: Man halte an der Einstufung "Kaufen" für '
        "Talanx fest, der faire Wert liege unverändert bei 120 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Helaba", "Talanx", "main", "Kaufen", "set", 120, None, "EUR")
    ]


def test_sentence_opened_by_an_adverb_goes_on_with_the_study_before() -> None:
    text = (
        "Die Analysten der Helaba haben ihre Studie zu Covestro überarbeitet. Demnach bleibe die "
        'Einstufung "Neutral" bestehen, das Kursziel werde aber von 60 auf 55 Euro gesenkt.'
    )
    assert analyst_rows(text, "de") == [
        ("Helaba", "Covestro", "main", "Neutral", "lower", 55, 60, "EUR")
    ]


def test_rating_kept_in_the_infinitive_of_reported_speech() -> None:
    text = (
        "Symrise: Helaba bleibt positiv\n"
        'Wie die Analysten der Helaba schreiben, sei die Aktie von Symrise weiterhin mit "Kaufen" '
        "einzustufen."
    )
    assert analyst_rows(text, "de") == [
        ("Helaba", "Symrise", "main", "Kaufen", "none", None, None, None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        'Bei der Zürcher Kantonalbank bleibt die Einschätzung "Marktgewichten".',
        'Die Zürcher Kantonalbank bleibt bei der Einschätzung "Marktgewichten".',
    ],
)
def test_einschaetzung_is_a_rating_noun(sentence: str) -> None:
    text = "Schindler: Analysten uneins\n" + sentence
    assert analyst_rows(text, "de") == [
        ("Zürcher Kantonalbank", "Schindler", "main", "Marktgewichten", "none", None, None, None)
    ]


def test_house_noun_dropped_where_the_title_names_the_house_short() -> None:
    text = (
        "Krones-Aktie: Metzler wird vorsichtig\n"
        'Das Bankhaus Metzler hat Krones von "Buy" auf "Hold" abgestuft und das Kursziel auf 120 '
        "Euro gesenkt."
    )
    assert analyst_rows(text, "de") == [
        ("Metzler", "Krones", "down", "Hold", "lower", 120, None, "EUR")
    ]


def test_house_noun_kept_where_the_text_never_names_the_house_short() -> None:
    text = 'Das Bankhaus Metzler hat Krones von "Buy" auf "Hold" abgestuft.'
    assert analyst_rows(text, "de") == [
        ("Bankhaus Metzler", "Krones", "down", "Hold", "none", None, None, None)
    ]


@pytest.mark.parametrize("verb", ["gesenkt", "zurückgenommen"])
def test_target_verb_after_the_ratings_clause_gives_the_targets_way(verb: str) -> None:
    text = (
        "FRANKFURT (dpa-AFX) - Die Aktien von Jungheinrich haben nach einer Abstufung durch die "
        f'Commerzbank nachgegeben. Die Analysten haben ihr Votum von "Buy" auf "Hold" {verb}, '
        "das Kursziel aber von 40 auf 44 Euro angehoben."
    )
    assert analyst_rows(text, "de") == [
        ("Commerzbank", "Jungheinrich", "down", "Hold", "raise", 44, 40, "EUR")
    ]


def test_coverage_taken_up_with_a_long_object() -> None:
    text = (
        "Pfisterer: Warburg Research startet\n"
        'Warburg Research hat die Coverage von Semperit mit "Buy" und einem Kursziel von 22 Euro '
        "aufgenommen."
    )
    assert analyst_rows(text, "de") == [
        ("Warburg Research", "Semperit", "init", "Buy", "init", 22, None, "EUR")
    ]


def test_target_taken_back_is_lowered() -> None:
    text = "Die UBS hat das Kursziel für Aurubis auf 80 Euro zurückgenommen."
    assert analyst_rows(text, "de") == [("UBS", "Aurubis", "none", None, "lower", 80, None, "EUR")]


def test_plural_trauen_wakes_the_reader() -> None:
    text = "Kion: Bernstein\nDie Experten von Bernstein trauen der Aktie nun 70 Euro zu."
    assert analyst_rows(text, "de") == [("Bernstein", "Kion", "none", None, "set", 70, None, "EUR")]


def test_target_seen_for_the_shares_named_by_a_noun() -> None:
    text = (
        "Jefferies hebt Ziel für Carlsberg\n"
        "Die US-Investmentbank sieht das Papier nun bei 1000 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Carlsberg", "none", None, "raise", 1000, None, "EUR")
    ]


def test_action_dated_months_ago_after_a_long_subject_is_past() -> None:
    text = (
        "Die Analysten der Baader Bank hatten die Aktie von Krones bereits im Februar auf "
        '"Reduce" gesenkt. Am Mittwoch fiel der Kurs um 3 Prozent.'
    )
    assert analyst_rows(text, "de") == []


def test_action_told_in_the_pluperfect_without_a_date_stands() -> None:
    text = (
        "Die Aktie von Krones fiel. Die Analysten der Baader Bank hatten die Aktie zuvor auf "
        '"Reduce" gesenkt.'
    )
    assert analyst_rows(text, "de") == [
        ("Baader Bank", "Krones", "down", "Reduce", "none", None, None, None)
    ]


@pytest.mark.parametrize("word", ["respektive", "resp."])
def test_respektive_deals_the_figures_in_turn(word: str) -> None:
    text = f"Octavian und die ZKB haben die Ziele für Sonova auf 250 {word} 260 Franken gesenkt."
    assert analyst_rows(text, "de") == [
        ("Octavian", "Sonova", "none", None, "lower", 250, None, "CHF"),
        ("ZKB", "Sonova", "none", None, "lower", 260, None, "CHF"),
    ]


def test_title_house_with_bank_before_and_body_reading_are_one_broker() -> None:
    text = (
        "Lonza: Bank Vontobel hebt auf «Buy»\nDie Bank Vontobel hat die Aktien von Lonza auf «Buy» "
        "von «Hold» heraufgestuft. Das Kursziel steigt auf 650 von 560 Franken."
    )
    assert analyst_rows(text, "de") == [
        ("Vontobel", "Lonza", "up", "Buy", "raise", 650, 560, "CHF")
    ]


def test_es_with_a_figure_after_it_stands_for_the_target() -> None:
    text = (
        "Hella: Analysten kappen die Ziele\n"
        "Die DZ Bank senkte das Kursziel von 90 auf 84 Euro. Oddo BHF kappte es auf 80 Euro."
    )
    assert ("Oddo BHF", "Hella", "none", None, "lower", 80, None, "EUR") in analyst_rows(text, "de")


@pytest.mark.parametrize(
    ("teaser", "row"),
    [
        (
            "Ziel bleibt bei 30 Euro.",
            ("Berenberg", "Kion", "main", "Buy", "set", 30, None, "EUR"),
        ),
        (
            '"Buy" bestätigt.',
            ("Berenberg", "Kion", "main", "Buy", "none", None, None, None),
        ),
    ],
)
def test_telegraphic_teaser_goes_on_with_the_title(teaser: str, row: tuple) -> None:
    text = 'Kion: Berenberg bekräftigt "Buy"\n' + teaser
    assert analyst_rows(text, "de") == [row]


def test_telegraphic_participle_keeps_the_rating_of_a_target_title() -> None:
    text = 'Kion: Berenberg hebt Ziel auf 70 Euro\n"Buy" bestätigt.'
    assert analyst_rows(text, "de") == [
        ("Berenberg", "Kion", "main", "Buy", "raise", 70, None, "EUR")
    ]


def test_a_goal_of_the_company_opening_a_sentence_goes_on_with_nothing() -> None:
    text = (
        'Kion: Berenberg bekräftigt "Buy"\n'
        "Ziel des Konzerns ist eine Marge von 10 Prozent bis 2027."
    )
    assert analyst_rows(text, "de") == [
        ("Berenberg", "Kion", "main", "Buy", "none", None, None, None)
    ]


def test_advice_in_words_wakes_the_reader_and_deals_to_a_gapped_clause() -> None:
    text = "Morphosys: Zwei Analysten\nStifel rät zum Kauf, die Commerzbank dagegen zum Verkauf."
    assert analyst_rows(text, "de") == [
        ("Stifel", "Morphosys", "none", "Kauf", "none", None, None, None),
        ("Commerzbank", "Morphosys", "none", "Verkauf", "none", None, None, None),
    ]


def test_kept_with_the_label_after_mit() -> None:
    text = 'Fraport: Barclays bleibt skeptisch\nBarclays bleibt mit "Underweight" skeptisch.'
    assert analyst_rows(text, "de") == [
        ("Barclays", "Fraport", "main", "Underweight", "none", None, None, None)
    ]


def test_rated_nach_wie_vor_is_kept() -> None:
    text = (
        "Die Zürcher Kantonalbank bewertet die Aktien von Schindler nach wie vor mit "
        "«Übergewichten»."
    )
    assert analyst_rows(text, "de") == [
        ("Zürcher Kantonalbank", "Schindler", "main", "Übergewichten", "none", None, None, None)
    ]


@pytest.mark.parametrize("company", ["Stadler Rail", "EVN"])
def test_swiss_and_austrian_names_known_without_a_slot(company: str) -> None:
    text = f'Die Analysten von Jefferies haben {company} auf "Buy" hochgestuft.'
    assert analyst_rows(text, "de") == [
        ("Jefferies", company, "up", "Buy", "none", None, None, None)
    ]


def test_two_targets_joined_by_und_are_dealt_to_the_brokers_before() -> None:
    text = (
        "Aurubis: Analysten uneins\n"
        'Die DZ Bank hat Aurubis auf "Kaufen" hochgestuft, die LBBW hingegen auf "Halten" '
        "gesenkt. Die Kursziele liegen bei 95 und 80 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Aurubis", "up", "Kaufen", "set", 95, None, "EUR"),
        ("LBBW", "Aurubis", "down", "Halten", "set", 80, None, "EUR"),
    ]


def test_a_range_of_targets_is_dealt_to_no_one() -> None:
    text = (
        "Aurubis: Analysten uneins\n"
        'Die DZ Bank hat Aurubis auf "Kaufen" hochgestuft, die LBBW hingegen auf "Halten" '
        "gesenkt. Die Kursziele liegen zwischen 80 und 95 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Aurubis", "up", "Kaufen", "none", None, None, None),
        ("LBBW", "Aurubis", "down", "Halten", "none", None, None, None),
    ]
