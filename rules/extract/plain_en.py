"""English analyst headlines in sentence case, as news wires write them.

"<Broker> raises <Company> price target to $N from $M", "<Broker> cuts its price target on
<Company> to $N", "<Broker> downgrades <Company> to <rating>, lowers target to $N",
"<Broker> upgrades <Company> to <rating> with $N target", "<Broker> starts <Company> at <rating>
with $N price target", "<Broker> reiterates buy on <Company>", and with the company first,
"<Company> cut to sell at <Broker>", "<Company> price target raised to $N by <Broker>". The
broker is the capitalised span before a lower-case verb and the company the capitalised span
after it (or the other way round); the rest of the clause must have one of the forms above, so a
capitalised subject alone ("Apple raises its dividend") never makes an analyst action.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKER_TABLE, is_non_broker
from .covered_en import WORDS
from .grammar_en import TICKER_OPT, VOCAB
from .money_en import MARK_AFTER, MARK_BEFORE, NUM
from .names import broker_base, company_base
from .numbers import parse_number
from .targets_en import target_currency, tier_change

_RAISE = (
    "raises|lifts|boosts|hikes|ups|increases|bumps up|bumps|raised|lifted|boosted|hiked|upped|"
    "increased|bumped up|bumped|raise|lift|boost|hike|increase"
)
_LOWER = (
    "cuts|lowers|trims|slashes|reduces|decreases|drops|cut|lowered|trimmed|slashed|reduced|"
    "decreased|dropped|lower|trim|slash|reduce"
)
_CHANGE = "upgrades|downgrades|upgraded|downgraded"
_START = (
    "starts|initiates|begins|launches|resumes|reinstates|assumes|started|initiated|began|"
    "launched|resumed|reinstated|assumed"
)
_KEEP = (
    "keeps|maintains|reiterates|reaffirms|reissues|restates|kept|maintained|reiterated|reaffirmed|"
    "reissued|restated"
)
# "<Broker> set a $250 target price on <Company>": a target stated with no direction
_SET = "sets|set"
# "<Broker> moved <Company> to overweight from equal-weight": the two ratings give the direction
_MOVE = "moves|moved"
# "<Broker> now rates <Company> a buy, up from hold": the rating stated, a change by "up/down from"
_RATES = "rates"
# "<Broker> named <Company> its top pick", "<Company> Named Top Pick at <Broker>": a list rating
_NAMES = "names|named"
# "<Broker> added <Company> to its Conviction Buy List": the list is the rating
_ADDS = "adds|added"
# "<Broker> analyst <Person> has a Hold rating on <Company>": the rating it stands by, quoted
_HAS = "has|have"
# "<Broker> now sees <Company> shares reaching $275, up from $250": the price it sees is a target
_SEES = "sees|see"
NAMED_WORDS = "Named|Names"  # the passive headline's verb, capitalised
VERBS = "|".join(
    (_RAISE, _LOWER, _CHANGE, _START, _KEEP, _SET, _MOVE, _RATES, _NAMES, _ADDS, _SEES, _HAS)
)

_NAME_WORD = r"[A-Z][\w.&'+-]*"
# a comma may stand inside a broker's name the tables know ("Keefe, Bruyette & Woods")
_BROKER = rf"(?P<broker>{_NAME_WORD}(?:,?\s(?:{_NAME_WORD}|&|of|de))*?)"
# a legal form may follow in lower case: "Acme plc"
_COMPANY = rf"(?P<company>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|&|of|de)){{0,4}}?(?:\s[Pp]lc)?)"
# what a wire may write before the company: "chipmaker", "German carmaker", "HSBC rival",
# "shares of"
_DESCRIBED = (
    rf"(?:(?:{_NAME_WORD}\s)?"
    # an abbreviation among the words, where a lower-case word follows: "Chinese EV maker"
    rf"(?:(?!(?:to|at|with|as|from|on|for|of|de|and)\s)(?:[a-z][\w-]*|[A-Z]{{2,4}}(?=\s[a-z]))\s)"
    rf"{{1,3}})?"
)
# "Nvidia stock", "Adobe shares": the stock named for its company
_STOCK = r"(?:\s(?:stock|shares))?"
_NUM = NUM


def _amount(number: str, mark: str) -> str:
    """One amount with a currency mark before or after it; the mark lands in group `mark`."""
    return (
        rf"(?=(?:{MARK_BEFORE})|{NUM}{MARK_AFTER})(?P<{mark}>(?:{MARK_BEFORE})?\s?)"
        rf"(?P<{number}>{NUM})(?P<{mark}_after>{MARK_AFTER})?"
    )


# plural where one broker moves the targets of several companies
# a fair value counts as a target ("cut its fair value to S$7.20")
_TARGET_WORDS = (
    r"target\sprices?|(?:price\s)?targets?|PTs?|price\sobjectives?|fair\svalues?(?:\sestimates?)?"
)
_RATING = rf"(?P<rating>(?i:{VOCAB}))(?![\w-])"
_TO_FROM = (
    rf"to\s{_amount('target', 'money')}(?:\sfrom\s{_amount('prior', 'money_p')})?"
    rf"|from\s{_amount('prior2', 'money_p2')}\sto\s{_amount('target2', 'money2')}"
)

# a rating may stand in quotes: "upgraded to 'buy' from 'hold'"
_OPEN_QUOTE = "['‘\"“]?"
_CLOSE_QUOTE = "['’\"”]?"
_FROM_RATING = (  # "to overweight from equal-weight"
    rf"(?:\sfrom\s{_OPEN_QUOTE}(?P<from_rating>(?i:{VOCAB}))(?![\w-]){_CLOSE_QUOTE})?"
)
# where the clause may end after a rating: ", cuts target", " with $N target", " and ...", "."
_RATING_END = (
    r"(?P<tail>(?:[,;.]|\s(?:with|and|but|on|in|after|amid|as|citing|saying|following|despite)\s"
    r"|$).*)$"
)
# the broker's own rating or target: "kept his outperform rating", "its price target"
_POSSESSIVE = r"(?:its|their|his|her)\s"
# "Analysts at Barclays upgraded ...", "Analysts of UBS cut ...": the broker opens the sentence
_ANALYSTS_AT_RE = re.compile(
    r"^(?:(?:[Ee]quities\s)?(?:[Rr]esearch\s)?(?:[Aa]nalysts?|[Rr]esearchers?)|[Ss]trategists?)\s(?:at|of)\s"
    r"(?=[A-Z])"
    # "Five-star analyst Brian White of <Broker> maintained ...": the analyst named before the firm
    r"|^(?:[A-Z][\w-]*\s)?[Aa]nalyst\s[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2}\s(?:of|from|at)\s"
    r"(?=[A-Z])"
)
# "On Tuesday, <Broker> raised ...", "Last week, analysts at <Broker> cut ...": the time is no
# part of the broker
_LEADING_TIME_RE = re.compile(
    r"^(?:On\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Earlier|Meanwhile|"
    r"(?:Last|This|Earlier\sthis)\s(?:week|month)|Yesterday|Today|Overnight|"
    r"Separately|Elsewhere|Finally|Additionally|Also|Further|Furthermore|Moreover|Lastly|"
    r"Likewise|Similarly|In\saddition|In\sa\s(?:research\s)?(?:note|report)|"
    # "According to TipRanks, <Broker> ...": the source is no part of the broker
    r"According\sto)\b[^,]{0,30},\s"
)
# a sentence's own full stop, not the one of "Inc." or "Co."
_FINAL_STOP_RE = re.compile(r"(?<=[a-z0-9)])(?<![A-Z][a-z])(?<!Inc|Ltd)(?<!Corp)\.$")
_PAST_ADVERBS = "|".join(WORDS["past_adverbs"])
# "<Broker> analyst <Person> raised his price target ..."
_HEAD_RE = re.compile(
    # "Dutch bank ING", "Wall Street brokerage Jefferies": the kind of firm before its name
    r"^(?:(?:[A-Z][\w.-]*\s){0,2}(?:investment\s)?(?:bank|brokerage|broker|lender)\s(?=[A-Z]))?"
    rf"{_BROKER}(?:\s(?:analysts?|strategists?)(?:\s{_NAME_WORD}){{0,3}})?"
    # "Morgan Stanley on Monday downgraded ...": the day is no part of the broker
    r"(?:\s(?:on\s[A-Z][a-z]+day|earlier|today|also|now|late\son\s[A-Z][a-z]+day))?"
    # "Truist recently raised ...": an adverb of today's news, not one of a time long past
    rf"(?:\s(?!(?:{_PAST_ADVERBS})\s)[a-z]{{3,}}ly)?"
    # "Mizuho has started covering ...": the perfect tense tells the same action
    r"(?:\s(?:has|have|had))?"
    rf"\s(?P<verb>{VERBS})\s(?P<rest>.+)$"
)
# after a target verb: "<Company> price target to $N", "its price target on <Company> to $N"
_TARGET_REST_RES = (
    re.compile(
        rf"^(?:its|their|the|his|her)\s(?:(?:firm|bank|brokerage)'s\s)?"
        rf"(?:(?:12|twelve)-month\s|one-year\s)?(?:{_TARGET_WORDS})\s"
        rf"(?:on|for)\s(?:shares\sof\s)?{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}\s(?:{_TO_FROM})"
        r"(?P<tail>.*)$"
    ),
    re.compile(
        rf"^{_DESCRIBED}{_COMPANY}{TICKER_OPT}(?:'s)?{_STOCK}\s(?:{_TARGET_WORDS})\s(?:{_TO_FROM})"
        r"(?P<tail>.*)$"
    ),
)
# a target moved with no number: "cut their price targets on <Company> after ...", "lift
# <Company> targets"; only a broker the tables know may say so
_BARE_TAIL = (
    r"(?P<tail>(?:[,;.]|\s(?:after|following|amid|as|citing|on|in|ahead|to\sreflect)\s|$).*)$"
)
_TARGET_BARE_RES = (
    re.compile(
        rf"^(?:(?:its|their|the)\s)?(?:(?:price\s)?targets?|target\sprices?|price\sobjectives?)"
        rf"\s(?:on|for)\s(?:shares\sof\s)?{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}{_BARE_TAIL}"
    ),
    re.compile(rf"^{_COMPANY}{TICKER_OPT}(?:'s)?{_STOCK}\s(?:price\s)?targets?{_BARE_TAIL}"),
)
# "coverage", "research coverage", "equity research coverage" of a company
_COVERAGE = r"(?:(?:equity\s)?research\s)?coverage"
# after a rating verb: "<Company> to <rating>", "<Company> at <rating>"
_RATING_REST_RE = re.compile(
    rf"^(?:{_COVERAGE}\s(?:of|on)\s|(?:its|their|the)\s(?:rating|recommendation)\s(?:on|for)\s|"
    # "cuts Nike stock rating to underperform": the rating named after the stock
    rf"shares\sof\s)?{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}(?:\s(?:rating|recommendation))?"
    rf"\s(?:from\s[\w\s'\"‘’“”-]{{1,30}}?\s)?"
    rf"(?P<prep>to|at|with|as)\s(?:an?\s)?{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}(?:\srating)?"
    rf"{_FROM_RATING}{_RATING_END}"
)
# after a keep or start verb: "<rating> on <Company>", "buy rating on <Company>"
_RATING_ON_RE = re.compile(
    # "reiterated their overweight stance on <Company>": the stance is the rating
    rf"^(?:an?\s|{_POSSESSIVE})?{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}(?:\s(?:rating|stance))?"
    # "reaffirmed an overweight rating and issued a $150 price target on shares of <Company>"
    # "reissued a buy rating and a $185 price target on shares of <Company>": one verb for both
    rf"(?:\sand\s(?:(?:issued|issues|set|sets|assigned)\s)?(?:an?\s)?{_amount('target', 'money')}"
    rf"\s(?:{_TARGET_WORDS}))?"
    rf"\s(?:on|for)\s(?:shares\sof\s)?{_DESCRIBED}{_COMPANY}"
    rf"{TICKER_OPT}{_STOCK}{_RATING_END}"
)
# "<Broker> began coverage on <Company> in a report on Tuesday": the rating, if any, follows
_COVERAGE_RE = re.compile(
    rf"^{_COVERAGE}\s(?:of|on)\s(?:shares\sof\s)?{_DESCRIBED}{_COMPANY}"
    rf"(?:\s\((?:[A-Za-z]+:\s?)?[A-Z.]{{1,6}}\))?{_STOCK}"
    r"(?P<tail>(?:[,;.]|\s(?:in|on|with|at|after|and)\s|$).*)$"
)
# the company first: "<Company> upgraded to buy at <Broker>", "<Company> price target raised to
# $N from $M by <Broker>"; the broker ends the clause
_PASSIVE_RATING_RE = re.compile(
    rf"^{_COMPANY}{TICKER_OPT}\s(?P<verb>{_CHANGE}|raised|cut|lowered)\sto\s{_OPEN_QUOTE}{_RATING}"
    rf"{_CLOSE_QUOTE}"
    rf"{_FROM_RATING}\s(?:at|by)\s{_BROKER}(?=[,;.:]|$)"
)
_PASSIVE_TARGET_RE = re.compile(
    rf"^{_COMPANY}{TICKER_OPT}(?:'s)?\s(?:{_TARGET_WORDS})\s(?P<verb>{_RAISE}|{_LOWER})\s"
    rf"(?:{_TO_FROM})\s(?:at|by)\s{_BROKER}(?=[,;.:]|$)"
)
# a target the company is given: "<Company> received a $105 target price from analysts at
# <Broker>", "<Company> was given a new $300 price target by <Broker>"
# and in Title Case: "<Company> (NYSE:X) Given New $160.00 Price Target at <Broker>"
RECEIVED = "received|receives|given|Receives|Received|Given|Gets|Earns"
_RECEIVED_RE = re.compile(
    rf"^{_COMPANY}(?:\s\((?:[A-Za-z]+:\s?)?[A-Z.]{{1,6}}\))?(?:\s(?:[Ss]tock|[Ss]hares))?"
    rf"\s(?:received|receives|was\sgiven|has\sbeen\sgiven|Receives|Received|Given|"
    # "Gets $275 Price Target From <Broker>": only a target taken from the broker
    rf"(?P<gets>Gets|gets|Earns|earns))\s"
    # "Gets Street-High $275 Price Target": the rank among the brokers' targets
    rf"(?:an?\s|An?\s)?(?:new\s|New\s|(?i:street-(?:high|low))\s)?{_amount('target', 'money')}"
    rf"\s(?i:{_TARGET_WORDS})\s"
    rf"(?:on\s)?(?:(?P<source>from|From)|by|at|By|At)\s"
    rf"(?:(?:the\s)?(?:equities\s|research\s)?analysts?\sat\s)?{_BROKER}"
    r"(?=[,;.:]|\s(?:in|on|at|after|with)\s|$)"
)
# a rating the company is given: "<Company> (F) Receives a Hold from <Broker>", "<Company>
# Gets a Buy Rating from <Broker>"; it quotes the rating and says no change
_RATING_RECEIVED_RE = re.compile(
    rf"^{_COMPANY}{TICKER_OPT}\s(?:Receives|Received|Gets|Earns|receives|received|gets|earns)\s"
    rf"(?:an?\s|An?\s)?{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}(?:\s[Rr]ating)?\s(?:from|by|From|By)\s"
    rf"(?:(?:the\s)?analysts?\sat\s)?(?!(?:Its|Their|His|Her|The)\s){_BROKER}(?=[,;.:]|\s[-–(]|$)"
)
# the action told as a noun beside the stock's move: "<Company> slipped after a downgrade from
# <Broker>", "<Company> shares rose following an upgrade from <Broker> to overweight", "...
# after a downgrade of rival <Company> by <Broker>"
NOUN_WORDS = "upgrade|downgrade"
_NOUN_TOLD_RE = re.compile(
    rf"^(?:Shares\sof\s)?{_COMPANY}{TICKER_OPT}(?:'s)?(?:\s(?:stock|shares))?\s[a-z][\w-]*\s"
    rf"[^;]*?\b(?:after|following|on)\s(?:an?\s|the\s)(?P<noun>{NOUN_WORDS})"
    rf"(?:\sof\s(?:(?:rival|peer|sector\speer)\s)?(?P<object>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}}?))?"
    rf"\s(?:from|by|at)\s{_BROKER}(?=[,;.:]|\s[a-z]|$)"
    rf"(?:\sto\s(?:an?\s)?{_OPEN_QUOTE}{_RATING})?"
)
# what may follow: ", cuts target to $9", " with $120 target", ", keeps outperform rating"
# "..., cutting its price target to 4,200 pence": the target moved beside the rating
_RAISING = "raising|lifting|boosting|hiking|increasing|bumping up"
_LOWERING = "cutting|lowering|trimming|slashing|reducing"
_TAIL_MOVE_RE = re.compile(
    rf"^(?:,|;|\sand|\sbut)\s(?:and\s|but\s)?(?P<verb>{_RAISE}|{_LOWER}|{_RAISING}|{_LOWERING})\s"
    rf"(?:{_POSSESSIVE}|the\s(?:(?:firm|bank|brokerage)'s\s)?)?(?:{_TARGET_WORDS})"
    # the company named again by a noun: "cut their target price for the company from $120"
    # or by what it is: "on the power management company"
    r"(?:\s(?:for|on)\s(?:the\s(?:[a-z][\w-]*\s){0,3}[a-z][\w-]*|it))?"
    rf"\s(?:{_TO_FROM})"
)
# the same told from the target's side: "; target cut to 1,150p from 1,300p"
_TAIL_MOVED_RE = re.compile(
    rf"^(?:,|;|\sand)\s(?:its\s|the\s)?(?:{_TARGET_WORDS})\s(?P<verb>{_RAISE}|{_LOWER})"
    rf"\s(?:{_TO_FROM})"
)
# no verb at all: ", target price to 140p from 95p" moves the way its numbers go
_TAIL_VERBLESS_RE = re.compile(
    rf"^[,;]\s(?:{_TARGET_WORDS})\sto\s{_amount('target', 'money')}"
    rf"\sfrom\s{_amount('prior', 'money_p')}"
)
# a verb may state it: ", sets C$210 target", " and announces a $50 price target"
_STATING = r"(?:sets|set|announces|announced|issues|issued|assigns|assigned)\s"
_TAIL_STATED_RE = re.compile(
    rf"^(?:[,;]\s(?:with\s|(?:and\s)?{_STATING})?|\swith\s|\sand\s(?:{_STATING})?)(?:an?\s)?"
    rf"(?:{_amount('target', 'money')}\s(?:{_TARGET_WORDS})\b"
    rf"|(?:{_TARGET_WORDS})\s(?:of\s)?{_amount('target2', 'money2')})"
)
# "... with an outperform rating": the rating a started coverage opens with
_TAIL_RATED_RE = re.compile(
    rf"^\swith\san?\s{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}\s(?:rating|recommendation)"
)
_TAIL_KEEP_RE = re.compile(rf"^(?:,|;|\sand)\s(?:{_KEEP})\s(?:an?\s|its\s)?{_RATING}(?:\srating)?")
# "... and gave the company a hold rating": a rating quoted, not said to be kept
_TAIL_GAVE_RE = re.compile(
    rf"^(?:,|;|\sand)\s(?:gave|gives|giving|assigned|assigns)\s(?:the\s(?:company|stock|shares)|it)\s"
    rf"(?:an?\s)?{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}\srating"
)
_TAIL_RATING_END_RE = re.compile(rf"^[;,]\s{_RATING}\s*$")
# after "set": "a $250.00 target price on <Company>"
_SET_REST_RE = re.compile(
    rf"^(?:an?\s|its\s)?{_amount('target', 'money')}\s(?:{_TARGET_WORDS})\s(?:on|for)\s"
    rf"(?:shares\sof\s)?{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}(?P<tail>(?:[,;.]|\s[a-z]|$).*)$"
)

_RAISE_WORDS = frozenset(_RAISE.split("|")) | frozenset(_RAISING.split("|"))
_LOWER_WORDS = frozenset(_LOWER.split("|")) | frozenset(_LOWERING.split("|"))
RAISE_WORDS, LOWER_WORDS = _RAISE_WORDS, _LOWER_WORDS
_UP: RatingAction = "up"
_DOWN: RatingAction = "down"
# "raises <Company> to buy", "<Company> cut to sell at <Broker>": target verbs change ratings too
_CHANGE_ACTION = dict.fromkeys(("upgrades", "upgraded", *_RAISE_WORDS), _UP) | dict.fromkeys(
    ("downgrades", "downgraded", *_LOWER_WORDS), _DOWN
)
_UP_DOWN_FROM_RE = re.compile(
    rf",?\s(?P<way>up|down)\sfrom\s"
    # "up from a previous forecast of $78": the earlier figure named for what it was
    r"(?:(?:a|an|its|their|the)\s(?:previous|prior|earlier)\s(?:forecast|target|estimate|view)\sof\s)?"
    rf"{_amount('prior', 'money_p')}"
)
_START_WORDS = frozenset(_START.split("|"))
_MOVE_WORDS = frozenset(_MOVE.split("|"))
_KEEP_WORDS = frozenset(_KEEP.split("|"))
_NAMES_WORDS = frozenset(_NAMES.split("|"))
_ADDS_WORDS = frozenset(_ADDS.split("|"))
_SEES_WORDS = frozenset(_SEES.split("|"))
_RATES_REST_RE = re.compile(
    rf"^{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}\s(?:an?\s|at\s)?{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}"
    rf"(?:\srating)?(?:,?\s(?P<way>up|down)\sfrom\s(?:an?\s)?{_OPEN_QUOTE}"
    rf"(?P<from_rating>(?i:{VOCAB}))(?![\w-]){_CLOSE_QUOTE})?{_RATING_END}"
)


_HAS_WORDS = frozenset(_HAS.split("|"))
# after "has": "a Hold rating on <Company>", "an outperform rating on shares of <Company>"
_HAS_REST_RE = re.compile(
    rf"^an?\s{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}\s(?:rating|recommendation)"
    # "a buy rating and a $90 price target on <Company>"
    rf"(?:\sand\s(?:an?\s)?{_amount('target', 'money')}\s(?:{_TARGET_WORDS}))?\s(?:on|for)\s"
    rf"(?:shares\sof\s)?{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}{_RATING_END}"
)
_ADDED_REST_RE = re.compile(
    rf"^{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}\sto\s(?:its|their|the\s(?:firm|bank)'s)\s"
    r"(?P<rating>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3}?)\s(?:[Ll]ist|[Ss]elections?)\b"
    r"(?P<tail>.*)$"
)


_SEEN_REST_RE = re.compile(
    rf"^{_DESCRIBED}{_COMPANY}{TICKER_OPT}(?:'s)?\s(?:shares|stock)\s"
    rf"(?:reaching|hitting|rising\sto|climbing\sto|falling\sto)\s{_amount('target', 'money')}"
    r"(?!\s(?:billion|million|trillion|bn|mln)\b)"
)


_NAMED_REST_RE = re.compile(
    rf"^{_DESCRIBED}{_COMPANY}{TICKER_OPT}{_STOCK}\s(?:as\s)?(?:its|their|an?|the)\s(?:new\s)?"
    rf"{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}(?P<tail>[^,;]*(?P<clause>[,;].*)?)$"
)
_NAMED_PASSIVE_RE = re.compile(
    rf"^{_COMPANY}{TICKER_OPT}(?:\s(?:[Ss]tock|[Ss]hares))?\s(?:Named|named|was\snamed)\s"
    rf"(?:(?:an?|as|the|A|As|The)\s)?{_OPEN_QUOTE}{_RATING}{_CLOSE_QUOTE}\s(?:at|by|At|By)\s{_BROKER}"
    r"(?=[,;.:]|$|\s(?![A-Z])|\s(?:Ahead|After|Amid|As|On|In|For|Following|Before)\b)"
)


def _added(raw_broker: str, rest: str) -> list[AnalystAction]:
    """ "added X to its Conviction Buy List": the list rating, and a target moved or stated
    beside it ("... and raised its price target to $420 from $380", ", with a $290 target")."""
    match = _ADDED_REST_RE.match(rest)
    if match is None:
        return []
    if not any(start == 0 for start, _, _ in BROKER_TABLE.find(raw_broker)):
        return []  # "Apple added Broadcom to its Supplier List": only a broker's list rates
    tail = _without_time(match.group("tail"))
    target_action: TargetAction = "none"
    target = prior = None
    money = ""
    moved = _TAIL_MOVE_RE.match(tail)
    stated = _TAIL_STATED_RE.match(tail)
    if moved is not None:
        target_action = "raise" if moved.group("verb") in _RAISE_WORDS else "lower"
        target, prior, money = _numbers(moved)
    elif stated is not None:
        target_action = "set"
        target, prior, money = _numbers(stated)
    return _event(
        raw_broker,
        match.group("company"),
        "none",
        match.group("rating"),
        target_action,
        target,
        prior,
        money,
    )


def _seen(raw_broker: str, rest: str) -> list[AnalystAction]:
    """ "sees Apple shares reaching $275, up from $250": a target, moved where the earlier one
    is told; only a broker the tables know sees a price so."""
    match = _SEEN_REST_RE.match(rest)
    if match is None or not any(start == 0 for start, _, _ in BROKER_TABLE.find(raw_broker)):
        return []
    target, _, money = _numbers(match)
    action: TargetAction = "set"
    prior = None
    moved = _UP_DOWN_FROM_RE.match(rest, match.end())
    if moved is not None:
        prior = parse_number(moved.group("prior"), "en")
        if prior is not None:
            action = "raise" if moved.group("way") == "up" else "lower"
    return _event(raw_broker, match.group("company"), "none", None, action, target, prior, money)


def _named(raw_broker: str, rest: str) -> list[AnalystAction]:
    """ "named X its top pick": the list rating, no change of rating told."""
    match = _NAMED_REST_RE.match(rest)
    if match is None:
        return []
    # "..., with a $230 target": the target stated in the next clause
    stated = _TAIL_STATED_RE.match(match.group("clause") or "")
    target, _, money = _numbers(stated) if stated else (None, None, "")
    return _event(
        raw_broker,
        match.group("company"),
        "none",
        match.group("rating"),
        "none" if target is None else "set",
        target,
        None,
        money,
    )


def _has(raw_broker: str, rest: str) -> list[AnalystAction]:
    """ "has a Hold rating on X" quotes the rating; " with a $255 price target" states a
    target beside it."""
    match = _HAS_REST_RE.match(rest)
    if match is None:
        return []
    stated = _TAIL_STATED_RE.match(_without_time(match.group("tail")))
    told = stated if stated is not None else match if match.group("target") else None
    target, prior, money = _numbers(told) if told is not None else (None, None, "")
    return _event(
        raw_broker,
        match.group("company"),
        "none",
        match.group("rating"),
        "set" if target is not None else "none",
        target,
        prior,
        money,
    )


def _rates(raw_broker: str, rest: str) -> list[AnalystAction]:
    """ "rates X overweight" quotes the rating; ", up from equal weight" makes it a change."""
    match = _RATES_REST_RE.match(rest)
    if match is None:
        return []
    way = match.group("way")
    action: RatingAction = "none" if way is None else _UP if way == "up" else _DOWN
    # "..., and raised its target price to 260 euros": the target moved beside the rating
    moved = _TAIL_MOVE_RE.match(match.group("tail"))
    target_action: TargetAction = "none"
    target = prior = None
    money = ""
    if moved is not None:
        target_action = "raise" if moved.group("verb") in _RAISE_WORDS else "lower"
        target, prior, money = _numbers(moved)
    return _event(
        raw_broker,
        match.group("company"),
        action,
        match.group("rating"),
        target_action,
        target,
        prior,
        money,
    )


# a lower-case verb among the analyst ones must follow a capitalised word for any form to match
_HINT_RE = re.compile(
    rf"[\w.)]\s(?:{_RAISE}|{_LOWER}|{_CHANGE}|{_START}|{_KEEP}|{_SET}|{_MOVE}|{_RATES}|{RECEIVED}|"
    rf"{NOUN_WORDS}|{_NAMES}|{NAMED_WORDS}|{_ADDS}|{_SEES}|{_HAS})\s"
)
_SET_WORDS = frozenset(_SET.split("|"))


# "Peel Hunt, Greggs' house broker, reiterated its 'add' stance and raised ...": the company
# named in the broker's title, its action told without it
_HOUSE_BROKER_RE = re.compile(
    rf"^{_BROKER},\s(?P<company>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}}?)(?:'s|')\s"
    r"(?:joint\s)?(?:house\s|corporate\s)?broker,\s(?P<rest>.+)$"
)
# the first word the company would follow: "its 'add' stance", "its target price"
_OBJECT_END_RE = re.compile(
    r"\b(?:rating|stance|recommendation|price\starget|target\sprice|target)\b"
)


def _house_broker_told(headline: str) -> str:
    """The sentence with the house broker's company put where its action names it."""
    match = _HOUSE_BROKER_RE.match(headline)
    if match is None:
        return headline
    rest = match.group("rest")
    end = _OBJECT_END_RE.search(rest)
    if end is None:
        return headline
    company = match.group("company")
    return f"{match.group('broker')} {rest[: end.end()]} on {company}{rest[end.end() :]}"


