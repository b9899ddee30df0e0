"""German article prose: an action told over two sentences whose second fronts its target noun
("Ein Kursziel nannte die Landesbank mit 80 Euro"), ratings kept or given by a participle or
verb around "mit" and a quoted label, coverage taken up again without a noun for it, a bank
whose shares are acted on, and the companies of a listed target change kept beside one
another."""

from __future__ import annotations

from analyst_rows import analyst_rows


def test_fronted_target_noun_goes_on_with_the_broker_named_by_a_noun() -> None:
    text = (
        'Die LBBW hat Aurubis auf "Halten" abgestuft. Ein Kursziel nannte die Landesbank mit '
        "80 Euro. Die Kupferpreise dürften sinken."
    )
    assert analyst_rows(text, "de") == [
        ("LBBW", "Aurubis", "down", "Halten", "set", 80, None, "EUR")
    ]


def test_fronted_fair_value_in_the_accusative_goes_on() -> None:
    text = (
        'Die DZ Bank hat Hornbach von "Halten" auf "Kaufen" hochgestuft. Den fairen Wert hoben '
        "die Analysten von 95 auf 110 Euro an."
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Hornbach", "up", "Kaufen", "raise", 110, 95, "EUR")
    ]


def test_rating_kept_by_a_participle_after_mit() -> None:
    text = (
        'Warburg Research hat Hornbach weiterhin mit "Buy" bewertet und das Kursziel von 110 auf '
        "104 Euro gesenkt."
    )
    assert analyst_rows(text, "de") == [
        ("Warburg Research", "Hornbach", "main", "Buy", "lower", 104, 110, "EUR")
    ]
    text = 'Metzler hat die Aktie von Kion weiter mit "Hold" eingestuft, das Ziel aber gesenkt.'
    assert [row[:4] for row in analyst_rows(text, "de")] == [("Metzler", "Kion", "main", "Hold")]


def test_coverage_taken_up_again_without_a_noun_for_it() -> None:
    text = (
        'Oddo BHF hat die Aktie von Kion wieder mit "Outperform" aufgenommen. Das Kursziel legt '
        "die Bank auf 50 Euro fest."
    )
    assert analyst_rows(text, "de") == [
        ("Oddo BHF", "Kion", "init", "Outperform", "init", 50, None, "EUR")
    ]


def test_a_bank_whose_shares_are_named_is_the_company() -> None:
    text = (
        'Die Citigroup hat die Aktie der Deutschen Bank von "Neutral" auf "Buy" hochgestuft. Das '
        "Kursziel erhöhte sie von 18 auf 24 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Citigroup", "Deutsche Bank", "up", "Buy", "raise", 24, 18, "EUR")
    ]


def test_taiwan_dollar() -> None:
    text = (
        'Jefferies hat die Aktie von TSMC mit "Buy" und einem Kursziel von 1.250 Taiwan-Dollar '
        "bestätigt."
    )
    assert [row[-3:] for row in analyst_rows(text, "de")] == [(1250, None, "TWD")]


def test_baader_named_short() -> None:
    text = 'Die Papiere von Jenoptik legten zu. Baader hob sie von "Reduce" auf "Add" an.'
    assert [row[:4] for row in analyst_rows(text, "de")] == [("Baader", "Jenoptik", "up", "Add")]


def test_rating_noun_rating_kept_by_lautet_weiter() -> None:
    text = (
        "Die Schweizer Großbank UBS hat das Kursziel für Adobe von 600 auf 640 Dollar erhöht. "
        'Das Rating lautet weiter "Buy".'
    )
    assert analyst_rows(text, "de") == [("UBS", "Adobe", "main", "Buy", "raise", 640, 600, "USD")]


def test_rating_given_with_mit_and_a_rating_verb() -> None:
    text = (
        "Bei Airbus bleiben die Analysten zuversichtlich. Bernstein bewertet die Aktie mit "
        '"Outperform" bei einem Ziel von 200 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Bernstein", "Airbus", "none", "Outperform", "set", 200, None, "EUR")
    ]
    text = (
        'Während Exane die Papiere von Puma mit "Underperform" und einem Ziel von 18 Euro '
        "einstuft, hob Jefferies das Ziel auf 30 Euro an."
    )
    assert analyst_rows(text, "de") == [
        ("Exane", "Puma", "none", "Underperform", "set", 18, None, "EUR"),
        ("Jefferies", "Puma", "none", None, "raise", 30, None, "EUR"),
    ]


