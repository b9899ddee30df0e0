"""Partnerships, collaborations and technology adoption between named organisations (en/de).

Works sentence by sentence: a cue ("collaboration with", "teams up", "Kooperation von X mit Y",
"setzt auf") anchors the search, organisation spans on either side of it become the parties, and
cues of another kind nearby (M&A, talks, lawsuits, terminations) veto the sentence. A text without
any cue word costs one prefix-tree search; organisations are only looked for in sentences that
keep a cue after the vetoes.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from rules.events import Partnership

from .companies import COMPANY_TABLE
from .cues import PARTNERSHIP_CUE, PARTNERSHIP_GATE, cue_families, gate_matches, word_gate
from .data_files import data_lines
from .datelines import dateline_end
from .names import without_genitive
from .org_words import (
    AWARD_VERBS,
    COMPANY_UNITS,
    HEADLINE_PARTICLES_EN,
    HEADLINE_VERBS_EN,
    KNOWN,
    LEGAL,
    NAME_TAILS,
    NATIONALITIES_EN,
    ORG_HEADS,
    PLACES,
)
from .orgs import (
    Org,
    find_orgs,
    is_descriptor,
    is_descriptor_de,
    is_role,
    is_title_case,
    org_key,
    token_role,
)
from .partnership_announcer import announcer_parties, announcer_parties_de, takes_own_product
from .partnership_cues import (
    LEFT_WINDOW,
    RIGHT_WINDOW,
    Anchor,
    Cue,
    cue_anchors,
    cue_starts,
    find_cues,
)
from .partnership_model import (
    SHIPPED_MODEL,
    PartnershipModel,
    completed_features,
    core_features,
    party_features,
)
from .partnership_parties import loose_parties
from .partnership_referents import ended_after, with_deal_before, with_referent
from .partnership_verb_final_de import verb_final_pair
from .partnership_vetoes import (
    buys_the_owner,
    company_changes_hands,
    ended_later,
    veto_classes,
    vetoed,
)
from .sentences import sentence_spans

_MAX_CHARS = 4000
_VETO_REACH = 120
# Words that name a partnership whatever their form; other cue words ("deal", "uses") make a
# candidate only where the grammar reads a cue.
_RELATION_STEMS = {
    "en": ("partner", "collaborat", "joint venture", "alliance"),
    "de": ("kooper", "partnerschaft", "zusammenarbeit", "gemeinschaftsunternehmen"),
}
_RELATION_WORDS = {lang: word_gate(stems) for lang, stems in _RELATION_STEMS.items()}
_MAX_GATE_HITS = 4
_ORG_WINDOW_LEFT = 300
_ORG_WINDOW_RIGHT = 200
# a joining word ("of") and the gap after it, before the capital that lets it open a name
_JOIN_REACH = 45
_ASCII_CAPITAL = re.compile(r"[A-Z]")
# a name before the deal noun, with a word of its kind between as `_adjacent_before` allows:
# "Wins NASA Contract", "wins Tesla chip contract"
_NAME_BEFORE = re.compile(r"(?<![\w'’])[A-ZÄÖÜ][\w&.-]*\s+(?:[a-z-]+\s+)?$")

# a colon inside parentheses belongs to a ticker ("(NASDAQ: ONDS)") and ends no clause
_CLAUSE_STOP = re.compile(r";|:(?![^()]{0,30}\))| – | — ")
_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the|which|who|whose|ein|eine|einer|der|die|das)\s[^,;:]{0,150},"
)
_RIGHT_PREP = {
    ("en", "strong"): re.compile(r"\b(?:with|between)\b", re.IGNORECASE),
    ("en", "recip"): re.compile(r"\bwith\b", re.IGNORECASE),
    ("en", "weak"): re.compile(r"\b(?:with|from|to)\b", re.IGNORECASE),
    ("de", "strong"): re.compile(r"\b(?:mit|zwischen)\b"),
    ("de", "recip"): re.compile(r"\bmit\b"),
    ("de", "weak"): re.compile(r"\b(?:mit|von|vom|der|des|an)\b"),
    # a paper given ("vergibt eine Lizenz für ... an X") goes to the one after "an"
    ("de", "given"): re.compile(r"\ban\b"),
}
# how far after its cue the preposition that opens the counterpart may stand; German puts
# adverbials before it: "arbeitet bei der Buchung von Mietwagen ab dem Sommer mit X zusammen",
# "liefert ab 2027 elektrische Achsantriebe an den Hersteller X": the goods before the customer;
# a shared act names what is made before with whom: "will jointly develop software for
# next-generation vehicles with X"
_PREP_REACH = {("de", "recip"): 60, ("de", "weak"): 60, ("de", "given"): 90, ("en", "recip"): 60}
_RIGHTS_CUE = re.compile(r"(?:the\s+)?rights", re.IGNORECASE)
_RIGHTS_TO = re.compile(r"\brights\s+to$", re.IGNORECASE)
_GIVEN_WINDOW = 120
# a verb of giving a contract or licence before its noun: "vergibt eine Lizenz"
_GIVEN_BEFORE_DE = re.compile(
    r"\b(?:vergibt|vergab|vergeben|erteilt|erteilte|erteilen)\s+(?:\w+\s+)?$"
)
# how far past a Title-Case object ("Grants License For Lithium Extraction Technology To X")
# the preposition that opens the counterpart may stand
_TITLE_OBJECT_REACH = 40
_WORDS_BEFORE = re.compile(r"[\w-]+")
# a town's or country's adjective, capitalised in German: "Schweizer", "Berliner"
_TOWN_ADJECTIVE_DE = r"[A-ZÄÖÜ][a-zäöüß]+er\s+"
_MAKER_PHRASE = re.compile(
    r"^\s*(?:(?:der|die|das|dem|den|the|a|an)\s+)?(?P<thing>(?:[\w-]+\s+){1,4}?)"
    r"(?:von|vom|des|der|of|from|by)\s+(?:(?:der|dem|the)\s+)?"
    # an adjective before what the maker is, lower-case or a town's: "des Schweizer Anbieters"
    rf"(?:[a-zäöüß][\w-]*e[nrs]?\s+|{_TOWN_ADJECTIVE_DE}(?=[A-ZÄÖÜ]))?(?:[\w-]+\s+)?$"
)
_SOURCE_PREP = re.compile(r"^\s*(?:von|vom|from|of|by)\s+(?:der|des|dem|the)?\s*$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(
    r"\b(?:this|that|the|their|its|diese|dieser|die)\s+(?:\w+\s+)?"
    r"(?:partnership|collaboration|alliance|joint venture|Partnerschaft|Kooperation)",
    re.IGNORECASE,
)
_UNDER_DEAL = re.compile(
    r"\b(?:under|as\s+part\s+of|im\s+Rahmen)\s+(?:(?:a|an|the|its|their|einer|eines|des|der)\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_COUNTERPART_BEFORE = re.compile(
    r"\b(?:from|with|by|for|through|via|von|mit|für|(?:customers|clients|users)\s+of|"
    # the one a licence or supply is paid to: "To Pay X $30 Million Under Licensing Pact"
    r"pay|pays|paid|paying)\s+(?:the\s+|der\s+|dem\s+)?"
    # the country that owns it: "from Taiwan's X"
    r"(?:[\w.]+['’]s\s+)?$",
    re.IGNORECASE,
)
# The deal named before the clause that says what it does: "Under the agreement, X will ..."
_OPENING_UNDER_DEAL = re.compile(
    r"^[\s\"'“]*(?:under|as\s+part\s+of)\s+(?:the|this|that|their|its)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# the partner named before the noun, with whom or from whom: "mit X einen Vertrag geschlossen",
# "von X einen Rahmenvertrag erhalten"
_VERB_BEFORE = re.compile(r"\b(?:will|would|to)\s+[a-z]+\s+$")
# what runs on the other's platform, or moves onto it: "moving its customers onto Y's network"
_RUNS_ON = re.compile(
    r"\b(?:run|runs|running|host|hosts|hosting|mov(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|"
    r"shift(?:s|ed|ing)?|switch(?:es|ed|ing)?)\s+(?:[\w-]+\s+){0,4}?(?:on|onto|to)\s+$"
)
_MIT_BEFORE = re.compile(
    r"\b(?:mit|von|vom)\s+(?:(?:der|dem|den)\s+)?(?P<described>(?:[\w-]+\s+){0,2}?)$"
)
# between the partner and the noun: an article and an adjective or two, nothing that ends the
# clause
_PARTNER_GAP_DE = re.compile(
    r"\s+(?:(?:eine[nmrs]?|ein|die|das|den|der|[a-zäöüß]+e[nmrs]?)\s+){0,3}"
)
# German puts the subject after the verb when something else opens the clause ("Ab 2027
# liefert die X ..."): between the verb and its subject only an article
_INVERTED_GAP_DE = re.compile(r"\s+(?:(?:die|der|das)\s+)?")
_DESCRIBED_GAP_DE = re.compile(
    r"\s+(?:die|der|das)\s+(?:[a-zäöüß][\w-]*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]*)\s+"
)
# a source quoted before the verb is no subject: "Nach Angaben von Bloomberg setzt X auf Y"
_ATTRIBUTED = re.compile(r"(?:Angaben\s(?:von|des|der)|[Ll]aut|[Bb]ericht\w*\s(?:von|des|der))\s$")
# the perfect: "X hat Y mit dem Aufbau beauftragt", the object between auxiliary and participle
_AUXILIARY_DE = re.compile(r"^\s+(?:hat|haben|hatte|hatten)\s[^,;:]*$")
_AUXILIARY_BEFORE_DE = re.compile(
    r"\b(?:hat|haben|hatte|hatten)\s+(?:(?:der|die|das)\s+)?(?:[\w-]+\s+){0,2}$"
)
_OBJECT_GAP_DE = re.compile(r"\s+(?:den|die|das)\s+(?:[\w-]+\s+){0,2}")
_BETWEEN_BEFORE = re.compile(r"\b(?:[Zz]wischen|between)\s+(?:(?:der|dem|den|the)\s+)?$")
# Glue inside German headlines: a function word straight after two capitals ("KIIm Wandel") and
# a capitalised word straight after three small letters ("MarktGewinne") get a space. Each
# pattern opens with the capital it needs, so the matcher skips every other position; the
# replacement keeps what was matched and adds the space where the glue was.
_GLUED_FUNCTION_WORD = re.compile(
    r"[A-ZÄÖÜ]{2}(?=(?:Im|In|Die|Der|Das|Den|Dem|Des|Mit|Auf|Am|Zum|Bei)\b)"
)
_GLUED_WORDS = re.compile(r"[A-ZÄÖÜ](?<=[a-zäöüß]{3}[A-ZÄÖÜ])(?=[a-zäöüß])")
# Both kinds of glue put a capital straight after a letter; most texts have neither.
_GLUE_HINT = re.compile(
    r"[A-ZÄÖÜ](?:(?<=[a-zäöüß][A-ZÄÖÜ])[a-zäöüß]|"
    r"(?:I[mn]|D[ie][res]|D[ae][mns]|Mit|Auf|Am|Zum|Bei)\b)"
)
# Organisation spans end before a legal form, so "Fabrikam Inc and Litware" leaves " Inc and ".
_LEGAL_FORM = r"(?:,?\s*(?i:" + "|".join(sorted(LEGAL, key=len, reverse=True)) + r")\b\.?)?"
_PAIR_GAP = {
    "en": re.compile(
        # "and South Korea's LG Energy Solution": the country that owns the second name
        # a ticker after the first name: "X (NYSE: XX) and Y"
        rf"^{_LEGAL_FORM}\s*(?:\([^()]{{1,30}}\)\s*)?(?:,\s*)?(?:and|&|with)\s*"
        rf"(?:(?:[A-Z][\w.-]*\s){{0,2}}[A-Z][\w.-]*['’]s\s|"
        # "and U.S.-based Sandisk": where the second one sits
        r"[\w.]+-based\s|"
        # "and Indian conglomerate Mahindra": what the second one is, with its country
        r"(?:[A-Z][a-z]+\s)?[a-z][a-z-]{3,}\s)?$|"
        rf"^{_LEGAL_FORM}\s*,\s*$|"
        # what the first one is, set off by commas: "X, the precision oncology company, and Y"
        rf"^{_LEGAL_FORM}\s*,\s+(?:a|an|the)\s[^,;:()]{{1,80}},\s*(?:and|&)\s*$",
        re.IGNORECASE,
    ),
    "de": re.compile(
        rf"^{_LEGAL_FORM}\s*(?:,\s*)?(?:und|sowie|&|mit)\s*(?:der|die|das|dem|den|des)?\s*"
        # "und der chinesische Batteriehersteller": what the second company is; a town's
        # adjective is capitalised: "und die Berliner Fintech-Firma"
        rf"(?:(?<=[erms] )(?:[a-zäöü][\w-]*\s+)?(?:{_TOWN_ADJECTIVE_DE}(?=[A-ZÄÖÜ]))?"
        r"(?:[A-ZÄÖÜ][\w-]*\s+)?)?$|"
        rf"^{_LEGAL_FORM}\s*,\s*(?:der|die|das|dem|den|des)?\s*$"
    ),
}
_BETWEEN_GAP = {
    "en": re.compile(r"^\s*(?:\w+\s+){0,2}?(?:between|of)\s+(?:the\s+)?$", re.IGNORECASE),
    "de": re.compile(r"^\s*(?:\w+\s+){0,2}?(?:zwischen|von|der|des)\s+(?:\S+\s+){0,2}?$"),
}
# between a company and the noun that names its partner: nothing, or its possessive and what
# the partner does for it ("Tesla's battery supplier")
_OWNER_GAP = re.compile(r"\s*|(?:['’]s?)?\s+(?:[a-z][\w-]*\s+)?")
_OWNED_PRODUCT = re.compile(r"['’]s\s.*$")
# what may stand between the winner of a contract and its awarder: "Wins $48 Million NASA"
_AWARD_GAP = re.compile(
    r"\s*(?P<verb>[\w-]+)\s+(?:(?:a|an|the|new|einen|den|\$?[\d.,]+(?:\s*(?:million|billion|"
    r"mln|bln|m|bn|mio|mrd))?)\s+)*$",
    re.IGNORECASE,
)
# The subject signs the paper named by a weak cue: "X and Y signed a ... agreement"
_SIGNED_BEFORE = {
    "en": re.compile(
        r"\b(?:sign(?:s|ed)?|ink(?:s|ed)?|seal(?:s|ed)?|struck|strike|reach(?:es|ed)?|"
        r"enter(?:s|ed)?\s+into|renew(?:s|ed)?|extend(?:s|ed)?|launch(?:es|ed)?|form(?:s|ed)?|"
        r"announce[sd]?)\s+"
        # a headline leaves the article out: "X and Y Sign Data Integration Agreement"
        r"(?:(?:a|an|the|their|new)\s+)?(?:[\w-]+\s+){0,4}$",
        re.IGNORECASE,
    ),
    "de": re.compile(
        # a paper renewed or widened is one both still hold: "X und Y verlängern Rahmenvertrag"
        r"\b(?:haben|hatten|unterzeichne(?:n|ten)|schließen|schlossen|vereinbaren|vereinbarten|"
        r"verlänger(?:n|ten)|erneuer(?:n|ten)|erweiter(?:n|ten))\s+"
        # a headline leaves the article out: "X und Y unterzeichnen Absichtserklärung"
        r"(?:(?:einen|eine|ein|ihren|ihre|den|die|das)\s+)?(?:[\w-]+\s+){0,2}$"
    ),
}
_OBJECT_OF_PREPOSITION = re.compile(
    r"\b(?:on|in|for|to|at|of|from|auf|für|bei|im|zu)\s+$", re.IGNORECASE
)
# what ends a list of names in a headline, where commas stand for "and"
_HEADLINE_LIST_END = re.compile(r"\s*(?:$|(?:On|To|For|In|At|As|Over|Amid|After|Through)\b)")
_OWN_THING = re.compile(r"\b(?:its|their|our|seine[nms]?|ihre[nms]?)\s+$", re.IGNORECASE)
_OPEN_GAP = re.compile(r"^[^,;:.?!()]*$")
_POSSESSIVE_GAP = re.compile(r"^[^,;:.?!]{0,40}?(?:['’]\s?s|['’])[\s\"`'‘“]*$")
# a deal's purpose told as a trade: "deal to buy LNG from", "contract to make chips for"
_TRADED = re.compile(
    r"\s+to\s+(?:"
    + "|".join(word for line in data_lines("trade_verbs_en.txt") for word in line.split())
    + r")\s+(?:[^\s,;.]+\s+){1,5}?(?:from|to|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AFTER_PREP_STOP = frozenset(
    "around across like including in on at for to from over under throughout near such as "
    "that which who whose than about among into onto and or und oder für in im am an auf bei nach "
    "über unter vor zu".split()
)


class Candidate(NamedTuple):
    """A sentence with a cue word: what the model reads and what the grammar found in it."""

    sentence: str
    lang: str
    gate_hits: list[tuple[int, int]]
    features: list[str]
    grammar: list[list[str]]


def find_partnerships(
    text: str,
    lang: str,
    cues: frozenset[str] | None = None,
    lowered: str | None = None,
    screened: Screened | None = None,
) -> list[Partnership]:
    """Partnership events in a headline or short text; [] when there are none.

    `cues` is `cue_families` of the text and `lowered` is the text lower-cased, when the
    caller has them already; `screened` is what `screen` gave for the same text and language.
    """
    model = SHIPPED_MODEL
    events: list[Partnership] = []
    seen: set[frozenset[str]] = set()
    if screened is None:
        screened = screen(text, lang, cues, lowered)
    for candidate in _candidates(screened, model) if screened is not None else []:
        for judged in _judged(candidate, model):
            parties = [with_written_ending(without_legal_form(party), text) for party in judged]
            if lang == "de":  # "baut auf Alibabas Qwen-Modell": the company, not its genitive
                parties = [without_genitive(party) for party in parties]
            key = frozenset(party.casefold() for party in parties)
            if len(key) >= 2 and key not in seen:
                seen.add(key)
                events.append(Partnership(parties=tuple(parties)))
    return events


def _judged(candidate: Candidate, model: PartnershipModel) -> list[list[str]]:
    """The grammar's parties when the model takes them; else the loose party finder's when the
    model is sure of those."""
    if candidate.grammar and model.probability(grammar_features(candidate)) >= model.keep:
        return candidate.grammar
    if model.bias + model.logit(candidate.features) < model.screen:
        return []
    parties = loose_parties(candidate.sentence, candidate.lang, candidate.gate_hits)
    if len(parties) < 2 or [parties] == candidate.grammar:
        return []
    features = candidate.features + party_features(parties, "loose")
    return [parties] if model.probability(features) >= model.rescue else []


def grammar_features(candidate: Candidate) -> list[str]:
    parties = [party for group in candidate.grammar for party in group]
    return candidate.features + party_features(parties, "grammar")


class Screened(NamedTuple):
    """A text that may hold a candidate, as `partnership_candidates` reads it."""

    text: str
    lang: str
    lowered: str
    anchors: list[Anchor] | None
    relation: bool


def partnership_candidates(
    text: str, lang: str, cues: frozenset[str] | None = None, lowered: str | None = None
) -> list[Candidate]:
    """The sentences of `text` where the cue scan finds a partnership cue, each with its
    features and the parties the grammar reads in it. The model judges only these: the cue
    scan keeps the cost of a text without a cue at one search. `lowered` is `text.lower()`
    when the caller has it."""
    screened = screen(text, lang, cues, lowered)
    return [] if screened is None else _candidates(screened)


def screen(
    text: str, lang: str, cues: frozenset[str] | None = None, lowered: str | None = None
) -> Screened | None:
    """None when no sentence of `text` can be a candidate (see `partnership_candidates`): then
    the text has no partnership, whatever else is known of it."""
    if not isinstance(text, str) or not text:
        return None
    lang = "de" if str(lang).lower().startswith("de") else "en"
    if len(text) > _MAX_CHARS:
        # the cut may end next to a letter whose lower case depends on what follows it
        text, lowered = text[:_MAX_CHARS], None
    if cues is None:
        cues = cue_families(text.lower() if lowered is None else lowered)
    if PARTNERSHIP_CUE[lang] not in cues:
        return None
    opening = dateline_end(text) or _wire_slug_end(text)
    if opening:
        # the dateline's places and wire stand where the subject would: blank them, keeping
        # every offset
        aligned = lowered is not None and len(lowered) == len(text)
        text = " " * opening + text[opening:]
        lowered = " " * opening + lowered[opening:] if aligned and lowered else None
    if lang == "de" and _GLUE_HINT.search(text):
        text = _GLUED_WORDS.sub(r" \g<0>", _GLUED_FUNCTION_WORD.sub(r"\g<0> ", text))
        lowered = None
    if lowered is None:
        lowered = text.lower()
    anchors = cue_anchors(text, lowered, lang)
    # the pattern matches wherever one of its words stands: plain substring tests say as much
    relation = any(map(lowered.__contains__, _RELATION_STEMS[lang]))
    if anchors is not None and not anchors and not relation:
        return None  # no cue can match in any sentence, and no word names a relation
    return Screened(text, lang, lowered, anchors, relation)


def _wire_slug_end(text: str) -> int:
    """Where a wire slug glued to the headline ends ("BRIEF-X Signs ..."): it is no part of
    the first name."""
    match = _WIRE_SLUG.match(text) if text.startswith(_WIRE_SLUG_OPENINGS) else None
    return 0 if match is None else match.end()


_WIRE_SLUG = re.compile(r"(?:(?:BRIEF|UPDATE\s?\d*|REFILE|RPT|CORRECTED|EXCLUSIVE)-)+(?=[A-Z0-9])")
# the words each slug opens with
_WIRE_SLUG_OPENINGS = ("BRIEF", "UPDATE", "REFILE", "RPT", "CORRECTED", "EXCLUSIVE")


def _candidates(screened: Screened, model: PartnershipModel | None = None) -> list[Candidate]:
    """The candidates of a screened text. With `model`, a sentence the grammar names no
    parties in is left out as soon as its cheap features score below the model's screen with
    the best case of the others (`headroom`) added: `_judged` would reject it whatever they
    are, so the vetoes and the shape, the costliest, are not read."""
    text, lang, lowered, anchors, relation = screened
    candidates: list[Candidate] = []
    spans = sentence_spans(text)
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if anchors is None:
            sentence_lowered = sentence.lower()
            starts = None
        else:
            starts = cue_starts(anchors, start, end)
            # lower() maps letter by letter here, and its one context rule (Greek final sigma)
            # stops at the whitespace around a sentence: the slice is the sentence lowered
            sentence_lowered = lowered[start:end]
        found = find_cues(sentence, lang, starts, sentence_lowered) if starts != {} else []
        if found:
            gate_hits = _hits(sentence_lowered, lang, found)
        elif relation:
            # a word that names the relation itself ("Partners", "zusammenarbeitet"), in a form
            # the grammar does not read: the model and the loose finder may still
            if not any(map(sentence_lowered.__contains__, _RELATION_STEMS[lang])):
                continue  # the search below would find none: most sentences of a long text
            relation_word = _RELATION_WORDS[lang].search(sentence_lowered)
            if relation_word is None:
                continue
            gate_hits = [relation_word.span()]
        else:
            continue
        if index:
            # "The carmaker also said it had signed ... with Y": the company named before
            referred = with_referent(text, lang, spans[0][1], sentence)
            if referred is not None:
                referred_lowered = referred.lower()
                referred_cues = find_cues(referred, lang, None, referred_lowered)
                referred_hits = _hits(referred_lowered, lang, referred_cues)
                if referred_hits:
                    # a rewrite that put the company in for the cue word itself is not taken
                    sentence, sentence_lowered = referred, referred_lowered
                    found, gate_hits = referred_cues, referred_hits
        kept = [cue for cue in found if not vetoed(sentence, cue, lang, sentence_lowered)]
        grammar = _sentence_partnerships(sentence, lang, kept) if kept else []
        if kept and not grammar and index:
            # "... für die Rechenzentren von Y. Die Zusammenarbeit soll ...": the deal the
            # sentence before told of
            told = with_deal_before(text, lang, spans[index - 1], sentence)
            if told is not None:
                sentence, grammar = told[0], [told[1]]
                sentence_lowered = sentence.lower()
                found = find_cues(sentence, lang, None, sentence_lowered)
                kept = [cue for cue in found if not vetoed(sentence, cue, lang, sentence_lowered)]
                gate_hits = _hits(sentence_lowered, lang, found)
        if not gate_hits:
            continue  # a sentence told again without its cue word: nothing to read around
        if index + 1 < len(spans) and ended_after(text, lang, spans[index + 1]):
            continue  # "... ein Gemeinschaftsunternehmen. Inzwischen ist es aufgelöst."
        features = core_features(
            sentence,
            sentence_lowered,
            lang,
            gate_hits,
            [cue.kind for cue in found],
            [cue.kind for cue in kept],
            bool(grammar),
        )
        if (
            model is not None
            and not grammar
            and model.bias + model.logit(features) + model.headroom < model.screen
        ):
            continue
        vetoes = veto_classes(
            _around(sentence_lowered if lang == "en" else sentence, gate_hits), lang
        )
        features = completed_features(features, sentence, gate_hits, vetoes)
        candidates.append(Candidate(sentence, lang, gate_hits, features, grammar))
    return candidates


def _around(sentence: str, gate_hits: list[tuple[int, int]]) -> str:
    """The part of a long sentence near its cue words, where the model looks for vetoes."""
    start, end = gate_hits[0]
    return sentence[max(0, start - _VETO_REACH) : end + _VETO_REACH]


def _hits(lowered: str, lang: str, cues: list[Cue]) -> list[tuple[int, int]]:
    """Where the model reads a candidate: its cue words, else its cues."""
    return _gate_hits(lowered, lang) or [(cue.start, cue.end) for cue in cues]


def _gate_hits(lowered: str, lang: str) -> list[tuple[int, int]]:
    """Up to `_MAX_GATE_HITS` cue words; in English only where they start a word ('team' in
    'steam' is none), in German also inside a compound ('Forschungskooperation')."""
    hits: list[tuple[int, int]] = []
    for start, end in gate_matches(PARTNERSHIP_GATE[lang], lowered):
        if lang == "de" or start == 0 or not lowered[start - 1].isalnum():
            hits.append((start, end))
            if len(hits) == _MAX_GATE_HITS:
                break
    return hits


def _sentence_partnerships(sentence: str, lang: str, cues: list[Cue]) -> list[list[str]]:
    if all(_without_counterpart(sentence, cue, lang) for cue in cues):
        return []
    # Parties stand near their cue: a long sentence is read only around its cues.
    lo = min(cue.start for cue in cues) - _ORG_WINDOW_LEFT
    hi = max(cue.end for cue in cues) + _ORG_WINDOW_RIGHT
    orgs = find_orgs(sentence, lang, lo, hi)
    if len(orgs) < 2:
        return []
    for cue in cues:
        if any(org.start <= cue.start < org.end for org in orgs):
            continue  # "Walgreens Boots Alliance", "QC Partners": part of a name
        groups = _parties_for(sentence, cue, orgs, lang)
        if groups:
            return groups
    return []


_CLOSING_STATEMENT = re.compile(r",\s+(?:the\s+|both\s+)(?:two\s+)?$")
_WORD_AFTER = re.compile(r"(?:['’]s)?\s+([\w-]+)")


def _joint_statement(sentence: str, cue: Cue, orgs: list[Org]) -> list[list[str]]:
    """ "X will make chips for Y at its plant, the companies said": the two first named in
    the clause the statement closes are the ones that spoke together."""
    if _CLOSING_STATEMENT.search(sentence, max(0, cue.start - 12), cue.start) is None:
        return []
    told = [org for org in orgs if org.end <= cue.start]
    pair: list[Org] = []
    for org, following in zip(told, [*told[1:], None], strict=True):
        if following is not None and is_descriptor(sentence[org.end : following.start].strip()):
            continue  # "Fashion retailer H&M": what the next one is, capitalised
        after = _WORD_AFTER.match(sentence, org.end)
        if after is not None and is_role(after.group(1)):
            continue  # "Apple's chief executive met ...": its people, not the company, act
        if all(org.key != other.key for other in pair):
            pair.append(org)
    return [_names(pair[:2])] if len(pair) >= 2 else []


def _without_counterpart(sentence: str, cue: Cue, lang: str) -> bool:
    """A weak or adopt cue yields parties only with an organisation starting at most
    RIGHT_WINDOW characters after it (`_between`, `_right_party`). Organisations start at a
    capitalised word or at a joining word ("of") fewer than 40 characters before one, so
    without a capital in that reach the cue yields nothing, unless a weak cue's word follows a
    name ("Wins NASA Contract") or a signing verb ("signed an agreement")."""
    if cue.kind not in ("weak", "adopt"):
        return False
    if cue.kind == "weak" and _NAME_BEFORE.search(sentence, max(0, cue.start - 30), cue.start):
        return False
    if cue.kind == "weak" and _SIGNED_BEFORE[lang].search(
        sentence, max(0, cue.start - 60), cue.start
    ):
        return False  # the parties may all stand before it: "X and Y signed an agreement"
    if (
        lang == "de"
        and cue.kind == "weak"
        and _PERFECT_PARTNER_BEFORE_DE.search(sentence, max(0, cue.start - 120), cue.start)
    ):
        return False  # "X hat mit dem Versorger Y einen Liefervertrag abgeschlossen"
    if lang == "de" and cue.kind == "adopt" and _CLAUSE_END.match(sentence, cue.end):
        return False  # "X hat Y mit dem Aufbau beauftragt": both stand before the participle
    if cue.kind == "adopt" and _ENDS_WITH_WITH.search(sentence, cue.start, cue.end):
        return False  # "will supply X with turbines": the counterpart inside the cue
    if lang == "en" and takes_own_product(sentence, cue.end):
        return False  # "X announced that Y will deploy its scanners": both stand before it
    reach = sentence[cue.end : cue.end + RIGHT_WINDOW + _JOIN_REACH]
    if reach.isascii():
        return _ASCII_CAPITAL.search(reach) is None
    return not any(char.isupper() for char in reach)


# the partner between the auxiliary and the paper: "hat mit Y einen", "hat von Y den"
_PERFECT_PARTNER_BEFORE_DE = re.compile(
    r"\b(?:hat|haben|hatte|hatten)\s+(?:(?:bereits|nun|jetzt|auch)\s+)?(?:mit|von|vom)\s"
    r"[^,.;:]{0,80}$"
)
_PURPOSE_TO = re.compile(r"\bto\s(?!the\b|an?\b)[a-z]+\b")


def _parties_for(sentence: str, cue: Cue, orgs: list[Org], lang: str) -> list[list[str]]:
    clause_lo, clause_hi = _clause_bounds(sentence, cue.start)
    in_clause = [org for org in orgs if clause_lo <= org.start and org.end <= clause_hi]
    if lang == "de" and cue.kind in ("strong", "recip", "weak"):
        in_clause = _without_adverbial_names_de(sentence, cue, in_clause)
    masked = _mask_appositives(sentence, in_clause, cue)

    if cue.kind == "aspartner":
        return _as_partner(sentence, cue, orgs)
    if cue.kind == "orgpartner":
        return _org_partner_org(sentence, cue, orgs)
    if cue.kind == "joint":
        return _joint_statement(sentence, cue, orgs)
    if lang == "en" and cue.kind in ("adopt", "weak"):
        announced = announcer_parties(sentence, cue.start, cue.end, orgs)
        if announced:
            return [_names(announced)]

    pair = _between(sentence, cue, in_clause, lang)
    if pair:
        return [pair]

    right = _right_party(sentence, cue, in_clause, lang)
    adjacent = _adjacent_before(sentence, cue, in_clause)
    subject = _coordinated_subject(sentence, in_clause, cue, clause_lo, lang)
    if (
        lang == "en"
        and len(subject) >= 2
        and right
        and _PURPOSE_TO.search(sentence, cue.end, right[0].start)
    ):
        # "X and Y announced a partnership to combine data with AI tools": a name in the
        # purpose is what the partners work on, not a third party
        right = []

    if lang == "de" and cue.kind == "recip" and not right:
        # "X, der seit Jahren mit Y zusammenarbeitet, ...": the verb closes the clause
        verb_final = verb_final_pair(sentence, cue.start, cue.end, orgs, clause_lo)
        if verb_final:
            return [_names(verb_final)]
    if lang == "de" and cue.kind in ("weak", "adopt", "recip"):
        inverted = _inverted_subject(sentence, cue, in_clause, clause_lo)
        if inverted is not None and inverted.end < cue.end and cue.kind == "adopt":
            # "Bei X setzt Contoso künftig auf Y": the subject inside the cue
            return _combine([inverted], right, plural=False)
        if inverted is not None and inverted.start >= cue.end:
            later = [org for org in in_clause if org.start >= inverted.end]
            shifted = Cue(cue.kind, cue.start, inverted.end, cue.plural)
            found = _right_party(sentence, shifted, later, lang)
            if found:
                return _combine([inverted], found, plural=cue.plural)
    if cue.kind == "adopt":
        chosen = _chosen_object(sentence, cue, in_clause) if lang == "en" else None
        if chosen is not None:
            # "Contoso has selected Litware as its preferred provider for AI": the one chosen
            # follows the verb, what follows "for" is the purpose
            return _combine(_nearest_left(cue, masked, exclude=[chosen]), [chosen], plural=False)
        left = _nearest_left(cue, masked, exclude=right)
        if left and sentence.endswith(("its ", "their "), 0, left[0].start):
            # "X said its Y chips were designed into Z's charger": Y is X's product
            left = _nearest_before(left[0].start, masked, exclude=right)
        if lang == "de" and not right:
            return _perfect_object(sentence, cue, masked, clause_lo)
        if not left and right and lang == "de":
            # "Beim Händler X kommt die KI aus Y: Das Unternehmen nutzt die Modelle von Y"
            referent = _referent_before(sentence, orgs, clause_lo)
            left = [referent] if referent is not None else left
        if not left and right and sentence.endswith("by", cue.start, cue.end):
            # "The contract, awarded by X to Y, covers ...": the one chosen after the chooser
            left = _receiver_after(sentence, right[-1], in_clause)
        if not left and right:
            # "The airline has selected X's engines, Y said": the speaker is the subject
            left = _described_speaker(sentence, cue, orgs)
        if left and right:
            # "Karvo Launches New Course Built on Halvik's Models": the headline's subject
            left = _headline_subject(sentence, left[0], masked, clause_lo) or left
        return _combine(left, right, plural=False)
    if cue.kind == "strong" and not right:
        pair = _between_before(sentence, cue, in_clause, lang)
        if pair:
            return [pair]
    if lang == "de" and not right and cue.kind in ("strong", "weak"):
        partner = _partner_before(sentence, cue, masked, clause_lo, orgs)
        if partner:
            return [_names(partner)]
        announced = announcer_parties_de(sentence, cue.start, orgs)
        if announced:
            return [_names(announced)]
    if len(subject) >= 2 and not right and cue.kind in ("strong", "recip"):
        return [_names(subject)]  # "X and Y form a new shipping alliance"
    if (
        len(subject) >= 2
        and not right
        and cue.kind == "weak"
        and _SIGNED_BEFORE[lang].search(sentence, max(0, cue.start - 60), cue.start)
    ):
        return [_names(subject)]  # "X and Y signed a 20-year power purchase agreement"
    if lang == "en" and not subject and not right and cue.kind == "recip":
        # "X agreed with Y to jointly produce ...": the partner as the object of "with"
        # before the joint act, its subject before the partner. (German "mit" names tools
        # and company kept as often as partners.)
        partner = [
            org
            for org in masked
            if org.end <= cue.start and sentence.endswith("with ", 0, org.start)
        ][-1:]
        for org in masked:  # "with Y and Z"
            if partner and partner[-1].end <= org.start and org.end <= cue.start:
                if not _PAIR_GAP[lang].match(sentence[partner[-1].end : org.start]):
                    break
                partner.append(org)
        if partner:
            agreed = _nearest_before(partner[0].start, masked, exclude=[])
            if agreed:
                return _combine(agreed, partner, plural=False)
    if subject and (not right or _overlaps(right, subject)) and cue.kind == "recip":
        return [_names(subject + right)]
    if subject and right and _overlaps(right, subject):
        return [_names(subject + right)]
    if adjacent and right and _modifies_cue(sentence, adjacent):
        # "Spotify Renews Podcast Distribution Agreement With X": the deal's kind, not a party
        masked = [org for org in masked if org != adjacent]
        adjacent = None
    if adjacent and right:
        return _combine([adjacent], right, plural=cue.plural)
    if adjacent and not right and cue.kind == "weak":
        winner = _award_winner(sentence, adjacent, masked)
        if winner is not None:
            return _combine([winner], [adjacent], plural=False)
    if not right and cue.kind in ("strong", "weak") and _WITH_PRONOUN.match(sentence, cue.end):
        # "Shares of X rose after it said Y had signed a supply agreement with it": the
        # pronoun stands for the company the sentence opened with
        topic = masked[:1]
        signer = _nearest_left(cue, masked, exclude=topic)
        if topic and signer and topic[0].end <= signer[0].start:
            return _combine(signer, topic, plural=False)
    left = _nearest_left(cue, masked, exclude=right)
    if left and right:
        left = _headline_subject(sentence, left[0], masked, clause_lo) or left
    if not left and right and cue.kind in ("strong", "weak"):
        # the headline's subject before a colon: "Oracle-Aktie mit Kurssprung: ... Partnerschaft"
        left = [org for org in orgs if org.end <= clause_lo][-1:]
    if not left and right:
        # "In a licensing deal with Mondelez, Android 8.0 was ...": the main clause's subject
        left = [org for org in in_clause if org.start > right[-1].end][:1]
        if left and _OBJECT_OF_PREPOSITION.search(
            sentence, max(0, left[0].start - 8), left[0].start
        ):
            left = []  # "Partners With X On Satellite Internet": the topic, not a subject
    if left and len(subject) >= 2 and subject[-1] == left[0] and not _overlaps(right, subject):
        left = subject  # "X, Y And Z Win Contract From W": each of the coordinated subject
    if left and right:
        return _combine(left, right, plural=cue.plural)
    if cue.kind == "strong" and not right:
        if adjacent:
            other = _nearest_before(adjacent.start, masked, exclude=[])
            return _combine(other, [adjacent], plural=False)
        two = [org for org in masked if org.end <= cue.start][-2:]
        back_reference = _BACK_REFERENCE.search(sentence, max(0, cue.start - 30), cue.end + 5)
        if back_reference is None and len(two) == 2:
            # "X will buy cells from Y under a long-term supply deal": the clause's subject and
            # the object of its preposition
            under = _UNDER_DEAL.search(sentence, max(0, cue.start - 50), cue.start)
            counterpart = _COUNTERPART_BEFORE.search(
                sentence, max(0, two[1].start - 30), two[1].start
            )
            # "X will carry Y's cars under a logistics deal": the object names its owner;
            # "will run its platform on Y's cloud under a deal": what it runs on, its maker's
            owned_object = two[1].possessive and (
                (
                    _VERB_BEFORE.search(sentence, max(0, two[1].start - 20), two[1].start)
                    and not buys_the_owner(sentence[max(0, two[1].start - 20) : two[1].start])
                )
                or _RUNS_ON.search(sentence, max(0, two[1].start - 60), two[1].start)
            )
            if company_changes_hands(sentence[clause_lo : cue.end], lang):
                under = None
            back_reference = under if counterpart is not None or owned_object else None
        if len(two) == 2 and back_reference is not None:
            # "X to Manufacture Liquid-Cooled Racks for Y Under Supply Agreement": in Title Case
            # the verb's object looks like a name; the subject opens the headline
            subject = _headline_subject(sentence, two[0], masked, clause_lo)
            return [_names(subject + two[1:] if subject else two)]
    if (
        cue.kind in ("strong", "weak")
        and not right
        and _OPENING_UNDER_DEAL.match(sentence[: cue.start])
        and not company_changes_hands(sentence, lang)
    ):
        return _opening_deal_parties(sentence, cue, orgs)
    return []


def _opening_deal_parties(sentence: str, cue: Cue, orgs: list[Org]) -> list[list[str]]:
    """ "Under the partnership, OpenAI's models will be available to customers of Oracle's
    cloud": the subject of the clause after the deal and the object of its preposition."""
    after = [org for org in orgs if org.start >= cue.end][:2]
    if len(after) < 2:
        return []
    counterpart = _COUNTERPART_BEFORE.search(sentence, max(0, after[1].start - 30), after[1].start)
    return [_names(after)] if counterpart is not None else []


