"""German analyst headlines in the dpa-AFX style.

"<Broker> hebt/senkt/belässt <Company> auf '<Rating>' - Ziel N Euro",
"<Broker> hebt Ziel für <Company> auf N Euro - '<Rating>'", "<Broker> startet <Company> mit
'<Rating>'", "<Broker> nimmt <Company> mit '<Rating>' wieder auf", and commentary such as
"ANALYSE/<Broker>: <Company> ..." or "<Company> ... - <Broker> stuft Aktie ab".
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKER_TABLE, BROKERS, RATING_WORDS, is_non_broker
from .clauses import DETERMINERS, RATING_NOUNS, names_sector
from .commentary_de import commentary_events
from .companies import COMPANIES, COMPANY_TABLE
from .data_files import word_sections
from .names import broker_base, company_base, compound_company, single_spaced
from .numbers import CURRENCY_AFTER, NUMBER, normalise_currency, parse_number
from .slots_de import DESCRIPTION

MAX_HEADLINE = 400

_PREFIX_RE = re.compile(
    r"^(?:(?:WDH|ROUNDUP|KORREKTUR|ROUNDUP\s\d|EILMELDUNG|AKTIE IM FOKUS)\s*/\s*)*"
    r"(?:(?P<flash>ANALYSE-FLASH)|(?P<analyse>ANALYSE|Analyse))"
    r"(?:\s*/\s*(?P<prefix_broker>[^:]{2,60}?))?\s*:\s*"
    r"|^(?:(?:WDH|ROUNDUP|KORREKTUR)\s*/\s*)*(?P<slash>ANALYSE|Analyse)/"
)
# The words each match of `_PREFIX_RE` opens with.
_PREFIX_OPENINGS = ("WDH", "ROUNDUP", "KORREKTUR", "EILMELDUNG", "AKTIE", "ANALYSE", "Analyse")

_VERBS = (
    r"hebt|senkt|belässt|belaesst|lässt|startet|nimmt|bewertet|erhöht|stuft|setzt|kappt|"
    r"reduziert|bestätigt|bekräftigt|streicht|mit|sagt|bleibt|empfiehlt|traut|sieht"
)
_VERB_WORDS = frozenset(_VERBS.split("|"))
_BROKER_WORD = r"(?:[A-ZÄÖÜ0-9&][\w&.'+-]*|of|de|du|von|and|und)"
# Houses that write their name lower-case ("mwb research"): known by name, as a headline's
# first word is otherwise read as a name only when capitalised.
_LOWER_BROKERS = "|".join(
    re.escape(name) for name in sorted(BROKERS, key=len, reverse=True) if name[:1].islower()
)
_SUBJECT_RE = re.compile(
    rf"^(?P<broker>(?:{_LOWER_BROKERS})(?=\s)|"
    rf"[A-ZÄÖÜ0-9][\w&.'+-]*(?:\s(?!(?:{_VERBS})\s){_BROKER_WORD}){{0,4}}?)"
    rf"\s+(?P<verb>{_VERBS})\s+(?P<rest>.+)$"
)
_WORDS = word_sections("headline_words_de.txt")
_SECTOR_TOPICS = tuple(_WORDS["sector_topics"])
# a description before a broker's name: "Investmentbank Jefferies", "Schweizer Großbank UBS"
_DESCRIBED_RE = re.compile(rf"{DESCRIPTION}\s(?P<name>\S.*)$")
_DESCRIPTION_ONLY_RE = re.compile(DESCRIPTION)


def _alternatives(*sections: str) -> str:
    words = {word for name in sections for word in _WORDS[name]}
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _paren_prior(group: str) -> str:
    """A prior target in parentheses beside the new one: "auf 68 (zuvor 74) Euro", "auf 620
    (560) Franken", "52 Euro (zuvor 38 Euro)"."""
    return (
        rf"(?:\s?\((?:zuvor|vorher|bisher|bislang|alt)?:?\s?(?P<{group}>{NUMBER})"
        rf"(?:\s*{CURRENCY_AFTER})?\))?"
    )


