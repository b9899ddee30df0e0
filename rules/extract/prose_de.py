"""German analyst actions written out in sentences.

"Die britische Bank HSBC strich ihre Kaufempfehlung für Qiagen und senkte das Kursziel von 49
auf 45 Euro", "nachdem JPMorgan sie von "Neutral" auf "Underweight" abgestuft hatte",
"So führte eine Kaufempfehlung der Deutschen Bank bei Jenoptik zu einem Kurssprung".
Both the broker and the company must be named in the sentence; a pronoun is not enough.
Scraped text sometimes lost its spaces ("fürQIAGENund"), so names are also found glued to
neighbouring words when the case changes at the seam.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKERS
from .companies import COMPANIES
from .cues import word_gate
from .names import company_base
from .numbers import CURRENCY_AFTER, NUMBER, normalise_currency, parse_number
from .sentences import split_sentences
from .slots_de import broker_slot, company_slots

MAX_SENTENCE = 1_000

# The words a sentence needs to hold an analyst action, lower-cased (the text's whitespace is
# flattened to single spaces before they are looked for).
_CUE_GATE = word_gate(
    (
        "kaufempfehlung",
        "verkaufsempfehlung",
        "halteempfehlung",
        "gestuft",
        "stufte",
        "kursziel",
        "votum",
        "rating",
        "bewertung aufgenommen",
        "kurspotenzial",
        "abstufung",
        "hochstufung",
        "heraufstufung",
    )
)
_DOWN_RE = re.compile(
    r"abgestuft|Abstufung|stufte\b[^.]*?\bab\b|strich\s\w+\sKaufempfehlung|Kaufempfehlung[^.]{0,80}?"
    r"(?:gestrichen|aufgegeben)|\bgab\s\w+\sKaufempfehlung[^.]{0,80}?\bauf\b|"
    r"Streichung\s\w+\sKaufempfehlung|"
    r"gestrichene\w*\sKaufempfehlung|negatives\sVotum"
)
# One of these stands in every match of _DOWN_RE.
_DOWN_WORDS = ("gestuft", "Abstufung", "stufte", "Kaufempfehlung", "negatives")
_UP_RE = re.compile(
    r"hochgestuft|heraufgestuft|Hochstufung|Heraufstufung|stufte\b[^.]*?hoch\b|erhöht\s\S+-Rating"
)
# One of these stands in every match of _UP_RE.
_UP_WORDS = ("stuf", "erhöht")
_KEEP_RE = re.compile(r"Einstufung\b[^.]{0,120}?\b(?:belassen|bestätigt|beibehalten)\b")
_INIT_RE = re.compile(r"in\s(?:die|ihre)\sBewertung\s(?:aufgenommen|auf\b)")
_TO_RATING_RE = re.compile(r"\bauf\s[\"„“']([^\"„“”']{1,40})[\"“”']")
_WITH_RATING_RE = re.compile(r"\bmit\s[\"„“']([^\"„“”']{1,40})[\"“”']")
_TARGET_MOVE_RE = re.compile(
    rf"Kursziel(?:\s(?!von\b|auf\b)[^\s\d]+){{0,8}}?\s(?:von\s(?P<prior>{NUMBER})\s*(?:{CURRENCY_AFTER}\s)?)?auf\s(?P<target>{NUMBER})"
    rf"\s*(?P<cur>{CURRENCY_AFTER})\s*(?P<verb>angehoben|erhöht|gesenkt|gekappt|reduziert|an\b)?"
)
_TARGET_VERB_RE = re.compile(
    r"\b(?P<verb>senkte|kappte|reduzierte|hob|erhöhte|strich)\b[^.]{0,30}"
    r"Kursziel"
)
_TARGET_STATED_RE = re.compile(
    rf"(?:unverändertem|einem|ihrem|seinem)\s(?:\w+\s)?Kursziel\svon\s(?P<target>{NUMBER})\s*"
    rf"(?P<cur>{CURRENCY_AFTER})"
)
# Scraped text glues sentences together: 'mit "Outperform".Im Nebenwerte-Index ...'.
_GLUED_SENTENCE_RE = re.compile(
    r"(?<=[.!?][\"”])(?=[A-ZÄÖÜ][a-zäöü])|(?<=[\"”][.!?])(?=[A-ZÄÖÜ][a-zäöü])|(?<=[a-zäöü]{2}[.!?])(?=[A-ZÄÖÜ][a-zäöü])"
)
_PARENS_RE = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
# Every seam above is a stop or a closing quote right before a capitalised word: a pattern that
# starts with those rare characters scans fast, and only a hit needs the split.
_GLUED_SEAM_RE = re.compile(r"[.!?\"”](?=[A-ZÄÖÜ][a-zäöü])")
_OFFICIAL_HINT_RE = re.compile(r" \([A-ZÄÖÜ]")
_OFFICIAL_NAME_RE = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w.&-]*(?:\s[A-ZÄÖÜ][\w.&-]*){0,2})\s\([A-ZÄÖÜ][^()]*"
    r"(?:\([^()]*\))?[^()]*\)"
)
_COMPANY_CUE_RE = re.compile(
    r"(?:(?:Aktien?|Papiere|Anteilsscheine|Titel)\s*(?:der|des|von|vom)|[Ff]ür|[Bb]ei)\s*"
    r"(?:der|des|die|den|dem)?\s*$"
)
_GLUE_WORDS = (
    "und",
    "fielen",
    "hat",
    "hatte",
    "nach",
    "mit",
    "von",
    "ein",
    "eine",
    "dank",
    "sorgte",
    "dürfte",
    "erklommen",
    "zu",
    "bei",
    "leicht",
    "sanken",
    "stiegen",
    "legten",
    "verloren",
    "im",
    "auf",
    "an",
    "als",
    "ist",
    "war",
    "wird",
    "wurde",
    "ihre",
    "sowie",
    "dagegen",
    "hoch",
    "ab",
)
_LEADING_WORDS = frozenset(
    "Auch Die Der Das Bei Im Nach So Und Von Mit Für Aktien Papiere Anteilsscheine Titel".split()
)
_NOUN_ENDINGS = ("ers", "ung", "ens", "es", "heit", "keit", "chen")
_UP_TARGET_VERBS = ("angehoben", "erhöht", "an", "hob", "erhöhte")


def german_prose_events(text: str) -> list[AnalystAction]:
    flat = " ".join(text.split())
    if len(flat) > MAX_SENTENCE or not _CUE_GATE.search(flat.lower()):
        return []
    events: list[AnalystAction] = []
    for piece in _unglued(flat):
        for sentence in split_sentences(piece):
            events.extend(_sentence_events(sentence.strip()))
    return events


def _unglued(flat: str) -> list[str]:
    """`flat` cut at its glued sentence seams: each seam candidate is checked where it stands,
    instead of trying the seam's lookbehinds at every position of the text."""
    cuts = [
        seam.end()
        for seam in _GLUED_SEAM_RE.finditer(flat)
        if _GLUED_SENTENCE_RE.match(flat, seam.end()) is not None
    ]
    if not cuts:
        return [flat]
    bounds = [0, *cuts, len(flat)]
    return [flat[a:b] for a, b in pairwise(bounds)]


