"""Every place any of many words stands in a text, overlapping ones included, in one pass.

The grammars' gates and name tables look for hundreds of words at once. An Aho-Corasick
automaton compiled to a DFA (ahocorasick-rs) reads a text once at a few nanoseconds per
character, whatever the number of words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

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
        self._automaton = (
            AhoCorasick(words, matchkind=MatchKind.Standard, implementation=Implementation.DFA)
            if words
            else None
        )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(index of the word's value in `values`, start, end) for every place one of the
        words stands, in the order the places end; of places ending together, longer first."""
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
        return {values[index] for index, _, _ in self.find(text)}


def words_scan(words: Iterable[str]) -> WordScan[str]:
    """A scan whose values are the words themselves."""
    return WordScan((word, word) for word in words)


def families_scan(families: dict[str, Iterable[str]]) -> WordScan[str]:
    """A scan whose value for each word is its family; a word in several families belongs to
    the first."""
    return WordScan((word, family) for family, words in families.items() for word in words)
