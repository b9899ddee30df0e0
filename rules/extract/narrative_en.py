"""English analyst actions told from the stock's side.

"<Company> Downgraded From Buy To Neutral At <Broker>", "<Company> Initiated With Buy At
<Broker>", "<Company> shares are trading higher after <Broker> upgraded the stock from Neutral to
Buy and raised its price target to $50", "<Company> Up 2% After <Broker> Upgrade To Outperform".
"""

from __future__ import annotations

import re

from ..events import AnalystAction, RatingAction
from .aliases import BROKER_TABLE, is_non_broker, is_rating_word
from .clauses import POINTING_EN
from .companies import COMPANY_TABLE
from .covered_en import WORDS
from .data_files import data_lines
from .grammar_en import BROKER_LIST_SPLIT_RE, VOCAB
from .names import broker_base, company_base
from .targets_en import analyst_action, parse_target, target_currency

_BROKER = r"(?P<broker>[A-Z][\w.&'+-]*(?:\s(?:[A-Z][\w.&'+-]*|&|of|and))*?)"
_RATING = r"(?P<rating>[A-Z][\w/+-]*(?:\s[A-Z][\w/+-]*){0,3}?)"
_END = (
    r"(?=[,;:.]|\s[-–]|\s[a-z]|"
    r"\s(?:On|As|After|Following|Amid|Firm|PT|Says|With|To|By|At|Rating)\b|$)"
)

# The verbs and nouns of each form, also read by `analyst_en`'s gate.
PASSIVE_VERBS = "Upgraded|Downgraded|Initiated|Cut|Raised"
PROSE_VERBS = (
    "raised|lowered|cut|boosted|trimmed|increased|reduced|upgraded|downgraded|initiated|"
    "reiterated|maintained|assumed|resumed"
)
TOLD_VERBS = (
    "upgraded|downgraded|initiated|maintained|reiterated|raised|lowered|cut|assumed|reinstated|"
    "resumed|boosted|added|Upgraded|Downgraded|Initiated|Maintained|Reiterated|Raised|Lowered|"
    "Cut|Boosted|Added"
)
# in lower case only after a broker the tables know: "shares gain after Morgan Stanley upgrade"
NOUNS = r"Upgrade|Downgrade|Initiation|Stock\sUpgraded|Stock\sDowngraded|upgrade|downgrade"

_PASSIVE_RE = re.compile(
    r"^(?:Shares\sof\s)?(?P<company>[A-Z0-9][\w.&'-]*(?:\s[A-Z0-9&][\w.&'-]*){0,6}?)"
    r"(?:\s(?:Shares|Stock))?\s"
    rf"(?P<verb>{PASSIVE_VERBS})"
    r"(?:\s[Ff]rom\s[A-Z][\w/+-]*(?:\s[A-Z][\w/+-]*){0,3}?)?"
    rf"(?:\s(?:[Tt]o|[Ww]ith|[Aa]t)\s(?:[Aa]n?\s)?{_RATING})?"
    rf"\s(?:[Aa]t|[Bb]y)\s{_BROKER}{_END}(?P<tail>.*)$"
)


