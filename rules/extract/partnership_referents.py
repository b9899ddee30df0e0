"""What a later sentence of a paragraph refers back to: a company or a deal named before.

News paragraphs name the company in their first sentence and refer to it with a describing
noun, "it" or its speaker afterwards: "Shares of X rose 3%. The carmaker also said it had
signed ... with Y", "Konzernchef Max Muster kündigte zudem eine Partnerschaft mit Y an",
"X hat weniger verdient. Zugleich vereinbarte das Unternehmen mit Y ...". Such a sentence
is read with the first sentence's first organisation written in place of the describing
phrase, so the grammar meets both parties in one clause.

A sentence may also open with the deal itself after the sentence before told what the two
companies do together: "X liefert Chips für die Rechenzentren von Y. Die Zusammenarbeit soll
...": the two organisations of the sentence before are the parties. And the sentence after a
deal may tell its end: "X und Y gründeten 2019 ein Gemeinschaftsunternehmen. Inzwischen ist
das Joint Venture aufgelöst."
"""

from __future__ import annotations

import re
from itertools import pairwise

from .org_words import DEAL_NOUNS_EN, word_table
from .orgs import find_orgs, is_descriptor, is_descriptor_de, is_role
from .partnership_vetoes import ended_later, veto_classes

_REFERRING_NOUNS_EN = word_table("referring_nouns_en.txt")
_DEAL_NOUNS_DE = tuple(sorted(word_table("deal_nouns_de.txt")))
# the English deal nouns as one alternation, the longest first
_DEAL_NOUNS_EN = "|".join(sorted(DEAL_NOUNS_EN, key=len, reverse=True))
# "The supply deal runs ...", "Der Vertrag läuft ...": an article and up to two describing
# words before the noun
_DEAL_OPENING = {
    "en": re.compile(
        r"(?:The|This|That|Their|Its)\s+(?:[\w-]+\s+){0,2}?(?P<noun>"
        + _DEAL_NOUNS_EN
        + r")\b(?!['’-])"
    ),
    "de": re.compile(
        r"(?:Die|Der|Das|Diese[rs]?)\s+(?:[a-zäöüß][\w-]*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]*)\b"
    ),
}
# "Separately, the carmaker ...": a short opener set off by a comma may come first, or a
# fronted phrase of the deal: "Under the deal with X, announced on Monday, the operator will"
_OPENING_EN = re.compile(
    r"(?:(?:[A-Z][\w ]{0,25}|(?:Under|As\s+part\s+of|Through|In)\s[^;:]{0,80}?),\s+|"
    # a time said without a comma: "Later on Tuesday the drugmaker said"
    r"(?:Later|Earlier)\s+(?:on\s+|this\s+|that\s+|last\s+)?[A-Z]?[a-z]+\s+)?"
    r"(?P<the>[Tt]he)\s+"
)
# "It also said it had signed ...": the pronoun that opens a later sentence, before its verb
_IT_OPENING_EN = re.compile(r"(?:[A-Z][\w ]{0,25},\s+(?P<it>it)|(?P<It>It))\s+(?=[a-z])")
# words that end a describing phrase before its noun: "The deal with the company" means a deal
_PHRASE_BREAKS = frozenset("with of for and or to in on by at from that which who".split())
_WORD = re.compile(r"[\w-]+")
_MAX_WORDS_EN = 4
# "Das Unternehmen hat ...", or after the verb where something else opens the clause:
# "Zugleich vereinbarte das Unternehmen ...", "Seit Februar arbeitet das Unternehmen ...",
# "Für die Automatisierung seines Terminals setzt das Unternehmen ..."
_OPENING_DE = re.compile(
    r"(?:[A-ZÄÖÜ][\w-]*(?:\s+[\w-]+){0,6}?\s+[a-zäöüß]+\s+(?=[dD](?:er|ie|as)\s))?"
    r"(?P<phrase>[dD](?:er|ie|as)\s+(?:[a-zäöüß][\w-]*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]+))"
    r"(?=\s+[a-zäöüß])"
)


