"""Cheap English/German detection from function words, for texts that arrive without a language."""

from __future__ import annotations

from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind

_GERMAN = frozenset(
    "der die das den dem des und auf für mit von vom zum zur ist sind nicht ein eine einer "
    "eines im bei nach aus auch wird wurde hat haben sich noch um über wie als ziel kursziel "
    "hebt senkt belässt lässt startet stuft euro prozent aktie aktien analyse papiere "
    "anteilsscheine gegenüber seit dass oder wegen zu".split()
)
_ENGLISH = frozenset(
    "the and of to on in for with at is are was were has have from by as its this that "
    "price target maintains raises lowers upgrades downgrades initiates coverage shares "
    "rating stock says after reports sees announces".split()
)


# A word is a run of the letters a-z, ä, ö, ü and ß. Lower-cased text holds no ASCII capitals,
# so the German letters stand in as capitals. Encoded as Latin-1, every character is one byte
# (a character Latin-1 lacks becomes "?"), and one byte-table pass turns the German letters into
# their stand-ins and every other byte outside the kept ones into a space: a few
# times cheaper than a regex over the text.
_STAND_INS = (("ä", "A"), ("ö", "O"), ("ü", "U"), ("ß", "S"))
_KEPT = b"abcdefghijklmnopqrstuvwxyzAOUS"
_STOOD_IN_BYTES = {ord(letter.encode("latin-1")): ord(stand_in) for letter, stand_in in _STAND_INS}
_WORD_BYTES = bytes(
    byte if byte in _KEPT else _STOOD_IN_BYTES.get(byte, ord(" ")) for byte in range(256)
)


def _stood_in(text: str) -> str:
    for letter, stand_in in _STAND_INS:
        if letter in text:
            text = text.replace(letter, stand_in)
    return text


# The two word sets share no word, so each word counts at most once: German up, English down.
_SCORE = {_stood_in(word).encode(): 1 for word in _GERMAN} | {
    _stood_in(word).encode(): -1 for word in _ENGLISH
}
_SCORES = list(_SCORE.values())
# Each scored word between two spaces, looked for in a text's word bytes with a space added at
# either end: it matches only where it stands as a whole word. One pass of the automaton finds
# them all (overlapping, as neighbouring words share the space between them), instead of
# splitting the text into every word and looking each one up.
_SCORED_WORDS = BytesAhoCorasick(
    [b" " + word + b" " for word in _SCORE],
    matchkind=MatchKind.Standard,
    implementation=Implementation.DFA,
)


SAMPLE = 600

# The German lead in function words over English, and whether German letters occur.
Votes = tuple[int, bool]


def language_of(lowered: str, default: str = "en") -> str:
    """'de' or 'en' for lower-cased text, by counting function words in its first SAMPLE
    characters."""
    return decide(votes(lowered[:SAMPLE]), default)


def votes(lowered: str) -> Votes:
    """What `decide` weighs, from lower-cased text; pieces split at whitespace add up to the
    whole's."""
    umlauts = "ä" in lowered or "ö" in lowered or "ü" in lowered or "ß" in lowered
    words = b" " + lowered.encode("latin-1", "replace").translate(_WORD_BYTES) + b" "
    scored = _SCORED_WORDS.find_matches_as_indexes(words, overlapping=True)
    lead = 0
    for index, _, _ in scored:  # a plain loop: a comprehension costs a function each call
        lead += _SCORES[index]
    return lead, umlauts


def decide(counted: Votes, default: str = "en") -> str:
    lead, umlauts = counted
    if lead == 0:
        return "de" if umlauts else default
    return "de" if lead > 0 else "en"


def added(parts: list[Votes]) -> Votes:
    total, umlauts = 0, False
    for lead, seen in parts:
        total += lead
        umlauts = umlauts or seen
    return total, umlauts