_TARGET_ENDING_RE = re.compile(
    r"\s(?:[Pp]rice\s[Tt]arget|PT|[Tt]arget(?:\s[Pp]rice)?|[Pp]rice\s[Oo]bjective)$"
)
# "<Company> fell 6% after <Broker> ...": the stock's move told in the past tense
_MOVED_PAST = "|".join(
    form for verb in data_lines("stock_move_verbs_en.txt") for form in (verb, verb.capitalize())
)
_SUBJECT_RE = re.compile(
    # "Shares rose 3%", "It fell": the words of a move name no company
    r"^(?:Shares\sof\s)?(?!(?:Shares|Stocks?|It|They)\s)"
    # "The shares rose", "Its stock fell": a word pointing back to a company named before
    rf"(?!{POINTING_EN}\s(?:[Ss]hares|[Ss]tock)\b)"
    r"(?P<company>[A-Z0-9][\w.&'-]*(?:\s[A-Z0-9&][\w.&'-]*){0,5}?)"
    r"(?:'s)?\s(?:[Ss]hares|[Ss]tock|Common\sStock|ADRs?|Up|Down|Higher|Lower|Falls?|Rises?|"
    r"Slips?|Jumps?|Trading|Pricing|Crushes|Missed|Misses|Beats|Reports|"
    rf"{_MOVED_PAST})\b"
)
_PROSE_RE = re.compile(
    rf"^(?:The\s)?{_BROKER}(?:\sanalysts?)?(?:\s(?:on\s\w+|earlier|today|also))?\s"
    rf"(?P<verb>{PROSE_VERBS})\s"
    r"(?P<object>(?:its|their|the)\s(?:price\s)?target(?:\sprice)?\s(?:on|for)\s|coverage\s(?:of|on)\s)?"
    r"(?P<company>[A-Z0-9][\w.&'-]*(?:\s[A-Z0-9&][\w.&'-]*){0,4}?)(?:'s)?"
    # a stop inside a name ("Amazon.com") ends no clause, nor one before a lower-case word
    # ("U.S. equities"): an abbreviation's
    r"(?P<rest>(?:\s(?:to|from|at|with|shares|stock|price)\b|[,;]|\.(?!\w|\s[a-z])|$).*)$"
)
# "Exxon Mobil: Morgan Stanley Upgrades to Overweight": the stock titles the headline
_TITLED_RE = re.compile(r"^(?P<company>[A-Z0-9][\w.&'-]*(?:\s[A-Z0-9&][\w.&'-]*){0,3}):\s")
_POSSESSIVE_RE = re.compile(r"^(?P<company>[A-Z0-9][\w.&-]*(?:\s[A-Z0-9&][\w.&-]*){0,3}?)'s\s")
# a sentence's stop before the next one, not that of "Inc." or "Co."
_SENTENCE_STOP_RE = re.compile(r"(?<=[a-z0-9)])(?<![A-Z][a-z])(?<!Inc|Ltd)(?<!Corp)\.\s(?=[A-Z])")
_TOLD_RE = re.compile(
    r"(?:\b(?:after|as|following|while|amid|After|As|Following|While|Amid)\s|;\s|\.\s)"
    r"(?:[Aa]nalysts\sat\s|Hearing\s)?"
    rf"{_BROKER}(?:\sanalysts)?(?:\s(?:today|earlier|also|on\s\w+))?\s"
    rf"(?P<verb>{TOLD_VERBS})\b(?P<rest>[^;]*)"
)
# "<Company> shares rose after the stock was upgraded to buy from neutral by UBS, which set a
# $70 price target": the stock's action in the passive, its broker after "by"
_TOLD_PASSIVE_RE = re.compile(
    r"\b(?:after|as|following|when)\s(?:the\s(?:stock|shares|company)|it)\s(?:was|were|had\sbeen)\s"
    r"(?P<verb>upgraded|downgraded|initiated|reiterated|raised|cut|lowered)"
    rf"(?P<rating_part>[^;.]*?)\s(?:by|at)\s{_BROKER}(?=[,;.]|\s[a-z]|$)(?P<rest>[^;]*)"
)
_NOUN_RE = re.compile(
    r"(?:\b(?:After|after|Amid|amid|As|as|Following|following|On|on)\s|,\s)"
    r"(?:Earlier\s|Report\sof\s|Hearing\s)?"
    r"(?:(?P<broker_before>[A-Z][\w.&'+-]*(?:\s[A-Z][\w.&'+-]*){0,3}?)(?:'s)?\s"
    rf"(?:Recent\s|Earlier\s|Mid-Day\s)?)?(?P<noun>{NOUNS})"
    r"(?P<rest>[^;]*)"
)
_ALSO_TARGET_RE = re.compile(
    rf"(?<=[;.]\s){_BROKER}\s(?:also\s)?(?:raised|lowered|cut|boosted|trimmed|increased|reduced)\s"
    r"(?:its|their|the)\s(?:price\s)?target\b[^;.]*(?:\.\d[^;.]*)*"
)
_NOUN_BROKER_RE = re.compile(rf"\s(?:[Aa]t|[Bb]y)\s{_BROKER}{_END}")
_NOUN_RATING_RE = re.compile(rf"\s(?:[Tt]o|[Ww]ith|[Aa]t)\s(?:[Aa]n?\s)?{_RATING}{_END}")
# in sentence case the rating is one the vocabulary knows: "after Bernstein's upgrade to outperform"
_NOUN_RATING_LOWER_RE = re.compile(
    rf"^\s(?:to|with|at)\s(?:an?\s)?(?P<rating>(?i:{VOCAB}))(?![\w-])"
)
_OTHER_ACTOR_RE = re.compile(r"\s(?:[Ww]hile|[Ww]hereas|[Bb]ut)\s")
_RATING_OBJECT_RE = re.compile(r"\s(?:its|their|the)\s(?:rating|recommendation)\s(?:on|for)\s")
# every name of a target: "its target price", "their target", "its fair value"
_PRICE_TARGET_RE = re.compile(
    r"\s(?:its\s|their\s|the\s)?(?:[Pp]rice\s[Tt]arget|[Tt]arget\s[Pp]rice|PT|"
    r"[Pp]rice\s[Oo]bjective|[Ff]air\s[Vv]alue|"
    # a bare target only moved to or from a figure: not "cut its target for the year"
    r"[Tt]arget(?=\s(?:to|from)\s))\b"
)
_ADDED_LIST_RE = re.compile(
    r"\s(?:it\s)?to\s(?:its\s|the\s)?'?(?P<rating>[^']{1,40}?)'?\s[Ll]ist\b"
)
# "to peer perform from outperform", "at neutral with a price target": a rating of the
# vocabulary may be several lower-case words, and "at" introduces one only from it
# a rating may stand in quotes: "to 'buy' from 'neutral'", "with a 'neutral' rating"
_TOLD_RATING_RE = re.compile(
    rf"(?:\b[Tt]o\s|\bwith\s(?:an?\s)?|\b(?:an?)\s|\bat\s(?:an?\s)?(?=(?i:{VOCAB})(?![\w-])))"
    rf"(?:(?P<quote>['‘\"“])(?=(?i:{VOCAB})['’\"”]))?"
    rf"(?P<rating>[A-Z][\w/+-]*(?:\s[A-Z][\w/+-]*){{0,2}}|(?i:{VOCAB})(?![\w-])|[a-z]+(?:-[a-z]+)?)"
    r"(?(quote)['’\"”])(?=\srating\b|\.|,|\s(?:and|on|from|at|with)\b|$)"
)
# "from a neutral rating to an overweight rating": the rating moved to is the one told
_TO_RATING_RE = re.compile(
    rf"\s?\b[Tt]o\s(?:an?\s)?['‘\"“]?(?P<rating>(?i:{VOCAB}))['’\"”]?"
    r"(?=\srating\b|[.,;]|\s(?:from|and|on|in|at|with)\b|$)"
)
# a target verb with a rating right after the company moves the rating
_MOVE_DIRECTION: dict[str, RatingAction] = {
    "raised": "up",
    "boosted": "up",
    "lowered": "down",
    "cut": "down",
    "reduced": "down",
    "trimmed": "down",
}
_VERB_ACTION: dict[str, RatingAction] = {
    "Upgraded": "up",
    "upgraded": "up",
    "Upgrade": "up",
    "upgrade": "up",
    "Raised": "up",
    "Downgraded": "down",
    "downgraded": "down",
    "Downgrade": "down",
    "downgrade": "down",
    "Cut": "down",
    "cut": "down",
    "Initiated": "init",
    "initiated": "init",
    "Initiation": "init",
    "assumed": "init",
    "reinstated": "init",
    "resumed": "init",
    "maintained": "main",
    "reiterated": "main",
    "Stock Upgraded": "up",
    "Stock Downgraded": "down",
}


