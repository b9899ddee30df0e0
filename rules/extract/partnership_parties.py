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

from .org_words import BREAK, KNOWN, PLACES
from .orgs import Org, find_orgs, is_descriptor, org_key

_LIST_GAP = re.compile(
    r"^(?:,?\s*(?:and|und|sowie|&|with|mit)\s+(?:der|die|das|dem|den|the)?\s*|\s*,\s*)$",
    re.IGNORECASE,
)
_POSSESSIVE_TAIL = re.compile(r"\s?['’]s?\s.*$|['’]s$")
_LEFT_REACH = 160
_RIGHT_REACH = 90
_NAME_CHARS = 60
# A name in a slot that only an organisation fills: after a preposition that introduces the
# counterpart ("with", "mit", "an", "auf", "von", "by"), after a noun that introduces a company
# ("der Softwarekonzern SAP", "dem KI-Spezialisten Aleph Alpha"), or opening the sentence.
# Title Case capitalises function words and verbs too: they end a name ("Chugai For Oral").
_TITLE_STOP = (
    "For|To|On|In|With|At|As|By|From|And|The|Is|Its|Will|Under|After|Into|Over|Im|In|Mit|Auf|"
    "Für|Von|Vom|Und|Der|Die|Das|Den|Dem|Des|Bei|Zum|Zur|Am|Als|Nach"
)
_NAME_WORD = rf"(?!(?:{_TITLE_STOP})\b)[A-ZÄÖÜ][\w&.'’-]*"
_NAME_RUN = rf"{_NAME_WORD}(?:\s(?:&\s|of\s|de\s)?{_NAME_WORD}){{0,3}}"
_SLOT = re.compile(
    r"(?:^|(?<=\s))(?P<lead>with|mit|an|auf|von|vom|from|by|between|zwischen|und|and|[\w-]+)"
    r"\s(?:(?:the|der|dem|den|des|die|das)\s)?(?P<name>" + _NAME_RUN + r")"
)
_SLOT_PREPOSITIONS = frozenset("with mit an auf von vom from by between zwischen und and".split())
_OPENING = re.compile(r"^[\s\"'„“]*(?P<name>" + _NAME_RUN + r")(?=\s(?:[a-zäöüß]|und\s|and\s|&)|,)")
# Sources quoted, not parties: "nach Angaben von Bloomberg", "according to Reuters"
_ATTRIBUTION = re.compile(
    r"(?:Angaben\s(?:von|des|der)|according\sto|laut|reported\sby|berichtet\w*|told)"
    r"\s(?:(?:the|der|dem|des|die)\s)?$",
    re.IGNORECASE,
)
_COUNTERPART_BEFORE = re.compile(
    r"\b(?:with|mit|an|auf|von|vom|from|by|zwischen|between)\s"
    r"(?:(?:the|der|dem|den|des|die|das)\s)?(?:[\w-]+\s)?$"
)
_WITH_BEFORE = re.compile(
    r"\b(?:with|mit)\s(?:(?:the|der|dem|den|des|die|das)\s)?(?:[\w-]+\s)?$", re.IGNORECASE
)
_TRAILING_GENITIVE = re.compile(r"(?<=[a-zäöü]{2}[aeiou])s$")

# Words that open a name only by their capital: a sentence's first word, a headline's verb.
_NOT_A_NAME = frozenset(
    "the a an this that these its their new in on for with and as at by from to of under "
    "separately additionally also meanwhile however "
    "der die das ein eine mit und für im auf von bei nach laut wie zudem zuletzt hinzu "
    "außerdem auch bereits".split()
)
_MAKER_GAP = re.compile(r"^\s*(?:von|vom|from|by|of)\s+(?:(?:der|dem|the)\s+)?$", re.IGNORECASE)