_AMOUNT = (
    rf"(?P<target>{NUMBER}){_paren_prior('prior_in')}\s*(?P<cur>{CURRENCY_AFTER})"
    rf"{_paren_prior('prior_after')}"
)
# "KZ" is the papers' short form of "Kursziel"; "Kursziele" stands before several companies.
_TARGET_WORD = (
    r"(?:(?:das|den|die)\s)?(?:(?:Kurs|Bewertungs)?[Zz]iele?|KZ|[Ff]airen\sWert|[Ff]airer\sWert)"
)
_TARGET_UP = frozenset(_WORDS["target_up"])
_TARGET_DOWN = frozenset(_WORDS["target_down"])
# how the target moved, after its figures ("von 110 auf 85 Euro gesenkt") or before them
# ("Kursziel für X steigt auf 25 Euro")
_MOVED = rf"(?:\s(?P<moved>{_alternatives('target_up', 'target_down', 'target_kept')}))?"
_MOVING = r"(?:\s(?P<moving>steigt|klettert|sinkt|fällt))?"
# what may follow the company and its numbers; a sentence's full stop ends it too
_AFTER = r"(?P<after>(?:\s+[-–]|[-–]\s|\s*[;,:]|\s+und\s|\.?\s*$).*)"
# how much a target moved, before or after its number: "hebt Ziel für X deutlich auf 35 Euro"
_DEGREE = (
    r"(?:\s(?:deutlich|kräftig|leicht|erneut|spürbar|moderat|massiv|drastisch|etwas|nochmals))?"
)
_TARGET_FIRST_RE = re.compile(
    rf"^{_TARGET_WORD}\s(?:für|von|bei)\s(?P<company>.+?){_DEGREE}{_MOVING}"
    rf"(?:\s(?:von\s(?P<prior>{NUMBER})(?:\s*{CURRENCY_AFTER})?\s)?(?:auf\s)?{_AMOUNT})?"
    rf"(?:\san)?{_DEGREE}{_MOVED}{_AFTER}$"
)
# The same without the company, which the headline's topic gives ("Cewe: Hauck Aufhäuser Lampe
# hebt KZ auf 150 Euro").
_TOPIC_TARGET_RE = re.compile(
    rf"^{_TARGET_WORD}{_DEGREE}"
    rf"(?:\s(?:von\s(?P<prior>{NUMBER})(?:\s*{CURRENCY_AFTER})?\s)?auf\s{_AMOUNT})?"
    rf"(?:\san)?{_DEGREE}{_AFTER}$"
)
# The figures alone, the target noun left out too ("CTS Eventim: Hauck Aufhäuser Lampe erhöht
# auf 125 Euro"): an amount in a currency, so never a rating ("hebt auf 'Buy'").
_TOPIC_AMOUNT_RE = re.compile(
    rf"^(?:von\s(?P<prior>{NUMBER})(?:\s*{CURRENCY_AFTER})?\s)?auf\s{_AMOUNT}(?:\san)?{_AFTER}$"
)
_COMPOUND_TARGET_RE = re.compile(
    r"^(?P<company>[A-ZÄÖÜ0-9][\w.&+]*(?:-[A-ZÄÖÜ0-9][\w.&+]*)*)-(?:Kurs)?[Zz]iel"
    rf"(?:\s(?:nach|wegen|vor)\s\S+)?{_DEGREE}"
    rf"(?:\s(?:von\s(?P<prior>{NUMBER})(?:\s*{CURRENCY_AFTER})?\s)?auf\s{_AMOUNT})?"
    rf"(?:\san)?{_DEGREE}{_AFTER}$"
)
_QUOTED = r"'(?P<rating>[^']{1,60})'"
_RATING_RE = re.compile(
    r"^(?P<company>.+?)(?:\s(?:nach\sZahlen|nach\s\S+))?"
    r"(?:\svon\s'(?P<from>[^']{1,60})')?"
    rf"\sauf\s(?:(?:die\s)?Liste\s(?:der\s)?)?{_QUOTED}(?P<tail>.*)$"
)
# "startet Coverage von Ionos mit 'Buy'": the coverage noun before the company
_COVERAGE = (
    rf"(?:(?:die\s|eine\s)?(?i:{_alternatives('coverage_nouns')})\s(?:von|für|der|des|bei)\s)?"
)
_INIT_RE = re.compile(
    rf"^{_COVERAGE}(?P<company>.+?)(?P<before>\swieder)?\smit\s{_QUOTED}"
    rf"(?P<with_target>\sund\s(?:einem\s)?{_TARGET_WORD}\s(?:von\s)?{NUMBER}\s*{CURRENCY_AFTER})?"
    r"(?P<again>\swieder\sauf|\sin\s(?:die\s)?Bewertung\sauf|\sauf)?(?P<tail>.*)$"
)
# "streicht Kaufempfehlung für Puma": a buy dropped is a downgrade, a sell dropped an upgrade
_DROPPED_RE = re.compile(
    r"^(?:(?:die|das|ihre|ihr|seine|sein)\s)?(?P<noun>Kauf|Verkaufs)(?:empfehlung|votum)"
    r"\s(?:für|von|zu|bei)\s(?P<company>.+?)(?P<tail>(?:\s*[-–;,]|\s+und\s).*)?$"
)
# "empfiehlt Siemens Energy zum Kauf": the recommendation, in words, is the rating
_RECOMMENDS_RE = re.compile(
    r"^(?P<company>.+?)\s(?:weiter(?:hin)?\s|weiter\s)?(?:zum|zur)\s"
    r"(?P<rating>Kauf|Verkauf|Halten|Kaufen|Verkaufen)\b(?P<tail>.*)$"
)
# a figure after a name is no part of it ("bei Puma 40 Prozent Potenzial")
_NAMES = r"[A-ZÄÖÜ0-9][\w.&+'-]*(?:\s(?!\d[\d.,]*\s)[A-ZÄÖÜ0-9][\w.&+'-]*){0,3}"
# "sieht X nur noch/jetzt bei ...": words of time before what the broker sees
_NOW = r"nur\snoch|jetzt|nun|weiter|weiterhin"
# "sieht für Puma nur noch 25 Euro": a target stated for the company after "für"
_SEES_FOR_RE = re.compile(
    rf"^für\s(?P<company>{_NAMES})\s(?:(?:{_NOW}|noch)\s)?"
    rf"{_AMOUNT}(?P<tail>.*)$"
)
# "sieht Verbio bei 'Hold'", "sieht Rheinmetall bei 2.200 Euro": a rating or target stated
_SEES_RE = re.compile(
    rf"^(?P<company>{_NAMES})\s(?:(?:{_NOW})\s)?(?:bei|auf)\s"
    rf"(?:{_QUOTED}|{_AMOUNT})(?P<tail>.*)$"
)
# "sieht bei Siemens weiteres Potenzial - Kursziel 240 Euro": a view, what follows the dash
# may state the target and rating
_SEES_AT_RE = re.compile(
    rf"^(?:bei|für)\s(?P<company>{_NAMES})\s[^-–'.]*?(?:(?P<tail>\s[-–]\s.*)|\.(?:\s.*)?)?$"
)
# "Telekom: Warburg sieht 38 Euro": the topic's target, the company left out
_SEES_TOPIC_RE = re.compile(rf"^(?:(?:{_NOW}|noch)\s)?{_AMOUNT}(?P<tail>.*)$")
# "traut Rheinmetall 2.200 Euro zu": a target stated
_TRUSTS_RE = re.compile(
    rf"^(?P<company>.+?)\s(?:ein(?:en)?\s(?:Kurs|Wert|Kursziel)\svon\s)?{_AMOUNT}\szu\b(?P<tail>.*)$"
)
# "startet mit Kaufempfehlung": coverage started with a recommendation in words
_STARTS_ADVISING_RE = re.compile(
    r"^mit\s(?:einer\s)?(?:Kauf|Verkaufs|Halte)empfehlung(?P<tail>(?:\s*[-–,;]|\s+und\s).*|)$"
)
# "bleibt bei Kion auf 'Buy'": the rating kept; after a broker's colon, "Mercedes bleibt
# 'Underperform'"
_STAYS_AT_RE = re.compile(rf"^bei\s(?P<company>{_NAMES})\s(?:auf|bei)\s{_QUOTED}(?P<tail>.*)$")
_STAYS_RE = re.compile(rf"^(?P<company>{_NAMES})\sbleibt\s(?:(?:auf|bei)\s)?{_QUOTED}(?P<tail>.*)$")
# After a topic naming the company: "Kursziel von JPMorgan steigt auf 280 Dollar", and a
# broker's mood, "Jefferies bleibt optimistisch", "UBS wird noch skeptischer"
_TARGET_OF_BROKER_RE = re.compile(
    rf"^(?:Das\s)?(?:Kurs)?[Zz]iel\svon\s(?P<broker>{_NAMES})\s(?P<moving>steigt|klettert|sinkt|fällt)"
    rf"\sauf\s{_AMOUNT}{_AFTER}$"
)
_MOOD_RE = re.compile(
    rf"^(?:(?:Analysten|Experten)\s(?:von|der|bei)\s(?:der\s)?)?(?P<broker>{_NAMES})"
    r"\s(?:bleibt|wird|ist|zeigt\ssich|bleiben|werden|sind|zeigen\ssich)\s(?:\w+\s)?"
    rf"(?:{_alternatives('broker_moods')})\s*$"
)
_KEPT_WITH_RE = re.compile(rf"^(?P<company>.+?)\smit\s{_QUOTED}(?P<tail>.*)$")
# "bewertet X wieder mit 'Buy'", "bewertet X neu mit 'Buy'": coverage taken up, or started
_AGAIN_RE = re.compile(
    rf"^(?P<company>.+?)\s(?:wieder(?:\smit)?|neu\smit)\s*[-–]?\s*(?:{_QUOTED})?(?P<tail>.*)$"
)
_KEPT_NOUN_RE = re.compile(
    r"^(?:(?:die|das|ihre|ihr|seine|sein)\s)?(?:"
    + "|".join(noun.capitalize() for noun in RATING_NOUNS)
    + rf")\s(?:für|von|zu)\s(?P<company>.+?)(?:\s(?:mit|auf|bei)\s{_QUOTED})?"
    r"(?P<tail>(?:\s*[-–;,]|\s+und\s).*)?$"
)
# "senkt Votum für Continental (auf 'Hold')": the rating moved the verb's way
_MOVED_NOUN_RE = re.compile(
    r"^(?:(?:die|das|ihre|ihr|seine|sein)\s)?(?:"
    + "|".join(map(re.escape, _WORDS["moved_rating_nouns"]))
    + rf")\s(?:für|von|zu)\s(?P<company>.+?)(?:\sauf\s{_QUOTED})?"
    r"(?P<tail>(?:\s*[-–;,]|\s+und\s).*)?$"
)
_WITH_RE = re.compile(rf"^{_QUOTED}\sfür\s(?P<company>.+?)(?P<tail>\s*[-–,;].*)?$")
# After a topic naming the company: "Evotec: Berenberg sagt 'Buy' - Kursziel 11 Euro", "...
# bleibt bei 'Overweight'", "... senkt Rating auf 'Neutral'", "... stuft auf 'Hold' ab".
_TOPIC_RATING_RE = re.compile(
    r"^(?:(?:das|die|den|ihr|sein)\s)?(?:(?:Rating|Einstufung|Votum|Anlageurteil|Aktie|Papier|"
    r"Titel)\s)?(?:von\s'[^']{1,60}'\s)?(?P<on>auf\s|bei\s|mit\s)?"
    rf"{_QUOTED}(?:\s(?P<dir>hoch|herauf|ab|herab|herunter)\b)?(?P<tail>.*)$"
)
# A rating exclaimed after a broker's colon: "Berenberg: Kaufen! Kursziel 41 Euro für Evotec".
_EXCLAIMED_RE = re.compile(
    rf"^(?P<rating>[A-ZÄÖÜ][\w-]{{1,30}})!\s(?:{_TARGET_WORD}\s{_AMOUNT}\s)?(?:für|bei)\s"
    r"(?P<company>.+?)(?P<tail>\s*[-–,;].*)?$"
)
# "ANALYSE"-style topics: a compound naming the company ("Puma-Aktie bricht ein"), a broker
# named after a noun ("Kaufempfehlung von Jefferies").
_TOPIC_COMPOUND_RE = re.compile(
    r"^(?P<name>[A-ZÄÖÜ0-9][\w.&+]*(?:-[A-ZÄÖÜ0-9][\w.&+]*)*)-(?:Aktien?|Papiere?|Titel)\b"
)
_TOPIC_BROKER_AFTER_RE = re.compile(r"^[A-ZÄÖÜ][\w-]+\s(?:von|der|bei)\s(?P<broker>.+)$")
_INIT_LABELS = frozenset(_WORDS["init_labels"])
# the way each rubric says the target or the rating moved
_TARGET_LABELS: dict[str, TargetAction] = {
    **dict.fromkeys(_WORDS["raise_labels"], "raise"),
    **dict.fromkeys(_WORDS["lower_labels"], "lower"),
}
_RATING_LABELS: dict[str, RatingAction] = {
    **dict.fromkeys(_WORDS["up_labels"], "up"),
    **dict.fromkeys(_WORDS["down_labels"], "down"),
}
_TOPIC_LABELS = (
    frozenset(_WORDS["topic_labels"])
    | _INIT_LABELS
    | frozenset(_TARGET_LABELS)
    | frozenset(_RATING_LABELS)
)
_MAX_TOPIC = 60
_STUFT_RE = re.compile(
    r"^(?P<company>.+?)(?:\s(?:von\s'[^']{1,60}'\s)?auf\s'(?P<rating>[^']{1,60})')?"
    r"\s(?P<dir>hoch|herauf|ab|herab|zurück)\b(?P<tail>.*)$"
)

