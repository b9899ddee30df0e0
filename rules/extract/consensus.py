"""Analyst consensus: average or median target and the buy/hold/sell split.

German: "Analysten trauen der Aktie im Schnitt 75 Euro zu", "das durchschnittliche Kursziel liegt
bei 75 Euro", "12 Kaufempfehlungen, 3 Halten, 1 Verkaufen". English: "consensus price target of
$194", "median price target of $180", "12 Buy ratings, 3 Hold and 1 Sell".
"""

from __future__ import annotations

import re

from ..events import Consensus
from .companies import COMPANY_TABLE
from .cues import CONSENSUS_CUE, cue_families
from .names import company_base
from .numbers import CURRENCY_AFTER, CURRENCY_BEFORE, NUMBER, normalise_currency, parse_number

_AMOUNT = (
    rf"(?:(?P<cur_b>{CURRENCY_BEFORE})\s?(?P<value>{NUMBER})|(?P<value2>{NUMBER})\s?"
    rf"(?P<cur>{CURRENCY_AFTER}))"
)
_MEAN_DE_RE = re.compile(
    r"(?:im\s(?:Schnitt|Durchschnitt|Mittel)|durchschnittlich\w*(?:\sKursziel)?|"
    r"Konsens(?:-Kursziel|kursziel|schätzung)?)[^.;]{0,60}?\b" + _AMOUNT
)
_MEDIAN_DE_RE = re.compile(r"\bMedian\w*[^.;]{0,40}?\b" + _AMOUNT)
_MEAN_EN_RE = re.compile(
    r"\b(?:consensus|average|mean)\s(?:analyst\s)?(?:price\s)?target[^.;]{0,30}?" + _AMOUNT
)
_MEDIAN_EN_RE = re.compile(r"\bmedian\s(?:analyst\s)?(?:price\s)?target[^.;]{0,30}?" + _AMOUNT)
# Where an amount can start: a digit, or a currency written before the number (as a sign,
# which also ends "US$" and the like, or a code).
_SIGN_OR_DIGIT_RE = re.compile(r"[\d$€£¥]")
_CODES_BEFORE = ("EUR", "USD", "CHF", "GBP")
_COUNT = r"(?P<{}>\d{{1,3}})\s"
_SPLIT_DE_RE = re.compile(
    _COUNT.format("buy") + r"(?:Kaufempfehlungen|Kaufempfehlung|(?:mal\s)?(?:„|\")?Kaufen"
    r"(?:“|\")?|x\sKaufen|Analysten\sraten\szum\sKauf|zum\sKauf)[,;]?\s(?:und\s)?"
    + _COUNT.format("hold")
    + r"(?:Halteempfehlungen|(?:mal\s)?(?:„|\")?Halten(?:“|\")?|"
    r"zum\sHalten)[,;]?\s(?:und\s)?"
    + _COUNT.format("sell")
    + r"(?:Verkaufsempfehlungen|Verkaufsempfehlung|(?:mal\s)?(?:„|\")?"
    r"Verkaufen(?:“|\")?|zum\sVerkauf)"
)
_SPLIT_EN_RE = re.compile(
    _COUNT.format("buy") + r"(?:analysts?\s(?:rate|have)\s(?:it|the\sstock)\s(?:a\s)?)?"
    r"(?:[Ss]trong\s)?[Bb]uys?(?:\sratings?)?[,;]?\s(?:and\s)?"
    + _COUNT.format("hold")
    + r"[Hh]olds?(?:\sratings?)?[,;]?\s(?:and\s)?"
    + _COUNT.format("sell")
    + r"[Ss]ells?(?:\sratings?)?"
)
_TRAUEN_RE = re.compile(r"\btrauen\b[^.;]{0,80}?\bim\s(?:Schnitt|Durchschnitt|Mittel)\s" + _AMOUNT)


