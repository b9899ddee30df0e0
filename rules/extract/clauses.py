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

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..events import AnalystAction, RatingAction, TargetAction
from .names import company_base, single_spaced
from .numbers import CURRENCY_AFTER, CURRENCY_BEFORE, NUMBER, normalise_currency, parse_number
from .scan import WordScan, words_scan
from .slots_de import KnownNames

Mention = tuple[int, int, str]

_PARENS_RE = re.compile(r"\([^()]*\)")
# A number opens only where no digit or separator stands before it: started inside a long run
# of digits and dots, each start would read to the run's end and back, quadratic in its length.
_AMOUNT_RE = re.compile(
    rf"(?:(?P<cb>{CURRENCY_BEFORE})\s?(?P<n1>{NUMBER})|"
    rf"(?<![\d.,'])(?P<n2>{NUMBER})\s?(?P<ca>{CURRENCY_AFTER}))"
    r"(?![\w%])"
)
# "auf 28 beziehungsweise 30 Euro": the first number takes the currency of the second
_BARE_LIST_RE = re.compile(
    rf"(?<![\d.,'])(?P<n>{NUMBER})\s(?:beziehungsweise|bzw\.|und|and|or|oder)\s(?={CURRENCY_BEFORE}?\s?{NUMBER})"
)
_PRIOR_DE_RE = re.compile(rf"\bvon\s(?P<n>{NUMBER})\s(?:{CURRENCY_AFTER}\s)?auf\s")
_QUOTED_RE = re.compile(r"[\"„“']([^\"„“”']{1,40})[\"“”']")
_JOIN_RE = re.compile(
    r"^[\s,]*(?:(?:und|sowie|als auch|and|as well as|both)\b[\s,]*)?(?:(?:die|der|das|the)\s)?"
    r"(?:(?:Analysten|Experten|Kollegen|analysts)\s(?:von|der|des|at|from)\s(?:der\s|des\s)?)?$"
)
_NAMED_SLOT_RE = re.compile(r"\b(?:für|bei|on|for)\s(?P<word>[A-ZÄÖÜ][\w&.-]*)")
_RATING_MOVE_RE = re.compile(r"von\s[\"„“'][^\"„“”']+[\"“”']\sauf\s[\"„“']")
_FIRM_WORDS_RE = re.compile(
    r"(?:\s(?:Partners|Group|Securities|Capital\sMarkets|Advisors|Advisory\sGroup))+(?![\w-])"
)
_PERCENT_BEFORE_RE = re.compile(r"(?:Prozent|%|percent)\s+(?:auf|to)\s$")


def word_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A data file's "[section]" word lists, '#' lines left out."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {section: tuple(words) for section, words in sections.items()}


def _section_pattern(section: str) -> re.Pattern[str]:
    """A section's words as one pattern; "*" stands for the rest of a word, a space inside a
    phrase for up to six words between ("stufte die Aktie hoch")."""
    parts = []
    for word in sorted(_WORDS[section], key=len, reverse=True):
        piece = re.escape(word).replace(r"\*", r"\w*")
        if section in ("up", "down") and " " in word and "*" in word:
            piece = piece.replace(r"\ ", r"(?:\s\S+){0,6}?\s")
        else:
            piece = piece.replace(r"\ ", r"\s")
        parts.append(piece)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


# Built once at import: a sentence is read in a few µs, a table in a few ms.
_WORDS = word_sections("clause_words.txt")
_PATTERNS = {section: _section_pattern(section) for section in _WORDS}
_ACTIONS: tuple[RatingAction, ...] = ("init", "up", "down", "main")
# For each target noun and rating action, its longest word (up to a "*"): one of them stands in
# every sentence the reader can read, and all are found in one pass before any pattern is tried.
TRIGGERS: WordScan[str] = words_scan(
    {
        max((part.split("*")[0] for part in word.split(" ")), key=len)
        for section in ("target_nouns", *_ACTIONS)
        for word in _WORDS[section]
    }
)


def _pattern(section: str) -> re.Pattern[str]:
    return _PATTERNS[section]