def loose_parties(sentence: str, lang: str, gate_hits: list[tuple[int, int]]) -> list[str]:
    """Two or more party names around the first cue word outside a name; [] when the
    sentence does not hold them."""
    # only the words within reach of the first cue word can be parties
    lo = max(0, gate_hits[0][0] - _LEFT_REACH - _NAME_CHARS)
    hi = gate_hits[0][1] + _RIGHT_REACH + _NAME_CHARS
    orgs = _merged(find_orgs(sentence, lang, lo, hi), _slot_names(sentence, lang, lo, hi))
    orgs = [org for org in orgs if _plausible(org, lang)]
    if len(orgs) < 2:
        return []
    anchor = next(
        (hit for hit in gate_hits if not any(o.start <= hit[0] < o.end for o in orgs)), None
    )
    if anchor is None:
        return []
    cue_start, cue_end = anchor
    orgs = [
        org for org in orgs if not _ATTRIBUTION.search(sentence, max(0, org.start - 25), org.start)
    ]
    before = [o for o in orgs if o.end <= cue_start and cue_start - o.end <= _LEFT_REACH]
    after = [o for o in orgs if o.start >= cue_end and o.start - cue_end <= _RIGHT_REACH]
    # "hat mit dem Zulieferer Contoso eine Vereinbarung": the partner named before the cue
    partner_before = [
        o for o in before if _WITH_BEFORE.search(sentence, max(0, o.start - 40), o.start)
    ]
    if partner_before:
        partner = partner_before[-1]
        subject = [o for o in before if o.end <= partner.start][-1:]
        if subject:
            return _names([*subject, partner])
    counterpart = next(
        (o for o in after if _COUNTERPART_BEFORE.search(sentence, max(0, o.start - 40), o.start)),
        None,
    )
    left = _trailing_list(sentence, before)
    if counterpart is not None:
        index = after.index(counterpart)
        if index + 1 < len(after) and _MAKER_GAP.match(
            sentence[counterpart.end : after[index + 1].start]
        ):
            counterpart = after[index + 1]  # "auf Roboter von Nomagic": the maker
        right = _leading_list(sentence, after[after.index(counterpart) :])
        if not left:
            # German verb-second order: "setzt OpenAI ... auf Google"
            left = [o for o in after if o.end <= counterpart.start][:1]
    else:
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


def _slot_names(sentence: str, lang: str, lo: int, hi: int) -> list[Org]:
    """Capitalised runs in a slot only an organisation fills; the common nouns a German
    sentence capitalises stand after an article or adjective, not in these slots."""
    found: list[Org] = []
    opening = _OPENING.match(sentence) if lo == 0 else None
    if opening is not None:
        found.append(_org(sentence, opening.start("name"), opening.end("name")))
    for match in _SLOT.finditer(sentence, lo, min(hi, len(sentence))):
        lead = match.group("lead")
        if lead.lower() not in _SLOT_PREPOSITIONS and not is_descriptor(lead):
            continue
        found.append(_org(sentence, match.start("name"), match.end("name")))
    return found


def _org(sentence: str, start: int, end: int) -> Org:
    name = sentence[start:end].rstrip(".,")
    words = name.split(" ")
    described = [index for index, word in enumerate(words[:-1]) if _describes(word)]
    if len(words) > 2 and words[1] == "of" and words[0].lower() in BREAK["en"]:
        described = [1]  # "Shares of Wolfspeed rose": the company's stock, named by its own
    if described:
        # "KI-Spezialisten Aleph Alpha", "Mainzer Pharmaunternehmen Biontech": the name follows,
        # and so it does after a common word and its "of"
        cut = described[-1] + 1
        start += len(" ".join(words[:cut])) + 1
        name = " ".join(words[cut:])
    end = start + len(name)
    possessive = name.endswith(("'s", "’s"))
    if possessive:
        name = name[:-2]
    elif _TRAILING_GENITIVE.search(name) and name[:-1].casefold() in KNOWN | {name[:-1].casefold()}:
        pass
    return Org(start, end, name, org_key(name), possessive)


def _describes(word: str) -> bool:
    """A noun introducing a company, inflected or not: 'Spezialisten', 'Konzerns'."""
    word = word.split("-")[-1]
    return any(is_descriptor(word[: len(word) - cut]) for cut in (0, 1, 2) if len(word) - cut > 3)


def _merged(found: list[Org], slotted: list[Org]) -> list[Org]:
    """The organisation finder's names, and slot names that overlap none of them."""
    merged = list(found)
    for org in slotted:
        if org.key in PLACES or not org.key:
            continue
        inside = [o for o in merged if org.start <= o.start and o.end <= org.end]
        if any(o.start < org.end and org.start < o.end for o in merged if o not in inside):
            continue
        if inside and len(org.key.split()) > 4:
            continue
        merged = [o for o in merged if o not in inside]
        merged.append(org)
    return sorted(merged, key=lambda org: org.start)


def _plausible(org: Org, lang: str) -> bool:
    first = org.name.split()[0].lower()
    if " " not in org.name and first in BREAK[lang]:
        return False  # "auf Partner aus Indien": a common word, not a name
    if lang == "de" and " " not in org.name and _PLURAL_NOUN_DE.search(org.name):
        return False  # "von Leistungshalbleitern": goods in the plural, not a name
    return first not in _NOT_A_NAME and len(org.name) > 1


# the endings of German plural nouns in the dative and of abstract plurals, on a long word
_PLURAL_NOUN_DE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{4,}(?:ern|ungen|heiten|keiten|schaften|ionen)$")


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