def consensus_events(text: str, lang: str, cues: frozenset[str] | None = None) -> list[Consensus]:
    """The consensus in one headline or sentence; `cues` is `cue_families` of the text."""
    if CONSENSUS_CUE not in (cue_families(text.lower()) if cues is None else cues):
        return []
    decimal = "de" if lang == "de" else "en"
    # Each pattern is searched only where a word it cannot match without stands in the text.
    if lang == "de":
        mean = (_TRAUEN_RE.search(text) if "trauen" in text else None) or (
            _leftmost(_MEAN_DE_RE, text, _MEAN_DE_OPENINGS)
            if _has_any(text, _MEAN_DE_WORDS)
            else None
        )
        median = _MEDIAN_DE_RE.search(text) if "Median" in text else None
        split = _SPLIT_DE_RE.search(text) if _has_all(text, _SPLIT_DE_WORDS) else None
    else:
        mean = _leftmost(_MEAN_EN_RE, text, _MEAN_EN_OPENINGS) if "target" in text else None
        median = _MEDIAN_EN_RE.search(text) if "median" in text else None
        split = _SPLIT_EN_RE.search(text) if _has_all(text, _SPLIT_EN_WORDS) else None
    if mean is None and median is None and split is None:
        return []
    mean_value, mean_currency = _amount(mean, decimal)
    median_value, median_currency = _amount(median, decimal)
    if mean_value is None and median_value is None and split is None:
        return []
    return [
        Consensus(
            company=_company(text, lang),
            mean_target=mean_value,
            median_target=median_value,
            buy=int(split.group("buy")) if split else None,
            hold=int(split.group("hold")) if split else None,
            sell=int(split.group("sell")) if split else None,
            currency=mean_currency or median_currency,
        )
    ]


# Every match of a pattern opens with one of its opening words, or that many characters before
# one ("im Schnitt" opens three characters before "Schnitt").
_MEAN_DE_OPENINGS = (
    ("Konsens", 0),
    ("durchschnittlich", 0),
    ("Schnitt", 3),
    ("Durchschnitt", 3),
    ("Mittel", 3),
)
_MEAN_EN_OPENINGS = (("consensus", 0), ("average", 0), ("mean", 0))
# One of these stands in every match of _MEAN_DE_RE.
_MEAN_DE_WORDS = ("chnitt", "Mittel", "Konsens")
# All of these stand in every match of the pattern (buy, hold and sell words, case as written).
_SPLIT_DE_WORDS = ("Kauf", "Halte", "Verkauf")
_SPLIT_EN_WORDS = ("uy", "old", "ell")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, words))


def _has_all(text: str, words: tuple[str, ...]) -> bool:
    return all(map(text.__contains__, words))


def _leftmost(
    pattern: re.Pattern[str], text: str, openings: tuple[tuple[str, int], ...]
) -> re.Match[str] | None:
    """`pattern.search(text)` for a mean pattern (an opening, then up to its amount no stop or
    semicolon), tried only where a match can start (see the openings) and an amount follows:
    the first of those places where the pattern matches is where a search would find it."""
    starts: set[int] = set()
    for word, offset in openings:
        at = text.find(word)
        while at >= 0:
            if at >= offset:
                starts.add(at - offset)
            at = text.find(word, at + 1)
    for start in sorted(starts):
        # the amount of a match stands before the first stop or semicolon after its opening
        stop = len(text)
        for mark in ".;":
            at = text.find(mark, start)
            if 0 <= at < stop:
                stop = at
        if _SIGN_OR_DIGIT_RE.search(text, start, stop) is None and all(
            text.find(code, start, stop) < 0 for code in _CODES_BEFORE
        ):
            continue
        match = pattern.match(text, start)
        if match is not None:
            return match
    return None


def _amount(match: re.Match[str] | None, decimal: str) -> tuple[float | None, str | None]:
    if match is None:
        return None, None
    groups = {k: v for k, v in match.groupdict().items() if v}
    value_text = groups.get("value") or groups.get("value2")
    if not value_text:
        return None, None
    value = parse_number(value_text, "de" if decimal == "de" else "en")
    return value, normalise_currency(groups.get("cur") or groups.get("cur_b"))


def _company(text: str, lang: str) -> str | None:
    for _, _, name in COMPANY_TABLE.find(text):
        return company_base(name, lang) or None
    return None
