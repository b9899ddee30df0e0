"""English target and rating clauses that follow the main action of a headline.

", Raises Price Target to $88", ", Lowers PT from $48 to $46", ", Announces $100 Price Target",
", Maintains $181 PT", ", Removes $92 PT", ", $90 PT", "; Maintains Neutral Rating".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..events import AnalystAction, RatingAction, TargetAction
from .covered_en import WORDS
from .grammar_en import VOCAB
from .money_en import amount, currency_of
from .numbers import parse_number

_PT = (
    r"(?:[Tt]arget\s[Pp]rices?|(?:[Pp]rices?\s|[Pp]rice\s)?[Tt]argets?|PTs?|POs?|[Pp]rice\s[Oo]bjective|"
    r"[Ff]air\s[Vv]alue(?:\s[Ee]stimate)?)"
)
_UP = (
    r"Raises|Raised|Raising|Raise|Boosts|Boosted|Boosting|Increases|Increased|Increasing|Ups|"
    r"Upped|Lifts|Lifted|Lifting|Hikes|Hiked|Hiking|Bumps|Bumped"
)
_DOWN = (
    r"Lowers|Lowered|Lowering|Lower|Lowerss|Cuts|Cutting|Cut|Reduces|Reduced|Reducing|Slashes|"
    r"Slashed|Slashing|Trims|Trimmed|Trimming|Drops|Dropped|Decreases|Decreased"
)
# headlines capitalise the verb, sentences do not: each verb in both spellings
_MOVE_RE = re.compile(
    rf"\b(?P<verb>{_UP}|{_DOWN}|{_UP.lower()}|{_DOWN.lower()})"
    rf"\s(?:[Ii]ts\s|[Tt]he\s|[Tt]heir\s|[Hh]is\s|[Hh]er\s)?(?:(?P<kw>{_PT})\s?)?"
    # the company named again by a noun: "on the stock", "on the defence group", "on the Uniqlo
    # operator", "on the Osaka-based sensor maker": the noun ends in lower case
    r"(?:(?:on|for)\s(?:the\s(?:[A-Za-z][\w&'-]*\s){0,3}?(?:[a-z][\w-]*)|it)\s"
    r"(?=[Tt]o\s|[Ff]rom\s))?"
    rf"(?:(?:[Ff]rom\s{amount('prior', False)}\s)?(?:[Tt]o|[Oo]f)\s{amount('target', False)}"
    rf"(?:\s[Ff]rom\s{amount('prior2', False)})?)?"
)
_PASSIVE_MOVE_RE = re.compile(
    # "PT up to $340 from $300": a one-liner's adverb in place of the verb
    rf"\b{_PT}\s(?P<verb>Goes|Lowered|Raised|Cut|Boosted|Up|Down|goes|lowered|raised|cut|up|down)\s"
    rf"(?:[Ff]rom\s{amount('prior', False)}\s)?[Tt]o\s{amount('target', False)}"
    rf"(?:\s[Ff]rom\s{amount('prior2', False)})?"
)
# no verb, both figures: ", PT to $210 from $180" moves the way the numbers go
_VERBLESS_MOVE_RE = re.compile(
    rf"\b(?:{_PT})\s[Tt]o\s{amount('target')}\s[Ff]rom\s{amount('prior')}"
)
_ANNOUNCE_RE = re.compile(
    rf"\b(?:Announces|Announced|Annoucnes|Sets|Maintains|Maintained|Reiterates|Keeps|"
    rf"announces|announced|maintains)\s(?:a\s)?(?:(?:{_PT})\s(?:of|at|to)\s)?{amount('target')}"
)
# "$90 PT", "Price Target of $50", and after a break ", PT $150", "; Price Target 2,900 Pence"
_STATED_RE = re.compile(
    rf"(?:{amount('target')}(?:\sper\sshare)?\s(?:{_PT})\b|"
    rf"\b(?:{_PT})\s(?:of|at|[Tt]o)\s{amount('target2')}|"
    rf"(?:^|[,;]\s|\s-\s)(?:{_PT})\s{amount('target3')})"
)
_REMOVE_RE = re.compile(rf"\bRemoves\s(?:{amount('prior')}\s)?(?:{_PT})")
_KEEP_RATING_RE = re.compile(
    r"\b(?:Maintains|Maintained|Reiterates|Reiterated|Reaffirms|Keeps|maintained|reiterated)\s"
    r"(?:an?\s)?(?P<rating>[A-Z][\w/+-]*(?:\s(?!Rating\b|PT\b|Price\b|And\b|On\b|To\b)"
    r"[A-Z][\w/+-]*){0,2})"
)
_UP_WORDS = frozenset(_UP.lower().split("|"))


@dataclass(slots=True)
class TargetClause:
    action: TargetAction = "none"
    target: float | None = None
    prior: float | None = None


def parse_target(text: str, rating_action: RatingAction) -> TargetClause:
    """The target clause in `text`; 'init' replaces 'set' when coverage starts."""
    clause = _parse(text)
    if clause.action == "set" and rating_action == "init":
        clause.action = "init"
    return clause


def _parse(text: str) -> TargetClause:
    removed = _REMOVE_RE.search(text)
    if removed is not None:
        return TargetClause("none", None, _num(removed.group("prior")))
    for move in _MOVE_RE.finditer(text):
        target = _num(move.group("target"))
        if move.group("kw") is None and target is None:
            continue
        prior = _num(move.group("prior") or move.group("prior2"))
        moved: TargetAction = "raise" if move.group("verb").lower() in _UP_WORDS else "lower"
        return TargetClause(moved, target, prior)
    passive = _PASSIVE_MOVE_RE.search(text)
    if passive is not None:
        target = _num(passive.group("target"))
        prior = _num(passive.group("prior") or passive.group("prior2"))
        verb = passive.group("verb").lower()
        if verb == "goes" and prior is not None and target is not None:
            action: TargetAction = "raise" if target > prior else "lower"
        else:
            action = "raise" if verb in ("raised", "boosted", "up") else "lower"
        return TargetClause(action, target, prior)
    verbless = _VERBLESS_MOVE_RE.search(text)
    if verbless is not None:
        target, prior = _num(verbless.group("target")), _num(verbless.group("prior"))
        if target is not None and prior is not None and target != prior:
            return TargetClause("raise" if target > prior else "lower", target, prior)
    announced = _ANNOUNCE_RE.search(text)
    if announced is not None:
        return TargetClause("set", _num(announced.group("target")))
    stated = _STATED_RE.search(text)
    if stated is not None:
        number = stated.group("target") or stated.group("target2") or stated.group("target3")
        return TargetClause("set", _num(number))
    return TargetClause()


def kept_rating(text: str) -> str | None:
    """ "Maintains Neutral Rating" inside a longer headline."""
    match = _KEEP_RATING_RE.search(text)
    if match is None:
        return None
    rating = match.group("rating")
    if rating.startswith(("PT", "Price", "Target", "Coverage")):
        return None
    return rating


_TIERS = {
    rating: rank
    for rank, section in enumerate(("negative", "neutral", "positive"))
    for rating in WORDS[section]
}
# after a dash, a comma or a semicolon: "... to $105 - Sector Outperform", "... From 2,900p,
# Buy", "... at Benchmark; Buy"
_QUOTED_RATING_RE = re.compile(rf"(?:\s[-–]|[,;])\s(?P<rating>(?i:{VOCAB}))\s*$")


def tier_change(before: str | None, after: str | None) -> RatingAction | None:
    """ "up" from Hold to Buy, "down" from Buy to Sell; None where a tier is unknown or equal."""
    old = _TIERS.get((before or "").lower())
    new = _TIERS.get((after or "").lower())
    if old is None or new is None or old == new:
        return None
    return "up" if new > old else "down"


_GIVEN_RATING_RE = re.compile(
    rf"\b(?:gave|gives|giving|assigned|assigns|set|sets|issued|reissued)\s"
    rf"(?:(?:the\s(?:company|stock|shares)|it)\s(?:an?\s)?['‘\"“]?(?P<rating>(?i:{VOCAB}))['’\"”]?"
    rf"\srating\b"
    rf"|(?:an?\s)?['‘\"“]?(?P<rating2>(?i:{VOCAB}))['’\"”]?\srating\s(?:for|on)\s"
    rf"(?:the\s(?:company|stock|shares)|it)\b)"
    # "The firm currently has an outperform rating on the stock": the broker's standing rating
    rf"|\b(?:[Tt]hey|[Ii]t|[Tt]he\s(?:firm|brokerage|broker|bank)"
    rf"|(?<=\.\s)[A-Z][\w&.'-]*(?:\s[A-Z&][\w&.'-]*){{0,3}}(?=\s(?:currently|presently)\s))"
    r"\s(?:currently\s|presently\s|now\s|still\s)?"
    rf"(?:has|have)\s(?:an?\s)?['‘\"“]?(?P<rating3>(?i:{VOCAB}))['’\"”]?\srating\s(?:on|for)\s"
    # "Mizuho rates the stock buy.": the broker's standing rating told in a sentence of its own
    rf"|(?:\b(?:[Tt]hey|[Ii]t|[Tt]he\s(?:firm|brokerage|broker|bank))"
    rf"|(?<=\.\s)[A-Z][\w&.'-]*(?:\s[A-Z&][\w&.'-]*){{0,3}})"
    r"\s(?:currently\s|presently\s|now\s|still\s)?rates\s(?:the\s(?:stock|shares)|it)\s"
    rf"(?:an?\s|at\s)?['‘\"“]?(?P<rating5>(?i:{VOCAB}))(?![\w-])"
    # "Morgan Stanley, which rates Tesla 'equal-weight', cut ...": the rating it stands by
    rf"|\bwhich\s(?:rates|has\sa\s\S+\srating\son)\s(?:the\s(?:stock|shares)|it|[A-Z][\w&.'-]*"
    rf"(?:\s[A-Z&][\w&.'-]*){{0,3}})\s(?:an?\s|at\s)?['‘\"“]?(?P<rating4>(?i:{VOCAB}))(?![\w-])"
)


# the rating kept beside the main action, in a joined or a following clause: ", while keeping
# its outperform rating", ", keeping a hold rating", "; the firm kept an equal weight rating",
# ", though it kept an 'outperform' rating", ", which kept an outperform rating"
_KEPT_ASIDE_RE = re.compile(
    r"(?:(?:,\s|\s)(?:while|and|but|though|although)\s|[,;.]\s)"
    # "..., by Telsey Advisory Group, which kept an outperform rating": the broker just named
    r"(?:(?:[Ii]t|[Tt]hey|[Hh]e|[Ss]he|[Tt]he\s(?:firm|broker|brokerage|bank)|which)\s)?"
    r"(?:(?:keeping|maintaining|reiterating|reaffirming|retaining|kept|maintained|reiterated|"
    r"reaffirmed|retained|keeps|maintains|reiterates|reaffirms|retains)\s"
    r"(?:an?\s|its\s|their\s|his\s|her\s)?['\"‘“]?"
    # "reiterating its 'hold' stance": the stance is the rating
    rf"(?P<rating>(?i:{VOCAB}))['\"’”]?\s(?:rating|recommendation|stance)\b"
    # "; the rating stays at neutral", "; its rating remains buy": the rating said to stay
    r"|(?:the|its|their|his|her)\s(?:rating|recommendation)\s(?:stays|remains|is\sunchanged)"
    rf"\s(?:at\s)?(?:an?\s)?['\"‘“]?(?P<rating2>(?i:{VOCAB}))(?![\w-]))"
)


def rating_kept_aside(text: str) -> str | None:
    """The rating a sentence keeps beside its main action: "..., while keeping its outperform
    rating"."""
    match = _KEPT_ASIDE_RE.search(text)
    return (match.group("rating") or match.group("rating2")) if match else None


