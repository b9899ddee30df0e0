"""German long-form articles: rating nouns, verbs of keeping and moving, sentences that go on
without their broker, lists of brokers with their targets.

tests/data/extraction_fresh3_de.jsonl holds German articles (finanzen.net, dpa-AFX, Handelsblatt,
newsletter and "Der Aktionär" styles) written and labelled for these tests before the extractor
was run on them; it is scored like the dev sets. The texts below are written for the tests.
"""

from __future__ import annotations

from pathlib import Path

from analyst_rows import analyst_rows

from bot.evaluate import load_gold, score
from rules.extract import extract

FRESH = Path(__file__).parent / "data" / "extraction_fresh3_de.jsonl"


def _analyst(text: str) -> set[tuple]:
    return set(analyst_rows(text, "de"))


def test_a_keeping_verb_with_a_rating_noun_keeps_the_rating() -> None:
    text = (
        "Gea-Aktie: Kaufempfehlung bekräftigt\n"
        "Der Anlagenbauer Gea hat solide Zahlen vorgelegt. Die Investmentbank Jefferies "
        "bekräftigte ihre Kaufempfehlung für die Aktie und hob das Kursziel von 44 auf 47 Euro an."
    )
    assert _analyst(text) == {("Jefferies", "Gea", "main", None, "raise", 47, 44, "EUR")}
    # the noun first, its verb after it, and in the passive
    text = (
        "Fuchs-Aktie\nDer Schmierstoffhersteller Fuchs überzeugt. Die Analysten der DZ Bank "
        "haben ihr Kaufvotum erneut bestätigt. "
        'Die Privatbank Metzler senkte ihr Kursziel auf 41 Euro. Die Einstufung "Hold" wurde '
        "bestätigt."
    )
    assert _analyst(text) == {
        ("DZ Bank", "Fuchs", "main", None, "none", None, None, None),
        ("Metzler", "Fuchs", "main", "Hold", "lower", 41, None, "EUR"),
    }


def test_a_target_verb_with_a_rating_moves_the_rating() -> None:
    text = (
        "Jungheinrich-Aktie unter Druck\nDie Titel von Jungheinrich gaben nach. Die Baader Bank "
        'senkte ihr Votum für den Gabelstaplerhersteller auf "Reduce" und das Kursziel auf '
        "27 Euro."
    )
    assert _analyst(text) == {
        ("Baader Bank", "Jungheinrich", "down", "Reduce", "lower", 27, None, "EUR")
    }
    # without a target noun the verb moves only the rating
    text = (
        "Cancom-Aktie\nDer IT-Dienstleister Cancom hat enttäuscht. Die Privatbank Berenberg hat "
        'ihr Votum auf "Hold" gesenkt.'
    )
    assert _analyst(text) == {("Berenberg", "Cancom", "down", "Hold", "none", None, None, None)}


def test_a_particle_far_from_its_verb_still_tells_the_direction() -> None:
    text = (
        "Siltronic-Aktie\nDer Waferhersteller Siltronic erholt sich. Die Commerzbank stufte die "
        'Papiere des Unternehmens von "Reduce" auf "Hold" herauf.'
    )
    assert _analyst(text) == {("Commerzbank", "Siltronic", "up", "Hold", "none", None, None, None)}


def test_a_sentence_that_goes_on_without_its_broker_fills_in_its_action() -> None:
    text = (
        "Krones-Aktie: Abstufung\nDie Aktie von Krones verlor deutlich. Die Investmentbank "
        'Stifel stufte die Aktie auf "Hold" ab. Das Kursziel sank von 150 auf 128 Euro.'
    )
    assert _analyst(text) == {("Stifel", "Krones", "down", "Hold", "lower", 128, 150, "EUR")}
    text = (
        "Dürr-Aktie\nDer Maschinenbauer Dürr hat geliefert. Die Analysten von Warburg Research "
        'haben ihr Kursziel auf 30 Euro angehoben. Die Einstufung bleibt bei "Buy".'
    )
    assert _analyst(text) == {("Warburg Research", "Dürr", "main", "Buy", "raise", 30, None, "EUR")}


