"""German analyst actions written out in sentences.

"Die britische Bank HSBC strich ihre Kaufempfehlung für Qiagen und senkte das Kursziel von 49
auf 45 Euro", "nachdem JPMorgan sie von "Neutral" auf "Underweight" abgestuft hatte",
"So führte eine Kaufempfehlung der Deutschen Bank bei Jenoptik zu einem Kurssprung".
Both the broker and the company must be named in the sentence; a pronoun is not enough
(`slots_de` finds where they are named).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..events import AnalystAction, RatingAction, TargetAction
from .name_table import word_automaton
from .names import company_base
from .numbers import CURRENCY_AFTER, NUMBER, normalise_currency, parse_number
from .sentences import sentence_spans
from .slots_de import KnownNames, broker_slot, company_slots

MAX_SENTENCE = 1_000

# The words a sentence needs to hold an analyst action, lower-cased (the text's whitespace is
# flattened to single spaces before they are looked for).
_CUE_WORDS = (
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
# Every occurrence of every cue word, overlapping ones included, in one pass over the text.
_CUES = word_automaton(_CUE_WORDS)
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
_UP_WORDS = ("gestuft", "Hochstufung", "Heraufstufung", "stufte", "erhöht")
_KEEP_RE = re.compile(r"Einstufung\b[^.]{0,120}?\b(?:belassen|bestätigt|beibehalten)\b")
# One of these stands in every match of _KEEP_RE.
_KEEP_WORDS = ("belassen", "bestätigt", "beibehalten")
_INIT_RE = re.compile(r"in\s(?:die|ihre)\sBewertung\s(?:aufgenommen|auf\b)")
_TO_RATING_RE = re.compile(r"\bauf\s[\"„“']([^\"„“”']{1,40})[\"“”']")
_OPENING_QUOTES = frozenset("\"„“'")
_WITH_RATING_RE = re.compile(r"\bmit\s[\"„“']([^\"„“”']{1,40})[\"“”']")
_TARGET_MOVE_RE = re.compile(
    rf"Kursziel(?:\s(?!von\b|auf\b)[^\s\d]+){{0,8}}?\s(?:von\s(?P<prior>{NUMBER})\s*(?:{CURRENCY_AFTER}\s)?)?auf\s(?P<target>{NUMBER})"
    rf"\s*(?P<cur>{CURRENCY_AFTER})\s*(?P<verb>angehoben|erhöht|gesenkt|gekappt|reduziert|an\b)?"
)
# One of these stands in every match of _TARGET_VERB_RE, at most _TARGET_VERB_REACH characters
# before the "Kursziel" that ends the match.
_TARGET_VERBS = ("senkte", "kappte", "reduzierte", "hob", "erhöhte", "strich")
_TARGET_VERB_RE = re.compile(rf"\b(?P<verb>{'|'.join(_TARGET_VERBS)})\b[^.]{{0,30}}Kursziel")
_TARGET_VERB_REACH = max(map(len, _TARGET_VERBS)) + 30
_STATED_OPENINGS = ("unverändertem", "einem", "ihrem", "seinem")
_TARGET_STATED_RE = re.compile(
    rf"(?:unverändertem|einem|ihrem|seinem)\s(?:\w+\s)?Kursziel\svon\s(?P<target>{NUMBER})\s*"
    rf"(?P<cur>{CURRENCY_AFTER})"
)
# Scraped text glues sentences together: 'mit "Outperform".Im Nebenwerte-Index ...'.
_GLUED_SENTENCE_RE = re.compile(
    r"(?<=[.!?][\"”])(?=[A-ZÄÖÜ][a-zäöü])|(?<=[\"”][.!?])(?=[A-ZÄÖÜ][a-zäöü])|(?<=[a-zäöü]{2}[.!?])(?=[A-ZÄÖÜ][a-zäöü])"
)
# How far past the last cue word a text is split at first (see `_sentences_to`).
_SENTENCE_MARGIN = 160
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
_COMPANY_CUE_ENDS = ("der", "des", "die", "den", "dem", "von", "vom", "ür", "ei")
_LEADING_WORDS = frozenset(
    "Auch Die Der Das Bei Im Nach So Und Von Mit Für Aktien Papiere Anteilsscheine Titel".split()
)
_NOUN_ENDINGS = ("ers", "ung", "ens", "es", "heit", "keit", "chen")
_UP_TARGET_VERBS = ("angehoben", "erhöht", "an", "hob", "erhöhte")


def german_prose_events(text: str) -> list[AnalystAction]:
    flat = " ".join(text.split())
    if len(flat) > MAX_SENTENCE:
        return []
    lowered = flat.lower()
    cues = [(end + 1 - len(word), end + 1) for end, word in _CUES.iter(lowered)]
    if not cues:
        return []
    # Lower-casing keeps the length of almost every text: then a sentence holds a cue word
    # exactly when one of the text's cue places lies inside it (the cue words are Latin, so the
    # case rules that look at neighbouring letters, as for a Greek final sigma, cannot matter).
    aligned = len(lowered) == len(flat)
    events: list[AnalystAction] = []
    for start, sentence in _sentences_to(flat, cues[-1][1] if aligned else len(flat)):
        if aligned:
            end = start + len(sentence)
            cued = any(start <= a and b <= end for a, b in cues)
        else:
            cued = next(_CUES.iter(sentence.lower()), None) is not None
        if cued:
            events.extend(_sentence_events(sentence))
    return events


def _sentences_to(flat: str, reach: int) -> list[tuple[int, str]]:
    """The sentences of `flat` (see `_sentences`) that start before `reach`, and perhaps more.

    Sentence ends and glued seams are decided by the few characters around them, so splitting
    a beginning of the text gives the text's own sentences, all but the last: that one may
    end early or run on. When everything before `reach` lies in the others, that is enough."""
    cut = reach + _SENTENCE_MARGIN
    if cut < len(flat):
        found = _sentences(flat[:cut])
        if found and found[-1][0] >= reach:
            return found[:-1]
    return _sentences(flat)


def _sentences(flat: str) -> list[tuple[int, str]]:
    """The stripped, non-blank sentences of `flat` with their offsets."""
    found = []
    for offset, piece in _unglued(flat):
        for start, end in sentence_spans(piece):
            sentence = piece[start:end]
            stripped = sentence.strip()
            if stripped:
                found.append((offset + start + len(sentence) - len(sentence.lstrip()), stripped))
    return found


def _unglued(flat: str) -> list[tuple[int, str]]:
    """`flat` cut at its glued sentence seams, each piece with its offset: each seam candidate is
    checked where it stands, instead of trying the seam's lookbehinds at every position."""
    cuts = [
        seam.end()
        for seam in _GLUED_SEAM_RE.finditer(flat)
        if _GLUED_SENTENCE_RE.match(flat, seam.end()) is not None
    ]
    if not cuts:
        return [(0, flat)]
    bounds = [0, *cuts, len(flat)]
    return [(a, flat[a:b]) for a, b in pairwise(bounds)]


