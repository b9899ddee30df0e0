"""Analyst actions in article sentences that hold several brokers or leave the company out.

"JPMorgan hob das Kursziel von 60 auf 72 Euro an, die UBS dagegen senkte es auf 52 Euro",
"Deutsche Bank und Barclays senkten ihre Ziele auf 28 beziehungsweise 30 Euro", "Mizuho raised
its target to $220 from $200, Bernstein to $210 from $190". Each broker opens a segment that runs
to the next broker; a segment without a verb or numbers of its own takes them from the clause
it continues (the one before it, or the one it is joined to by "und"/"and"). A segment names
its company, or the sentence names exactly one, or the document's subject stands in for "die
Aktie", "the stock" or no company at all; otherwise it yields nothing.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKER_TABLE
from .data_files import data_lines, word_sections
from .names import company_as_written, company_base, single_spaced
from .numbers import CURRENCY_AFTER, CURRENCY_BEFORE, NUMBER, normalise_currency, parse_number
from .scan import WordScan, words_scan
from .sentences import spaced_out
from .slots_de import TARGET_SLOT_RE, KnownNames, acted_before, company_slots

Mention = tuple[int, int, str]

_PARENS_RE = re.compile(r"\([^()]*\)")
# A number opens only where no digit or separator stands before it: started inside a long run
# of digits and dots, each start would read to the run's end and back, quadratic in its length.
_AMOUNT_RE = re.compile(
    rf"(?:(?P<cb>{CURRENCY_BEFORE})\s?(?P<n1>{NUMBER})|"
    rf"(?<![\d.,'])(?P<n2>{NUMBER})\s?(?P<ca>{CURRENCY_AFTER}))"
    r"(?![\w%])"
)
# The German words for "respectively" ("respektive" is the Swiss and Austrian one)
RESPECTIVELY_DE = r"beziehungsweise|bzw\.|respektive|resp\."
# "auf 28 beziehungsweise 30 Euro": the first number takes the currency of the second
_BARE_LIST_RE = re.compile(
    rf"(?<![\d.,'])(?P<n>{NUMBER})\s(?:{RESPECTIVELY_DE}|und|and|or|oder)\s(?={CURRENCY_BEFORE}?\s?{NUMBER})"
)
# "auf 200, 210 und 195 Dollar": each number before the last takes the last one's currency
_LISTED_DE_RE = re.compile(
    rf"(?<![\d.,'])(?P<list>{NUMBER}(?:,\s{NUMBER})+)\s(?:und|{RESPECTIVELY_DE}|sowie)\s"
    rf"{NUMBER}\s?(?P<ca>{CURRENCY_AFTER})(?![\w%])"
)
_PRIOR_DE_RE = re.compile(
    rf"\bvon\s(?:(?:zuvor|bisher|vorher)\s)?(?P<n>{NUMBER})\s(?:{CURRENCY_AFTER}\s)?auf\s"
)
_QUOTED_RE = re.compile(r"[\"„“']([^\"„“”']{1,40})[\"“”']")
_JOIN_RE = re.compile(
    r"^[\s,]*(?:(?:und|sowie|als auch|and|as well as|both)\b[\s,]*)?(?:(?:die|der|das|the)\s)?"
    r"(?:(?:Analysten|Experten|Kollegen|analysts)\s(?:von|der|des|at|from)\s(?:der\s|des\s)?)?$"
)
_NAMED_SLOT_RE = re.compile(r"\b(?P<prep>für|bei|on|for)\s(?P<word>[A-ZÄÖÜ][\w&.-]*)")
# Endings of a German noun in the plural after "bei" with no article ("bei Klebstoffen", "bei
# Versicherern"): a common noun, not a company's name.
_PLURAL_AFTER_BEI = ("en", "ern")
# The rating a verb moves to: "auf" and a quoted word ("senkte das Votum auf "Neutral"").
_RATED_TO_RE = re.compile(r"\bauf\s[\"„“']([^\W\d][^\"„“”']{0,39})[\"“”']")
_FIRM_WORDS_RE = re.compile(
    r"(?:\s(?:Partners|Group|Securities|Capital\sMarkets|Advisors|Advisory\sGroup|Bank|Privatbank))+(?![\w-])"
)
# Endings of German common nouns, which a company's name in a slot does not have
# ("Ziel für Kosteneinsparungen")
_NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "nis", "nisse")
_COMPANY_JOIN_RE = re.compile(r"\s(?:und|sowie|and)\s|,\s")
# "für BMW auf 85 Euro, für Mercedes-Benz auf 70 Euro und für Volkswagen ...": each company
# with its own figure, the next one joined after it
_FIGURED_JOIN_RE = re.compile(
    rf"\s(?:auf|bei)\s{NUMBER}\s?(?:{CURRENCY_AFTER})?(?:,\s|\s(?:und|sowie)\s)"
    r"(?:(?:für|bei)\s)?(?:(?:die|den|das|der)\s)?"
)
_PERCENT_BEFORE_RE = re.compile(r"(?:Prozent|%|percent)\s+(?:auf|to)\s$")
# How far before an amount a share's price told may begin, and what may stand between its verb
# and the amount: a few words of the same clause, then the amount's preposition, if any.
_PRICE_QUOTE_REACH = 80
_PRICE_QUOTE_END_RE = re.compile(r"(?:[^,;:]{0,30}?\s)?(?:(?:to|at|auf|bei)\s)?")
# "auf 95 (90) Euro", "bei 210 (zuvor 240) Euro", "auf 92 Euro (alt: 80 Euro)": the target
# before the change in parentheses, or after "statt" ("bei 60 statt 50 Euro")
_PRIOR_BESIDE_RE = re.compile(
    rf"(?<![\d.,'])(?P<n>{NUMBER})\s\((?:(?:zuvor|bisher|vorher|alt):?\s)?(?P<p>{NUMBER})"
    rf"(?:\s?{CURRENCY_AFTER})?\)\s?(?P<ca>{CURRENCY_AFTER})(?![\w%])"
    rf"|(?<![\d.,'])(?P<n2>{NUMBER})\s?(?P<ca2>{CURRENCY_AFTER})\s\((?:zuvor|bisher|vorher|alt):?"
    rf"\s(?P<p2>{NUMBER})(?:\s?{CURRENCY_AFTER})?\)"
    # "bei 60 statt 50 Euro", "auf 60 nach zuvor 50 Euro", "bei 38 statt zuvor 27 Euro"
    rf"|(?<![\d.,'])(?P<n3>{NUMBER})\s(?:(?:statt|anstatt|nach)\s(?:zuvor|bisher)|statt|anstatt)"
    rf"\s(?P<p3>{NUMBER})"
    rf"\s?(?P<ca3>{CURRENCY_AFTER})(?![\w%])"
)


# How many words a gap in a phrase may hold: " ... " up to eight, " .. " up to three, " . " one.
_GAPS = {"...": 8, "..": 3, ".": 1}


# A quoted label: its words may be joined by a space or a hyphen ("Equal-weight", "Sector
# Perform"), where a word's rest is one word
_QUOTED_LABEL = r"[^\"„“”'«»]{1,40}?"


def _choice_pattern(choice: str) -> str:
    """One alternative of a phrase's word: "*" the rest of a word, or inside quote marks
    ('"*"') a label."""
    if len(choice) == 3 and choice[1] == "*" and not choice[0].isalnum():
        return re.escape(choice[0]) + _QUOTED_LABEL + re.escape(choice[2])
    return re.escape(choice).replace(r"\*", r"\w*")


def _phrase_pattern(phrase: str) -> str:
    """One phrase as a pattern: "*" stands for the rest of a word, "|" parts a word's
    alternatives, a gap stands for words between."""
    parts = []
    for word in phrase.split(" "):
        if word in _GAPS:
            parts.append(rf"(?:\S+\s){{0,{_GAPS[word]}}}?")
        else:
            choices = map(_choice_pattern, word.split("|"))
            parts.append(f"(?:{'|'.join(choices)})" + r"\s")
    return "".join(parts)[: -len(r"\s")]


def phrases(section: str) -> str:
    """A section's phrases as alternatives of a pattern, the longest first."""
    return "|".join(
        _phrase_pattern(word) for word in sorted(_WORDS[section], key=len, reverse=True)
    )


def _section_pattern(section: str) -> re.Pattern[str]:
    """A section's phrases as one pattern, matched at word boundaries."""
    return re.compile(rf"(?<![\w-])(?:{phrases(section)})(?![\w-])", re.IGNORECASE)