def plain_english_events(headline: str) -> list[AnalystAction]:
    """The analyst action of one sentence-case headline, or []."""
    if _HINT_RE.search(headline) is None:
        return []
    if " broker, " in headline:
        headline = _house_broker_told(headline)
    headline = _LEADING_TIME_RE.sub("", _FINAL_STOP_RE.sub("", headline))
    headline = _ANALYSTS_AT_RE.sub("", headline)
    head = _HEAD_RE.match(headline)
    events: list[AnalystAction] = []
    if head is not None:
        broker, verb, rest = head.group("broker"), head.group("verb"), head.group("rest")
        if verb in _SET_WORDS:
            return _set_first(broker, rest)
        if verb == _RATES:
            return _rates(broker, rest)
        if verb in _HAS_WORDS:
            return _has(broker, rest)
        if verb in _NAMES_WORDS:
            return _named(broker, rest)
        if verb in _ADDS_WORDS:
            return _added(broker, rest)
        if verb in _SEES_WORDS:
            return _seen(broker, rest)
        if verb in _RAISE_WORDS or verb in _LOWER_WORDS:
            # "raises <Company> price target to $N", or a rating: "cuts <Company> to sell"
            events = _target_first(broker, verb, rest)
        events = events or _rating_first(broker, verb, rest)
    return events or _passive(headline) or _noun_told(headline)


