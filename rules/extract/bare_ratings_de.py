"""German rating labels written without quotes, quoted as the grammars read them.

The German grammars find a rating by its quotes, as the wires write it ("auf 'Buy'"). Papers,
portals and newsletters often leave them out: "hebt Siemens auf Kaufen", "von Halten auf Kaufen
hochgestuft", "mit der Einstufung Outperform". A known label right after one of the words that
lead to a rating is quoted, so the same grammar reads both.
"""

from __future__ import annotations

import re

from .clauses import word_sections

_WORDS = word_sections("bare_ratings_de.txt")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# The label must end the word: "auf Buy-and-Hold" or "mit Haltende" is no rating. A colon may
# stand after a noun ("Rating: Buy").
_BARE_RE = re.compile(
    rf"(?<![\w\"'„“”‚‘’])(?P<before>(?:{_alternatives(_WORDS['before'])}):?)\s"
    rf"(?P<label>{_alternatives(_WORDS['labels'])})(?![\w\"'“”‘’-])"
)
# A cheap test before the pattern runs: most chunks hold no label at all.
_FIRST_WORDS = tuple(frozenset(label.split()[0].split("-")[0] for label in _WORDS["labels"]))


# A label joined to a rating noun: "Buy-Rating", "Overweight-Votum", "Kaufen-Empfehlung".
_JOINED_RE = re.compile(
    rf"(?<![\w\"'„“”‚‘’-])(?P<label>{_alternatives(_WORDS['labels'])})"
    rf"-(?P<noun>{_alternatives(_WORDS['nouns'])})(?![\w-])"
)


def with_bare_ratings_quoted(text: str) -> str:
    """`text` with each unquoted rating label after a leading word, or joined to a rating
    noun, put in double quotes; the same string when there is none."""
    if not any(map(text.__contains__, _FIRST_WORDS)):
        return text
    text = _BARE_RE.sub(r'\g<before> "\g<label>"', text)
    return _JOINED_RE.sub(r'"\g<label>"-\g<noun>', text) if "-" in text else text
