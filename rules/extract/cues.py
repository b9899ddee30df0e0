"""Cheap gates run on lower-cased text before any grammar.

A flat alternation of thirty words tries every word at every position (about 20 µs on a
300-character summary). The same words folded into a prefix tree compile to a pattern whose
first-letter set lets the matcher skip most positions, and whose branches fail after one letter:
a few microseconds. Each gate is a superset of what its grammar can match, so it only decides
whether the grammar runs, never what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

ANALYST_DE = (
    "ziel",
    "hebt",
    "senkt",
    "lässt",
    "startet",
    "nimmt",
    "bewertet",
    "stuft",
    "stufung",
    "analyse",
    "empfehl",
    "rating",
    "fair",
    "erhöht",
    "votum",
    "potenzial",
)
ANALYST_EN = (
    "target",
    "rating",
    "maintain",
    "upgrad",
    "downgrad",
    "initiat",
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
        "cooperat",
        "team",
        "forces",
        "agreement",
        "contract",
        "pact",
        "licen",
        "deal",
        "royalt",
        "codeshare",
        "select",
        "chose",
        "choos",
        "adopt",
        "hire",
        "hiring",
        "tap",
        "sourcing",
        "work",
    ),
    "de": (
        "kooper",
        "partner",
        "zusammen",
        "allianz ",
        "gemeinschaftsunternehmen",
        "joint venture",
        "vereinbarung",
        "vertr",
        "lizenz",
        "auftrag",
        "setzt",
        "setzen",
        "nutzt",
        "nutzen",
        "wähl",
        "beauftrag",
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
    return re.compile(_pattern(_tree(words), shortest=True))


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


def _pattern(node: dict[str, dict], shortest: bool) -> str:
    if "" in node and shortest:
        return ""  # a word ends here: its longer continuations add nothing to a gate
    # Only one branch can match at a position, so their order is free: common letters first
    # make the branch a position fails in come sooner.
    branches = [
        re.escape(char) + _pattern(child, shortest)
        for char, child in sorted(node.items(), key=_letter_rank)
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _inside(word: str, words: dict[str, set[str]]) -> frozenset[str]:
    """The families of `word` and of every cue word written inside it."""
    found: set[str] = set()
    for other, families in words.items():
        if other in word:
            found |= families
    return frozenset(found)


def _running_on(word: str, words: dict[str, set[str]]) -> tuple[str, ...]:
    """Cue words that may start inside `word` and run past its end ("coverage" -> "erhöht"):
    the scan does not overlap its matches, so those are looked up on their own."""
    return tuple(
        other
        for other in words
        if other not in word and any(other.startswith(word[k:]) for k in range(1, len(word)))
    )


def _cue_words() -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for family, members in _FAMILIES.items():
        for word in members:
            words.setdefault(word, set()).add(family)
    return words


_CUE_WORDS = _cue_words()
_ANY_CUE_RE = re.compile(_pattern(_tree(_CUE_WORDS), shortest=False))
# Short English words that open the analyst grammar only as words of their own, as the
# grammar reads them: "cut" starting a word, "buy"/"sell"/"hold" ending one, "list" alone.
# Inside "execute", "shareholders" or "counsel" they say nothing.
_BOUNDED_EN = {
    "cut": re.compile(r"\bcut"),
    "buy": re.compile(r"buy\b"),
    "sell": re.compile(r"sell\b"),
    "hold": re.compile(r"hold\b"),
    "list": re.compile(r"\blist\b"),
}
_FAMILIES_OF = {
    word: _inside(word, _CUE_WORDS) - ({ANALYST_EN_CUE} if word in _BOUNDED_EN else set())
    for word in _CUE_WORDS
}
# Only the overlapping words that can add a family are worth a look.
_RUNNING_ON = {
    word: tuple(
        other
        for other in _running_on(word, _CUE_WORDS)
        if other in _BOUNDED_EN or not _FAMILIES_OF[other] <= _FAMILIES_OF[word]
    )
    for word in _CUE_WORDS
}
_NONE: frozenset[str] = frozenset()


def cue_families(lowered: str) -> frozenset[str]:
    """The grammars worth running on a lower-cased text, found in one scan of it."""
    return scan_families(lowered, _AUTOMATON)


def scan_families(lowered: str, automaton: Any) -> frozenset[str]:
    """`cue_families` with the given automaton, or with the prefix-tree pattern for None."""
    if automaton is not None:
        # every occurrence, overlapping ones included: each word's own families suffice
        present = {word for _, word in automaton.iter(lowered)}
    else:
        present = set(_ANY_CUE_RE.findall(lowered))
        for word in tuple(present):
            for other in _RUNNING_ON[word]:
                if other in lowered:
                    present.add(other)
    if not present:
        return _ANALYST_EN_ONLY if has_short_abbreviation(lowered) else _NONE
    found = [_FAMILIES_OF[word] for word in present]
    if has_short_abbreviation(lowered) or any(
        _BOUNDED_EN[word].search(lowered) for word in present.intersection(_BOUNDED_EN)
    ):
        found.append(_ANALYST_EN_ONLY)
    return frozenset().union(*found)


def cue_automaton() -> Any:
    """An Aho-Corasick automaton over the cue words when pyahocorasick is installed: it reports
    every occurrence in one pass at C speed, a few times faster than the prefix-tree pattern."""
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for word in _CUE_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_AUTOMATON = cue_automaton()
_ANALYST_EN_ONLY = frozenset((ANALYST_EN_CUE,))


_SHORT_ABBREVIATION_RE = re.compile(r"p[ot]\b")  # "PT", "PO": price target, price objective


def has_short_abbreviation(lowered: str) -> bool:
    """'pt' or 'po' standing as a word of its own."""
    for match in _SHORT_ABBREVIATION_RE.finditer(lowered):
        if match.start() == 0 or not lowered[match.start() - 1].isalnum():
            return True
    return False


ANALYST_DE_GATE = word_gate(ANALYST_DE)
ANALYST_EN_GATE = word_gate(ANALYST_EN)
MOVE_GATE = word_gate(MOVE)
RANGE_GATE = word_gate(RANGE)
CONSENSUS_GATE = word_gate(CONSENSUS)
PARTNERSHIP_GATE = {lang: word_gate(words) for lang, words in PARTNERSHIP.items()}
