"""Locale-aware number parsing and currency names."""

from __future__ import annotations

import pytest

from rules.extract.lang import language_of
from rules.extract.numbers import normalise_currency, parse_amount, parse_number


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("16,50", "de", 16.5),
        ("1.234,56", "de", 1234.56),
        ("2.300", "de", 2300.0),
        ("1.234.567", "de", 1234567.0),
        ("24.10", "de", 24.1),  # a wire that lost its commas
        ("108.56", "de", 108.56),
        ("0.164", "de", 0.164),
        ("7", "de", 7.0),
        ("47.08", "en", 47.08),
        ("1,500", "en", 1500.0),
        ("12,626,593", "en", 12626593.0),
        ("1,234.5", "en", 1234.5),
        ("1,5", "en", 1.5),
        ("3'250", "de", 3250.0),
    ],
)
def test_parse_number(text: str, decimal: str, expected: float) -> None:
    assert parse_number(text, decimal) == pytest.approx(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "1.2.3", "12..5", "--1", "1,2,3", "9" * 40, "1e5", "½"]
)
def test_parse_number_rejects_malformed(text: str) -> None:
    assert parse_number(text, "de") is None
    assert parse_number(text, "en") is None


@pytest.mark.parametrize(
    ("number", "scale", "decimal", "expected"),
    [
        ("1,5", "Mrd.", "de", 1.5e9),
        ("250", "Mio.", "de", 250e6),
        ("3.2", "billion", "en", 3.2e9),
        ("5.13", "B", "en", 5.13e9),
        ("983.26", "M", "en", 983.26e6),
        ("12", None, "en", 12.0),
        ("12", "furlongs", "en", 12.0),
    ],
)
def test_parse_amount_scales(number: str, scale: str | None, decimal: str, expected: float) -> None:
    assert parse_amount(number, scale, decimal) == pytest.approx(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("$", "USD"),
        ("US-Dollar", "USD"),
        ("USD", "USD"),
        ("Dollar", "USD"),
        ("Euro", "EUR"),
        ("€", "EUR"),
        ("EUR", "EUR"),
        ("Franken", "CHF"),
        ("Schweizer Franken", "CHF"),
        ("CHF", "CHF"),
        ("Pence", "GBX"),
        ("p", "GBX"),
        ("Pfund", "GBP"),
        ("£", "GBP"),
        ("C$", "CAD"),
        ("HK$", "HKD"),
        ("Yen", "JPY"),
        ("dänische Kronen", "DKK"),
        ("schwedische  Kronen", "SEK"),
        ("norwegische Kronen", "NOK"),
        ("Kronen", None),
        ("Taler", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_currency(written: str | None, code: str | None) -> None:
    assert normalise_currency(written) == code


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nordbank hebt Ziel für Beispiel AG auf 12 Euro - 'Kaufen'", "de"),
        ("Die Aktie gab um 2 Prozent nach, weil der Umsatz sank", "de"),
        ("Acme Research Maintains Buy on Widget Corp, Raises Price Target to $20", "en"),
        ("Shares of the company rose after the report", "en"),
        ("", "en"),
        ("12345 !!! ???", "en"),
    ],
)
def test_language_of(text: str, lang: str) -> None:
    assert language_of(text.lower()) == lang
