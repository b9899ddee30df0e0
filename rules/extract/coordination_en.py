"""Later brokers in an English sentence that leave the company out.

"A raised its price target on X to $50, while B lowered its target to $35", "..., and B raised
its to $125", "A downgraded X to neutral, while B upgraded it to overweight": each later clause
names a broker the tables know and refers to the company of the first by a pronoun or leaves the
noun out; the clause is read as if it named that company.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, TargetAction
from .aliases import BROKER_TABLE
from .money_en import NUM, currency_of
from .names import broker_base, company_base
from .narrative_en import known_brokers
from .numbers import parse_number
from .plain_en import LOWER_WORDS, RAISE_WORDS, VERBS, plain_english_events

_LATER_RE = re.compile(
    r"(?:,\s(?:while|and|but|whereas)\s|;\s(?:and\s)?|\s(?:while|whereas|and)\s)"
    r"(?P<broker>[A-Z][\w.&'+-]*(?:,?\s(?:[A-Z][\w.&'+-]*|&|of))*)"
    r"(?:\sanalysts?)?(?:\s(?:also|in\sturn))?"
    rf"\s(?P<verb>{VERBS})\s(?P<rest>[^;]*)"
)
# what stands for the target or the company in the later clause
_TARGET_LEFT_RE = re.compile(
    r"^(?:its|their)\s(?:own\s)?(?:(?:price\s)?target(?:\sprice)?|price\sobjective|PT\s)?\s?(?=to\s|from\s)"
)
_COMPANY_LEFT_RE = re.compile(
    r"^(?:it|them|the\s(?:stock|shares|company|group|firm))\s(?=to\s|at\s)"
)


_NAME = r"[A-Z][\w.&'+-]*(?:\s(?:[A-Z][\w.&'+-]*|&|of))*"
_AMOUNT = rf"(?:[A-Z]{{0,3}}\$|[€£])?{NUM}(?:\s?(?:p|pence|euros?|yen))?"
# "A and B raised their price targets on X to $60 and $58, respectively"
_RESPECTIVE_RE = re.compile(
    rf"^(?:[Aa]nalysts\sat\s)?(?P<brokers>{_NAME}(?:,\s{_NAME})*,?\sand\s{_NAME})"
    rf"(?:\s(?:both|each|also))?\s(?P<verb>{VERBS})\s(?:their|the)\s(?:respective\s)?"
    r"(?:price\s)?(?:targets|target\sprices|price\sobjectives)\s(?:on|for)\s"
    rf"(?P<company>{_NAME}),?\s(?:to\s)?"
    rf"(?P<amounts>{_AMOUNT}(?:(?:,\s|,?\sand\s){_AMOUNT})+),?\s(?:respectively)\b"
)
_AMOUNT_RE = re.compile(_AMOUNT)
_NUMBER_RE = re.compile(NUM)


def respective_events(text: str) -> list[AnalystAction]:
    """One event per broker of a list whose targets follow in the same order."""
    match = _RESPECTIVE_RE.match(text)
    if match is None or match.group("verb") not in RAISE_WORDS | LOWER_WORDS:
        return []
    brokers = known_brokers(match.group("brokers"))
    amounts = _AMOUNT_RE.findall(match.group("amounts"))
    company = company_base(match.group("company"), "en")
    if not brokers or len(brokers) != len(amounts) or not company:
        return []
    moved: TargetAction = "raise" if match.group("verb") in RAISE_WORDS else "lower"
    return [
        AnalystAction(
            broker=broker,
            company=company,
            target_action=moved,
            target=parse_number(_NUMBER_RE.findall(amount)[0], "en"),
            currency=currency_of(amount),
        )
        for broker, amount in zip(brokers, amounts, strict=True)
    ]


def coordinated_events(text: str, first: list[AnalystAction]) -> list[AnalystAction]:
    """The events of later clauses about the one company of `first`."""
    companies = {event.company for event in first}
    if len(companies) != 1:
        return []
    company = companies.pop()
    seen = {event.broker for event in first}
    found: list[AnalystAction] = []
    for later in _LATER_RE.finditer(text):
        broker = broker_base(later.group("broker"))
        if broker in seen or broker not in BROKER_TABLE:
            continue
        verb, rest = later.group("verb"), later.group("rest")
        target = _TARGET_LEFT_RE.match(rest)
        if target is not None:
            rebuilt = f"{broker} {verb} its price target on {company} {rest[target.end() :]}"
        else:
            pronoun = _COMPANY_LEFT_RE.match(rest)
            if pronoun is None:
                continue
            rebuilt = f"{broker} {verb} {company} {rest[pronoun.end() :]}"
        for event in plain_english_events(rebuilt):
            if event.company == company:
                found.append(event)
                seen.add(broker)
    return found