_QUOTED_RATING_RE = re.compile(r"'([^']{1,60})'")
_OTHER_QUOTES = '„“”"‚‘’'
_AS_WIRE_QUOTE = str.maketrans(dict.fromkeys(_OTHER_QUOTES, "'"))
_LABEL_NOUN_RE = re.compile(
    r"'([^']{1,60})'-(?:" + "|".join(noun.capitalize() for noun in RATING_NOUNS) + r")(?![\w-])"
)
# "stuft X ab auf 'Reduce'", "stuft X hoch: 'Buy'", "stuft X ab – 'Hold'"
_AFTER_RATING_RE = re.compile(r"(?:\sauf\s|:\s|\s[-–]\s)'(?P<rating>[^']{1,60})'")
_TAIL_TARGET_RE = re.compile(rf"(?P<conj>\bund\b|[-–;,])?\s*{_TARGET_WORD}\b(?P<rest>.*)$")
_TAIL_VERB_RE = re.compile(
    r"(?:\bund\b|[-–;,])\s*(?P<dir>erhöht|senkt|hebt|kappt|reduziert|Senkt|Hebt|Erhöht)\s"
    rf"{_TARGET_WORD}\b(?P<rest>.*)$"
)
_UP_WORDS = frozenset(("hoch", "rauf", "herauf", "hebt", "Hebt", "Erhöht", *_TARGET_UP))
_DOWN_WORDS = frozenset(("runter", "herunter", "senkt", "kappt", "Senkt", *_TARGET_DOWN))
_DIRECTION = "hoch|rauf|herauf|runter|herunter|" + _alternatives("target_up", "target_down")
_TARGET_DETAIL_RE = re.compile(
    rf"^\s*(?P<dir>{_DIRECTION})?\s*(?:(?:bleibt|weiter|unverändert|liegt)(?:\sbei)?\s*)?"
    rf"(?:von\s(?P<prior>{NUMBER})(?:\s*{CURRENCY_AFTER})?\s)?"
    rf"(?P<auf>auf\s)?(?:(?P<target>{NUMBER}){_paren_prior('prior_in')}\s*(?P<cur>{CURRENCY_AFTER})"
    rf"{_paren_prior('prior_after')})?"
    rf"\s*(?P<dir2>{_alternatives('target_up', 'target_down')})?"
)

