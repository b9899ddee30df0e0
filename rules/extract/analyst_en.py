"""English analyst headlines, Benzinga style and its common variants.

"<Broker> Maintains <Rating> on <Company>, Raises Price Target to $N",
"<Broker> Upgrades/Downgrades <Company> (from <R>) to <Rating>, ...",
"<Broker> Initiates Coverage On <Company> with <Rating> Rating, Announces $N Price Target",
"<Broker> Raises PT On <Company> To $N", "<Broker> Maintains <Company> at <Rating>, Lowers PT
from $A to $B", "<Company> Downgraded To <Rating> At <Broker>" and sentences such as
"<Company> shares are trading higher after <Broker> upgraded the stock from A to B".
"""

from __future__ import annotations

import re

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKER_TABLE, RATING_WORDS, is_broker_name, is_non_broker, is_rating_word
from .coordination_en import coordinated_events, joined_company_events, respective_events
from .covered_en import is_covered, without_descriptor, without_opener
from .grammar_en import (
    ANAPHOR_RE,
    CHANGE_FORMS,
    CLAUSE_RE,
    COMPANY,
    DIGEST_RE,
    DOWN,
    FROM_NUMBER_RE,
    FROM_RATING_RE,
    GROUP_RE,
    GROUPED_HINT_RE,
    HEADLINE_RE,
    INIT,
    INIT_FORMS,
    LISTED_RE,
    MAIN,
    MAIN_FORMS,
    MAX_HEADLINE,
    MORE_PAIRS_RE,
    NOISE_RE,
    NOT_A_COMPANY_RE,
    OMITTED_RE,
    OPINION,
    OTHER_ACTOR_RE,
    PREFIX_RE,
    RATING_END,
    RATING_HINT_RE,
    RATING_ON_RE,
    TAIL,
    TARGET,
    TARGET_FORMS,
    TICKER_SPLIT_RE,
    TICKERS_RE,
    TO_NUMBER_RE,
    UNDIRECTED,
    UP,
    UP_TARGET_VERBS,
    VERB_CLASS,
    VOCAB,
)
from .headline_clauses_en import clause_events
from .lists_en import listed_events
from .names import (
    broker_base,
    company_base,
    joined_names_kept,
    joined_names_restored,
    single_spaced,
)
from .narrative_en import (
    NOUNS,
    PASSIVE_VERBS,
    PROSE_VERBS,
    TOLD_VERBS,
    known_brokers,
    narrative_events,
    passive_events,
    subject_company,
)
from .numbers import parse_number
from .org_words import BREAK_EN
from .passive_en import PASSIVE_WORDS, passive_analyst_events
from .plain_en import NAMED_WORDS, NOUN_WORDS, RECEIVED, VERBS, plain_english_events
from .reported_en import as_told
from .scan import words_scan
from .sentences import split_sentences
from .targets_en import (
    analyst_action,
    given_rating,
    kept_rating,
    parse_target,
    quoted_rating,
    rating_kept_aside,
    target_currency,
    tier_change,
)
from .wording_en import plain_wording


def english_analyst_events(text: str) -> list[AnalystAction]:
    """The analyst actions of a headline or a short paragraph: read whole, and where it holds
    several sentences, each sentence read on its own adds the brokers the whole reading
    missed ("Several analysts commented. Citigroup lifted ... . Piper Sandler cut ...")."""
    headline = single_spaced(text)
    if not headline or len(headline) > MAX_HEADLINE:
        return []
    if any(map(headline.__contains__, _DIGEST_WORDS)) and DIGEST_RE.search(headline):
        return []
    headline = joined_names_kept(plain_wording(headline))
    events = clause_events(headline, _read(headline), _read)
    if ". " in headline:
        sentences = split_sentences(headline)
        if len(sentences) > 1:
            brokers = {event.broker for event in events}
            for sentence in sentences:
                found = [e for e in _read(sentence.strip()) if e.broker not in brokers]
                brokers.update(event.broker for event in found)
                events.extend(found)
        if len(events) == 1 and events[0].rating is None:
            _complete_from_next_sentence(events[0], headline)
        elif len(events) > 1:
            _complete_each_from_next_sentence(events, headline)
    return events


