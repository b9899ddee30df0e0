"""How many analysts rate a stock buy, hold or sell, and the consensus rating they add up to.

A sentence lists counts, each followed within a few words by the rating it counts: "52 buy
ratings and 4 hold ratings", "7 buy, 4 hold, 1 sell", "56 rate the stock a buy, 4 a hold and
none a sell", "22 zum Kauf, 7 zum Halten und 1 zum Verkauf", "17 Kaufempfehlungen, 2 Halten".
A later item may leave out the words the first one spelled out ("4 a hold"): each count takes
the first rating between it and the next number. A count of the analysts themselves ("of the
30 analysts", "von 25 Analysten", "12 von 15 Analysten raten zum Kauf") is the total, not a side.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import repeat

from .data_files import word_sections
from .numbers import CURRENCY_AFTER
from .scan import words_scan

SIDES = ("buy", "hold", "sell")
# How far a count's rating may stand from it: "35 recommend buying the stock"; a count in
# words reaches further ("Two research analysts have rated the stock with a hold rating").
_RATING_REACH = 48
_SPELLED_RATING_REACH = 64
_ITEM_STOPS = ".;:!?\n"
_SEPARATOR_RE = re.compile(r",\s|\s(?:und|and|sowie|or|oder)\s")
# How far before a count the separator opening its item may stand ("und verkaufen 3")
_ITEM_OPENING = 24


def _words_pattern(words: tuple[str, ...], group: str = "word") -> str:
    spelled = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return rf"(?<![\w-])(?P<{group}>{spelled})(?![\w-])"


_WORDS = word_sections("consensus_words.txt")
_SIDE_OF = {word: side for side in SIDES for word in _WORDS[side]}
_NUMBER_WORDS = {
    word: int(value) for word, value in (entry.rsplit(" ", 1) for entry in _WORDS["number"])
}
_NUMBER_WORD_SCAN = words_scan(_NUMBER_WORDS)
COMPILERS = frozenset(_WORDS["compiler"])
_SPELLED_LIST_HINTS = tuple(word.lower() for word in _WORDS["spelled list hints"])

_RATING_RE = re.compile(_words_pattern(tuple(_SIDE_OF)), re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")
_RATING_SCAN = words_scan(_SIDE_OF)
# A count: one to three digits, or a number word, that is not part of a larger number, an
# amount or a percentage.
_NOT_AN_AMOUNT = (
    rf"(?![\w%-])(?!\s?(?:{CURRENCY_AFTER}(?!\w)|(?:%|Prozent|percent|Cent|cents|Mrd|Mio|"
    r"Milliarden|Millionen|billion|million|Punkte|points)\b))"
)
# What may not stand just before a count: it would be part of a number, an amount or a word.
_NOT_AFTER = r"[\w$€£¥.,'-]"
_DIGITS_END = r"(?![\d.,]\d)"  # no more digits after a separator: "1,500" is no count of 1
_NUMBER_WORD = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
# The same count in digits, opening with its first digit so the matcher tries only where a
# digit stands: the look-behind then reads the digit and the character before it.
_DIGIT_FIRST = rf"\d(?<!{_NOT_AFTER}\d)\d{{0,2}}{_DIGITS_END}"
_DIGIT_COUNT_RE = re.compile(_DIGIT_FIRST + _NOT_AN_AMOUNT)
_COUNT_RE = re.compile(
    rf"(?<!{_NOT_AFTER})(?P<count>\d{{1,3}}{_DIGITS_END}|{_NUMBER_WORD})" + _NOT_AN_AMOUNT,
    re.IGNORECASE,
)
# `_COUNT_RE`'s two kinds of count, each tried only where one can start: at a digit, or where
# the lower-cased text spells a number word.
_DIGIT_COUNT_ANY_CASE_RE = re.compile(rf"(?P<count>{_DIGIT_FIRST})" + _NOT_AN_AMOUNT, re.IGNORECASE)
_WORD_COUNT_RE = re.compile(
    rf"(?<!{_NOT_AFTER})(?P<count>{_NUMBER_WORD})" + _NOT_AN_AMOUNT, re.IGNORECASE
)
_COUNTED_RE = re.compile(r"\s(?:" + "|".join(map(re.escape, _WORDS["counted"])) + r")\b", re.I)
# A count of things, not analysts: "5 Aktien kaufen und 3 halten".
_THINGS_RE = re.compile(r"\s(?:" + "|".join(map(re.escape, _WORDS["not analysts"])) + r")\b", re.I)
# Words before a count that make it the whole: "of the 30", "among the 40", "von den 24",
# "25 der 31".
_TOTAL_BEFORE_RE = re.compile(
    r"(?:\b(?:[Oo]f|[Aa]mong|[Vv]on|[Uu]nter|[Ii]nsgesamt)(?:\s(?:the|all|den|allen|insgesamt))?"
    r"|\bvon\sinsgesamt|(?<=\d\s)der)\s$"
)
_LIST_BEFORE_RE = re.compile(r"(?:,|\b(?:and|und|sowie|or|oder))\s$", re.IGNORECASE)
# "Verkaufsempfehlungen gibt es keine", "zum Verkauf rät niemand": a side named first and
# counted as none after it.
_NOBODY = _WORDS["nobody"]
_NONE_AFTER_RE = re.compile(
    _words_pattern(tuple(_SIDE_OF))
    + r"\s(?:(?:"
    + "|".join(map(re.escape, _WORDS["nobody verbs"]))
    + r")\s)?(?:"
    + "|".join(map(re.escape, _NOBODY))
    + r")\b",
    re.IGNORECASE,
)
# "von 95 auf 110 Euro": a number that moves on to another is no count of the analysts
_MOVED_ON_RE = re.compile(r"\s(?:auf|to)\s[$€£]?\d")
_QUOTE = r"[\"'„“”‚‘]?"
_CONSENSUS_LABEL = _words_pattern(_WORDS["consensus rating"], "rating")
_CONSENSUS_RATING_RES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "a consensus rating of 'Moderate Buy'", "an average rating of 'buy'", "consensus 'hold'",
        # "the average broker rating for Nike stock is Buy"
        # "the consensus rating on Intel is Hold", "the consensus among the 28 analysts ... is Hold"
        r"\b(?:consensus|average|mean)\s(?:(?:analyst|broker|brokerage)\s)?(?:(?:(?:rating|"
        r"recommendation)(?:\s(?:for|on)\s[^.;:,]{1,40}?)?|among\s[^.;:,]{1,60}?)"
        r"\s(?:of|is)\s)?(?:an?\s)?" + _QUOTE + _CONSENSUS_LABEL + _QUOTE,
        # "a Moderate Buy consensus rating", "a Strong Buy consensus from 40 analysts"
        _QUOTE + _CONSENSUS_LABEL + _QUOTE + r"\sconsensus\s(?:rating|recommendation|from|among)\b",
        # "die Konsensempfehlung der Analysten für Adidas lautet 'Kaufen'"
        # "Der Analystenkonsens für Siemens liegt bei 'Kaufen'": the noun may end a compound
        r"(?:\b(?:Konsens|Durchschnitts)(?:-?(?:empfehlung|einschätzung|einstufung|rating|"
        r"urteil|votum))|(?<=[a-zäöü])konsens)\b[^.;:,]{0,40}?\b(?:lautet|ist|liegt\sbei|"
        r"steht\sauf|auf)\s" + _QUOTE + _CONSENSUS_LABEL + _QUOTE,
        # "im Konsens ein 'Kaufen'", "raten im Schnitt zum Kauf"
        r"\b(?:im\sKonsens|im\sSchnitt|mehrheitlich)\s(?:ein\s|zum\s)?" + _QUOTE + _CONSENSUS_LABEL,
    )
)


# One of these stands in every sentence a consensus rating pattern can match.
_CONSENSUS_RATING_WORDS = (
    "consensus",
    "average",
    "mean",
    "konsens",
    "durchschnitt",
    "im schnitt",
    "mehrheitlich",
)


# For each consensus rating pattern, one of these stands in every text it matches.
_CONSENSUS_RATING_GATES = (
    ("consensus", "average", "mean"),
    ("consensus rating", "consensus recommendation", "consensus from", "consensus among"),
    ("konsens", "durchschnitts"),
    ("im konsens", "im schnitt", "mehrheitlich"),
)


# For each consensus rating pattern, the words one of which opens each of its matches (in any
# case); none where a match opens with the rating.
_CONSENSUS_RATING_OPENINGS: tuple[tuple[str, ...], ...] = (
    ("consensus", "average", "mean"),
    (),
    ("konsens", "durchschnitts"),
    ("im", "mehrheitlich"),
)


# (index of the word in the scan's values, start, end)
Place = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class RatingSplit:
    """The analysts on each side (None where the text does not count a side) and their total."""

    buy: int | None
    hold: int | None
    sell: int | None
    analysts: int | None


@dataclass(slots=True)
class _Count:
    start: int
    end: int
    value: int
    in_digits: bool
    side: str | None = None


# "a Strong Buy consensus among the 22 analysts tracked by LSEG": the total with no side counted
_ANALYST_TOTAL_RE = re.compile(
    r"\b(?:[Aa]mong|[Oo]f|[Ff]rom|[Vv]on|[Uu]nter)\s(?:the\s|all\s|den\s)?(?P<count>\d+)\s"
    r"(?:analysts|brokers|brokerages|Analysten)\b"
)


def analyst_total(text: str) -> int | None:
    """The number of analysts a consensus is taken among, where no side is counted."""
    match = _ANALYST_TOTAL_RE.search(text)
    return int(match.group("count")) if match else None


def rating_split(text: str, lowered: str | None = None) -> RatingSplit | None:
    """The split a sentence states, or None: it needs a side counted in digits and either a
    second side or the total of analysts, so a lone "5 Buy-rated stocks" is no split; or else
    a list of at least two sides counted in words ("Four analysts rate it a buy, two a hold")."""
    lowered = text.lower() if lowered is None else lowered
    # Most sentences with a rating word count nothing. The rating words are found first, as
    # both readings gate on them, and each gate below looks only near them, not through the
    # whole text: counts in digits need a digit within reach before a rating word (a text with
    # none fails that gate), a list in words needs two rating words standing as words.
    places = _RATING_SCAN.find(lowered)
    split = _split_in_digits(text, lowered, places)
    if (
        split is None
        and _free_count(lowered, places) >= 2
        and any(map(lowered.__contains__, _SPELLED_LIST_HINTS))
    ):
        split = _split_in_words(text, lowered, places)
    return split


def _free_count(lowered: str, places: list[Place]) -> int:
    """How many rating words found stand as words (see `_free`)."""
    count = 0
    for _, start, end in places:  # a plain loop: a generator costs a function each call
        if _free(lowered, start, end):
            count += 1
    return count


def _split_in_digits(text: str, lowered: str, places: list[Place]) -> RatingSplit | None:
    # a rating word within reach after a number (which a text with no digit lacks)
    if not _rating_after_number(text, lowered, places):
        return None
    ratings = _rating_places(text, lowered, places)
    # Number words are looked for only once a count in digits has a rating after it.
    digits = []
    for match in _DIGIT_COUNT_RE.finditer(text):  # plain loops: no function per call
        digits.append(match.end())
    for at, end in enumerate(digits):
        following = digits[at + 1] if at + 1 < len(digits) else len(text)
        if _side_after(text, end, following, ratings):
            break
    else:
        return None
    counts = [
        _Count(
            match.start(),
            match.end(),
            int(word) if word.isdigit() else _NUMBER_WORDS.get(_folded(word), 0),
            word.isdigit(),
        )
        for match in _count_matches(text, lowered)
        for word in (match.group("count"),)
    ]
    if not any(count.in_digits for count in counts):
        return None
    sides: dict[str, int] = {}
    analysts: int | None = None
    for index, count in enumerate(counts):
        following = counts[index + 1].start if index + 1 < len(counts) else len(text)
        side = (
            None
            if _THINGS_RE.match(text, count.end)
            else _side_after(text, count.end, following, ratings)
        )
        before = text[max(0, count.start - 24) : count.start]
        if _MOVED_ON_RE.match(text, count.end):
            continue  # "von 60 auf 66 Euro": a target moved, not analysts counted
        if _TOTAL_BEFORE_RE.search(before):
            previous = counts[index - 1] if index else None
            # "35 of the 48 analysts rate it a buy": the rating belongs to the part
            if previous is not None and previous.side is None and _joins(text, previous, count):
                previous.side = side
                _add(sides, previous)
            if count.in_digits:
                analysts = count.value
            continue
        if side is None:
            if count.in_digits and analysts is None and _COUNTED_RE.match(text, count.end):
                analysts = count.value  # "16 Analysten bewerten ...: 9 x Kaufen"
            continue
        if (
            not count.in_digits
            and not _LIST_BEFORE_RE.search(before)
            and not _opens_list(text, counts, index)
        ):
            continue  # a number word counts only as an item of a list ("und einer zum Verkauf")
        count.side = side
        _add(sides, count)
    if not any(count.side and count.in_digits for count in counts):
        return None
    if _may_count_none(text, lowered):
        for match in _NONE_AFTER_RE.finditer(text):
            if side := _SIDE_OF.get(_folded(match.group("word"))):
                sides.setdefault(side, 0)
    if len(sides) < 2 and analysts is None:
        return None
    if analysts is not None and sum(sides.values()) > analysts:
        analysts = None  # the larger number was not the total after all
    return RatingSplit(sides.get("buy"), sides.get("hold"), sides.get("sell"), analysts)


def _split_in_words(text: str, lowered: str, places: list[Place]) -> RatingSplit | None:
    """A list of sides counted in words: the first count opens it, each later one follows a
    list word ("Four analysts rate the stock a buy, seventeen a hold and two a sell"). A count
    that is a total, or counts things, stays out; a list needs two sides, so two rating words."""
    if len(places) < 2:
        return None
    numbers = _NUMBER_WORD_SCAN.find(lowered)  # looked for once two rating words stand
    if not _words_before_ratings(lowered, places, numbers):
        return None
    ratings = _rating_places(text, lowered, places)
    sides: dict[str, int] = {}
    counts = [
        _Count(match.start(), match.end(), _NUMBER_WORDS.get(_folded(word), 0), False)
        for match in _count_matches(text, lowered, numbers)
        for word in (match.group("count"),)
        if not word.isdigit()
    ]
    for index, count in enumerate(counts):
        following = counts[index + 1].start if index + 1 < len(counts) else len(text)
        before = text[max(0, count.start - 24) : count.start]
        if (
            _TOTAL_BEFORE_RE.search(before)
            or _THINGS_RE.match(text, count.end)
            or _MOVED_ON_RE.match(text, count.end)
        ):
            continue
        side = _side_after(text, count.end, following, ratings, _SPELLED_RATING_REACH)
        if side is None:
            continue
        if sides and not _LIST_BEFORE_RE.search(before):
            break  # the list has ended
        if not sides and not count.value:
            continue  # "no buy rating": nothing opens a list
        count.side = side
        _add(sides, count)
    if _may_count_none(text, lowered):
        for match in _NONE_AFTER_RE.finditer(text):
            if sides and (side := _SIDE_OF.get(_folded(match.group("word")))):
                sides.setdefault(side, 0)
    if len(sides) < 2:
        return None
    # "Out of the 14 analysts covering Ford, four rate the stock a Buy, eight a Hold": the total
    # in digits beside a list in words
    analysts = analyst_total(text)
    if analysts is not None and sum(sides.values()) > analysts:
        analysts = None
    return RatingSplit(sides.get("buy"), sides.get("hold"), sides.get("sell"), analysts)


def _opens_list(text: str, counts: list[_Count], index: int) -> bool:
    """Whether a count in words opens a list the next count goes on with in the same clause
    ("based on four Buys, 11 Holds and one Sell")."""
    if index + 1 >= len(counts):
        return False
    following = counts[index + 1]
    between = text[counts[index].end : following.start]
    if any(stop in between for stop in _ITEM_STOPS):
        return False
    return _LIST_BEFORE_RE.search(text[max(0, following.start - 24) : following.start]) is not None


def _words_before_ratings(lowered: str, places: list[Place], numbers: list[Place]) -> bool:
    """Whether two rating words stand as words, one of them within reach after a number word:
    never False where a list in words can be read, and far cheaper than reading it."""
    free = [start for _, start, end in places if _free(lowered, start, end)]
    if len(free) < 2:
        return False
    ends = sorted(end for _, start, end in numbers if _free(lowered, start, end))
    for start in free:
        # the first number word ending within reach before the rating word, if any
        at = bisect_left(ends, start - _SPELLED_RATING_REACH)
        if at < len(ends) and ends[at] < start:
            return True
    return False


def _free(lowered: str, start: int, end: int) -> bool:
    """Whether a word found at start:end stands as a word (no letter or digit either side)."""
    return (not start or not lowered[start - 1].isalnum()) and (
        end == len(lowered) or not lowered[end].isalnum()
    )


def _count_matches(
    text: str, lowered: str | None, numbers: list[Place] | None = None
) -> list[re.Match[str]]:
    """What `_COUNT_RE.finditer(text)` yields, without trying the pattern at every place: its
    matches open at a digit or a number word (the next opens at or after the end of the one
    before), and in a text that lower-cases letter for letter, without the letters a
    case-insensitive pattern takes for "s" or "i", a number word stands in any case where it
    stands in the lower-cased text; `numbers` are the number words' places where known."""
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text) or any(map(text.__contains__, _FOLDED_S_I)):
        return list(_COUNT_RE.finditer(text))
    found = list(_DIGIT_COUNT_ANY_CASE_RE.finditer(text))
    if numbers is None:
        numbers = _NUMBER_WORD_SCAN.find(lowered)
    starts = sorted({start for _, start, _ in numbers})
    words = [match for match in map(_WORD_COUNT_RE.match, repeat(text), starts) if match]
    if not words:
        return found
    matches: list[re.Match[str]] = []
    resume = 0
    for match in sorted(found + words, key=_start):
        if match.start() >= resume:
            matches.append(match)
            resume = match.end()
    return matches


