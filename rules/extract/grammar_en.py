"""Regular grammar of English analyst headlines: verbs, name spans and the clause forms."""

from __future__ import annotations

import re

from .aliases import RATINGS
from .money_en import amount

MAX_HEADLINE = 600

PREFIX_RE = re.compile(
    r"^(?:(?:UPDATE|UDPATE|Update|CORRECTION|Correction|BREAKING|EXCLUSIVE|RUMOR)\s*\d?\s*:\s*"
    r"|Hearing\s|Traders\sCirculating\sChatter\sThat\s|Earlier\s|Reports?\s[Ss]ay\s"
    # "Analyst at Mizuho Maintains Buy on ...": the firm acts
    r"|(?:An\s)?Analysts?\s(?:at|from)\s(?=[A-Z])"
    # wire slugs: "BRIEF-", "UPDATE 2-", "RPT-"
    r"|(?:BRIEF|UPDATE\s?\d*|REFILE|RPT|CORRECTED|EXCLUSIVE|WRAPUP\s?\d*)-)+"
)
NOISE_RE = re.compile(
    r",\s*(?:Inc|Ltd|LLC|Corp)\.?(?=[\s,;:)]|$)|\s+-\s+(?:Common Stock|Ordinary Shares)\b"
    r"|\s+(?:Common Stock|Ordinary Shares)\b|\s+American Depositary Shares(?:\s\([^)]*\))?"
)
DIGEST_RE = re.compile(
    r"\b(?:Top\s(?:Upgrades|Downgrades|Initiations)|Upgrades,\sDowngrades|Biggest\sPrice\sTarget|"
    r"Price\sTarget\sChanges|Analyst\sActions|Initiations\sRoundup|Benzinga's"
    # a source named for one action is no digest: "..., Benzinga reports", "according to
    # Benzinga"
    r"|(?<!according\sto\s)(?<!\bvia\s)Benzinga(?!\s(?:reports|reported|said|notes)))\b"
)
MAIN = (
    r"Maintains|Maintained|Maintain|Reiterates|Reiterated|Reiterating|Reiterate|Reaffirms|"
    r"Reaffirmed|Reaffirm|"
    r"Keeps|Remains|Affirms|Retains|Stays|Sticks\sto|Sticks\sWith|Stands\sBy"
)
# "Turns Bullish On X": a broker's view turned is a rating moved
UP = r"Upgrades|Upgraded|Upgrade|Upgrading|Turns\sBullish|Turned\sBullish|Turns\sPositive"
DOWN = r"Downgrades|Downgraded|Downgrade|Downgrading|Turns\sBearish|Turned\sBearish|Turns\sNegative"
INIT = (
    r"Initiates|Initiated|Initiating|Initiate|Assumes|Assumed|Resumes|Resumed|Reinstates|"
    r"Reinstated|Begins|Began|Starts|Started|Opens|Launches|Initiate|Assume|Resume|Reinstate|"
    r"Begin|Start"
)
TARGET = (
    r"Bumps Up|Bumps|Raises|Raised|Raising|Lowers|Lowered|Lowering|Lowerss|Cuts|Cut|Boosts|Boosted|"
    r"Increases|Increased|Reduces|Reduced|Slashes|Slashed|Ups|Trims|Trimmed|Lifts|Hikes|Adjusts|"
    r"Jockeys|Shuffles|Reshuffles|Raise|Lower|Boost|Increase|Reduce|Slash|Trim|Lift|Hike"
)
OPINION = (
    r"Has|Bullish|Bearish|Positive|Negative|Cautious|Out\sPositive|Out\sNegative|Adds|Added|"
    r"PT|Neutral|Overweight|Underweight|Outperform|Underperform|Equal-[Ww]eight|Buy|Sell|Hold|"
    # "KeyBanc sees 25% upside in Shopify, raises target to $150": sentence case as well
    r"Sees|Says|sees"
)
# A rating moved without saying which way: the tiers of the two ratings tell.
MOVE = r"Moves|Moved|Shifts|Switches"
# Several brokers acting alike: "Mizuho and Truist Raise ...", "KeyBanc, Stifel Upgrade ...".
BROKER_LIST_SPLIT_RE = re.compile(r",\s(?:and\s)?|\sand\s|\s&\s")
BROKER = r"(?P<broker>[A-Z][\w.&'+-]*(?:,?\s(?:[A-Z][\w.&'+-]*|&|of|and|de))*?)"
HEADLINE_RE = re.compile(
    rf"^{BROKER}\s(?:\([A-Z.]{{1,6}}\)\s)?(?:(?:on\s[A-Z]\w+day|Earlier|earlier|Today)\s)?"
    r"(?:\((?:Premarket|Pre-market|Intraday)\)\s)?"
    rf"(?P<verb>{MAIN}|{UP}|{DOWN}|{INIT}|{TARGET}|{MOVE}|{OPINION})(?P<rest>(?:\s.*)?)$"
)