def passive_events(text: str) -> list[AnalystAction]:
    """ "<Company> Downgraded From Buy To Neutral At <Broker>"."""
    passive = _PASSIVE_RE.match(text)
    if passive is None or _TARGET_ENDING_RE.search(passive.group("company")):
        return []  # "<Company> Price Target Raised At <Broker>": the target's move, read elsewhere
    return _event(
        passive.group("broker"),
        passive.group("company"),
        _VERB_ACTION[passive.group("verb")],
        passive.group("rating"),
        passive.group("tail"),
    )


def narrative_events(text: str) -> list[AnalystAction]:
    """The prose and subject-first forms; the caller has tried `passive_events` already."""
    prose = _PROSE_RE.match(text)
    if prose is not None:
        verb = prose.group("verb")
        about_target = "target" in (prose.group("object") or "")
        action: RatingAction = "none" if about_target else _VERB_ACTION.get(verb, "none")
        # "..., while <Broker> lowered its target": what the other broker did is its own
        rest = _own_part(prose.group("rest"))
        told = rest.split(" and ")[0]
        moved_to = _TO_RATING_RE.match(told)
        if moved_to is None and told.startswith(" from "):
            # "raised X from a strong sell rating to a hold rating": the old rating told first
            moved_to = _TO_RATING_RE.search(told)
        if action == "none" and not about_target and moved_to and verb in _MOVE_DIRECTION:
            action = _MOVE_DIRECTION[verb]  # "raised X to buy from neutral": a rating change
        rating_match = _TO_RATING_RE.search(told) or _TOLD_RATING_RE.search(rest)
        rating = rating_match.group("rating") if rating_match and action != "none" else None
        events = _event(
            prose.group("broker"),
            prose.group("company"),
            action,
            rating,
            f"{verb} its price target{rest}" if about_target else f"{verb}{rest}",
        )
        if events:
            return events
    subject = _SUBJECT_RE.match(text)
    if subject is None:
        return []
    told_after = _TOLD_RE.search(text, subject.end())
    if told_after is not None:
        events = _told(subject.group("company"), told_after)
        if events:
            _add_later_targets(text, told_after.end(), events)
            return events
    if " was " in text or " were " in text or " been " in text:
        passive = _TOLD_PASSIVE_RE.search(text, subject.end())
        if passive is not None:
            events = _told_passive(subject.group("company"), passive)
            if events:
                return events
    noun = _NOUN_RE.search(text, subject.end())
    if noun is not None:
        return _noun(subject.group("company"), noun)
    return []