# "... began coverage on X in a report on Tuesday. They set an outperform rating and a $160
# price target on the stock.": the sentence after completes the one action of the one before
_FOLLOWING_RE = re.compile(
    r"(?<=\.\s)(?:They|It|The\s(?:firm|brokerage|broker|bank|analysts?))\s"
    r"(?:currently\s|presently\s|now\s)?"
    r"(?:set|sets|issued|issues|assigned|assigns|gave|gives|placed|places|put|puts|has|have)\s"
    rf"(?:the\s(?:stock|company|shares)\s)?(?:an?\s)?['‘\"“]?(?P<rating>(?i:{VOCAB}))['’\"”]?"
    r"\srating(?P<rest>\sand\s[^.]*(?:\.\d[^.]*)*)?"
)


def _complete_each_from_next_sentence(events: list[AnalystAction], text: str) -> None:
    """In a paragraph of several actions, "They issued a buy rating and a $505 price target"
    completes the action of the one broker the sentence before names, if it has no rating."""
    for following in _FOLLOWING_RE.finditer(text):
        opening = text.rfind(". ", 0, following.start() - 2) + 2
        before = text[opening : following.start()]
        named = [event for event in events if event.broker in before]
        if len(named) == 1 and named[0].rating is None:
            _complete_from(named[0], following)


def _complete_from_next_sentence(event: AnalystAction, text: str) -> None:
    following = _FOLLOWING_RE.search(text)
    if following is None:
        return
    _complete_from(event, following)


def _complete_from(event: AnalystAction, following: re.Match[str]) -> None:
    event.rating = following.group("rating")
    rest = following.group("rest")
    if rest and event.target_action == "none":
        clause = parse_target(rest, event.rating_action)
        if clause.target is not None:
            event.target_action = "init" if event.rating_action == "init" else "set"
            event.target = clause.target
            event.currency = target_currency(rest)


def _read(headline: str) -> list[AnalystAction]:
    return listed_events(headline, _read_plain(headline), _read_plain)


# "Deckers Outdoor (NYSE:DECK)": a ticker with its exchange adds nothing to the name, and its
# colon would end the company's span in the headline forms
_EXCHANGE_TICKER_RE = re.compile(r"\s\((?:[A-Z][A-Za-z]{1,11}):\s?[A-Z0-9][A-Z0-9.-]{0,9}\)")


def _read_plain(headline: str) -> list[AnalystAction]:
    body = as_told(PREFIX_RE.sub("", headline))
    if ":" in body and "(" in body:
        body = _EXCHANGE_TICKER_RE.sub("", body)
    events = _read_body(body)
    if len(events) == 1 and (" and " in body or " And " in body):
        events += _covered(joined_company_events(single_spaced(body), events))
    return events


def _read_body(body: str) -> list[AnalystAction]:
    if any(map(body.__contains__, _NOISE_WORDS)):
        body = NOISE_RE.sub("", body)
    body = single_spaced(body)
    if not _VERB_GATE.find(body):
        return []
    passive = passive_events(body)
    if not passive or any(event.rating is None for event in passive):
        # the general reader also reads a rating after the broker ("Upgraded by X to Buy")
        general = passive_analyst_events(body)
        if general and (not passive or general[0].rating is not None):
            passive = general
    if passive:
        return _covered(passive, body)
    match = HEADLINE_RE.match(body)
    if match is not None:
        for broker in _brokers(match.group("broker")):
            events = _covered(_headline(broker, match.group("verb"), match.group("rest")))
            if events:
                return events
        several = _several_brokers(match.group("broker"))
        if several:
            found = [
                e for b in several for e in _headline(b, match.group("verb"), match.group("rest"))
            ]
            found = _covered(found)
            if found:
                return found
    events = narrative_events(body)
    brokers = {event.broker for event in events}
    events += [event for event in _later_clause(body) if event.broker not in brokers]
    events = events or plain_english_events(body) or _broker_then_action(body)
    if events and any(joint in body for joint in _JOINTS):
        events += coordinated_events(body, events)
    elif not events and "respectively" in body:
        events = respective_events(body)
    return _covered(events, body)