def _start(match: re.Match[str]) -> int:
    return match.start()


def consensus_rating(text: str, lowered: str | None = None) -> str | None:
    """The consensus rating a sentence names, as written ("Moderate Buy", "Kaufen");
    `lowered` is the text lower-cased, where the caller has it."""
    lowered = text.lower() if lowered is None else lowered
    holds = lowered.__contains__
    if not any(map(holds, _CONSENSUS_RATING_WORDS)):
        return None
    # the leftmost match of any pattern, the earlier pattern's on a tie: each pattern's first
    found = [
        match
        for pattern, words, openings in zip(
            _CONSENSUS_RATING_RES,
            _CONSENSUS_RATING_GATES,
            _CONSENSUS_RATING_OPENINGS,
            strict=True,
        )
        if any(map(holds, words))
        for match in (_first_match(pattern, text, lowered, openings),)
        if match is not None
    ]
    if not found:
        return None
    return min(found, key=lambda match: match.start()).group("rating")


def _first_match(
    pattern: re.Pattern[str], text: str, lowered: str, openings: tuple[str, ...]
) -> re.Match[str] | None:
    """`pattern.search(text)` for a pattern whose every match opens with one of `openings`,
    tried only where one of them stands in `lowered` (`text` lower-cased): far cheaper than
    trying every place of a long text."""
    if not openings or len(lowered) != len(text) or any(map(text.__contains__, _FOLDED_S_I)):
        return pattern.search(text)
    starts: set[int] = set()
    for word in openings:
        at = lowered.find(word)
        while at >= 0:
            starts.add(at)
            at = lowered.find(word, at + 1)
    for start in sorted(starts):
        match = pattern.match(text, start)
        if match is not None:
            return match
    return None


