"""Case-insensitive lookup of multi-word names in running text, longest match first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice, pairwise

_TOKEN_RE = re.compile(r"[\w&.'+-]+")


class NameTable:
    """Case-insensitive lookup of multi-word names in running text, longest match first.

    German inflection is folded: "Deutscher Bank" finds "Deutsche Bank", "Dialogs" finds
    "Dialog".
    """

    def __init__(self, names: Iterable[str], max_words: int = 5) -> None:
        self._names: dict[str, str] = {}
        self._max_words = max_words
        for name in names:
            self._names[table_key(name)] = name
        # Every match starts with one of these words (a compound or "-s" form only on its own).
        self._first_words = frozenset(key.split(" ", 1)[0] for key in self._names)

    def __contains__(self, text: str) -> bool:
        return table_key(text) in self._names

    def canonical(self, text: str) -> str | None:
        return self._names.get(table_key(text))

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, text as written) for each known name, left to right.

        A name also matches as the head of a hyphen compound ("Linde-Fusion" -> "Linde").
        """
        # Tokens are read lazily: callers often stop at the first name.
        stream = _tokens(text)
        window = list(islice(stream, self._max_words))
        firsts = self._first_words
        while window:
            word = window[0][2]
            found = None
            if word in firsts or word[:-1] in firsts or word.partition("-")[0] in firsts:
                found = self._longest_at(text, window, 0)
            if found is None:
                window = window[1:] + list(islice(stream, 1))
                continue
            width, end = found
            start = window[0][0]
            canonical = self._names.get(table_key(text[start:end]), "")
            while end > start and text[end - 1] in ".,'" and not canonical.endswith(text[end - 1]):
                end -= 1
            yield start, end, text[start:end]
            window = window[width:] + list(islice(stream, width))

    def _longest_at(
        self, text: str, tokens: list[tuple[int, int, str]], index: int
    ) -> tuple[int, int] | None:
        for width in range(min(self._max_words, len(tokens) - index), 0, -1):
            words = tokens[index : index + width]
            if not _contiguous(text, words):
                continue
            key = " ".join(word[2] for word in words)
            last_start, last_end, last = words[-1]
            if key in self._names:
                return width, last_end
            if key.endswith("s") and len(last) > 3 and key[:-1] in self._names:
                return width, last_end
            head, dash, _ = last.partition("-")
            if dash and head and key[: len(key) - len(last)] + head in self._names:
                return width, last_start + len(head)
        return None


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word without trailing punctuation) for each word."""
    lowered = text.lower()
    if len(lowered) == len(text):
        for m in _TOKEN_RE.finditer(lowered):
            yield m.start(), m.end(), _fold(m.group().rstrip(".,'"))
    else:
        for m in _TOKEN_RE.finditer(text):
            yield m.start(), m.end(), _fold(m.group().rstrip(".,'").lower())


def _fold(word: str) -> str:
    if word.startswith("deutsche") and word in ("deutschen", "deutscher"):
        return "deutsche"
    return word


def table_key(name: str) -> str:
    """The form names are compared in: lower case, inflection folded, stops dropped."""
    return " ".join(_fold(word.rstrip(".,'")) for word in name.lower().split())


def _contiguous(text: str, words: list[tuple[int, int, str]]) -> bool:
    """Words separated by single spaces only, so a name never spans punctuation."""
    return all(text[a[1] : b[0]] == " " for a, b in pairwise(words))