def _passive(headline: str) -> list[AnalystAction]:
    named = _NAMED_PASSIVE_RE.match(headline) if "amed " in headline else None
    if named is not None:
        return _event(
            named.group("broker"),
            named.group("company"),
            "none",
            named.group("rating"),
            "none",
            None,
            None,
            "",
        )
    rating = _PASSIVE_RATING_RE.match(headline)
    if rating is not None:
        action = _CHANGE_ACTION[rating.group("verb")]
        return _event(
            rating.group("broker"),
            rating.group("company"),
            action,
            rating.group("rating"),
            "none",
            None,
            None,
            "",
        )
    target = _PASSIVE_TARGET_RE.match(headline)
    if target is None:
        return _received(headline)
    moved: TargetAction = "raise" if target.group("verb") in _RAISE_WORDS else "lower"
    number, prior, money = _numbers(target)
    return _event(
        target.group("broker"), target.group("company"), "none", None, moved, number, prior, money
    )


def _noun_told(headline: str) -> list[AnalystAction]:
    if "grade " not in headline:  # every noun of the form ends so
        return []
    match = _NOUN_TOLD_RE.match(headline)
    if match is None:
        return []
    action: RatingAction = "up" if match.group("noun") == "upgrade" else "down"
    company = match.group("object") or match.group("company")
    return _event(
        match.group("broker"), company, action, match.group("rating"), "none", None, None, ""
    )