def with_referent(text: str, lang: str, first_end: int, sentence: str) -> str | None:
    """`sentence` (not the first of `text`, whose first sentence ends at `first_end`) with the
    company the first sentence opened with in place of the describing phrase that opens it;
    None when it opens otherwise or the first sentence names no organisation."""
    span = _referring_phrase(sentence, lang)
    owned = None if span is not None else _deal_with_partner(sentence, lang)
    if span is None and owned is None:
        return None
    first = text[:first_end]
    orgs = find_orgs(first, lang)
    if not orgs:
        return None
    referent = orgs[0].name
    if referent.casefold() in sentence.casefold():
        return None  # the sentence names it itself: the phrase may mean another
    if span is not None:
        written = sentence[: span[0]] + referent + sentence[span[1] :]
        if lang == "de" and (
            sentence.startswith("des ", span[0]) or not _names_at(written, span[0], referent)
        ):
            # a German name alone is read as a name only if known or shaped like one: the
            # describing phrase before it makes it one ("setzt das Unternehmen Duisport auf");
            # a genitive keeps its article ("Partner des Unternehmens X")
            phrase = sentence[span[0] : span[1]]
            if is_descriptor_de(phrase.split()[-1]):
                written = sentence[: span[1]] + " " + referent + sentence[span[1] :]
        return written
    # "The partnership with Y ..." after a purchase or talks is no partnership of the first
    if owned is None or veto_classes(first.lower() if lang == "en" else first, lang):
        return None
    at = owned.end("at")
    written = f"{referent}'s" if lang == "en" else f" von {referent}"
    start = owned.start("at") if lang == "en" else at
    return sentence[:start] + written + sentence[at:]


# "The supply partnership with Y ...", "Die Partnerschaft mit Y ...": the deal of the company
# the paragraph opened with, with the partner after "with"; read as "X's partnership with Y",
# "Die Partnerschaft von X mit Y"
_DEAL_WITH_PARTNER = {
    "en": re.compile(
        r"(?P<at>The|Its|Their)(?=\s+(?:[\w-]+\s+){0,2}?(?:" + _DEAL_NOUNS_EN + r")\s+with\s)"
    ),
    "de": re.compile(
        r"(?:Die|Der|Das|Seine|Ihre)\s+(?:[a-zäöüß][\w-]*\s+)?(?P<at>(?=[A-ZÄÖÜ])[\w-]*(?i:"
        + "|".join(_DEAL_NOUNS_DE)
        + r"))(?=\s+mit\s)"
    ),
}


# the same deal later in a sentence that names no company before it: "Auslöser war eine
# Forschungskooperation mit Y", "The shares jumped after a supply agreement with Y"
_DEAL_WITH_PARTNER_INSIDE = {
    "en": re.compile(
        r"\b(?P<at>a|an|the|its|their)\s+(?=(?:[\w-]+\s+){0,2}?(?:"
        + _DEAL_NOUNS_EN
        + r")\s+with\s)"
    ),
    "de": re.compile(
        r"\b(?:eine[rnm]?|die|der|dem|das)\s+(?:[a-zäöüß][\w-]*\s+)?"
        r"(?P<at>(?=[A-ZÄÖÜ])[\w-]*(?i:" + "|".join(_DEAL_NOUNS_DE) + r"))(?=\s+mit\s)"
    ),
}


