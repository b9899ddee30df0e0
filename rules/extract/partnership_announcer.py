"""The announcer as a party: "Kinaxis today announced that Carlsberg has chosen its Maestro
platform", "Arm announced that Rivos will license its compute subsystems".

A press release names its own product after the customer that took it, with "its": the
product's maker is the company that announces, not a name inside the product.
"""

from __future__ import annotations

import re

from .orgs import Org

_LEGAL_FORM = r"(?:,?\s*(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|AG|SE|N\.V|S\.A)\.?)?"
# the customer's verb phrase reaches the cue: "has", "will", "is to"; the customer's legal form
# may stand before it ("Garmin Ltd. has selected")
_CHOOSER_GAP = re.compile(_LEGAL_FORM + r"\s+(?:(?:has|have|had|will|would|is|are|was|to)\s+){0,2}")
_DESCRIBED_CHOOSER_GAP = re.compile(
    r",\s+(?:the|a|an|its)\s[^,;:()]{0,60},"
    + _LEGAL_FORM
    + r"\s+(?:(?:has|have|had|will|would|is|are|was|to)\s+){0,2}"
)
# what the cue takes: the announcer's own product, named with "its" or "their", or the
# announcer itself as the release calls it ("has selected the company as its provider")
_OWN_PRODUCT_AFTER = re.compile(r"\s+(?:its|their|the\s+company\b)\s?")
# between the announcer and its verb: a legal form, a ticker, an appositive, "today"
_ANNOUNCER_GAP = re.compile(
    _LEGAL_FORM + r"\s*"
    r"(?:\([^()]{0,40}\)\s*)?(?:,\s+[^,;:]{0,120},\s*)?(?:today\s+|on\s+\w+\s+)?"
    r"(?:also\s+)?(?:announced|announces|said|says|unveiled|revealed)\s+(?:today\s+)?(?:that\s+)?"
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
    if not _ANNOUNCER_GAP.fullmatch(sentence, announcer.end, chooser.start):
        return []
    return [announcer, chooser]
