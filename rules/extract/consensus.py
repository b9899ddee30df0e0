"""Analyst consensus: average or median target and the buy/hold/sell split.

German: "Analysten trauen der Aktie im Schnitt 75 Euro zu", "das durchschnittliche Kursziel liegt
bei 75 Euro", "12 Kaufempfehlungen, 3 Halten, 1 Verkaufen". English: "consensus price target of
$194", "median price target of $180", "12 Buy ratings, 3 Hold and 1 Sell".
"""

from __future__ import annotations

import re

from ..events import Consensus
from .aliases import BROKER_TABLE
from .clauses import POINTING_EN
from .companies import COMPANY_TABLE
from .cues import CONSENSUS_CUE, cue_families
from .names import company_base
from .numbers import CURRENCY_AFTER, CURRENCY_BEFORE, NUMBER, normalise_currency, parse_number
from .rating_counts import COMPILERS, analyst_total, consensus_rating, rating_split
from .subject import names_shares_of_several

_AMOUNT = (
    rf"(?:(?P<cur_b>{CURRENCY_BEFORE})\s?(?P<value>{NUMBER})|(?P<value2>{NUMBER})\s?"
    rf"(?P<cur>{CURRENCY_AFTER}))"
)
# Between the words that announce an average and its amount, no word that makes it an average of
# something other than the price target.
_OTHER_FIGURE = (
    r"(?:(?!Umsatz|Gewinn|Ergebnis|Dividende|revenue|earnings|sales|profit|dividend)[^.;])"
)
# "66 Dollar je Barrel", "4 Euro pro Aktie": a price of something, or a figure per share
_PER_UNIT = r"(?!\s(?:je|pro|per|a)\s)"
_MEAN_DE_RE = re.compile(
    r"(?:[Ii]m\s(?:Schnitt|Durchschnitt|Mittel)|durchschnittlich\w*(?:\sKursziel)?|"
    r"mittler\w*\s(?:Kursziel|Ziel)|Durchschnitts(?:kursziel|ziel)|"
    r"Konsens(?:-Kursziel|kursziel|schätzung)?)"
    + _OTHER_FIGURE
    + r"{0,80}?\b"
    + _AMOUNT
    + _PER_UNIT
)


def names_average(text: str) -> bool:
    """Whether a German text states an average of targets ("Das durchschnittliche Kursziel
    liegt bei 50 Euro"), which is no one broker's."""
    return _MEAN_DE_RE.search(text) is not None or _MEDIAN_DE_RE.search(text) is not None


# Words of a German average, or just before it, that make it a target: "das durchschnittliche
# Kursziel", "im Schnitt trauen sie der Aktie 43 Euro zu", "Das Kursziel liegt im Schnitt bei".
# How far before an average its target word may stand ("Das Kursziel liegt im Schnitt bei")
_CONTEXT_BEFORE = 40
_TARGET_CONTEXT_DE_RE = re.compile(r"[Zz]iel|trau|Aktie|Papier|Titel|[Ww]ert\b|Konsens")
_MEDIAN_DE_RE = re.compile(r"\bMedian\w*[^.;]{0,40}?\b" + _AMOUNT)
# "average twelve-month target price among brokerages that ... is $452.80", "average 12 month
# price objective among analysts ... is GBX 3,450": the period, and whom it is taken among
_TARGET_PERIOD_EN = r"(?:(?:twelve|12|one|1)[\s-](?:month|year)\s)?"
# "the average PEP price target", "the average AMD stock price target": the stock's name or
# ticker
_STOCK_NAMED_EN = r"(?:[A-Z][\w&'-]*\s){0,3}(?:stock\s|share\s)?"
_MEAN_EN_RE = re.compile(
    r"\b(?:consensus|average|mean)\s(?:analyst\s)?"
    + _STOCK_NAMED_EN
    + _TARGET_PERIOD_EN
    + r"(?:(?:price\s)?target(?:\sprice)?|price\sobjective)"
    # "... price target on Rio Tinto among analysts is A$131": the stock, then whom among
    r"(?:[^.;]{0,30}?|(?:\s(?:on|for)\s[^.;]{1,40}?)?\samong\s[^.;]{0,90}?\sis\s)" + _AMOUNT
)
_MEDIAN_EN_RE = re.compile(
    r"\bmedian\s(?:analyst\s)?" + _STOCK_NAMED_EN + r"(?:price\s)?target[^.;]{0,30}?" + _AMOUNT
)
# Where an amount can start: a digit, or a currency written before the number (as a sign,
# which also ends "US$" and the like, or a code).
_SIGN_OR_DIGIT_RE = re.compile(r"[\d$€£¥]")
_CODES_BEFORE = ("EUR", "USD", "CHF", "GBP")
_TRAUEN_RE = re.compile(r"\btrauen\b[^.;]{0,80}?\bim\s(?:Schnitt|Durchschnitt|Mittel)\s" + _AMOUNT)