def _covered(events: list[AnalystAction], text: str = "") -> list[AnalystAction]:
    """Events about a company, each named without a headline's opening question word and
    each broker without its analyst's name ("Morgan Stanley's Adam Jonas"), once each; a
    rating the text quotes for the company ("gave the company a hold rating") completes a
    single event that has none."""
    kept: list[AnalystAction] = []
    for event in events:
        event.company = joined_names_restored(without_opener(event.company))
        event.broker = joined_names_restored(
            _ANALYST_OF_BROKER_RE.sub("", without_descriptor(event.broker))
        )
        # "Jefferies reiterated Buy at its investor day": a rating is no company
        named = event.company and not is_rating_word(event.company)
        if named and is_covered(event.company) and event not in kept:
            kept.append(event)
    if len(kept) == 1 and kept[0].rating_action == "none" and text:
        still = rating_kept_aside(text)
        # "..., though they kept a market perform rating": a rating read already is kept too
        if still is not None and kept[0].rating in (None, still):
            kept[0].rating_action, kept[0].rating = "main", still
        elif kept[0].rating is None:
            kept[0].rating = given_rating(text)
    return kept


# "Morgan Stanley's Adam Jonas", "Jefferies' Brent Thill": the analyst named after the firm
_ANALYST_OF_BROKER_RE = re.compile(r"(?<=\w)(?:'s|(?<=s)')(?:\s[A-Z][\w.'-]*){1,3}$")


_FROM_TIER_RE = re.compile(rf"\s[Ff]rom\s(?P<rating>{VOCAB})(?![\w-])")
_SEES_RE = re.compile(
    rf"^\s(?:\d{{1,3}}(?:\.\d+)?%\s)?(?:[Uu]pside|[Dd]ownside)\s(?:[Ii]n|[Ff]or|[Tt]o|[Oo]n)\s"
    # "Upside in Shopify Shares": the shares are the company's
    rf"{COMPANY}(?:\s(?:[Ss]hares|[Ss]tock))?{TAIL}$"
)
_RATING_MOVED_RE = re.compile(
    rf"^\s(?:[Ii]ts\s)?[Rr]ating\s(?:[Oo]n|[Ff]or)\s{COMPANY}\s[Tt]o\s(?P<rating>{VOCAB})(?![\w-])"
    rf"{RATING_END}"
)
_SAYS_RE = re.compile(rf"^\s(?P<rating>Buy|Sell)\s{COMPANY}{TAIL}$")


def _plain_head(alternative: str) -> str:
    """The plain text a pattern's alternative starts with: "Out\\sPositive" -> "Out"."""
    return re.split(r"[\\\[( ]", alternative, maxsplit=1)[0]


# Every form reads one of these verbs or nouns, as the text writes them: a text without any of
# them at all cannot match, and no form need be tried. One automaton pass finds whether one
# stands, where a pattern would be tried at every character.
_VERB_GATE = words_scan(
    _plain_head(alternative)
    for verbs in (
        *(MAIN, UP, DOWN, INIT, TARGET, OPINION),  # the headline forms
        *(PASSIVE_VERBS, PROSE_VERBS, TOLD_VERBS, NOUNS),  # told from the stock's side
        VERBS,  # sentence case
        RECEIVED,  # a target the company is given
        NOUN_WORDS,  # "after a downgrade from <Broker>"
        PASSIVE_WORDS,  # the company first, either case
        NAMED_WORDS,  # "<Company> Named Top Pick at <Broker>"
    )
    for alternative in verbs.split("|")
)
# Words that every match of DIGEST_RE and NOISE_RE holds: without them the patterns need not run.
_DIGEST_WORDS = ("Top", "Upgrades", "Biggest", "Price", "Analyst", "Initiations", "Benzinga")
_NOISE_WORDS = ("Inc", "Ltd", "LLC", "Corp", "Common Stock", "Ordinary Shares", "American")


_JOINTS = (", ", "; ", " while ", " and ")
_CLAUSE_WORD_RE = re.compile(r"\s(?:After|As|Following|Amid|While|Says|Despite)\s")


