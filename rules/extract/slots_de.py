"""Where a German analyst sentence names its broker and its company.

Names the tables know are found wherever they stand (`KnownNames`). Scraped text sometimes lost
its spaces ("fürQIAGENund"), so names are also found glued to neighbouring words when the case
changes at the seam. For names no table knows, the wire style is fixed enough to read the slots
from the grammar alone: the broker follows its description and precedes the auxiliary ("Das
Analysehaus Edison Research hat ..."), and the company follows the object of the action ("das
Kursziel für Pfisterer von 50 auf 62 Euro", "die Einstufung für Temenos auf ...", "hat Sixt von
"Neutral" auf ...").
"""

from __future__ import annotations

import re

from .aliases import BROKERS
from .companies import COMPANIES
from .lowering import lower_cased
from .name_table import Spelling, SpellingIndex
from .scan import WordScan, words_scan

Mention = tuple[int, int, str]

_NAME = r"[A-ZÄÖÜ0-9][\w&.+'’-]*(?:\s(?:[A-ZÄÖÜ0-9][\w&.+'’-]*|&|de|of)){0,3}?"
# What a broker is, before its name ("die US-Investmentbank Jefferies", "die Schweizer Großbank")
DESCRIPTION = (
    r"(?:[A-ZÄÖÜa-zäöü-]+\s)?(?:US-|Schweizer\s|britische\s|französische\s|kanadische\s|"
    r"japanische\s|italienische\s|niederländische\s|deutsche\s)?"
    r"(?:Bank|Großbank|Investmentbank|Privatbank|Analysehaus|Researchhaus|Investmenthaus|"
    r"Finanzhaus|Vermögensverwalter|Broker|Research-Haus|Analysefirma)"
)
# One of these stands in every description DESCRIPTION reads ("Privatbank", "Analysehaus").
_DESCRIPTION_ENDS = ("ank", "haus", "Haus", "verwalter", "Broker", "firma")
_BROKER_SLOT_RE = re.compile(
    rf"(?:^|\s[-–]\s|[.:]\s)(?:Die|Das|Der)\s{DESCRIPTION}\s(?P<name>{_NAME})"
    r"\s(?:hat|hatte|habe|sieht|stufte|senkte|hob|bestätigte|bewertet|bewertete)\b"
)
# "Die Experten von mwb research haben ...": a research house's name as written (in lower case
# too), between the analysts' noun and the verb of their action
_ANALYSTS_OF_RE = re.compile(
    r"(?:^|[.:]\s)(?:Die|Den)\s(?:Analysten|Analystinnen|Experten|Expertinnen)\s(?:von|bei)\s"
    r"(?P<name>(?!der\b|des\b|dem\b|den\b)[\w&+'-]+(?:\s(?!haben\b|hatten\b)[\w&+'-]+){0,2}?)"
    r"\s(?:haben|hatten|sehen|stuften|senkten|hoben|erhöhten|bestätigten|bekräftigten|"
    r"bewerten|bleiben|starteten|nahmen|trauen)\b"
)
_COMPANY_SLOT_RE = re.compile(
    r"\b(?:Kursziel|Einstufung|Bewertung|Votum|Kaufempfehlung|Verkaufsempfehlung|Anlageurteil)"
    r"\s(?:für|zu)\s(?:die\s|den\s|das\s)?(?:Aktien?\s(?:von|der|des)\s)?"
    rf"(?P<name>{_NAME})"
    r"(?=\s(?:von|auf|nach|vor|mit|bei|im|um|und|an|zuletzt|jeweils)\b|[,.;]|$)"
    r"|\b(?:hat|hatte|habe|haben|hatten)\s(?:die\s|den\s|das\s)?(?:Aktien?\s(?:von|der|des)\s)?"
    rf"(?P<rated>{_NAME})\svon\s[\"„“']"
)
# The slot after any target noun ("den fairen Wert für Norma von 22 auf 19 Euro"), for a reader
# that has the target's figures from elsewhere.
TARGET_SLOT_RE = re.compile(
    r"\b(?:Kursziel|Preisziel|Ziel|fairen\sWert|fairer\sWert)"
    r"\s(?:für|zu)\s(?:(?:die\s)?Aktien?\s(?:von|der|des)\s)?"
    rf"(?P<name>{_NAME})"
    r"(?=\s(?:von|auf|nach|vor|mit|bei|im|um|und|an|zuletzt|jeweils)\b|[,.;]|$)"
)
_ARTICLES = ("die ", "den ", "das ", "dem ")
# Capitalised words the object slot can hold that are not companies.
_NOT_A_COMPANY = frozenset(
    "Aktie Aktien Papiere Titel Anteilsscheine Unternehmen Konzern Gesellschaft Sektor Branche "
    "Branchenwerte Werte Dax MDax SDax TecDax Euro Stoxx Index".split()
)