def test_a_sentence_that_goes_on_needs_the_one_broker_before_it() -> None:
    # two brokers in the sentence before: whose target sank is not told
    text = (
        "Krones-Aktie\nDie Aktie von Krones verlor deutlich. Stifel und Jefferies stuften die "
        'Aktie auf "Hold" ab. Das Kursziel sank auf 128 Euro.'
    )
    assert {event[4] for event in _analyst(text)} == {"none"}


def test_the_analyst_named_after_the_noun_is_the_broker_before() -> None:
    text = (
        "FRANKFURT (dpa-AFX) - Die Aktie von Stabilus zog nach einer Kaufempfehlung der "
        'Deutschen Bank an. Analyst Peter Rothenaicher nahm das Papier mit "Buy" und einem '
        "Kursziel von 58 Euro in die Bewertung auf."
    )
    assert _analyst(text) == {("Deutsche Bank", "Stabilus", "init", "Buy", "init", 58, None, "EUR")}


def test_a_broker_named_short_is_the_one_named_in_full_before() -> None:
    text = (
        "FRANKFURT (dpa-AFX) - Eine Abstufung durch Morgan Stanley hat die Aktien von Traton "
        'belastet. Morgan-Analyst Dan Levy senkte das Votum auf "Equal-weight" und das '
        "Kursziel auf 33 Euro."
    )
    assert _analyst(text) == {
        ("Morgan Stanley", "Traton", "down", "Equal-weight", "lower", 33, None, "EUR")
    }


def test_a_broker_known_by_its_short_name_too_fills_in_its_full_reading() -> None:
    for full, short in (("Goldman Sachs", "Goldman"), ("Warburg Research", "Warburg")):
        text = (
            f"FRANKFURT (dpa-AFX) - Eine Abstufung durch {full} hat die Aktien von Knorr-Bremse "
            f'belastet. {short}-Analystin Anna Berg senkte das Votum auf "Hold" und das Kursziel '
            "auf 72 Euro."
        )
        assert _analyst(text) == {(full, "Knorr-Bremse", "down", "Hold", "lower", 72, None, "EUR")}


def test_a_stated_target_takes_no_direction_from_the_clause_before() -> None:
    text = (
        "Liebe Leserinnen und Leser,\nheute geht es um Elmos. Die Baader Bank hat ihr Kursziel "
        "für die Aktie auf 95 Euro angehoben, Warburg Research traut dem Papier 100 Euro zu."
    )
    assert _analyst(text) == {
        ("Baader Bank", "Elmos", "none", None, "raise", 95, None, "EUR"),
        ("Warburg Research", "Elmos", "none", None, "set", 100, None, "EUR"),
    }


def test_a_salutation_line_leaves_the_subject_to_the_next_line() -> None:
    text = (
        "Liebe Leserinnen und Leser,\nheute geht es um Elmos. Die Baader Bank hat ihr Kursziel "
        "auf 95 Euro angehoben."
    )
    assert {event[1] for event in _analyst(text)} == {"Elmos"}
    # a title about two companies still leaves no subject
    text = "Elmos und Aixtron im Fokus\nDie Baader Bank hat ihr Kursziel auf 95 Euro angehoben."
    assert _analyst(text) == set()


def test_a_list_of_targets_goes_to_the_brokers_in_order() -> None:
    text = (
        "Meta-Aktie: Neue Ziele\nDer Facebook-Konzern hat überzeugt. Barclays, Citigroup und "
        "Bernstein hoben ihre Kursziele auf 700, 720 und 690 Dollar an."
    )
    assert {(event[0], event[5], event[7]) for event in _analyst(text)} == {
        ("Barclays", 700, "USD"),
        ("Citigroup", 720, "USD"),
        ("Bernstein", 690, "USD"),
    }


def test_earlier_targets_and_change_sizes_are_no_targets() -> None:
    text = (
        "Knorr-Bremse-Aktie\nDie Aktie von Knorr-Bremse legte zu. Die UBS hat ihr Kursziel für "
        "den Bremsenhersteller um 6 Euro auf 84 Euro angehoben."
    )
    assert {(event[5], event[6]) for event in _analyst(text)} == {(84, None)}
    text = (
        "Hornbach-Aktie\nDer Baumarktkonzern Hornbach überzeugt. Die Analysten von Metzler "
        "sehen den fairen Wert nun bei 110 Euro, nach zuvor 96 Euro."
    )
    assert _analyst(text) == {("Metzler", "Hornbach", "none", None, "raise", 110, 96, "EUR")}