def _sentence_events(sentence: str) -> list[AnalystAction]:
    """Events of one stripped sentence that holds a cue word."""
    masked = _PARENS_RE.sub(_blank, sentence) if "(" in sentence else sentence
    known = KnownNames(masked)
    brokers = known.brokers() or broker_slot(masked)
    if not brokers:
        return []
    companies = [
        m
        for m in known.companies()
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


def _is_company_slot(text: str, mention: tuple[int, int, str], brokers: list) -> bool:
    """A name that is also a broker counts as the company only after a company cue."""
    start, end, _ = mention
    for broker in brokers:
        if broker[0] == start and broker[1] == end:
            break
    else:
        return True  # not a broker's span
    window = text[max(0, start - 30) : start]
    # the pattern ends the window, so the window's last word is one of the pattern's last words
    return window.rstrip().endswith(_COMPANY_CUE_ENDS) and bool(_COMPANY_CUE_RE.search(window))


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
    # Each pattern is tried only when a piece of text that all its matches hold is there; the
    # sentence is flattened, so each "\s" in a pattern is one space.
    if "Bewertung auf" in sentence and _INIT_RE.search(sentence):
        action = "init"
    elif any(map(sentence.__contains__, _DOWN_WORDS)) and _DOWN_RE.search(sentence):
        action = "down"
    elif any(map(sentence.__contains__, _UP_WORDS)) and _UP_RE.search(sentence):
        action = "up"
    elif "Einstufung" in sentence and _kept(sentence):
        action = "main"
    if action == "none":
        return action, None  # a quoted rating is kept only with an action
    before_quote = _after_auf(sentence, _OPENING_QUOTES.__contains__)
    quoted = _TO_RATING_RE.search(sentence, before_quote) if before_quote >= 0 else None
    if quoted is None and action == "init":
        quoted = _WITH_RATING_RE.search(sentence)
    return action, quoted.group(1) if quoted else None


def _kept(sentence: str) -> bool:
    """Whether `_KEEP_RE` matches: "Einstufung" ending a word, then at most 120 characters
    without a stop, then a keep word standing as a word. Looked up from the keep words, which
    are rare, instead of stepping through the characters after each "Einstufung"."""
    for word in _KEEP_WORDS:
        at = sentence.find(word)
        while at >= 0:
            end = at + len(word)
            if not _is_word_char(sentence, at - 1) and not _is_word_char(sentence, end):
                opening = sentence.rfind("Einstufung", max(0, at - 130), at)
                while opening >= 0:
                    gap = opening + len("Einstufung")
                    if (
                        not _is_word_char(sentence, gap)
                        and at - gap <= 120
                        and sentence.find(".", gap, at) < 0
                    ):
                        return True
                    opening = sentence.rfind("Einstufung", max(0, at - 130), opening)
            at = sentence.find(word, at + 1)
    return False


def _is_word_char(text: str, index: int) -> bool:
    r"""Whether the character at `index` is one `\w` reads; False outside the text."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return char.isalnum() or char == "_"


def _after_auf(sentence: str, allowed: Callable[[str], bool]) -> int:
    r"""Where "auf", a space and a character `allowed` accepts first stand, as patterns that read
    "auf\s" and then such a character need; -1 when nowhere. No match of those starts before."""
    at = sentence.find("auf ")
    while at >= 0:
        if allowed(sentence[at + 4 : at + 5]):
            return at
        at = sentence.find("auf ", at + 4)
    return -1


def _said_target_verb(sentence: str) -> str | None:
    """The verb of "senkte ... Kursziel" when the target move wrote none of its own."""
    if not any(map(sentence.__contains__, _TARGET_VERBS)):
        return None
    # a match starts at most the verb's reach before the first "Kursziel"
    start = max(0, sentence.find("Kursziel") - _TARGET_VERB_REACH)
    said = _TARGET_VERB_RE.search(sentence, start)
    return said.group("verb") if said else None


def _stated_target(sentence: str) -> re.Match[str] | None:
    """`_TARGET_STATED_RE.search`, tried only where one of its opening words stands, as each
    match opens with one: the first of those places that matches is where a search stops."""
    starts: set[int] = set()
    for word in _STATED_OPENINGS:
        at = sentence.find(word)
        while at >= 0:
            starts.add(at)
            at = sentence.find(word, at + 1)
    for start in sorted(starts):
        stated = _TARGET_STATED_RE.match(sentence, start)
        if stated is not None:
            return stated
    return None


def _target(
    sentence: str, rating_action: RatingAction
) -> tuple[TargetAction, float | None, float | None, str | None]:
    if "Kursziel" not in sentence:  # both patterns need the word
        return "none", None, None, None
    # a move reads "auf" and a number after the word, so it starts before the first of those
    move = _TARGET_MOVE_RE.search(sentence) if _after_auf(sentence, str.isdecimal) >= 0 else None
    if move is not None:
        target = parse_number(move.group("target"), "de")
        prior = parse_number(move.group("prior"), "de") if move.group("prior") else None
        word = move.group("verb") or _said_target_verb(sentence)
        if word:
            action: TargetAction = "raise" if word in _UP_TARGET_VERBS else "lower"
        elif prior is not None and target is not None and prior != target:
            action = "raise" if target > prior else "lower"
        else:
            action = "set"
        return action, target, prior, normalise_currency(move.group("cur"))
    stated = _stated_target(sentence) if "Kursziel von" in sentence else None
    if stated is not None:
        action = "init" if rating_action == "init" else "set"
        return (
            action,
            parse_number(stated.group("target"), "de"),
            None,
            normalise_currency(stated.group("cur")),
        )
    return "none", None, None, None