def _headline_subject(sentence: str, org: Org, orgs: list[Org], clause_lo: int) -> list[Org]:
    """ "Vega Launches Drone Delivery Pilot In Partnership With Walmart": in a Title-Case
    headline the capitalised object of the verb looks like a name; the party is the subject
    that opens the headline."""
    words = sentence[clause_lo : org.start].split()
    verb = _headline_verb(words)
    if verb is None:
        return []
    first = next((o for o in orgs if o.start >= clause_lo), None)
    if first is None or first == org or sentence[clause_lo : first.start].strip(" \"'"):
        return []
    verb_start = sentence.rfind(verb, clause_lo, org.start)
    # "X to Manufacture ...", "X Will Build ...": a headline's future
    if sentence[first.end : verb_start].strip() not in ("", "to", "To", "Will") or org.key in KNOWN:
        return []
    return [first] if is_title_case(sentence) else []


def _headline_verb(words: list[str]) -> str | None:
    """The headline verb that ends `words`, or that a particle after it closes: "Rolls Out"
    is a verb whatever the list holds, as no name ends in "Out"."""
    if len(words) >= 2 and words[-1].casefold() in HEADLINE_VERBS_EN:
        return words[-1]
    if len(words) >= 3 and words[-1].casefold() in HEADLINE_PARTICLES_EN and words[-2][0].isupper():
        return words[-2]
    return None