def given_rating(text: str) -> str | None:
    """A rating quoted for the company: "gave the company a hold rating", "set an outperform
    rating for the company"."""
    match = _GIVEN_RATING_RE.search(text)
    if match is None:
        return None
    return (
        match.group("rating")
        or match.group("rating2")
        or match.group("rating3")
        or match.group("rating4")
        or match.group("rating5")
    )


def quoted_rating(text: str) -> str | None:
    """The rating a headline ends with after a dash or a comma: "... to $105 - Sector
    Outperform", "... to EUR 11 From EUR 14, Neutral"."""
    match = _QUOTED_RATING_RE.search(text)
    return match.group("rating") if match else None


def target_currency(text: str) -> str:
    """The currency a target is written in: "C$12" is CAD, "450p" GBX, a bare "$" USD."""
    return currency_of(text)


def _num(text: str | None) -> float | None:
    return parse_number(text, "en") if text else None


def analyst_action(
    broker: str,
    company: str,
    rating_action: RatingAction,
    rating: str | None,
    clause: TargetClause,
    context: str,
) -> AnalystAction:
    """The event for one company, its target from `clause` and its currency from `context`."""
    return AnalystAction(
        broker=broker,
        company=company,
        rating_action=rating_action,
        rating=rating,
        target_action=clause.action,
        target=clause.target,
        prior_target=clause.prior,
        currency=target_currency(context) if clause.target or clause.prior else None,
    )