def _composed(words: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The word lists with the phrases built from two classes: a keeping verb and a rating
    noun keep the rating ("bestätigte ihre Kaufempfehlung", "ihre Kaufempfehlung bekräftigt",
    "die Einstufung bleibt"); a target noun and a verb of rising or falling move the target
    ("das Kursziel sank")."""
    nouns = "|".join(noun + "*" for noun in words["rating_nouns"])
    verbs = "|".join(words["keep_verbs"])
    # "|" parts the alternatives of one word: a phrase after a noun stands on its own
    targets = "|".join(noun for noun in words["target_nouns"] if " " not in noun)
    kept = (
        f"{verbs} .. {nouns}",
        f"{nouns} .. {verbs}",
        f"{nouns} . {'|'.join(words['passive_auxiliaries'])} {verbs}",
        *(f"{nouns} . {after}" for after in words["keep_after_noun"]),
    )
    return {
        **words,
        "kept_rating": kept,
        "target_moves_up": (f"{targets} .. {'|'.join(words['target_rises'])}",),
        "target_moves_down": (f"{targets} .. {'|'.join(words['target_falls'])}",),
    }


# Built once at import: a sentence is read in a few µs, a table in a few ms.
_WORDS = _composed(word_sections("clause_words.txt"))
_PATTERNS = {section: _section_pattern(section) for section in _WORDS}
_ACTIONS: tuple[RatingAction, ...] = ("init", "up", "down", "main")
RATING_NOUNS = _WORDS["rating_nouns"]
_RISES, _FALLS = _WORDS["target_rises"], _WORDS["target_falls"]
SALUTATIONS = _WORDS["salutations"]
RUBRIC_WORDS = _WORDS["rubric_words"]
TITLE_OPENINGS = _WORDS["title_openings"]
DETERMINERS = frozenset(word.capitalize() for word in _WORDS["determiners"])
POINTING_WORDS_EN = frozenset(word.capitalize() for word in _WORDS["pointing_words_en"])
# the same as a pattern, for names that must not open with one ("The shares", "It has")
POINTING_EN = "(?:" + "|".join(sorted(POINTING_WORDS_EN)) + ")"
# A keeping verb with a rating noun is read before one alone, which may keep a target instead.
_READ_ACTIONS = ("init", "up", "down", "kept_rating", "main")
_TRIGGER_SECTIONS = (
    "target_nouns",
    "pronoun_triggers",
    "rating_nouns",
    "advising_verbs",
    "advising_participles",
    "rating_with_verbs",
    *_ACTIONS,
    "kept_rating",
)


def _trigger_words(phrase: str) -> tuple[str, ...]:
    """The words (up to a "*") of which one stands wherever the phrase does: those of its
    word whose shortest alternative is longest."""
    words = [
        tuple(choice.split("*")[0] for choice in word.split("|"))
        for word in phrase.split(" ")
        if word not in _GAPS
    ]
    return max(words, key=lambda choices: min(map(len, choices)))


# The first words of the rating actions' phrases (up to a "*").
_ACTION_HEADS: WordScan[str] = words_scan(
    {
        choice.split("*")[0]
        for section in _READ_ACTIONS
        for phrase in _WORDS[section]
        for choice in phrase.split(" ")[0].split("|")
    }
)
# For each target noun and rating action, its trigger words: one of them stands in every
# sentence the reader can read, and all are found in one pass before any pattern is tried.
TRIGGERS: WordScan[str] = words_scan(
    {
        trigger
        for section in _TRIGGER_SECTIONS
        for word in _WORDS[section]
        for trigger in _trigger_words(word)
    }
)


def _pattern(section: str) -> re.Pattern[str]:
    return _PATTERNS[section]


# A time long past opening a sentence ("Vor drei Jahren", "Two years ago"): see past.py.
PAST_OPENING_RE = _pattern("past_openings")
# "expects Nestle to": a broker foreseeing what a company it names will do (see _read)
_FORESEEING_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_WORDS['foreseeing_verbs_en'])})\s"
    r"[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3}\sto\s"
)
# A time that dates a "since" clause to some time ago: see past.py.
SINCE_DATE_RE = _pattern("since_dates")
MONTHS_EN = _WORDS["months_en"]


@dataclass(slots=True)
class _Segment:
    broker: str
    start: int
    end: int
    direction: str | None = None  # "raise" / "lower", from a target verb
    rating_action: RatingAction = "none"
    ratings: list[str] = field(default_factory=list)
    targets: list[tuple[float, str | None]] = field(default_factory=list)
    places: list[int] = field(default_factory=list)  # where each target stands in the text
    priors: list[float] = field(default_factory=list)
    company: str | None = None
    named_elsewhere: bool = False
    target_kept: bool = False  # "beließ das ihre bei 100 Euro": the keeping verb is the target's
    listed: list[str] = field(default_factory=list)  # "für RWE und Eon": companies listed
    named: str | None = None  # a company no table knows, named in the clause's object slot
    # opened by a subordinator ("während", "while"): the clause has a verb of its own
    subordinate: bool = False
    # a later clause in the pluperfect ("..., für Adidas hatte sie es bereits im Mai auf 200
    # Euro gekappt"): an action before the one reported
    earlier: bool = False
    # "UBS expects Nestle to cut its margin target": what the broker foresees a company doing
    foreseen: bool = False

    @property
    def empty(self) -> bool:
        return (
            self.direction is None
            and self.rating_action == "none"
            and not self.targets
            and not self.ratings
        )


def clause_events(
    sentence: str, lang: str, subject_of: Callable[[], str | None]
) -> list[AnalystAction]:
    """The analyst actions of one sentence, one per broker (see the module's text);
    `subject_of` tells the document's subject, asked only when a segment needs it."""
    sentence = single_spaced(sentence)
    if len(sentence) > 1000 or not may_hold_action(sentence, sentence.lower()):
        return []
    masked = _PARENS_RE.sub(spaced_out, sentence)
    known = KnownNames(masked)
    acted_on = [
        b
        for b in known.brokers()
        if named_as_object(sentence, b[0])
        or _STOCK_AFTER_RE.match(sentence, b[1])
        or (lang == "de" and object_after_broker(masked, b[0], known.brokers()))
    ]
    brokers = sorted(
        b for b in known.brokers() if b not in acted_on and not acted_before(sentence, b[0])
    )
    # a bank acted on is the company, named as written ("UBS" + " Group")
    acted_on = [
        (start, end + len(name) - len(raw), name)
        for start, end, raw in acted_on
        for name in (_as_written(sentence, end, raw),)
    ]
    if not brokers:
        return []
    companies: list[Mention] = []
    # of names starting at one place, the longest ("UBS Group" over "UBS")
    named = [
        (start, end + len(name) - len(raw), name)
        for start, end, raw in known.companies()
        for name in (company_as_written(sentence, end, raw),)
    ]
    for c in sorted([*named, *acted_on], key=lambda m: (m[0], -m[1])):
        if any(b[0] <= c[0] < b[1] for b in brokers) or any(o[0] <= c[0] < o[1] for o in companies):
            continue
        if acted_before(sentence, c[0]):
            continue  # the broker that acted before, neither acting now nor acted on
        if not _DESCRIPTOR_AFTER_RE.match(sentence, c[1]):
            companies.append(c)
    company_names = list(dict.fromkeys(n for c in companies if (n := company_base(c[2], lang))))
    segments = _segments(sentence, brokers)
    if lang == "de":
        for segment in segments:  # "der Deutschen Bank" -> "Deutsche Bank"
            segment.broker = company_base(segment.broker, lang) or segment.broker
    prefix = sentence[: segments[0].start]
    direction = _direction(prefix)
    if direction is None and lang == "de" and _TARGET_OF_RE.search(prefix) is not None:
        direction = _owned_target_moved(sentence[segments[0].start :])
    if " " in sentence:
        segments = [part for segment in segments for part in _clauses(sentence, segment, companies)]
    for segment in segments:
        _read(sentence, segment, lang)
    if lang == "de" and prefix.strip() and "," not in prefix:
        _read_inverted(sentence, prefix, brokers[0], segments[0])
    elif lang == "de" and len(segments) == 1 and _REPORTED_BY_RE.search(prefix):
        _read_reported(sentence, segments[0])
    _share_joined(sentence, segments)
    if lang == "de":
        _share_currency(sentence, segments)
        _share_final_verb(sentence, segments)
        _share_rating_verb(sentence, segments)
    for segment in segments:
        if (
            segment.direction is None
            and segment.targets
            and not segment.target_kept
            and not (segment.rating_action == "main" and segment.ratings)
            and not segment.subordinate
        ):
            # elided verb: the clause before it gives it, unless the segment keeps a rating
            # by a verb of its own ("..., Jefferies beließ es bei "Hold" und 190 Euro") or is
            # a subordinate clause, which always has one ("während Oracle bei 180 Dollar fair
            # bewertet sei")
            segment.direction = direction
        direction = segment.direction or direction
        inside = [c for c in companies if segment.start <= c[0] < segment.end]
        if segment is segments[0]:
            inside = [c for c in companies if c[0] < segment.end] or inside
        if inside:
            segment.company = company_base(inside[0][2], lang) or None
            segment.listed = _listed_companies(sentence, inside, lang)
        elif segment.named is not None:
            segment.company = segment.named
        elif len(company_names) == 1:
            segment.company = company_names[0]
        elif company_names:
            continue
        elif (
            (subject := subject_of())
            and not _names_other(sentence, segment, subject)
            and not (lang == "de" and names_sector(sentence[segment.start : segment.end]))
        ):
            segment.company = subject
        elif subject is None and lang == "de" and segment.targets and "für " in masked:
            # "den fairen Wert für Norma von 22 auf 19 Euro": in a document with no subject, a
            # company no table knows in the slot of a target the segment states
            slots = company_slots(masked[segment.start : segment.end], [], TARGET_SLOT_RE)
            if len(slots) == 1 and not slots[0][2].endswith(_NOUN_ENDINGS):
                segment.company = company_base(slots[0][2], lang) or None
        elif subject is None and lang == "de" and segment.rating_action == "init":
            # "haben die Coverage von Pfisterer aufgenommen": in a document with no subject, a
            # company no table knows in the slot of the coverage started
            # (brokers joined by "und" share the slot named after the last of them)
            covered = _COVERAGE_SLOT_RE.search(masked, segment.start)
            if covered is not None and not covered.group("name").endswith(_NOUN_ENDINGS):
                segment.company = company_base(covered.group("name"), lang) or None
    return [
        event
        for segment in segments
        if not segment.earlier and not segment.foreseen
        for event in _events(segment)
    ]


# A clause of a broker and advice in words alone, its verb left out: ", Berenberg zum Verkauf".
_GAPPED_ADVICE_RE = re.compile(
    r"^,?\s*(?:[\w.&'-]+\s){1,5}?zum\s(" + "|".join(_WORDS["advised_ratings"]) + r")\s*[.;]?\s*$"
)
# A clause of a broker and a label "mit" which the verb before rates, left out, perhaps a target
# after it (", Baader mit "Add" und 125 Euro")
_GAPPED_RATED_WITH_RE = re.compile(
    r"^,?\s*(?:[\w.&'-]+\s){1,5}?mit\s[\"„“']([^\W\d][^\"„“”']{0,39})[\"“”']"
)
# A clause of a broker and a label alone, its verb left out: ", die Deutsche Bank bei "Hold"",
# ", Warburg die Einstufung "Buy"" (the label after the rating noun the verb before took).
_GAPPED_RATING_RE = re.compile(
    r"^,?\s*(?:[\w.&'-]+\s){1,5}?"
    r"(?:bei|auf|mit|(?:die|das|den|ihr|ihre|ihren|sein|seine|seinen)\s"
    rf"(?:{'|'.join(map(re.escape, RATING_NOUNS))}))"
    r"\s[\"„“']([^\W\d][^\"„“”']{0,39})[\"“”']"
    r"\s*[.;]?\s*$",
    re.IGNORECASE,
)


def _share_rating_verb(sentence: str, segments: list[_Segment]) -> None:
    """ "Barclays bleibt bei "Equal Weight", die Deutsche Bank bei "Hold"": a clause naming only
    its broker and a label takes the rating verb of the clause before."""
    for before, after in itertools.pairwise(segments):
        if before.rating_action == "none" and before.ratings and not after.ratings:
            clause = sentence[after.start : after.end]
            # "Jefferies rät zum Kauf, Berenberg zum Verkauf": advice in words, its verb left
            # out; "Warburg stuft sie mit "Buy" und 130 Euro ein, Baader mit "Add" und 125
            # Euro": the label "mit" which the clause before rates
            gapped = (_GAPPED_ADVICE_RE.match(clause) if after.empty else None) or (
                _GAPPED_RATED_WITH_RE.match(clause) if after.direction is None else None
            )
            if gapped is not None:
                after.ratings = [gapped.group(1)]
            continue
        if before.rating_action == "none" or not before.ratings:
            continue
        # the label alone may have been read as the clause's rating, with no action of its own
        if not (after.empty or _rating_alone(after)):
            continue
        gapped = _GAPPED_RATING_RE.match(sentence[after.start : after.end])
        if gapped is not None:
            after.rating_action = before.rating_action
            after.ratings = [gapped.group(1)]


def _rating_alone(segment: _Segment) -> bool:
    return (
        segment.rating_action == "none"
        and segment.direction is None
        and not segment.targets
        and len(segment.ratings) == 1
    )


def _listed_companies(sentence: str, inside: list[Mention], lang: str) -> list[str]:
    """The companies a segment names as a list ("Ziele für RWE und Eon"): two or more names
    with only "und", "sowie" or a comma between them; none otherwise."""
    if len(inside) < 2:
        return []
    gaps = [sentence[before[1] : after[0]] for before, after in itertools.pairwise(inside)]
    if not all(map(_COMPANY_JOIN_RE.fullmatch, gaps)) and not (
        lang == "de" and all(map(_FIGURED_JOIN_RE.fullmatch, gaps))
    ):
        return []
    names = [company_base(raw, lang) for _, _, raw in inside]
    return names if all(names) and len(set(names)) == len(names) else []


def _events(segment: _Segment) -> list[AnalystAction]:
    """A segment's event, or one for each company it lists when it gives as many targets or
    ratings, dealt in order ("hebt Ziele für RWE und Eon auf 40 bzw. 15 Euro")."""
    count = len(segment.listed)
    # "senkte die Ziele für BASF und Covestro": with no figures, each company the same action
    unfigured = not segment.targets and not segment.ratings
    if count and (unfigured or count in (len(segment.targets), len(segment.ratings))):
        events = []
        for place, company in enumerate(segment.listed):
            one = dataclasses.replace(
                segment,
                company=company,
                targets=_dealt(segment.targets, place, count),
                ratings=_dealt(segment.ratings, place, count),
                priors=[],
            )
            if event := _event(one):
                events.append(event)
        return events
    event = _event(segment)
    return [event] if event else []


def may_hold_action(sentence: str, lowered: str) -> bool:
    """Whether the reader may find an action in a sentence (`lowered` its lower-cased text):
    one of its trigger words, a target verb moving a rating ("Die Deutsche Bank hob das
    Papier auf "Buy"", "Citi cut the retailer to neutral") or a target its noun left out."""
    if TRIGGERS.find(lowered) and any(
        _pattern(name).search(sentence) for name in _TRIGGER_SECTIONS
    ):
        return True
    return moves_rating(sentence) or moves_unnamed_target(sentence)


# A German target verb right before the amount it moves to, the target noun left out where
# the sentence before names it ("Jefferies erhöhte auf 280 Euro, die UBS auf 275 Euro").
_UNNAMED_TARGET_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        re.escape(word) for name in ("raise", "lower") for word in _WORDS[name] if " " not in word
    )
    + rf")\s(?:von\s{NUMBER}\s?(?:{CURRENCY_AFTER}\s)?)?"
    + rf"auf\s{NUMBER}\s?(?:{CURRENCY_AFTER})(?![\w%])",
    re.IGNORECASE,
)