def _sentence_events(sentence: str) -> list[AnalystAction]:
    if not _CUE_GATE.search(sentence.lower()):
        return []
    masked = _PARENS_RE.sub(_blank, sentence) if "(" in sentence else sentence
    lowered = masked.lower()
    heads = _name_heads(masked, lowered)
    brokers = _mentions(masked, lowered, heads, BROKERS) or broker_slot(masked)
    if not brokers:
        return []
    companies = [
        m
        for m in _mentions(masked, lowered, heads, COMPANIES)
        if _is_company_slot(masked, m, brokers) and not _inside_longer(m, brokers)
    ]
    companies += _official_names(sentence, companies, brokers)
    if not companies:
        companies = company_slots(masked, brokers)
    brokers = [b for b in brokers if not any(c[0] <= b[0] < c[1] for c in companies)]
    companies.sort()
    if not brokers or not companies:
        return []
    rating_action, rating = _rating(sentence)
    target_action, target, prior, currency = _target(sentence, rating_action)
    pairs = _pairs(brokers, companies)
    return [
        AnalystAction(
            broker=broker,
            company=company,
            rating_action=rating_action,
            rating=rating,
            target_action=target_action if len(pairs) == 1 else "none",
            target=target if len(pairs) == 1 else None,
            prior_target=prior if len(pairs) == 1 else None,
            currency=currency if len(pairs) == 1 else None,
        )
        for broker, company in pairs
    ]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _mentions(
    text: str, lowered: str, heads: set[str], names: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    """Names found in `text`, longest first, each span used once; glued words allowed."""
    taken: list[tuple[int, int, str]] = []
    index = _BROKER_INDEX if names is BROKERS else _COMPANY_INDEX
    for variant, canonical in index.candidates(heads, lowered):
        start = lowered.find(variant)
        while start >= 0:
            end = start + len(variant)
            free = not any(s < end and start < e for s, e, _ in taken)
            if free and _boundary_ok(text, start, end, len(canonical)):
                taken.append((start, end, text[start:end]))
            start = lowered.find(variant, end)
    return taken


class _VariantIndex:
    """Lower-cased spellings, longest first ("Deutsche Bank" before "Deutsche"), filed under
    their first three letters: a sentence is searched only for the spellings whose opening
    letters it contains, instead of for all several hundred of them."""

    def __init__(self, names: tuple[str, ...]) -> None:
        found = {variant for name in names for variant in _variants(name)}
        ordered = sorted(found, key=lambda v: (-len(v[0]), v[0]))
        self._by_head: dict[str, list[tuple[int, str, str]]] = {}
        for rank, (variant, canonical) in enumerate(ordered):
            self._by_head.setdefault(variant[:3], []).append((rank, variant, canonical))
        self._short = [head for head in self._by_head if len(head) < 3]

    def candidates(self, heads: set[str], lowered: str) -> list[tuple[str, str]]:
        """The spellings, in order, whose first letters are among `heads` (see `_name_heads`)."""
        found = [entry for head in heads & self._by_head.keys() for entry in self._by_head[head]]
        found += [entry for head in self._short if head in lowered for entry in self._by_head[head]]
        found.sort()
        return [(variant, canonical) for _, variant, canonical in found]


_WORD_HEAD_RE = re.compile(r"\b\w{1,3}")
# A capital glued to the end of a word ("fürQIAGENund"); the names are in Latin script.
_GLUED_CAPITAL_RE = re.compile(r"[A-ZÀ-ÖØ-Þ\u0100-\u017f\u1e00-\u1eff](?<=[^\W\d_].)")


def _name_heads(text: str, lowered: str) -> set[str]:
    """The first three letters at every place a name may start (see `_boundary_ok`): after a
    character that is not a letter or digit, or at a capital glued to a lower-case word."""
    if len(lowered) != len(text):
        return {lowered[i : i + 3] for i in range(len(lowered))}
    heads = set(_WORD_HEAD_RE.findall(lowered))
    for match in _GLUED_CAPITAL_RE.finditer(text):
        heads.add(lowered[match.start() : match.start() + 3])
    if "_" in text:
        heads.update(lowered[i + 1 : i + 4] for i, char in enumerate(text) if char == "_")
    return heads


def _variants(name: str) -> list[tuple[str, str]]:
    lowered = name.lower()
    found = [(lowered, name)]
    if lowered.startswith("deutsche "):
        found += [("deutschen " + lowered[9:], name), ("deutscher " + lowered[9:], name)]
    return found


_BROKER_INDEX = _VariantIndex(BROKERS)
_COMPANY_INDEX = _VariantIndex(COMPANIES)


def _boundary_ok(text: str, start: int, end: int, length: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    left = not before.isalnum() or (before.islower() and first.isupper() and length >= 3)
    if not left:
        return False
    if not after.isalnum():
        return True
    if last.isupper() and after.islower() and length >= 3:
        return True
    if after.isupper() and last.islower() and length >= 4:
        return True
    if after == "s" and (end + 1 >= len(text) or not text[end + 1].isalnum()):
        return True
    if length >= 5 and before.islower():
        rest = text[end : end + 12].lower()
        return any(rest.startswith(word) for word in _GLUE_WORDS)
    return False


def _is_company_slot(text: str, mention: tuple[int, int, str], brokers: list) -> bool:
    """A name that is also a broker counts as the company only after a company cue."""
    start, end, _ = mention
    overlaps_broker = any(b[0] == start and b[1] == end for b in brokers)
    if not overlaps_broker:
        return True
    return bool(_COMPANY_CUE_RE.search(text[max(0, start - 30) : start]))


def _inside_longer(mention: tuple[int, int, str], others: list) -> bool:
    """ "BNP Paribas" inside "Exane BNP Paribas" is part of the broker's name."""
    start, end, _ = mention
    return any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in others)


def _official_names(sentence: str, found: list, brokers: list) -> list[tuple[int, int, str]]:
    """ "Stratec (STRATEC SE)": the short name written before an official one in parentheses."""
    extra: list[tuple[int, int, str]] = []
    if _OFFICIAL_HINT_RE.search(sentence) is None:
        return extra
    for match in _OFFICIAL_NAME_RE.finditer(sentence):
        start, end = match.span("name")
        words = match.group("name").split()
        while len(words) > 1 and (words[0] in _LEADING_WORDS or words[0].endswith(_NOUN_ENDINGS)):
            start += len(words[0]) + 1
            words = words[1:]
        if any(s < end and start < e for s, e, _ in found + brokers):
            continue
        extra.append((start, end, " ".join(words)))
    return extra


def _pairs(brokers: list, companies: list) -> list[tuple[str, str]]:
    names = []
    for _, _, raw in companies:
        name = company_base(raw, "de")
        if name and name not in names:
            names.append(name)
    broker_names = []
    for _, _, raw in sorted(brokers):
        if raw not in broker_names:
            broker_names.append(" ".join(raw.split()))
    broker_names = [
        name
        for name in dict.fromkeys(_broker_base(name) for name in broker_names)
        if name not in names
    ]
    if not broker_names:
        return []
    if len(names) == 1:
        return [(broker, names[0]) for broker in dict.fromkeys(broker_names)]
    if len(names) == len(broker_names):
        return list(zip(broker_names, names, strict=True))
    return [(broker_names[0], names[0])]


def _broker_base(raw: str) -> str:
    return company_base(raw, "de") or raw


def _rating(sentence: str) -> tuple[RatingAction, str | None]:
    action: RatingAction = "none"
    # each pattern is tried only when a word that all its matches hold is there
    if "Bewertung" in sentence and _INIT_RE.search(sentence):
        action = "init"
    elif any(word in sentence for word in _DOWN_WORDS) and _DOWN_RE.search(sentence):
        action = "down"
    elif any(word in sentence for word in _UP_WORDS) and _UP_RE.search(sentence):
        action = "up"
    elif "Einstufung" in sentence and _KEEP_RE.search(sentence):
        action = "main"
    quoted = _TO_RATING_RE.search(sentence) if "auf" in sentence else None
    if quoted is None and action == "init":
        quoted = _WITH_RATING_RE.search(sentence)
    rating = quoted.group(1) if quoted and action != "none" else None
    return action, rating


def _target(
    sentence: str, rating_action: RatingAction
) -> tuple[TargetAction, float | None, float | None, str | None]:
    if "Kursziel" not in sentence:  # both patterns need the word
        return "none", None, None, None
    move = _TARGET_MOVE_RE.search(sentence)
    if move is not None:
        target = parse_number(move.group("target"), "de")
        prior = parse_number(move.group("prior"), "de") if move.group("prior") else None
        verb = move.group("verb")
        said = _TARGET_VERB_RE.search(sentence)
        word = verb or (said.group("verb") if said else None)
        if word:
            action: TargetAction = "raise" if word in _UP_TARGET_VERBS else "lower"
        elif prior is not None and target is not None and prior != target:
            action = "raise" if target > prior else "lower"
        else:
            action = "set"
        return action, target, prior, normalise_currency(move.group("cur"))
    stated = _TARGET_STATED_RE.search(sentence)
    if stated is not None:
        action = "init" if rating_action == "init" else "set"
        return (
            action,
            parse_number(stated.group("target"), "de"),
            None,
            normalise_currency(stated.group("cur")),
        )
    return "none", None, None, None
