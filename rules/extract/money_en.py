"""Amounts of money as English analyst texts write a price target.

"$50", "C$210", "HK$520", "S$7.50", "€900", "£42", "CAD 32", "CHF 110", "SEK 280", "6,000 Pence",
"450p", "800 euros", "3,500 yen", "2,100 rupees", "Rs 1,850", "95,000 won", "a 780-euro target".
A currency mark before or after the number makes it an amount; a number alone ("to 6,500" of an
index) is none.
"""

from __future__ import annotations

import re

from .numbers import normalise_currency

NUM = r"\d{1,7}(?:,\d{3})*(?:\.\d{1,4})?"
# written before the number; codes need the space ("CAD 32") so a name never runs into a number
MARK_BEFORE = (
    # Indian wires write rupees "Rs 2,100" or "Rs. 2,100"
    r"(?:US\$|C\$|CA\$|HK\$|A\$|S\$|NZ\$|\$|€|£|¥|₹|(?<![\w.])Rs\.?\s|"
    r"(?:USD|EUR|GBP|GBX|CAD|HKD|AUD|CHF|JPY|SEK|NOK|DKK|SGD|NZD|INR|KRW|CNY|PLN|ZAR|SFr\.?)\s)"
)
# written after the number; "p" only where no letter follows ("450p", not "450 people")
MARK_AFTER = (
    r"(?:\s?(?:p|pence|Pence|GBp|GBX|GBP)(?![\w$])|"
    r"\s(?:euros?|Euros?|EUR|yen|Yen|JPY|CHF|Swiss\sfrancs|francs|SEK|NOK|DKK|"
    r"Canadian\sdollars|Hong\sKong\sdollars|(?:Swedish|Norwegian|Danish)\s(?:kronor|kroner|crowns)|"
    r"Australian\sdollars|Singapore\sdollars|(?:Indian\s)?rupees|yuan|won|zloty|rand|"
    r"kronor|kroner|USD|CAD|HKD|AUD|KRW|INR|CNY|SGD|NZD|PLN|ZAR|cents?|Cents?)\b|"
    # joined to the number as an adjective: "a 780-euro price target"
    r"-(?:euro|yen|pence|franc)(?![\w-]))"
)
_MARKED_RE = re.compile(
    rf"(?P<before>{MARK_BEFORE})\s?(?P<n1>{NUM})(?!\d)|(?<![\d.,])(?P<n2>{NUM})(?P<after>{MARK_AFTER})"
)


def amount(name: str, required: bool = True) -> str:
    """A pattern for one amount whose number lands in group `name`; with `required` false a
    bare number is taken too (after a target verb, "Raises Target to 120")."""
    marked = rf"(?=(?:{MARK_BEFORE})|{NUM}{MARK_AFTER})"
    # the number whole ("$1.2K" is not "$1"), and a scaled amount ("$1.2K", "$4B") no price
    return (
        rf"{marked if required else ''}(?:{MARK_BEFORE})?\s?(?P<{name}>{NUM})"
        rf"(?![.,]?\d)(?!\s?(?:[KkMB]\b|[BbMmTt]rillion|[BbMm]illion|[Bb]n\b|[Mm]ln\b))(?:{MARK_AFTER})?"
    )


def currency_of(text: str) -> str:
    """The currency of the first marked amount in `text`; USD when none is marked, as US wires
    write targets in dollars."""
    match = _MARKED_RE.search(text)
    if match is None:
        return "USD"
    mark = (match.group("before") or match.group("after") or "").strip().lstrip("-")
    if mark.lower() in ("cent", "cents"):
        return "USD"
    # an adjective is singular: "a 650-franc target"
    return normalise_currency(mark) or normalise_currency(mark + "s") or "USD"