def moves_unnamed_target(sentence: str) -> bool:
    """Whether a target verb moves an amount its noun left out (see `_UNNAMED_TARGET_RE`)."""
    return "auf " in sentence and _UNNAMED_TARGET_RE.search(sentence) is not None


def moves_rating(sentence: str) -> bool:
    """Whether a target verb may move a rating: "auf" or "to" and a rating after it, or a
    rating moved between two labels."""
    if "auf " in sentence and _RATED_TO_RE.search(sentence) is not None:
        # or two labels of different ranks tell the way ("von "Buy" auf "Hold" geändert")
        return _direction(sentence) is not None or rank_direction(sentence) is not None
    if " to " in sentence and _MOVED_TO_RATING_EN_RE.search(sentence) is not None:
        return _direction(sentence) is not None
    return False


def _words_re(*sections: str) -> re.Pattern[str]:
    words = sorted((word for name in sections for word in _WORDS[name]), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


_ANAPHOR_RE = {
    "en": _words_re("broker_anaphors"),
    "de": _words_re("broker_anaphors", "broker_anaphors_de"),
}
# "Morgan-Analyst Dan Levy": a broker's short name joined to the noun
_SHARE_NOUN_RE = _words_re("share_nouns")
_SECTOR_RE = re.compile(
    r"\w(?:" + "|".join(_WORDS["sector_endings"]) + r")\b|\b(?:Branche|Sektor)\b"
)
_PRONOUN_SUBJECTS = frozenset(_WORDS["pronoun_subjects"])
_OPENING_PRONOUN_RE = re.compile(
    r"^(?:" + "|".join(word.capitalize() for word in _WORDS["pronoun_subjects"]) + r")(?=\s)"
)
_SHORT_ANALYST_RE = re.compile(r"(?<![\w-])(?P<short>[A-ZÄÖÜ][\w.&]+)-Analyst(?:in|en)?(?![\w-])")
# "Das Kursziel sank ...", "Die Einstufung bleibt ...": a sentence that goes on with the action
# of the sentence before, its broker left out.
_GOES_ON_RE = re.compile(
    # perhaps one word, or a quoted label joined to the noun ("Das "Buy"-Votum wurde ...")
    r"^(?:"
    + "|".join(_WORDS["going_on_openings"])
    + r")\s(?:\w+\s|[\"„“'][^\"„“”']{1,40}[\"“”']-)?"
    r"(?:(?:"
    + "|".join(map(re.escape, (*_WORDS["target_nouns"], *_WORDS["rating_nouns"])))
    # plurals ("Die Einstufungen blieben ..."), or any noun naming a rating it quotes ("Die
    # Bewertung "Buy" wurde bestätigt")
    + r")(?:en|e|n)?(?![\w-])|\w+\s[\"„“'][^\W\d][^\"„“”']{0,39}[\"“”'])",
    re.IGNORECASE,
)
# A teaser's telegraphic sentence, no article: the noun first, perhaps after "neu-" ("Ziel
# bleibt bei 40 Euro", "Neues Votum "Sell", Ziel 20 Euro"), or the quoted label and a
# participle ("\"Overweight\" bestätigt").
_TELEGRAPHIC_RE = re.compile(
    r"^(?:(?:Neues|Neue|Neuer|Neuen)\s)?(?:"
    + "|".join(
        re.escape(noun.capitalize())
        for noun in (*_WORDS["target_nouns"], *_WORDS["rating_nouns"])
        if noun.isalpha()
    )
    + r")(?![\w-])(?!\s+(?:des|der|von|für)\s)"
    + r"|^[\"„“'][^\W\d][^\"„“”']{0,39}[\"“”']\s(?:"
    + "|".join(_WORDS["keep_verbs"])
    + r")[.!]?$"
)
# An adverb, the verb in second place, then the noun with its article ("Demnach bleibe die
# Einstufung ...").
_GOES_ON_AFTER_ADVERB_RE = re.compile(
    r"^(?:"
    + "|".join(_WORDS["going_on_adverbs"])
    + r")\s\w+\s(?:die|das|der|den|ihr|ihre|ihren|sein|seine|seinen)\s(?:"
    + "|".join(map(re.escape, (*_WORDS["target_nouns"], *_WORDS["rating_nouns"])))
    + r")(?:en|e|n)?(?![\w-])",
    re.IGNORECASE,
)


_PRIOR_BEFORE_RE = re.compile(
    # "zuvor 28", "bisher noch bei 28"; "zuvor 50 auf 60" names the new one after "auf"
    r"(?<![\w-])(?:"
    + "|".join(map(re.escape, _WORDS["prior_before"]))
    + r")\s(?:(?!auf\s)[^\W\d]\w*\s){0,2}$",
    re.IGNORECASE,
)
_DIFFERENCE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, _WORDS["difference_before"])) + r")\s$",
    re.IGNORECASE,
)
_OBJECT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, _WORDS["object_before"])) + r")\s"
    r"(?:the\s|die\s|der\s|den\s|das\s)?$",
    re.IGNORECASE,
)
# "HSBC Holdings shares fell after the lender cut its target": a bank whose shares the sentence
# tells of is the company, whatever else its name may name
_STOCK_AFTER_RE = re.compile(r"(?:\s[A-Z][\w.&-]*){0,2}(?:'s)?\s(?:shares|stock)(?![\w-])")


# the verb in second place and an article between a broker and the bank after it
_AFTER_BROKER_VERB_RE = re.compile(
    r"\s(?:" + "|".join(_WORDS["object_after_broker_verbs"]) + r")\s(?:die\s|den\s|der\s|das\s)?$"
)


def object_after_broker(sentence: str, start: int, brokers: list[Mention]) -> bool:
    """Whether the bank named at `start` is the object of a broker named right before it and
    the verb: "ODDO BHF hat die Commerzbank auf "Outperform" hochgestuft"."""
    return any(
        end < start and _AFTER_BROKER_VERB_RE.fullmatch(sentence, end, start) is not None
        for _, end, _ in brokers
    )


def named_as_object(sentence: str, start: int) -> bool:
    """Whether the name at `start` is the object acted on, not a broker acting: after "für",
    "upgraded" or a noun for shares ("die Aktie der Commerzbank")."""
    if _OBJECT_BEFORE_RE.search(sentence, max(0, start - 20), start) is None:
        return False
    if sentence.endswith("of ", 0, start) and _ANALYST_OF_RE.search(
        sentence, max(0, start - 60), start
    ):
        return False  # "Analyst Stacy Doe of Bernstein raised ...": the analyst's house acts
    # "Für Bernstein-Analyst Adrien Rabier ist ...": the house of the analyst named after it
    return _HOUSE_OF_ANALYST_RE.match(sentence, start) is None


# The noun of an analyst, perhaps the analyst's name, then "of" before the house
_ANALYST_OF_RE = re.compile(
    r"(?<![\w-])(?:[Aa]nalysts?|[Ss]trategists?)(?:\s[A-Z][\w.'-]*){0,3}\sof\s$"
)
# A house's name glued to the noun of its analyst ("Bernstein-Analyst", "Deutsche-Bank-Experte").
_HOUSE_OF_ANALYST_RE = re.compile(
    r"[A-ZÄÖÜ][\w.&]*(?:[\s-][A-ZÄÖÜ][\w.&]*){0,2}-(?:Analyst|Expert)"
)


