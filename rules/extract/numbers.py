"""Locale-aware numbers and currencies as they appear in German and English market news.

German writes "1.234,56" and English "1,234.56"; a wire that lost its commas ("24.10 Euro") is
read by the same rule: a dot followed by exactly three digits groups thousands, any other dot is
a decimal point.
"""

from __future__ import annotations

import re
from typing import Literal

Decimal = Literal["de", "en"]

# One number token as written: digits with optional grouping and one decimal part.
NUMBER = r"\d{1,9}(?:[.,']\d{1,3})*(?:[.,]\d{1,4})?"
_NUMBER_RE = re.compile(rf"^{NUMBER}$")

_SCALES: dict[str, float] = {
    "mrd": 1e9,
    "mrd.": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "mio": 1e6,
    "mio.": 1e6,
    "million": 1e6,
    "millionen": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "tsd": 1e3,
    "tsd.": 1e3,
    "tausend": 1e3,
    "thousand": 1e3,
    "k": 1e3,
    "bio": 1e12,
    "bio.": 1e12,
    "billionen": 1e12,
    "trillion": 1e12,
}

# Written forms -> ISO code. Lookup is on the lower-cased, space-normalised form.
_CURRENCIES: dict[str, str | None] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "us-dollar": "USD",
    "us dollar": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "chf": "CHF",
    "sfr": "CHF",
    "sfr.": "CHF",
    "franken": "CHF",
    "schweizer franken": "CHF",
    "swiss francs": "CHF",
    "francs": "CHF",
    "£": "GBP",
    "gbp": "GBP",
    "pfund": "GBP",
    "britische pfund": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pence": "GBX",
    "penny": "GBX",
    "p": "GBX",
    "gbx": "GBX",
    "gbp pence": "GBX",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "kanadische dollar": "CAD",
    "canadian dollars": "CAD",
    "hk$": "HKD",
    "hkd": "HKD",
    "hongkong-dollar": "HKD",
    "hong kong dollars": "HKD",
    "taiwan-dollar": "TWD",
    "a$": "AUD",
    "aud": "AUD",
    "australische dollar": "AUD",
    "yen": "JPY",
    "jpy": "JPY",
    "¥": "JPY",
    "sek": "SEK",
    "schwedische kronen": "SEK",
    "swedish kronor": "SEK",
    "nok": "NOK",
    "norwegische kronen": "NOK",
    "norwegian kroner": "NOK",
    "dkk": "DKK",
    "dänische kronen": "DKK",
    "danish kroner": "DKK",
    "danish crowns": "DKK",
    "swedish crowns": "SEK",
    "norwegian crowns": "NOK",
    "crowns": None,
    "kronen": None,
    "kronor": None,
    "kroner": None,
    "yuan": "CNY",
    "cny": "CNY",
    "rmb": "CNY",
    "rand": "ZAR",
    "zar": "ZAR",
    "zloty": "PLN",
    "pln": "PLN",
    "rubel": "RUB",
    "rub": "RUB",
    "won": "KRW",
    "krw": "KRW",
    "inr": "INR",
    "rupien": "INR",
    "rupees": "INR",
    "indian rupees": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₹": "INR",
    "australian dollars": "AUD",
    "s$": "SGD",
    "sgd": "SGD",
    "singapore dollars": "SGD",
    "nz$": "NZD",
    "nzd": "NZD",
}

