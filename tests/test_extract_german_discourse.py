"""German long-form articles telling one broker's action over several sentences: the broker
named once and then left out, named by a pronoun or by where it is from, the company named in
an earlier sentence; and the figures and words those sentences state the action with."""

from __future__ import annotations

from analyst_rows import analyst_rows


def test_broker_named_without_action_then_the_action_told_on() -> None:
    text = (
        "Die Privatbank Metzler hat ihre Einschätzung für Gerresheimer überarbeitet. "
        'Das Kursziel fällt von 120 auf 104 Euro, das Votum "Buy" bleibt bestehen.'
    )
    assert analyst_rows(text, "de") == [
        ("Metzler", "Gerresheimer", "main", "Buy", "lower", 104, 120, "EUR")
    ]


def test_action_told_over_three_sentences_after_a_labelled_opening() -> None:
    text = (
        "Die Experten von Kepler Cheuvreux haben sich die Aktie von Nordex erneut angesehen. "
        'Fazit: Die Empfehlung "Hold" bleibt bestehen. '
        "Das Kursziel wird allerdings von 14 auf 17 Euro angehoben."
    )
    assert analyst_rows(text, "de") == [
        ("Kepler Cheuvreux", "Nordex", "main", "Hold", "raise", 17, 14, "EUR")
    ]


def test_no_account_where_the_broker_is_named_as_a_company() -> None:
    # "Analysten" far from the bank's name: the bank is an investor here, not a broker
    text = (
        "Die Commerzbank hat ihre Beteiligung an Hensoldt nach Angaben mehrerer Analysten "
        "aufgestockt. Das Kursziel steigt damit von 18 auf 21 Euro, sagt ein Fondsmanager."
    )
    assert analyst_rows(text, "de") == []


def test_no_account_after_a_pluperfect_or_a_hedged_sentence() -> None:
    past = (
        'Zuletzt hatten die Analysten von Jefferies die Aktie von Puma auf "Hold" gesetzt. '
        "Das Kursziel sank damals von 60 auf 45 Euro."
    )
    hedged = (
        "Die Analysten von Jefferies dürften ihre Einschätzung für Puma bald ändern. "
        "Das Kursziel könnte von 60 auf 45 Euro fallen."
    )
    assert analyst_rows(past, "de") == []
    assert analyst_rows(hedged, "de") == []


def test_a_stated_target_alone_starts_no_action() -> None:
    text = (
        "Die Analysten der DZ Bank haben sich zu Südzucker geäußert. "
        "Das Kursziel liegt bei 14 Euro, das ist nahe am aktuellen Kurs."
    )
    assert analyst_rows(text, "de") == []


def test_broker_named_by_where_it_is_from() -> None:
    text = (
        'Die Privatbank Berenberg hat die Aktie von Aixtron auf "Buy" hochgestuft. '
        "Außerdem hoben die Hamburger ihr Kursziel von 19 auf 26,50 Euro an."
    )
    assert analyst_rows(text, "de") == [
        ("Berenberg", "Aixtron", "up", "Buy", "raise", 26.5, 19, "EUR")
    ]


def test_a_bank_the_target_is_for_is_no_second_broker() -> None:
    text = (
        "Die Analysten von Barclays haben ihr Kursziel von 12,40 Euro für die Deutsche Bank "
        'bestätigt. Ihre Einstufung lautet weiterhin "Overweight".'
    )
    assert analyst_rows(text, "de") == [
        ("Barclays", "Deutsche Bank", "main", "Overweight", "set", 12.4, None, "EUR")
    ]


def test_reported_speech_and_keeping_verbs() -> None:
    reported = (
        "Die US-Bank Citigroup hat ihr Kursziel für Brenntag von 70 auf 76 Euro erhöht. "
        'Die Einstufung bleibe "Buy", hieß es in der Studie.'
    )
    kept = (
        "Jefferies hat das Kursziel für Symrise von 110 auf 118 Euro erhöht. "
        'Das Votum "Buy" behält die Investmentbank bei.'
    )
    assert analyst_rows(reported, "de") == [
        ("Citigroup", "Brenntag", "main", "Buy", "raise", 76, 70, "EUR")
    ]
    assert analyst_rows(kept, "de") == [
        ("Jefferies", "Symrise", "main", "Buy", "raise", 118, 110, "EUR")
    ]


def test_plural_and_quoted_rating_nouns_go_on() -> None:
    plural = (
        "Die Analysten von Bernstein haben die Ziele für Sixt und Fraport gesenkt, "
        "auf 80 beziehungsweise 45 Euro. Die Einstufungen blieben jeweils unverändert."
    )
    quoted = (
        "Die UBS hat ihr Kursziel für Lonza von 500 auf 560 Franken angehoben. "
        'Die Bewertung "Buy" wurde bestätigt.'
    )
    assert analyst_rows(plural, "de") == [
        ("Bernstein", "Sixt", "main", None, "lower", 80, None, "EUR"),
        ("Bernstein", "Fraport", "main", None, "lower", 45, None, "EUR"),
    ]
    assert analyst_rows(quoted, "de") == [("UBS", "Lonza", "main", "Buy", "raise", 560, 500, "CHF")]


def test_halved_target_is_lowered() -> None:
    text = (
        'Die Citigroup hat Nordex auf "Sell" abgestuft. '
        "Das Kursziel halbierten die Experten auf 7 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Citigroup", "Nordex", "down", "Sell", "lower", 7, None, "EUR")
    ]