# A company name starts with a capital or digit and runs to at most six words; a colon or
# semicolon ends a headline's phrase, never stands inside a name.
_COMPANY_SHAPE_RE = re.compile(r"^[A-ZÄÖÜ0-9][^\s:;]*(?:\s[^\s:;]+){0,5}$")
_VERB_RATING: dict[str, RatingAction] = {
    "hebt": "up",
    "senkt": "down",
    "belässt": "main",
    "belaesst": "main",
    "lässt": "main",
    "bestätigt": "main",
    "bekräftigt": "main",
    "startet": "init",
    "nimmt": "up",
    "setzt": "up",
    "erhöht": "up",
    "stuft": "none",
}
_VERB_TARGET: dict[str, TargetAction] = {
    "hebt": "raise",
    "erhöht": "raise",
    "senkt": "lower",
    "kappt": "lower",
    "reduziert": "lower",
    "streicht": "lower",
}
# verbs whose headline may name the target before the company ("hebt Ziel für X auf ...")
_TARGET_FIRST_VERBS = frozenset(("hebt", "senkt", "erhöht", "kappt", "reduziert", "bestätigt"))
_KEEPING_AFTER = _alternatives("keeping_after")
# A rating kept beside a moved target: "und bestätigt 'Buy'", "- 'Buy' bestätigt", "Einstufung
# bleibt 'Buy'", "und bleibt bei 'Sell'", "Kaufempfehlung bekräftigt" (the noun keeps a rating the
# headline does not quote).
_KEEPS_RATING_RE = re.compile(
    r"\b(?:"
    + "|".join(verb for verb, action in _VERB_RATING.items() if action == "main")
    + r")\s[^']*'"
    + rf"|'[^']{{1,60}}'\s(?:{_KEEPING_AFTER})\b"
    # "... und bleibt bei 'Sell'"
    + r"|\bbleibt\s(?:bei|auf)\s'"
    + r"|\b(?:Rating|Einstufung|Votum|Anlageurteil|"
    + "|".join(noun.capitalize() for noun in RATING_NOUNS)
    + rf")\s(?:{_KEEPING_AFTER})\b"
)


def german_analyst_events(text: str) -> list[AnalystAction]:
    if not _may_be_headline(text):
        return []
    headline = single_spaced(text)
    if not headline or len(headline) > MAX_HEADLINE:
        return []
    # The grammar reads ratings in the wire's single quotes; other sources write „Buy“ or "Buy".
    if any(map(headline.__contains__, _OTHER_QUOTES)):
        headline = headline.translate(_AS_WIRE_QUOTE)
    if "'-" in headline:
        # "bestätigt 'Buy'-Rating für X": the label joined to its noun is the label
        headline = _LABEL_NOUN_RE.sub(r"'\1'", headline)
    events = _headline_events(headline)
    cut = [
        name
        for name in _JOINED_NAMES
        if name in headline and any(name.startswith(f"{e.company} ") for e in events)
    ]
    if not cut:
        return events
    for name in cut:
        headline = headline.replace(name, name.replace(" und ", _JOINT))
    whole = _headline_events(headline)
    for event in whole:
        event.company = event.company.replace(_JOINT, " und ")
    return whole or events


# Companies whose name holds "und" ("Mensch und Maschine"): the grammar may read "und" as
# joining two names or ending the company's slot and cut the name short; the headline is then
# read again with the known name held together.
_JOINED_NAMES = tuple(name for name in COMPANIES if " und " in name)
_JOINT = "_und_"


def _headline_events(headline: str) -> list[AnalystAction]:
    prefix = _PREFIX_RE.match(headline) if headline.startswith(_PREFIX_OPENINGS) else None
    body = headline[prefix.end() :] if prefix else headline
    prefix_broker = prefix.group("prefix_broker") if prefix else None
    if prefix_broker:
        prefix_broker = broker_base(prefix_broker)
    event = _headline_event(body, prefix_broker)
    if event is not None and event.company:
        return _each_company(event, body)
    if prefix is None:
        return [each for found in _topic_events(body) for each in _each_company(found, body)]
    if event is not None:
        return []
    return commentary_events(body, prefix_broker, flash=bool(prefix.group("flash")))


