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
            _MEAN_DE_RE.search(text) if _has_any(text, _MEAN_DE_WORDS) else None
        )
        median = _MEDIAN_DE_RE.search(text) if "Median" in text else None
        split = _SPLIT_DE_RE.search(text) if "Kauf" in text else None
    else:
        mean = _MEAN_EN_RE.search(text) if "target" in text else None
        median = _MEDIAN_EN_RE.search(text) if "median" in text else None
        split = _SPLIT_EN_RE.search(text) if "old" in text and "ell" in text else None
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


_MEAN_DE_WORDS = ("chnitt", "Mittel", "Konsens")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


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
