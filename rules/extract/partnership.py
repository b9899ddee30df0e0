"""Partnerships, collaborations and technology adoption between named organisations (en/de).

Works sentence by sentence: a cue ("collaboration with", "teams up", "Kooperation von X mit Y",
"setzt auf") anchors the search, organisation spans on either side of it become the parties, and
cues of another kind nearby (M&A, talks, lawsuits, terminations) veto the sentence. A text without
any cue word costs one regex search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from rules.events import Partnership

from .companies import COMPANIES

_MAX_CHARS = 4000

# Plain substring tests on the lower-cased text: far cheaper than a regex alternation, so a text
# without any cue word costs a couple of microseconds.
_CUE_WORDS = {
    "en": (
        "partner",
        "collaborat",
        "allian",
        "joint venture",
        "cooperat",
        "team",
        "forces",
        "agreement",
        "contract",
        "licen",
        "deal",
        "royalt",
        "codeshare",
        "select",
        "chose",
        "choos",
        "adopt",
        "hire",
        "hiring",
        "tap",
        "sourcing",
        "work",
    ),
    "de": (
        "kooper",
        "partner",
        "zusammen",
        "allianz ",
        "gemeinschaftsunternehmen",
        "joint venture",
        "vereinbarung",
        "vertr",
        "lizenz",
        "auftrag",
        "setzt",
        "setzen",
        "nutzt",
        "nutzen",
        "wähl",
        "beauftrag",
    ),
}


def _has_cue_word(text: str, lang: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _CUE_WORDS[lang])


# Cue kinds: "strong" names the relation itself; "weak" only does so with a named counterpart and
# no competing reading (M&A, orders, financing) in the sentence; "adopt" is a transitive choice
# ("selects", "setzt auf"); "recip" needs no counterpart phrase ("X and Y team up").
_DEAL_QUALIFIER = (
    r"(?:licen[cs]e|licen[cs]ing|supply|distribution|sponsorship|collaboration|partnership|"
    r"marketing|content|codeshare|service|services|commercial|manufacturing|output|carriage|"
    r"technology|research|development|co-?promotion|reseller|cloud|strategic|multi-?year|"
    r"exclusive|\d+-year)"
)
_CUES = {
    "en": [
        (
            "recip",
            r"\bteam(?:s|ed|ing)?\s+up\b|\bjoin(?:s|ed|ing)?\s+forces\b|"
            r"\b(?:announce|report|form|launch|sign|ink|strike|enter)(?:s|d|ed|ing)?\s+"
            r"(?:a\s+|an\s+|new\s+|strategic\s+)*(?:partnership|collaboration|alliance|"
            r"joint\s+venture)",
        ),
        (
            "strong",
            r"\bpartnership|\bcollaborat\w*|\balliance\b|\bjoint[- ]venture|"
            r"\bpartner(?:s|ed|ing)?\s+with\b|\bteaming\s+up\b|\b"
            + _DEAL_QUALIFIER
            + r"\s+(?:deal|agreement|pact|contract)s?\b|\bcodeshare\b",
        ),
        (
            "weak",
            r"\bagreements?\b|\bcontracts?\b|\blicen[cs]e\b|\blicen[cs]ing\b|\broyalt\w+|"
            r"\bcooperat\w+|\bwork(?:s|ing)?\s+(?:closely\s+)?with\b",
        ),
        (
            "adopt",
            r"\b(?:selects|selected|chooses|chose|adopts|adopted|hires|hired|hiring|"
            r"taps|tapped|tapping|picks|picked)\b|"
            r"\bsourcing\s+(?:it|them|\w+)?\s*from\b",
        ),
        ("aspartner", r"\bas\s+(?:a|an|the|its|their)?\s*(?:\w+\s+){0,2}partner\b"),
        ("orgpartner", r"\bpartner\b"),
    ],
    "de": [
        (
            "recip",
            r"\b(?:arbeite[nt]|arbeiteten)\b[^.;:]{0,60}\bzusammen\b|"
            r"\bzusammen(?:zu)?arbeiten\b|\bkooperier\w+|"
            r"\bgründe[nt]\s+(?:ein\s+)?(?:Gemeinschaftsunternehmen|Joint\s+Venture)",
        ),
        (
            "strong",
            r"Kooperation|Partnerschaft|Zusammenarbeit|Gemeinschaftsunternehmen|"
            r"Joint\s+Venture|\bAllianz\s+(?:mit|zwischen)\b|Liefervertr\w*|"
            r"Lizenz(?:vertrag|vereinbarung|abkommen)\w*|Kooperationsvertr\w*",
        ),
        ("weak", r"Vereinbarung(?:en)?\b|\bVertr(?:a|ä)g\w*|\bim\s+Auftrag\b"),
        (
            "adopt",
            r"\bsetz(?:t|en)\s+(?:künftig\s+|nun\s+|jetzt\s+|ab\s+sofort\s+)?auf\b|"
            r"\bnutz(?:t|en)\s+(?:künftig|nun|jetzt|ab\s+sofort)\b|"
            r"\bwähl(?:t|en|te)\b|\bbeauftrag(?:t|en|te)\b",
        ),
        ("aspartner", r"\bals\s+(?:\w+\s+){0,2}Partner\b"),
    ],
}
_CUE_RE = {
    lang: [
        (kind, re.compile(pattern, re.IGNORECASE if lang == "en" else 0)) for kind, pattern in cues
    ]
    for lang, cues in _CUES.items()
}

# Vetoes. "Near" ones apply within a window around the cue; "sentence" ones end any weak cue.
_VETO_NEAR = {
    "en": re.compile(
        r"\b(?:rumou?r\w*|speculat\w*|talks?|negotiat\w*|explor\w*|consider\w*|mull\w*|"
        r"potential(?:ly)?|possib(?:le|ly)|likely|if|whether|den(?:y|ies|ied)|no|not|n't|"
        r"without|hopes?|seeks?|weigh\w*|end(?:s|ed|ing)?|terminat\w*|cancel\w*|exit\w*|"
        r"scrap\w*|dissolv\w*|cut\s+ties|pull(?:s|ed)?\s+out|settle\w*|lawsuit|sue[sd]?|"
        r"dispute\w*|litigation|infring\w*|union)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:prüf\w*|erwäg\w*|möglich\w*|Gespräch\w*|verhandel\w*|Verhandlung\w*|"
        r"sondier\w*|Sondierung\w*|Gerücht\w*|angeblich|dementier\w*|beende\w*|"
        r"aufgekündigt|gescheitert|scheiter\w*|abgelehnt|lehnt\w*|nicht|kein\w*|ohne|"
        r"Klage\w*|Rechtsstreit\w*|Vergleich\w*|Gewerkschaft\w*|Koalition\w*|wünsch\w*|"
        r"soll\w*|würde\w*|wollen|will|fordert\w*|Bereitschaft)\b"
    ),
}
_VETO_AFTER = {
    "en": re.compile(
        r"\b(?:talks?|negotiat\w*|rumou?r\w*|speculat\w*|end(?:s|ed)?|terminat\w*|cancel\w*|"
        r"collaps\w*|dispute\w*|lawsuit|litigation)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:Gespräch\w*|Verhandlung\w*|beende\w*|aufgekündigt|gescheitert|geprüft|"
        r"Rechtsstreit\w*|erwogen)\b"
    ),
}
_VETO_SENTENCE = {
    "en": re.compile(
        r"\b(?:acqui\w+|merg(?:e|er|ers|ed|ing)|takeover|buyout|buy(?:s|ing)?|bought|"
        r"purchas\w+|sell(?:s|ing)?|sold|sale|stake|bid|transaction|invest\w*|order(?:s|ed)?|"
        r"lease[sd]?|leasing|loan\w*|financ\w*|underwrit\w*|advis\w+|bond|permit\w*|"
        r"approv\w+|ban|penalt\w+|fine[sd]?|royalty-free|per\s+share|a\s+share|dispute\w*|"
        r"lawsuit\w*|settle\w*|litigation)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"(?:Übernahme|übernimm|übernahm|\bkauf|gekauft|Fusion|fusion|Beteiligung|beteilig|"
        r"Anteil|Aktionär|Transaktion|verkauf|Verkauf|Bestellung|bestellt|Kredit|Anleihe|"
        r"Finanzierung|Leasing|Miet|Genehmigung|genehmig|Lizenzentzug|Berat)"
    ),
}
_NEAR_WINDOW = 45
_LEFT_WINDOW = 160
_RIGHT_WINDOW = 80

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"„“A-ZÄÖÜ])|\n+")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Co|Inc|Corp|Ltd|Mr|Mrs|Ms|Dr|St|Jr|No|vs|bzw|ca|Nr|Dept|U\.S|[A-Z])\s?\.)$"
)
_CLAUSE_STOP = re.compile(r"[;:]| – | — ")
_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the|which|who|whose|ein|eine|einer|der|die|das)\s[^,;:]{0,150},"
)
_RIGHT_PREP = {
    ("en", "strong"): re.compile(r"\b(?:with|between)\b", re.IGNORECASE),
    ("en", "recip"): re.compile(r"\bwith\b", re.IGNORECASE),
    ("en", "weak"): re.compile(r"\b(?:with|from|to)\b", re.IGNORECASE),
    ("de", "strong"): re.compile(r"\b(?:mit|zwischen)\b"),
    ("de", "recip"): re.compile(r"\bmit\b"),
    ("de", "weak"): re.compile(r"\b(?:mit|von|vom|der|des)\b"),
}
_SOURCE_PREP = re.compile(r"^\s*(?:von|vom|from|of|by)\s+(?:der|des|dem|the)?\s*$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(
    r"\b(?:this|that|the|their|its|diese|dieser|die)\s+(?:\w+\s+)?"
    r"(?:partnership|collaboration|alliance|joint venture|Partnerschaft|Kooperation)",
    re.IGNORECASE,
)
_GLUED_FUNCTION_WORD = re.compile(
    r"(?<=[A-ZÄÖÜ]{2})(?=(?:Im|In|Die|Der|Das|Den|Dem|Des|Mit|Auf|Am|Zum|Bei)\b)"
)
_GLUED_WORDS = re.compile(r"(?<=[a-zäöüß]{3})(?=[A-ZÄÖÜ][a-zäöüß])")
_PAIR_GAP = {
    "en": re.compile(r"^\s*(?:,\s*)?(?:and|&|with)\s*$|^\s*,\s*$", re.IGNORECASE),
    "de": re.compile(
        r"^\s*(?:,\s*)?(?:und|sowie|&|mit)\s*(?:der|die|das|dem|den|des)?\s*$|"
        r"^\s*,\s*(?:der|die|das|dem|den|des)?\s*$"
    ),
}
_BETWEEN_GAP = {
    "en": re.compile(r"^\s*(?:\w+\s+){0,2}?(?:between|of)\s+(?:the\s+)?$", re.IGNORECASE),
    "de": re.compile(r"^\s*(?:\w+\s+){0,2}?(?:zwischen|von|der|des)\s+(?:\S+\s+){0,2}?$"),
}
_OPEN_GAP = re.compile(r"^[^,;:.?!()]*$")
_POSSESSIVE_GAP = re.compile(r"^[^,;:.?!]{0,40}?(?:['’]\s?s|['’])[\s\"`'‘“]*$")
_AFTER_PREP_STOP = frozenset(
    "around across like including in on at for to from over under throughout near such as "
    "that which who whose than about among into onto und oder für in im am an auf bei nach "
    "über unter vor zu".split()
)


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    start: int
    end: int
    plural: bool


def find_partnerships(text: str, lang: str) -> list[Partnership]:
    """Partnership events in a headline or short text; [] when there are none."""
    if not isinstance(text, str) or not text:
        return []
    lang = "de" if str(lang).lower().startswith("de") else "en"
    text = text[:_MAX_CHARS]
    if not _has_cue_word(text, lang):
        return []
    events: list[Partnership] = []
    seen: set[frozenset[str]] = set()
    if lang == "de":
        text = _GLUED_WORDS.sub(" ", _GLUED_FUNCTION_WORD.sub(" ", text))
    for sentence in _sentences(text):
        if not _has_cue_word(sentence, lang):
            continue
        for parties in _sentence_partnerships(sentence, lang):
            key = frozenset(party.casefold() for party in parties)
            if len(key) >= 2 and key not in seen:
                seen.add(key)
                events.append(Partnership(parties=tuple(parties)))
    return events


def _sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION_END.search(text, max(0, match.start() - 8), match.start()):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


def _sentence_partnerships(sentence: str, lang: str) -> list[list[str]]:
    # Cues and vetoes first: they are cheaper than finding the organisations.
    vetoed_sentence = _VETO_SENTENCE[lang].search(sentence) is not None
    cues = [
        cue
        for cue in _find_cues(sentence, lang)
        if not _vetoed(sentence, cue, lang, vetoed_sentence)
    ]
    if not cues:
        return []
    orgs = find_orgs(sentence, lang)
    if len(orgs) < 2:
        return []
    for cue in cues:
        if any(org.start <= cue.start < org.end for org in orgs):
            continue  # "Walgreens Boots Alliance", "QC Partners": part of a name
        groups = _parties_for(sentence, cue, orgs, lang)
        if groups:
            return groups
    return []


def _find_cues(sentence: str, lang: str) -> list[_Cue]:
    cues: list[_Cue] = []
    for kind, pattern in _CUE_RE[lang]:
        for match in pattern.finditer(sentence):
            if _name_part(sentence, match.start(), lang):
                continue
            word_match = re.match(r"[\w-]+", sentence[match.start() :])
            word = word_match.group(0).lower() if word_match else ""
            plural = word.endswith(("ships", "tions", "ances", "ventures", "ungen", "schaften"))
            cues.append(_Cue(kind, match.start(), match.end(), plural))
    return cues


def _name_part(sentence: str, position: int, lang: str) -> bool:
    """A capitalised cue word followed by a name ('Alliance Boots') belongs to that name."""
    if lang != "en" or not sentence[position : position + 1].isupper():
        return False
    if not re.match(r"(?:allian|partner|collaborat|joint)", sentence[position:], re.IGNORECASE):
        return False
    following = re.match(r"[\w-]+[ /]+([A-Z][\w&'.-]*)", sentence[position:])
    return following is not None and _token_role(following.group(1), lang) == "name"


def _vetoed(sentence: str, cue: _Cue, lang: str, vetoed_sentence: bool) -> bool:
    if cue.kind in ("weak", "adopt") and vetoed_sentence:
        lo = max(0, cue.start - 80)
        if _VETO_SENTENCE[lang].search(sentence, lo, min(len(sentence), cue.end + 50)):
            return True
    lo = max(0, cue.start - _NEAR_WINDOW)
    if _VETO_NEAR[lang].search(sentence, lo, cue.start) is not None:
        return True
    hi = min(len(sentence), cue.end + _NEAR_WINDOW // 2)
    return _VETO_AFTER[lang].search(sentence, cue.end, hi) is not None


def _parties_for(sentence: str, cue: _Cue, orgs: list[Org], lang: str) -> list[list[str]]:
    clause_lo, clause_hi = _clause_bounds(sentence, cue.start)
    in_clause = [org for org in orgs if clause_lo <= org.start and org.end <= clause_hi]
    masked = _mask_appositives(sentence, in_clause)

    if cue.kind == "aspartner":
        return _as_partner(sentence, cue, orgs)
    if cue.kind == "orgpartner":
        return _org_partner_org(sentence, cue, orgs)

    pair = _between(sentence, cue, in_clause, lang)
    if pair:
        return [pair]

    right = _right_party(sentence, cue, in_clause, lang)
    adjacent = _adjacent_before(sentence, cue, in_clause)
    subject = _coordinated_subject(sentence, in_clause, cue, clause_lo, lang)

    if cue.kind == "adopt":
        left = _nearest_left(cue, masked, exclude=right)
        return _combine(left, right, plural=False)
    if subject and (not right or _overlaps(right, subject)) and cue.kind == "recip":
        return [_names(subject + right)]
    if subject and right and _overlaps(right, subject):
        return [_names(subject + right)]
    if adjacent and right:
        return _combine([adjacent], right, plural=cue.plural)
    left = _nearest_left(cue, masked, exclude=right)
    if not left and right and cue.kind in ("strong", "weak"):
        # the headline's subject before a colon: "Oracle-Aktie mit Kurssprung: ... Partnerschaft"
        left = [org for org in orgs if org.end <= clause_lo][-1:]
    if not left and right:
        # "In a licensing deal with Mondelez, Android 8.0 was ...": the main clause's subject
        left = [org for org in in_clause if org.start > right[-1].end][:1]
    if left and right:
        return _combine(left, right, plural=cue.plural)
    if cue.kind == "strong" and not right:
        if adjacent:
            other = _nearest_left(_Cue(cue.kind, adjacent.start, adjacent.end, False), masked, [])
            return _combine(other, [adjacent], plural=False)
        two = [org for org in masked if org.end <= cue.start][-2:]
        back_reference = _BACK_REFERENCE.search(sentence, max(0, cue.start - 30), cue.end + 5)
        if len(two) == 2 and back_reference is not None:
            return [_names(two)]
    return []


def _clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    lo, hi = 0, len(sentence)
    for match in _CLAUSE_STOP.finditer(sentence):
        if match.end() <= position:
            lo = match.end()
        elif match.start() >= position:
            hi = match.start()
            break
    return lo, hi


def _mask_appositives(sentence: str, orgs: list[Org]) -> list[Org]:
    spans = [(m.start(), m.end()) for m in _APPOSITIVE.finditer(sentence)]
    return [org for org in orgs if not any(lo < org.start < hi for lo, hi in spans)]


def _between(sentence: str, cue: _Cue, orgs: list[Org], lang: str) -> list[str]:
    """'collaboration between X and Y', 'Kooperation von X mit Y'."""
    after = [org for org in orgs if org.start >= cue.end][:2]
    if len(after) < 2 or after[0].start - cue.end > 40:
        return []
    if not _BETWEEN_GAP[lang].match(sentence[cue.end : after[0].start]):
        return []
    if not _PAIR_GAP[lang].match(sentence[after[0].end : after[1].start]):
        return []
    return _names(after)


def _right_party(sentence: str, cue: _Cue, orgs: list[Org], lang: str) -> list[Org]:
    """The counterpart after the cue: 'with the World Series champion Cubs', a list of several."""
    after = [org for org in orgs if cue.end <= org.start <= cue.end + _RIGHT_WINDOW]
    if not after:
        return []
    gap = sentence[cue.end : after[0].start]
    if re.search(r"\b(?:with|mit)$", sentence[cue.start : cue.end], re.IGNORECASE):
        if not (_counterpart_gap(gap) or _POSSESSIVE_GAP.match(gap)):
            return []
    elif cue.kind != "adopt":
        prep = _RIGHT_PREP[(lang, cue.kind)].search(gap)
        rest = gap[prep.end() :] if prep else ""
        if prep is None or prep.start() > 30:
            return []
        if not (_counterpart_gap(rest) or _POSSESSIVE_GAP.match(rest)):
            return []
        if re.search(r"[A-ZÄÖÜ]", gap[prep.end() :]) and prep.group(0).lower() in ("to", "from"):
            return []  # "to Build DARPA ...": an infinitive, not a counterpart
    elif not _counterpart_gap(gap):
        return []
    else:
        # "nutzt künftig Chips von Nvidia": the maker, not the product
        for org in after[1:3]:
            if _SOURCE_PREP.match(sentence[after[0].end : org.start]):
                return [org]
    head = 0
    while head + 1 < len(after):
        nxt = sentence[after[head].end : after[head + 1].start]
        if _POSSESSIVE_GAP.match(nxt) or (
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
    return chosen[:closed]


def _is_descriptor_gap(gap: str, lang: str) -> bool:
    words = gap.split()
    if not words:
        return False
    stop = _RIGHT_STOPWORDS[lang]
    return all(
        word.lower() not in stop
        and (
            re.fullmatch(r"[a-zäöüß][\w-]*", word) is not None
            or _ROLE.search(word) is not None
            or _DESCRIPTOR.search(word) is not None
        )
        for word in words
    )


def _counterpart_gap(gap: str) -> bool:
    """Between a preposition and its object: articles and a few adjectives, nothing else."""
    words = gap.split()
    return (
        _OPEN_GAP.match(gap) is not None
        and len(words) <= 4
        and not any(word.lower() in _AFTER_PREP_STOP for word in words)
    )


_RIGHT_STOPWORDS = {
    "en": frozenset(
        "and or to for in on at as that which who will would is are was were has have had "
        "with from by of after before while during into than the a an its their this".split()
    ),
    "de": frozenset(
        "und oder zu für in im am an auf als dass die der das den dem des mit von vom bei "
        "ist sind war hat haben wird werden nach vor über".split()
    ),
}


def _adjacent_before(sentence: str, cue: _Cue, orgs: list[Org]) -> Org | None:
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
    sentence: str, orgs: list[Org], cue: _Cue, clause_lo: int, lang: str
) -> list[Org]:
    """'X and Y ...' opening the clause before the cue."""
    before = [org for org in orgs if org.end <= cue.start]
    if len(before) < 2:
        return []
    lead = sentence[clause_lo : before[0].start].strip(" \"'`([")
    if lead not in ("", "UPDATE", "BRIEF", "Update", "The", "Die", "Der", "Das"):
        return []
    group = [before[0]]
    for org in before[1:]:
        if not _PAIR_GAP[lang].match(sentence[group[-1].end : org.start]):
            break
        group.append(org)
    return group if len(group) >= 2 else []


def _nearest_left(cue: _Cue, orgs: list[Org], exclude: list[Org]) -> list[Org]:
    left = [org for org in orgs if org.end <= cue.start and org not in exclude]
    left = [org for org in left if cue.start - org.end <= _LEFT_WINDOW]
    return left[-1:]


def _as_partner(sentence: str, cue: _Cue, orgs: list[Org]) -> list[list[str]]:
    """'settling on Zotye as a partner', 'with Best Buy as the featured retail partner'."""
    before = [org for org in orgs if org.end <= cue.start]
    if len(before) < 2 or cue.start - before[-1].end > 3:
        return []
    return _combine(before[:1], before[-1:], plural=False)


def _org_partner_org(sentence: str, cue: _Cue, orgs: list[Org]) -> list[list[str]]:
    """'longtime Apple partner Best Buy'."""
    before = [org for org in orgs if org.end <= cue.start]
    after = [org for org in orgs if org.start >= cue.end]
    if not before or not after:
        return []
    if sentence[before[-1].end : cue.start].strip() or sentence[cue.end : after[0].start].strip():
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


def _names(orgs: list[Org]) -> list[str]:
    names: list[str] = []
    keys: set[str] = set()
    for org in orgs:
        if org.key not in keys:
            keys.add(org.key)
            names.append(org.name)
    return names


# --- organisation names ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Org:
    start: int
    end: int
    name: str
    key: str
    possessive: bool


_WORD = re.compile(r"[^\W_](?:[\w&+]|[.'’-](?=[^\W_]))*")
_LEGAL = frozenset(
    "inc incorporated corp corporation co ltd llc lp plc ag se gmbh sa nv kgaa ab asa oyj spa "
    "bv limited holdings holding".split()
)
_ORG_HEADS = frozenset(
    "group bank association institute institut universität university uni airlines airways "
    "technologies technology systems pharma pharmaceuticals therapeutics biosciences partners "
    "capital motors energy networks aerospace semiconductor semi software industries labs "
    "laboratories foods entertainment communications media services solutions hosting "
    "payments mobile games studios insurance konzern gruppe verein stiftung zeitung agency "
    "agentur associates council administration department ministry".split()
)
_KNOWN = frozenset(name.casefold() for name in COMPANIES) | frozenset(
    "apple microsoft amazon google alphabet meta facebook nvidia intel amd samsung ibm oracle "
    "alibaba tencent baidu huawei sony toyota tesla ford gm boeing netflix disney uber lyft "
    "spotify openai anthropic qualcomm cisco walmart nasa darpa espn abbvie celgene pfizer "
    "moderna biontech sky aws whatsapp instagram youtube twitter xiaomi honda nissan".split()
)
_PLACES = frozenset(
    "us usa u.s uk eu china chinas japan germany deutschland frankreich france india indien "
    "russia russland ukraine iran irak iraq israel syria syrien turkey türkei griechenland "
    "greece italy italien spain spanien austria österreich canada kanada mexico mexiko brazil "
    "brasilien saudi arabia korea taiwan europe europa asia asien africa afrika america "
    "amerika wien vienna berlin london paris washington new york chicago tokyo moskau moscow "
    "peking beijing brüssel brussels salzburg graz linz athen athens ankara madrid rom rome "
    "nato un uno opec ezb ecb fed bundesregierung regierung kommission commission "
    "spö övp fpö grüne neos cdu csu spd fdp afd linke psoe podemos ciudadanos pp "
    "republicans democrats congress senate white house kreml kremlin".split()
)
_ROLE = re.compile(
    r"(?:ceo|cfo|coo|cto|chief|chairman|chairwoman|president|founder|co-founder|analyst|"
    r"analystin|host|director|head|spokesman|spokeswoman|sir|mr|mrs|ms|dr|herr|frau|chef|"
    r"chefin|manager|managerin|minister|ministerin|präsident|präsidentin|sprecher|sprecherin|"
    r"vorsitzender|vorsitzende|direktor|direktorin|portfoliomanager|genetiker|senator|"
    r"governor|secretary|vp|executive|officer|boss|colleague|kollege|kollegen|pres)$",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(r"\s*(?:,\s*who\b|said\b|says\b|told\b|sagte\b|sagt\b|erklärte\b)")
_DESCRIPTOR = re.compile(
    r"(?:provider|partner|supplier|maker|firm|company|champion|konzern|hersteller|sender|"
    r"riese|bauer|institut|zeitung|anbieter|dienstleister|unternehmen|firma|tochter|"
    r"spezialist|händler|versicherer|zulieferer|agentur|rivalen|rivale|bank)$",
    re.IGNORECASE,
)
_COMPOUND_HEAD = re.compile(
    r"-(?:Aktien?|Konzerns?|Tochter|Chef|Chefin|Manager|Managerin|Sprecher|Sprecherin|Gruppe|"
    r"Vorstand|Vorstandsvorsitzender|Mutter|Papiere|Titel|Werk|Werke|Fahrzeugen|based|owned|"
    r"Unternehmen)$"
)
_GERMAN_NOUN_END = re.compile(
    r"(?:ung|ungen|heit|keit|schaft|schaften|tion|tionen|tät|nis|nisse|tum|ismus|chen|ment|"
    r"ik|ie|ien|ur|ei|er|ern|en|e|te|in|innen|um|us|el|ge)$"
)
_DE_DETERMINER = frozenset(
    "der die das den dem des ein eine einer eines einem einen im am zum zur vom beim ins "
    "alle allen aller diese dieser diesen diesem dieses jede jeder jeden jedem mit von für "
    "auf aus in an bei nach über unter vor zu zwischen durch gegen ohne um seine seiner "
    "seinen ihre ihrer ihren unsere unseren mehr viele vielen einige keine neue neuen".split()
)
_BREAK_COMMON = (
    "the a an and or but if of to in on at by for from with as into onto over under after "
    "before while during than then so that this these those there their its it his her our "
    "we you they he she i me us them who which what when where why how not no yes all any "
    "some many more most new old first last next other another each every both either such "
    "is are was were be been being has have had do does did will would can could may might "
    "must should shall up down out off about above below again also just only even still "
    "very now here today yesterday tomorrow per via vs amid despite following since until "
    "earlier later previously already soon early late"
)
_BREAK_EN = frozenset(
    (
        _BREAK_COMMON + " announce announces announced report reports reported say says said "
        "sign signs signed enter enters entered into select selects selected choose chooses "
        "chose adopt adopts adopted win wins won join joins joined forces team teams up "
        "partnership partnerships collaboration collaborations alliance joint venture deal "
        "deals agreement agreements contract contracts supply license licensing licence "
        "provider partner partners provide provides co-fund share shares stock stocks "
        "analyst analysts update brief breaking exclusive option options call put hearing "
        "sees expects raises lowers cuts boosts maintains reiterates initiates upgrades "
        "downgrades price target pt rating buy sell hold neutral outperform underperform "
        "overweight underweight launch launches launched develop develops developing "
        "deliver delivers advance advances advancing receive will eligible exercised has its "
        "their your exclusive strategic commercial manufacturing global next-generation "
        "platform services service technology technologies software solutions new phase "
        "clinical development application drug trial data results quarter q1 q2 q3 q4 fy "
        "eps revenue sales guidance dividend buyback program plan plans terms not disclosed "
        "period begin begins begun royalties pay pays patents patent validity acknowledges "
        "open opens after following higher lower rises falls jumps surges drops trading "
        "trades traded volume shows form filing 8-k 10-k 10-q sec otc otcbb nyse nasdaq "
        "january february march april may june july august september october november "
        "december monday tuesday wednesday thursday friday saturday sunday christmas "
        "mr mrs ms dr sir ceo cfo coo cto vp chief president chairman founder director "
        "inc corp co ltd llc plc company companies firm group unit division parent "
        "neither nor yet another however meanwhile additionally furthermore moreover indeed "
        "would-be one two three four five six seven eight nine ten its tapping hires hired "
        "taps tapped working works work sourcing using uses use based government federal "
        "state city county states american german chinese japanese european british french "
        "build design produce make create offer expand support bring help streamline shed "
        "affect manufacture commercialize market sell buy acquire improve enable power "
        "pres tweet u.s us usa eu year years month months week weeks day days firm"
    ).split()
)
_BREAK_DE = frozenset(
    (
        "der die das den dem des ein eine einer eines einem einen und oder aber mit von vom "
        "für auf aus in im an am bei nach über unter vor zu zum zur zwischen durch gegen ohne "
        "um als wie auch noch nur schon sehr so dass wenn weil ob nicht kein keine keinen "
        "er sie es wir ihr man sich sein seine ihre ihr unser dieser diese dieses jener "
        "hat haben ist sind war waren wird werden wurde wurden kann können soll sollen will "
        "wollen muss müssen darf heute gestern morgen nun jetzt bereits zudem außerdem "
        "analyse analyse-flash analysten aktie aktien euro prozent dollar us-dollar ziel "
        "kursziel kooperation partnerschaft zusammenarbeit partner vereinbarung vereinbarungen "
        "vertrag auftrag januar februar märz april mai juni juli august september oktober "
        "november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag "
        "woche jahr jahres monat tag diese dieser mehr viele alle neue neuen erste ersten "
        "herr frau dr chef ceo update dpa-afx überblick frage antwort interview"
    ).split()
)
_BREAK = {"en": _BREAK_EN, "de": _BREAK_DE}
_FIRST_NAMES = frozenset(
    "john james robert michael william david richard joseph thomas charles mark paul steven "
    "jeff jeffrey tim timothy elon satya sundar marc lisa mary jennifer susan karen sarah "
    "anna maria peter hans klaus jürgen stefan andreas christian markus martin michael "
    "alexander alice ed edward bill kevin brian jim jack tom dan daniel frank george harald "
    "wolfgang werner helmut angela olaf sebastian matthias tobias julia laura sandra "
    "donald barack joe kamala xi vladimir emmanuel theresa boris rishi greg rodney tyler "
    "dmitry dennis kimball jessie ryan warren philip margrethe deepa kevin tara".split()
)


def find_orgs(sentence: str, lang: str) -> list[Org]:
    """Organisation names in one sentence, in order; parenthesised tickers are left out."""
    view = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), sentence)
    words = list(_WORD.finditer(view))
    title_case = _is_title_case(words)
    runs: list[list[tuple[re.Match[str], str]]] = []
    current: list[tuple[re.Match[str], str]] = []
    for index, word in enumerate(words):
        role = _token_role(word.group(0), lang)
        following = words[index + 1].group(0) if index + 1 < len(words) else ""
        if role == "join" and current and _token_role(following, lang) in ("name", "soft"):
            role = "name"
        owner_ends = len(current) >= 2 and current[-1][0].group(0).endswith(("'s", "’s"))
        if role in ("name", "soft") and current and owner_ends:
            runs.append(current)  # "Reginald Hale's Blue Yonder": the owner ends at the 's
            current = [(word, role)]
        elif role in ("name", "soft") and current and _joined(view, current[-1][0], word):
            current.append((word, role))
        elif role in ("name", "soft"):
            if current:
                runs.append(current)
            current = [(word, role)]
        else:
            if current:
                runs.append(current)
            current = []
        if current and _ROLE_COMPOUND.search(word.group(0)):
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    orgs = [_make_org(view, run, lang, title_case) for run in runs]
    return [org for org in orgs if org is not None]


_PARENTHESES = re.compile(r"\(\s*[^()]{1,30}?\s*\)")
_ROLE_COMPOUND = re.compile(
    r"-(?:Managerin|Manager|Chef|Chefin|Sprecher|Sprecherin|Vorstand|Senators?|Minister|"
    r"Ministerin|Präsident|Präsidentin|Vorsitzender|Vorsitzende)$"
)
_GENERIC_FOLLOWER = re.compile(
    r"\s+(?:Firm|Firms|Company|Companies|Plan|Agreement|Segment|Division|Unit|Program|"
    r"Sector|Industry|Market|Markets)\b"
)
_CAPS_BREAK = frozenset(
    "UPDATE BRIEF CEO CFO COO CTO US USA EU UK PT EPS FY IPO ETF OTC OTCBB NYSE NASDAQ SEC PR "
    "VP ANALYSE FLASH DPA AFX AG SE INC LTD LLC PLC CORP CO AND THE OF FOR TO IN ON WITH "
    "Q1 Q2 Q3 Q4 GDP EUR USD".split()
)
_SOFT = frozenset(
    "first new american general united global national international royal pacific western "
    "eastern northern southern central capital buy sell hold canadian british german "
    "chinese japanese european french state city federal".split()
)
_PRODUCT_CODE = re.compile(r"^[A-Za-z]{1,6}-?\d[\w-]*$|^\d")


def _token_role(text: str, lang: str) -> str:
    lower = text.lower()
    if lower in ("of", "de", "du", "&"):
        return "join"
    if not _is_name_token(text) or _PRODUCT_CODE.match(text):
        return "break"
    if lower in _SOFT and lang == "en":
        return "soft"
    if len(text) >= 2 and text.isupper() and text.isalpha() and text not in _CAPS_BREAK:
        return "name"  # AT&T, ESPN, AKNÖ: acronyms are names even where the word is common
    if lower in _BREAK[lang] or lower.rstrip("'’s") in _BREAK[lang]:
        return "break"
    return "name"


def _is_title_case(words: list[re.Match[str]]) -> bool:
    long_words = [w.group(0) for w in words if len(w.group(0)) > 3]
    if len(long_words) < 4:
        return False
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words) > 0.6


def _is_name_token(text: str) -> bool:
    return text[0].isupper()


def _joined(sentence: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = sentence[left.end() : right.start()]
    return (gap.strip() in ("", "&", "/") and "\n" not in gap) and len(gap) < 40


def _make_org(
    sentence: str, run: list[tuple[re.Match[str], str]], lang: str, title_case: bool
) -> Org | None:
    while run and run[-1][0].group(0).lower() in ("of", "de", "du", "&"):
        run = run[:-1]
    if not run or all(role == "soft" for _, role in run):
        return None
    # descriptors inside a run ("PCI Compliance Provider ControlScan"): keep the name after them
    for index in range(len(run) - 2, -1, -1):
        if _DESCRIPTOR.search(run[index][0].group(0)) and run[index + 1][1] == "name":
            run = run[index + 1 :]
            break
    run = [(m, role) for m, role in run if not m.group(0).lower().endswith(("-based", "-owned"))]
    while len(run) > 1 and run[-1][0].group(0).lower().rstrip(".") in _LEGAL:
        run = run[:-1]
    if not run:
        return None
    start, end = run[0][0].start(), run[-1][0].end()
    tokens = [m.group(0) for m, _ in run]
    glue = [_glue(sentence[a.end() : b.start()]) for (a, _), (b, _) in pairwise(run)]
    possessive = False
    if tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
        possessive = True
    elif re.match(r"\s?['’]\s?s\b|\s?['’](?!\w)", sentence[end : end + 6]):
        possessive = True
    tokens = [_COMPOUND_HEAD.sub("", token) for token in tokens]
    if lang == "de" and len(tokens) > 1 and _german_genitive(sentence, run[0][0].end(), tokens[0]):
        tokens, glue, end = tokens[:1], [], run[0][0].end()  # "Alibabas Qwen-Modell"
    if lang == "de" and _german_genitive(sentence, end, tokens[-1]):
        tokens[-1] = tokens[-1][:-1]
        possessive = True
    name = tokens[0] + "".join(g + t for g, t in zip(glue, tokens[1:], strict=True))
    name = re.sub(r"\b([A-Z]{1,2}) ?& ?([A-Z]{1,2})\b", r"\1&\2", name)
    key = _org_key(name)
    if not key or all(part in _PLACES for part in key.split()) or key in _PLACES:
        return None
    if re.match(r"\s*,\s*[A-Z][\w.-]*-based\b", sentence[end : end + 40]):
        return None  # "The Redmond, Washington-based company": a place
    if _is_person(sentence, start, end, tokens):
        return None
    if lang == "de" and not _german_org_like(sentence, start, tokens, key):
        return None
    if lang == "en" and not _english_org_like(sentence, start, tokens, key, title_case):
        return None
    if title_case and _GENERIC_FOLLOWER.match(sentence[end : end + 20]):
        return None  # "Hires Law Firm": a description, not a name
    return Org(start, end, name, key, possessive)


def _glue(gap: str) -> str:
    stripped = gap.strip()
    return f" {stripped} " if stripped == "&" else stripped or " "


def _english_org_like(
    sentence: str, start: int, tokens: list[str], key: str, title_case: bool
) -> bool:
    if len(key) < 2:
        return False
    if len(tokens) == 1 and key not in _KNOWN:
        word = tokens[0]
        at_start = not sentence[:start].strip(" \"'`")
        if (at_start or title_case) and word.lower().endswith(("ly", "ing", "ed")):
            return False
    return True


def _german_genitive(sentence: str, end: int, token: str) -> bool:
    """'Alibabas Qwen-Modell', 'Dialogs Vereinbarungen'."""
    if not token.endswith("s") or token.endswith("ss") or len(token) < 4:
        return False
    following = sentence[end : end + 30].lstrip()
    if not re.match(r"(?:[a-zäöü]+e[nmrs]?\s+)?[A-ZÄÖÜ]", following):
        return False
    base = token[:-1].casefold()
    return base in _KNOWN or base.endswith(("a", "e", "i", "o", "u"))


def _org_key(name: str) -> str:
    key = re.sub(r"[^\w&+ ]", " ", name.casefold())
    return " ".join(key.split())


def key_is_public_figure(tokens: list[str]) -> bool:
    return any(token.lower() in _PUBLIC_FIGURES for token in tokens)


_PUBLIC_FIGURES = frozenset("trump biden obama putin merkel scholz macron xi".split())


def _is_person(sentence: str, start: int, end: int, tokens: list[str]) -> bool:
    preceding = sentence[max(0, start - 40) : start].split()
    if len(tokens) == 1 and preceding and _ROLE.search(preceding[-1].strip(",")):
        return True
    if len(tokens) == 1:
        return key_is_public_figure(tokens)
    if len(tokens) not in (2, 3):
        return False
    if tokens[0].lower() in _FIRST_NAMES:
        return True
    preceding = sentence[max(0, start - 40) : start].split()
    if preceding and _ROLE.search(preceding[-1].strip(",").split("-")[-1]):
        return True
    if key_is_public_figure(tokens):
        return True
    return _PERSON_AFTER.match(sentence, end) is not None


def _german_org_like(sentence: str, start: int, tokens: list[str], key: str) -> bool:
    """German capitalises every noun, so a capital alone does not make a name."""
    if key in _KNOWN or tokens[0].casefold() in _KNOWN:
        return True
    for token in tokens:
        core = token.replace("-", "")
        if sum(1 for c in core if c.isupper()) >= 2 and len(core) <= 12:
            return True  # ESPN, AKNÖ, AbbVie, TeamViewer
    heads = {part.lower() for token in tokens for part in token.split("-")}
    if len(tokens) >= 2 and heads & _ORG_HEADS:
        return True
    preceding = sentence[max(0, start - 40) : start].split()
    previous = preceding[-1] if preceding else ""
    return bool(previous) and _DESCRIPTOR.search(previous) is not None