@dataclass(slots=True)
class _Segment:
    broker: str
    start: int
    end: int
    direction: str | None = None  # "raise" / "lower", from a target verb
    rating_action: RatingAction = "none"
    ratings: list[str] = field(default_factory=list)
    targets: list[tuple[float, str | None]] = field(default_factory=list)
    priors: list[float] = field(default_factory=list)
    company: str | None = None
    named_elsewhere: bool = False
    target_kept: bool = False  # "beließ das ihre bei 100 Euro": the keeping verb is the target's

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
    if (
        len(sentence) > 1000
        or not TRIGGERS.find(sentence.lower())
        or not any(_pattern(name).search(sentence) for name in ("target_nouns", *_ACTIONS))
    ):
        return []
    masked = _PARENS_RE.sub(lambda m: " " * len(m.group()), sentence)
    known = KnownNames(masked)
    acted_on = [
        b for b in known.brokers() if _OBJECT_BEFORE_RE.search(sentence, max(0, b[0] - 20), b[0])
    ]
    brokers = sorted(b for b in known.brokers() if b not in acted_on)
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
    for c in sorted([*known.companies(), *acted_on], key=lambda m: (m[0], -m[1])):
        if any(b[0] <= c[0] < b[1] for b in brokers) or any(o[0] <= c[0] < o[1] for o in companies):
            continue
        if not _DESCRIPTOR_AFTER_RE.match(sentence, c[1]):
            companies.append(c)
    company_names = list(dict.fromkeys(n for c in companies if (n := company_base(c[2], lang))))
    segments = _segments(sentence, brokers)
    prefix = sentence[: segments[0].start]
    direction = _direction(prefix)
    for segment in segments:
        _read(sentence, segment, lang)
    _share_joined(sentence, segments)
    for segment in segments:
        if segment.direction is None and segment.targets and not segment.target_kept:
            segment.direction = direction  # elided verb: the clause before it gives it
        direction = segment.direction or direction
        inside = [c for c in companies if segment.start <= c[0] < segment.end]
        if segment is segments[0]:
            inside = [c for c in companies if c[0] < segment.end] or inside
        if inside:
            segment.company = company_base(inside[0][2], lang) or None
        elif len(company_names) == 1:
            segment.company = company_names[0]
        elif (
            not company_names
            and (subject := subject_of())
            and not _names_other(sentence, segment, subject)
        ):
            segment.company = subject
    return [event for segment in segments if (event := _event(segment))]


_ANAPHOR_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, _WORDS["broker_anaphors"])) + r")(?![\w-])",
    re.IGNORECASE,
)


_OBJECT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, _WORDS["object_before"])) + r")\s(?:the\s)?$",
    re.IGNORECASE,
)
_DESCRIPTOR_AFTER_RE = re.compile(
    r"(?:'s)?\s(?:" + "|".join(map(re.escape, _WORDS["descriptor_nouns"])) + r")\b"
)


def refers_to_broker(sentence: str) -> bool:
    """Whether a sentence names a broker by a noun ("der Analyst", "the broker")."""
    return _ANAPHOR_RE.search(sentence) is not None


def with_named_broker(sentence: str, broker: str) -> str | None:
    """The sentence with the broker named where it refers to the one broker of the sentence
    before by a noun ("Der Analyst reduzierte das Ziel ...", "nachdem die Analysten die Aktie
    abgestuft hatten"): the noun must stand before the sentence's first action word."""
    anaphor = _ANAPHOR_RE.search(sentence)
    if anaphor is None:
        return None
    action = TRIGGERS.find(sentence.lower())
    if not action or min(start for _, start, _ in action) < anaphor.end():
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


def _as_written(sentence: str, end: int, raw: str) -> str:
    """A broker's name with the firm words the text writes after the spelling the tables know
    ("Leerink" + " Partners", "Telsey Advisory" + " Group")."""
    more = _FIRM_WORDS_RE.match(sentence, end)
    return raw + more.group() if more else raw


def _broker_name(raw: str) -> str:
    return single_spaced(raw).strip(" ,;:-")


def _direction(text: str) -> str | None:
    raise_at = _pattern("raise").search(text)
    lower_at = _pattern("lower").search(text)
    if raise_at and (not lower_at or raise_at.start() < lower_at.start()):
        return "raise"
    return "lower" if lower_at else None