# Currency written after the number ("207 Euro", "675 Pence", "190 Kronen").
CURRENCY_AFTER = (
    r"(?:US-Dollar|US[- ]Dollar|Dollars?|dollars?|Euros?|EUR|USD|CHF|GBP|GBX|GBp|Pence|pence|"
    r"(?:Schweizer )?Franken|(?:Swiss )?francs?|(?:britische )?Pfund|"
    r"Yen|yen|JPY|SEK|NOK|DKK|CAD|HKD|AUD|euros?|(?:(?:Danish|Swedish|Norwegian) )?crowns|"
    r"(?:(?:schwedische|norwegische|dänische) )?Kronen|Hongkong-Dollar|kanadische Dollar|"
    r"Taiwan-Dollar|australische Dollar|Yuan|yuan|Rand|€|£|p(?![a-z])|"
    # Asian, Nordic and other currencies as English wires write them ("95,000 won")
    r"won|rupees|kronor|kroner|zloty|(?:Canadian|Australian|Singapore|Hong Kong) dollars|"
    r"KRW|INR|CNY|SGD|PLN|ZAR|NZD)"
)
# Currency written before the number ("$47.08", "US$ 12", "EUR 30").
CURRENCY_BEFORE = (
    r"(?:US\$|C\$|CA\$|HK\$|A\$|\$|€|£|¥|EUR\s?|USD\s?|CHF\s?|GBP\s?|GBX\s?|SEK\s?|NOK\s?|DKK\s?)"
)


def parse_number(text: str, decimal: Decimal = "de") -> float | None:
    """Parse one number token; None when it is not a well-formed number.

    `decimal` is the convention of the text: German reads "1,5" as 1.5 and "2.300" as 2300,
    English reads "1,500" as 1500. In German, a dot not followed by exactly three digits is a
    decimal point ("24.10 Euro" from a wire that lost its commas is 24.1).
    """
    token = text.strip().replace("\u202f", "").replace("\xa0", "").replace("'", "")
    if token.isdecimal() and len(token) <= 9:
        return float(token)  # plain digits: what `NUMBER` reads without any separator
    # "24,07" in German, "24.07" in English: one decimal point between digits, read as the rule
    # below reads it
    head, point, tail = token.partition("," if decimal == "de" else ".")
    if point and head.isdecimal() and tail.isdecimal() and len(head) <= 9 and len(tail) <= 4:
        return float(f"{head}.{tail}")
    if not token or len(token) > 24 or not _NUMBER_RE.match(token):
        return None
    if "," in token and "." in token:
        # The separator written last is the decimal one.
        if token.rfind(",") > token.rfind("."):
            token = token.replace(".", "").replace(",", ".")
        else:
            token = token.replace(",", "")
    elif "," in token:
        token = _one_kind(token, ",", grouping_first=decimal == "en")
    elif "." in token:
        token = _one_kind(token, ".", grouping_first=decimal == "de")
    try:
        return float(token)
    except ValueError:
        return None


def _one_kind(token: str, sep: str, grouping_first: bool) -> str:
    """Resolve a token that uses only one kind of separator."""
    head, *groups = token.split(sep)
    looks_grouped = all(len(group) == 3 for group in groups) and head != "0"
    if len(groups) > 1 or (grouping_first and looks_grouped):
        # Several separators can only be grouping; anything else is malformed.
        return head + "".join(groups) if looks_grouped else token
    return f"{head}.{groups[0]}"


def scale_factor(word: str | None) -> float:
    """Multiplier for "Mrd."/"Mio."/"billion"/"M"; 1 for None or an unknown word."""
    if not word:
        return 1.0
    return _SCALES.get(word.strip().lower(), 1.0)


def parse_amount(number: str, scale: str | None = None, decimal: Decimal = "de") -> float | None:
    """A number with an optional scale word: ("1,5", "Mrd.") -> 1.5e9."""
    value = parse_number(number, decimal)
    if value is None:
        return None
    return value * scale_factor(scale)


def normalise_currency(written: str | None) -> str | None:
    """ISO code for a written currency; None for unknown words and plain "Kronen"."""
    if not written:
        return None
    if written.isalpha():  # one word, no spaces or stops to tidy ("Euro", "CHF")
        return _CURRENCIES.get(written.lower())
    key = " ".join(written.strip().lower().split())
    if key in _CURRENCIES:
        return _CURRENCIES[key]
    return _CURRENCIES.get(key.rstrip("."))
