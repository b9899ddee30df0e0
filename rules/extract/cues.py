"""Cheap gates run on lower-cased text before any grammar.

One Aho-Corasick pass finds every cue word in a text with its position, so a caller learns at
once whether any grammar can match at all and, per line or sentence, which ones. Each family of
words is a superset of what its grammar can match, so it only decides whether the grammar runs,
never what it finds. `word_gate` folds a word list into a prefix-tree pattern for grammars that
test single sentences: its first-letter set lets the matcher skip most positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .data_files import data_lines, word_sections
from .scan import WordScan, words_scan

ANALYST_DE = (
    "ziel",
    "hebt",
    "hob",  # hob, hoben, anhob, angehoben
    "senkt",
    "lässt",
    "beließ",
    "belass",
    "bestätig",
    "bekräftig",
    "kapp",
    "reduz",
    "herab",
    "herauf",
    "hochgesetzt",
    "startet",
    "nimmt",
    "nahm",
    "bewert",
    "beobacht",
    "coverage",
    "stuft",
    "stufung",
    "analyse",
    "empfehl",
    "empfiehlt",
    "empfahl",
    # advice in words ("Jefferies rät zum Kauf")
    "rät",
    "riet",
    "raten zum",
    "raten weiter",
    "empfohl",
    "rating",
    "fair",
    "erhöht",
    "votum",
    "einschätzung",  # "Bei der ZKB bleibt die Einschätzung "Marktgewichten""
    "potenzial",
    "traut",  # "traut der Aktie 60 Euro zu"
    "trauen",  # "Die Experten trauen der Aktie nun 65 Euro zu"
    # "Warburg Research sieht 38 Euro", "sieht für Nemetschek 130 Euro": "sieht" alone is too
    # common a verb to wake the grammar, so only before a figure or the covered company.
    *(f"sieht {start}" for start in ("für ", "bei ", *"0123456789")),
    # or before the noun for the shares ("sieht das Papier nun bei 800 Kronen"), singular or plural
    *(f"{verb} {article}" for verb in ("sieht", "sehen") for article in ("das ", "die ", "den ")),
    # a broker's mood, its only word about a stock ("Microsoft: Jefferies bleibt optimistisch")
    *(
        f"{verb} {mood}"
        for verb in ("bleibt", "wird", "wird noch", "zeigt sich", "bleiben", "werden")
        for mood in word_sections("headline_words_de.txt")["broker_moods"]
    ),
    # German rating labels count where they are quoted, as ratings are ("auf 'Halten'"): bare,
    # they are common verbs. Quote marks outside Latin-1 („Kaufen“) are left to the verbs: a
    # cue word outside it would cost every text the slower scan (see scan.py).
    *(
        quote + label
        for quote in "'\"«»"
        for label in (
            "kaufen",
            "verkaufen",
            "halten",
            "akkumulieren",
            "reduzieren",
            # the Swiss cantonal banks' labels
            "übergewichten",
            "marktgewichten",
            "untergewichten",
        )
    ),
)
ANALYST_EN = (
    "target",
    "rating",
    "maintain",
    "upgrad",
    "downgrad",
    "initiate",  # the grammar's verbs and nouns, never "initiative"
    "initiating",
    "initiation",
    "assum",
    "reinstat",
    "resum",
    "reiterat",
    "reaffirm",
    "coverage",
    "weight",
    "perform",
    "neutral",
    "buy",
    "sell",
    "hold",
    "list",
    "analyst",
    "raise",
    "lower",
    "cut",
    "boost",
    "slash",
    "trim",
    "lift",
    "hike",
    "bump",
    "upped",
    "objective",
    "upside",
    "top pick",  # "named X its top pick": a list rating with no other analyst word
    *(f"{turn} {view}" for turn in ("turns", "turned") for view in ("bullish", "bearish")),
    "turns positive",
    "turns negative",
)
MOVE = ("%", "rozent", "ercent", "per cent", "pct")
RANGE = (
    "pendel",
    "beweg",
    "schwank",
    "notier",
    "handel",
    "gehandelt",
    "spanne",
    "trad",
    "range",
    "fluctuat",
    "hover",
    "oscillat",
    "swung",
)
CONSENSUS = (
    "schnitt",
    "mittler",  # "das mittlere Kursziel"
    "im mittel",
    "konsens",
    "median",
    "consensus",
    "average",
    "mean",
    "empfehlung",
    "kauf",
    "halten",
    "buy",
    "hold",
)
PARTNERSHIP = {
    "en": (
        "partner",
        "collaborat",
        "allian",
        "joint venture",
        # a statement of both: "..., the companies said"
        "companies said",
        "companies announced",
        "companies say",
        "firms said",
        "firms announced",
        "jointly",
        # a shared act of a headline's coordinated subject: "X, Y To Build ..."
        *("to " + verb for verb in data_lines("shared_acts_en.txt")),
        "to explore for",
        "co-",
        "appointed",
        "cooperat",
        "team",
        "forces",
        "agreement",
        "mou",
        "contract",
        "pact",
        "licen",
        "deal",
        "royalt",
        "rights to",
        "codeshare",
        "jv",
        "ties up",
        "tied up",
        "relationship",
        "engages",
        "standardi",
        "select",
        "chose",
        "choos",
        "adopt",
        "hire",
        "hiring",
        "tap",
        "sourc",
        "work",
        "uses",
        "using",
        "will use",
        "would use",
        "rolls out",
        "rolled out",
        "rolling out",
        "relies on",
        "rely on",
        "relied on",
        "relying on",
        "designed into",
        "live on",
        "switch",
        "memorandum",
        "integrat",
        "pilot",
        "runs",
        "task order",
        "deploy",
        "leverag",
        "embed",
        "powers",
        "to power",
        "built",
        "will build",
        "developed with",
        "agreed to share",
        "agree to share",
        "agrees to share",
        "agreed to pool",
        "agree to pool",
        "agrees to pool",
        "builds",
        "building",
        "powered by",
        "award",
        "chosen",
        "pick",
        "named",
        "grant",
        "suppl",
        "provid",
        "distributor",
        "bottler",
        "consortium",
        "framework order",
    ),
    "de": (
        "kooper",
        "partner",
        "zusammen",
        "gemeinsam",
        "allianz ",
        "gemeinschaftsunternehmen",
        "joint venture",
        "vereinbarung",
        "vertr",
        "lizenz",
        "rechte an",
        "auftrag",
        "aufträge",
        "zuschlag",
        "liefer",
        "setzt",
        "setzen",
        "nutzt",
        "nutzen",
        "wähl",
        "beauftrag",
        "absichtserklärung",
        "abkommen",
        "codeshare",
        "baut",
        "bauen",
        "bezieh",
        "bezog",
        "greift",
        "greifen",
        "bündel",
        "entschei",
        "entschied",
        # a service done by another ("lässt ... von X abwickeln"), not "belässt"
        " lässt",
        " lassen",
    ),
}


ANALYST_DE_CUE = "analyst:de"
ANALYST_EN_CUE = "analyst:en"
MOVE_CUE = "move"
RANGE_CUE = "range"
CONSENSUS_CUE = "consensus"
PARTNERSHIP_CUE = {"en": "partnership:en", "de": "partnership:de"}

_FAMILIES: dict[str, tuple[str, ...]] = {
    ANALYST_DE_CUE: ANALYST_DE,
    ANALYST_EN_CUE: ANALYST_EN,
    MOVE_CUE: MOVE,
    RANGE_CUE: RANGE,
    CONSENSUS_CUE: CONSENSUS,
    PARTNERSHIP_CUE["en"]: PARTNERSHIP["en"],
    PARTNERSHIP_CUE["de"]: PARTNERSHIP["de"],
}


def word_gate(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that matches where any of `words` starts (a shorter word covers its longer)."""
    return re.compile(_pattern(_tree(words)))


