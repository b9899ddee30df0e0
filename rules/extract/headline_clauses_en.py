"""Headlines that join analyst clauses: "Toyota upgraded to Buy at Mizuho, Honda downgraded to
Neutral at Mizuho", "... at SEB; Aker BP target cut to NOK 270 at DNB Markets", "Piper Sandler
Raises Snowflake Target to $240; Needham Reiterates Buy". Each clause is read on its own; a
later clause that opens with a broker and names no company is about the company of the clause
before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..events import AnalystAction
from .aliases import BROKER_TABLE

Reader = Callable[[str], list[AnalystAction]]

# A semicolon, or a comma before a clause told from the stock's side ("<Company> downgraded",
# "<Company> price target cut"): where a headline's clauses part.
# A newsletter's last clause may open with "and" ("...; and Bernstein started Uber at ...",
# "..., and Telsey reiterated ...").
_SPLIT_RE = re.compile(
    r";\s(?:and\s)?|,\sand\s(?=[A-Z])|,\s(?=[A-Z][\w.&'+-]*(?:\s[A-Z][\w.&'+-]*){0,4}\s"
    r"(?:upgraded|downgraded|initiated|assumed|resumed|reinstated|started|price\starget|target"
    # a broker's own clause in a newsletter's list: "..., Stifel lifted Dollar Tree to buy"
    r"|raised|lifted|boosted|cut|lowered|trimmed|reiterated|maintained|began)\b)"
)
_OPENING_WORDS_RE = re.compile(r"[A-Z][\w.&'+-]*(?:\s(?:[A-Z][\w.&'+-]*|&|of))*")


def clause_events(headline: str, found: list[AnalystAction], read: Reader) -> list[AnalystAction]:
    """`found`, the events of `headline` read whole, or those of its clauses read one by one
    when they name more broker and company pairs."""
    if "; " not in headline and ", " not in headline:
        return found
    parts = _SPLIT_RE.split(headline)
    # "...; Maintains Buy Rating": a later clause with no broker of its own adds nothing
    if not any(map(_names_broker, parts[1:])):
        return found
    events: list[AnalystAction] = []
    company: str | None = None
    for place, part in enumerate(parts):
        if place and not _names_broker(part):
            continue
        got = read(part)
        if not got and company is not None and _opens_with_broker(part):
            got = [event for event in read(f"{part} on {company}") if event.company == company]
        for event in got:
            if _pair(event) not in map(_pair, events):
                events.append(event)
        companies = {event.company for event in got}
        if len(companies) == 1:
            company = companies.pop()
    if len(set(map(_pair, events))) > len(set(map(_pair, found))):
        return events
    return found


def _pair(event: AnalystAction) -> tuple[str, str]:
    return event.broker, event.company


def _names_broker(part: str) -> bool:
    """Whether a clause may name a broker of its own: at its start, or after "at" or "by" as
    a clause told from the stock's side ends."""
    return " at " in part or " by " in part or _opens_with_broker(part)


def _opens_with_broker(part: str) -> bool:
    opening = _OPENING_WORDS_RE.match(part)
    if opening is None:
        return False
    words = opening.group().split(" ", 4)[:4]  # no broker's name is longer
    return any(" ".join(words[:cut]) in BROKER_TABLE for cut in range(len(words), 0, -1))