def _partner_before(
    sentence: str, cue: Cue, orgs: list[Org], clause_lo: int, everywhere: list[Org]
) -> list[Org]:
    """ "Fabrikam hat mit Contoso eine Vereinbarung geschlossen": German names the partner
    with "mit" before the noun; the subject stands before it, or before the clause where the
    clause's subject only describes it (`everywhere`: the sentence's organisations)."""
    before = [org for org in orgs if clause_lo <= org.start and org.end <= cue.start]
    if len(before) == 1:
        referent = _referent_before(sentence, everywhere, clause_lo)
        before = [referent, *before] if referent is not None else before
    if len(before) < 2:
        return []
    subject, partner = before[-2], before[-1]
    if _FRONTED_PARTNER_DE.fullmatch(
        sentence, clause_lo, subject.start
    ) and _VERB_THEN_SUBJECT_DE.fullmatch(sentence, subject.end, partner.start):
        # "Mit dem Händler X hat der Hersteller Y einen Vertrag geschlossen": the partner
        # fronted, the subject after the auxiliary
        subject, partner = partner, subject
        return (
            [subject, partner]
            if _PARTNER_GAP_DE.fullmatch(sentence, subject.end, _noun_start(sentence, cue.start))
            else []
        )
    lead = _MIT_BEFORE.search(sentence, max(subject.end, partner.start - 60), partner.start)
    described = lead.group("described").split() if lead is not None else []
    # "mit dem Mainzer Pharmaunternehmen X": adjectives, a town's, and what the partner is
    if lead is None or not all(
        word[0].islower() or is_descriptor_de(word) or (word.endswith("er") and index == 0)
        for index, word in enumerate(described)
    ):
        return []
    if not _PARTNER_GAP_DE.fullmatch(sentence, partner.end, _noun_start(sentence, cue.start)):
        return []
    return [subject, partner]


