"""Later brokers in an English sentence that leave the company out.

"A raised its price target on X to $50, while B lowered its target to $35", "..., and B raised
its to $125", "A downgraded X to neutral, while B upgraded it to overweight": each later clause
names a broker the tables know and refers to the company of the first by a pronoun or leaves the
noun out; the clause is read as if it named that company.
"""

from __future__ import annotations

import re

from ..events import AnalystAction
from .aliases import BROKER_TABLE
from .names import broker_base
from .plain_en import VERBS, plain_english_events

_LATER_RE = re.compile(
    r"(?:,\s(?:while|and|but|whereas)\s|;\s(?:and\s)?|\s(?:while|whereas)\s)"
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
