"""Reported price moves and trading ranges.

German: "Die Aktie von Bayer gab um 2,1 Prozent nach", "Papiere legten um 3 Prozent auf 47,08
Euro zu", "pendelt zwischen 48 und 51 Euro". English: "Nike shares rose 4.8% to $47.08",
"fell 3 percent", "traded between $48 and $51".
"""

from __future__ import annotations

import re

from ..events import PriceMove, PriceRange
from .clauses import POINTING_EN
from .companies import COMPANY_TABLE
from .cues import MOVE_CUE, RANGE_CUE, cue_families
from .names import company_base
from .numbers import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    NUMBER,
    Decimal,
    normalise_currency,
    parse_number,
)
from .scan import families_scan

_PCT = rf"(?P<pct>{NUMBER})\s?(?:%|Prozent|percent|per\scent|pct\.?)"
_PRICE_DE = rf"(?:\sauf\s(?P<price>{NUMBER})\s?(?P<cur>{CURRENCY_AFTER}))?"
_PRICE_EN = (
    rf"(?:\s(?:to|at)\s(?:(?P<cur_b>{CURRENCY_BEFORE})\s?(?P<price>{NUMBER})|"
    rf"(?P<price2>{NUMBER})\s?(?P<cur>{CURRENCY_AFTER})))?"
)