def _noun_start(sentence: str, position: int) -> int:
    """Where the compound the cue ends starts: "eine Vertriebspartnerschaft"."""
    while position > 0 and (sentence[position - 1].isalpha() or sentence[position - 1] == "-"):
        position -= 1
    return position


# the partner fronted: "Mit dem Chemiehändler X hat ...", a town's adjective or lower-case
# adjectives and what the partner is before its name
_FRONTED_PARTNER_DE = re.compile(
    rf"[\s\"„]*(?:Mit|Von|Vom)\s+(?:(?:der|dem|den)\s+)?(?:{_TOWN_ADJECTIVE_DE})?"
    r"(?:[a-zäöüß][\w-]*\s+){0,2}(?:[A-ZÄÖÜ][\w-]*\s+)?"
)
# the auxiliary, then the subject with its article and what it is: "hat der Hersteller"
_VERB_THEN_SUBJECT_DE = re.compile(
    rf"\s+(?:hat|haben|hatte|hatten)\s+(?:(?:der|die|das)\s+)?(?:{_TOWN_ADJECTIVE_DE})?"
    r"(?:[a-zäöüß][\w-]*\s+){0,2}(?:[A-ZÄÖÜ][\w-]*\s+)?"
)


# a clause whose subject names what the company is, not the company: "Das Göttinger
# Unternehmen hat ...", "Der Konzern hat ..."
_DESCRIBED_SUBJECT_DE = re.compile(
    r"\s*(?:Das|Der|Die)\s+(?:[A-ZÄÖÜ][\w-]*er\s+)?(?:[a-zäöüß][\w-]*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]+)\s"
)


