"""What an English analyst event's company span may be: a company, not a figure, an index or
an asset class, and without the question word a headline opens with."""

from __future__ import annotations

import re

from .data_files import word_sections

WORDS = word_sections("analyst_words_en.txt")


def _phrases_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(word) for word in words), key=len, reverse=True)
    return re.compile(rf"(?<![\w&-])(?:{'|'.join(alternatives)})(?![\w&-])", re.IGNORECASE)


_NOT_COVERED_RE = _phrases_re(WORDS["not_covered"])
_OPENER_RE = re.compile(
    rf"^(?:{'|'.join(re.escape(word) for word in WORDS['openers'])})\s+(?=[A-Z0-9])",
    re.IGNORECASE,
)


_BROKER_DESCRIPTOR_RE = re.compile(
    rf"^(?:(?:{'|'.join(re.escape(word) for word in WORDS['broker_descriptors'])})\s+"
    # "Japan's SMBC Nikko": the place that owns the broker
    rf"|(?:{'|'.join(re.escape(word) for word in WORDS['places'])})(?:'s|’s)\s+)(?=[A-Z])",
    re.IGNORECASE,
)
_GROUP_NOUNS = frozenset(WORDS["group_nouns"])
_GROUP_DESCRIPTORS = frozenset(WORDS["group_descriptors"])


# "Nikkei 225", "Russell 2000": a name and a count of its members names an index
_INDEX_RE = re.compile(r"[A-Za-z]\s\d{2,4}$")


def is_covered(company: str) -> bool:
    """Whether a span can name the company a broker covers."""
    return (
        _NOT_COVERED_RE.search(company) is None
        and _INDEX_RE.search(company) is None
        and not names_a_group(company)
    )


def names_a_group(company: str) -> bool:
    """ "Oil Companies" names a group; "Williams Companies" one company: the words before the
    group noun are all descriptions of a group, or there are none."""
    words = company.lower().split()
    if not words or words[-1] not in _GROUP_NOUNS:
        return False
    return all(word in _GROUP_DESCRIPTORS or word[:1].isdigit() for word in words[:-1])


def without_opener(name: str) -> str:
    """ "Why Super Micro Computer" -> "Super Micro Computer"."""
    return _OPENER_RE.sub("", name, count=1)


def without_descriptor(broker: str) -> str:
    """ "Brokerage Bernstein" -> "Bernstein", "Japan's Nomura" -> "Nomura"."""
    return _BROKER_DESCRIPTOR_RE.sub("", broker, count=1)
