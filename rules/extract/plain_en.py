"""English analyst headlines in sentence case, as news wires write them.

"<Broker> raises <Company> price target to $N from $M", "<Broker> cuts its price target on
<Company> to $N", "<Broker> downgrades <Company> to <rating>, lowers target to $N",
"<Broker> upgrades <Company> to <rating> with $N target", "<Broker> starts <Company> at <rating>
with $N price target". The broker is the capitalised span before a lower-case verb and the
company the capitalised span after it; the rest of the clause must have one of the forms above,
so a capitalised subject alone ("Apple raises its dividend") never makes an analyst action.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import is_non_broker
from .grammar_en import TICKER_OPT, VOCAB
from .names import broker_base, company_base
from .numbers import parse_number
from .targets_en import target_currency

_RAISE = "raises|lifts|boosts|hikes|ups|increases|bumps up|raised|lifted|boosted|hiked"
_LOWER = "cuts|lowers|trims|slashes|reduces|cut|lowered|trimmed|slashed|reduced"
_CHANGE = "upgrades|downgrades|upgraded|downgraded"
_START = "starts|initiates|begins|launches|resumes|reinstates|assumes|started|initiated"
_KEEP = "keeps|maintains|reiterates|reaffirms|kept|maintained|reiterated"
VERBS = "|".join((_RAISE, _LOWER, _CHANGE, _START, _KEEP))

_NAME_WORD = r"[A-Z][\w.&'+-]*"
_BROKER = rf"(?P<broker>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|&|of|de))*?)"
_COMPANY = rf"(?P<company>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|&|of|de)){{0,4}}?)"
# what a wire may write before the company: "chipmaker", "German carmaker", "HSBC rival",
# "shares of"
_DESCRIBED = rf"(?:(?:{_NAME_WORD}\s)?(?:(?!(?:to|at|with|as|from|on|for)\s)[a-z][\w-]*\s){{1,3}})?"
_MONEY = r"(?:C|CA|HK|A|US)?[$€£]\s?"
_NUM = r"\d{1,7}(?:,\d{3})*(?:\.\d{1,4})?"
_TARGET_WORDS = r"(?:price\s)?target|PT|price\sobjective"
_RATING = rf"(?P<rating>(?i:{VOCAB}))(?![\w-])"
_TO_FROM = (
    rf"to\s(?P<money>{_MONEY})(?P<target>{_NUM})(?:\sfrom\s{_MONEY}(?P<prior>{_NUM}))?"
    rf"|from\s(?P<money2>{_MONEY})(?P<prior2>{_NUM})\sto\s{_MONEY}(?P<target2>{_NUM})"
)

_HEAD_RE = re.compile(rf"^{_BROKER}\s(?P<verb>{VERBS})\s(?P<rest>.+)$")
# after a target verb: "<Company> price target to $N", "its price target on <Company> to $N"
_TARGET_REST_RES = (
    re.compile(
        rf"^(?:its|their|the)\s(?:{_TARGET_WORDS})\s(?:on|for)\s{_DESCRIBED}{_COMPANY}{TICKER_OPT}\s"
        rf"(?:{_TO_FROM})(?P<tail>.*)$"
    ),
    re.compile(
        rf"^{_DESCRIBED}{_COMPANY}{TICKER_OPT}(?:'s)?\s(?:{_TARGET_WORDS})\s(?:{_TO_FROM})"
        r"(?P<tail>.*)$"
    ),
)
# after a rating verb: "<Company> to <rating>", "<Company> at <rating>"
_RATING_REST_RE = re.compile(
    rf"^(?:coverage\s(?:of|on)\s)?{_DESCRIBED}{_COMPANY}{TICKER_OPT}\s(?:from\s[\w\s-]{{1,30}}?\s)?"
    rf"(?P<prep>to|at|with|as)\s(?:an?\s)?{_RATING}(?:\srating)?(?P<tail>(?:[,;]|\swith\s|\sand\s|$).*)$"
)
# what may follow: ", cuts target to $9", " with $120 target", ", keeps outperform rating"
_TAIL_MOVE_RE = re.compile(
    rf"^(?:,|;|\sand)\s(?:and\s)?(?P<verb>{_RAISE}|{_LOWER})\s(?:its\s|the\s)?(?:{_TARGET_WORDS})"
    rf"\s(?:{_TO_FROM})"
)
_TAIL_STATED_RE = re.compile(
    rf"^(?:,|\swith|\sand)\s(?:an?\s)?(?P<money>{_MONEY})(?P<target>{_NUM})\s(?:{_TARGET_WORDS})\b"
)
_TAIL_KEEP_RE = re.compile(rf"^(?:,|;|\sand)\s(?:{_KEEP})\s(?:an?\s|its\s)?{_RATING}(?:\srating)?")

_RAISE_WORDS = frozenset(_RAISE.split("|"))
_LOWER_WORDS = frozenset(_LOWER.split("|"))
_CHANGE_ACTION: dict[str, RatingAction] = {
    "upgrades": "up",
    "upgraded": "up",
    "downgrades": "down",
    "downgraded": "down",
}
_START_WORDS = frozenset(_START.split("|"))
_KEEP_WORDS = frozenset(_KEEP.split("|"))
# a lower-case verb among the analyst ones must follow a capitalised word for any form to match
_HINT_RE = re.compile(rf"[\w.)]\s(?:{_RAISE}|{_LOWER}|{_CHANGE}|{_START}|{_KEEP})\s")


def plain_english_events(headline: str) -> list[AnalystAction]:
    """The analyst action of one sentence-case headline, or []."""
    if _HINT_RE.search(headline) is None:
        return []
    head = _HEAD_RE.match(headline)
    if head is None:
        return []
    verb, rest = head.group("verb"), head.group("rest")
    if verb in _RAISE_WORDS or verb in _LOWER_WORDS:
        return _target_first(head.group("broker"), verb, rest)
    return _rating_first(head.group("broker"), verb, rest)


def _target_first(raw_broker: str, verb: str, rest: str) -> list[AnalystAction]:
    for form in _TARGET_REST_RES:
        match = form.match(rest)
        if match is None:
            continue
        action: TargetAction = "raise" if verb in _RAISE_WORDS else "lower"
        target, prior, money = _numbers(match)
        rating_action: RatingAction = "none"
        rating = None
        kept = _TAIL_KEEP_RE.match(match.group("tail"))
        if kept is not None:
            rating_action, rating = "main", kept.group("rating")
        return _event(
            raw_broker, match.group("company"), rating_action, rating, action, target, prior, money
        )
    return []


def _rating_first(raw_broker: str, verb: str, rest: str) -> list[AnalystAction]:
    match = _RATING_REST_RE.match(rest)
    if match is None:
        return []
    if verb in _KEEP_WORDS:
        rating_action: RatingAction = "main"
    elif verb in _START_WORDS:
        rating_action = "init"
    else:
        rating_action = _CHANGE_ACTION[verb]
    if rating_action in ("up", "down") and match.group("prep") != "to":
        return []  # "upgrades X at Buy" is not how a change is told
    tail = match.group("tail")
    target_action: TargetAction = "none"
    target = prior = None
    money = ""
    moved = _TAIL_MOVE_RE.match(tail)
    stated = _TAIL_STATED_RE.match(tail)
    if moved is not None:
        target_action = "raise" if moved.group("verb") in _RAISE_WORDS else "lower"
        target, prior, money = _numbers(moved)
    elif stated is not None:
        target_action = "init" if rating_action == "init" else "set"
        target, prior, money = _numbers(stated)
    return _event(
        raw_broker,
        match.group("company"),
        rating_action,
        match.group("rating"),
        target_action,
        target,
        prior,
        money,
    )


def _numbers(match: re.Match[str]) -> tuple[float | None, float | None, str]:
    groups = match.groupdict()
    target = groups.get("target") or groups.get("target2")
    prior = groups.get("prior") or groups.get("prior2")
    money = groups.get("money") or groups.get("money2") or ""
    return (
        parse_number(target, "en") if target else None,
        parse_number(prior, "en") if prior else None,
        money,
    )


def _event(
    raw_broker: str,
    raw_company: str,
    rating_action: RatingAction,
    rating: str | None,
    target_action: TargetAction,
    target: float | None,
    prior: float | None,
    money: str,
) -> list[AnalystAction]:
    broker = broker_base(raw_broker)
    company = company_base(raw_company, "en")
    if not broker or not company or broker == company or is_non_broker(broker):
        return []
    return [
        AnalystAction(
            broker=broker,
            company=company,
            rating_action=rating_action,
            rating=rating,
            target_action=target_action,
            target=target,
            prior_target=prior,
            currency=target_currency(money + "0") if target is not None else None,
        )
    ]