def _referent_before(sentence: str, orgs: list[Org], clause_lo: int) -> Org | None:
    """ "Papiere von X zogen an: Das Göttinger Unternehmen hat mit Y ...": the company named
    before the colon, where the clause's subject only describes it."""
    if clause_lo == 0:
        return None
    described = _DESCRIBED_SUBJECT_DE.match(sentence, clause_lo)
    if described is None or not is_descriptor_de(described.group("noun")):
        return None
    earlier = [org for org in orgs if org.end <= clause_lo]
    return earlier[-1] if earlier else None


def _inverted_subject(sentence: str, cue: Cue, orgs: list[Org], clause_lo: int) -> Org | None:
    """ "Ab 2027 liefert die Contoso AG Stahl an Litware": a German clause opened by something
    other than its subject names the subject right after the verb."""
    if not sentence[cue.start : cue.start + 1].islower():
        return None
    fronted = sentence[clause_lo : cue.start]
    if not fronted.strip() or fronted.strip()[0].islower():
        return None
    for org in orgs:
        if (
            clause_lo <= org.start
            and org.end <= cue.start
            and not _ATTRIBUTED.search(sentence, max(0, org.start - 30), org.start)
        ):
            return None  # the subject stands before the verb
    verb_end = _VERB_WORD.match(sentence, cue.start)
    after = [org for org in orgs if org.start >= cue.start]
    if verb_end is None or not after:
        return None
    if not _INVERTED_GAP_DE.fullmatch(sentence, verb_end.end(), after[0].start):
        described = _DESCRIBED_GAP_DE.fullmatch(sentence, verb_end.end(), after[0].start)
        # "Ab 2027 liefert der Stahlkonzern Contoso ...": the subject described before its name
        if described is None or not is_descriptor_de(described.group("noun")):
            return None
    return after[0]