_UP_DE = (
    r"legte|legten|stieg|stiegen|kletterte|kletterten|zog|zogen|gewann|gewannen|sprang|"
    r"sprangen|schnellte|schnellten|rückte|rückten"
)
_DOWN_DE = (
    r"gab|gaben|fiel|fielen|sank|sanken|verlor|verloren|büßte|büßten|rutschte|rutschten|"
    r"sackte|sackten|brach|brachen"
)
_MOVE_DE_RE = re.compile(
    rf"\b(?P<verb>{_UP_DE}|{_DOWN_DE})\b(?P<mid>[^.;:!?]{{0,60}}?)\s(?:um\s)?(?:rund\s|knapp\s|"
    rf"fast\s|mehr\sals\s)?{_PCT}{_PRICE_DE}"
)
_NOUN_DE_RE = re.compile(
    rf"\b(?P<noun>Plus|Kursplus|Kurssprung|Kursgewinn|Aufschlag|Minus|Kursminus|Abschlag|"
    rf"Kursverlust|Kursrutsch)\s(?:von\s)?(?:rund\s|knapp\s|fast\s)?{_PCT}"
)
_UP_EN = (
    r"rose|gained|jumped|climbed|rallied|surged|advanced|added|soared|rises|gains|jumps|"
    r"climbs|rallies|surges|advances|soars|up|higher"
)
_DOWN_EN = (
    r"fell|dropped|declined|slid|sank|tumbled|plunged|lost|slumped|falls|drops|declines|"
    r"slides|sinks|tumbles|plunges|loses|slumps|down|lower"
)
_VERBS_EN = rf"{_UP_EN}|{_DOWN_EN}|Up|Down|Higher|Lower|Rose|Fell|Gained|Jumped|Slid"
_MOVE_EN_RE = re.compile(
    rf"\b(?P<verb>{_VERBS_EN})\b"
    rf"(?:\s(?:by\s)?(?:about\s|nearly\s|almost\s|more\sthan\s|over\s|~)?)"
    rf"(?P<sign>[+-])?{_PCT}{_PRICE_EN}"
)
_RANGE_RE = re.compile(
    rf"\b(?:zwischen|between)\s(?P<cur_b>{CURRENCY_BEFORE})?\s?(?P<low>{NUMBER})\s?"
    rf"(?P<cur_low>{CURRENCY_AFTER})?\s(?:und|and)\s(?:{CURRENCY_BEFORE})?\s?(?P<high>{NUMBER})"
    rf"\s?(?P<cur>{CURRENCY_AFTER})?"
    rf"|\b(?:Spanne|range|Handelsspanne|trading\srange)\s(?:von|of)\s(?P<cur_b2>{CURRENCY_BEFORE})?"
    rf"\s?(?P<low2>{NUMBER})\s?(?:{CURRENCY_AFTER})?\s?(?:bis|to|-|–)\s?(?:{CURRENCY_BEFORE})?\s?"
    rf"(?P<high2>{NUMBER})\s?(?P<cur2>{CURRENCY_AFTER})?"
)
# a word pointing back to a company named before ("The shares", "Its stock") is no name
_DETERMINER = rf"{POINTING_EN}(?!\w)"
_SUBJECT_EN_RE = re.compile(
    rf"^(?:Shares\sof\s)?(?!{_DETERMINER}\s(?:shares|stock|Shares|Stock)\b)"
    r"(?P<company>[A-Z0-9][\w.&'-]*(?:\s[A-Z0-9&][\w.&'-]*){0,4}?)(?:'s)?\s"
    r"(?:shares|stock|Shares|Stock)\b"
)
# The same subject later in the sentence: "Barclays cut Booking to equal weight, and Expedia
# shares fell 2%" moves Expedia, not the broker the sentence opens with. Matched on the words
# just before a "shares"/"stock", found from the right. The cheap test for a capital comes
# before the determiners, which most places then never try; a word is taken whole (possessive):
# giving letters back never lets what follows match, as "'s" and the end are tried after it.
_NAME_BEFORE_SHARES_RE = re.compile(
    rf"(?<![\w.&'-])(?=\d*[A-Z])(?!{_DETERMINER})(?P<company>[A-Z0-9][\w.&'-]*+"
    rf"(?:\s(?!{_DETERMINER})[A-Z0-9&][\w.&'-]*+){{0,4}}?)(?:'s)?$"
)
_SHARE_WORDS = (" shares", " stock")
# how far before its "shares" a name of five words may start
_NAME_REACH = 80
_COMPOUND_RE = re.compile(r"(?P<name>[A-ZÄÖÜ][\w.&+]*(?:-[A-ZÄÖÜ][\w.&+]*)?)-(?:Aktien?|Papiere)\b")
_UP_NOUNS = ("Plus", "Kursplus", "Kurssprung", "Kursgewinn", "Aufschlag")
# A figure of the business, not the stock, as the subject of the verb: "Der Apple-Umsatz stieg um
# 16 Prozent", "Quartalsgewinn fiel um 3 Prozent", "revenue rose 16%". A price word near the verb
# ("stieg die Aktie", "shares of") keeps the move.
# Lower-case; each pattern opens with its words, so the matcher skips ahead to them, and the
# word boundary before is checked where a match stands.
_METRIC_RE = re.compile(
    r"(?:umsatz|umsätze|gewinn|ergebnis|erlös|absatz|auftragseingang|dividende|marge|revenue|"
    r"sales|profit|earnings|income|eps|margin|dividend|orders|deliveries|shipments)"
    r"(?:e|s|es|en|n)?\b"
)
_PRICE_WORD_RE = re.compile(
    r"(?:aktien?|papiere?|titel|anteilsscheine?|kurs|notierung|shares?|stock)\b"
)
_CLAUSE_STOP_RE = re.compile(r"[,;:.!?]\s")

# Where a percent word of `_PCT` starts, from where each of these stands: "per\scent" and
# "percent" both hold "cent" four characters in; others holding it only add places to look.
_PERCENT_WORDS = (("%", 0), ("Prozent", 0), ("cent", 4), ("pct", 0))
# A word of each family stands in every match of the pattern it is named for: a verb stem in
# _MOVE_DE_RE's, a noun part in _NOUN_DE_RE's, a range word in _RANGE_RE's (case as written).
_VERB_DE, _NOUN_DE, _RANGE = "verb:de", "noun:de", "range"
_RANGE_WORDS = ("zwischen", "between", "Spanne", "spanne", "range")
_GATE_WORDS = families_scan(
    {
        _VERB_DE: (
            "legte",
            "stieg",
            "kletterte",
            "zog",
            "gewann",
            "sprang",
            "schnellte",
            "rückte",
            "gab",
            "fiel",
            "sank",
            "verlor",
            "büßte",
            "rutschte",
            "sackte",
            "brach",
        ),
        _NOUN_DE: ("Plus", "Minus", "Kurs", "schlag"),
        _RANGE: _RANGE_WORDS,
    }
)
# How far before its number a match of _MOVE_EN_RE can start: the longest verb and the words
# the pattern allows between it and the number.
_VERB_REACH_EN = max(len(verb) for verb in _VERBS_EN.split("|")) + len(" by more than -")