# every verb of the two forms holds one of these
_RECEIVED_WORDS = ("given", "Given", "eceive", "Gets", "gets", "Earns", "earns")


def _received(headline: str) -> list[AnalystAction]:
    if not any(word in headline for word in _RECEIVED_WORDS):
        return []
    rated = _RATING_RECEIVED_RE.match(headline)
    if rated is not None:
        return _event(
            rated.group("broker"),
            rated.group("company"),
            "none",
            rated.group("rating"),
            "none",
            None,
            None,
            "",
        )
    match = _RECEIVED_RE.match(headline)
    if match is None or (match.group("gets") and not match.group("source")):
        return []
    number, _, money = _numbers(match)
    action: TargetAction = "set"
    prior = None
    # "... from analysts at Mizuho, up from $128": the earlier target and the move
    moved = _UP_DOWN_FROM_RE.match(headline, match.end())
    if moved is not None:
        prior = parse_number(moved.group("prior"), "en")
        if prior is not None:
            action = "raise" if moved.group("way") == "up" else "lower"
    return _event(
        match.group("broker"), match.group("company"), "none", None, action, number, prior, money
    )


def _target_first(raw_broker: str, verb: str, rest: str) -> list[AnalystAction]:
    for form in _TARGET_REST_RES:
        match = form.match(rest)
        if match is None:
            continue
        action: TargetAction = "raise" if verb in _RAISE_WORDS else "lower"
        target, prior, money = _numbers(match)
        rating_action, rating = _tail_rating(match.group("tail"))
        return _event(
            raw_broker, match.group("company"), rating_action, rating, action, target, prior, money
        )
    if broker_base(raw_broker) not in BROKER_TABLE:
        return []
    for form in _TARGET_BARE_RES:
        bare = form.match(rest)
        if bare is None:
            continue
        moved: TargetAction = "raise" if verb in _RAISE_WORDS else "lower"
        rating_action, rating = _tail_rating(bare.group("tail"))
        return _event(
            raw_broker, bare.group("company"), rating_action, rating, moved, None, None, ""
        )
    return []