_ADVISED_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_WORDS["advising_verbs"]) + r")(?![\w-])(?:\s\S+){0,6}?"
    r"\szum\s(?P<rating>" + "|".join(_WORDS["advised_ratings"]) + r")(?![\w-])"
    r"|(?<![\w-])zum\s(?P<rating_first>" + "|".join(_WORDS["advised_ratings"]) + r")"
    # the participle or, in a clause of its own, the verb last ("während Y zum Kauf rät")
    r"(?:\s\S+){0,2}?\s(?:"
    + "|".join((*_WORDS["advising_participles"], *_WORDS["advising_verbs"]))
    + r")(?![\w-])",
)
# A rating in the quote marks German and English texts use, opening and closing.
_QUOTED_RATING = r"[\"„“'](?P<rating>[^\W\d][^\"„“”']{0,39})[\"“”']"
_RATING_STATED_RE = re.compile(
    # "Die Einstufung lautet "Buy"", "Das Votum lautet nun "Hold"", "Neues Votum: "Neutral""
    r"(?<![\w-])(?:" + "|".join(RATING_NOUNS) + r")\w*(?::|\s"
    r"(?:" + "|".join(_WORDS["rating_stated"]) + r")(?:\snun|\sjetzt|\sneu)?)\s" + _QUOTED_RATING,
    re.IGNORECASE,
)
_RATED_WITH_RE = re.compile(r"(?<![\w-])mit\s" + _QUOTED_RATING)
_RATING_GIVEN_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_WORDS["rating_giving"]) + r")\s(?:\S+\s){0,2}?"
    r"(?:" + "|".join(RATING_NOUNS) + r")\w*\s" + _QUOTED_RATING,
    re.IGNORECASE,
)
_COVERAGE_SLOT_RE = re.compile(
    r"\b(?:"
    + "|".join(_WORDS["coverage_nouns"])
    + r")\s(?:von|für|der|des)\s(?P<name>[A-ZÄÖÜ][\w&.-]*(?:\s[A-ZÄÖÜ][\w&.-]*){0,2})"
    r"(?=\s(?:auf|mit|aufgenommen|gestartet|begonnen|wieder)\b|[,.;]|$)"
)
# ", schrieb Analyst Max Muster von", ", so die Experten der Privatbank": a reporting clause up to
# its broker
_REPORTED_BY_RE = re.compile(
    r",\s(?:" + "|".join(_WORDS["reporting_verbs_de"]) + r")\s(?:die\s|der\s|das\s)?"
    r"(?:(?:Analyst|Analystin|Analysten|Experte|Experten|Expertin)\s"
    r"(?:[A-ZÄÖÜ][\w.-]*\s){0,3}?(?:von|der|des|bei)\s(?:der\s|des\s|dem\s)?)?"
    r"(?:[A-ZÄÖÜ][\w-]*\s)?$"
)
_DESCRIPTOR_AFTER_RE = re.compile(
    r"(?:'s)?\s(?:" + "|".join(map(re.escape, _WORDS["descriptor_nouns"])) + r")\b"
)


def refers_to_broker(sentence: str, lang: str = "en") -> bool:
    """Whether a sentence names a broker by a noun ("der Analyst", "the broker", or in German
    the broker's short name before "-Analyst": "Morgan-Analyst")."""
    if lang == "de" and _SHORT_ANALYST_RE.search(sentence):
        return True
    if lang == "de" and _opening_pronoun(sentence) is not None:
        return True
    if lang == "de" and _DEMONYM_RE.search(sentence) is not None:
        return True  # "Zugleich erhöhten die Hamburger ihr Kursziel ..."
    return _ANAPHOR_RE["de" if lang == "de" else "en"].search(sentence) is not None