def move_events(
    text: str, lang: str, cues: frozenset[str] | None = None
) -> list[PriceMove | PriceRange]:
    """Moves and ranges in one headline or sentence; `cues` is `cue_families` of the text."""
    if cues is None:
        cues = cue_families(text.lower())
    events: list[PriceMove | PriceRange] = []
    words: set[str] = set()
    if MOVE_CUE in cues and lang == "de":
        words = _GATE_WORDS.found(text)
    elif RANGE_CUE in cues and any(map(text.__contains__, _RANGE_WORDS)):
        words = {_RANGE}  # the English move grammar has no gate words
    if MOVE_CUE in cues:
        move = _german_move(text, words) if lang == "de" else _english_move(text)
        if move is not None:
            events.append(move)
    if RANGE_CUE in cues and _RANGE in words:
        price_range = _range(text, lang)
        if price_range is not None:
            events.append(price_range)
    return events


def _german_move(text: str, words: set[str]) -> PriceMove | None:
    """`words` are the `_GATE_WORDS` families standing in `text`."""
    match = _MOVE_DE_RE.search(text) if _VERB_DE in words else None
    if match is not None and _about_a_figure(text, match):
        match = None
    if match is not None:
        down = re.fullmatch(_DOWN_DE, match.group("verb")) is not None
        if down and match.group("verb") in ("gab", "gaben") and not _gave_way(text, match):
            return None
        return _move(text, match, -1 if down else 1, "de")
    noun = _NOUN_DE_RE.search(text) if _NOUN_DE in words else None
    if noun is not None:
        return _move(text, noun, 1 if noun.group("noun") in _UP_NOUNS else -1, "de")
    return None


def _first_percent_number(text: str) -> int:
    """The earliest place where a number that a percent word follows (as `_PCT` reads them)
    may start; -1 when no percent word has a number before it.

    A number is a run of digits, stops, commas and apostrophes ending in a digit, right before
    the percent word or one whitespace character before it."""
    first = -1
    for word, offset in _PERCENT_WORDS:
        for at in _places(text, word):
            start = _number_start(text, at - offset)
            if start >= 0 and (first < 0 or start < first):
                first = start
    return first


def _number_start(text: str, word_start: int) -> int:
    """Where the run of number characters ending right before `word_start` (or before one
    whitespace character there) starts; -1 when no digit ends there."""
    end = word_start - 1
    if end >= 0 and text[end].isspace():
        end -= 1
    if end < 0 or not text[end].isdecimal():
        return -1
    start = end
    while start > 0 and (text[start - 1].isdecimal() or text[start - 1] in ".,'"):
        start -= 1
    return start


def _about_a_figure(text: str, match: re.Match[str]) -> bool:
    """Whether the verb's clause is about a business figure and names no price."""
    start = match.start()
    before = text[max(0, start - 80) : start].lower()
    clause_start = 0
    for stop in _CLAUSE_STOP_RE.finditer(before):
        clause_start = stop.end()
    metric = any(
        not before.endswith("kurs", 0, found.start())  # "Kursgewinn" is a price word
        for found in _METRIC_RE.finditer(before, clause_start)
    )
    if not metric:
        return False
    near = before + text[start : match.end() + 30].lower()
    return not any(
        found.start() == 0 or not near[found.start() - 1].isalnum()
        for found in _PRICE_WORD_RE.finditer(near)
    )