# Letters a case-insensitive pattern takes for "s" or "i" that lower-case to something else: where
# one stands, the lower-cased text does not show every place such a pattern can match.
_FOLDED_S_I = ("ſ", "ı")

# Letters that match "i" case-insensitively yet lower-case to something else ("ı"), or that
# grow when lower-cased ("İ"): where one stands, a word test on the lower-cased text may miss.
_CASE_ODDITIES = ("ı", "İ")


def _may_count_none(text: str, lowered: str | None) -> bool:
    """Whether `_NONE_AFTER_RE` can match: it needs one of the words for nobody, in any case."""
    lowered = text.lower() if lowered is None else lowered
    return any(map(lowered.__contains__, _NOBODY)) or any(map(text.__contains__, _CASE_ODDITIES))


def _rating_after_number(text: str, lowered: str, places: list[Place]) -> bool:
    """Whether a rating word stands as a word within reach after a number: never False where a
    split can be read, and far cheaper than reading it ("shareholders" holds no "hold").
    `places` are where the scan finds rating words in `lowered`."""
    if len(lowered) != len(text):
        return True  # offsets would drift: let the patterns decide
    size = len(lowered)
    for _, start, end in places:  # a plain loop: a generator costs a function each call
        if (
            (not start or not lowered[start - 1].isalnum())
            and (end == size or not lowered[end].isalnum())
            and _DIGIT_RE.search(text, max(0, start - _RATING_REACH - _RELATIVE_MAX), start)
        ):
            return True
    return False


