"""The announcer as a party: "Kinaxis today announced that Carlsberg has chosen its Maestro
platform", "Arm announced that Rivos will license its compute subsystems", "Zudem gab Evotec
bekannt, dass Bristol Myers Squibb die Lizenz für einen Wirkstoff erworben hat".

A press release names its own product after the customer that took it, with "its": the
product's maker is the company that announces, not a name inside the product.
"""

from __future__ import annotations

import re

from .orgs import Org, is_descriptor

_LEGAL_FORM = r"(?:,?\s*(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|AG|SE|N\.V|S\.A)\.?)?"
# the customer's verb phrase reaches the cue: "has", "will", "is to"; the customer's legal form
# may stand before it ("Garmin Ltd. has selected")
# ("had agreed to license its designs")
_AUXILIARIES = r"\s+(?:(?:has|have|had|will|would|is|are|was|to|agreed)\s+){0,3}"
_CHOOSER_GAP = re.compile(_LEGAL_FORM + _AUXILIARIES)
_DESCRIBED_CHOOSER_GAP = re.compile(
    r",\s+(?:the|a|an|its)\s[^,;:()]{0,60}," + _LEGAL_FORM + _AUXILIARIES
)
# what the cue takes: the announcer's own product, named with "its" or "their", or the
# announcer itself as the release calls it ("has selected the company as its provider")
# ("will use its own chips" is the customer's own thing)
_OWN_PRODUCT_AFTER = re.compile(r"\s+(?:(?:its|their)(?!\s+own\b)|the\s+company\b)\s?")
# between the announcer and its verb: a legal form, a ticker, an appositive, "today"
_ANNOUNCER_GAP = re.compile(
    _LEGAL_FORM + r"\s*"
    # an appositive may list with a comma: ", a leader in secure, intelligent wireless ...,"
    r"(?:\([^()]{0,40}\)\s*)?(?:,\s+[^;:]{0,120}?,\s*)?(?:today\s+|on\s+\w+\s+)?"
    r"(?:also\s+)?(?:announced|announces|said|says|unveiled|revealed)\s+(?:today\s+)?(?:that\s+)?"
    # an institution keeps its article: "announced that the Ontario Ministry of Health"
    r"(?:the\s+)?"
    # what the customer is, before its name: "said Swiss hearing-aid maker X would use its"
    r"(?:(?:[A-Z][a-z]+\s+)?(?:[a-z][\w-]*\s+){0,2}(?P<kind>[a-z][\w-]*)\s+)?"
)


_VERB = re.compile(r"[A-Za-z]+")


def takes_own_product(sentence: str, cue_end: int) -> bool:
    """The cue's object is named with "its" or "their": both parties may stand before it."""
    return _OWN_PRODUCT_AFTER.match(sentence, cue_end) is not None


def announcer_parties(sentence: str, cue_start: int, cue_end: int, orgs: list[Org]) -> list[Org]:
    """[announcer, customer] when the cue's object is the announcer's own product; else []."""
    # a cue that runs on to the role given ("selected the company as its provider for") has
    # its object straight after its verb
    verb = _VERB.match(sentence, cue_start)
    if not takes_own_product(sentence, cue_end) and not (
        verb is not None and takes_own_product(sentence, verb.end())
    ):
        return []
    before = [org for org in orgs if org.end <= cue_start]
    if len(before) < 2:
        return []
    announcer, chooser = before[-2], before[-1]
    if not _CHOOSER_GAP.fullmatch(sentence, chooser.end, cue_start):
        # "said T-Head, the chip unit of Alibaba, had licensed its designs": the customer
        # described between commas, a name inside the description
        if len(before) < 3 or not _DESCRIBED_CHOOSER_GAP.fullmatch(
            sentence, before[-2].end, cue_start
        ):
            return []
        announcer, chooser = before[-3], before[-2]
    gap = _ANNOUNCER_GAP.fullmatch(sentence, announcer.end, chooser.start)
    if gap is None or (gap.group("kind") is not None and not is_descriptor(gap.group("kind"))):
        return []
    return [announcer, chooser]


# "gab X bekannt, dass", "teilte X mit, dass": the announcer named between the verb and its
# particle, the clause of what was agreed after "dass"
_ANNOUNCED_DE = re.compile(
    r"\b(?:gab|gibt|teilte|teilt)\s+(?P<who>[^,;:]{2,60}?)\s+(?:bekannt|mit),\s+dass\s+$"
)


def announcer_parties_de(sentence: str, cue_start: int, orgs: list[Org]) -> list[Org]:
    """[announcer, other] when a German announcement's dass-clause names only the other side
    of a licence or contract before its cue: the announcer is the one that granted it."""
    before = [org for org in orgs if org.end <= cue_start]
    if len(before) < 2:
        return []
    announcer, other = before[-2], before[-1]
    found = _ANNOUNCED_DE.search(sentence, 0, other.start)
    if found is None or not found.start("who") <= announcer.start < found.end("who"):
        return []
    if re.search(r"[,;:]", sentence[other.end : cue_start]):
        return []
    return [announcer, other]