# "... to Overweight on Tuesday and lifted his price target": when the action was taken stands
# between the clause and its tail
_TAIL_TIME_RE = re.compile(
    r"^\s(?:(?:on|late\son|early\son)\s[A-Z][a-z]+day(?:\s(?:morning|afternoon|evening))?"
    r"|in\sa\s(?:research\s)?(?:note|report)(?:\sto\s(?:clients|investors))?"
    r"(?:\son\s[A-Z][a-z]+day)?|today|yesterday|overnight)(?=[,;]\s|\s(?:and|with|but)\s)"
)


def _without_time(tail: str) -> str:
    return _TAIL_TIME_RE.sub("", tail, count=1)


def _tail_rating(tail: str) -> tuple[RatingAction, str | None]:
    """The rating a clause's tail keeps ("and keeps a buy rating") or quotes ("and gave the
    company a hold rating")."""
    kept = _TAIL_KEEP_RE.match(tail)
    if kept is not None:
        return "main", kept.group("rating")
    gave = _TAIL_GAVE_RE.match(tail)
    if gave is not None:
        return "none", gave.group("rating")
    # "...; buy", "..., hold": the rating a headline ends with, quoted and not said to change
    ending = _TAIL_RATING_END_RE.match(tail)
    return "none", ending.group("rating") if ending is not None else None