_VERB_WORD = re.compile(r"[a-zäöüß]+")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?]|$)")
_ENDS_WITH_WITH = re.compile(r"\s[Ww]ith$")
_CHOOSING_VERB = re.compile(
    r"(?:has\s+|have\s+|had\s+)?(?:selected|chosen|named|appointed|picked|tapped|hired|"
    r"suppl(?:y|ies|ied|ying))\s+$"
)


def _chosen_object(sentence: str, cue: Cue, orgs: list[Org]) -> Org | None:
    """ "has selected Litware as its preferred cloud provider for AI workloads": in prose, the
    name right after a verb of choosing, inside the cue that runs on to "for"."""
    if is_title_case(sentence) and not _ENDS_WITH_WITH.search(sentence, cue.start, cue.end):
        return None  # "Supply X With Y" bounds the object in Title Case too
    for org in orgs:
        if cue.start < org.start < cue.end:
            words = sentence[cue.start : org.start].lower()
            return org if _CHOOSING_VERB.fullmatch(words) else None
    return None


def _perfect_object(sentence: str, cue: Cue, orgs: list[Org], clause_lo: int) -> list[list[str]]:
    """ "Contoso hat Litware mit dem Aufbau beauftragt": subject and object before the
    participle that closes the clause."""
    before = [org for org in orgs if clause_lo <= org.start and org.end <= cue.start]
    if len(before) < 2:
        return []
    gap = sentence[before[0].end : before[1].start]
    if not _AUXILIARY_DE.match(gap) and not (
        # "Im Mai hat der Konzern X das Start-up Y mit ... beauftragt": the auxiliary before
        # the subject, an article and a description before the object
        _AUXILIARY_BEFORE_DE.search(sentence, max(clause_lo, before[0].start - 50), before[0].start)
        and _OBJECT_GAP_DE.fullmatch(gap)
    ):
        return []
    if len(before) > 2:
        between = sentence[before[1].end : before[2].start]
        if _SOURCE_PREP.match(between) or _genitive_maker_de(between):
            # "hat die Software des Anbieters X lizenziert": the thing taken, then its maker
            return [_names([before[0], before[2]])]
    return [_names(before[:2])]


def _between_before(sentence: str, cue: Cue, orgs: list[Org], lang: str) -> list[str]:
    """ "Zwischen X und Y besteht eine Partnerschaft": the pair before the noun."""
    before = [org for org in orgs if org.end <= cue.start]
    for first, second in pairwise(before):
        if _BETWEEN_BEFORE.search(sentence, max(0, first.start - 16), first.start) and _PAIR_GAP[
            lang
        ].match(sentence[first.end : second.start]):
            return _names([first, second])
    return []


def _modifies_cue(sentence: str, org: Org) -> bool:
    """In a Title-Case headline, capitalised words between the verb and the deal noun
    ("Renews Podcast Distribution Agreement") describe the deal; a company the table knows
    may still stand there."""
    words = sentence[: org.start].split()
    if not words or words[-1].casefold() not in HEADLINE_VERBS_EN or org.key in KNOWN:
        return False
    return is_title_case(sentence)


def _award_winner(sentence: str, awarder: Org, orgs: list[Org]) -> Org | None:
    """ "Contoso Wins NASA Contract": the organisation that wins a contract named after the one
    awarding it, joined to it by a verb of winning."""
    before = [org for org in orgs if org.end <= awarder.start]
    if not before:
        return None
    gap = _AWARD_GAP.match(sentence, before[-1].end, awarder.start)
    if gap is None or gap.group("verb").lower() not in AWARD_VERBS:
        return None
    return before[-1]


def _clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    lo, hi = 0, len(sentence)
    for match in _CLAUSE_STOP.finditer(sentence):
        if match.end() <= position:
            lo = match.end()
        elif match.start() >= position:
            hi = match.start()
            break
    return lo, hi


def _mask_appositives(sentence: str, orgs: list[Org], cue: Cue) -> list[Org]:
    """The organisations outside appositives (", a unit of X,"), unless the cue stands in
    the appositive: "Corvane, which buys cells from Harwick under a supply deal, said"."""
    spans = [
        (m.start(), m.end())
        for m in _APPOSITIVE.finditer(sentence)
        if not m.start() < cue.start < m.end()
    ]
    return [org for org in orgs if not any(lo < org.start < hi for lo, hi in spans)]


def _between(sentence: str, cue: Cue, orgs: list[Org], lang: str) -> list[str]:
    """'collaboration between X and Y', 'Kooperation von X mit Y'."""
    after = [org for org in orgs if org.start >= cue.end][:2]
    if len(after) < 2 or after[0].start - cue.end > 40:
        return []
    if not _BETWEEN_GAP[lang].match(sentence[cue.end : after[0].start]):
        return []
    if not _PAIR_GAP[lang].match(sentence[after[0].end : after[1].start]):
        return []
    return _names(after)