def test_listed_companies_each_keep_their_figure() -> None:
    text = (
        "Die Analysten von Jefferies haben ihre Kursziele für RWE und Eon gesenkt, auf 38 "
        "beziehungsweise 13 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "RWE", "none", None, "lower", 38, None, "EUR"),
        ("Jefferies", "Eon", "none", None, "lower", 13, None, "EUR"),
    ]


def test_fair_value_in_the_nominative_goes_on() -> None:
    text = (
        "Die französische Bank Exane BNP Paribas hat Gea auf „Underperform“ abgestuft. Der faire "
        "Wert wurde auf 41 Euro gesenkt."
    )
    assert analyst_rows(text, "de") == [
        ("Exane BNP Paribas", "Gea", "down", "Underperform", "lower", 41, None, "EUR")
    ]


def test_target_noun_as_subject_of_klettert_is_raised() -> None:
    text = (
        'Die Analysten von Warburg Research haben Dürr auf "Buy" hochgestuft. Das Kursziel '
        "klettert auf 31 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Warburg Research", "Dürr", "up", "Buy", "raise", 31, None, "EUR")
    ]


def test_das_institut_names_the_broker_before() -> None:
    text = (
        "Für die Papiere von Evonik sieht die Citigroup wieder mehr Luft nach oben. Das Institut "
        'hob sie auf "Buy" und das Ziel auf 24 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Citigroup", "Evonik", "up", "Buy", "raise", 24, None, "EUR")
    ]


def test_coverage_started_by_a_participle_and_its_target_told_after_als() -> None:
    text = (
        'Stifel hat die Coverage von Redcare Pharmacy mit "Buy" gestartet. Als Kursziel nennen '
        "die Analysten 150 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Stifel", "Redcare Pharmacy", "init", "Buy", "init", 150, None, "EUR")
    ]


def test_pronoun_starting_with_a_quoted_label() -> None:
    text = (
        "Die Investmentbank Jefferies hat die Aktie der Deutschen Börse in ihre Bewertung "
        'aufgenommen. Sie startet mit "Buy" und einem Ziel von 270 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Deutsche Börse", "init", "Buy", "init", 270, None, "EUR")
    ]


def test_target_noun_as_a_label() -> None:
    text = 'Kepler Cheuvreux hat Continental von "Hold" auf "Buy" angehoben. Kursziel: 85 Euro.'
    assert analyst_rows(text, "de") == [
        ("Kepler Cheuvreux", "Continental", "up", "Buy", "set", 85, None, "EUR")
    ]


def test_pluperfect_action_dated_months_back_is_past() -> None:
    text = (
        'Vor vier Monaten hatte Barclays die Aktie von Puma noch auf "Underweight" abgestuft. '
        "Seitdem hat sich das Papier erholt."
    )
    assert analyst_rows(text, "de") == []


def test_rating_kept_in_reported_speech() -> None:
    text = (
        "Wie aus einer Studie hervorgeht, habe die UBS ihr Kursziel für Henkel von 80 auf 86 Euro "
        'angehoben. Die Einstufung laute weiterhin "Buy".'
    )
    assert analyst_rows(text, "de") == [("UBS", "Henkel", "main", "Buy", "raise", 86, 80, "EUR")]


def test_rating_placed_instead_of_an_earlier_label() -> None:
    text = 'Die Berenberg Bank stuft die Aktie von Evotec nun mit "Buy" statt "Hold" ein.'
    assert analyst_rows(text, "de") == [
        ("Berenberg Bank", "Evotec", "up", "Buy", "none", None, None, None)
    ]
    text = (
        "Die Experten von Kepler Cheuvreux haben ihr Urteil über Aixtron revidiert: Statt "
        '"Reduce" empfehlen sie die Aktie nun mit "Hold". Das Ziel erhöhen sie auf 20 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Kepler Cheuvreux", "Aixtron", "up", "Hold", "raise", 20, None, "EUR")
    ]


def test_rating_given_with_mit_opens_the_broker_account() -> None:
    text = (
        "Das Analysehaus Bernstein hält die Aktie von Adidas für überbewertet und bewertet sie "
        'mit "Underperform". Das Kursziel senkten die Experten auf 170 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Bernstein", "Adidas", "none", "Underperform", "lower", 170, None, "EUR")
    ]