def test_new_target_before_the_old_one() -> None:
    bare = "Die Citigroup hat ihr Kursziel für Henkel auf 88 von 80 Euro angehoben."
    both = "Goldman Sachs hat das Kursziel für Nestlé auf 105 Franken von 98 Franken gesenkt."
    after = (
        'Die Analysten von Warburg Research bleiben für Hypoport bei "Buy". '
        "Den fairen Wert setzen sie nun bei 245,50 Euro an, nach 210 Euro zuvor."
    )
    assert analyst_rows(bare, "de") == [
        ("Citigroup", "Henkel", "none", None, "raise", 88, 80, "EUR")
    ]
    assert analyst_rows(both, "de") == [
        ("Goldman Sachs", "Nestlé", "none", None, "lower", 105, 98, "CHF")
    ]
    assert analyst_rows(after, "de") == [
        ("Warburg Research", "Hypoport", "main", "Buy", "raise", 245.5, 210, "EUR")
    ]


def test_no_account_in_the_writers_or_the_averages_words() -> None:
    writers = (
        "Die Analysten von Warburg Research haben sich zu Steico geäußert. "
        'Das Kursziel heben wir von 30 auf 36 Euro an, die Empfehlung "Kaufen" bleibt.'
    )
    average = (
        "Die Analysten von Warburg Research haben sich zu Steico geäußert. "
        "Das durchschnittliche Kursziel stieg von 30 auf 36 Euro."
    )
    assert analyst_rows(writers, "de") == []
    assert analyst_rows(average, "de") == []


def test_the_share_named_by_a_noun_is_the_company_told_of_before() -> None:
    text = (
        "Fielmann und Zalando gaben am Mittwoch deutlich nach. Vor allem bei Fielmann sprachen "
        "Händler von Gewinnmitnahmen. Belastend wirkte eine neue Studie. "
        'Die Deutsche Bank hat die Aktie auf "Hold" abgestuft.'
    )
    assert analyst_rows(text, "de") == [
        ("Deutsche Bank", "Fielmann", "down", "Hold", "none", None, None, None)
    ]
    # no noun for the shares: the company told of before is not taken
    other = text.replace("die Aktie", "ihr Votum")
    assert analyst_rows(other, "de") == []


def test_an_action_dated_months_ago_is_past_but_its_broker_is_referred_to() -> None:
    past = (
        'Bereits im Februar hatte die Citigroup die Aktie von Sixt auf "Buy" hochgestuft. '
        "Seither hat das Papier rund ein Viertel zugelegt."
    )
    turned = (
        'Im Herbst hatte die DZ Bank die Aktie von Puma noch auf "Verkaufen" gesetzt. '
        'Nun hob die Bank das Papier auf "Halten" und das Kursziel von 30 auf 38 Euro.'
    )
    assert analyst_rows(past, "de") == []
    assert analyst_rows(turned, "de") == [
        ("DZ Bank", "Puma", "up", "Halten", "raise", 38, 30, "EUR")
    ]


def test_rating_moved_after_a_broker_standing_after_its_verb() -> None:
    text = (
        'Dann hob die Deutsche Bank die Aktie von Lanxess auf "Buy" und das Kursziel von 24 '
        "auf 31 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Deutsche Bank", "Lanxess", "up", "Buy", "raise", 31, 24, "EUR")
    ]


def test_a_plural_noun_after_bei_names_no_other_company() -> None:
    text = (
        'Die Schweizer Großbank UBS hat Symrise von "Buy" auf "Neutral" abgestuft. '
        "Die Analysten sehen den Konzern bei Aromen unter Druck und senkten ihr Kursziel von "
        "120 auf 104 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("UBS", "Symrise", "down", "Neutral", "lower", 104, 120, "EUR")
    ]


def test_a_rating_moved_to_before_the_verb_and_a_target_that_amounts_to() -> None:
    text = (
        'Auf "Underweight" senkte die britische Bank Barclays ihr Votum für Sixt, das Kursziel '
        "beträgt nun 61 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("Barclays", "Sixt", "down", "Underweight", "set", 61, None, "EUR")
    ]


def test_each_company_with_its_own_figure() -> None:
    text = "Die UBS hat ihre Ziele für Eon auf 15 Euro und für RWE auf 40 Euro angehoben."
    assert analyst_rows(text, "de") == [
        ("UBS", "Eon", "none", None, "raise", 15, None, "EUR"),
        ("UBS", "RWE", "none", None, "raise", 40, None, "EUR"),
    ]


def test_company_written_in_full_as_the_text_writes_it_each_time() -> None:
    text = (
        "Beim Halbleiterzulieferer Suss Microtec läuft es rund. Die DZ Bank hob das Kursziel "
        "von 52 auf 60 Euro und bestätigte ihre Kaufempfehlung."
    )
    shares = (
        "Die Zalando Aktie hat deutlich zugelegt. Die DZ Bank hob das Kursziel für Zalando "
        "von 30 auf 36 Euro."
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Suss Microtec", "main", None, "raise", 60, 52, "EUR")
    ]
    assert [row[1] for row in analyst_rows(shares, "de")] == ["Zalando"]


def test_rating_kept_a_few_words_after_its_noun_and_a_pronoun_later_on() -> None:
    text = (
        'Die Analysten der Quirin Privatbank haben die Einstufung "Kaufen" für Steico '
        "beibehalten. Den fairen Wert je Aktie setzen sie nun bei 41,50 Euro an, nach 38 "
        "Euro zuvor."
    )
    assert analyst_rows(text, "de") == [
        ("Quirin Privatbank", "Steico", "main", "Kaufen", "raise", 41.5, 38, "EUR")
    ]