_GROUP_RE = re.compile(
    r"^(?:(?:Auch|Also),?\s)?(?P<group>"
    + "|".join(
        re.escape(phrase).replace(r"\ ", r"\s")
        for phrase in sorted(_WORDS["broker_groups"], key=len, reverse=True)
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)


def _demonyms() -> dict[str, frozenset[str]]:
    """The words for where a broker is from, each with the brokers it may stand for."""
    table: dict[str, frozenset[str]] = {}
    for line in data_lines("broker_demonyms.txt"):
        word, brokers = line.split(":", 1)
        table[word.strip()] = frozenset(b.strip().casefold() for b in brokers.split(","))
    return table


_DEMONYMS = _demonyms()
_DEMONYM_RE = re.compile(
    r"(?<![\w-])(?:[Dd]ie|[Dd]en)\s(?P<word>"
    + "|".join(map(re.escape, sorted(_DEMONYMS, key=len, reverse=True)))
    # and the noun it may stand before ("die Hamburger Privatbank", "die Schweizer Analysten")
    + r")(?![\w-])(?:\s(?:[A-ZÄÖÜ][\wäöüß-]*(?:bank|haus|institut)|Analysten|Experten)(?![\w-]))?"
)


def _demonym_of(sentence: str, broker: str) -> re.Match[str] | None:
    """Where a sentence names `broker` by where it is from ("die Hamburger" for Berenberg)."""
    for found in _DEMONYM_RE.finditer(sentence):
        if broker.casefold() in _DEMONYMS[found.group("word")]:
            return found
    return None


# "Die Kursziele liegen bei 650 beziehungsweise 850 Euro": the brokers' figures dealt in turn
_DEALT_NOUNS_RE = re.compile(
    # perhaps an adjective saying they are new ("Ihre neuen Ziele")
    r"^(?:Die|Ihre)\s(?:neuen\s)?(?P<noun>(?i:"
    + "|".join(word.replace(" ", r"\s") for word in _WORDS["dealt_nouns"])
    + "))"
    # the figures in turn, or two joined by "und" after "bei" ("liegen bei 70 und 62 Euro")
    + rf"(?![\w-])(?=.*\b(?:{RESPECTIVELY_DE})|.*\bbei\s{NUMBER}\sund\s{NUMBER}\s)"
)


def with_brokers_dealt(sentence: str, brokers: list[str]) -> str | None:
    """ "Die Kursziele liegen bei 650 beziehungsweise 850 Euro" after a sentence naming two
    brokers: the sentence with them named after the noun ("Die Kursziele von A und B ..."), so
    that the clause reader deals each its figure; None where it opens otherwise."""
    found = _DEALT_NOUNS_RE.match(sentence)
    if found is None or len(brokers) < 2:
        return None
    joined = " und ".join(brokers)
    return f"{sentence[: found.end()]} von {joined}{sentence[found.end() :]}"


def with_brokers_by_origin(sentence: str, brokers: list[str], lang: str = "de") -> str | None:
    """The sentence with the brokers of the sentence before named where it names them by
    where they are from ("Die Schweizer sehen das Papier nun bei 44 Euro, die Amerikaner bei
    46 Euro" after "Die UBS und Jefferies ..."); None where a word fits no broker or several,
    or two words the same one."""
    if lang != "de" or len(brokers) < 2:
        return None
    parts: list[str] = []
    used: set[str] = set()
    last = 0
    for found in _DEMONYM_RE.finditer(sentence):
        origin = _DEMONYMS[found.group("word")]
        fitting = [broker for broker in brokers if broker.casefold() in origin]
        if len(fitting) != 1 or fitting[0] in used:
            return None
        used.add(fitting[0])
        parts.append(sentence[last : found.start()] + fitting[0])
        last = found.end()
    if not parts:
        return None
    return "".join(parts) + sentence[last:]


def at_group_clause(sentence: str) -> list[str]:
    """A sentence parted where, after a semicolon, a clause opens with a word for all the
    brokers before ("..., die DZ Bank auf 90 Euro; beide bleiben bei "Buy" beziehungsweise
    "Kaufen""): that clause is read as a sentence of its own."""
    at = sentence.find("; ")
    while at >= 0:
        rest = sentence[at + 2 :]
        if _GROUP_RE.match(rest):
            return [sentence[: at + 1], rest[:1].upper() + rest[1:]]
        at = sentence.find("; ", at + 2)
    return [sentence]


def _group_size(group: str) -> int | None:
    """How many brokers a group word counts ("beide" two, "alle drei" three), None if not said."""
    lowered = group.lower()
    if "beid" in lowered or "both" in lowered:
        return 2
    if "drei" in lowered or "three" in lowered:
        return 3
    return None


def with_broker_group(sentence: str, brokers: list[str], lang: str = "en") -> str | None:
    """The sentence with the brokers of the sentence before named where it opens with a word
    for all of them ("Beide Häuser bleiben bei ihren Voten "Hold" beziehungsweise "Neutral"",
    "Both firms kept their ratings"), so that the clause reader deals each its part; None
    where it opens otherwise or counts another number of brokers."""
    found = _GROUP_RE.match(sentence)
    if found is None or len(brokers) < 2:
        return None
    size = _group_size(found.group("group"))
    if size is not None and size != len(brokers):
        return None
    joined = (" und " if lang == "de" else " and ").join(brokers)
    return sentence[: found.start("group")] + joined + sentence[found.end("group") :]


def _opening_pronoun(sentence: str) -> re.Match[str] | None:
    """ "Sie hoben das Kursziel ... an", "Sie bleibt bei ihrer Einstufung": a pronoun opening a
    sentence that names a target or a rating is the analysts of the sentence before."""
    found = _OPENING_PRONOUN_RE.match(sentence)
    if found is None:
        return None
    if _names_target(sentence) or _names_rating(sentence) or _moves_coverage(sentence):
        return found
    return None


def _moves_coverage(sentence: str) -> bool:
    """Whether a sentence starts, moves or drops a rating by its verb ("Sie starten die
    Bewertung mit "Buy"", "Sie stuften die Aktie ab")."""
    return any(_pattern(name).search(sentence) for name in ("init", "up", "down"))


def names_sector(text: str) -> bool:
    """Whether a German text names a sector ("für die gesamte Branche", "Autowerte")."""
    return _SECTOR_RE.search(text) is not None


def refers_to_share(sentence: str) -> bool:
    """Whether a German sentence names its company by a noun for its shares ("die Aktie")."""
    return _SHARE_NOUN_RE.search(sentence) is not None


def _pluperfect_within(words: int) -> re.Pattern[str]:
    """A sentence whose auxiliary of the pluperfect stands after its first 1 to `words` words."""
    auxiliaries = "|".join(_WORDS["pluperfect_auxiliaries"])
    return re.compile(rf"^(?:\S+\s){{1,{words}}}?(?:{auxiliaries})\s")


# A main clause in the pluperfect, its auxiliary in second place after up to four words
# ("Zuvor hatte sie die Papiere mit ... bewertet", "Bereits im März hatte Jefferies ...").
_PLUPERFECT_RE = _pluperfect_within(4)
# The same after a subject of up to six words, a broker's analysts named ("Die Analysten der
# DZ Bank hatten ..."): with a time of the past, no action of today.
_PLUPERFECT_AFTER_SUBJECT_RE = _pluperfect_within(6)
# A quote opening the sentence ("„Wir sehen ...", sagte er).
_QUOTE_OPENING_RE = re.compile(r"^[\"„“][^\"„“”]*\s[^\"„“”]*[\"“”],?\s")


def dated_before(sentence: str) -> bool:
    """Whether a German sentence tells of an action some time ago: a main clause in the
    pluperfect naming a month or a season ("Zuletzt hatte Morgan Stanley im Oktober das
    Kursziel ... gesenkt", "Die Analysten der DZ Bank hatten die Aktie im Januar ...")."""
    return (
        _PLUPERFECT_AFTER_SUBJECT_RE.match(sentence) is not None
        and _pattern("past_times").search(sentence) is not None
    )


# one word and a colon, or two capitalised ones ("Ergebnis: ", "Neues Votum: ")
_LABEL_OPENING_RE = re.compile(r"[A-ZÄÖÜ]\w+(?:\s[A-ZÄÖÜ]\w+)?:\s")


def told_elsewhere(sentence: str) -> bool:
    """Whether a German sentence tells of an action before the one reported, in a main clause
    in the pluperfect, of one that may or would be taken, or quotes what someone said: a
    broker it names is no broker whose account the sentences after it go on with."""
    return (
        _PLUPERFECT_RE.match(sentence) is not None
        or _QUOTE_OPENING_RE.match(sentence) is not None
        or _pattern("hedging_verbs").search(sentence) is not None
    )


def writer_speaks(sentence: str) -> bool:
    """Whether the writers of a newsletter speak of themselves in a German sentence."""
    return _pattern("writer_words").search(sentence) is not None


def tells_of_study(sentence: str, start: int, end: int) -> bool:
    """Whether a German sentence names the study, analysts or verdict of the broker it names
    from `start` to `end` (see [account_words]): close before or after the name ("Die
    Analysten der Baader Bank", "hat die Investmentbank Stifel ihre Bewertung angepasst"),
    not anywhere ("Die Deutsche Bank hat die Erwartungen der Analysten übertroffen")."""
    before = sentence.rfind(" ", 0, max(0, start - _STUDY_REACH))
    pattern = _pattern("account_words")
    return pattern.search(sentence, before + 1, end + _STUDY_REACH) is not None


# How far before or after a broker's name the word of its study may stand, in characters.
_STUDY_REACH = 32


def _rated_with(sentence: str) -> bool:
    """Whether a German sentence gives a rating "mit" a quoted label by a verb for it."""
    return (
        _RATED_WITH_RE.search(sentence) is not None
        and _pattern("rating_with_verbs").search(sentence) is not None
    )


# "Die Aktie bleibt auf "Halten"", "Das Papier bleibt weiterhin ein "Buy"": the share keeps a
# quoted label
_SHARE_STAYS_RE = re.compile(
    r"^\S+\s\S+\s(?:bleibt|bleiben|blieb|blieben)\s(?:\w+\s)?(?:auf|bei|ein|eine)\s[\"„“'«]"
)
# "Für RWE bleibt es bei "Equal-weight"": the rating stays, the broker left out, "es" standing
# for no one
_IMPERSONAL_STAY_RE = re.compile(r"(?<![\w-])(?:bleibt|blieb)\ses\s(?:\w+\s)?bei\s[\"„“'«]")
# "Adidas wurde auf "Buy" hochgestuft", "Eon bleibt auf "Equal-weight"": a company named as
# the subject, where the share's noun would stand, in a sentence going on with a broker's
# review of several companies; the name's words capitalised, up to four
_NAME_SUBJECT = r"^[A-ZÄÖÜ][\w&.+-]*(?:\s[A-ZÄÖÜ&+][\w&.+-]*){0,3}\s"
_NAME_RATED_RE = re.compile(_NAME_SUBJECT + r"(?:wurde|wurden|wird|werden)\s")
_NAME_STAYS_RE = re.compile(
    _NAME_SUBJECT + r"(?:bleibt|bleiben|blieb|blieben)\s(?:\w+\s)?(?:auf|bei)\s[\"„“'«]"
)


def goes_on(sentence: str, lang: str) -> bool:
    """Whether a German sentence goes on with the action of the sentence before, its broker
    left out: it opens with the action's noun ("Das Kursziel sank ...")."""
    if lang != "de":
        return False
    # "Ergebnis: Das Votum "Add" bleibt bestehen": a word and a colon before the opening
    labelled = _LABEL_OPENING_RE.match(sentence)
    if _GOES_ON_RE.match(sentence[labelled.end() :] if labelled else sentence) is not None:
        return True
    if _GOES_ON_AFTER_ADVERB_RE.match(sentence) is not None:
        return True
    for dash in (" - ", " – "):
        # "Statt 30 nun 32 Euro - die Einstufung bleibt bei "Buy"": a clause after a dash
        # opening with the action's noun
        if dash in sentence and _GOES_ON_RE.match(sentence.rsplit(dash, 1)[1]) is not None:
            return True
    if _TELEGRAPHIC_RE.match(sentence) is not None:
        return True
    if " es " in sentence and _IMPERSONAL_STAY_RE.search(sentence) is not None:
        return True
    if labelled is not None and (
        _names_target(labelled.group()) or _names_rating(labelled.group())
    ):
        return True  # "Kursziel: 85 Euro", "Neues Votum: "Neutral"": the noun as the label
    if _SHARE_NOUN_RE.match(sentence) is not None and (
        _rated_with(sentence) or _SHARE_STAYS_RE.search(sentence) is not None
    ):
        # "Die Aktie wird weiterhin mit "Hold" bewertet", "Das Papier bleibt ein "Buy"": the
        # share as subject
        return True
    if _NAME_STAYS_RE.match(sentence) is not None or (
        _NAME_RATED_RE.match(sentence) is not None and _RATED_TO_RE.search(sentence) is not None
    ):
        return True
    # "Zugleich senkten sie das Kursziel ...", "An der Einstufung "Hold" halten sie fest": a
    # pronoun as the subject, early on
    opening = sentence.split(None, 8)[:8]
    return not _PRONOUN_SUBJECTS.isdisjoint(opening) and (
        _names_target(sentence)
        or _names_rating(sentence)
        or _RATED_TO_RE.search(sentence) is not None  # "stuften sie auf "Sell" ab"
        or _rated_with(sentence)  # "Beide Aktien stuft sie weiter mit "Buy" ein"
    )


# How many words a German sentence's first part and its verb in second place may hold
_FIRST_PART_WORDS = 5


def with_named_broker(sentence: str, broker: str, lang: str = "en") -> str | None:
    """The sentence with the broker named where it refers to the one broker of the sentence
    before by a noun ("Der Analyst reduzierte das Ziel ...", "nachdem die Analysten die Aktie
    abgestuft hatten"): the noun must stand before the sentence's first action word."""
    anaphor = _ANAPHOR_RE["de" if lang == "de" else "en"].search(sentence)
    if lang == "de":
        short = _SHORT_ANALYST_RE.search(sentence)
        if short is not None and broker.casefold().startswith(short.group("short").casefold()):
            anaphor = short
    if anaphor is None and lang == "de":
        anaphor = _opening_pronoun(sentence) or _demonym_of(sentence, broker)
    if anaphor is None:
        return None
    action = TRIGGERS.find(sentence.lower())
    if not action:
        return None
    # the subject after the verb in second place ("Nun hob die Bank das Papier ..."): within
    # the sentence's first words, where no object stands yet
    before = sentence[: anaphor.start()].split()
    # or a longer first part, the verb right before the subject ("In ihrer Erststudie
    # empfehlen die Analysten ...")
    verb_at = sentence.rfind(" ", 0, max(0, anaphor.start() - 1)) + 1
    inverted = lang == "de" and (
        len(before) <= 2
        or (len(before) <= _FIRST_PART_WORDS and any(start == verb_at for _, start, _ in action))
    )
    if min(start for _, start, _ in action) < anaphor.end() and not inverted:
        return None
    return sentence[: anaphor.start()] + broker + sentence[anaphor.end() :]


def _segments(sentence: str, brokers: list[Mention]) -> list[_Segment]:
    segments = []
    for index, (start, _end, raw) in enumerate(brokers):
        stop = brokers[index + 1][0] if index + 1 < len(brokers) else len(sentence)
        segments.append(_Segment(_broker_name(_as_written(sentence, _end, raw)), start, stop))
    # A verb after the last comma of a segment belongs to the broker after it ("Während A
    # das Ziel auf 30 Euro anhob, senkte B seines auf 18 Euro").
    for before, after in itertools.pairwise(segments):
        comma = sentence.rfind(",", before.start, before.end)
        if (
            comma > 0
            and not _AMOUNT_RE.search(sentence, comma, before.end)
            and _direction(sentence[comma : before.end]) is not None
        ):
            before.end = comma
            after.start = comma
    return segments


_CLAUSE_OPENING_RE = re.compile(
    r"(?:,\s(?P<sub>"
    + "|".join(_WORDS["clause_subordinators"])
    + r")\s(?:(?:sie|er|es|it|they)\s)?|(?:,|,?\s(?:"
    + "|".join(_WORDS["clause_joins"])
    + r"))\s(?=(?:für|bei|for|on)\s[A-ZÄÖÜ])|,?\s(?P<join>"
    + "|".join(_WORDS["clause_joins"])
    + r")\s(?:(?:sie|er|es|it|they)\s)?(?=\w)|,\s(?=[a-zäöü])(?P<verb_first>))"
)
# the opening of a clause for the next company, its broker and verb left out
_FOR_NEXT_COMPANY_RE = re.compile(r"(?:,|,?\s(?:und|sowie))\sfür\s")
_VERB_SECTIONS = ("raise", "lower", "up", "down", "main", "init")
_OBJECT_SLOT_RE = re.compile(
    r"(?:(?:für|bei|for|on)\s|(?P<verb>[^\W\d]+)\s)"
    r"(?P<name>[A-ZÄÖÜ][\w&.-]*(?:\s[A-ZÄÖÜ][\w&.-]*){0,2})\s(?:"
    + "|".join(_WORDS["object_slot_after"])
    + r")\b"
)


def _clauses(sentence: str, segment: _Segment, companies: list[Mention]) -> list[_Segment]:
    """A broker's segment parted into its clauses where a later clause acts on a company of
    its own ("hob RWE auf "Buy" und senkte EnBW auf "Neutral"", "raised Novo Nordisk to buy,
    while it downgraded Zealand Pharma to neutral"): each clause is then read on its own. A
    clause joined by "und"/"and" opens with a verb of action; the segment stays whole where
    not every clause names a company, or two name the same."""
    text = sentence[segment.start : segment.end]
    openings = [
        found
        for found in _CLAUSE_OPENING_RE.finditer(text)
        # a joined clause, or one after a comma with its subject left out ("..., hob es aber
        # für Holcim auf 80 Franken"), opens with a verb of action
        if not (found.group("join") or found.group("verb_first") is not None)
        or _opens_with_action(text, found.end())
    ]
    if not openings:
        return [segment]
    cuts = [found.start() for found in openings]
    subordinate = {segment.start + found.start() for found in openings if found.group("sub")}
    earlier = {
        segment.start + found.start()
        for found in openings
        if _PLUPERFECT_RE.match(text[found.end() :]) is not None
    }
    bounds = [segment.start, *(segment.start + cut for cut in cuts), segment.end]
    parts: list[_Segment] = []
    seen: set[str] = set()
    for start, end in itertools.pairwise(bounds):
        known = [c[2] for c in companies if start <= c[0] < end]
        named = None if known else _object_slot(sentence, start, end)
        if not known and named is None:
            return [segment]
        names = set(known) if named is None else {named}
        if not names.isdisjoint(seen):
            return [segment]
        seen.update(names)
        part = _Segment(segment.broker, start, end)
        part.named = named
        part.subordinate = start in subordinate
        part.earlier = start in earlier
        parts.append(part)
    return parts


def _opens_with_action(text: str, at: int) -> bool:
    """Whether the words at `at` open with a verb of a rating or target action."""
    return any(
        found.start() == at
        for name in _VERB_SECTIONS
        for found in (_pattern(name).search(text, at, min(len(text), at + 60)),)
        if found is not None
    )


def _object_slot(sentence: str, start: int, end: int) -> str | None:
    """A company no table knows, named in a clause's object slot: right after its verb or a
    "für"/"for" ("senkte EnBW auf "Neutral"", "für Lanxess dagegen gesenkt")."""
    for found in _OBJECT_SLOT_RE.finditer(sentence, start, min(end, start + 80)):
        verb = found.group("verb")
        if verb is not None and not _opens_with_action(sentence, found.start()):
            continue
        name = found.group("name")
        if name.lower() in _SLOT_NOT_NAMES or name in BROKER_TABLE:
            continue
        return name
    return None


def _as_written(sentence: str, end: int, raw: str) -> str:
    """A broker's name with the firm words the text writes after the spelling the tables know
    ("Leerink" + " Partners", "Telsey Advisory" + " Group")."""
    more = _FIRM_WORDS_RE.match(sentence, end)
    return raw + more.group() if more else raw


def _broker_name(raw: str) -> str:
    return single_spaced(raw).strip(" ,;:-")


def _price_quoted(text: str, at: int) -> bool:
    """Whether the amount at `at` closes a share's price told in its own clause."""
    window = text[max(0, at - _PRICE_QUOTE_REACH) : at]
    last = None
    for last in _pattern("price_quotes").finditer(window):  # noqa: B007 - the last one counts
        pass
    return last is not None and _PRICE_QUOTE_END_RE.fullmatch(window, last.end()) is not None


# "Das Kursziel der UBS steigt auf 80 Euro", "Die Kursziele von Jefferies und Barclays sinken":
# the target noun before its brokers, its verb after them
_TARGET_OF_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(map(re.escape, _WORDS["target_nouns"]))
    + r")\s(?:von|der|des)\s(?:der\s|den\s)?$",
    re.IGNORECASE,
)
_MOVING_WORD_RE = re.compile(r"(?<![\w-])(?P<verb>" + "|".join((*_RISES, *_FALLS)) + r")(?![\w-])")