def _tree(words: Iterable[str]) -> dict[str, dict]:
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return tree


_LETTERS_BY_FREQUENCY = " enisratdhulcgmobwfkzpvüäöjyxqß"


def _letter_rank(item: tuple[str, dict]) -> tuple[int, str]:
    rank = _LETTERS_BY_FREQUENCY.find(item[0])
    return (rank if rank >= 0 else len(_LETTERS_BY_FREQUENCY), item[0])


def _pattern(node: dict[str, dict]) -> str:
    if "" in node:
        return ""  # a word ends here: its longer continuations add nothing to a gate
    # Only one branch can match at a position, so their order is free: common letters first
    # make the branch a position fails in come sooner.
    branches = [
        re.escape(char) + _pattern(child) for char, child in sorted(node.items(), key=_letter_rank)
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _cue_words() -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for family, members in _FAMILIES.items():
        for word in members:
            words.setdefault(word, set()).add(family)
    return words


_CUE_WORDS = _cue_words()
_NONE: frozenset[str] = frozenset()
_ANALYST_EN_ONLY = frozenset((ANALYST_EN_CUE,))
_ANALYST_DE_ONLY = frozenset((ANALYST_DE_CUE,))
_CONSENSUS_ONLY = frozenset((CONSENSUS_CUE,))
_PARTNERSHIP_EN_ONLY = frozenset((PARTNERSHIP_CUE["en"],))
_RANGE_ONLY = frozenset((RANGE_CUE,))


class _Bounds(NamedTuple):
    """Families a word opens only where it stands as their grammar reads it."""

    families: frozenset[str]
    before: bool  # a word boundary before the word
    after: bool  # a word boundary after it


# English analyst headlines read "cut" and "rating" starting a word, "buy"/"sell"/"hold" ending
# one, "list", "pt" and "po" (price target, price objective) alone; inside "execute",
# "shareholders", "counsel" or "operating" they say nothing. The consensus reader reads its
# rating words ("hold", "holds", "Halten", "buying") and "mean"/"average" as words of their own,
# so "Ahold", "shareholders", "enthalten" or "meanwhile" need not wake it. The German grammar
# reads "fairer Wert", not "affairs"; the partnership cues start their words ("impact",
# "network", "deselect" are none); a trading range is no "arrangement".
_BOUNDED: dict[str, tuple[_Bounds, ...]] = {
    "cut": (_Bounds(_ANALYST_EN_ONLY, True, False),),
    "buy": (_Bounds(_ANALYST_EN_ONLY, False, True), _Bounds(_CONSENSUS_ONLY, True, False)),
    "sell": (_Bounds(_ANALYST_EN_ONLY, False, True),),
    "hold": (_Bounds(_ANALYST_EN_ONLY, False, True), _Bounds(_CONSENSUS_ONLY, True, False)),
    "halten": (_Bounds(_CONSENSUS_ONLY, True, False),),
    "mean": (_Bounds(_CONSENSUS_ONLY, True, True),),
    "average": (_Bounds(_CONSENSUS_ONLY, True, True),),
    "list": (_Bounds(_ANALYST_EN_ONLY, True, True),),
    "rating": (_Bounds(_ANALYST_EN_ONLY, True, False),),
    "pt": (_Bounds(_ANALYST_EN_ONLY, True, True),),
    "po": (_Bounds(_ANALYST_EN_ONLY, True, True),),
    "fair": (_Bounds(_ANALYST_DE_ONLY, True, False),),
    "pact": (_Bounds(_PARTNERSHIP_EN_ONLY, True, False),),
    "work": (_Bounds(_PARTNERSHIP_EN_ONLY, True, False),),
    "select": (_Bounds(_PARTNERSHIP_EN_ONLY, True, False),),
    "range": (_Bounds(_RANGE_ONLY, True, False),),
}


# The families a word opens, by whether a word boundary stands before it and after it.
ByBounds = tuple[tuple[frozenset[str], frozenset[str]], tuple[frozenset[str], frozenset[str]]]


class _Entry(NamedTuple):
    """What one occurrence of a word in the automaton opens."""

    free: frozenset[str]  # families opened wherever the word stands
    bounded: bool  # whether some families need boundaries
    by_bounds: ByBounds  # families opened, by [boundary before][boundary after]


def _entries() -> dict[str, _Entry]:
    entries = {}
    for word in set(_CUE_WORDS) | set(_BOUNDED):
        bounds = _BOUNDED.get(word, ())
        needs_bounds = frozenset().union(*(bound.families for bound in bounds))
        free = frozenset(_CUE_WORDS.get(word, ())) - needs_bounds
        by_bounds = (
            (_opened(free, bounds, False, False), _opened(free, bounds, False, True)),
            (_opened(free, bounds, True, False), _opened(free, bounds, True, True)),
        )
        entries[word] = _Entry(free, bool(bounds), by_bounds)
    return entries


def _opened(
    free: frozenset[str], bounds: tuple[_Bounds, ...], before: bool, after: bool
) -> frozenset[str]:
    """The families a word opens where a word boundary stands before it or not, and after it
    or not."""
    held = [
        bound.families
        for bound in bounds
        if (before or not bound.before) and (after or not bound.after)
    ]
    return free.union(*held)


# Every occurrence of every cue word, overlapping ones included, in one pass: each occurrence
# need only open its own word's families.
_SCAN = WordScan(_entries().items())

# (start, end, families) of one cue word found in a text
CueHit = tuple[int, int, frozenset[str]]


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what the regex engine calls \w


def cue_hits(lowered: str) -> list[CueHit]:
    """Every cue word in a lower-cased text, in order of its end, with the families it opens."""
    hits: list[CueHit] = []
    append = hits.append
    entries = _SCAN.values
    size = len(lowered)
    for index, start, end in _SCAN.find(lowered):
        families = _FREE_ONLY[index]
        if families is None:
            # A bounded word opens some families only where their word boundaries hold;
            # `is_word_char` written out, as this runs for many hits of every item.
            before = True
            if start:
                char = lowered[start - 1]
                before = not (char.isalnum() or char == "_")
            after = True
            if end < size:
                char = lowered[end]
                after = not (char.isalnum() or char == "_")
            families = entries[index].by_bounds[before][after]
        if families:
            append((start, end, families))
    return hits


# the families of each word that needs no boundary, None for one that does
_FREE_ONLY = [None if entry.bounded else entry.free for entry in _SCAN.values]


def cue_families(lowered: str) -> frozenset[str]:
    """The grammars worth running on a lower-cased text, found in one scan of it."""
    return families_of(cue_hits(lowered))


def families_of(hits: list[CueHit]) -> frozenset[str]:
    return frozenset().union(*(families for _, _, families in hits))


def families_within(hits: list[CueHit], spans: list[tuple[int, int]]) -> list[frozenset[str]]:
    """`cue_families` of each span of the text `hits` were found in: the hits that lie wholly
    inside it. Spans must be in order and must not overlap, and hits come in the order of
    their ends, as `cue_hits` gives them."""
    found = [_NONE] * len(spans)
    if not spans:
        return found
    index = 0
    last = len(spans) - 1
    for start, end, families in hits:
        # Hits come in the order of their ends, so the first span ending at or after a hit's
        # end, the only one that can hold it, never moves back.
        while index < last and spans[index][1] < end:
            index += 1
        span_start, span_end = spans[index]
        if span_start <= start and end <= span_end:
            found[index] |= families
    return found


def gate_matches(scan: WordScan[str], lowered: str) -> list[tuple[int, int]]:
    """What `word_gate(words).finditer(lowered)` yields, as spans, for the scan of the same
    words: at each place the shortest word starting there, and the next match only from that
    one's end. One automaton pass instead of trying the prefix tree at every letter."""
    shortest: dict[int, int] = {}
    for _, start, end in scan.find(lowered):
        known = shortest.get(start)
        if known is None or end < known:
            shortest[start] = end
    spans: list[tuple[int, int]] = []
    resume = 0
    for start in sorted(shortest):
        if start >= resume:
            resume = shortest[start]
            spans.append((start, resume))
    return spans


PARTNERSHIP_GATE = {lang: words_scan(words) for lang, words in PARTNERSHIP.items()}


# A headline closing on a quoted label after a dash or colon ("Goldman Sachs: Starker Ausblick
# bei SAP – 'Buy'") or kept ("Bernstein: Mercedes bleibt 'Underperform'", "Jefferies bleibt bei
# Kion auf 'Buy'"): a broker's comment or a kept rating that may hold no cue word. Tested on
# the first line only, and only where it ends on a quote mark, so it costs most texts one
# comparison.
_CLOSING_QUOTES = ("'", '"', "»", "«", "“")
_LABEL_AT_END_RE = re.compile(
    r"\s(?:[-–:]\s+|bleibt\s(?:bei\s\S+(?:\s\S+)?\sauf\s)?)"
    r"['\"«»„“](?P<label>[^'\"«»„“”]{2,40})['\"«»“]\s*$"
)
_LABELS = frozenset(label.lower() for label in data_lines("ratings.txt"))


def closes_on_label(text: str) -> bool:
    """Whether the first line of `text` ends on a quoted rating label, after a dash or colon
    or kept."""
    end = text.find("\n")  # the title alone copied, not the body after it
    line = (text if end < 0 else text[:end]).rstrip()
    if not line.endswith(_CLOSING_QUOTES):
        return False
    found = _LABEL_AT_END_RE.search(line)
    return found is not None and found.group("label").lower() in _LABELS
