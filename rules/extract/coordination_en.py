"""Later brokers in an English sentence that leave the company out.

"A raised its price target on X to $50, while B lowered its target to $35", "..., and B raised
its to $125", "A downgraded X to neutral, while B upgraded it to overweight": each later clause
names a broker the tables know and refers to the company of the first by a pronoun or leaves the
noun out; the clause is read as if it named that company.

The other way round, one broker acting alike on several companies leaves the broker and the
verb out of the later ones: "A upgraded X to buy and Y to neutral", "A starts coverage of X at
buy and of Y at neutral", "A cut its targets on X to $30 and Y to $110".
"""

from __future__ import annotations

import re

from ..events import AnalystAction, TargetAction
from .aliases import BROKER_TABLE, is_rating_word
from .grammar_en import VOCAB
from .money_en import NUM, currency_of
from .names import broker_base, company_base
from .narrative_en import known_brokers
from .numbers import parse_number
from .org_words import BREAK_EN
from .plain_en import LOWER_WORDS, RAISE_WORDS, VERBS, plain_english_events

_LATER_RE = re.compile(
    r"(?:,\s(?:while|and|but|whereas)\s|;\s(?:and\s)?|\s(?:while|whereas|and)\s)"
    r"(?P<broker>[A-Z][\w.&'+-]*(?:,?\s(?:[A-Z][\w.&'+-]*|&|of))*)"
    r"(?:\sanalysts?)?(?:\s(?:also|in\sturn))?"
    rf"\s(?P<verb>{VERBS})\s(?P<rest>[^;]*)"
)
# what stands for the target or the company in the later clause
_TARGET_LEFT_RE = re.compile(
    r"^(?:its|their)\s(?:own\s)?(?:(?:price\s)?target(?:\sprice)?|price\sobjective|PT\s)?"
    r"(?:\s(?:on|for)\s(?:the\s(?:stock|shares|company)|it))?\s?(?=to\s|from\s)"
)
# "..., while B reiterated its outperform rating": a rating kept with the company left out
_RATING_LEFT_RE = re.compile(
    rf"^(?:its|their|an?)\s['‘\"“]?(?i:{VOCAB})['’\"”]?\s(?:rating|recommendation)"
    # a rating on another company named after it is no rating of the one left out
    r"(?:\s(?:on|for)\s(?:the\s(?:stock|shares|company)|it))?(?=[,;.]|$|\s(?!on\s|for\s))"
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


# "... and (of) <Company> to/at <rating or amount>": a later company under the same verb
_JOINED_COMPANY_RE = re.compile(
    r"(?:,\s|\s)(?:and|And)\s(?:(?:of|on|for|Of|On|For)\s)?"
    rf"(?P<company>{_NAME}?)\s(?P<prep>to|at|with|To|At|With)\s(?:an?\s|An?\s)?['‘\"“]?"
    rf"(?:(?P<rating>(?i:{VOCAB}))(?![\w-])|(?P<amount>{_AMOUNT}))"
)


# "initiated coverage of Banco Santander and BBVA": the last company of a started coverage,
# the clause ending after it
_JOINED_LAST_RE = re.compile(rf"\s(?:and|And)\s(?P<company>{_NAME}?)(?=[,;]\s|\.?\s*$)")


# "and Microsoft PT to $500": the target's words after the name
_TARGET_WORDS_AFTER_RE = re.compile(
    r"\s(?:PT|Price\sTarget|Target|Price\sObjective|Shares|Stock|Target\sPrice)$"
)


def joined_company_events(text: str, first: list[AnalystAction]) -> list[AnalystAction]:
    """The events of companies joined by "and" to the one company of `first`, its one broker
    acting on them alike: a rating after "to"/"at" when `first` moves a rating, an amount when
    it moves a target."""
    if len(first) != 1 or " and " not in text.replace(" And ", " and "):
        return []
    event = first[0]
    named = text.find(event.company)
    if named < 0:
        return []
    found: list[AnalystAction] = []
    for joined in _JOINED_COMPANY_RE.finditer(text, named + len(event.company)):
        company = company_base(_TARGET_WORDS_AFTER_RE.sub("", joined.group("company")), "en")
        if not company or company == event.company or company in BROKER_TABLE:
            continue
        if company.split()[0].lower() in BREAK_EN:
            continue  # "and Sees Upside To $300": a verb, no company
        rating, amount = joined.group("rating"), joined.group("amount")
        if rating is not None and event.rating_action != "none" and is_rating_word(rating):
            if event.rating_action in ("up", "down") and joined.group("prep").lower() != "to":
                continue  # a change is told "to" its rating
            found.append(
                AnalystAction(
                    broker=event.broker,
                    company=company,
                    rating_action=event.rating_action,
                    rating=rating,
                )
            )
        elif amount is not None and event.target_action != "none" and event.rating is None:
            number = parse_number(_NUMBER_RE.findall(amount)[0], "en")
            found.append(
                AnalystAction(
                    broker=event.broker,
                    company=company,
                    rating_action=event.rating_action,
                    target_action=event.target_action,
                    target=number,
                    currency=currency_of(amount),
                )
            )
    if event.rating_action == "init" and event.target_action == "none":
        _started_alike(text, named + len(event.company), event, found)
    return found


def _started_alike(text: str, after: int, event: AnalystAction, found: list[AnalystAction]) -> None:
    """Coverage started on several companies at once: "with buy ratings" gives each the one
    rating; with none, the company joined last is started as the first is."""
    if not found:
        last = _JOINED_LAST_RE.match(text, after)
        company = company_base(last.group("company"), "en") if last else ""
        # a bank may be covered ("... of Banco Santander and BBVA"): the clause ends with it
        if company and company.split()[0].lower() not in BREAK_EN:
            found.append(AnalystAction(broker=event.broker, company=company, rating_action="init"))
        return
    ratings = {other.rating for other in found}
    if event.rating is None and len(ratings) == 1 and " ratings" in text:
        event.rating = ratings.pop()


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


def _known_broker(name: str) -> bool:
    """A broker the tables know, or one whose name starts with one ("Telsey Advisory Group")."""
    return any(start == 0 for start, _, _ in BROKER_TABLE.find(name))


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
        if broker in seen or not _known_broker(broker):
            continue
        verb, rest = later.group("verb"), later.group("rest")
        target = _TARGET_LEFT_RE.match(rest)
        if target is not None:
            rebuilt = f"{broker} {verb} its price target on {company} {rest[target.end() :]}"
        elif (rated := _RATING_LEFT_RE.match(rest)) is not None:
            kept = re.sub(r"\s(?:on|for)\s\S+(?:\s\S+)?$", "", rated.group())
            rebuilt = f"{broker} {verb} {kept} on {company}{rest[rated.end() :]}"
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