def consensus_events(
    text: str, lang: str, cues: frozenset[str] | None = None, lowered: str | None = None
) -> list[Consensus]:
    """The consensus in one headline or sentence; `cues` is `cue_families` of the text and
    `lowered` the text lower-cased, where the caller has them."""
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
        if mean is not None and (
            _TARGET_CONTEXT_DE_RE.search(text, max(0, mean.start() - _CONTEXT_BEFORE), mean.end())
            is None
        ):
            mean = None  # "Brent dürfte im Schnitt 80 Dollar kosten": an average of no target
        median = _MEDIAN_DE_RE.search(text) if "Median" in text else None
    else:
        mean = (
            _leftmost(_MEAN_EN_RE, text, _MEAN_EN_OPENINGS)
            if "target" in text or "objective" in text
            else None
        )
        median = _MEDIAN_EN_RE.search(text) if "median" in text else None
    split = rating_split(text, lowered)
    rating = consensus_rating(text, lowered)
    mean_value, mean_currency = _amount(mean, decimal)
    median_value, median_currency = _amount(median, decimal)
    if mean_value is None and median_value is None and split is None and rating is None:
        return []
    return [
        Consensus(
            company=_company(text, lang),
            mean_target=mean_value,
            median_target=median_value,
            buy=split.buy if split else None,
            hold=split.hold if split else None,
            sell=split.sell if split else None,
            currency=mean_currency or median_currency,
            rating=rating,
            analysts=split.analysts if split else analyst_total(text),
        )
    ]


# Every match of a pattern opens with one of its opening words, or that many characters before
# one ("im Schnitt" opens three characters before "Schnitt").
_MEAN_DE_OPENINGS = (
    ("Konsens", 0),
    ("durchschnittlich", 0),
    ("Schnitt", 3),
    ("Durchschnitt", 3),
    ("Durchschnitt", 0),
    ("Mittel", 3),
    ("mittler", 0),
)
_MEAN_EN_OPENINGS = (("consensus", 0), ("average", 0), ("mean", 0))
# One of these stands in every match of _MEAN_DE_RE.
_MEAN_DE_WORDS = ("chnitt", "Mittel", "mittler", "Konsens")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, words))


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
        if _SIGN_OR_DIGIT_RE.search(text, start, stop) is None and not _has_code(text, start, stop):
            continue
        match = pattern.match(text, start)
        if match is not None:
            return match
    return None


