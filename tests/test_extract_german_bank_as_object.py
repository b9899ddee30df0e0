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