def _right_party(sentence: str, cue: Cue, orgs: list[Org], lang: str) -> list[Org]:
    """The counterpart after the cue: 'with the World Series champion Cubs', a list of several."""
    # a deal won is won from its counterpart: "Wins Supply Contract From X"
    kind = "weak" if cue.kind == "strong" and _won_before(sentence, cue) else cue.kind
    window = RIGHT_WINDOW
    if lang == "de" and _GIVEN_BEFORE_DE.search(sentence, max(0, cue.start - 30), cue.start):
        # what is given stands before whom it goes to: "vergibt eine Lizenz für sein
        # Verfahren zur Herstellung von Biotensiden an X"
        kind, window = "given", _GIVEN_WINDOW
    after = [org for org in orgs if cue.end <= org.start <= cue.end + window]
    if not after:
        return []
    if (
        _RIGHTS_CUE.fullmatch(sentence, cue.start, cue.end)
        and not after[0].possessive
        and not is_title_case(sentence)
    ):
        return []  # "for rights to RNA therapies": the licensed thing, its maker unnamed
    if lang == "en" and cue.kind != "adopt":
        traded = next((o for o in after[:3] if _TRADED.match(sentence, cue.end, o.start)), None)
        if traded is not None:
            return [traded]  # "a deal to buy LNG from X": the seller is the counterpart
    gap = sentence[cue.end : after[0].start]
    if re.search(r"\b(?:with|mit)$", sentence[cue.start : cue.end], re.IGNORECASE):
        if not (_counterpart_gap(gap) or _POSSESSIVE_GAP.match(gap)):
            return []
    elif cue.kind != "adopt":
        if kind != cue.kind and after[0].possessive and _FOR_OWNER.fullmatch(gap):
            return after[:1]  # "Wins Supply Deal For X's Modems": a deal won for X's product
        reach = _PREP_REACH.get((lang, kind), 30)
        if _RIGHT_PREP[(lang, kind)].search(gap) is None and is_title_case(sentence):
            past = _past_title_object(sentence, cue, after, lang, kind)
            if past is not after:
                after, reach = past, _TITLE_OBJECT_REACH
            gap = sentence[cue.end : after[0].start]
        prep = _RIGHT_PREP[(lang, kind)].search(gap)
        if prep is not None and _RIGHTS_TO.search(gap, 0, prep.end()):
            # "licensed the rights to a lupus drug from X": what the rights cover comes first
            prep = _RIGHT_PREP[(lang, kind)].search(gap, prep.end())
            reach = _PREP_REACH[(lang, "recip")]
        rest = gap[prep.end() :] if prep else ""
        if prep is None or prep.start() > reach:
            return []
        if not (_counterpart_gap(rest) or _POSSESSIVE_GAP.match(rest)):
            return []
        if (
            re.search(r"[A-ZÄÖÜ]", gap[prep.end() :])
            and prep.group(0).lower() in ("to", "from")
            and not _title_description(sentence, gap[prep.end() :])
        ):
            return []  # "to Build DARPA ...": an infinitive, not a counterpart
        if prep.group(0).lower() == "to" and _OWN_THING.search(rest):
            return []  # "a contract to expand its Maven system": the subject's own thing
    elif not _counterpart_gap(gap):
        # "auf dem Betriebssystem Android Automotive von Google", "on the platform of X": what
        # is adopted is named by its maker
        maker = _MAKER_PHRASE.match(gap)
        return [after[0]] if maker is not None and _is_maker_phrase(maker.group("thing")) else []
    else:
        # "nutzt künftig Chips von Nvidia": the maker, not the product
        for org in after[1:3]:
            between = sentence[after[0].end : org.start]
            if _SOURCE_PREP.match(between) or (lang == "de" and _genitive_maker_de(between)):
                return [org]
    head = 0
    while head + 1 < len(after):
        nxt = sentence[after[head].end : after[head + 1].start]
        if lang == "de" and after[head].possessive:
            break  # "auf Metas quelloffenem Llama-Modell": the owner, before what it owns
        if (
            cue.kind == "adopt"
            and after[head].possessive
            and _VERSION_AFTER.match(sentence, after[head + 1].end)
        ):
            break  # "On Horizon Robotics' Journey 6 Chips": a numbered product of its owner
        # "from X to run the Danish lender's IT": a purpose starts a phrase of its own
        if (_POSSESSIVE_GAP.match(nxt) and not _PURPOSE_TO.search(nxt)) or (
            _OPEN_GAP.match(nxt) and len(nxt.split()) <= 3 and _is_descriptor_gap(nxt, lang)
        ):
            head += 1
            continue
        break
    chosen = [after[head]]
    closed = 1  # a list counts only up to its "and": "Uber, Lyft and Deliv", not "X, Coho said"
    for org in after[head + 1 :]:
        gap = sentence[chosen[-1].end : org.start]
        if not _PAIR_GAP[lang].match(gap):
            break
        chosen.append(org)
        if gap.strip(" ,"):
            closed = len(chosen)
    if (
        closed < len(chosen)
        and _HEADLINE_LIST_END.match(sentence, chosen[-1].end)
        and is_title_case(sentence)
    ):
        closed = len(chosen)  # "Partners With X, Y On Smart Grid": a headline's comma list
    if cue.kind == "adopt":
        return [_maker(_product_of_earlier(org, orgs)) for org in chosen[:closed]]
    return chosen[:closed]


def _title_description(sentence: str, words: str) -> bool:
    """ "From Finnish Retailer X": in a Title-Case headline, what the counterpart is and where
    it is from, capitalised like a verb would be."""
    kinds = words.split()
    return (
        bool(kinds)
        and is_descriptor(kinds[-1])
        and all(word.casefold() in NATIONALITIES_EN for word in kinds[:-1])
        and is_title_case(sentence)
    )


def _without_adverbial_names_de(sentence: str, cue: Cue, orgs: list[Org]) -> list[Org]:
    """ "arbeitet beim Cloud-Umbau eng mit X zusammen": a name in an adverbial between the cue
    and the preposition that opens the counterpart is what the work is on, no party."""
    prep = _RIGHT_PREP[("de", cue.kind)].search(sentence, cue.end, cue.end + _ADVERBIAL_REACH_DE)
    if prep is None:
        return orgs
    return [
        org
        for org in orgs
        if not (
            cue.end <= org.start
            and org.end <= prep.start()
            and _ADVERBIAL_BEFORE_DE.search(sentence, max(cue.end, org.start - 40), org.start)
        )
    ]


# how far after the cue a preposition may stand past an adverbial; the words that open one
_ADVERBIAL_REACH_DE = 60
_ADVERBIAL_BEFORE_DE = re.compile(
    r"\b(?:bei|beim|im|am|zum|zur|für|in|auf|über)\s+"
    r"(?:(?:der|dem|den|des|die|das|einem|einer|eines)\s+)?(?:[\w-]+\s+)?$"
)


def _product_of_earlier(org: Org, orgs: list[Org]) -> Org:
    """ "Quillon AI today announced that Marden Bank has selected Quillon Shield": a product
    named with the first word of an organisation named before it stands for that one."""
    first = org.name.split()[0]
    for earlier in orgs:
        if earlier.end > org.start:
            break
        if earlier.name != org.name and earlier.name.split()[0] == first:
            return earlier
    return org


def _described_speaker(sentence: str, cue: Cue, orgs: list[Org]) -> list[Org]:
    """The organisation that speaks at the end of a sentence whose subject is only described
    ("The airline has ...", "The German carmaker will ...")."""
    if not _DESCRIBED_SUBJECT.match(sentence, 0, cue.start):
        return []
    for org in orgs:
        if org.start > cue.end and _SPEAKER_AROUND.fullmatch(
            sentence[max(0, org.start - 2) : org.start] + "|" + sentence[org.end : org.end + 6]
        ):
            return [org]
    return []


# "The airline", "The German carmaker": a subject that names no one, before its verb
_DESCRIBED_SUBJECT = re.compile(
    r"[\s\"'“]*The\s+(?:[A-Z][a-z]+\s+)?[a-z][a-z-]+\s+(?:has|have|had|is|was|will|would|said)?\b"
)
# ", X said" / ", X says": the speaker after a comma
_SPEAKER_AROUND = re.compile(r", \|\s(?:said|says)\b.*")


def _receiver_after(sentence: str, chooser: Org, orgs: list[Org]) -> list[Org]:
    """The organisation "to" names right after the one that chose or awarded."""
    later = [org for org in orgs if org.start >= chooser.end]
    if not later or not _TO_GAP.fullmatch(sentence, chooser.end, later[0].start):
        return []
    # the award stands in an appositive; the clause it describes may end it
    return [] if ended_later(sentence, later[0].end, "en") else later[:1]


_WITH_PRONOUN = re.compile(r"\s+with\s+it\b")
_TO_GAP = re.compile(r"\s+to\s+(?:the\s+)?")


_FOR_OWNER = re.compile(r"\s+for\s+(?:the\s+)?", re.IGNORECASE)


def _won_before(sentence: str, cue: Cue) -> bool:
    """An award verb a few words before the cue: "Wins Silicon Carbide Supply Contract"."""
    words = _WORDS_BEFORE.findall(sentence, max(0, cue.start - 50), cue.start)[-5:]
    return any(word.lower() in AWARD_VERBS for word in words)


def _past_title_object(
    sentence: str, cue: Cue, after: list[Org], lang: str, kind: str
) -> list[Org]:
    """ "Licenses Obesity Drug From Hansoh": in Title Case the object's words look like a name;
    the counterpart is the first name after a preposition, past them."""
    prepositions = _RIGHT_PREP[(lang, kind)]
    for index in range(1, len(after)):
        gap = sentence[cue.end : after[index].start]
        if any(stop in gap for stop in ",;:"):
            break
        last = None
        for found in prepositions.finditer(gap):
            last = found
        if (
            last is not None
            and last.start() <= _TITLE_OBJECT_REACH
            and _counterpart_gap(gap[last.end() :])
        ):
            return after[index:]
    return after


def _maker(org: Org) -> Org:
    """ "selects Microsoft Azure": an adopted product named after a company the table knows
    stands for that company, and so does one named with its owner ("Litware's Models")."""
    owned = _OWNED_PRODUCT.search(org.name)
    if owned is not None:
        name = org.name[: owned.start()]
        return org._replace(end=org.start + len(name), name=name, key=org_key(name))
    last_word = org.name.rsplit(None, 1)[-1].casefold()
    if last_word in ORG_HEADS or last_word in NAME_TAILS or last_word in LEGAL:
        return org  # "Amazon Web Services", "Hitachi Energy": a company's own name
    if org.key in COMPANY_UNITS:
        return org  # "Siemens Mobility": a unit that is a party of its own
    for start, end, name in COMPANY_TABLE.find(org.name):
        if start == 0 and org.name[end : end + 1] == " ":
            return org._replace(end=org.start + end, name=name, key=org_key(name))
        break
    return org


def _genitive_maker_de(between: str) -> bool:
    """ "auf Software des Münchner Start-ups X": the maker in the genitive, named by what it
    is."""
    match = _GENITIVE_DESCRIBED_DE.fullmatch(between)
    return match is not None and is_descriptor_de(match.group("what"))


_GENITIVE_DESCRIBED_DE = re.compile(r"\s+(?:des|der)\s+(?:[\w-]+\s+)?(?P<what>[\w-]+)\s+")