_NAME_WORD = r"[A-ZÄÖÜ0-9][\w.&+'-]*"
# names coordinated after the first: "für BMW und Mercedes-Benz", "Zalando, Puma und Adidas auf"
_MORE_NAMES_RE = re.compile(
    rf"(?:,\s(?P<listed>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}}))*"
    rf"\s(?:und|sowie)\s(?P<last>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}})"
    r"(?=\s[a-zäöü]|\s*[-–,;:.]|$)"
)
_FIGURE_RE = re.compile(r"\d")
_FIGURE_FIRST_RE = re.compile(rf"{NUMBER}(?:\s|$)")
_IN_NAME_JOINT_RE = re.compile(r",\s|\s(?:und|sowie)\s(?=[A-ZÄÖÜ0-9])")
_LISTED_RE = re.compile(rf",\s({_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}})")


def _each_company(event: AnalystAction, body: str) -> list[AnalystAction]:
    """One action for each company of "hebt Kursziele für BMW und Mercedes-Benz": the event's
    company and the names coordinated right after it, which the same action takes."""
    if event.company not in COMPANY_TABLE and _IN_NAME_JOINT_RE.search(event.company):
        # the grammar read the list as one company: "hebt Zalando, Puma und Adidas auf 'Buy'"
        names = _IN_NAME_JOINT_RE.split(event.company)
        if all(_COMPANY_SHAPE_RE.match(name) for name in names) and len(names) <= 5:
            return [replace(event, company=company_base(name, "de")) for name in names]
    at = body.find(event.company)
    if at < 0:
        return [event]
    more = _MORE_NAMES_RE.match(body, at + len(event.company))
    if more is None:
        return [event]
    names = _LISTED_RE.findall(more.group(0)[: more.start("last") - more.start()])
    names.append(more.group("last"))
    companies = [company_base(name, "de") for name in names]
    if not all(companies) or event.company + " und " + names[-1] in COMPANY_TABLE:
        return [event]
    if event.target is None and _FIGURE_RE.search(body, more.end()):
        # "senkt Ziele für Bayer und BASF auf 24 bzw. 41 Euro": a figure for each company,
        # which the clause reader deals out
        return []
    return [event, *(replace(event, company=company) for company in companies)]


def _topic_events(body: str) -> list[AnalystAction]:
    """ "<Topic>: <clause>", as papers and portals write: a rubric ("Kurzanalyse: ..."), a
    broker ("Berenberg: Kaufen! Kursziel 41 Euro für Evotec") or the company ("Cewe: Hauck
    Aufhäuser Lampe hebt KZ auf 150 Euro") before the colon."""
    topic, colon, clause = body.partition(": ")
    if not colon or not clause or len(topic) > _MAX_TOPIC:
        return []
    label = topic.lower()
    if label in _TOPIC_LABELS:
        event = _headline_event(clause, None)
        if event is None or not event.company:
            return []
        if label in _INIT_LABELS and event.rating_action == "none":
            target_action = "init" if event.target_action == "set" else event.target_action
            event = replace(event, rating_action="init", target_action=target_action)
        if label in _TARGET_LABELS and event.target_action == "set":
            event = replace(event, target_action=_TARGET_LABELS[label])
        if label in _RATING_LABELS and event.rating_action == "none" and event.rating:
            event = replace(event, rating_action=_RATING_LABELS[label])
        return [event]
    broker = _topic_broker(topic)
    if broker is not None and not _brokers_act(clause):
        return _broker_topic_events(broker, clause)
    company, known = _topic_company(topic)
    if not company:
        return []
    event = _headline_event(clause, None, company)
    if event is None and known:  # a mood told of a sector ("Chemiewerte: ...") is no comment
        event = _topic_comment(clause, company)
    if event is None or not event.company:
        return []
    # an unknown topic may be a rubric: then the clause's broker must be one the table knows
    return [event] if known or event.broker in BROKER_TABLE else []


def _topic_comment(clause: str, company: str) -> AnalystAction | None:
    """A known broker's target or mood told of the topic's company, the broker not acting as a
    headline's subject: "Kursziel von JPMorgan steigt auf 280 Dollar", "Jefferies bleibt
    optimistisch"."""
    moved = _TARGET_OF_BROKER_RE.match(clause)
    if moved is not None and moved.group("broker") in BROKER_TABLE:
        target = _number(moved.group("target"))
        currency = normalise_currency(moved.group("cur"))
        tail: TargetTail = (_moved_direction(moved.group("moving")), target, None, currency)
        return _event(moved.group("broker"), company, "none", None, tail)
    mood = _MOOD_RE.match(clause)
    if mood is not None and mood.group("broker") in BROKER_TABLE:
        return _event(mood.group("broker"), company, "none", None, ("none", None, None, None))
    return None


# brokers opening a clause as its subject: "Citigroup und JPMorgan erhöhen", "Jefferies hebt"
_ACTING_VERBS = frozenset((*_VERB_WORDS, *_WORDS["plural_verbs"])) - {"mit"}
_MORE_BROKER_RE = re.compile(r"\s*(?:,|und|sowie)\s")


def _brokers_act(clause: str) -> bool:
    """Whether `clause` opens with brokers the tables know acting by a verb of their own, so
    that a bank named before the colon is the company ("Commerzbank: Citigroup und JPMorgan
    erhöhen Ziele") and not a broker commenting ("JPMorgan: Deutsche Bank macht Fortschritte")."""
    at = 0
    for start, end, _ in BROKER_TABLE.find(clause):
        if start != at:
            return False
        joined = _MORE_BROKER_RE.match(clause, end)
        if joined is not None:
            at = joined.end()
            continue
        verb = clause[end:].split(None, 1)
        return bool(verb) and verb[0] in _ACTING_VERBS
    return False


def _topic_broker(topic: str) -> str | None:
    name = broker_base(topic)
    if name not in BROKER_TABLE:
        after = _TOPIC_BROKER_AFTER_RE.match(name)
        if after is None or after.group("broker") not in BROKER_TABLE:
            return None
        name = after.group("broker")
    return None if is_non_broker(name) else name


def _topic_company(topic: str) -> tuple[str, bool]:
    """The company a topic names, and whether the tables or a "-Aktie" compound vouch for it."""
    compound = _TOPIC_COMPOUND_RE.match(topic)
    if compound is not None:
        return compound_company(compound.group("name")), True
    name = company_base(topic, "de")
    words = name.split()
    if not _COMPANY_SHAPE_RE.match(name) or len(words) > 4:
        return "", False
    if names_sector(name) or words[-1].lower().endswith(_SECTOR_TOPICS):
        return "", False  # "Autowerte: ...", "Deutsche Versicherer: ...": a sector reviewed
    if not all(word[:1].isupper() or word[:1].isdigit() for word in words):
        return "", False
    return name, name in COMPANY_TABLE