def _gave_way(text: str, match: re.Match[str]) -> bool:
    """ "gab ... nach" is a fall; "gab ... bekannt" is not."""
    return re.search(r"\bnach\b|\bab\b", text[match.end() : match.end() + 40]) is not None


def _english_move(text: str) -> PriceMove | None:
    # Every match holds `_PCT` and starts at most its reach before the number there, so the
    # search may begin that far before the first such number, and without one nothing matches.
    first = _first_percent_number(text)
    if first < 0:
        return None
    match = _MOVE_EN_RE.search(text, max(0, first - _VERB_REACH_EN))
    if match is None or _about_a_figure(text, match):
        return None
    verb = match.group("verb").lower()
    sign = -1 if re.fullmatch(_DOWN_EN, verb) or match.group("sign") == "-" else 1
    return _move(text, match, sign, "en")


def _move(text: str, match: re.Match[str], sign: int, lang: str) -> PriceMove | None:
    pct = parse_number(match.group("pct"), lang)  # type: ignore[arg-type]
    if pct is None or pct > 1000:
        return None
    groups = match.groupdict()
    price_text = groups.get("price") or groups.get("price2")
    price = parse_number(price_text, lang) if price_text else None  # type: ignore[arg-type]
    currency = normalise_currency(groups.get("cur") or groups.get("cur_b")) if price else None
    return PriceMove(
        change_pct=sign * pct,
        company=_company(text[: match.start()] or text, lang),
        price=price,
        currency=currency,
    )


def _range(text: str, lang: str) -> PriceRange | None:
    match = _RANGE_RE.search(text)
    if match is None:
        return None
    decimal: Decimal = "de" if lang == "de" else "en"
    low = parse_number(match.group("low") or match.group("low2") or "", decimal)
    high = parse_number(match.group("high") or match.group("high2") or "", decimal)
    written = (
        match.group("cur")
        or match.group("cur_b")
        or match.group("cur_low")
        or match.group("cur_b2")
        or match.group("cur2")
    )
    if low is None or high is None or written is None or not 0 < low < high:
        return None
    return PriceRange(
        low=low,
        high=high,
        company=_company(text[: match.start()] or text, lang),
        currency=normalise_currency(written),
    )


def _named_before_shares(text: str) -> re.Match[str] | None:
    """The last name in `text` that a "shares" or "stock" follows as a word."""
    places = []
    for word in _SHARE_WORDS:  # a plain loop: a generator costs a function each call
        for at in _places(text, word):
            places.append((at, word))
    places.sort(reverse=True)
    for at, word in places:
        after = at + len(word)
        if after < len(text) and text[after].isalnum():
            continue  # "stockpile", "shareswap"
        found = _NAME_BEFORE_SHARES_RE.search(text, _name_reach(text, at), at)
        if found is not None:
            return found
    return None


def _name_reach(text: str, at: int) -> int:
    """Where a name of up to five words ending at `at` (or at a line break just before it) may
    start at the earliest: within `_NAME_REACH`, and after the fifth space back, as the name
    holds only the four white spaces between its words."""
    reach = max(0, at - _NAME_REACH)
    start = at
    for _ in range(5):
        start = text.rfind(" ", reach, start)
        if start < 0:
            return reach
    return start + 1


def _places(text: str, word: str) -> list[int]:
    """Every place `word` starts in `text`, overlapping ones too."""
    places, at = [], text.find(word)
    while at >= 0:
        places.append(at)
        at = text.find(word, at + 1)
    return places


def _company(text: str, lang: str) -> str | None:
    if lang != "de":
        subject = _SUBJECT_EN_RE.match(text)
        if subject is None:
            subject = _named_before_shares(text)
        if subject is not None:
            return company_base(subject.group("company"), "en") or None
    for _, _, name in COMPANY_TABLE.find(text):
        return company_base(name, lang) or None
    compound = _COMPOUND_RE.search(text)
    if compound is not None:
        return company_base(compound.group("name"), lang) or None
    return None