# Words a name may be glued to when scraping lost the space between them.
_GLUE_WORDS = (
    "und",
    "fielen",
    "hat",
    "hatte",
    "nach",
    "mit",
    "von",
    "ein",
    "eine",
    "dank",
    "sorgte",
    "dürfte",
    "erklommen",
    "zu",
    "bei",
    "leicht",
    "sanken",
    "stiegen",
    "legten",
    "verloren",
    "im",
    "auf",
    "an",
    "als",
    "ist",
    "war",
    "wird",
    "wurde",
    "ihre",
    "sowie",
    "dagegen",
    "hoch",
    "ab",
)


def broker_slot(sentence: str) -> list[Mention]:
    """The broker of "Die US-Bank <Broker> hat ...", or of "Die Analysten von <Broker> haben
    ...", when a sentence has one."""
    match = None
    if any(map(sentence.__contains__, _DESCRIPTION_ENDS)):
        match = _BROKER_SLOT_RE.search(sentence)
    if match is None and ("Analyst" in sentence or "Expert" in sentence):
        match = _ANALYSTS_OF_RE.search(sentence)
    if match is None:
        return []
    return [(match.start("name"), match.end("name"), match.group("name"))]


# "von 1.800 auf 2.100 Euro": a figure in a company's slot, no name
_FIGURE_RE = re.compile(r"\d[\d.,]*")


def company_slots(
    sentence: str, taken: list[Mention], pattern: re.Pattern[str] = _COMPANY_SLOT_RE
) -> list[Mention]:
    """The companies in the object slots of the analyst action, outside the spans `taken`."""
    found: list[Mention] = []
    for match in pattern.finditer(sentence):
        group = "name" if match.group("name") else "rated"
        start, end = match.span(group)
        name = match.group(group)
        if name.split()[0] in _NOT_A_COMPANY or _FIGURE_RE.fullmatch(name):
            continue
        if " " not in name and sentence[max(0, start - 4) : start] in _ARTICLES:
            continue  # "für das Institut": a noun for the company, not its name
        if any(s < end and start < e for s, e, _ in taken + found):
            continue
        found.append((start, end, name))
    return found


# A person's name after the analyst's noun: a surname a house also bears ("beließ Analyst Tim
# Wunderlich unverändert") names the analyst, not that house.
_ANALYST_NAMED_RE = re.compile(r"\bAnalyst(?:in)?\s(?:[A-ZÄÖÜ][\w-]+\s)?$")

# how far before a name the analyst's noun and a first name may stand
_ANALYST_NAMED_REACH = 48


def _analyst_named_before(sentence: str, start: int) -> bool:
    """Whether the name at `start` follows the analyst's noun and perhaps a first name."""
    reach = max(0, start - _ANALYST_NAMED_REACH)
    return _ANALYST_NAMED_RE.search(sentence, reach, start) is not None


class KnownNames:
    """The brokers and companies of the tables named in one sentence, parentheses blanked."""

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        lowered = lower_cased(sentence)
        self._found = _SPELLINGS.find(lowered)
        self._heads = _Heads(sentence, lowered)

    def brokers(self) -> list[Mention]:
        found = _mentions(self._sentence, self._heads, self._found[_BROKER_TABLE])
        if found and "Analyst" in self._sentence:
            found = [m for m in found if not _analyst_named_before(self._sentence, m[0])]
        return found

    def companies(self) -> list[Mention]:
        return _mentions(self._sentence, self._heads, self._found[_COMPANY_TABLE])


def _mentions(text: str, heads: _Heads, found: list[tuple[Spelling, int]]) -> list[Mention]:
    """Names found in `text`, longest first, each span used once; glued words allowed.

    A spelling is read as a name only where it starts on a name head (see `_Heads`): the
    first one that may be taken decides for all its places. Each spelling's places are taken
    left to right, a place overlapping the one tried before it skipped."""
    taken: list[Mention] = []
    size = len(text)
    spelling = ""
    current = allowed = None
    length = width = reached = 0
    # sorted, the places of one spelling come together, left to right
    for entry, start in sorted(found):
        if entry != current:
            current, allowed, reached = entry, None, 0
            _, _, spelling, length = entry
            width = len(spelling)
        elif allowed is False:
            continue  # the spelling's head decided against all its places
        if start < reached:
            continue
        end = reached = start + width
        if taken and _overlaps(taken, start, end):
            continue
        # between two characters that are no letters or digits, every name stands free
        before = text[start - 1] if start else " "
        free = not before.isalnum() and (end == size or not text[end].isalnum())
        if not free and not _boundary_ok(text, start, end, length):
            continue
        if allowed is None:
            head = spelling[:3]
            # a word starts here with the spelling's head: what `holds` tries first (lower-casing
            # keeps whether a character is a letter, a digit or an underscore)
            allowed = (
                before != "_" and not before.isalnum() and head in _WORD_HEADS
            ) or heads.holds(head, start)
        if allowed:
            taken.append((start, end, text[start:end]))
    return taken


