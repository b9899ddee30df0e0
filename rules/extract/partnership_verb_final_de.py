"""German subordinate clauses put the verb of working together last: "Continental, der seit
Jahren mit dem Chipkonzern Ambarella zusammenarbeitet, hat ...", "..., dass X mit Y
kooperiert". The partner follows "mit" before the verb; the subject is the name before "mit"
(in a relative clause the name the clause is attached to, as commas end no clause here)."""

from __future__ import annotations

import re

from .data_files import data_lines
from .orgs import Org, is_descriptor_de
from .partnership_vetoes import NEAR_WINDOW, veto_classes

_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?]|$)")
_MIT = re.compile(r"\bmit\s+(?:(?:der|dem|den)\s+)?(?P<described>(?:[\w-]+\s+){0,2}?)$")
_MIT_REACH = 45
# a finite verb ends in -t, -te, -rten or -eten ("kooperierten", "zusammenarbeiteten"); an
# infinitive at the end ("zusammenarbeiten") hangs on a modal or an adjective ("will ...
# kooperieren", "ist bereit, ... zusammenzuarbeiten"): an intention
_FINITE = re.compile(r"(?:t|te|rten|eten)$")


def verb_final_pair(
    sentence: str, cue_start: int, cue_end: int, orgs: list[Org], clause_lo: int
) -> list[Org]:
    """[subject, partner] when the cue is the clause's last word and "mit <partner>" stands
    before it; [] otherwise."""
    if not _CLAUSE_END.match(sentence, cue_end):
        return []
    if not _FINITE.search(sentence, cue_start, cue_end) and not _announced_infinitive(
        sentence, cue_start, cue_end
    ):
        return []
    inside = [org for org in orgs if clause_lo <= org.start and org.end <= cue_start]
    for index, partner in enumerate(inside):
        lead = _MIT.search(sentence, max(clause_lo, partner.start - _MIT_REACH), partner.start)
        if lead is None or not _described(lead.group("described")):
            continue
        before = [org for org in inside[:index] if org.end <= lead.start()]
        if not before:
            return []
        # the clause's modal or hedge stands before its subject, far from the verb: "will X
        # künftig enger mit Y kooperieren", "Medienberichten zufolge"
        if veto_classes(sentence[max(0, before[-1].start - NEAR_WINDOW) : cue_end], "de"):
            return []
        return [before[-1], partner]
    return []


def _announced_infinitive(sentence: str, cue_start: int, cue_end: int) -> bool:
    """ "kündigte der Konzern an, bei Batterien mit X zusammenzuarbeiten": a zu-infinitive
    after a verb of announcing or agreeing is the plan made known, no mere intention."""
    if not _ZU_INFINITIVE.search(sentence, max(0, cue_start - 3), cue_end):
        return False
    comma = sentence.rfind(",", 0, cue_start)
    if comma < 0:
        return False
    return any(word.lower().startswith(_ANNOUNCING) for word in _WORD.findall(sentence, 0, comma))


_ZU_INFINITIVE = re.compile(r"(?:\bzu\s+[a-zäöüß]+|[a-zäöüß]+zu[a-zäöüß]+)en$")
_ANNOUNCING = tuple(data_lines("announcing_verbs_de.txt"))
_WORD = re.compile(r"[\w-]+")


def _described(words: str) -> bool:
    """ "mit dem chinesischen Chipkonzern X": adjectives and what the partner is."""
    return all(word[0].islower() or is_descriptor_de(word) for word in words.split())