def _broker_topic_events(broker: str, clause: str) -> list[AnalystAction]:
    event = _target_first(broker, None, clause)
    if event is None:
        event = _with_rating(broker, clause) or _stays(broker, _STAYS_RE.match(clause))
    if event is None:
        exclaimed = _EXCLAIMED_RE.match(clause)
        if exclaimed is not None and exclaimed.group("rating").lower() in RATING_WORDS:
            tail = parse_tail(exclaimed.group("tail") or "", None)
            target = _number(exclaimed.group("target"))
            if target is not None:
                currency = normalise_currency(exclaimed.group("cur"))
                tail = ("set", target, _figures_prior(exclaimed), currency)
            rating = exclaimed.group("rating")
            event = _event(broker, exclaimed.group("company"), "none", rating, tail)
    if event is not None:
        return [event] if event.company else []
    events = commentary_events(clause, broker, flash=False)
    if broker in COMPANY_TABLE and all(map(_says_nothing, events)):
        # "Commerzbank: Orcel erhöht den Druck - ...": a listed bank as the news's own topic
        return []
    return events


def _says_nothing(event: AnalystAction) -> bool:
    """Whether a commentary reading holds no rating, no move and no target."""
    return event.rating is None and event.rating_action == "none" and event.target_action == "none"


def _may_be_headline(text: str) -> bool:
    """Whether the headline grammar can read anything in `text`; False only when it cannot.

    Without a prefix, the headline is its own body, and `_SUBJECT_RE` reads the verb as one of
    its first six words: the broker before it is one to five words, and no word holds white
    space. Every prefix opens the first word with one of `_PREFIX_OPENINGS`; a topic ends at a
    colon within its first `_MAX_TOPIC` characters."""
    words = text.split(None, 6)
    if not words:
        return False
    return (
        words[0].startswith(_PREFIX_OPENINGS)
        or not _VERB_WORDS.isdisjoint(words[1:6])
        or ": " in text[: _MAX_TOPIC + 2]
    )


def _headline_event(
    body: str, prefix_broker: str | None, topic: str | None = None
) -> AnalystAction | None:
    """The action of "<Broker> <verb> ..."; `topic` is the company a headline named before a
    colon, for a clause that leaves it out."""
    subject = _SUBJECT_RE.match(body)
    if subject is None:
        return None
    broker = broker_base(subject.group("broker"))
    article, _, named = broker.partition(" ")
    if named and article in DETERMINERS:
        broker = named  # "Die Commerzbank senkt das Kursziel ...": prose, the article no name
        described = _DESCRIBED_RE.match(broker)
        if described is not None and described.group("name") in BROKER_TABLE:
            broker = described.group("name")  # "Die Investmentbank Jefferies senkt ..."
        elif _DESCRIPTION_ONLY_RE.fullmatch(broker):
            return None  # "Die US-Bank hebt ...": the broker named before, for the clause reader
    if prefix_broker and broker != prefix_broker:
        return None
    if is_non_broker(broker) or not broker:
        return None
    verb = subject.group("verb")
    rest = subject.group("rest")
    if topic:
        found = _topic_clause(broker, verb, rest, topic)
        if found is not None:
            return found
    if verb == "bleibt":
        return _stays(broker, _STAYS_AT_RE.match(rest))
    if verb in ("bestätigt", "bekräftigt", "belässt"):
        found = _kept_noun(broker, rest)
        if found is not None:
            return found
    if verb in _TARGET_FIRST_VERBS:
        found = _target_first(broker, verb, rest)
        if found is not None:
            return found
    if verb in ("hebt", "senkt"):
        found = _moved_noun(broker, verb, rest)
        if found is not None:
            return found
    if verb in ("mit", "bestätigt", "bekräftigt"):
        # "bestätigt 'Neutral' für Commerzbank": a keeping verb keeps the rating
        found = _with_rating(broker, rest, "none" if verb == "mit" else "main")
        if found is not None or verb == "mit":
            return found
    if verb in ("startet", "nimmt"):
        found = _init(broker, verb, rest)
        if found is not None:
            return found
    if verb == "bewertet":
        return _again(broker, rest)
    if verb in ("streicht", "empfiehlt", "traut"):
        return _said(broker, verb, rest)
    if verb == "sieht":
        return _sees(broker, rest)
    if verb == "stuft":
        return _stuft(broker, rest)
    match = _RATING_RE.match(rest)
    if match is None and _VERB_RATING.get(verb) == "main":
        match = _KEPT_WITH_RE.match(rest)  # "bestätigt Siemens mit 'Kaufen'"
    if match is None or verb not in _VERB_RATING:
        return None
    tail = parse_tail(match.group("tail"), _VERB_TARGET.get(verb))
    return _event(broker, match.group("company"), _VERB_RATING[verb], match.group("rating"), tail)


def _target_first(
    broker: str, verb: str | None, rest: str, topic: str | None = None
) -> AnalystAction | None:
    """ "hebt Ziel für X auf 207 Euro - 'Hold'"; without a verb, as after a broker's colon,
    "Kursziel für X von 110 auf 85 Euro gesenkt"; with the topic's company, "hebt KZ auf 150
    Euro"."""
    match = _TARGET_FIRST_RE.match(rest) or _COMPOUND_TARGET_RE.match(rest)
    if match is not None and _FIGURE_FIRST_RE.match(match.group("company")):
        match = None  # "hebt Kursziel von 25 auf 30 Euro": a prior figure, not a company
    if match is None and topic:
        match = _TOPIC_TARGET_RE.match(rest)
        if match is None and verb in _VERB_TARGET:
            match = _TOPIC_AMOUNT_RE.match(rest)
    if match is None:
        return None
    if match.re is _TOPIC_TARGET_RE or match.re is _TOPIC_AMOUNT_RE:
        company = topic or ""
    else:
        company = match.group("company")
    if match.re is _COMPOUND_TARGET_RE:
        company = compound_company(company)
    target = _number(match.group("target"))
    prior = _figures_prior(match)
    direction = _VERB_TARGET.get(verb or "", "set")
    moved = _group(match, "moved") or _group(match, "moving")
    if verb is None and moved:
        direction = _moved_direction(moved)
    elif verb is None and target is not None:
        direction = _moved_by_prior(target, prior)
    rating = _trailing_rating(match.group("after"))
    # "... auf 140 Euro und bestätigt 'Buy'", "... - Kaufempfehlung bestätigt": kept
    kept = _KEEPS_RATING_RE.search(match.group("after")) is not None
    currency = normalise_currency(match.group("cur")) if target is not None else None
    return _event(
        broker, company, "main" if kept else "none", rating, (direction, target, prior, currency)
    )


