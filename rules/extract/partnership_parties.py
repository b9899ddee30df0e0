"""Parties of a sentence the model judged a partnership but the grammar could not read.

Looser than the grammar and used only behind the model: the organisations next to the first
cue word. The side before it gives the subject (one name or a list joined by commas and
"and"/"und"), the side after it the counterpart, preferring the object of a preposition ("with
X", "mit X", "from X", "by X"). With nothing after the cue, a list before it is the parties
("Maersk and Hapag-Lloyd form alliance"); with nothing before it, a list after it ("partnership
between X and Y").
"""

from __future__ import annotations

import re

from .orgs import Org, find_orgs

_LIST_GAP = re.compile(
    r"^(?:,?\s*(?:and|und|sowie|&|with|mit)\s+(?:der|die|das|dem|den|the)?\s*|\s*,\s*)$",
    re.IGNORECASE,
)
_POSSESSIVE_TAIL = re.compile(r"\s?['’]s?\s.*$|['’]s$")
_LEFT_REACH = 160
_RIGHT_REACH = 90
# Words that open a name only by their capital: a sentence's first word, a headline's verb.
_NOT_A_NAME = frozenset(
    "the a an this that these its their new in on for with and as at by from to of "
    "der die das ein eine mit und für im auf von bei".split()
)


def loose_parties(sentence: str, lang: str, gate_hits: list[tuple[int, int]]) -> list[str]:
    """Two or more party names around the first cue word outside a name; [] when the
    sentence does not hold them."""
    orgs = [org for org in find_orgs(sentence, lang) if _plausible(org)]
    if len(orgs) < 2:
        return []
    anchor = next(
        (hit for hit in gate_hits if not any(o.start <= hit[0] < o.end for o in orgs)), None
    )
    if anchor is None:
        return []
    cue_start, cue_end = anchor
    before = [o for o in orgs if o.end <= cue_start and cue_start - o.end <= _LEFT_REACH]
    after = [o for o in orgs if o.start >= cue_end and o.start - cue_end <= _RIGHT_REACH]
    left = _trailing_list(sentence, before)
    right = _leading_list(sentence, after)
    if left and right:
        return _names(left + right)
    if len(left) >= 2:
        return _names(left)
    if len(right) >= 2:
        return _names(right)
    if len(before) >= 2 and not after:
        return _names(before[-2:])
    return []


def _plausible(org: Org) -> bool:
    first = org.name.split()[0].lower()
    return first not in _NOT_A_NAME and len(org.name) > 1


def _trailing_list(sentence: str, orgs: list[Org]) -> list[Org]:
    if not orgs:
        return []
    group = [orgs[-1]]
    for org in reversed(orgs[:-1]):
        if not _LIST_GAP.match(sentence[org.end : group[0].start]):
            break
        group.insert(0, org)
    return group


def _leading_list(sentence: str, orgs: list[Org]) -> list[Org]:
    if not orgs:
        return []
    group = [orgs[0]]
    for org in orgs[1:]:
        if not _LIST_GAP.match(sentence[group[-1].end : org.start]):
            break
        group.append(org)
    return group


def _names(orgs: list[Org]) -> list[str]:
    names: list[str] = []
    keys: set[str] = set()
    for org in orgs:
        name = _POSSESSIVE_TAIL.sub("", org.name).strip()
        key = name.casefold()
        if name and key not in keys:
            keys.add(key)
            names.append(name)
    return names
