"""Partnership cues and the vetoes that cancel them (en/de).

Cue kinds: "strong" names the relation itself ("partnership", "Kooperation"); "weak" only does so
with a named counterpart and no competing reading (M&A, orders, financing) in the sentence;
"adopt" is a transitive choice ("selects", "setzt auf"); "recip" needs no counterpart phrase
("X and Y team up"); "aspartner" and "orgpartner" are appositions ("Zotye as a partner",
"longtime Apple partner Best Buy").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .orgs import token_role

_DEAL_QUALIFIER = (
    r"(?:licen[cs]e|licen[cs]ing|supply|distribution|sponsorship|collaboration|partnership|"
    r"marketing|content|codeshare|service|services|commercial|manufacturing|output|carriage|"
    r"technology|research|development|co-?promotion|reseller|cloud|strategic|multi-?year|"
    r"exclusive|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)-year)"
)
_CUES = {
    "en": [
        (
            "recip",
            r"\bteam(?:s|ed|ing)?\s+up\b|\bjoin(?:s|ed|ing)?\s+forces\b|"
            r"\b(?:announce|report|form|launch|sign|ink|strike|struck|enter)(?:s|d|ed|ing)?\s+"
            r"(?:a\s+|an\s+|new\s+|strategic\s+)*(?:" + _DEAL_QUALIFIER + r"\s+){0,2}"
            r"(?:partnership|collaboration|alliance|joint\s+venture)|"
            # "X and Y sign a supply deal": a deal counts only with a kind that is no M&A or loan
            r"\b(?:sign|ink|strike|struck)(?:s|ed|ing)?\s+(?:a\s+|an\s+|new\s+)*"
            r"(?:" + _DEAL_QUALIFIER + r"\s+){1,2}(?:deal|agreement|pact|contract)s?\b",
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
            r"\b(?:arbeite[nt]|arbeiteten)\b(?=[^.;:]{0,60}\bzusammen\b)|"
            r"\bzusammen(?:zu)?arbeiten\b|\bkooperier\w+|"
            r"\bgründe[nt]\s+(?:ein\s+)?(?:Gemeinschaftsunternehmen|Joint\s+Venture)|"
            r"\b(?:vereinbar|schließ|schloss|unterzeichn|besiegel|verkünd|beschließ|beschloss)\w*"
            r"\s+(?:eine[nr]?\s+|ein\s+|die\s+|das\s+)?(?:[a-zäöü]\w*\s+)?"
            r"(?:Partnerschaft|Kooperation|Zusammenarbeit|Allianz|Gemeinschaftsunternehmen|"
            r"Joint\s+Venture)",
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
            r"\bsetz(?:t|en)\s+(?:(?:künftig|nun|jetzt|ab\s+sofort|verstärkt|stärker|weiter|"
            r"erneut|bei\s+(?:(?:der|dem|den|seinen|seiner|ihren|ihrer)\s+)?\w+|beim\s+\w+|"
            r"im\s+\w+)\s+){0,3}auf\b|"
            r"\bnutz(?:t|en)\s+(?:künftig|nun|jetzt|ab\s+sofort)\b|"
            r"\bwähl(?:t|en|te)\b|\bbeauftrag(?:t|en|te)\b",
        ),
        ("aspartner", r"\bals\s+(?:\w+\s+){0,2}Partner\b"),
    ],
}
# English cues are matched on the lower-cased sentence: the same patterns without IGNORECASE
# run two to three times faster. German cues keep their capitals (nouns, "Partner").
_CUE_RE = {
    lang: [(kind, re.compile(pattern)) for kind, pattern in cues] for lang, cues in _CUES.items()
}
_CUE_RE_ANY_CASE = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _CUES["en"]}

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
# An adopt cue whose object is a person ("hires former X CEO Y", "wählt ... zum Vorstandschef")
# reports a staffing move, not a chosen partner.
_HIRED_PERSON = {
    "en": re.compile(
        r"\b(?:former|ex-\w+|ceos?|cfos?|coos?|ctos?|chief|executives?|execs?|president|"
        r"chair(?:man|woman)?|directors?|officers?|head\s+of|veterans?|vice\s+president)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"(?:\behemalig\w*|Vorstand\w*|Vorsitz\w*|chef\b|chefin\b|Chef\w*|Manager\w*|"
        r"Geschäftsführ\w*|Aufsichtsrat\w*|Direktor\w*)"
    ),
}
HIRED_PERSON_WINDOW = 40
VETO_SENTENCE = {
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
# The English vetoes without IGNORECASE, for the lower-cased sentence: near, after, sentence.
_VETO_FOLDED = tuple(
    re.compile(table["en"].pattern) for table in (_VETO_NEAR, _VETO_AFTER, VETO_SENTENCE)
)
NEAR_WINDOW = 45
LEFT_WINDOW = 160
RIGHT_WINDOW = 80


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    start: int
    end: int
    plural: bool


# Words each cue kind needs (lower-cased): a kind whose words are absent costs no regex scan.
_KIND_WORDS = {
    "en": {
        "recip": (
            "team",
            "join",
            "partnership",
            "collaboration",
            "alliance",
            "joint",
            "deal",
            "agreement",
            "pact",
            "contract",
        ),
        "strong": (
            "partner",
            "collaborat",
            "alliance",
            "joint",
            "teaming",
            "deal",
            "agreement",
            "pact",
            "contract",
            "codeshare",
        ),
        "weak": ("agreement", "contract", "licen", "royalt", "cooperat", "work"),
        "adopt": (
            "select",
            "choose",
            "chose",
            "adopt",
            "hire",
            "hiring",
            "taps",
            "tapp",
            "pick",
            "sourcing",
        ),
        "aspartner": ("partner",),
        "orgpartner": ("partner",),
    },
    "de": {
        "recip": (
            "arbeite",
            "zusammen",
            "kooperier",
            "gründe",
            "vereinbar",
            "schließ",
            "schloss",
            "unterzeichn",
            "besiegel",
            "verkünd",
        ),
        "strong": (
            "kooperation",
            "partnerschaft",
            "zusammenarbeit",
            "gemeinschaftsunternehmen",
            "joint",
            "allianz",
            "liefervertr",
            "lizenz",
        ),
        "weak": ("vereinbarung", "vertrag", "verträg", "auftrag"),
        "adopt": ("setz", "nutz", "wähl", "beauftrag"),
        "aspartner": ("partner",),
    },
}
_CUE_WORD_RE = re.compile(r"[\w-]+")
_NAME_PART_HEAD_RE = re.compile(r"(?:allian|partner|collaborat|joint)", re.IGNORECASE)
_NAME_PART_NEXT_RE = re.compile(r"[\w-]+[ /]+([A-Z][\w&'.-]*)")
_PLURAL_ENDINGS = ("ships", "tions", "ances", "ventures", "ungen", "schaften")


def find_cues(sentence: str, lang: str) -> list[Cue]:
    """Every cue in the sentence, kind by kind in the order of `_CUES`."""
    lowered = sentence.lower()
    kind_words = _KIND_WORDS[lang]
    cues: list[Cue] = []
    # Lower-casing keeps offsets except for a few letters ("İ"): then match case-insensitively.
    folded = lang == "en" and len(lowered) == len(sentence)
    for kind, pattern in _CUE_RE[lang]:
        if not any(word in lowered for word in kind_words[kind]):
            continue
        if lang == "en" and not folded:
            pattern = _CUE_RE_ANY_CASE[kind]
        for match in pattern.finditer(lowered if folded else sentence):
            if _name_part(sentence, match.start(), lang):
                continue
            word_match = _CUE_WORD_RE.match(sentence, match.start())
            word = word_match.group(0).lower() if word_match else ""
            cues.append(Cue(kind, match.start(), match.end(), word.endswith(_PLURAL_ENDINGS)))
    return cues


def _name_part(sentence: str, position: int, lang: str) -> bool:
    """A capitalised cue word followed by a name ('Alliance Boots') belongs to that name."""
    if lang != "en" or not sentence[position : position + 1].isupper():
        return False
    if not _NAME_PART_HEAD_RE.match(sentence, position):
        return False
    following = _NAME_PART_NEXT_RE.match(sentence, position)
    return following is not None and token_role(following.group(1), lang) == "name"


def vetoed(sentence: str, cue: Cue, lang: str) -> bool:
    """A competing reading near the cue: M&A or financing for weak cues, talks, denials,
    endings and disputes for all."""
    text, near, after, whole = sentence, _VETO_NEAR[lang], _VETO_AFTER[lang], VETO_SENTENCE[lang]
    if lang == "en":
        lowered = sentence.lower()
        if len(lowered) == len(sentence):  # the case-folded patterns need the same offsets
            text, near, after, whole = lowered, *_VETO_FOLDED
    if cue.kind in ("weak", "adopt"):
        lo = max(0, cue.start - 80)
        if whole.search(text, lo, min(len(text), cue.end + 50)):
            return True
    if cue.kind == "adopt":
        hi = min(len(text), cue.end + HIRED_PERSON_WINDOW)
        if _HIRED_PERSON[lang].search(text, cue.end, hi) is not None:
            return True
    lo = max(0, cue.start - NEAR_WINDOW)
    if near.search(text, lo, cue.start) is not None:
        return True
    hi = min(len(text), cue.end + NEAR_WINDOW // 2)
    return after.search(text, cue.end, hi) is not None