def _deal_with_partner(sentence: str, lang: str) -> re.Match[str] | None:
    """Where the sentence names a deal with a partner and leaves out whose deal it is: at its
    opening, or later when no organisation stands before the deal."""
    opening = _DEAL_WITH_PARTNER[lang].match(sentence)
    if opening is not None:
        return opening
    inside = _DEAL_WITH_PARTNER_INSIDE[lang].search(sentence)
    if inside is None:
        return None
    # "Z signed a supply deal with W", "In a deal with W, Z ...": Z's own. The partner must be
    # the one organisation the sentence names, and in English, where every capitalised word
    # is a name, no capitalised word past the first may stand before the deal ("Rival Z ...")
    if lang == "en" and any(word[:1].isupper() for word in sentence[: inside.start()].split()[1:]):
        return None
    orgs = find_orgs(sentence, lang)
    if len(orgs) != 1 or orgs[0].start < inside.end("at"):
        return None
    # "Analysts said a supply deal with W would help": what may be is no deal made
    return None if _MAY_BE[lang].search(sentence, inside.end()) else inside


_MAY_BE = {
    "en": re.compile(r"\b(?:would|could|might)\b"),
    "de": re.compile(r"\b(?:würde|würden|könnte|könnten|dürfte|dürften)\b"),
}


def _names_at(sentence: str, start: int, name: str) -> bool:
    return any(org.start == start and org.name == name for org in find_orgs(sentence, "de"))


def _referring_phrase(sentence: str, lang: str) -> tuple[int, int] | None:
    speaker = _speaker(sentence)
    if speaker is not None:
        return speaker
    if lang == "de":
        match = _OPENING_DE.match(sentence)
        if match is None or not is_descriptor_de(match.group("noun")):
            return _object_phrase(sentence, lang)
        return match.span("phrase")
    pronoun = _IT_OPENING_EN.match(sentence)
    if pronoun is not None:
        group = "it" if pronoun.group("it") else "It"
        return pronoun.span(group)
    return _subject_phrase_en(sentence) or _object_phrase(sentence, lang)


def _subject_phrase_en(sentence: str) -> tuple[int, int] | None:
    """ "The Swedish streaming company has ...": the describing phrase that is the subject."""
    opening = _OPENING_EN.match(sentence)
    if opening is None:
        return None
    words = list(_WORD.finditer(sentence, opening.end()))[: _MAX_WORDS_EN + 1]
    for word, following in pairwise(words):
        noun = word.group()
        if not noun[:1].islower():
            if noun[:1].isupper():
                continue  # "The Swedish streaming company"
            return None
        if noun in _PHRASE_BREAKS:
            return None
        if _refers(noun):
            # a verb or adverb follows the subject; a possessive or a name does not
            between = sentence[word.end() : following.start()]
            if between.strip() or not following.group()[:1].islower():
                return None
            return opening.start("the"), word.end()
    return None


# the company as the object of a preposition or a verb of choosing: "signed a deal with the
# Finnish company", "Vodafone picked the Finnish group", "mit dem finnischen Konzern"; no name
# follows the noun ("mit dem Konzern Vodafone" names another)
_OBJECT_PHRASE = {
    "en": re.compile(
        r"\b(?:with|to|from|by|picked|selected|chose|chosen|tapped|hired|awarded|granted)\s+"
        r"(?P<phrase>the\s+"
        r"(?:[\w-]+\s+){0,2}?(?P<noun>[a-z][\w-]*))\b(?!['’-]|\s+[A-Z])"
    ),
    "de": re.compile(
        # a town's adjective is capitalised: "mit dem Münchner Konzern"; a partner's genitive:
        # "Vertriebspartner des Unternehmens"
        r"(?:\b(?:mit|an|von|vom)\s+|(?<=[Pp]artner\s)(?=des\s))(?P<phrase>(?:dem|den|der|des)?\s*"
        r"(?:(?:[a-zäöüß][\w-]*|[A-ZÄÖÜ][\w-]*er)\s+)?"
        r"(?P<noun>[A-ZÄÖÜ][\w-]+))\b(?![\w-]|\s+[A-ZÄÖÜ])"
    ),
}