def _brokers(raw: str) -> list[str]:
    if _CLAUSE_WORD_RE.search(raw):
        return []  # "<Stock> Jumps After <Broker>": a later clause holds the broker
    broker = broker_base(raw)
    return [broker] if broker and not is_non_broker(broker) and not _several_brokers(raw) else []


def _several_brokers(raw: str) -> list[str]:
    return [] if raw in BROKER_TABLE else known_brokers(raw)


def _headline(broker: str, verb: str, rest: str) -> list[AnalystAction]:
    group = VERB_CLASS.get(verb, "opinion")
    listed = LISTED_RE.match(rest)
    if listed is not None and group != "opinion":
        return _listed(broker, group, verb, listed)
    if group == "init" and GROUPED_HINT_RE.search(rest):
        grouped = _grouped(broker, rest)
        if grouped:
            return grouped
    if group == "main":
        events = _with_forms(broker, "main", rest, MAIN_FORMS)
        if verb in _MOOD_VERBS:
            # "Stays Bullish on X", "Sticks to Its View on X": a mood, not a rating kept
            return [event for event in events if _is_rating(event.rating)]
        return events
    if group in ("up", "down"):
        if verb.startswith("Turn"):
            rest = _TURNED_ON_RE.sub("", rest)  # "Turns Bullish On X": X is what it turned on
        return _change(broker, "up" if group == "up" else "down", rest)
    if group == "init":
        return _with_forms(broker, "init", rest, INIT_FORMS)
    if group == "target":
        return _target_verb(broker, verb, rest)
    if group == "move":
        return _moved_rating(broker, rest)
    return _opinion(broker, verb, rest)


_TURNED_ON_RE = re.compile(r"^\s(?:[Oo]n|[Aa]bout)(?=\s)")
# keeping verbs that may keep a mood or a view as well as a rating
_MOOD_VERBS = frozenset(("Stays", "Remains", "Sticks to", "Sticks With", "Stands By"))


def _moved_rating(broker: str, rest: str) -> list[AnalystAction]:
    """ "Moves X to Neutral From Sell": the tiers of the two ratings give the direction."""
    found = _FROM_TIER_RE.search(rest)
    if found is None:
        return []
    for event in _change(broker, "up", rest):
        direction = tier_change(found.group("rating"), event.rating)
        if direction is None:
            return []
        event.rating_action = direction
        return [event]
    return []


def _with_forms(
    broker: str, action: RatingAction, rest: str, forms: tuple[re.Pattern[str], ...]
) -> list[AnalystAction]:
    for form in forms:
        match = form.match(rest)
        if match is None:
            continue
        groups = match.groupdict()
        rating = groups.get("rating")
        if form is forms[-1] and action == "main" and not _is_rating(rating):
            continue
        context = (groups.get("mid") or "") + " " + (groups.get("tail") or "")
        return _events(broker, groups["company"], action, rating, context)
    return []


def _change(broker: str, action: RatingAction, rest: str) -> list[AnalystAction]:
    rated = RATING_ON_RE.match(rest)
    if rated is not None:
        # "Upgrades Rating to Buy, Raises PT to $45 on Agilent"
        return _events(broker, rated.group("company"), action, rated.group("rating"), rest)
    for form in CHANGE_FORMS:
        match = form.match(rest)
        if match is None:
            continue
        groups = match.groupdict()
        company = groups["company"]
        tail = groups.get("tail") or ""
        if company.strip() in ("Rating", "Stock", "Shares"):
            on = re.search(rf"\s[Oo]n\s{COMPANY}{TAIL}$", tail)
            if on is None:
                return []
            company = on.group("company")
        events = _events(broker, company, action, groups.get("rating"), tail)
        pairs = [
            p for p in MORE_PAIRS_RE.finditer(tail) if p.group("rating").lower() in RATING_WORDS
        ]
        if pairs and pairs[0].start() == 0 and not groups.get("rating"):
            # "Downgrades A, B to Neutral": the list's rating is the first name's too; so is
            # that of a clause leaving the company out ("Turns Bullish on X, Upgrades to Buy")
            for event in events:
                event.rating = pairs[0].group("rating")
        for pair in pairs:
            if pair.group("company") in VERB_CLASS:
                continue  # a verb of the grammar names no company
            events.extend(_events(broker, pair.group("company"), action, pair.group("rating"), ""))
        return events
    return []