def test_newsletter_writers_own_target_goes_on_with_no_broker() -> None:
    text = 'Die UBS hat Allianz auf "Buy" hochgestuft. Das Kursziel sehen wir bei 400 Euro.'
    assert analyst_rows(text, "de") == [("UBS", "Allianz", "up", "Buy", "none", None, None, None)]
    text = (
        "Liebe Leser, auch die Analysten von Goldman Sachs empfehlen die Aktie von Allianz mit "
        '"Buy". Ich stufe sie weiterhin mit "Kaufen" ein, mein Kursziel: 400 Euro.'
    )
    assert analyst_rows(text, "de") == [
        ("Goldman Sachs", "Allianz", "none", "Buy", "none", None, None, None)
    ]


def test_target_instead_of_the_one_before() -> None:
    text = (
        'Die Investmentbank Jefferies hat Hornbach von "Hold" auf "Buy" hochgestuft. Ihr '
        "Kursziel liegt nun bei 110 statt zuvor 84 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Hornbach", "up", "Buy", "raise", 110, 84, "EUR")
    ]


def test_rating_noun_with_an_adjective_as_a_label() -> None:
    text = (
        "Für Symrise wird es bei JPMorgan ungemütlicher. Die Amerikaner kappten ihr Kursziel von "
        '130 auf 112 Euro und strichen die Kaufempfehlung. Neues Votum: "Neutral".'
    )
    assert analyst_rows(text, "de") == [
        ("JPMorgan", "Symrise", "down", "Neutral", "lower", 112, 130, "EUR")
    ]


def test_broker_stance_on_a_stock_starts_its_account() -> None:
    text = (
        "Die Schweizer Großbank UBS bleibt für Lonza zuversichtlich. Ihr Votum lautet "
        'weiterhin "Buy", das Kursziel senkt sie allerdings von 600 auf 540 Franken.'
    )
    assert analyst_rows(text, "de") == [("UBS", "Lonza", "main", "Buy", "lower", 540, 600, "CHF")]


def test_broker_trusting_a_stock_more_starts_its_account() -> None:
    text = (
        "Berenberg traut Scout24 deutlich mehr zu. Das Kursziel steigt von 90 auf 110 Euro, die "
        'Einstufung bleibt "Buy".'
    )
    assert analyst_rows(text, "de") == [
        ("Berenberg", "Scout24", "main", "Buy", "raise", 110, 90, "EUR")
    ]


def test_quoted_label_joined_to_the_rating_noun_goes_on() -> None:
    text = (
        "Morgan Stanley hat das Kursziel für Siemens von 200 auf 230 Euro erhöht. Das "
        '"Overweight"-Votum wurde bestätigt.'
    )
    assert analyst_rows(text, "de") == [
        ("Morgan Stanley", "Siemens", "main", "Overweight", "raise", 230, 200, "EUR")
    ]


def test_body_refers_by_a_noun_to_the_broker_its_title_names() -> None:
    text = (
        'Goldman Sachs hebt Brenntag auf "Buy"\n'
        "Die US-Investmentbank sieht im Chemikalienhandel eine Wende. Das Kursziel steigt von "
        "60 auf 72 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Goldman Sachs", "Brenntag", "up", "Buy", "raise", 72, 60, "EUR")
    ]
    text = (
        "Hensoldt-Aktie: Deutsche Bank bleibt optimistisch\n"
        "Die Analysten haben das Kursziel von 45 auf 52 Euro angehoben und die Einstufung "
        '"Buy" bestätigt.'
    )
    assert analyst_rows(text, "de") == [
        ("Deutsche Bank", "Hensoldt", "main", "Buy", "raise", 52, 45, "EUR")
    ]
    # the title only tells the body its broker: no action of its own beside the grammars'
    text = (
        "JPMorgan bleibt bei SAP optimistisch\n"
        "Die Aktie des Softwarekonzerns stieg auf 240 Euro. Der Vorstand hob die Prognose an."
    )
    assert analyst_rows(text, "de") == []


def test_target_verb_with_its_noun_left_out() -> None:
    text = (
        "Nach den Zahlen von Beiersdorf hagelte es Kurszielerhöhungen. Jefferies erhöhte auf "
        "150 Euro, die UBS auf 145 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Beiersdorf", "none", None, "raise", 150, None, "EUR"),
        ("UBS", "Beiersdorf", "none", None, "raise", 145, None, "EUR"),
    ]
    # a verb whose object is named moves that object, not a target
    assert analyst_rows("Die Deutsche Bank erhöhte die Dividende auf 0,68 Euro.", "de") == []
