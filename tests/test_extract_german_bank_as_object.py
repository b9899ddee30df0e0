"""A bank named right after another broker and its verb is the company acted on, not a second
broker ("ODDO BHF hat die Commerzbank auf 'Outperform' hochgestuft, ..."). Texts written for
these tests."""

from __future__ import annotations

from tests.analyst_rows import analyst_rows


def test_bank_after_broker_and_verb_is_the_company() -> None:
    text = (
        'Die UBS hat die Deutsche Bank auf "Buy" hochgestuft, Barclays dagegen auf '
        '"Equal Weight" gesenkt.'
    )
    assert analyst_rows(text, "de") == [
        ("UBS", "Deutsche Bank", "up", "Buy", "none", None, None, None),
        ("Barclays", "Deutsche Bank", "down", "Equal Weight", "none", None, None, None),
    ]


def test_bank_acting_after_a_comma_stays_a_broker() -> None:
    text = 'Jefferies hob Puma auf "Buy", die Deutsche Bank senkte das Ziel auf 20 Euro.'
    assert [row[:2] for row in analyst_rows(text, "de")] == [
        ("Jefferies", "Puma"),
        ("Deutsche Bank", "Puma"),
    ]


def test_bank_before_the_colon_is_the_company_where_brokers_act_after_it() -> None:
    assert analyst_rows("Deutsche Bank: Citigroup und Barclays senken Ziele", "de") == [
        ("Citigroup", "Deutsche Bank", "none", None, "lower", None, None, None),
        ("Barclays", "Deutsche Bank", "none", None, "lower", None, None, None),
    ]
    assert analyst_rows("Commerzbank: Goldman hebt Ziel auf 30 Euro", "de") == [
        ("Goldman", "Commerzbank", "none", None, "raise", 30, None, "EUR")
    ]


def test_group_after_a_sentence_naming_a_bank_acted_on() -> None:
    text = (
        "Goldman hob das Kursziel für die Deutsche Bank von 20 auf 24 Euro an, Barclays von 19 "
        'auf 23 Euro. Beide bleiben bei "Buy" beziehungsweise "Overweight".'
    )
    assert analyst_rows(text, "de") == [
        ("Goldman", "Deutsche Bank", "main", "Buy", "raise", 24, 20, "EUR"),
        ("Barclays", "Deutsche Bank", "main", "Overweight", "raise", 23, 19, "EUR"),
    ]
