"""German article prose: a rating verb that moves a target only where the target moves to its
number, coverage started in words of observing or analysing, and actions dated in a past year."""

from __future__ import annotations

from analyst_rows import analyst_rows


def test_a_target_named_beside_an_upgrade_is_stated_not_raised() -> None:
    text = (
        "Bei Südzucker gehen die Meinungen auseinander. Die Investmentbank Stifel hob ihr Votum "
        'am Montag auf "Buy" an und nennt ein Kursziel von 19 Euro.'
    )
    assert ("Stifel", "Südzucker", "up", "Buy", "set", 19, None, "EUR") in analyst_rows(text, "de")


def test_a_target_with_mit_beside_a_rating_move_is_stated() -> None:
    text = 'Die Baader Bank senkt Washtec auf "Reduce" mit Ziel 33 Euro.'
    assert analyst_rows(text, "de") == [
        ("Baader Bank", "Washtec", "down", "Reduce", "set", 33, None, "EUR")
    ]


def test_a_target_moved_to_its_number_follows_the_rating_verb() -> None:
    text = 'Die Baader Bank senkt Washtec auf "Reduce" und das Ziel von 40 auf 33 Euro.'
    assert analyst_rows(text, "de") == [
        ("Baader Bank", "Washtec", "down", "Reduce", "lower", 33, 40, "EUR")
    ]


def test_coverage_started_as_observation_taken_up() -> None:
    text = (
        "Die Privatbank Berenberg hat die Beobachtung der Aktie von Pfeiffer Vacuum mit der "
        'Empfehlung "Buy" und einem Kursziel von 170 Euro aufgenommen.'
    )
    assert analyst_rows(text, "de") == [
        ("Berenberg", "Pfeiffer Vacuum", "init", "Buy", "init", 170, None, "EUR")
    ]


def test_coverage_started_as_analysis_begun() -> None:
    text = (
        "Die Großbank Citigroup hat die Analyse der Aktie von Wacker Neuson mit der Empfehlung "
        '"Neutral" und einem Kursziel von 18 Euro begonnen.'
    )
    assert analyst_rows(text, "de") == [
        ("Citigroup", "Wacker Neuson", "init", "Neutral", "init", 18, None, "EUR")
    ]


def test_an_action_dated_in_a_past_year_is_no_event() -> None:
    text = (
        "Noch im Herbst 2020 hatte die Commerzbank für die Aktie von Varta ein Kursziel von "
        "150 Euro ausgegeben. Heute notiert das Papier bei knapp 5 Euro."
    )
    assert analyst_rows(text, "de") == []


def test_a_sentence_after_one_naming_a_future_year_is_read() -> None:
    text = (
        "Die UBS hat das Kursziel für Delivery Hero von 30 auf 35 Euro angehoben. "
        "Im Jahr 2026 dürfte der Umsatz zweistellig wachsen."
    )
    assert analyst_rows(text, "de") == [
        ("UBS", "Delivery Hero", "none", None, "raise", 35, 30, "EUR")
    ]


def test_a_stated_target_takes_no_way_from_another_brokers_clause() -> None:
    text = (
        "Zwei Meinungen zu Puma: Während die Citigroup ihr Kursziel für den Sportartikelhersteller "
        'auf 34 Euro kappt, hebt Oddo BHF die Aktie auf "Outperform" mit Ziel 45 Euro.'
    )
    assert ("Oddo BHF", "Puma", "up", "Outperform", "set", 45, None, "EUR") in analyst_rows(
        text, "de"
    )


def test_a_title_naming_the_broker_short_adds_no_second_event() -> None:
    text = (
        "Verbio: Kursziel-Halbierung bei Warburg\nDie Analysten von Warburg Research haben das "
        'Kursziel für Verbio von 28 auf 14 Euro gesenkt und die Aktie von "Buy" auf "Hold" '
        "abgestuft."
    )
    assert analyst_rows(text, "de") == [
        ("Warburg Research", "Verbio", "down", "Hold", "lower", 14, 28, "EUR")
    ]


def test_a_rating_kept_with_the_verb_last() -> None:
    text = (
        "Während die Citigroup ihr Kursziel für Puma auf 34 Euro kappt und bei "
        '"Neutral" bleibt, wartet die Konkurrenz noch ab.'
    )
    assert ("Citigroup", "Puma", "main", "Neutral", "lower", 34, None, "EUR") in analyst_rows(
        text, "de"
    )


def test_a_rating_held_on_to_in_the_next_sentence() -> None:
    text = (
        "Die Analysten der DZ Bank haben ihr Kursziel für Cancom von 34 auf 29 Euro gesenkt. "
        'An der Empfehlung "Kaufen" halten sie aber fest.'
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Cancom", "main", "Kaufen", "lower", 29, 34, "EUR")
    ]