def _group(match: re.Match[str], name: str) -> str | None:
    return match.group(name) if name in match.re.groupindex else None


def _figures_prior(match: re.Match[str]) -> float | None:
    """The prior target: "von 70 auf 75 Euro", "auf 75 (70) Euro", "75 Euro (zuvor 70 Euro)"."""
    for name in ("prior", "prior_in", "prior_after"):
        written = _group(match, name)
        if written:
            return _number(written)
    return None


def _moved_by_prior(target: float, prior: float | None) -> TargetAction:
    """ "auf 25 (30) Euro": a prior told says which way the target went; none, no way."""
    if prior is None or prior == target:
        return "set"
    return "raise" if target > prior else "lower"


def _moved_direction(word: str) -> TargetAction:
    if word in _TARGET_UP:
        return "raise"
    if word in _TARGET_DOWN:
        return "lower"
    return "set"


def _kept_noun(broker: str, rest: str) -> AnalystAction | None:
    """ "bestätigt Einstufung für SAP mit 'Outperform'", "bestätigt Kaufempfehlung für Nordex -
    Ziel 20 Euro": a rating noun kept, the rating quoted where the headline gives one."""
    match = _KEPT_NOUN_RE.match(rest)
    if match is None:
        return None
    tail = parse_tail(match.group("tail") or "", None)
    return _event(broker, match.group("company"), "main", match.group("rating"), tail)


def _moved_noun(broker: str, verb: str, rest: str) -> AnalystAction | None:
    """ "senkt Votum für Continental", "hebt Einstufung für Nordex auf 'Buy' und Ziel auf 24
    Euro": the rating moved the verb's way, a target after it as the rating's own would be."""
    match = _MOVED_NOUN_RE.match(rest)
    if match is None:
        return None
    tail = parse_tail(match.group("tail") or "", _VERB_TARGET.get(verb))
    return _event(broker, match.group("company"), _VERB_RATING[verb], match.group("rating"), tail)


def _init(broker: str, verb: str, rest: str) -> AnalystAction | None:
    match = _INIT_RE.match(rest)
    if match is None:
        return None
    again = match.group("again") or ""
    if verb == "nimmt" and not again.strip():
        return None
    # "nimmt X (wieder) mit 'Buy' auf": coverage taken up, as "startet" starts it
    tail = _first_target(parse_tail((match.group("with_target") or "") + match.group("tail"), None))
    return _event(broker, match.group("company"), "init", match.group("rating"), tail)


def _said(broker: str, verb: str, rest: str) -> AnalystAction | None:
    """A rating or target said in words: "streicht Kaufempfehlung für X", "empfiehlt X zum
    Kauf", "traut X 2.200 Euro zu"."""
    if verb == "streicht":
        match = _DROPPED_RE.match(rest)
        if match is None:
            return _target_first(broker, verb, rest)
        rating_action: RatingAction = "down" if match.group("noun") == "Kauf" else "up"
        tail = parse_tail(match.group("tail") or "", None)
        return _event(broker, match.group("company"), rating_action, None, tail)
    if verb == "empfiehlt":
        match = _RECOMMENDS_RE.match(rest)
        if match is None:
            return None
        tail = parse_tail(match.group("tail"), None)
        return _event(broker, match.group("company"), "none", match.group("rating"), tail)
    match = _TRUSTS_RE.match(rest)
    if match is None:
        return None
    target = _number(match.group("target"))
    currency = normalise_currency(match.group("cur"))
    tail = ("set", target, _figures_prior(match), currency)
    return _event(broker, match.group("company"), "none", None, tail)


def _sees(broker: str, rest: str) -> AnalystAction | None:
    match = _SEES_RE.match(rest) or _SEES_FOR_RE.match(rest)
    if match is not None:
        return _seen(broker, match.group("company"), match)
    match = _SEES_AT_RE.match(rest)
    if match is None:
        return None
    tail_text = match.group("tail") or ""
    tail = parse_tail(tail_text, None)
    rating = _trailing_rating(tail_text)
    if rating is None and tail[1] is None and broker not in BROKER_TABLE:
        return None  # a view with no figure or label is a house's only when the house is known
    return _event(broker, _seen_at_company(match.group("company")), "none", rating, tail)


def _seen_at_company(name: str) -> str:
    """The company of "sieht bei X <what>": where a company the tables know stands before the
    name's last word, that word is the noun the broker sees, as German capitalises it ("sieht
    bei Bayer Luft nach oben", "bei Siemens Healthineers Rückenwind")."""
    last_space = name.rfind(" ")
    if last_space < 0:
        return name
    for start, end, _ in COMPANY_TABLE.find(name):
        if start == 0 and end == last_space:
            return name[:end]
    return name


def _seen(broker: str, company: str, match: re.Match[str]) -> AnalystAction:
    """The event of a "sieht" clause whose figure or label `match` read."""
    target = _number(match.group("target"))
    tail = parse_tail(match.group("tail"), None)
    if target is not None:
        currency = normalise_currency(match.group("cur"))
        prior = _figures_prior(match)
        tail = (_moved_by_prior(target, prior), target, prior, currency)
    # a target alone after "für" has no rating group
    rating = match.groupdict().get("rating") or _trailing_rating(match.group("tail"))
    return _event(broker, company, "none", rating, tail)


def _again(broker: str, rest: str) -> AnalystAction | None:
    match = _AGAIN_RE.match(rest)
    if match is None:
        return None
    tail = _first_target(parse_tail(match.group("tail"), None))
    return _event(broker, match.group("company"), "init", match.group("rating"), tail)