# "..., and Barclays lowered its target": a known broker acting after "and" opens its own clause
_AND_BEFORE_RE = re.compile(r"(?:,\s|\s)(?:and|but)\s$")


def _own_part(rest: str) -> str:
    """The part of a clause's rest its broker acts in: up to "while"/"whereas"/"but", or to a
    known broker named after "and" or "but" with a verb of its own."""
    rest = _OTHER_ACTOR_RE.split(rest, 1)[0]
    for start, end, _ in BROKER_TABLE.find(rest):
        opening = _AND_BEFORE_RE.search(rest, 0, start)
        if (
            opening is not None
            and rest[end : end + 2][:1] == " "
            and rest[end + 1 : end + 2].islower()
        ):
            return rest[: opening.start()]
    return rest


def _told_passive(company: str, told: re.Match[str]) -> list[AnalystAction]:
    """The stock's rating moved, told in the passive: a rating it was moved to is needed."""
    verb = told.group("verb")
    moved_to = _TO_RATING_RE.search(told.group("rating_part"))
    if moved_to is None:
        return []
    action = _MOVE_DIRECTION.get(verb) or _VERB_ACTION.get(verb, "none")
    if verb == "reiterated":
        action = "main"
    broker = told.group("broker").rstrip(".")  # the sentence's full stop
    return _event(broker, company, action, moved_to.group("rating"), told.group("rest"))


def _told(company: str, told: re.Match[str]) -> list[AnalystAction]:
    verb = told.group("verb").lower()
    rest = _own_part(told.group("rest"))
    if verb in ("raised", "lowered", "cut", "boosted") and not _PRICE_TARGET_RE.match(rest):
        if _RATING_OBJECT_RE.match(rest) is None:
            return []
        # "lowered its rating on the retailer to peer perform": a rating change
        moved_to = _TO_RATING_RE.search(rest.split(" and ")[0])
        if moved_to is None:
            return []
        return _event(
            told.group("broker"), company, _MOVE_DIRECTION[verb], moved_to.group("rating"), ""
        )
    if verb == "added":
        listed = _ADDED_LIST_RE.match(rest)
        if listed is None:
            return []
        return _event(told.group("broker"), company, "none", listed.group("rating"), "")
    # "cut its price target": the target's verb, no rating moved
    action = "none" if verb in _MOVE_DIRECTION else _VERB_ACTION.get(verb, "none")
    # the rating of the action's own sentence: "... downgraded the stock. Nike had an
    # overweight rating before the cut" tells the rating before it
    clause = _SENTENCE_STOP_RE.split(rest, 1)[0].split(" and ")[0]
    rating_match = _TO_RATING_RE.search(clause) or _TOLD_RATING_RE.search(clause)
    rating = rating_match.group("rating") if rating_match else None
    if rating and rating.lower() in ("price", "stock", "company", "target"):
        rating = None
    return _event(told.group("broker"), company, action, rating, f"{verb}{rest}")