LEADING_STOP = r"(?!(?:To|From|On|At|With|Of|For|By|In|As|And|Coverage|Rating|Shares)\s)"
COMPANY = rf"(?P<company>{LEADING_STOP}[A-Z0-9(&'][^,;:]*?)"
RATING = rf"(?P<rating>{LEADING_STOP}[A-Z][\w/+-]*(?:\s[A-Z][\w/+-]*){{0,3}}?)"
TICKER_OPT = r"(?:\s\((?:[A-Za-z]+:\s?)?[A-Z.]{1,6}\))?"
# A rating may carry a grade in parentheses, as written in lower case ("hold (c)", "sell (d+)"):
# a capital there is a ticker ("to Buy (A)").
VOCAB = (
    "(?:"
    + "|".join(sorted((re.escape(r) for r in RATINGS), key=len, reverse=True))
    + r")(?:\s\((?-i:[a-e][+-]?)\))?"
)
VOCAB_RATING = rf"(?P<rating>{VOCAB})"
STOP = (
    r"as|As|after|After|following|Following|on|On|amid|Amid|citing|Citing|Cites|saying|Saying|"
    r"says|Says|while|While|but|But|And|despite|Despite|ahead|Ahead|due|Due|with|With|"
    r"notes|Notes|to|To|from|From|in|In|at|At|over|Over|post|Post|Sees|sees|Expects|Calls|"
    r"Likes|Following|Amid|by|By"
)
# "... and $90 Target": "and" ends a name only before an amount, or before another company
# moved alike ("Upgrades A to Buy and B to Neutral")
TAIL = (
    rf"(?P<tail>(?:[,;:]|\s\([A-Z.]{{1,6}}\)|\s[-–]|\s(?:{STOP})\b|\s\$"
    rf"|\sand\s(?=[$€£]|[A-Z]{{1,2}}\$)"
    rf"|\sand\s(?=(?:[Oo]f\s)?[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){{0,4}}\s(?:[Tt]o|[Aa]t)\s"
    rf"(?:[$€£\d]|[A-Z]{{1,3}}\$|(?i:{VOCAB})(?![\w-])))).*)?"
)
RATING_END = rf"(?=[,;:(]|\s\(|\s[-–]|\s(?:{STOP}|Rating|rating|and)\b|\s\$|\s*$)"

# "Keeps Their Sell Rating on", "Sticks to Its Buy Rating for": the broker's own rating
POSSESSIVE = r"(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s"