def _owned_target_moved(text: str) -> str | None:
    """The way a verb of rising or falling moves the target its brokers own: the verb before
    the first figure, right after them ("der UBS steigt auf 80 Euro"), not one of a clause
    after it ("liegt bei 80 Euro, nachdem der Kurs fiel")."""
    figure = re.search(r"\d", text)
    moved = _MOVING_WORD_RE.search(text, 0, figure.start() if figure else len(text))
    if moved is None:
        return None
    return "raise" if moved.group("verb") in _RISES else "lower"


def _direction(text: str) -> str | None:
    raise_at = _earliest(text, "raise", "target_moves_up", _RISES)
    lower_at = _earliest(text, "lower", "target_moves_down", _FALLS)
    if raise_at is not None and (lower_at is None or raise_at < lower_at):
        return "raise"
    return "lower" if lower_at is not None else None


def _earliest(text: str, verbs: str, moves: str, move_verbs: tuple[str, ...]) -> int | None:
    """Where the first target verb stands, or the first target noun that a verb of moving
    follows ("das Kursziel sank"); those are looked for only where such a verb stands."""
    found = _pattern(verbs).search(text)
    if any(map(text.__contains__, move_verbs)):
        moved = _pattern(moves).search(text)
        if moved is not None and (found is None or moved.start() < found.start()):
            return moved.start()
    return found.start() if found is not None else None


_GLUED_RATING_RE = re.compile(r"([\"“”'][^\W\d][^\"„“”']{0,39}[\"“”'])-(?=[A-ZÄÖÜ])")
_STAY_VERBS = frozenset(_WORDS["stay_verbs"])


def _stays(before: str) -> bool:
    """Whether the word before "auf <rating>" keeps the rating where it was."""
    words = before.split()
    return bool(words) and words[-1].lower() in _STAY_VERBS


def _foresees(text: str) -> bool:
    """Whether the broker opening `text` foresees a company's action rather than acting: the
    verb follows its name ("UBS expects Nestle to cut ...", "UBS analysts said they expect"),
    not a clause of its own action ("raised its target and expects sales to recover")."""
    found = _FORESEEING_RE.search(text)
    return found is not None and _BROKER_OPENING_RE.fullmatch(text, 0, found.start()) is not None


# the broker's name and the words that may stand between it and a foreseeing verb
_BROKER_OPENING_RE = re.compile(
    r"[A-Z][\w.&'-]*(?:\s(?:[A-Z][\w.&'-]*|&|of))*"
    r"(?:\s(?:analysts?|strategists?|said|says|it|they|now|also|still))*\s"
)


def _read(sentence: str, segment: _Segment, lang: str) -> None:
    text = sentence[segment.start : segment.end]
    if lang == "en" and " to " in text and _foresees(text):
        segment.foreseen = True
        return
    if lang == "de" and "-" in text:
        # "bestätigte ihr "Buy"-Votum": the quoted rating and its noun read as two words
        text = _GLUED_RATING_RE.sub(r"\1 ", text)
    rating_spans: list[tuple[int, int]] = []
    rating_kept = False  # a rating noun kept: the keeping verb is not the target's
    names_rating = _names_rating(text)
    for name in _READ_ACTIONS:
        if name == "kept_rating" and not names_rating:
            continue
        found = _pattern(name).search(text)
        if found is not None:
            # "hält an ihrer Kaufempfehlung fest": a rating noun inside the keeping phrase
            rating_kept = name == "kept_rating" or (
                name == "main" and names_rating and _names_rating(found.group())
            )
            segment.rating_action = "main" if rating_kept else name  # type: ignore[assignment]
            rating_spans.append(found.span())
            break
    plain = text
    for start, end in rating_spans:
        plain = plain[:start] + " " * (end - start) + plain[end:]
    segment.direction = _direction(plain)
    quoted = [q.group(1) for q in _QUOTED_RE.finditer(text)]
    if lang == "de" and segment.rating_action == "none" and segment.direction is not None:
        # "hob das Papier von "Hold" auf "Buy"", "senkte das Votum auf "Neutral"": the verb
        # moves the rating; it moves the target too only where the clause names one
        moved = _RATED_TO_RE.search(text)
        if moved is not None and _stays(text[: moved.start()]):
            segment.rating_action = "main"  # "bleibt auf "Hold"": kept, the target verb aside
            quoted = [moved.group(1)]
        elif moved is not None:
            # the labels' ranks say which way, where the verb is the target's ("nahmen ihr
            # Votum von "Buy" auf "Hold" zurück, hoben das Kursziel aber ... an")
            segment.rating_action = rank_direction(text) or (
                "up" if segment.direction == "raise" else "down"
            )
            quoted = [moved.group(1)]
            if not _target_moved(text, moved.end()):
                # a target named beside the move is stated: no clause before gives it a way
                segment.target_kept = _names_target(text)
                segment.direction = None
            else:
                # the target's own verb after the rating's clause gives its way ("haben ihr
                # Votum auf "Hold" gesenkt, das Kursziel aber auf 62 Euro angehoben")
                segment.direction = _direction_after(text, moved.end()) or segment.direction
    if lang == "de" and segment.direction is None and _pattern("target_states").search(text):
        segment.target_kept = True  # "traut dem Papier 21 Euro zu": stated, not moved
    if lang == "de" and segment.rating_action == "none" and not segment.ratings:
        stated = _RATING_STATED_RE.search(text) or (
            _RATING_GIVEN_RE.search(text) if "verg" in text else None
        )
        if stated is not None:  # "Die Einstufung lautet "Buy"": the rating, no action
            segment.ratings = [stated.group("rating")]
    if lang == "de" and segment.rating_action == "none" and "zum " in text:
        advised = _ADVISED_RE.search(text)
        if advised is not None:  # "empfiehlt die Aktie zum Kauf": the rating in words
            segment.ratings = [advised.group("rating") or advised.group("rating_first")]
    if lang == "de" and segment.rating_action == "none" and "rst" in sentence:
        _read_first_study(sentence, text, segment, quoted)
    if lang == "de" and segment.rating_action == "none" and "mit " in text:
        placed = _placed_after_earlier(text)
        if placed is not None:
            segment.rating_action, quoted = placed[0], [placed[1]]
    if lang == "de" and segment.rating_action == "none" and not segment.ratings and "mit " in text:
        rated = _RATED_WITH_RE.search(text)
        if rated is not None and _pattern("rating_with_verbs").search(text):
            # "bewertet die Aktie mit "Buy"", "den Titel mit "Add" einstuft": the rating
            # given, no action
            segment.ratings = [rated.group("rating")]
    if lang == "de" and segment.rating_action == "none" and "von " in text:
        # "Die Einstufung wurde von "Outperform" auf "Market-Perform" zurückgenommen": no verb
        # that tells the way, the ranks of the two labels tell it
        ranked = rank_direction(text)
        if ranked is not None:
            segment.rating_action = ranked
    if lang == "de" and segment.rating_action != "none":
        segment.ratings = [q for q in quoted if q[:1].isalpha()]
        if len(segment.ratings) > 1 and re.search(r"\bvon\s[\"„“']", text):
            # the label moved from stands first, unless the new one is told before it
            # ("auf "Neutral" von "Sell" hochgestuft", as Reuters writes it)
            to_from = _RATING_TO_FROM_RE.search(text)
            segment.ratings = [to_from.group(1)] if to_from else segment.ratings[1:]
    elif segment.rating_action != "none":
        segment.ratings = _english_ratings(text)
    elif lang == "en" and " rat" in text:
        # "Morgan Stanley, which rates Tesla 'equal-weight', cut ...": a rating it stands by
        from .targets_en import given_rating  # the English grammar's words build on this module

        standing = given_rating(text)
        if standing is not None:
            segment.ratings = [standing]
    decimal: Literal["de", "en"] = "de" if lang == "de" else "en"
    if lang == "de" and ("(" in text or "statt " in text or "nach " in text):
        text = _with_prior_read(text, segment)
    priors = {m.start("n") for m in _PRIOR_DE_RE.finditer(text)} if lang == "de" else set()
    for match in _PRIOR_DE_RE.finditer(text) if lang == "de" else ():
        value = parse_number(match.group("n"), decimal)
        if value is not None:
            segment.priors.append(value)
    if lang == "de" and " von " in text:
        _read_target_from(text, segment, priors)
    amounts = [amount.span() for amount in _AMOUNT_RE.finditer(text)]
    for match in _BARE_LIST_RE.finditer(text):
        following = _AMOUNT_RE.match(text, match.end())
        value = parse_number(match.group("n"), decimal)
        # "$260 and $300": a number with its own currency is read as an amount below
        own = any(start <= match.start("n") < end for start, end in amounts)
        if following and value is not None and match.start() not in priors and not own:
            currency = normalise_currency(following.group("cb") or following.group("ca"))
            segment.targets.append((value, currency))
            segment.places.append(match.start("n"))
    if lang == "de":
        _read_listed(text, segment, priors)
    for match in _AMOUNT_RE.finditer(text):
        if match.start() in priors:
            continue
        if lang == "de" and _DIFFERENCE_BEFORE_RE.search(
            text, max(0, match.start() - 8), match.start()
        ):
            continue  # "um 5 Euro auf 60 Euro": by how much, not where to
        value = parse_number(match.group("n1") or match.group("n2"), decimal)
        if (
            value is None
            or _PERCENT_BEFORE_RE.search(text, 0, match.start())
            or _price_quoted(text, match.start())
        ):
            continue
        currency = normalise_currency(match.group("cb") or match.group("ca"))
        before = text[max(0, match.start() - 6) : match.start()].lower()
        if (
            before.endswith("from ")
            or (before.endswith("von ") and re.match(r"\s*auf\s", text[match.end() :]))
            or (lang == "de" and _prior_before(text, match.start()))
            # "bei 48,50 Euro an, nach 44 Euro zuvor"
            or (before.endswith("nach ") and _PRIOR_AFTER_RE.match(text, match.end()))
        ):
            segment.priors.append(value)
        else:
            segment.targets.append((value, currency))
            segment.places.append(match.start())
    if lang == "de":  # in the order the text gives them ("auf 200, 210 und 195 Dollar")
        order = sorted(range(len(segment.targets)), key=segment.places.__getitem__)
        segment.targets = [segment.targets[at] for at in order]
    else:
        segment.targets.sort(key=lambda t: text.find(str(t[0])))
    if (
        segment.rating_action == "main"
        and not segment.ratings
        and segment.targets
        and not rating_kept
    ):
        # a keeping verb with a target and no rating keeps the target ("Ziel bleibt N" -> set)
        segment.rating_action = "none"
        segment.target_kept = True
    if (
        lang != "de"
        and segment.rating_action == "none"
        and segment.direction is not None
        and not segment.targets
        and not _names_target(text)
    ):
        # "Citi cut the retailer to neutral from buy": a target verb moving a rating
        moved = _MOVED_TO_RATING_EN_RE.search(text)
        if moved is not None:
            segment.rating_action = "up" if segment.direction == "raise" else "down"
            segment.ratings = [moved.group("r")]
            segment.direction = None
    if (
        lang != "de"
        and segment.rating_action in ("up", "down", "init", "main")
        and segment.direction is not None
        and not segment.targets
        and not _names_target(text)
    ):
        # "upgraded Ford ..., citing cost cuts": a word of a target move with neither a
        # target nor a figure moves nothing beside the rating action
        segment.direction = None