def _target_verb(broker: str, verb: str, rest: str) -> list[AnalystAction]:
    rated = _RATING_MOVED_RE.match(rest)
    if rated is not None:
        # "Raises Rating on Shopify to Buy": a rating change told with a target verb
        action: RatingAction = "up" if verb in UP_TARGET_VERBS else "down"
        return _events(broker, rated.group("company"), action, rated.group("rating"), "")
    for form in TARGET_FORMS:
        match = form.match(rest)
        if match is None:
            continue
        events = _events(broker, match.group("company"), "none", None, rest)
        moved = _moved_target(verb, rest)
        for event in events:
            event.target_action, event.target, event.prior_target = moved
            event.currency = target_currency(rest) if event.target or event.prior_target else None
        return events
    # "Raises ACADIA To Buy", "Cuts McKesson Shares To Underperform": a rating change.
    rating_action: RatingAction = "up" if verb in UP_TARGET_VERBS else "down"
    events = _change(broker, rating_action, rest)
    if not FROM_RATING_RE.search(rest):
        events = [event for event in events if event.rating is not None]
    return [event for event in events if event.rating is None or _is_rating(event.rating)]


def _listed(broker: str, group: str, verb: str, listed: re.Match[str]) -> list[AnalystAction]:
    """One event per ticker: "Downgrades TC, GG, SSRI", "Upgrades (A, GG)"."""
    action: RatingAction = "none"
    if group in ("up", "down", "init", "main"):
        action = group  # type: ignore[assignment]
    elif group == "target" and verb not in UNDIRECTED and listed.group("rating"):
        action = "up" if verb in UP_TARGET_VERBS else "down"
    tickers = [t for t in TICKER_SPLIT_RE.split(listed.group("list").strip("() ")) if t]
    return [
        AnalystAction(
            broker=broker, company=ticker, rating_action=action, rating=listed.group("rating")
        )
        for ticker in tickers
    ]


# "Initiates Coverage On A, B With Buy Ratings": the words before the names name none
_COVERAGE_ON_RE = re.compile(r"^\s*[Cc]overage\s(?:[Oo]n|[Oo]f)\s")


def _grouped(broker: str, rest: str) -> list[AnalystAction]:
    """ "Initiates A, B With Buy Ratings, C With Neutral Ratings": one event per company."""
    body = _COVERAGE_ON_RE.sub("", rest.split(": ", 1)[-1])
    events: list[AnalystAction] = []
    for group in GROUP_RE.finditer(body):
        target = parse_number(group.group("target"), "en") if group.group("target") else None
        for raw in re.split(r",\s|\sand\s|\s&\s", group.group("names")):
            company = company_base(raw, "en")
            if not company or NOT_A_COMPANY_RE.search(company):
                continue
            events.append(
                AnalystAction(
                    broker=broker,
                    company=company,
                    rating_action="init",
                    rating=group.group("rating"),
                    target_action="init" if target else "none",
                    target=target,
                    currency=target_currency(body) if target else None,
                )
            )
    return events if len(events) > 1 else []


_LEADING_ARTICLE_RE = re.compile(r"^(?:An?|The)\s+(?=[A-Z])")


def _later_clause(body: str) -> list[AnalystAction]:
    """A broker acting in a later clause: "Market Rally ..., Argus Boosts Barrick Gold Price
    Target"; when that clause leaves the company out ("<Stock> Crushes Earnings, Goldman Sachs
    Raises Price Target") the company is the headline's subject."""
    subject: str | None = ""  # "": not looked for yet
    events: list[AnalystAction] = []
    for clause in CLAUSE_RE.finditer(body):
        match = HEADLINE_RE.match(clause.group(1))
        if match is None:
            continue
        broker = broker_base(match.group("broker"))
        if not is_broker_name(broker):
            continue
        rest = match.group("rest")
        verb = match.group("verb")
        omitted = (
            ANAPHOR_RE.search(rest)
            or not rest.strip()
            or OMITTED_RE.match(rest)
            or VERB_CLASS.get(verb) == "target"
        )
        if omitted and subject == "":
            subject = subject_company(body)
        if subject and omitted:
            bridged = f" {subject}{_bridge(verb, ANAPHOR_RE.sub('', rest))}"
            found = _headline(broker, verb, bridged)
        else:
            found = _headline(broker, verb, rest)
        events.extend(found)
    return events