def _set_first(raw_broker: str, rest: str) -> list[AnalystAction]:
    match = _SET_REST_RE.match(rest)
    if match is None:
        return []
    target, prior, money = _numbers(match)
    rating_action, rating = _tail_rating(match.group("tail"))
    return _event(
        raw_broker, match.group("company"), rating_action, rating, "set", target, prior, money
    )


def _rating_first(raw_broker: str, verb: str, rest: str) -> list[AnalystAction]:
    match = _RATING_REST_RE.match(rest)
    if match is None and (verb in _KEEP_WORDS or verb in _START_WORDS):
        match = _RATING_ON_RE.match(rest)
    if match is None and verb in _START_WORDS:
        return _coverage(raw_broker, rest)
    if match is None:
        return []
    if verb in _KEEP_WORDS:
        rating_action: RatingAction = "main"
    elif verb in _START_WORDS:
        rating_action = "init"
    elif verb in _MOVE_WORDS:
        moved_to = tier_change(match.group("from_rating"), match.group("rating"))
        if moved_to is None:
            return []  # "moved X to buy" alone tells no direction
        rating_action = moved_to
    else:
        rating_action = _CHANGE_ACTION[verb]
    if rating_action in ("up", "down") and match.group("prep") != "to":
        return []  # "upgrades X at Buy" is not how a change is told
    tail = _without_time(match.group("tail"))
    target_action: TargetAction = "none"
    target = prior = None
    money = ""
    moved = _TAIL_MOVE_RE.match(tail) or _TAIL_MOVED_RE.match(tail)
    stated = _TAIL_STATED_RE.match(tail)
    verbless = _TAIL_VERBLESS_RE.match(tail)
    told = _numbers(verbless) if verbless is not None else (None, None, "")
    if moved is not None:
        target_action = "raise" if moved.group("verb") in _RAISE_WORDS else "lower"
        target, prior, money = _numbers(moved)
    elif told[0] != told[1]:
        target, prior, money = told
        target_action = "raise" if (target or 0) > (prior or 0) else "lower"
    elif stated is not None or match.groupdict().get("target"):
        target_action = "init" if rating_action == "init" else "set"
        target, prior, money = _numbers(stated or match)
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