def test_a_headlines_stated_target_takes_the_bodys_direction() -> None:
    text = (
        "ANALYSE-FLASH: Citigroup senkt Hella auf 'Neutral' - Ziel 80 Euro\n"
        'NEW YORK (dpa-AFX Analyser) - Die US-Bank Citigroup hat Hella von "Buy" auf '
        '"Neutral" abgestuft und das Kursziel von 95 auf 80 Euro gesenkt.'
    )
    assert _analyst(text) == {("Citigroup", "Hella", "down", "Neutral", "lower", 80, 95, "EUR")}


def test_vague_mentions_and_previews_give_no_analyst_event() -> None:
    texts = (
        "Symrise vor Zahlen\nSymrise legt am Dienstag Zahlen vor. Jefferies-Analyst Martin "
        "Roediger rechnet mit einem Umsatz von 1,3 Milliarden Euro. Die Aktie schloss bei 95 Euro.",
        "Commerzbank-Aktie\nDie Commerzbank hat ihre Prognose bestätigt. Die Aktie stieg um drei "
        "Prozent auf 16 Euro.",
        "Bankaktien gefragt\nAnalysten erwarten weiter steigende Zinsüberschüsse. Die Aktien von "
        "Commerzbank und Deutscher Bank legten zu.",
    )
    for text in texts:
        assert _analyst(text) == set(), text


def test_a_verb_before_its_broker_still_acts() -> None:
    text = (
        "Nemetschek-Aktie\nDie Nemetschek-Aktie wird positiv gesehen. So bekräftigte die "
        "Privatbank Berenberg ihr Kaufvotum mit einem Kursziel von 130 Euro."
    )
    assert _analyst(text) == {("Berenberg", "Nemetschek", "main", None, "set", 130, None, "EUR")}
    text = (
        'Talanx: Neue Abdeckung\nMit "Overweight" und einem Kursziel von 120 Euro startete '
        "die Investmentbank JPMorgan die Bewertung der Aktie von Talanx."
    )
    assert _analyst(text) == {
        ("JPMorgan", "Talanx", "init", "Overweight", "init", 120, None, "EUR")
    }


def test_a_pronoun_subject_goes_on_with_the_broker_before() -> None:
    text = (
        "Puma-Aktie: Kursziel gesenkt\nDie Analysten der UBS haben die Aktie von Puma auf "
        '"Neutral" belassen. Zugleich senkten sie das Kursziel von 48 auf 42 Euro.'
    )
    assert _analyst(text) == {("UBS", "Puma", "main", "Neutral", "lower", 42, 48, "EUR")}


def test_a_recommendation_in_words_gives_the_rating() -> None:
    text = (
        "Evonik-Aktie\nDie Aktie von Evonik stieg leicht. Die Investmentbank Jefferies empfiehlt "
        "die Papiere weiterhin zum Kauf und sieht ein Kursziel von 24 Euro."
    )
    assert _analyst(text) == {("Jefferies", "Evonik", "none", "Kauf", "set", 24, None, "EUR")}


def test_a_bank_acted_on_is_the_company() -> None:
    text = (
        "Commerzbank-Aktie\nDie Aktie der Commerzbank stieg um vier Prozent. Die Deutsche Bank "
        "sieht das Kursziel für die Commerzbank weiterhin bei 25 Euro."
    )
    assert _analyst(text) == {
        ("Deutsche Bank", "Commerzbank", "none", None, "set", 25, None, "EUR")
    }


def test_the_titles_short_name_and_the_bodys_full_one_are_one_company() -> None:
    text = (
        "Merck-Aktie: Jefferies mit Kaufempfehlung\nDie Aktie von Merck KGaA stieg um zwei "
        "Prozent. Die Investmentbank Jefferies hob das Kursziel auf 190 Euro an."
    )
    assert {(event[0], event[1]) for event in _analyst(text)} == {("Jefferies", "Merck KGaA")}