# "<Broker> Expects Another Strong Year For Analog Devices, Raises PT To $47": the company the
# broker's first clause is about, by a possessive or at its end after a preposition
_POSSESSED_RE = re.compile(r"(?<![\w'])(?P<company>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})'s\s")
_ABOUT_RE = re.compile(
    r"\s(?:[Ff]or|[Ii]n|[Oo]n|[Aa]bout|[Oo]f)\s"
    r"(?P<company>(?:The\s)?[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,4})$"
)
# what an action clause that leaves the company out may say: "To Outperform", "PT To $47",
# "Neutral And $14 PT"
_LEFT_OUT_RE = re.compile(
    r"^\s(?:(?:[Tt]o|[Aa]t|[Ff]rom)\s.*"
    r"|(?:PT|Price\sTarget|Target|Price\sObjective)\s(?:[Tt]o|[Ff]rom)\s\S*\d.*"
    rf"|(?:[Aa]n?\s)?{VOCAB}(?:\s[Rr]ating)?"
    r"(?:\s(?:[Aa]nd|[Ww]ith)\s\S*\d\S*\s(?:PT|Price\sTarget|Target))?)$"
)
_ACTION_CLAUSE_RE = re.compile(rf"^(?P<verb>{MAIN}|{UP}|{DOWN}|{TARGET})(?P<rest>\s.*)?$")


def _broker_then_action(body: str) -> list[AnalystAction]:
    """A known broker opening a headline with another verb, and a later clause that acts with
    the company left out: the company is the one the first clause is about."""
    opening = next(BROKER_TABLE.find(body), None)
    if opening is None or opening[0] != 0:
        return []
    clauses = re.split(r"[,;]\s", body[opening[1] :])
    if len(clauses) < 2:
        return []
    company = _company_of_clause(clauses[0])
    if company is None:
        return []
    for clause in clauses[1:]:
        action = _ACTION_CLAUSE_RE.match(clause)
        if action is None:
            continue
        verb, rest = action.group("verb"), action.group("rest") or ""
        if rest.strip() and _LEFT_OUT_RE.match(rest) is None:
            return []  # the clause names its own company, or acts on something else
        return _headline(opening[2], verb, f" {company}{_bridge(verb, rest)}")
    return []


def _company_of_clause(clause: str) -> str | None:
    found = _POSSESSED_RE.search(clause) or _ABOUT_RE.search(clause)
    if found is None:
        return None
    company = found.group("company")
    if found.re is _POSSESSED_RE:
        # "Says Barrick Gold's Leverage": the name starts after the headline's own words
        while company and company.split()[0].lower() in BREAK_EN:
            company = company.partition(" ")[2]
    words = company.split()[1 if company.startswith("The ") else 0 :]
    if words and words[-1].lower().rstrip(".") in ("co", "inc", "corp", "ltd", "plc"):
        words = words[:-1]
    if not words or any(
        word.lower() in BREAK_EN or word.lower().removesuffix("s") in BREAK_EN for word in words
    ):
        return None  # "For Coming Years", "In March": no company
    return company if is_covered(company) else None


def _bridge(verb: str, rest: str) -> str:
    """Rebuild "<verb> <company> <rest>" for a clause that left the company out."""
    group = VERB_CLASS.get(verb, "opinion")
    if group == "target":
        return (
            f" {rest.strip()}"
            if rest.strip().startswith(("PT", "Price", "Target"))
            else (f" PT {rest.strip()}")
        )
    # "Maintained An Outperform Rating": the article opens the clause where the company was left out
    rest = _LEADING_ARTICLE_RE.sub("", rest.strip())
    return f" {rest}" if rest else ""


