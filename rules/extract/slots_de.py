"""Where a German analyst sentence names its broker and its company, for names no table knows.

The wire style is fixed enough to read the slots from the grammar alone: the broker follows its
description and precedes the auxiliary ("Das Analysehaus Edison Research hat ..."), and the
company follows the object of the action ("das Kursziel für Pfisterer von 50 auf 62 Euro",
"die Einstufung für Temenos auf ...", "hat Sixt von "Neutral" auf ...").
"""

from __future__ import annotations

import re

Mention = tuple[int, int, str]

_NAME = r"[A-ZÄÖÜ0-9][\w&.+'’-]*(?:\s(?:[A-ZÄÖÜ0-9][\w&.+'’-]*|&|de|of)){0,3}?"
_DESCRIPTION = (
    r"(?:[A-ZÄÖÜa-zäöü-]+\s)?(?:US-|Schweizer\s|britische\s|französische\s|kanadische\s|"
    r"japanische\s|italienische\s|niederländische\s|deutsche\s)?"
    r"(?:Bank|Großbank|Investmentbank|Privatbank|Analysehaus|Researchhaus|Investmenthaus|"
    r"Finanzhaus|Vermögensverwalter|Broker|Research-Haus|Analysefirma)"
)
_BROKER_SLOT_RE = re.compile(
    rf"(?:^|\s[-–]\s|[.:]\s)(?:Die|Das|Der)\s{_DESCRIPTION}\s(?P<name>{_NAME})"
    r"\s(?:hat|hatte|habe|sieht|stufte|senkte|hob|bestätigte|bewertet|bewertete)\b"
)
_COMPANY_SLOT_RE = re.compile(
    r"\b(?:Kursziel|Einstufung|Bewertung|Votum|Kaufempfehlung|Verkaufsempfehlung|Anlageurteil)"
    r"\s(?:für|zu)\s(?:die\s|den\s|das\s)?(?:Aktien?\s(?:von|der|des)\s)?"
    rf"(?P<name>{_NAME})"
    r"(?=\s(?:von|auf|nach|vor|mit|bei|im|um|und|an|zuletzt|jeweils)\b|[,.;]|$)"
    r"|\b(?:hat|hatte|habe)\s(?:die\s|den\s|das\s)?(?:Aktien?\s(?:von|der|des)\s)?"
    rf"(?P<rated>{_NAME})\svon\s[\"„“']"
)
# Capitalised words the object slot can hold that are not companies.
_NOT_A_COMPANY = frozenset(
    "Aktie Aktien Papiere Titel Anteilsscheine Unternehmen Konzern Gesellschaft Sektor Branche "
    "Branchenwerte Werte Dax MDax SDax TecDax Euro Stoxx Index".split()
)


def broker_slot(sentence: str) -> list[Mention]:
    """The broker of "Die US-Bank <Broker> hat ...", when a sentence has one."""
    match = _BROKER_SLOT_RE.search(sentence)
    if match is None:
        return []
    return [(match.start("name"), match.end("name"), match.group("name"))]


def company_slots(sentence: str, taken: list[Mention]) -> list[Mention]:
    """The companies in the object slots of the analyst action, outside the spans `taken`."""
    found: list[Mention] = []
    for match in _COMPANY_SLOT_RE.finditer(sentence):
        group = "name" if match.group("name") else "rated"
        start, end = match.span(group)
        name = match.group(group)
        if name.split()[0] in _NOT_A_COMPANY or name.isdigit():
            continue
        if any(s < end and start < e for s, e, _ in taken + found):
            continue
        found.append((start, end, name))
    return found