def _add_later_targets(text: str, start: int, events: list[AnalystAction]) -> None:
    """ "...; Bank of America also lowered its price target from $95 to $76": a later sentence
    in which one of the brokers moves its target completes that broker's event."""
    for later in _ALSO_TARGET_RE.finditer(text, start):
        broker = broker_base(later.group("broker"))
        clause = parse_target(later.group(0), "none")
        for event in events:
            if event.broker == broker and event.target_action == "none" and clause.target:
                event.target_action, event.target = clause.action, clause.target
                event.prior_target = clause.prior
                event.currency = target_currency(later.group(0))


def _noun(company: str, noun: re.Match[str]) -> list[AnalystAction]:
    rest = noun.group("rest")
    broker = noun.group("broker_before")
    if broker is not None:
        broker = broker.removesuffix("'s").removesuffix("’s")  # "after Bernstein's upgrade"
    if noun.group("noun").islower() and (broker is None or broker not in BROKER_TABLE):
        return []  # "after a software upgrade from Microsoft": no analyst's
    if broker is None or broker not in BROKER_TABLE:
        found = _NOUN_BROKER_RE.search(rest)
        if found is None:
            return []
        broker = found.group("broker")
    rating_match = _NOUN_RATING_RE.search(rest)
    if rating_match is None and noun.group("noun").islower():
        rating_match = _NOUN_RATING_LOWER_RE.search(rest)
    rating = rating_match.group("rating") if rating_match else None
    if rating is not None and broker.startswith(rating):
        rating = None  # "Upgrade At Piper Sandler": the broker, not a rating
    return _event(broker, company, _VERB_ACTION[noun.group("noun")], rating, rest)


def subject_company(text: str) -> str | None:
    """The stock a headline starts with: "Acadia's Valuation ...", "ABB Shares Slip ..."."""
    match = _SUBJECT_RE.match(text) or _POSSESSIVE_RE.match(text)
    if match is None:
        titled = _TITLED_RE.match(text)
        # a column's title stands there as well ("Market Wrap: ..."): only a known company
        if titled is not None and titled.group("company") in COMPANY_TABLE:
            return titled.group("company")
        return None
    return company_base(match.group("company"), "en")


def _event(
    raw_broker: str, raw_company: str, action: RatingAction, rating: str | None, context: str
) -> list[AnalystAction]:
    company = company_base(raw_company, "en")
    broker = broker_base(raw_broker)
    brokers = [broker] if _known(broker) else known_brokers(raw_broker)
    clause = parse_target(context, action)
    if not brokers and broker and is_rating_word(rating or "") and action != "none":
        brokers = [broker]  # a broker the tables lack, named as one by its rating change
    if not company or not brokers or any(is_non_broker(name) for name in brokers):
        return []
    return [analyst_action(name, company, action, rating, clause, context) for name in brokers]


_BROKER_NAME_TAILS = frozenset(WORDS["broker_name_tails"])


def _known(name: str) -> bool:
    """A broker the tables know, or one whose name starts with one and goes on with words of a
    house's name only ("Mizuho Securities", not "Mizuho Says")."""
    if name in BROKER_TABLE:
        return True
    for start, end, _ in BROKER_TABLE.find(name):
        if start == 0:
            tail = name[end:].lower().split()
            return bool(tail) and all(word in _BROKER_NAME_TAILS for word in tail)
    return False


def known_brokers(raw: str) -> list[str]:
    """ "Mizuho and Truist" -> both, when every part is a known broker ("Keefe, Bruyette &
    Woods" is one name and is found whole before this is asked)."""
    parts = [broker_base(part) for part in BROKER_LIST_SPLIT_RE.split(raw)]
    if len(parts) < 2 or not all(part and part in BROKER_TABLE for part in parts):
        return []
    return parts