def _read(sentence: str, segment: _Segment, lang: str) -> None:
    text = sentence[segment.start : segment.end]
    rating_spans: list[tuple[int, int]] = []
    for name in _ACTIONS:
        found = _pattern(name).search(text)
        if found is not None:
            segment.rating_action = name
            rating_spans.append(found.span())
            break
    plain = text
    for start, end in rating_spans:
        plain = plain[:start] + " " * (end - start) + plain[end:]
    segment.direction = _direction(plain)
    quoted = [q.group(1) for q in _QUOTED_RE.finditer(text)]
    # "hob das Papier von "Hold" auf "Buy"": the verb moves the rating too
    if (
        lang == "de"
        and len(quoted) >= 2
        and segment.rating_action == "none"
        and _RATING_MOVE_RE.search(text)
    ):
        segment.rating_action = "up" if segment.direction == "raise" else "down"
        quoted = quoted[1:]
    if lang == "de" and segment.rating_action != "none":
        segment.ratings = [q for q in quoted if q[:1].isalpha()]
        if len(segment.ratings) > 1 and re.search(r"\bvon\s[\"„“']", text):
            segment.ratings = segment.ratings[1:]
    elif segment.rating_action != "none":
        segment.ratings = _english_ratings(text)
    decimal: Literal["de", "en"] = "de" if lang == "de" else "en"
    priors = {m.start("n") for m in _PRIOR_DE_RE.finditer(text)} if lang == "de" else set()
    for match in _PRIOR_DE_RE.finditer(text) if lang == "de" else ():
        value = parse_number(match.group("n"), decimal)
        if value is not None:
            segment.priors.append(value)
    amounts = [amount.span() for amount in _AMOUNT_RE.finditer(text)]
    for match in _BARE_LIST_RE.finditer(text):
        following = _AMOUNT_RE.match(text, match.end())
        value = parse_number(match.group("n"), decimal)
        # "$260 and $300": a number with its own currency is read as an amount below
        own = any(start <= match.start("n") < end for start, end in amounts)
        if following and value is not None and match.start() not in priors and not own:
            currency = normalise_currency(following.group("cb") or following.group("ca"))
            segment.targets.append((value, currency))
    for match in _AMOUNT_RE.finditer(text):
        if match.start() in priors:
            continue
        value = parse_number(match.group("n1") or match.group("n2"), decimal)
        if value is None or _PERCENT_BEFORE_RE.search(text, 0, match.start()):
            continue
        currency = normalise_currency(match.group("cb") or match.group("ca"))
        before = text[max(0, match.start() - 6) : match.start()].lower()
        if before.endswith("from ") or (
            before.endswith("von ") and re.match(r"\s*auf\s", text[match.end() :])
        ):
            segment.priors.append(value)
        else:
            segment.targets.append((value, currency))
    segment.targets.sort(key=lambda t: text.find(str(t[0])))
    if segment.rating_action == "main" and not segment.ratings and segment.targets:
        # a keeping verb with a target and no rating keeps the target ("Ziel bleibt N" -> set)
        segment.rating_action = "none"
        segment.target_kept = True


_RATING_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"[\s-]") for w in sorted(_WORDS["ratings"], key=len)[::-1]
)
_ENGLISH_RATING_RE = re.compile(
    rf"\b(?:to|an?|its|with\san?|rating\sof)\s[\"']?(?P<r>{_RATING_WORDS})\b(?![\w-])",
    re.IGNORECASE,
)


def _english_ratings(text: str) -> list[str]:
    found = _ENGLISH_RATING_RE.search(text)
    return [found.group("r")] if found else []


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


def _dealt(values: list, position: int, size: int) -> list:
    if len(values) == size:
        return [values[position]]
    return values[:1] if len(values) == 1 else []


def _names_other(sentence: str, segment: _Segment, subject: str) -> bool:
    """Whether the segment names a company no table knows ("für Zeta Global"), so that the
    document's subject cannot stand in for it."""
    for match in _NAMED_SLOT_RE.finditer(sentence, segment.start, segment.end):
        word = match.group("word")
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
    if action == "none" and segment.rating_action == "none":
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