def _overlaps(taken: list[Mention], start: int, end: int) -> bool:
    # a plain loop: called for every place of every name, where building a generator shows
    for taken_start, taken_end, _ in taken:  # noqa: SIM110
        if taken_start < end and start < taken_end:
            return True
    return False


_WORD_HEAD_RE = re.compile(r"\b\w{1,3}")
# A capital glued to the end of a word ("fürQIAGENund"); the names are in Latin script.
_GLUED_CAPITAL_RE = re.compile(r"[A-ZÀ-ÖØ-Þ\u0100-\u017f\u1e00-\u1eff](?<=[^\W\d_].)")


class _Heads:
    """The first three letters at every place a name may start: after a character that is not
    a letter or digit, or at a capital glued to a lower-case word. A spelling counts as a name
    only if its own first three letters are among them."""

    def __init__(self, text: str, lowered: str) -> None:
        self._text = text
        self._lowered = lowered
        self._all: set[str] | None = None

    def holds(self, head: str, start: int) -> bool:
        """Whether `head`, standing at `start`, is among the heads. Where the spelling itself
        starts on a head, that settles it; only otherwise are all heads collected."""
        text, lowered = self._text, self._lowered
        if len(head) < 3 or len(lowered) != len(text) or not head.replace("_", "a").isalnum():
            # short spellings, and those whose first word is short ("DZ Bank"), are always
            # searched; odd texts keep every 3-gram
            return True
        before = lowered[start - 1] if start > 0 else " "
        if not (before.isalnum() or before == "_") and head in _WORD_HEADS:
            return True  # a word starts here with these three word characters
        if before == "_" or _GLUED_CAPITAL_RE.match(text, start):
            return True
        if self._all is None:
            self._all = _name_heads(text, lowered)
        return head in self._all


def _name_heads(text: str, lowered: str) -> set[str]:
    """Every head of `text`: each word's first three characters, each glued capital's and each
    underscore's next three."""
    if len(lowered) != len(text):
        return {lowered[i : i + 3] for i in range(len(lowered))}
    heads = set(_WORD_HEAD_RE.findall(lowered))
    for match in _GLUED_CAPITAL_RE.finditer(text):
        heads.add(lowered[match.start() : match.start() + 3])
    if "_" in text:
        heads.update(lowered[i + 1 : i + 4] for i, char in enumerate(text) if char == "_")
    return heads


def _variants(name: str) -> list[tuple[str, str]]:
    lowered = name.lower()
    found = [(lowered, name)]
    if lowered.startswith("deutsche "):
        found += [("deutschen " + lowered[9:], name), ("deutscher " + lowered[9:], name)]
    return found


_BROKER_TABLE = 0
_COMPANY_TABLE = 1
_TABLES = [
    [variant for name in BROKERS for variant in _variants(name)],
    [variant for name in COMPANIES for variant in _variants(name)],
]
_SPELLINGS = SpellingIndex(_TABLES)
# The brokers' spellings alone: fewer and longer than all names, so a quick count of the places
# a broker may stand (lower-cased text) before the names are read.
BROKER_SPELLINGS: WordScan[str] = words_scan(spelling for spelling, _ in _TABLES[_BROKER_TABLE])
# The spellings' heads that are three word characters, as `_WORD_HEAD_RE` reads them.
_WORD_HEADS = frozenset(
    spelling[:3]
    for table in _TABLES
    for spelling, _ in table
    if re.fullmatch(r"\w{3}", spelling[:3])
)


def _boundary_ok(text: str, start: int, end: int, length: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    left = not before.isalnum() or (before.islower() and first.isupper() and length >= 3)
    if not left:
        return False
    if not after.isalnum():
        return True
    if last.isupper() and after.islower() and length >= 3:
        return True
    if after.isupper() and last.islower() and length >= 4:
        return True
    if after.isdigit() and last.isalpha() and length >= 4:
        return True  # "verlorZalando2,1 Prozent": a figure glued to the name
    if after == "s" and (end + 1 >= len(text) or not text[end + 1].isalnum()):
        return True
    if length >= 5 and before.islower():
        rest = text[end : end + 12].lower()
        return any(rest.startswith(word) for word in _GLUE_WORDS)
    return False


# "Nach JPMorgan hat nun auch die Deutsche Bank ...": a broker opening the sentence after "Nach"
_FOLLOWED_RE = re.compile(r"Nach\s(?:der\s|dem\s|den\s)?")


def acted_before(sentence: str, start: int) -> bool:
    """Whether the broker named at `start` opens a German sentence after "Nach": it acted
    before, and the sentence tells of the broker after it."""
    return sentence.startswith("Nach") and _FOLLOWED_RE.fullmatch(sentence, 0, start) is not None
