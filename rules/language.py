"""The languages the bot writes in, and numbers, amounts and spans as each language writes them.

Shared by the Telegram commands (handlers.i18n) and the alert messages (rules.messages).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

from bot.durations import format_duration

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"

# Dative forms, as after "innerhalb von": (one, several).
_GERMAN_UNITS = (
    (86400, "Tag", "Tagen"),
    (3600, "Stunde", "Stunden"),
    (60, "Minute", "Minuten"),
    (1, "Sekunde", "Sekunden"),
)


def language_of(code: str | None) -> str:
    """'de', 'de-AT' -> 'de'; anything else (or nothing) -> 'en'."""
    if code and code.split("-", 1)[0].lower() in LANGUAGES:
        return code.split("-", 1)[0].lower()
    return DEFAULT_LANGUAGE


def number(value: float, lang: str, digits: int = 2) -> str:
    """155.5 -> '155.50' (en) or '155,50' (de), with grouping."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return str(format_decimal(value, format=pattern, locale=lang))


def percent(value: float, lang: str) -> str:
    """A signed change with two decimals, written as alerts write it (see pct)."""
    return pct(value, lang, 2)


def compact(value: float, lang: str) -> str:
    """154 -> '154', 154.5 -> '154.5' (en) or '154,5' (de): only the digits it has."""
    return str(format_decimal(value, format="#,##0.####", locale=lang))


def pct(value: float, lang: str, digits: int = 1, *, signed: bool = True) -> str:
    """A percentage in running text: '+3.1%' (en), '+3,1 %' (de, with the space German sets)."""
    sign = ("+" if value >= 0 else "-") if signed else ""
    body = number(abs(value) if signed else value, lang, digits)
    return f"{sign}{body}{' %' if lang == 'de' else '%'}"


def money(value: float, currency: str | None, lang: str) -> str:
    """225 -> '225 USD', 1234.5 -> '1,234.5 USD' (en) or '1.234,5 USD' (de); cents only if any."""
    amount = str(format_decimal(value, format="#,##0.##", locale=lang))
    return f"{amount} {currency}" if currency else amount


def price(value: float, currency: str | None, lang: str) -> str:
    """A quoted price, always with two decimals: '150.80 USD', '150,80 USD'."""
    text = number(value, lang)
    return f"{text} {currency}" if currency else text


def span(delta: timedelta, lang: str) -> str:
    """'1h' (en, as written in the config) or '1 Stunde 30 Minuten' (de)."""
    if lang != "de":
        return format_duration(delta)
    remaining, parts = int(delta.total_seconds()), []
    for size, one, several in _GERMAN_UNITS:
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count} {one if count == 1 else several}")
    return " ".join(parts) or "0 Sekunden"


_AGO = {
    "now": {"en": "just now", "de": "gerade eben"},
    "minutes": {"en": "{count} min ago", "de": "vor {count} Min."},
    "hours": {"en": "{count} h ago", "de": "vor {count} Std."},
}
# A date not today: day and month, and the year when it is not this year.
_DATE_PATTERNS = {
    "en": ("d MMM, HH:mm", "d MMM yyyy, HH:mm"),
    "de": ("d. MMM, HH:mm", "d. MMM yyyy, HH:mm"),
}


def ago(when: datetime, now: datetime, zone: ZoneInfo, lang: str) -> str:
    """How old news is: '3 h ago' / 'vor 3 Std.' today (in `zone`), a date before that."""
    lang = language_of(lang)
    local, today = when.astimezone(zone), now.astimezone(zone)
    seconds = (now - when).total_seconds()
    if local.date() == today.date() or 0 <= seconds < 3600:
        if seconds < 60:
            return _AGO["now"][lang]
        if seconds < 3600:
            return _AGO["minutes"][lang].format(count=int(seconds // 60))
        return _AGO["hours"][lang].format(count=int(seconds // 3600))
    this_year, other_year = _DATE_PATTERNS[lang]
    pattern = this_year if local.year == today.year else other_year
    return str(format_datetime(local, pattern, locale=lang))