# (start, end, side) of a rating word, where _RATING_RE could match it
RatingPlace = tuple[int, int, str]


def _rating_places(text: str, lowered: str, places: list[Place]) -> list[RatingPlace] | None:
    """Where a rating word stands in `text` with no word character or hyphen before it, by
    start and, at one start, longest first: the places `_RATING_RE` tries, in the order it
    tries them. None where the lower-cased text does not show every place the case-insensitive
    pattern can match (see `_first_match`)."""
    if len(lowered) != len(text) or any(map(text.__contains__, _FOLDED_S_I)):
        return None
    words = _RATING_SCAN.values
    found: list[RatingPlace] = []
    for index, start, end in places:  # a plain loop: a generator costs a function each call
        if not start or not _is_word_or_hyphen(text[start - 1]):
            found.append((start, end, _SIDE_OF[words[index]]))
    found.sort(key=_longest_first)
    return found


def _longest_first(place: RatingPlace) -> tuple[int, int]:
    return place[0], -place[1]


def _folded(word: str) -> str:
    """A word as the tables spell it, also where a case-insensitive pattern matched it through
    a letter that is "s" or "i" only in its case rules ("holdſ" for "holds")."""
    return word.lower().replace("ſ", "s").replace("ı", "i").replace("i̇", "i")