def _is_maker_phrase(thing: str) -> bool:
    """The thing adopted, before its maker: nouns and their adjectives, no verb or clause."""
    words = thing.split()
    return all(
        word.lower() not in _RIGHT_STOPWORDS["en"] and word.lower() not in _RIGHT_STOPWORDS["de"]
        for word in words
    )


def _is_descriptor_gap(gap: str, lang: str) -> bool:
    words = gap.split()
    if not words:
        return False
    stop = _RIGHT_STOPWORDS[lang]
    if lang == "en" and _THIRD_PERSON_VERB.fullmatch(words[-1]):
        return False  # "with Iberdrola makes Siemens Gamesa": a verb, the next name its object
    return all(
        word.lower() not in stop
        and (
            re.fullmatch(r"[a-zäöüß][\w-]*", word) is not None
            or is_role(word)
            or is_descriptor(word)
        )
        for word in words
    )


# a lower-case word in -s (not -ss, -us, -is): a verb in the third person, as descriptors of a
# name ("unit", "parent", "chipmaker") stand in the singular
_THIRD_PERSON_VERB = re.compile(r"[a-z][a-z-]*[^sui]s")


def _counterpart_gap(gap: str) -> bool:
    """Between a preposition and its object: articles and a few adjectives, nothing else."""
    if "." in gap:
        gap = _COUNTRY_INITIALS.sub("X", gap)  # "with U.S. drugmaker": a country, no full stop
    words = gap.split()
    return (
        _OPEN_GAP.match(gap) is not None
        and len(words) <= 4
        and not any(word.lower() in _AFTER_PREP_STOP for word in words)
    )


_VERSION_AFTER = re.compile(r"\s+\d+(?:\.\d+)?\b")
_COUNTRY_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")
_RIGHT_STOPWORDS = {
    "en": frozenset(
        "and or to for in on at as that which who will would is are was were has have had "
        "with from by of after before while during into than the a an its their this".split()
    ),
    "de": frozenset(
        "und oder zu für in im am an auf als dass die der das den dem des mit von vom bei "
        "ist sind war hat haben wird werden nach vor über will wollen soll sollen kann können "
        "baut bauen liefert liefern".split()
    ),
}


def _adjacent_before(sentence: str, cue: Cue, orgs: list[Org]) -> Org | None:
    """'Progressive Leasing Partnership', 'the FirstNet contract': an org naming the deal."""
    before = [org for org in orgs if org.end <= cue.start]
    if not before:
        return None
    org = before[-1]
    gap = sentence[org.end : cue.start]
    if org.possessive or not re.fullmatch(r"[\s\"'`]*(?:[a-z-]+\s+){0,1}", gap):
        return None
    return org


def _coordinated_subject(
    sentence: str, orgs: list[Org], cue: Cue, clause_lo: int, lang: str
) -> list[Org]:
    """'X and Y ...' opening the clause before the cue."""
    before = [org for org in orgs if org.end <= cue.start]
    if len(before) < 2:
        return []
    lead = sentence[clause_lo : before[0].start].strip(" \"'`([")
    # an opening phrase set off by a comma leaves the subject first: "On Tuesday, X and Y ..."
    if (
        lead not in ("", "UPDATE", "BRIEF", "Update", "The", "Die", "Der", "Das")
        and not (lead.endswith(",") and lead.count(",") == 1)
        and not _place_owner(lead)
        and not (lang == "en" and _described_lead(lead))
        and not (lang == "de" and _described_lead_de(lead))
        # both: "On Monday, state miner X and South Korea's Y signed ..."
        and not (
            lang == "en" and lead.count(",") == 1 and _described_lead(lead.split(",")[1].strip())
        )
    ):
        return []
    group = [before[0]]
    for org in before[1:]:
        gap = sentence[group[-1].end : org.start]
        if not _PAIR_GAP[lang].match(gap) and not (
            lang == "en" and _INSTITUTION_GAP.fullmatch(gap) and _institution(org.name)
        ):
            break
        group.append(org)
    return group if len(group) >= 2 else []


# "X and the University of Y": an institution keeps its article ("and the South Korean
# company" names none)
_INSTITUTION_GAP = re.compile(r"\s+and\s+the\s+")


def _institution(name: str) -> bool:
    return any(word in ORG_HEADS for word in name.casefold().split())


def _described_lead(lead: str) -> bool:
    """ "Brazilian planemaker": what the first name is, with its country, before it."""
    match = _DESCRIBED_LEAD.fullmatch(lead)
    return match is not None and (
        match.group("country") is None or match.group("country").casefold() in NATIONALITIES_EN
    )


def _described_lead_de(lead: str) -> bool:
    """ "Der Versicherer", "Die französische Großbank": what the first name is."""
    match = _DESCRIBED_LEAD_DE.fullmatch(lead)
    return match is not None and is_descriptor_de(match.group("what"))


_DESCRIBED_LEAD_DE = re.compile(r"(?:Der|Die|Das)\s+(?:[a-zäöü][\w-]*\s+)?(?P<what>[A-ZÄÖÜ][\w-]*)")
# one or two words of what it is: "planemaker", "state miner"
_DESCRIBED_LEAD = re.compile(
    r"(?:(?P<country>[A-Z][a-z]+)\s+)?[a-z][a-z-]{3,}(?:\s+[a-z][a-z-]{3,})?"
)


def _place_owner(lead: str) -> bool:
    """ "Japan's Kioxia and Sandisk": the country that the first name belongs to."""
    match = _POSSESSIVE_LEAD.fullmatch(lead)
    return match is not None and all(
        word in PLACES for word in match.group("place").casefold().split()
    )


_POSSESSIVE_LEAD = re.compile(r"(?P<place>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s")


def _nearest_left(cue: Cue, orgs: list[Org], exclude: list[Org]) -> list[Org]:
    return _nearest_before(cue.start, orgs, exclude)


def _nearest_before(position: int, orgs: list[Org], exclude: list[Org]) -> list[Org]:
    """The last organisation ending within LEFT_WINDOW before `position`, not in `exclude`."""
    left = [org for org in orgs if org.end <= position and org not in exclude]
    left = [org for org in left if position - org.end <= LEFT_WINDOW]
    return left[-1:]


def _as_partner(sentence: str, cue: Cue, orgs: list[Org]) -> list[list[str]]:
    """'settling on Zotye as a partner', 'with Best Buy as the featured retail partner'."""
    before = [org for org in orgs if org.end <= cue.start]
    if len(before) < 2 or cue.start - before[-1].end > 3:
        return []
    return _combine(before[:1], before[-1:], plural=False)


def _org_partner_org(sentence: str, cue: Cue, orgs: list[Org]) -> list[list[str]]:
    """'longtime Apple partner Best Buy', "Tesla's battery supplier Panasonic"."""
    before = [org for org in orgs if org.end <= cue.start]
    after = [org for org in orgs if org.start >= cue.end]
    if not before or not after:
        return []
    if not _OWNER_GAP.fullmatch(sentence, before[-1].end, cue.start):
        return []
    if sentence[cue.end : after[0].start].strip():
        return []
    return _combine(before[-1:], after[:1], plural=False)


def _combine(left: list[Org], right: list[Org], plural: bool) -> list[list[str]]:
    if not left or not right:
        return []
    if plural and len(right) > 1:
        return [_names([*left, org]) for org in right]
    names = _names(left + right)
    return [names] if len(names) >= 2 else []


def _overlaps(right: list[Org], subject: list[Org]) -> bool:
    keys = {org.key for org in subject}
    return any(org.key in keys for org in right)


def _owner(name: str) -> str:
    """ "Google's Gemini": a known company's product stands for the company; "Margie's
    Travel" is a name of its own."""
    match = _OWNED_PRODUCT.search(name)
    if match is None or org_key(name[: match.start()]) not in KNOWN:
        return name
    return name[: match.start()]


def _written_ending() -> re.Pattern[str]:
    endings = [
        (r"\s*" if ending.startswith("&") else r"\s+") + r"\s*".join(map(re.escape, ending.split()))
        for ending in data_lines("party_name_endings.txt")
    ]
    return re.compile("(?:" + "|".join(endings) + r")(?![\w&-])")


_WRITTEN_ENDING = _written_ending()


def with_written_ending(name: str, text: str) -> str:
    """ "Arm Holdings", "KKR & Co": a name the text writes with one of these endings keeps it,
    though the organisation finder reads it as a legal form."""
    for match in re.finditer(re.escape(name), text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "-"):
            continue
        ending = _WRITTEN_ENDING.match(text, match.end())
        if ending is not None:
            return name + ending.group()
    return name


def without_legal_form(name: str) -> str:
    """ "Nordex SE", "Snowflake Inc.": parties are named without their legal form."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in LEGAL:
        if len(words) == 2 and token_role(words[0], "en") == "break":
            break  # "Software AG": the short form would be a common word
        words.pop()
    return " ".join(words).rstrip(",") if len(words) < len(name.split()) else name


def _names(orgs: list[Org]) -> list[str]:
    names: list[str] = []
    keys: set[str] = set()
    for org in orgs:
        name = _owner(org.name)
        key = org_key(name)
        if key and key not in keys:
            keys.add(key)
            names.append(name)
    return names