def _coverage(raw_broker: str, rest: str) -> list[AnalystAction]:
    """Coverage started with no rating in the clause; one in its tail ("with a buy rating
    and a $50 price target") or in the next sentence completes it."""
    match = _COVERAGE_RE.match(rest)
    if match is None:
        return []
    tail = _without_time(match.group("tail"))
    rated = _TAIL_RATED_RE.match(tail)
    stated = _TAIL_STATED_RE.match(tail[rated.end() :] if rated else tail)
    target, _, money = _numbers(stated) if stated else (None, None, "")
    return _event(
        raw_broker,
        match.group("company"),
        "init",
        rated.group("rating") if rated else None,
        "init" if target is not None else "none",
        target,
        None,
        money,
    )


def _numbers(match: re.Match[str]) -> tuple[float | None, float | None, str]:
    groups = match.groupdict()
    target = groups.get("target") or groups.get("target2")
    prior = groups.get("prior") or groups.get("prior2")
    for mark in ("money", "money2"):
        if groups.get(mark) is not None:
            money = f"{groups[mark]}0{groups.get(mark + '_after') or ''}"
            break
    else:
        money = ""
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
    if "," in broker and broker not in BROKER_TABLE:
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
            currency=target_currency(money) if target is not None else None,
        )
    ]