MAIN_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"^\s(?:[Aa]n?\s|{POSSESSIVE})?{RATING}(?:\s[Rr]ating)?\s(?:[Oo]n|[Ff]or)\s{COMPANY}{TAIL}$",
        rf"^\s{COMPANY}{TICKER_OPT}\s[Aa]t\s{RATING}{RATING_END}{TAIL}$",
        rf"^\s{RATING}(?:\s[Rr]ating)?(?P<mid>,\s.+?)\s[Oo]n\s{COMPANY}{TAIL}$",
        rf"^\s[Oo]n\s{COMPANY}{TAIL}$",
        rf"^\s{COMPANY}\s{VOCAB_RATING}(?:\s[Rr]ating)?{RATING_END}{TAIL}$",
    )
)
CHANGE_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"^\s{COMPANY}{TICKER_OPT}(?:\s[Ss]hares)?(?:\s[Ff]rom\s(?:[A-Z][\w/+-]*(?:\s[A-Z][\w/+-]*)"
        rf"{{0,3}}?))?\s[Tt]o\s+{RATING}{RATING_END}{TAIL}$",
        rf"^\s{COMPANY}:\s{VOCAB_RATING},\s(?P<tail>.*)$",
        rf"^\s{COMPANY}\s[Ff]rom\s[A-Z][\w/+-]*(?:\s[A-Z][\w/+-]*){{0,3}}{TAIL}$",
        rf"^\s{COMPANY}\s{VOCAB_RATING}{RATING_END}{TAIL}$",
        rf"^\s{COMPANY}{TAIL}$",
    )
)
INIT_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"^\s{COMPANY}\s[Cc]overage:\s{RATING},\s(?P<tail>.*)$",
        rf"^\s[Cc]overage\s[Oo]n\s'(?P<rating>[^']{{1,40}})'\s{COMPANY}{TAIL}$",
        rf"^\s[Cc]overage\s(?:[Oo]n|[Oo]f)\s+{COMPANY}{TICKER_OPT}(?:\s(?:[Ww]ith|[Aa]t)\s(?:an?\s)?"
        rf"{RATING}(?:\s[Rr]atings?)?{RATING_END})?{TAIL}$",
        rf"^\s(?:an?\s)?{RATING}(?:\s[Rr]ating)?\s[Oo]n\s{COMPANY}{TAIL}$",
        rf"^\s{COMPANY}{TICKER_OPT}\s(?:[Aa]t|[Ww]ith|[Tt]o)\s(?:[Aa]n?\s)?{RATING}(?:\s[Rr]ating)?"
        rf"{RATING_END}{TAIL}$",
        rf"^\s{COMPANY}{TAIL}$",
    )
)
PT_WORDS = (
    # "Target Price" as British wires write it, before "Target" alone
    r"(?:[Tt]arget\s[Pp]rices?|(?:[Pp]rices?\s)?[Tt]argets?|PTs?|POs?|[Pp]rice\s[Oo]bjective"
    r"|[Ff]air\s[Vv]alue(?:\s[Ee]stimate)?)"
)
NUMBER = r"(?:[A-Z]{0,3}\$|[€£]|[A-Z]{3}\s)?\d[\d,.]*(?:\s?(?:p|pence|Pence)(?!\w))?"
TARGET_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"^\s(?:[Ii]ts\s)?{PT_WORDS}\s(?:[Oo]n|[Ff]or|[Oo]f)\s+{COMPANY}{TAIL}$",
        rf"^\s(?:[Ii]ts\s)?{PT_WORDS}\s(?:[Ff]rom\s{NUMBER}\s)?[Tt]o\s{NUMBER}"
        rf"(?:\s[\w$.,]+){{0,10}}?\s[Oo]n\s{COMPANY}{TAIL}$",
        rf"^\s{COMPANY}(?:'s)?\s{PT_WORDS}(?=[\s,;:.]|$){TAIL}$",
        rf"^\s{PT_WORDS}\s{COMPANY}{TAIL}$",
    )
)
LISTED_RE = re.compile(
    r"^\s(?:[Cc]overage\s[Oo]n\s+|(?:Price\s)?Targets?\s[Oo]n\s|Ratings\son\s[^(]*)?"
    r"(?P<list>\(?\s*[A-Z]{1,5}(?:\s*,\s*&?\s*[A-Z]{1,5}){1,}\s*\)?)"
    r"(?:\s[Tt]o\s(?P<rating>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?))?\s*$"
)
GROUPED_HINT_RE = re.compile(r"\sRatings\b|\swith\s.+\swith\s")
GROUP_RE = re.compile(
    r"(?P<names>(?!With\s)[A-Z][\w.&'-]*(?:\s(?!With\s)[A-Z][\w.&'-]*)*"
    r"(?:,\s(?!With\s)[A-Z][\w.&'-]*(?:\s(?!With\s)[A-Z][\w.&'-]*)*)*)"
    r"\s[Ww]ith\s(?:an?\s)?(?P<rating>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)\sRatings?"
    r"(?:,\s\$(?P<target>\d[\d.,]*)\s(?:Price\s)?Target)?"
)
CLAUSE_RE = re.compile(
    r"(?:[;:,]\s+|\s(?:[Ww]hile|[Aa]fter|[Aa]s|[Ff]ollowing|[Aa]mid)\s)"
    r"([A-Z][^;:,]*?(?:,\s\$[^;:]*?)?)(?=\s[Ww]hile\s|[;:,]|$)"
)
OTHER_ACTOR_RE = re.compile(r"\s(?:[Ww]hile|[Ww]hereas)\s")
FROM_RATING_RE = re.compile(r"\s[Ff]rom\s[A-Z]")
OMITTED_RE = re.compile(rf"^\s(?:[Tt]o\s|[Aa]t\s|[Ff]rom\s|(?:[Aa]n?\s)?(?:{VOCAB})\s[Rr]ating\b)")
ANAPHOR_RE = re.compile(r"\s(?:[Oo]n\s)?(?:[Tt]he\s)?(?:Shares|Stock|stock)\b|\s\([A-Z.]{1,6}\)")
RATING_ON_RE = re.compile(
    rf"^\sRating\s[Tt]o\s{RATING}{RATING_END}.*?\s[Oo]n\s{COMPANY}(?:\s(?:{STOP})\s.*)?\s*$"
)
TO_NUMBER_RE = re.compile(rf"\b(?:[Tt]o|[Oo]f)\s{amount('number')}")
FROM_NUMBER_RE = re.compile(rf"\b[Ff]rom\s{amount('number')}")
NOT_A_COMPANY_RE = re.compile(
    r"^(?:\d+|Two|Three|Four|Five|Several|Multiple|Most|Some|Many|All|Other|Select|Various)\s"
    r".*\Ss$"
    r"|\b(?:Retailers|Stocks|Names|Banks|Miners|Producers|Autos|Sector|Players|Peers|"
    r"Restaurants|REITs|Insurers|Brokers|Managers|Semis|Semiconductors|Utilities|Airlines|"
    r"Carriers|Refiners|Chipmakers|Automakers|Industry|Space|Group Of)$"
    r"|^(?:Gold|Silver|Oil|Copper|Crude|Bitcoin|Natural Gas|Shares|Stock|The Stock|Price|"
    r"Price Target|PT)$"
)
TICKERS_RE = re.compile(r"^\(?\s*[A-Z]{1,5}(?:\s*(?:,|&|,\s*&|and)\s*[A-Z]{1,5})+\s*\)?$")
TICKER_SPLIT_RE = re.compile(r"\s*(?:,\s*&|,|&|\band\b)\s*")
MORE_PAIRS_RE = re.compile(rf",\s{COMPANY}\s[Tt]o\s{RATING}{RATING_END}")
RATING_HINT_RE = re.compile(
    r"(?i)buy|sell|hold|neutral|perform|weight|positive|negative|accumulate|reduce|\badd\b|"
    r"in-?line|top pick|conviction|\bow\b|\buw\b|\bew\b|mixed|market|sector|peer|speculative"
)

VERB_CLASS: dict[str, str] = {
    name: group
    for group, names in (
        ("main", MAIN),
        ("up", UP),
        ("down", DOWN),
        ("init", INIT),
        ("target", TARGET),
        ("move", MOVE),
    )
    for name in names.replace("\\s", " ").split("|")
}
UNDIRECTED = frozenset(("Adjusts", "Jockeys", "Shuffles", "Reshuffles"))
UP_TARGET_VERBS = frozenset(
    "Raises Raised Raising Boosts Boosted Increases Increased Ups Lifts Hikes Raise Boost "
    "Increase Lift Hike".split()
) | {"Bumps Up", "Bumps"}
