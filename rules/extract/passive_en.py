"""English analyst actions told in the passive, the company first and the broker last.

"<Company> Price Target Cut to $550 at <Broker>", "<Company> stock price target raised to $240
from $215 at <Broker>", "<Company> had its price target raised by <Broker> from $200 to $220",
"<Company> was downgraded by <Broker> from a buy rating to a hold rating", "<Company> was raised
to buy at <Broker>", "<Company> initiated with a Peer Perform at <Broker>", "<Company> stock
rating reiterated at Outperform by <Broker>".

What was acted on (a target or a rating) is read from the words before the verb, the verb's
class gives the direction, and the broker is the name after "at"/"by" that is no rating.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKER_TABLE, RATING_WORDS, is_non_broker, is_rating_word
from .covered_en import WORDS, is_covered
from .cues import word_gate
from .grammar_en import FROM_NUMBER_RE, NOT_A_COMPANY_RE, OTHER_ACTOR_RE, TO_NUMBER_RE, VOCAB
from .names import company_base
from .numbers import parse_number
from .targets_en import TargetClause, analyst_action, parse_target, quoted_rating

_VERB_CLASSES: dict[str, tuple[str, ...]] = {
    "up": ("upgraded",),
    "down": ("downgraded",),
    # the nouns too: "gets price target bump at <Broker>"
    "raise": (
        "raised",
        "lifted",
        "boosted",
        "increased",
        "hiked",
        "upped",
        "bumped up",
        "nudged up",
        "edged up",
        "moved up",
        "bumped",
        "bump",
        "hike",
        "boost",
        "increase",
        "raise",
    ),
    "lower": (
        "cut",
        "lowered",
        "trimmed",
        "slashed",
        "reduced",
        "nudged down",
        "edged down",
        "moved down",
    ),
    "init": ("initiated", "started", "resumed", "reinstated", "assumed", "launched"),
    "main": ("reiterated", "maintained", "reaffirmed", "kept", "affirmed"),
}
# "gets an upgrade to buy from <Broker>": the noun after a verb of receiving
_NOUN_CLASS = {"upgrade": "up", "downgrade": "down"}
_VERB_CLASS = {verb: group for group, verbs in _VERB_CLASSES.items() for verb in verbs}
_VERBS = "|".join(sorted(_VERB_CLASS, key=len, reverse=True))
# the verbs as a headline or a sentence writes them, for the caller's word gate
PASSIVE_WORDS = "|".join(
    form for verb in _VERB_CLASS for form in (verb.split()[0], verb.split()[0].capitalize())
)
_TARGET_OBJECT = r"target\sprice|price\starget|price\sobjective|target|pt"

# The verb is found first and the words before it must be the company and what was acted on:
# one short match per verb, not one per possible length of the company's name.
_VERB_RE = re.compile(rf"\s(?P<verb>(?i:{_VERBS}|upgrade|downgrade))(?![\w-])")
# where a verb may start, as a trie of its spellings: far cheaper to scan for than _VERB_RE
_VERB_STARTS = word_gate(
    f" {form}"
    for verb in (*_VERB_CLASS, "upgrade", "downgrade")
    for form in (verb, verb.capitalize(), verb.title())
)
_SUBJECT_RE = re.compile(
    r"(?:Shares\sof\s)?"
    r"(?P<company>[A-Z0-9][\w.&'-]*(?:\s(?:[A-Z0-9&][\w.&'-]*|of|de|and|the)){0,6}?)"
    # a legal form written in lower case: "Acme Group plc (LON:ACM)"
    r"(?:,?\s(?:plc|Plc|PLC))?"
    r"(?:\s\((?:[A-Za-z]+:\s?)?[A-Z.]{1,6}\))?(?:'s)?"
    r"(?i:\s(?:stock|shares))?"
    r"(?i:\s(?:was|were|is|has\sbeen|had\sits|has\shad\sits|(?:gets|got|receives|received)"
    r"(?:\s(?:its|an?))?))?"
    rf"(?i:\s(?:stock\s)?(?P<object>{_TARGET_OBJECT}|rating|coverage))?"
    r"(?i:\s(?:was|were|is|has\sbeen|had\sbeen))?"
)
# In sentence case a passive verb is followed by a preposition or a rating, written in lower
# case; a capitalised word after it (a day or a month aside) is the object of an active verb.
_OBJECT_RE = re.compile(
    rf"\s(?!(?:{'|'.join(word.capitalize() for word in WORDS['calendar_words'])})\b)[A-Z]"
)
# how far into a text its verb may stand: a company of up to seven words and its helpers
_VERB_REACH = 160
_CLAUSE_OPENERS = r"(?:On|After|As|With|To|From|Amid|Following)"
_BROKER_AFTER_RE = re.compile(
    r"\s(?P<prep>at|by|from|At|By|From)\s(?:[Aa]nalysts?\s(?:at|from)\s)?(?P<broker>[A-Z][\w.&'+-]*"
    # "... At Bernstein After Earnings": a Title-Case word that opens a clause ends the name
    rf"(?:,?\s(?!{_CLAUSE_OPENERS}\s)(?:[A-Z][\w.&'+-]*|&|of))*)"
    rf"(?=[,;:.]?\s[a-z]|[,;:]|\.?\s*$|\s[-–]|\s{_CLAUSE_OPENERS}\s)"
)
# words of a headline's story that a company's name does not hold
_STORY_WORD_RE = re.compile(
    r"\s(?:After|Following|Amid|Ahead|Rises?|Rose|Falls?|Fell|Jumps?|Jumped|Slips?|Slipped|"
    r"Gains?|Gained|Drops?|Dropped|Climbs?|Climbed|Trades|Trading|Soars?|Sinks?|Slides?|Surges?)"
    r"(?![\w-])"
)
_NOT_NAMES = frozenset(("The", "This", "That", "It", "Its", "These", "Those", "Their", "Shares"))
_RATING = rf"(?P<rating>(?i:{VOCAB}))(?![\w-])"
# "...; Overweight Rating Maintained", "..., keeps Buy": the rating kept beside a moved target
_KEPT_AFTER_RE = re.compile(
    rf"(?P<rating>(?i:{VOCAB}))\s(?i:rating\s)?(?i:maintained|reiterated|kept|affirmed|reaffirmed)\b"
    rf"|[,;]\s(?i:keeps|maintains|reiterates|reaffirms)\s(?:an?\s)?(?P<rating2>(?i:{VOCAB}))(?![\w-])"
)
_RATING_RES = (
    *(
        # "to 'buy'": a rating may stand in quotes
        re.compile(rf"(?i:\b{prep}\s(?:an?\s)?)['‘\"“]?{_RATING}")
        for prep in ("to", "with", "at", "as")
    ),
    # "reiterated Overweight at <Broker>": the rating right after the verb
    re.compile(rf"^\s{_RATING}(?=\s)"),
)
# "<Company> reiterated Overweight at <Broker>": a capitalised rating after the verb, then the
# broker, keeps the verb passive
_BARE_RATING_AT_RE = re.compile(rf"\s{_RATING}\s(?:at|by)\s[A-Z]")


def passive_analyst_events(text: str) -> list[AnalystAction]:
    """The analyst action of a headline or sentence told in the passive, or []."""
    for start in _VERB_STARTS.finditer(text, 0, _VERB_REACH):
        verb_match = _VERB_RE.match(text, start.start())
        if verb_match is None:
            continue
        if (
            verb_match.group("verb")[0].islower()
            and _OBJECT_RE.match(text, verb_match.end())
            and _BARE_RATING_AT_RE.match(text, verb_match.end()) is None
        ):
            continue  # "Jefferies upgraded Kering to buy": active, the name after is its object
        match = _SUBJECT_RE.fullmatch(text, 0, verb_match.start())
        if match is not None:
            return _read(match, verb_match.group("verb"), text[verb_match.end() :])
    return []


def _read(match: re.Match[str], verb: str, rest: str) -> list[AnalystAction]:
    broker, spans = _broker(rest)
    company = company_base(match.group("company"), "en").removesuffix("'s")
    if company in _NOT_NAMES or NOT_A_COMPANY_RE.search(company):
        return []  # "The stock was downgraded ...", "Gold Price Target Raised ..."
    if _STORY_WORD_RE.search(company):
        return []  # "<Stock> Rises After Upgrade At <Broker>": the stock's story, no name
    if not broker or not company or not is_covered(company) or is_non_broker(broker):
        return []
    # the text about the action, without the broker's name (a rating word may be in it)
    told = rest[: spans[0]] + " " + rest[spans[1] :]
    # "..., while <Broker> lowered its target": what another broker did is its own
    told = OTHER_ACTOR_RE.split(told, 1)[0]
    verb = verb.lower()
    group = _VERB_CLASS.get(verb) or _NOUN_CLASS[verb]
    if verb in _NOUN_CLASS and match.group("object") is not None:
        return []
    rating = _rating(told)
    acted_on = (match.group("object") or "").lower()
    about_target = acted_on not in ("", "rating", "coverage")
    action: RatingAction = "none"
    clause = TargetClause()
    if about_target:
        clause = _moved(group, told)
        if clause.action == "none":
            return []
    elif group in ("up", "raise"):
        action = "up"
    elif group in ("down", "lower"):
        action = "down"
    elif group in ("init", "main"):
        action = group  # type: ignore[assignment]
    if not about_target:
        if group in ("raise", "lower") and rating is None and acted_on != "rating":
            return []  # "was cut" without a rating (or "Rating Lowered") tells no rating change
        clause = parse_target(told, action)
    if action == "none" and clause.action != "none":
        kept = _KEPT_AFTER_RE.search(told)
        if kept is not None:
            action, rating = "main", kept.group("rating") or kept.group("rating2")
        elif rating is None:
            rating = quoted_rating(told)  # "...; Buy": quoted, not said to be kept
    if not _known(broker) and (not is_rating_word(rating or "") or action == "none"):
        return []
    return [analyst_action(broker, company, action, rating, clause, told)]


def _known(name: str) -> bool:
    """A broker the tables know, or one whose name starts with one ("Goldman Sachs Group")."""
    return any(start == 0 for start, _, _ in BROKER_TABLE.find(name))


def _broker(rest: str) -> tuple[str, tuple[int, int]]:
    """The first name after "at"/"by" that is not a rating ("at Outperform by RBC")."""
    for found in _BROKER_AFTER_RE.finditer(rest):
        name = _without_tail(found.group("broker").rstrip(".,"))
        if name.lower() in RATING_WORDS or name.split()[0].lower() in RATING_WORDS:
            continue
        if found.group("prep").lower() == "from" and not _known(name):
            continue  # "from Neutral", "from $40": only a broker the tables know acts "from"
        return name, (found.start(), found.start("broker") + len(name))
    return "", (0, 0)


def _without_tail(name: str) -> str:
    """ "Telsey, Market Perform reiterated": a comma ends the broker's name unless the tables
    know the whole name with it ("Keefe, Bruyette & Woods")."""
    if ", " not in name:
        return name
    parts = name.split(", ")
    for count in range(len(parts), 1, -1):
        known = ", ".join(parts[:count])
        if known in BROKER_TABLE:
            return known
    return parts[0]


def _rating(told: str) -> str | None:
    for pattern in _RATING_RES:
        found = pattern.search(told)
        if found is not None:
            return found.group("rating")
    return None


def _moved(group: str, told: str) -> TargetClause:
    """A target moved in the verb's direction, or stated where the verb keeps it."""
    to = TO_NUMBER_RE.search(told)
    since = FROM_NUMBER_RE.search(told)
    target = parse_number(to.group("number"), "en") if to else None
    prior = parse_number(since.group("number"), "en") if since else None
    action: TargetAction
    if group in ("up", "raise"):
        action = "raise"
    elif group in ("down", "lower"):
        action = "lower"
    elif target is not None:
        action = "set"
    else:
        return TargetClause()
    return TargetClause(action, target, prior)