def test_in_a_market_report_the_share_is_the_company_of_the_sentence_before() -> None:
    text = (
        "Dax am Mittag\nDer Dax stieg leicht. Dagegen fielen die Papiere von Hellofresh um "
        'vier Prozent. Die Investmentbank Jefferies hatte die Aktie auf "Underperform" '
        "abgestuft."
    )
    assert _analyst(text) == {
        ("Jefferies", "Hellofresh", "down", "Underperform", "none", None, None, None)
    }
    # the sentence before names two companies: no event
    text = (
        "Dax am Mittag\nDer Dax stieg leicht. Dagegen fielen die Papiere von Hellofresh und "
        'Zalando. Die Investmentbank Jefferies hatte die Aktie auf "Underperform" abgestuft.'
    )
    assert _analyst(text) == set()


def test_a_headline_keeping_a_rating_noun() -> None:
    assert _analyst("Metzler bekräftigt Einstufung für Krones mit 'Buy' - Ziel 150 Euro") == {
        ("Metzler", "Krones", "main", "Buy", "set", 150, None, "EUR")
    }
    assert _analyst("DZ Bank bestätigt Kaufempfehlung für Wacker Neuson - Ziel 22 Euro") == {
        ("DZ Bank", "Wacker Neuson", "main", None, "set", 22, None, "EUR")
    }


def test_a_market_report_goes_from_company_to_company() -> None:
    text = (
        "Die Aktie vonGEAgewann 1,5 Prozent. Die Experten von Jefferies bestätigten ihre "
        "Kaufempfehlung. Im MDax verlorAurubis2,1 Prozent, weil Barclays die Aktie auf "
        '"Underweight" abgestuft hatte. Im SDax sackten die Titel vonKRONESum acht Prozent ab. '
        "Hier strich die Privatbank Berenberg ihre Kaufempfehlung. Analystin Anna Berg senkte "
        "das Kursziel zudem von 150 auf 120 Euro."
    )
    assert _analyst(text) == {
        ("Jefferies", "GEA", "main", None, "none", None, None, None),
        ("Barclays", "Aurubis", "down", "Underweight", "none", None, None, None),
        ("Berenberg", "KRONES", "down", None, "lower", 120, 150, "EUR"),
    }


def test_the_company_before_needs_a_document_without_subject() -> None:
    text = (
        "Puma-Aktie unter Druck\nDie Aktie fiel. Auch Adidas gab nach. Berenberg senkte das "
        "Kursziel auf 40 Euro."
    )
    assert {event[1] for event in _analyst(text)} == {"Puma"}


def test_a_sector_is_no_subject() -> None:
    text = (
        "Chemiewerte: Citigroup wird vorsichtig\nDie US-Bank Citigroup sieht schwierige Zeiten "
        "für die Chemiekonzerne. Die Analysten senkten ihre Kursziele für die gesamte Branche."
    )
    assert _analyst(text) == set()


def test_a_rubric_title_names_its_company_after_the_colon() -> None:
    text = (
        "Unser Nebenwert der Woche: Pfeiffer und Partner\nDas Unternehmen wächst kräftig. Die "
        "Analysten von Warburg Research sehen das Kursziel bei 30 Euro."
    )
    assert _analyst(text) == {
        ("Warburg Research", "Pfeiffer und Partner", "none", None, "set", 30, None, "EUR")
    }
    # after the colon a phrase, not a name: no subject
    text = (
        "Unser Nebenwert der Woche: Ein Wachstumswert\nDas Unternehmen wächst kräftig. Die "
        "Analysten von Warburg Research sehen das Kursziel bei 30 Euro."
    )
    assert _analyst(text) == set()


def test_the_fresh_german_articles_score_analyst_actions() -> None:
    records, bad = load_gold(str(FRESH), err=None)  # type: ignore[arg-type]
    assert bad == 0 and len(records) >= 60
    predicted = {str(r["id"]): [e.to_dict() for e in extract(r["text"], "de")] for r in records}
    counts = score(records, predicted).by_type["analyst"]
    assert counts.precision >= 0.95 and counts.recall >= 0.9, counts.to_dict()