def _is_word_or_hyphen(char: str) -> bool:
    return char.isalnum() or char in "_-"  # what [\w-] reads


def _side_after(
    text: str,
    start: int,
    following: int,
    ratings: list[RatingPlace] | None = None,
    reach: int = _RATING_REACH,
) -> str | None:
    """The side of the first rating after a count, before the next number and the end of the
    item; `ratings` are `_rating_places` of the text, where known. A relative clause after
    the count's noun does not use up the reach ("8 der 10 Analysten, die die Aktie
    beobachten, raten zum Kauf")."""
    relative = _RELATIVE_AFTER_RE.match(text, start) if "," in text[start : start + 24] else None
    opened = relative.end() if relative else start
    end = min(following, opened + reach, len(text))
    for stop in _ITEM_STOPS:
        at = text.find(stop, start, end)
        if at >= 0:
            end = at
    if following < len(text) and following - start <= reach + _ITEM_OPENING:
        # the next count's item opens at a separator just before it: a rating there is its
        # ("Kaufen empfehlen 8, halten 15": "halten" is not the 8's)
        opening = _SEPARATOR_RE.search(text, max(opened, following - _ITEM_OPENING), following)
        if opening is not None:
            end = min(end, opening.start())
    if ratings is None:
        match = _RATING_RE.search(text, start, end)
        return _SIDE_OF.get(_folded(match.group("word"))) if match else None
    # the first place in reach whose word ends the word it stands in (or the reach)
    for word_start, word_end, side in ratings:
        if word_start >= end:
            break
        if word_start < start or word_end > end:
            continue
        if word_end == end or not _is_word_or_hyphen(text[word_end]):
            return side
    return None


# A count's noun and a relative clause after it, to the comma that closes the clause.
_RELATIVE_AFTER_RE = re.compile(
    r"\s[^\W\d]{1,20},\s(?:" + "|".join(_WORDS["relative pronouns"]) + r")\s[^,.;:!?\d]{1,60},\s"
)
# The longest text that pattern matches: a rating may stand that much further from its count.
_RELATIVE_MAX = 1 + 20 + 2 + max(map(len, _WORDS["relative pronouns"])) + 1 + 60 + 2


def _joins(text: str, part: _Count, whole: _Count) -> bool:
    """Whether only "of the"/"von den" stands between a part and its whole."""
    return len(text[part.end : whole.start].split()) <= 3


def _add(sides: dict[str, int], count: _Count) -> None:
    if count.side is not None:
        sides[count.side] = sides.get(count.side, 0) + count.value