def _has_code(text: str, start: int, stop: int) -> bool:
    # a plain loop: a generator costs a function object for every place tried
    for code in _CODES_BEFORE:  # noqa: SIM110
        if text.find(code, start, stop) >= 0:
            return True
    return False


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
    """The one company the sentence names that is neither a broker nor the firm that compiled
    the figures ("according to LSEG data"), None where it names several; in English, where it
    names none the tables know, the subject that has the average rating ("According to
    MarketBeat, Acme Foods currently has a consensus rating of ...") or the one it is on."""
    first: str | None = None
    for _, _, raw in COMPANY_TABLE.find(text):
        if raw.lower() in COMPILERS or raw in BROKER_TABLE:
            continue
        name = company_base(raw, lang)
        if not name or name == first:
            continue
        if first is not None:
            return None  # figures beside several companies are not clearly any one's
        first = name
    if first is not None:
        # nor are figures beside the shares of several
        return None if names_shares_of_several(text) else first
    covered = _COVERED_RE[lang == "de"].search(text)
    if covered is not None and covered.group("company").lower() not in COMPILERS:
        # "Of the 41 analysts covering Chipotle": the company the counted analysts cover
        return company_base(covered.group("company"), lang) or None
    if lang != "de":
        holder = _HOLDER_EN_RE.search(text) if " has " in text or " have " in text else None
        # "The consensus price target on Acme among analysts is ...": no verb of having needed
        if holder is None and (" on " in text or " for " in text):
            holder = _RATED_ON_EN_RE.search(text)
        if holder is not None and holder.group("company").lower() not in COMPILERS:
            return company_base(holder.group("company"), lang) or None
    if lang != "de" and "'s " in text:
        possessor = _POSSESSOR_EN_RE.search(text)
        if possessor is not None and possessor.group("company").lower() not in COMPILERS:
            return company_base(possessor.group("company"), lang) or None
    return None


# the company as the subject of the consensus sentence, at its start or after a comma
_HOLDER_EN_RE = re.compile(
    r"(?:^|,\s|\.\s)(?:[Ss]hares\sof\s)?"
    # "The stock has a consensus rating": a word pointing back names no company
    rf"(?!{POINTING_EN}\s)"
    r"(?P<company>[A-Z][\w&.'-]*(?:\s(?:[A-Z&][\w&.'-]*|of|and)){0,5}?)"
    r"(?:\s\((?:[A-Za-z]+:\s?)?[A-Z.]{1,6}\))?(?:'s\s(?:stock|shares))?"
    r"\s(?:currently\s|presently\s|now\s)?(?:has|have)\s(?:been\sgiven\s|received\s|earned\s)?"
    r"(?:an?\s)?(?:average|consensus)\s(?:rating|recommendation)\b"
)
# "Acme's average broker rating is Buy": the company whose consensus it is
_POSSESSOR_EN_RE = re.compile(
    r"(?:^|,\s|\.\s)(?P<company>[A-Z][\w&.-]*(?:\s(?:[A-Z&][\w&.-]*|of|and)){0,5}?)'s\s"
    r"(?:average|consensus|mean)\s(?:(?:analyst|broker|brokerage)\s)?"
    r"(?:rating|recommendation|(?:price\s)?target)\b"
)
# "Analysts have a consensus "Buy" rating on Costco": the company the consensus is on
_RATED_ON_EN_RE = re.compile(
    r"\b(?:consensus|average)\s[^.;]{0,40}?\b(?:rating|recommendation|(?:price\s)?target)"
    r"\s(?:on|for)\s(?:shares\sof\s)?(?P<company>[A-Z][\w&.'-]*(?:\s(?:[A-Z&][\w&.'-]*)){0,3})"
    r"(?=[\s,.;]|$)"
)
# "the 41 analysts covering Chipotle", "die 12 Analysten, die Gerresheimer beobachten": the
# company whose analysts the figures count
_COVERED_RE = (
    re.compile(
        r"\banalysts\s(?:(?:who|that)\s(?:cover|follow|track)|covering|following|tracking)\s"
        r"(?P<company>[A-Z][\w&.'-]*(?:\s(?:[A-Z&][\w&.'-]*)){0,3})(?=[\s,.;]|$)"
    ),
    re.compile(
        r"\b(?:Analysten|Experten),\s(?:die|welche)\s"
        r"(?P<company>[A-ZÄÖÜ][\w&.'-]*(?:\s(?:[A-ZÄÖÜ&][\w&.'-]*)){0,3})"
        r"\s(?:beobachten|covern|bewerten|verfolgen|abdecken)\b"
    ),
)