def _moved_target(verb: str, rest: str) -> tuple[TargetAction, float | None, float | None]:
    """The direction comes from the verb even where the numbers disagree; a verb without one
    ("Adjusts") takes it from the two numbers, and with the new one alone states it."""
    to = TO_NUMBER_RE.search(rest)
    since = FROM_NUMBER_RE.search(rest)
    target = parse_number(to.group("number"), "en") if to else None
    prior = parse_number(since.group("number"), "en") if since else None
    if verb in UNDIRECTED:
        if target is not None and prior is None:
            return "set", target, None
        if target is None or prior is None or target == prior:
            return "none", None, None
        return ("raise" if target > prior else "lower"), target, prior
    return ("raise" if verb in UP_TARGET_VERBS else "lower"), target, prior


def _opinion(broker: str, verb: str, rest: str) -> list[AnalystAction]:
    if verb == "sees":
        verb = "Sees"
    if verb in ("Sees", "Says"):
        # "Sees 40% Upside in X", "Says Buy X": only a broker the tables know says so
        form = _SEES_RE if verb == "Sees" else _SAYS_RE
        match = form.match(rest)
        if match is None or not is_broker_name(broker):
            return []
        tail = match.group("tail") or ""
        rating = match.groupdict().get("rating")
        kept = None if rating else kept_rating(tail)
        events = _events(
            broker, match.group("company"), "main" if kept else "none", rating or kept, tail
        )
        # an upside seen, and nothing else, may be a quote of a target set before
        return [e for e in events if e.rating is not None or e.target_action != "none"]
    if verb == "Has":
        match = MAIN_FORMS[0].match(rest)
        if match is None or not _is_rating(match.group("rating")):
            return []
        return _events(
            broker, match.group("company"), "none", match.group("rating"), match.group("tail") or ""
        )
    if verb in ("Adds", "Added"):
        match = re.match(
            rf"^\s{COMPANY}\s[Tt]o\s(?:[Tt]he\s|[Ii]ts\s)?'?(?P<list>[^']*?)'?\s"
            rf"List{TAIL}$",
            rest,
        )
        if match is None:
            return []
        listed = match.group("list").strip()
        rating = listed if listed.lower() in RATING_WORDS else None
        return _events(broker, match.group("company"), "none", rating, match.group("tail") or "")
    match = MAIN_FORMS[3].match(rest)
    if match is None:
        return []
    tail = match.group("tail") or ""
    if verb == "PT":
        return _events(broker, match.group("company"), "none", None, "")
    if verb not in ("Positive", "Negative") and (
        verb.lower() in RATING_WORDS or verb.startswith("Equal")
    ):
        return _events(broker, match.group("company"), "none", verb, tail)
    kept = kept_rating(tail)
    events = _events(broker, match.group("company"), "main" if kept else "none", kept, tail)
    return [e for e in events if e.target_action != "none" or e.rating is not None]


def _events(
    broker: str, raw_company: str, action: RatingAction, rating: str | None, context: str
) -> list[AnalystAction]:
    companies = _split_companies(raw_company)
    if not companies:
        return []
    rating = rating.strip() if rating else None
    if rating and rating.lower() in ("coverage", "a", "an", "the"):
        rating = None
    if action == "none" and rating is None:
        kept = kept_rating(context)
        if kept:
            action, rating = "main", kept
        else:
            rating = quoted_rating(context)
    clause = parse_target(OTHER_ACTOR_RE.split(context, 1)[0], action)
    known = is_broker_name(broker)
    if not known and not is_rating_word(rating or "") and clause.action == "none":
        return []
    return [
        analyst_action(broker, company, action, rating, clause, context) for company in companies
    ]


def _split_companies(raw: str) -> list[str]:
    text = raw.strip()
    if TICKERS_RE.match(text):
        return [part for part in TICKER_SPLIT_RE.split(text.strip("() ")) if part]
    company = company_base(text, "en")
    if not company or company[0].islower() or NOT_A_COMPANY_RE.search(company):
        return []
    if " and " in company:
        parts = [part.strip() for part in company.split(" and ")]
        if all(part[:1].isupper() for part in parts):
            return parts
    return [company]


def _is_rating(rating: str | None) -> bool:
    if not rating:
        return False
    return is_rating_word(rating) or RATING_HINT_RE.search(rating) is not None
