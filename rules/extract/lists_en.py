"""Lists of names in an English analyst sentence, each name its own event.

"Goldman Sachs and JPMorgan both upgraded Ford", "Analysts at A, B and C cut their targets on
X", "Bernstein initiates coverage on Visa, Mastercard and PayPal", "A, B and C downgraded to
Neutral at Guggenheim": the sentence is read with the list standing as its first name, and the
event found for that name is repeated for each other one. Values listed in the same order and
closed by "respectively" ("to buy and overweight, respectively", "to $62 and $60, respectively")
go one to each name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..events import AnalystAction
from .aliases import BROKER_TABLE, RATING_WORDS
from .covered_en import WORDS
from .grammar_en import VOCAB
from .money_en import NUM, currency_of
from .names import broker_base, company_base
from .numbers import parse_number

Reader = Callable[[str], list[AnalystAction]]

_LIST_ENDS = frozenset(WORDS["list_ends"])
_NAME_WORD_RE = re.compile(r"[A-Z0-9][\w.&'+-]*")
_INNER_WORDS = frozenset(("of", "&"))  # lower-case words a name holds inside ("Bank of America")
_AND = frozenset(("and", "And"))
_TOKEN_RE = re.compile(r"\S+")
_TRAILING_RE = re.compile(r"[,;:.!?\"')]+$")
# adverbs that only say the listed names acted alike
_ALIKE_RE = re.compile(r"^\s(?:both|all|each|also|jointly)(?=\s)")
_AMOUNT = rf"(?:[A-Z]{{0,3}}\$|[€£¥])?{NUM}(?:\s?(?:p|pence|euros?|yen|crowns|francs))?"
_SERIES = r"(?:,\s(?:and\s)?|,?\sand\s)"
_AMOUNTS_RE = re.compile(rf"(?<![\w.,$€£¥]){_AMOUNT}(?:{_SERIES}{_AMOUNT})+")
_RATINGS_RE = re.compile(rf"(?<![\w-])(?:{VOCAB})(?:{_SERIES}(?:{VOCAB}))+(?![\w-])", re.IGNORECASE)
_ITEM_SPLIT_RE = re.compile(_SERIES)
_RATINGS_OF_EACH_RE = re.compile(rf"(?<![\w-])(?P<rating>{VOCAB})\sratings\b", re.IGNORECASE)
_RESPECTIVELY_RE = re.compile(r",?\s[Rr]espectively\b")
_NUMBER_RE = re.compile(NUM)
# two capitalised words joined by "and": where a list may stand, looked for before any reading
_NAMES_JOINED_RE = re.compile(r"\s(?:and|And)\s[A-Z0-9]")
# "Chewy, Petco Price Targets Raised At Citi": a headline listing companies by commas alone,
# the plural of what was acted on right after them showing the list
_NAME = r"(?:[a-z](?=[A-Z]))?[A-Z0-9][\w.&'-]*(?:\s[A-Z0-9&][\w.&'-]*){0,3}?"
_COMMA_LISTED_RE = re.compile(
    rf"(?P<names>{_NAME}(?:,\s{_NAME})+)"
    r"(?P<noun>\s(?:[Pp]rice\s[Tt]argets|[Tt]arget\s[Pp]rices|PTs|[Tt]argets|[Rr]atings))(?![\w-])"
)
_PLURAL_RE = re.compile(
    r"\b(?P<owner>their|the)\s(?P<noun>price\stargets|targets|target\sprices|price\sobjectives|ratings)\b"
)


def respective_ratings(text: str) -> list[str]:
    """The ratings of a list closed by "respectively" ("to sector weight and perform,
    respectively"), in order; none where no such list stands."""
    for found in _RATINGS_RE.finditer(text):
        if _RESPECTIVELY_RE.match(text, found.end()):
            return [item for item in _ITEM_SPLIT_RE.split(found.group()) if item]
    return []


def _singular(match: re.Match[str]) -> str:
    owner = "its" if match.group("owner") == "their" else "the"
    return f"{owner} {match.group('noun')[:-1]}"


Span = tuple[int, int]

# A longer enumeration is a roundup ("Stocks to watch: ..."), not one broker's action on each.
MAX_NAMES = 5


@dataclass(slots=True)
class _Listed:
    spans: list[Span]
    joined_by_and: bool


def listed_events(text: str, found: list[AnalystAction], read: Reader) -> list[AnalystAction]:
    """`found`, the events of a plain reading of `text`; where the text lists brokers or
    companies, one event per listed name instead, when that yields more."""
    joined = " and " in text or " And " in text
    if not joined and ", " in text:
        comma_listed = _COMMA_LISTED_RE.match(text)
        if comma_listed is not None:
            fanned = _comma_listed(text, comma_listed, found, read)
            if fanned:
                return fanned
    if not joined or _NAMES_JOINED_RE.search(text) is None:
        # without "and" only brokers are listed, a comma after the first ("A, B Lift X
        # Targets", "X target raised at A, B")
        comma = text.find(", ")
        if comma < 0 or not _ends_with_broker(text[max(0, comma - 40) : comma]):
            return found
    for listed in _lists(text):
        if len(listed.spans) > MAX_NAMES:
            continue
        names = [text[start:end] for start, end in listed.spans]
        brokers = _broker_names(names)
        fanned = _fanned(text, listed.spans, brokers, "broker", found, read) if brokers else []
        # Banks may be listed as the companies acted on ("Citi upgraded Santander and BBVA"):
        # the list is of companies where the reading takes the first name for the company.
        if not fanned and listed.joined_by_and and _is_company_list(names, found):
            companies = [company_base(name, "en") for name in names]
            fanned = _fanned(text, listed.spans, companies, "company", found, read)
        if fanned:
            return fanned
    return found


def _comma_listed(
    text: str, listed: re.Match[str], found: list[AnalystAction], read: Reader
) -> list[AnalystAction]:
    """The events of a headline opening with companies listed by commas, one per company."""
    spans: list[Span] = []
    start = 0
    for name in listed.group("names").split(", "):
        spans.append((start, start + len(name)))
        start += len(name) + 2
    names = [text[first:last] for first, last in spans]
    if len(names) > MAX_NAMES or _broker_names(names) or not _is_company_list(names, found):
        return []
    # one company now has its one target or rating
    noun = listed.group("noun")
    collapsed = text[: spans[-1][1]] + noun[:-1] + text[listed.end() :]
    companies = [company_base(name, "en") for name in names]
    return _fanned(collapsed, spans, companies, "company", found, read)


def _ends_with_broker(text: str) -> bool:
    words = text.rsplit(" ", 3)[-3:]  # no broker's name is longer
    return any(" ".join(words[cut:]) in BROKER_TABLE for cut in range(len(words)))


def _lists(text: str) -> list[_Listed]:
    """Runs of two or more capitalised names joined by commas or "and", in order."""
    runs: list[_Listed] = []
    members: list[Span] = []
    joined = False  # the last member ended with a comma or an "and" followed it
    by_and = False
    current: list[int] | None = None

    def close_run() -> None:
        nonlocal members, by_and
        if len(members) > 1:
            runs.append(_Listed(members, by_and))
        members, by_and = [], False

    for token in _TOKEN_RE.finditer(text):
        raw = token.group()
        word = _TRAILING_RE.sub("", raw)
        tail = raw[len(word) :]
        if word in _AND and current is not None and not tail:
            members.append((current[0], current[1]))
            current, joined, by_and = None, True, True
            continue
        if word in _AND and current is None and joined and not tail:
            by_and = True
            continue
        is_word = word and (
            (_NAME_WORD_RE.fullmatch(word) and word.lower() not in _LIST_ENDS)
            or (current is not None and word in _INNER_WORDS)
        )
        if not is_word:
            if current is not None:
                members.append((current[0], current[1]))
                current = None
            close_run()
            joined = False
            continue
        if current is None:
            if members and not joined:
                close_run()
            current = [token.start(), token.start() + len(word)]
        else:
            current[1] = token.start() + len(word)
        if tail:
            members.append((current[0], current[1]))
            current = None
            joined = tail == ","
            if not joined:
                close_run()
        else:
            joined = False
    if current is not None:
        members.append((current[0], current[1]))
    close_run()
    return runs


def _broker_names(names: list[str]) -> list[str]:
    """The listed brokers, when every name is one; the last name's words may run on into the
    sentence in Title Case ("Deutsche Bank, Barclays Lift Siemens Targets")."""
    brokers: list[str] = []
    for place, name in enumerate(names):
        words = name.split(" ")
        last = place == len(names) - 1
        for cut in range(len(words) if last else 1, 0, -1) if last else (len(words),):
            broker = broker_base(" ".join(words[:cut]))
            if broker in BROKER_TABLE:
                brokers.append(broker)
                break
        else:
            return []
    return brokers


def _is_company_list(names: list[str], found: list[AnalystAction]) -> bool:
    """Listed names that may be companies: none a rating, and no event already naming more
    than the first as one company ("Marks and Spencer")."""
    for name in names:
        if name.lower() in RATING_WORDS or name.lower() == "respectively":
            return False
    first = company_base(names[0], "en")
    return all(event.company == first or names[0] not in event.company for event in found)


def _fanned(
    text: str,
    spans: list[Span],
    names: list[str],
    role: str,
    found: list[AnalystAction],
    read: Reader,
) -> list[AnalystAction]:
    """The events of `text` read with the list as its first name, repeated for each name."""
    start, end = spans[0][0], spans[-1][1]
    if role == "broker":
        # the last name's words past the broker are the sentence's own
        end = spans[-1][0] + _broker_length(text[spans[-1][0] : spans[-1][1]], names[-1])
    rest = text[end:]
    if role == "broker":
        # one broker now acts: its own target and rating, in the singular
        rest = _PLURAL_RE.sub(_singular, _ALIKE_RE.sub("", rest))
    elif " ratings" in rest:
        # each company now has its one rating: "with buy ratings"
        rest = _RATINGS_OF_EACH_RE.sub(r"\g<rating> rating", rest)
    values: dict[str, list[str]] = {}
    if _RESPECTIVELY_RE.search(rest):
        rest, values = _respective(_RESPECTIVELY_RE.sub("", rest), len(names))
    collapsed = text[:start] + text[spans[0][0] : spans[0][1]] + rest
    events = read(collapsed)
    lead = names[0].casefold()
    fanned: list[AnalystAction] = []
    for event in events:
        named = event.broker if role == "broker" else event.company
        if named.casefold() != lead:
            if event in found:  # the rewrite reads the listed names, nothing else
                fanned.append(event)
            continue
        for place, name in enumerate(names):
            copy = replace(event, broker=name) if role == "broker" else replace(event, company=name)
            if "ratings" in values:
                copy.rating = values["ratings"][place]
            if "amounts" in values:
                amount = values["amounts"][place]
                copy.target = parse_number(_NUMBER_RE.findall(amount)[0], "en")
                copy.currency = currency_of(amount) or event.currency
            fanned.append(copy)
    unique: list[AnalystAction] = []
    for event in fanned:
        if event not in unique:
            unique.append(event)
    if values:
        # the listed values are told apart only by reading the list
        return unique if len(unique) >= len(found) else []
    return unique if len(unique) > len(found) else []


def _broker_length(name: str, broker: str) -> int:
    words = name.split(" ")
    for cut in range(len(words), 0, -1):
        if broker_base(" ".join(words[:cut])) == broker:
            return len(" ".join(words[:cut]))
    return len(name)


def _respective(rest: str, count: int) -> tuple[str, dict[str, list[str]]]:
    """`rest` with each list of `count` values cut to its first, and the lists' values."""
    values: dict[str, list[str]] = {}
    for kind, pattern in (("amounts", _AMOUNTS_RE), ("ratings", _RATINGS_RE)):
        match = pattern.search(rest)
        if match is None:
            continue
        items = _ITEM_SPLIT_RE.split(match.group())
        if len(items) != count:
            continue
        values[kind] = items
        after = rest[match.end() :]
        if kind == "ratings" and after.startswith(" ratings"):
            after = " rating" + after[len(" ratings") :]  # one broker now keeps one rating
        rest = rest[: match.start()] + items[0] + after
    return rest, values