def _object_phrase(sentence: str, lang: str) -> tuple[int, int] | None:
    """The first describing phrase standing for a company after a preposition or a verb of
    choosing, when the sentence names the company no other way. A bare kind ("with the
    operator", "from the utility") may be anyone; the company, the group or a kind with its
    country ("the Finnish operator") is the one the paragraph is about."""
    for match in _OBJECT_PHRASE[lang].finditer(sentence):
        noun = match.group("noun")
        if lang == "de":
            if noun.lower().rstrip("s").endswith(_OWN_KINDS_DE):
                return match.span("phrase")
            continue
        country = any(word[:1].isupper() for word in match.group("phrase").split()[1:])
        if _refers(noun) and (country or noun in _OWN_KINDS_EN):
            return match.span("phrase")
    return None


_OWN_KINDS_EN = frozenset(("company", "group", "firm"))
_OWN_KINDS_DE = ("konzern", "unternehmen", "gruppe")


_CAPITALISED_RUN = re.compile(r"(?:[A-ZÄÖÜ][\w'’.-]*\s+){2,5}(?=[a-zäöüß])")


def _speaker(sentence: str) -> tuple[int, int] | None:
    """ "Konzernchef Max Muster kündigte ... an", "Chief Executive Jane Doe said ...": a role
    and a person's name open the sentence; the person speaks for the company."""
    run = _CAPITALISED_RUN.match(sentence)
    if run is None:
        return None
    words = run.group().split()
    roles = 0
    while roles < len(words) and is_role(words[roles].rstrip(".")):
        roles += 1
    names = len(words) - roles
    if roles == 0 or not 1 <= names <= 3:
        return None
    return 0, run.end() - (len(run.group()) - len(run.group().rstrip()))


def _refers(noun: str) -> bool:
    return is_descriptor(noun) or noun.lower() in _REFERRING_NOUNS_EN


def with_deal_before(
    text: str, lang: str, previous: tuple[int, int], sentence: str
) -> tuple[str, list[str]] | None:
    """The sentence before (span `previous` of `text`) and `sentence` read as one, with the
    two organisations of the sentence before as parties, when `sentence` opens with the deal
    they made; None otherwise, or where the sentence before tells of a purchase, a stake, an
    end or talks. The caller has kept a cue of `sentence` past its vetoes."""
    opening = _DEAL_OPENING[lang].match(sentence)
    if opening is None or not _names_deal(opening.group("noun"), lang):
        return None
    before = text[previous[0] : previous[1]]
    orgs = find_orgs(before, lang)
    if len(orgs) != 2 or orgs[0].key == orgs[1].key:
        return None
    # the sentence that refers back keeps its own cue only where no veto stands near it
    if veto_classes(before.lower() if lang == "en" else before, lang):
        return None
    return before + " " + sentence, [orgs[0].name, orgs[1].name]


def ended_after(text: str, lang: str, following: tuple[int, int]) -> bool:
    """Whether the sentence at span `following` of `text` refers back to a deal and tells its
    end: "Inzwischen ist das Joint Venture aufgelöst", "The partnership was dissolved"."""
    sentence = text[following[0] : following[1]]
    mention = _DEAL_MENTION[lang].search(sentence.lower())
    return mention is not None and ended_later(sentence, mention.end(), lang)


_DEAL_MENTION = {
    "en": re.compile(
        r"\b(?:the|this|that|their|its)\s+(?:[\w-]+\s+){0,2}?(?:" + _DEAL_NOUNS_EN + r")\b"
    ),
    "de": re.compile(
        r"\b(?:die|der|das|den|dem|diese[rsnm]?|ihre[nmrs]?|ihr)\s+(?:[\w-]+\s+)?(?:[\w-]*(?:"
        + "|".join(_DEAL_NOUNS_DE)
        + r")|joint\s+venture)\b"
    ),
}


def _names_deal(noun: str, lang: str) -> bool:
    if lang == "en":
        return noun in DEAL_NOUNS_EN
    return noun.lower().endswith(_DEAL_NOUNS_DE)
