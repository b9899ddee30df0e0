"""German long-form articles of the forms tests/data/extraction_fresh24_de.jsonl holds: a
broker's review of several companies, each named as the subject of its own sentence; a
round-up's rubric title; a sector as a headline's topic; a rating kept for every company of the
sentence before. The texts below are written for the tests."""

from __future__ import annotations

from analyst_rows import analyst_rows


def _analyst(text: str) -> set[tuple]:
    return set(analyst_rows(text, "de"))


def test_a_company_named_as_subject_goes_on_with_the_broker_of_the_review() -> None:
    text = (
        "Chemie: Kepler Cheuvreux sortiert um\n"
        "Das Analysehaus Kepler Cheuvreux hat seine Einschätzungen für die deutschen "
        'Chemiekonzerne überarbeitet. Lanxess wurde von "Reduce" auf "Hold" hochgestuft, das '
        "Kursziel stieg von 22 auf 27 Euro. Wacker Chemie dagegen stuften die Analysten auf "
        '"Reduce" ab und senkten das Ziel auf 61 Euro.'
    )
    assert _analyst(text) == {
        ("Kepler Cheuvreux", "Lanxess", "up", "Hold", "raise", 27, 22, "EUR"),
        ("Kepler Cheuvreux", "Wacker Chemie", "down", "Reduce", "lower", 61, None, "EUR"),
    }


def test_a_company_moved_in_the_passive_after_the_broker_names_its_review() -> None:
    text = (
        "Die Schweizer Bank UBS hat ihre Einschätzungen für die Baustoffhersteller überarbeitet. "
        'Holcim wurde auf "Buy" hochgestuft, das Kursziel steigt auf 98 Franken.'
    )
    assert _analyst(text) == {("UBS", "Holcim", "up", "Buy", "raise", 98, None, "CHF")}


def test_a_round_up_rubric_title_leaves_its_company_the_subject() -> None:
    text = (
        "Analysten-Check: So bewerteten die Experten die Zalando-Aktie im September\n"
        "Im September äußerten sich mehrere Häuser zum Online-Modehändler. Am 5. September "
        'bestätigte die Baader Bank ihr Votum "Add" mit einem Kursziel von 31 Euro.'
    )
    assert _analyst(text) == {("Baader Bank", "Zalando", "main", "Add", "set", 31, None, "EUR")}


def test_a_sector_before_the_headline_colon_is_no_company() -> None:
    assert _analyst("Autobauer: Bernstein senkt Ziele") == set()
    assert _analyst("Chemiewerte: Jefferies senkt Ziele") == set()
    text = (
        "Autozulieferer: Barclays senkt Ziele\n"
        "Die britische Bank Barclays hat ihre Kursziele für zwei Zulieferer gesenkt: für "
        "Continental auf 64 Euro und für Schaeffler auf 5 Euro."
    )
    assert {row[:2] for row in _analyst(text)} == {
        ("Barclays", "Continental"),
        ("Barclays", "Schaeffler"),
    }


def test_a_rating_kept_for_both_shares_of_the_sentence_before() -> None:
    text = (
        "Zulieferer: Barclays senkt Ziele\n"
        "Die britische Bank Barclays hat ihre Kursziele für zwei Zulieferer gesenkt: für "
        "Continental auf 64 Euro und für Schaeffler auf 5 Euro. Beide Aktien stuft sie weiter "
        'mit "Equal Weight" ein.'
    )
    assert _analyst(text) == {
        ("Barclays", "Continental", "main", "Equal Weight", "lower", 64, None, "EUR"),
        ("Barclays", "Schaeffler", "main", "Equal Weight", "lower", 5, None, "EUR"),
    }


def test_a_label_of_two_words_kept_by_a_stay_verb() -> None:
    text = (
        "Die Investmentbank Bernstein hat ihre Einschätzungen für die europäischen Brauer "
        'überarbeitet. Carlsberg wurde auf "Outperform" hochgestuft. Heineken bleibt auf '
        '"Market-Perform" mit einem Ziel von 82 Euro.'
    )
    assert _analyst(text) == {
        ("Bernstein", "Carlsberg", "up", "Outperform", "none", None, None, None),
        ("Bernstein", "Heineken", "main", "Market-Perform", "set", 82, None, "EUR"),
    }


def test_a_bare_target_takes_the_currency_of_the_next_brokers_target() -> None:
    text = (
        "Beiersdorf\nDie Deutsche Bank senkte das Kursziel auf 118, die Citigroup auf 121 Euro "
        "und Bernstein auf 115 Euro."
    )
    assert _analyst(text) == {
        ("Deutsche Bank", "Beiersdorf", "none", None, "lower", 118, None, "EUR"),
        ("Citigroup", "Beiersdorf", "none", None, "lower", 121, None, "EUR"),
        ("Bernstein", "Beiersdorf", "none", None, "lower", 115, None, "EUR"),
    }
    assert ("Jefferies", "Heineken", "none", None, "raise", 95, None, "EUR") in _analyst(
        "Heineken: Jefferies hebt Ziel auf 95, Barclays auf 92 Euro"
    )


def test_a_broker_named_short_takes_the_full_name_the_text_names_it_by() -> None:
    text = (
        "Sartorius\nDie Analysten von Warburg Research und Metzler haben die Aktie neu "
        'bewertet. Warburg stuft sie mit "Buy" und einem Ziel von 290 Euro ein.'
    )
    assert {row[0] for row in _analyst(text)} == {"Warburg Research"}


def test_a_label_with_its_verb_left_out_takes_the_rating_verb_before() -> None:
    text = (
        'Krones\nDie Deutsche Bank stuft die Aktie mit "Buy" und einem Ziel von 160 Euro ein, '
        'die Citigroup mit "Neutral" und 140 Euro.'
    )
    assert _analyst(text) == {
        ("Deutsche Bank", "Krones", "none", "Buy", "set", 160, None, "EUR"),
        ("Citigroup", "Krones", "none", "Neutral", "set", 140, None, "EUR"),
    }


def test_a_target_owned_by_its_brokers_moves_by_the_verb_after_them() -> None:
    assert _analyst("Gerresheimer\nDas Kursziel der Citigroup steigt auf 70 Euro.") == {
        ("Citigroup", "Gerresheimer", "none", None, "raise", 70, None, "EUR")
    }
    text = (
        "Fuchs\nDie Kursziele von Metzler und Warburg Research sinken auf 41 beziehungsweise "
        "44 Euro."
    )
    assert _analyst(text) == {
        ("Metzler", "Fuchs", "none", None, "lower", 41, None, "EUR"),
        ("Warburg Research", "Fuchs", "none", None, "lower", 44, None, "EUR"),
    }
    # a verb of a clause after the figure tells nothing of the target
    assert _analyst(
        "Gerresheimer\nDas Kursziel der Citigroup liegt bei 70 Euro, nachdem der Kurs fiel."
    ) == {("Citigroup", "Gerresheimer", "none", None, "set", 70, None, "EUR")}


def test_a_headline_read_with_nothing_of_its_brokers_actions_goes_to_the_clause_reader() -> None:
    assert _analyst("Kursziele für Symrise sinken: Bernstein senkt auf 96, UBS auf 99 Euro") == {
        ("Bernstein", "Symrise", "none", None, "lower", 96, None, "EUR"),
        ("UBS", "Symrise", "none", None, "lower", 99, None, "EUR"),
    }