# Capitalised words an object slot holds that name no company.
_SLOT_NOT_NAMES = frozenset(
    (*_WORDS["target_nouns"], *_WORDS["rating_nouns"], *_WORDS["share_nouns"], "aktie", "papier")
)
_PLACE_SLOTS = tuple(_WORDS["place_slots"])
_RATING_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"[\s-]") for w in sorted(_WORDS["ratings"], key=len)[::-1]
)
_MOVED_TO_RATING_EN_RE = re.compile(
    rf"\bto\s(?:an?\s)?[\"']?(?P<r>{_RATING_WORDS})[\"']?(?:\s(?:from|rating)\b|[,.;]|$)",
    re.IGNORECASE,
)
_ENGLISH_RATING_RE = re.compile(
    rf"\b(?:to|an?|its|at|with\san?|rating\sof)\s[\"']?(?P<r>{_RATING_WORDS})\b(?![\w-])"
    # "reiterated overweight": the bare label right after a keeping verb, where it is the
    # rating ("reiterated neutral stance" keeps none)
    r"|\b(?:reiterated|reiterates|reaffirmed|reaffirms|maintained|maintains|kept|keeps)\s"
    rf"[\"']?(?P<kept>{_RATING_WORDS})[\"']?(?=\s(?:rating|recommendation|on|for)\b|[,.;]|\s*$)",
    re.IGNORECASE,
)


# Each rating label's rank, higher for a more favourable one.
_RATING_RANKS = {
    label: -rank for rank, line in enumerate(_WORDS["rating_ranks"]) for label in line.split("|")
}
_RATING_FROM_TO_RE = re.compile(
    r"\bvon\s[\"„“']([^\"„“”']{1,40})[\"“”']\s(?:\S+\s){0,2}?auf\s[\"„“']([^\"„“”']{1,40})[\"“”']"
)
# the new label before the old: "auf "Neutral" von "Sell""
_RATING_TO_FROM_RE = re.compile(
    r"\bauf\s[\"„“']([^\"„“”']{1,40})[\"“”']\svon\s[\"„“']([^\"„“”']{1,40})[\"“”']"
)


def _read_first_study(sentence: str, text: str, segment: _Segment, quoted: list[str]) -> None:
    """ "In ihrer Erststudie empfehlen die Analysten den Getriebehersteller mit "Outperform"
    zum Kauf": a rating the clause (`text`) gives in a broker's first study of a stock, which
    the sentence names, starts its coverage, the label as quoted where the clause quotes one."""
    labels = [label for label in quoted if label.lower() in _RATING_RANKS]
    if not (labels or segment.ratings) or _pattern("first_study_words").search(sentence) is None:
        return
    segment.rating_action = "init"
    quoted[:] = labels[:1] or segment.ratings


# "stufen das Papier nun mit "Outperform" ein": the rating placed
_PLACED_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_WORDS["placing_verbs"])
    + r")\s(?:[^\"„“,.;:]+\s)?mit\s"
    + _QUOTED_RATING
)
# "zuvor "Neutral" empfohlen", "zuvor lautete die Empfehlung "Buy"": the label before
_EARLIER_LABEL_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(map(re.escape, (*_WORDS["prior_before"], *_WORDS["earlier_label_before"])))
    + r")\s(?:[^\W\d]+\s){0,4}?"
    + _QUOTED_RATING,
    re.IGNORECASE,
)


def _placed_after_earlier(text: str) -> tuple[RatingAction, str] | None:
    """ "stufen das Papier nun mit "Outperform" ein, nachdem sie zuvor "Neutral" empfohlen
    hatten": the way the rating moved, told by the ranks of the two labels, and the label now;
    None where the text names no earlier label or the ranks tell no way."""
    placed = _PLACED_RE.search(text)
    if placed is None:
        return None
    earlier = _EARLIER_LABEL_RE.search(text)
    if earlier is None:
        return None
    now = _RATING_RANKS.get(placed.group("rating").lower())
    before = _RATING_RANKS.get(earlier.group("rating").lower())
    if now is None or before is None or now == before:
        return None
    return ("up" if now > before else "down"), placed.group("rating")


def rank_direction(text: str) -> RatingAction | None:
    """ "von "Buy" auf "Hold"", or the new label first, "auf "Hold" von "Buy"": the way a
    rating moved, told by the ranks of the two labels; None where the text moves no rating
    between two labels of different ranks."""
    if "von " not in text:
        return None
    found = _RATING_FROM_TO_RE.search(text)
    if found is not None:
        before, after = found.group(1), found.group(2)
    else:
        found = _RATING_TO_FROM_RE.search(text)
        if found is None:
            return None
        after, before = found.group(1), found.group(2)
    before_rank = _RATING_RANKS.get(before.lower())
    after_rank = _RATING_RANKS.get(after.lower())
    if before_rank is None or after_rank is None or before_rank == after_rank:
        return None
    return "up" if after_rank > before_rank else "down"


def _with_prior_read(text: str, segment: _Segment) -> str:
    """The text with a target's earlier figure in parentheses or after "statt" taken as the
    segment's prior and blanked ("auf 95 (90) Euro" reads as "auf 95 Euro"), the length kept
    for the places."""
    for match in _PRIOR_BESIDE_RE.finditer(text):
        prior = parse_number(match.group("p") or match.group("p2") or match.group("p3"), "de")
        if prior is None:
            continue
        segment.priors.append(prior)
        number = match.group("n") or match.group("n2") or match.group("n3")
        currency = match.group("ca") or match.group("ca2") or match.group("ca3")
        plain = f"{number} {currency}"
        text = (
            text[: match.start()] + plain.ljust(match.end() - match.start()) + text[match.end() :]
        )
    return text


def _read_listed(text: str, segment: _Segment, priors: set[int]) -> None:
    """The numbers of a German list before its last two, which the other readings take."""
    for match in _LISTED_DE_RE.finditer(text):
        if match.start() in priors:
            continue
        currency = normalise_currency(match.group("ca"))
        place = match.start("list")
        for number in match.group("list").split(", ")[:-1]:
            value = parse_number(number, "de")
            if value is not None:
                segment.targets.append((value, currency))
                segment.places.append(place)
            place += len(number) + len(", ")


# "auf 115 von 105 Franken", "auf 36 Euro von 32 Euro", "auf 92 von zuvor 98 Franken": the new
# target first, then the one before, as Reuters and Swiss papers write them
_TARGET_FROM_DE_RE = re.compile(
    rf"\bauf\s(?P<n>{NUMBER})(?:\s?{CURRENCY_AFTER})?\svon\s(?:(?:zuvor|bisher|bislang|vorher)\s)?"
    rf"(?=(?P<p>{NUMBER})\s?(?P<ca>{CURRENCY_AFTER}))"
)
_PRIOR_AFTER_RE = re.compile(
    r"\s(?:" + "|".join(map(re.escape, _WORDS["prior_before"])) + r")(?![\w-])", re.IGNORECASE
)


def _read_target_from(text: str, segment: _Segment, priors: set[int]) -> None:
    """ "auf 115 von 105 Franken": the target, and the figure after "von" as the one before
    it; that figure's place is added to `priors`, so that it is not read as a target."""
    for match in _TARGET_FROM_DE_RE.finditer(text):
        target = parse_number(match.group("n"), "de")
        prior = parse_number(match.group("p"), "de")
        if target is None or prior is None:
            continue
        if _AMOUNT_RE.match(text, match.start("n")) is None:  # "auf 115 von": no currency
            segment.targets.append((target, normalise_currency(match.group("ca"))))
            segment.places.append(match.start("n"))
        segment.priors.append(prior)
        priors.add(match.start("p"))


def _prior_before(text: str, start: int) -> bool:
    """Whether a word before the number at `start` makes it the earlier target ("zuvor 28")."""
    return _PRIOR_BEFORE_RE.search(text, max(0, start - 32), start) is not None


