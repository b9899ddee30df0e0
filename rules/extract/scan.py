"""Every place any of many words stands in a text, overlapping ones included, in one pass.

The grammars' gates and name tables look for hundreds of words at once. An Aho-Corasick
automaton compiled to a DFA (ahocorasick-rs) reads a text once at a few nanoseconds per
character, whatever the number of words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation, MatchKind

Value = TypeVar("Value")

# The automaton reads UTF-8, which has no lone surrogates; U+FFFD stands in for each, one
# character for one, so offsets stay those of the text.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class WordScan(Generic[Value]):
    """Words, each with a value, found wherever they stand in a text (case-sensitive)."""

    def __init__(self, pairs: Iterable[tuple[str, Value]]) -> None:
        values: dict[str, Value] = {}
        for word, value in pairs:
            values.setdefault(word, value)  # the first value given for a word counts
        self.values: list[Value] = list(values.values())
        words = list(values)
        # Words of Latin-1 letters are looked for in the text encoded as Latin-1, one byte for
        # each character: the offsets the automaton gives are the text's, with no mapping of
        # UTF-8 offsets back to characters. A character Latin-1 lacks becomes "?", which no
        # such word holds, so it matches nothing, as it matched nothing before.
        self._latin = all(_in_latin_1(word) for word in words)
        self._automaton: AhoCorasick | None = None
        self._bytes_automaton: BytesAhoCorasick | None = None
        if words and self._latin:
            self._bytes_automaton = BytesAhoCorasick(
                [word.encode("latin-1") for word in words],
                matchkind=MatchKind.Standard,
                implementation=Implementation.DFA,
            )
        elif words:
            self._automaton = AhoCorasick(
                words, matchkind=MatchKind.Standard, implementation=Implementation.DFA
            )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(index of the word's value in `values`, start, end) for every place one of the
        words stands, in the order the places end; of places ending together, longer first."""
        if self._bytes_automaton is not None:
            return self._bytes_automaton.find_matches_as_indexes(
                text.encode("latin-1", "replace"), overlapping=True
            )
        if self._automaton is None:
            return []
        try:
            return self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            text = _SURROGATE_RE.sub("\ufffd", text)
            return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def found(self, text: str) -> set[Value]:
        """The values of the words standing in `text`."""
        values = self.values
        found = set()
        for index, _, _ in self.find(text):  # a plain loop: a comprehension costs a function
            found.add(values[index])
        return found


def _in_latin_1(word: str) -> bool:
    try:
        word.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return "?" not in word


def words_scan(words: Iterable[str]) -> WordScan[str]:
    """A scan whose values are the words themselves."""
    return WordScan((word, word) for word in words)


def families_scan(families: dict[str, Iterable[str]]) -> WordScan[str]:
    """A scan whose value for each word is its family; a word in several families belongs to
    the first."""
    return WordScan((word, family) for family, words in families.items() for word in words)
