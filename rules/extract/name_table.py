"""Case-insensitive lookup of multi-word names in running text, longest match first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from .scan import WordScan, words_scan

_TOKEN_RE = re.compile(r"[\w&.'+-]+")

# (table, rank in the table, lower-cased spelling, length of the name it spells)
Spelling = tuple[int, int, str, int]


class NameTable:
    """Case-insensitive lookup of multi-word names in running text, longest match first.

    German inflection is folded: "Deutscher Bank" finds "Deutsche Bank", "Dialogs" finds
    "Dialog".
    """

    def __init__(
        self, names: Iterable[str], max_words: int = 5, as_written: Iterable[str] = ()
    ) -> None:
        self._names: dict[str, str] = {}
        for name in (*names, *as_written):
            self._names[table_key(name)] = name
        # names that are also words ("LEG", "leg"): found only where the text writes them so
        self._as_written = frozenset(table_key(name) for name in as_written)
        # A match is as many words as the name it matches, so no window need be wider.
        widest = max((len(key.split(" ")) for key in self._names), default=1)
        self._max_words = min(max_words, widest)
        # Every match starts with one of these words (a compound or "-s" form only on its own).
        self._first_words = frozenset(key.split(" ", 1)[0] for key in self._names)
        # ... so a match starts at a token that opens with one of them (see `find`).
        self._openings = words_scan(word for word in self._first_words if _TOKEN_RE.fullmatch(word))

    def __contains__(self, text: str) -> bool:
        key = table_key(text)
        return key in self._names and self._written(key, text.strip())

    def canonical(self, text: str) -> str | None:
        key = table_key(text)
        return self._names.get(key) if self._written(key, text.strip()) else None

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, text as written) for each known name, left to right.

        A name also matches as the head of a hyphen compound ("Linde-Fusion" -> "Linde").
        """
        # Work is done lazily: callers often stop at the first name.
        lowered = text.lower()
        if len(lowered) != len(text):
            yield from self._find_in_tokens(text, _tokens(text))
            return
        # Only a token whose word is a first word, or one with an "-s" or a hyphen compound
        # added, can start a name, and each such token opens with a first word: the automaton
        # finds those openings, and the tokens in between are never read.
        reached = 0
        for _, start, _ in self._openings.find(lowered):
            if start < reached or (start > 0 and _is_token_char(lowered[start - 1])):
                continue  # inside a token, or a token already read
            reached = start + 1
            token = _TOKEN_RE.match(lowered, start)
            if token is None:
                continue
            word = _fold(token.group().rstrip(".,'"))
            if not self._may_open(word):
                continue
            # a name runs on only over single spaces, so the words after another gap are not read
            window = [(start, token.end(), word)]
            while len(window) < self._max_words and lowered.startswith(" ", token.end()):
                token = _TOKEN_RE.match(lowered, token.end() + 1)
                if token is None:
                    break
                window.append((token.start(), token.end(), _fold(token.group().rstrip(".,'"))))
            found = self._longest_at(text, window, 0)
            if found is None:
                continue
            width, end = found
            reached = window[width - 1][1]
            yield self._trimmed(text, start, end)

    def _find_in_tokens(
        self, text: str, stream: Iterator[tuple[int, int, str]]
    ) -> Iterator[tuple[int, int, str]]:
        """`find` reading every token of `stream` in turn."""
        window = list(islice(stream, self._max_words))
        while window:
            found = self._name_at(text, window)
            if found is None:
                window = window[1:] + list(islice(stream, 1))
                continue
            width, end = found
            yield self._trimmed(text, window[0][0], end)
            window = window[width:] + list(islice(stream, width))

    def _name_at(self, text: str, window: list[tuple[int, int, str]]) -> tuple[int, int] | None:
        """(width in tokens, end) of the longest name opening the window, if any."""
        return self._longest_at(text, window, 0) if self._may_open(window[0][2]) else None

    def _may_open(self, word: str) -> bool:
        """Whether a name can start with the token whose word this is."""
        firsts = self._first_words
        return word in firsts or word[:-1] in firsts or word.partition("-")[0] in firsts

    def _trimmed(self, text: str, start: int, end: int) -> tuple[int, int, str]:
        """The name's span without trailing stops, commas and quotes its table spelling lacks."""
        if text[end - 1] not in ".,'":
            return start, end, text[start:end]
        canonical = self._names.get(table_key(text[start:end]), "")
        while end > start and text[end - 1] in ".,'" and not canonical.endswith(text[end - 1]):
            end -= 1
        return start, end, text[start:end]

    def _longest_at(
        self, text: str, tokens: list[tuple[int, int, str]], index: int
    ) -> tuple[int, int] | None:
        words = tokens[index : index + self._max_words]
        # A name spans words separated by single spaces only, so never punctuation.
        reach = 1
        while reach < len(words) and text[words[reach - 1][1] : words[reach][0]] == " ":
            reach += 1
        keys = [words[0][2]]
        for word in words[1:reach]:
            keys.append(keys[-1] + " " + word[2])
        names = self._names
        first = words[0][0]
        for width in range(reach, 0, -1):
            key = keys[width - 1]
            last_start, last_end, last = words[width - 1]
            if key in names and self._written(key, text[first:last_end]):
                return width, last_end
            plural = key.endswith("s") and len(last) > 3 and key[:-1] in names
            if plural and key[:-1] not in self._as_written:
                return width, last_end
            head, dash, _ = last.partition("-")
            joined = key[: len(key) - len(last)] + head
            compound = dash and head and joined in names
            if compound and self._written(joined, text[first : last_start + len(head)]):
                return width, last_start + len(head)
        return None

    def _written(self, key: str, found: str) -> bool:
        """Whether `found`, the text a name's key matched, may stand for it: as written, for a
        name that is also a word."""
        return key not in self._as_written or found == self._names[key]


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word without trailing punctuation) for each word."""
    lowered = text.lower()
    if len(lowered) == len(text):
        yield from _lowered_tokens(lowered, 0)
    else:
        for m in _TOKEN_RE.finditer(text):
            yield m.start(), m.end(), _fold(m.group().rstrip(".,'").lower())


def _lowered_tokens(lowered: str, start: int) -> Iterator[tuple[int, int, str]]:
    """`_tokens` of a lower-cased text from `start`, which begins a token or stands between."""
    for m in _TOKEN_RE.finditer(lowered, start):
        yield m.start(), m.end(), _fold(m.group().rstrip(".,'"))


def _is_token_char(char: str) -> bool:
    """Whether `_TOKEN_RE` reads `char` as part of a token."""
    return char.isalnum() or char in "_&.'+-"


def _fold(word: str) -> str:
    if word.startswith("deutsche") and word in ("deutschen", "deutscher"):
        return "deutsche"
    return word


def table_key(name: str) -> str:
    """The form names are compared in: lower case, inflection folded, stops dropped."""
    folded: list[str] = []
    for word in name.lower().split():  # a plain loop: a comprehension costs a function
        folded.append(_fold(word.rstrip(".,'")))
    return " ".join(folded)


class SpellingIndex:
    """Where several tables' lower-cased spellings stand in a text, found in one pass of an
    Aho-Corasick automaton instead of one search per spelling.

    Each table is a list of (spelling, name) pairs. Within a table, spellings are ranked longest
    first, then alphabetically ("deutsche bank" before "deutsche"); a spelling that several names
    share is kept once for each name length, the only thing callers read of the name.
    """

    def __init__(self, tables: Sequence[Iterable[tuple[str, str]]]) -> None:
        self._tables = len(tables)
        shared: dict[str, list[Spelling]] = {}
        for table, pairs in enumerate(tables):
            ordered = sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair[0]))
            for rank, (spelling, name) in enumerate(ordered):
                entries = shared.setdefault(spelling, [])
                if all(entry[0] != table or entry[3] != len(name) for entry in entries):
                    entries.append((table, rank, spelling, len(name)))
        self._scan = WordScan((spelling, tuple(entries)) for spelling, entries in shared.items())

    def find(self, lowered: str) -> list[list[tuple[Spelling, int]]]:
        """For each table, (spelling, start) for every place a spelling stands in `lowered`,
        overlapping ones included, in the order the places end."""
        found: list[list[tuple[Spelling, int]]] = []
        for _ in range(self._tables):  # a plain loop: a comprehension costs a function
            found.append([])
        scan = self._scan
        for index, start, _ in scan.find(lowered):
            for entry in scan.values[index]:
                found[entry[0]].append((entry, start))
        return found