def _stays(broker: str, match: re.Match[str] | None) -> AnalystAction | None:
    if match is None:
        return None
    tail = parse_tail(match.group("tail"), None)
    return _event(broker, match.group("company"), "main", match.group("rating"), tail)


def _with_rating(
    broker: str, rest: str, rating_action: RatingAction = "none"
) -> AnalystAction | None:
    match = _WITH_RE.match(rest)
    if match is None:
        return None
    tail = parse_tail(match.group("tail") or "", None)
    return _event(broker, match.group("company"), rating_action, match.group("rating"), tail)


# What a verb does to a rating it is told with and no company: "sagt 'Buy'", "bleibt bei 'Buy'".
_TOPIC_VERB_RATING: dict[str, RatingAction] = {
    **_VERB_RATING,
    "sagt": "none",
    "bleibt": "main",
}


def _topic_clause(broker: str, verb: str, rest: str, topic: str) -> AnalystAction | None:
    """A clause whose company the topic names: "hebt KZ auf 150 Euro", "senkt Rating auf
    'Neutral'", "sagt 'Buy' - Kursziel 11 Euro", "stuft auf 'Underperform' ab"."""
    if verb in _TARGET_FIRST_VERBS:
        found = _target_first(broker, verb, rest, topic)
        if found is not None:
            return found
    advised = _STARTS_ADVISING_RE.match(rest) if verb == "startet" else None
    if advised is not None:  # "startet mit Kaufempfehlung": coverage, the label told later
        return _event(broker, topic, "init", None, _first_target(parse_tail(advised["tail"], None)))
    seen = _SEES_TOPIC_RE.match(rest) if verb == "sieht" else None
    if seen is not None:
        return _seen(broker, topic, seen)
    match = _TOPIC_RATING_RE.match(rest)
    if match is None or verb not in _TOPIC_VERB_RATING:
        return None
    rating_action = _TOPIC_VERB_RATING[verb]
    direction = match.group("dir")
    if verb == "stuft":
        if direction is None:
            return None
        rating_action = "up" if direction in ("hoch", "herauf") else "down"
    elif direction is not None or (verb == "bleibt") != (match.group("on") == "bei "):
        return None  # "bleibt bei 'Buy'", but "hebt auf 'Buy'" and "sagt 'Buy'"
    if (match.group("on") == "mit ") != (rating_action == "init"):
        return None  # "startet mit 'Sell'"
    tail = parse_tail(match.group("tail"), _VERB_TARGET.get(verb))
    if rating_action == "init":
        tail = _first_target(tail)
    return _event(broker, topic, rating_action, match.group("rating"), tail)


def _stuft(broker: str, rest: str) -> AnalystAction | None:
    match = _STUFT_RE.match(rest)
    if match is None:
        return None
    direction = match.group("dir")
    rating_action: RatingAction = "up" if direction in ("hoch", "herauf") else "down"
    company = match.group("company")
    if company.split()[-1].lower() in ("aktie", "aktien", "papiere", "titel", "sektor"):
        return None
    rating, tail = match.group("rating"), match.group("tail")
    after = _AFTER_RATING_RE.match(tail) if rating is None else None
    if after is not None:  # "stuft Lufthansa ab auf 'Reduce'": the rating after the particle
        rating, tail = after.group("rating"), tail[after.end() :]
    return _event(broker, company, rating_action, rating, parse_tail(tail, None))


# What a headline says about the target: direction, target, prior target, currency.
TargetTail = tuple[TargetAction, float | None, float | None, str | None]


def _first_target(tail: TargetTail) -> TargetTail:
    """A target stated with a first rating is where the coverage starts."""
    return ("init", *tail[1:]) if tail[0] == "set" else tail


def parse_tail(tail: str, verb_direction: TargetAction | None) -> TargetTail:
    """Target clause after the rating: "- Ziel 65 Euro", "und Ziel auf 43 Euro", "- Ziel hoch"."""
    verb_match = _TAIL_VERB_RE.search(tail)
    if verb_match is not None:
        direction: TargetAction = "raise" if verb_match.group("dir") in _UP_WORDS else "lower"
        detail = _TARGET_DETAIL_RE.match(verb_match.group("rest"))
        target = _number(detail.group("target")) if detail else None
        prior = _figures_prior(detail) if detail else None
        currency = normalise_currency(detail.group("cur")) if detail and target else None
        return direction, target, prior, currency
    match = _TAIL_TARGET_RE.search(tail)
    if match is None:
        return "none", None, None, None
    detail = _TARGET_DETAIL_RE.match(match.group("rest"))
    if detail is None:
        return "none", None, None, None
    target = _number(detail.group("target"))
    prior = _figures_prior(detail)
    currency = normalise_currency(detail.group("cur")) if target is not None else None
    word = detail.group("dir") or detail.group("dir2")
    if word:
        action: TargetAction = "raise" if word in _UP_WORDS else "lower"
    elif target is None:
        return "none", None, None, None
    elif detail.group("auf") and match.group("conj") == "und" and verb_direction:
        action = verb_direction
    else:
        action = _moved_by_prior(target, prior)
    return action, target, prior, currency


def _trailing_rating(after: str | None) -> str | None:
    if not after:
        return None
    quoted = _QUOTED_RATING_RE.search(after)
    if quoted:
        return quoted.group(1).strip(" -")
    bare = after.strip(" -–;,:")
    if bare.lower() in RATING_WORDS:
        return bare
    return None


def _number(text: str | None) -> float | None:
    return parse_number(text, "de") if text else None


def _event(
    broker: str, raw_company: str, rating_action: RatingAction, rating: str | None, tail: TargetTail
) -> AnalystAction:
    target_action, target, prior, currency = tail
    company = company_base(raw_company, "de")
    if not _COMPANY_SHAPE_RE.match(company) or company.isdigit():
        company = ""  # a figure ("sieht für 2026 ...") names no company
    if rating is not None:
        rating = rating.strip(" -–") or None
    if target is None and target_action in ("set", "init"):
        target_action = "none"
    return AnalystAction(
        broker=broker,
        company=company,
        rating_action=rating_action,
        rating=rating,
        target_action=target_action,
        target=target,
        prior_target=prior,
        currency=currency,
    )