def _read_inverted(sentence: str, prefix: str, broker: Mention, segment: _Segment) -> None:
    """A German main clause with its verb before the broker ("So bestätigte die DZ Bank ihr
    Kaufvotum", "Mit "Buy" startete Jefferies die Bewertung"): the rating action the first
    segment lacks is read with the broker's name left out, where it starts before the broker,
    and then the target the clause names before the broker."""
    if not segment.targets and _fronts_target(prefix):
        # "Auf 95 Euro senkte Warburg das Kursziel ...", "Ein Kursziel von 38 Euro sehen die
        # Analysten von Pareto ...": the target stands before the broker
        opening = _Segment(segment.broker, 0, len(prefix))
        _read(prefix, opening, "de")
        segment.targets, segment.places = opening.targets, opening.places
        segment.priors = segment.priors or opening.priors
        segment.direction = segment.direction or opening.direction
        segment.target_kept = segment.target_kept or opening.target_kept
    # the sentence may open with it: "Auf" capitalised
    fronted = _RATED_TO_RE.search(prefix.lower()[:1] + prefix[1:]) if "uf " in prefix else None
    if (
        fronted is not None
        and segment.rating_action == "none"
        and _names_rating(sentence[broker[1] : segment.end])
        and (direction := _direction(prefix)) is not None
    ):
        # "Auf "Underweight" senkte die Bank Barclays ihr Votum ...": the rating the verb
        # moves to stands first
        segment.rating_action = rank_direction(prefix) or ("up" if direction == "raise" else "down")
        segment.ratings = [fronted.group(1)]
        return
    moves_after = (
        segment.rating_action == "none"
        and not segment.ratings
        and _RATED_TO_RE.search(sentence, broker[1], segment.end) is not None
    )
    if (segment.empty or moves_after) and _direction(prefix) is not None:
        # "... hob die Citigroup RWE auf "Buy" und senkte ...", "Nun hob die Bank das Papier
        # auf "Halten" und das Kursziel von 30 auf 38 Euro": the clause's verb stands before
        # the broker, the rating it moves to after it
        text = prefix + sentence[broker[1] : segment.end].lstrip()
        whole = _Segment(segment.broker, 0, len(text))
        _read(text, whole, "de")
        if whole.rating_action != "none":
            segment.rating_action, segment.ratings = whole.rating_action, whole.ratings
            if segment.empty or not segment.targets:
                segment.direction = whole.direction
        return
    if segment.rating_action != "none" or not _ACTION_HEADS.find(prefix.lower()):
        return  # a match starting before the broker starts with one of the heads
    text = prefix + sentence[broker[1] : segment.end].lstrip()
    for name in _READ_ACTIONS:
        found = _pattern(name).search(text)
        if found is not None:
            if found.start() < len(prefix):
                segment.rating_action = "main" if name == "kept_rating" else name  # type: ignore[assignment]
                segment.ratings = [
                    q.group(1) for q in _QUOTED_RE.finditer(text) if q.group(1)[:1].isalpha()
                ][:1]
                if not segment.targets and _names_target(prefix):
                    # "Mit "Buy" und einem Kursziel von 120 Euro startete ...": its target too
                    opening = _Segment(segment.broker, 0, len(prefix))
                    _read(prefix, opening, "de")
                    segment.targets, segment.priors = opening.targets, opening.priors
            return


def _read_reported(sentence: str, segment: _Segment) -> None:
    """A sentence closed by a reporting clause that names its only broker ("Das Kursziel
    bleibt bei 12 Euro, schrieb Stifel"): the broker's segment, empty after its name, takes
    what the sentence said before it, where that states a target or a rating."""
    if not segment.empty:
        return
    told = _Segment(segment.broker, 0, segment.start)
    _read(sentence, told, "de")
    if not told.targets and not told.ratings:
        return  # "..., wenn der Bericht bestätigt, ..., schreiben die Experten": no figure told
    segment.rating_action, segment.ratings = told.rating_action, told.ratings
    segment.direction, segment.target_kept = told.direction, told.target_kept
    segment.targets, segment.places, segment.priors = told.targets, told.places, told.priors


def _fronts_target(prefix: str) -> bool:
    """Whether the words before a clause's broker hold an amount as its target: with a target
    noun or a target verb before the broker, so a price the clause opens with is not read."""
    if not any(character.isdigit() for character in prefix) or not _AMOUNT_RE.search(prefix):
        return False
    return _names_target(prefix) or _direction(prefix) is not None


def _names_rating(text: str) -> bool:
    """Whether a rating noun may stand in the text (lower-cased, a noun's letters are there)."""
    lowered = text.lower()
    return any(map(lowered.__contains__, RATING_NOUNS))


def _names_target(text: str) -> bool:
    return any(_pattern(name).search(text) for name in ("target_nouns", "pronoun_targets"))


_TARGET_NOUNS = "|".join(
    re.escape(noun).replace(r"\ ", r"\s") for noun in sorted(_WORDS["target_nouns"], key=len)[::-1]
)
# A target noun whose number follows "auf": the target moved to it ("und das Ziel auf 50 Euro").
_TARGET_TO_RE = re.compile(
    rf"(?<![\w-])(?:{_TARGET_NOUNS}|{'|'.join(map(re.escape, _WORDS['pronoun_targets']))})"
    r"(?![\w-])(?:\s\S+){0,5}?\sauf\s(?:\S+\s)?\d",
    re.IGNORECASE,
)


def _target_moved(text: str, rating_end: int) -> bool:
    """Whether a German rating verb moves the target too: only where the target is moved to
    its number ("hob auf "Buy" und das Ziel auf 50 Euro") or has a verb of its own after the
    rating; a target merely named beside it is stated ("hob auf "Buy" mit Ziel 45 Euro")."""
    if not _names_target(text):
        return False
    if _TARGET_TO_RE.search(text) is not None:
        return True
    # the word closing the rating's clause is the rating's verb ("auf "Neutral" gesenkt, das
    # Kursziel liegt bei 520 Euro")
    closing = _FIRST_WORD_RE.match(text, rating_end)
    return _direction(text[closing.end() if closing else rating_end :]) is not None


_FIRST_WORD_RE = re.compile(r"\s*[^\W\d]+")


def _direction_after(text: str, rating_end: int) -> str | None:
    """The way a target verb after a rating's clause moves the target, the word closing
    that clause (the rating's own verb) left out."""
    closing = _FIRST_WORD_RE.match(text, rating_end)
    return _direction(text[closing.end() if closing else rating_end :])


# "to buy and overweight, respectively": the ratings of a list, dealt out as its numbers are
_MORE_RATINGS_EN_RE = re.compile(
    rf"(?:,\s(?:and\s)?|\sand\s)[\"']?(?P<r>{_RATING_WORDS})\b(?![\w-])", re.IGNORECASE
)


def _english_ratings(text: str) -> list[str]:
    if "espectively" in text:
        # "to buy and overweight, respectively": one rating for each broker joined before
        from .lists_en import respective_ratings  # the English grammar builds on this module

        listed = respective_ratings(text)
        if listed:
            return listed
    found = _ENGLISH_RATING_RE.search(text)
    if found is None:
        return []
    ratings = [found.group("r") or found.group("kept")]
    if "respectively" in text:
        end = found.end()
        while (more := _MORE_RATINGS_EN_RE.match(text, end)) is not None:
            ratings.append(more.group("r"))
            end = more.end()
    return ratings


def _share_joined(sentence: str, segments: list[_Segment]) -> None:
    """ "A und B senkten ihre Ziele auf 28 beziehungsweise 30 Euro": brokers joined without a
    word of their own share the action of the last, the numbers and ratings dealt out in order."""
    index = 0
    while index < len(segments):
        group = [segments[index]]
        while group[-1].empty and index + len(group) < len(segments):
            following = segments[index + len(group)]
            gap = sentence[group[-1].start : following.start]
            gap = gap[len(group[-1].broker) :] if gap.startswith(group[-1].broker) else gap
            if not _JOIN_RE.match(gap):
                break
            group.append(following)
        last = group[-1]
        if len(group) > 1 and not last.empty:
            targets, ratings = list(last.targets), list(last.ratings)
            for position, member in enumerate(group):
                member.direction, member.rating_action = last.direction, last.rating_action
                member.targets = _dealt(targets, position, len(group))
                member.ratings = _dealt(ratings, position, len(group))
                member.priors = [] if len(last.priors) != 1 else list(last.priors)
        index += len(group)


# "hebt Ziel auf 210, UBS auf 205 Euro": a bare number closing a broker's clause
_BARE_TARGET_END_RE = re.compile(
    rf"\bauf\s(?P<n>{NUMBER})[\s,;]*(?:und\s|sowie\s)?(?:(?:die|der|das)\s)?$"
)


def _share_currency(sentence: str, segments: list[_Segment]) -> None:
    """ "Jefferies hebt Ziel auf 210, UBS auf 205 Euro": a broker's clause closing on a bare
    number, the currency left to the next broker's target, takes that currency."""
    for before, after in itertools.pairwise(segments):
        if before.targets or not after.targets or after.targets[0][1] is None:
            continue
        bare = _BARE_TARGET_END_RE.search(sentence, before.start, before.end)
        value = parse_number(bare.group("n"), "de") if bare is not None else None
        if value is not None:
            before.targets = [(value, after.targets[0][1])]
            before.places = [bare.start("n")]  # type: ignore[union-attr]


def _share_final_verb(sentence: str, segments: list[_Segment]) -> None:
    """ "hat ihre Ziele für Eon auf 15 Euro und für RWE auf 40 Euro angehoben": a clause of one
    broker's figures, its verb left to the clause for the next company, moves the way that one
    does."""
    for before, after in reversed(list(itertools.pairwise(segments))):
        if (
            before.direction is None
            and before.targets
            and not before.target_kept
            and after.direction is not None
            and before.broker == after.broker
            and _FOR_NEXT_COMPANY_RE.match(sentence, after.start)
        ):
            before.direction = after.direction


def _dealt(values: list, position: int, size: int) -> list:
    if len(values) == size:
        return [values[position]]
    return values[:1] if len(values) == 1 else []


def _names_other(sentence: str, segment: _Segment, subject: str) -> bool:
    """Whether the segment names a company no table knows ("für Zeta Global"), so that the
    document's subject cannot stand in for it."""
    for match in _NAMED_SLOT_RE.finditer(sentence, segment.start, segment.end):
        word = match.group("word")
        if match.group("prep") == "bei" and word.endswith(_NOUN_ENDINGS + _PLURAL_AFTER_BEI):
            continue  # "sehen den Konzern bei Klebstoffen unter Druck"
        if sentence.startswith(_PLACE_SLOTS, match.start("word")):
            continue  # "the highest on Wall Street": a place, no company
        if not subject.startswith(word) and word not in _WORDS["pronoun_targets"]:
            return True
    return False


def _event(segment: _Segment) -> AnalystAction | None:
    if segment.company is None or segment.company == segment.broker:
        return None
    target, currency = segment.targets[0] if segment.targets else (None, None)
    prior = segment.priors[0] if segment.priors else None
    action: TargetAction = "none"
    if segment.direction is not None:
        action = segment.direction  # type: ignore[assignment]
    elif target is not None:
        if prior is not None and prior != target:
            action = "raise" if target > prior else "lower"
        else:
            action = "init" if segment.rating_action == "init" else "set"
    if action == "none" and segment.rating_action == "none" and not segment.ratings:
        return None
    if target is None:
        prior = None
    rating = segment.ratings[0] if segment.ratings else None
    return AnalystAction(
        segment.broker,
        segment.company,
        segment.rating_action,
        rating,
        action,
        target,
        prior,
        currency,
    )
