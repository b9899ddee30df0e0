"""Partnership cues (en/de); `partnership_vetoes` holds what cancels them.

Cue kinds: "strong" names the relation itself ("partnership", "Kooperation"); "weak" only does so
with a named counterpart and no competing reading (M&A, orders, financing) in the sentence;
"adopt" is a transitive choice ("selects", "setzt auf"); "recip" needs no counterpart phrase
("X and Y team up"); "aspartner" and "orgpartner" are appositions ("Zotye as a partner",
"longtime Apple partner Best Buy").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .data_files import data_lines
from .org_words import (
    ABSTRACT_NOUN_ENDINGS_EN,
    AS_PARTNER_ROLES_DE,
    DEAL_KINDS_EN,
    HEADLINE_VERBS_EN,
    NAME_TAILS,
    ORG_HEADS,
)
from .orgs import token_role
from .scan import WordScan

# What names a deal's kind: the plain words of the data file, and the spellings that need a
# pattern.
_DEAL_KIND_WORDS = sorted(DEAL_KINDS_EN, key=len, reverse=True)
_DEAL_QUALIFIER = (
    r"(?:licen[cs]e|licen[cs]ing|co-?promotion|multi-?year|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)-year|"
    + "|".join(re.escape(word) for word in _DEAL_KIND_WORDS)
    + ")"
)


class _Part(NamedTuple):
    """One alternative of a cue kind's pattern, with the words that anchor its matches.

    Every match of the part either starts at one of `words` (lower-case, space-separated) or
    holds one of the `inner` words, at which the word's pattern matches. `cue_anchors` screens a
    whole text with them before any sentence is read.
    """

    pattern: str
    words: str
    inner: tuple[tuple[str, str], ...] = ()


# "will use Luminar's lidar": phrases of adoption whose object names its maker
_ADOPTION_PHRASES = sorted(
    (line.lower() for line in data_lines("adoption_phrases_en.txt")), key=len, reverse=True
)
_QUALIFIER_WORDS = " ".join(
    ["licen co-promotion copromotion multi-year multiyear", *_DEAL_KIND_WORDS]
)
# what two companies make or run together: "jointly develop", "X, Y To Build ..."
_SHARED_ACT_WORDS = data_lines("shared_acts_en.txt")
_SHARED_ACTS = "(?:" + "|".join(_SHARED_ACT_WORDS) + r"|explore\s+for)"
_YEARS_DEAL = (("-year", r"-year\s+(?:deal|agreement|pact|contract)s?\b"),)  # "5-year deal"
_PARTS: dict[str, list[tuple[str, list[_Part]]]] = {
    "en": [
        (
            "recip",
            [
                _Part(r"\bteam(?:s|ed|ing)?\s+up\b", "team"),
                _Part(r"\bjoin(?:s|ed|ing)?\s+forces\b", "join"),
                _Part(r"\bpartner(?:s|ed)?\s+(?:to|on|for|in)\b", "partner"),
                # "X and Y have agreed to share vessels": a pooling of their own things
                _Part(r"\bagree(?:s|d)?\s+to\s+(?:share|pool)\b", "agree"),
                # "X, Y Launch Co-Branded Card": a product of both
                _Part(r"\bco-?(?:brand|develop|promot|market|commerciali[sz])\w*", "co-"),
                # "X and Y agreed to jointly develop": a shared project
                _Part(r"\bjointly\s+(?:market|" + _SHARED_ACTS + r")\w*", "jointly"),
                # a headline's coordinated subject with a shared act ahead: "X, Y To Build AI
                # Cloud" (`_names_before_to` checks the name the lower-cased match cannot)
                _Part(
                    r"(?<=\bto )(?P<joint_to>" + _SHARED_ACTS + r")\b",
                    " ".join(_SHARED_ACT_WORDS),
                ),
                # any shared act agreed or planned: "agreed to jointly pursue a programme"
                # anchored on "jointly", not on "to", which stands in nearly every sentence
                _Part(
                    r"\b(?:to|will|would)\s+jointly\s+[a-z]+",
                    "",
                    (("jointly", r"jointly\s+[a-z]+"),),
                ),
                _Part(
                    r"\b(?:announce|report|form|launch|sign|ink|strike|struck|enter|expand|extend|"
                    r"renew|deepen|broaden|strengthen|unveil)(?:s|d|ed|ing)?"
                    r"\s+(?:a\s+|an\s+|new\s+|strategic\s+)*(?:" + _DEAL_QUALIFIER + r"\s+){0,2}"
                    r"(?:partnership|collaboration|alliance|joint\s+venture)",
                    "announce report form launch sign ink strike struck enter expand extend renew "
                    "deepen broaden strengthen unveil",
                ),
                # what the alliance is for, in a few words before it: "Form New Shipping
                # Alliance", "Form Silicon Carbide Research Consortium"
                _Part(
                    r"\b(?:form|launch|unveil|found|create|establish)(?:s|ed|d)?\s+"
                    r"(?:(?:a|an|new|joint)\s+)*(?:[a-z][\w-]*\s+){0,3}"
                    r"(?:alliance|consortium|joint\s+venture)\b",
                    "form launch unveil found create establish",
                ),
                # "X, Y Sign Voice-Assistant Deal": what the deal is for, a few words before it
                # (`vetoed` reads the sentence for M&A, as for a weak cue)
                _Part(
                    r"\b(?:sign|ink|seal|strike|struck)(?:s|ed|ing)?\s+(?:[\w-]+\s+){1,3}?deals?\b",
                    "sign ink seal strike struck",
                ),
                # "X and Y sign a supply deal": a deal counts only with a kind, no M&A or loan
                _Part(
                    r"\b(?:sign|ink|strike|struck)(?:s|ed|ing)?\s+(?:a\s+|an\s+|new\s+)*"
                    r"(?:[\w-]+\s+)?(?:" + _DEAL_QUALIFIER + r"\s+){1,2}"
                    r"(?:deal|agreement|pact|contract)s?\b",
                    "sign ink strike struck",
                ),
            ],
        ),
        (
            "strong",
            [
                _Part(r"\bpartnership", "partnership"),
                _Part(r"\bcollaborat\w*", "collaborat"),
                _Part(r"\balliance\b", "alliance"),
                _Part(r"\bjoint[- ]venture", "joint"),
                _Part(r"\bpartner(?:s|ed|ing)?\s+with\b", "partner"),
                _Part(r"\bteaming\s+up\b", "teaming"),
                _Part(r"\bteam(?:s|ed|ing)\s+with\b", "team"),  # "Contoso Teams With Litware"
                _Part(r"\bti(?:e|es|ed)\s+up\s+with\b", "tie"),
                _Part(
                    r"\b" + _DEAL_QUALIFIER + r"\s+(?:deal|agreement|pact|contract)s?\b",
                    _QUALIFIER_WORDS,
                    _YEARS_DEAL,
                ),
                _Part(r"\bcodeshare\b", "codeshare"),
                _Part(r"\bjvs?\b", "jv"),  # "Set Up Offshore Wind JV"
                # a product made together, as background: "whose vaccine was developed with X"
                _Part(
                    r"\b(?:was|were|been)\s+(?:co-?)?developed\s+with\b",
                    "",
                    (("developed", r"developed\s+with\b"),),
                ),
                # a deal of no named kind, as the frame of what the sentence says was agreed:
                # "X will sell through Y under a deal announced on Monday"
                _Part(r"(?<=\bunder a )deals?\b", "deal"),
                _Part(r"(?<=\bunder the )deals?\b", "deal"),
                # a headline drops the article: "To Ship Methanol Under Deal With X"
                _Part(r"(?<=\bunder )deals?\b(?=\s+with\b)", "deal"),
            ],
        ),
        (
            "weak",
            [
                _Part(r"\bagreements?\b", "agreement"),
                # a deal with a named counterpart, signed: "Walmart Inks Deal With Salesforce",
                # with its worth and what it is for between ("signed a $3 billion GPU
                # infrastructure deal with"); a deal the vetoes name (takeover, loan) is none
                # or kept on: "Extend Jersey Patch Deal With X"
                _Part(
                    r"\b(?:ink|sign|seal|strike|struck|extend|renew|expand)(?:s|ed|ing)?\s+"
                    r"(?:(?:a|an|new|its|their)\s+)?"
                    r"(?:[$€£]?[\w-]+(?:[.,]\d+)?\s+){0,4}?deals?\s+with\b",
                    "ink sign seal strike struck extend renew expand",
                ),
                # a deal of no named kind that a coordinated subject signs: "X, Y Sign Deal on
                # Ammonia Plant"; the grammar takes it only with two names before the verb
                _Part(
                    r"(?:(?<=\bsign )|(?<=\bsigns )|(?<=\bsigned )|(?<=\bink )|(?<=\binks )|"
                    r"(?<=\binked )|(?<=\bseal )|(?<=\bseals )|(?<=\bsealed )|(?<=\bstrike )|"
                    r"(?<=\bstrikes )|(?<=\bstruck ))deals?\b",
                    "deal",
                ),
                # a deal won from its counterpart, what it is for between: "Wins Multiyear IT
                # Deal From X"
                _Part(
                    r"\b(?:wins?|won|lands?|landed|secur(?:e|es|ed)|clinch(?:es|ed)?)\s+"
                    r"(?:(?:a|an|new)\s+)?(?:[$€£]?[\w-]+(?:[.,]\d+)?\s+){0,4}?deals?"
                    r"(?=\s+from\b)",
                    "win won land secur clinch",
                ),
                _Part(r"\bmemorand(?:um|a)\s+of\s+understanding\b", "memorand"),
                _Part(r"\bmous?\b", "mou"),
                _Part(r"\bpacts?\b", "pact"),
                _Part(r"\bcontracts?\b", "contract"),
                _Part(r"\blicen[cs]e[sd]?\b", "licen"),
                _Part(r"\blicen[cs]ing\b", "licen"),
                # a licence paid for: "Pays $120 Million For Rights To X's Drug"
                # anchored inside, at "rights", not on "the", which stands in nearly every text
                _Part(
                    r"(?<=\bfor )(?:the\s+)?rights(?=\s+to\b)",
                    "",
                    (("rights", r"rights(?=\s+to\b)"),),
                ),
                _Part(r"\broyalt\w+", "royalt"),
                _Part(r"\bcooperat\w+", "cooperat"),
                # "Expands Strategic Relationship With X"
                _Part(r"\brelationships?(?=\s+with\b)", "relationship"),
                # a framework order from a named customer is an agreement to buy over years:
                # "Wins Framework Order From X"; a one-off purchase order is no partnership
                # (the cue opens at the verb, before the words a headline capitalises)
                _Part(
                    r"\b(?:(?:wins?|won|receiv(?:e|es|ed)|secur(?:e|es|ed)|lands?|landed|gets?|got)"
                    r"\s+(?:an?\s+|new\s+)*)?(?:framework|task)\s+orders?(?=\s+from\b)",
                    "",
                    (
                        ("framework", r"framework\s+orders?(?=\s+from\b)"),
                        # a task order is placed under a standing contract
                        ("task", r"task\s+orders?(?=\s+from\b)"),
                    ),
                ),
                _Part(r"\bwork(?:s|ing)?\s+(?:closely\s+)?with\b", "work"),
            ],
        ),
        (
            "adopt",
            [
                # "Selected As Exclusive Provider For X", "Named Preferred Supplier To X"
                _Part(
                    r"\b(?:selected|chosen|named|appointed)\s+(?:as\s+)?(?:[^.;:,]{0,40}?\s)?"
                    r"(?:provider|partner|supplier|vendor|distributor|reseller|sponsor|carrier)s?"
                    r"\s+(?:for|to|of|by)\b",
                    "selected chosen named appointed",
                ),
                # a role granted by the partner: "has become the exclusive bottler of X" (not
                # "became a leading provider of", a market position)
                _Part(
                    r"\b(?:become|becomes|became)\s+(?:the|its|their|an?)\s+(?:exclusive|official|"
                    r"preferred|sole|authori[sz]ed)\s+(?:[\w-]+\s+)?(?:provider|partner|supplier|"
                    r"distributor|reseller|sponsor|bottler|licensee)s?\s+(?:for|to|of)\b",
                    "become became",
                ),
                _Part(
                    r"\b(?:selects|selected|chooses|chose|adopts|adopted|hires|hired|hiring|"
                    r"taps|tapped|tapping|picks|picked|engages)\b",
                    "select choose chose adopt hire hiring taps tapp pick engages",
                ),
                # "Standardizes On X Cloud"
                _Part(r"\bstandardi[sz](?:e|es|ed|ing)\s+on\b", "standardi"),
                _Part(r"\b(?:has|have|had)\s+chosen\b", "", (("chosen", r"chosen\b"),)),
                # a headline's verb with its object straight after it: "Partners Contoso On
                # Chips" (`_verb_partners` checks the capitals the lower-cased match cannot)
                _Part(
                    r"(?P<verb_partners>\bpartner(?:s|ed)\b)"
                    r"(?=\s+(?:[\w&.'’-]+\s+){1,4}?(?:on|to|for|in)\s)",
                    "partner",
                ),
                _Part(r"\bsourc(?:e|es|ed|ing)\s+(?:[^.;:,]{0,50}?\s)?from\b", "sourc"),
                # technology adoption: the maker follows the verb or its preposition
                _Part(r"\b(?:uses|is\s+using|are\s+using)\b", "uses is are"),
                # what it will use is named by its maker: "will use Luminar's lidar sensors",
                # "will use LG Energy Solution's batteries"
                _Part(
                    r"\b(?:"
                    + "|".join(
                        r"\s+".join(map(re.escape, phrase.split())) for phrase in _ADOPTION_PHRASES
                    )
                    # how much of it: "will use up to one million of Google's chips"
                    + r")(?:\s+(?:up\s+to\s+)?[\w.,$]+(?:\s+(?:hundred|thousand|million|billion))?"
                    r"\s+of)?\b(?=\s(?:[\w&.-]+(?:\s[\w&.-]+){0,2}['’]s|its|their)\s(?!own\b))",
                    " ".join(sorted({phrase.split()[0] for phrase in _ADOPTION_PHRASES})),
                ),
                _Part(
                    r"\b(?:integrates?|integrated|integrating|deploys|deployed|deploy|deploying|"
                    r"leverag(?:es|ed|ing)|embeds|embedded|embedding)\b",
                    "integrat deploy leverag embed",
                ),
                # a trial run with the partner: "Pilots Ambient AI Notes With X"
                _Part(r"\bpilot(?:s|ed|ing)\s+(?:[^.;:,]{0,50}?\s)?with\b", "pilot"),
                # "Litware Powers Contoso's Checkout", "to power Contoso's fleet"
                _Part(r"\b(?:powers|to\s+power)\b", "powers", (("power", r"power\b"),)),
                _Part(r"\bbuil(?:ds|t|ding)\s+(?:[^.;:,]{0,50}?\s)?on\b", "buil"),
                # what it runs on: "Runs Title Platform On X Cloud"
                _Part(r"\bruns\s+(?:[^.;:,]{0,50}?\s)?on\b", "runs"),
                # "will build the next version of Siri on Google's models"
                _Part(
                    r"\bwill\s+build\s+(?:[^.;:,]{0,50}?\s)?on\b"
                    r"(?=\s[\w&.-]+(?:\s[\w&.-]+)?['’]s\s)",
                    "will",
                ),
                _Part(r"\bpowered\s+by\b", "powered"),
                # awards and selections, active ("awards X a contract") and passive ("chosen by")
                # "awards" is a verb only with what is awarded ("the Give Awards" are prizes)
                _Part(
                    r"\b(?:awards?|awarded(?=\s+(?:[\w&.-]+\s+){1,3}(?:a|an)\s))\b"
                    # a decimal point ("$1.2 billion") ends no sentence
                    r"(?=(?:[^.;:]|\.(?=\d)){0,60}\b(?:contract|deal|agreement)s?\b)",
                    "award",
                ),
                _Part(
                    r"\b(?:awarded|selected|chosen|picked|tapped|named)\s+(?:[^.;:,]{0,50}?\s)?by\b",
                    "awarded selected chosen picked tapped named",
                ),
                _Part(r"\bgrant(?:s|ed|ing)?\b(?=[^.;:]{0,60}\b(?:rights|licen[cs]e)\b)", "grant"),
                # supply relations: "supply hybrid systems to Mazda", "provide cloud services to"
                _Part(r"\bsuppl(?:y|ies|ied|ying)\s+(?:[^.;:,]{0,50}?\s)?to\b", "suppl"),
                _Part(r"\bprovid(?:e|es|ed|ing)\s+(?:[^.;:,]{0,50}?\s)?to\b", "provid"),
                # the relation as a noun: "X, the main supplier of memory chips to Y"
                _Part(
                    r"\b(?:supplier|provider)s?\s+of\s+(?:[^.;:,]{0,60}?\s)?to\b",
                    "supplier provider",
                ),
                # the customer as object: "will supply X with turbines"
                _Part(
                    r"\bsuppl(?:y|ies|ied|ying)\s+(?:[\w&.-]+\s+){1,3}?with\b",
                    "suppl",
                ),
            ],
        ),
        (
            "aspartner",
            [
                _Part(
                    r"\bas\s+(?:a|an|the|its|their)?\s*(?:\w+\s+){0,2}partner\b",
                    "",
                    (("partner", r"partner\b"),),
                )
            ],
        ),
        (
            "orgpartner",
            [
                _Part(r"\bpartner\b", "partner"),
                # a supply relation named between its two sides: "Tesla's battery supplier X"
                _Part(r"\b(?:supplier|distributor)\b", "supplier distributor"),
            ],
        ),
        (
            # what two companies say together they do together: "X will make chips for Y,
            # the companies said"
            "joint",
            [
                _Part(
                    r"(?:(?<=\bthe\s)|(?<=\btwo\s)|(?<=\bboth\s))(?:companies|firms)\s+"
                    r"(?:said|announced|say)\b",
                    "companies firms",
                )
            ],
        ),
    ],
    "de": [
        (
            "recip",
            [
                _Part(r"\b(?:arbeite[nt]|arbeiteten)\b(?=[^.;:]{0,100}\bzusammen\b)", "arbeite"),
                _Part(r"\bzusammen(?:zu)?arbeite(?:n|t|te|ten)\b", "zusammen"),
                # the partner fronted, the subject after the verb: "Gemeinsam mit X baut Y ..."
                _Part(r"\b(?:Zusammen|Gemeinsam)\s+mit\b", "zusammen gemeinsam"),
                # a shared act of a coordinated subject: "X und Y bauen gemeinsam eine Cloud"
                # (a lower-case "gemeinsam mit" mid-clause reads as often as "along with")
                _Part(r"\bgemeinsam\b(?!\s+mit\b)", "gemeinsam"),
                # a shared thing made or offered, the verb before it: "X und Y bauen gemeinsame
                # KI-Angebote"
                _Part(
                    r"\b(?:entwickel|bau|biet|start|gründ|eröffn|betreib)\w*\s+"
                    r"(?:(?:eine?[nms]?|ihre?[nms]?)\s+)?gemeinsame[nmrs]?\b",
                    "",
                    (("gemeinsame", r"gemeinsame[nmrs]?\b"),),
                ),
                # a shared thing made or started: "X und Y haben ein gemeinsames Produkt
                # entwickelt"
                _Part(
                    r"\bgemeinsame[nmrs]?\s+(?:[a-zäöü][\w-]*\s+)?[A-ZÄÖÜ][\w-]*"
                    r"(?=[^.;:]{0,80}\b(?:entwickel(?:n|t|ten)|gestartet|starten|gegründet|gründen|"
                    r"aufgebaut|aufbauen|vorgestellt|aufgelegt|eröffnet|eröffnen)\b)",
                    "gemeinsam",
                ),
                # "X, Y und Z haben sich zu einem Konsortium zusammengeschlossen"
                _Part(
                    r"\bzu\s+(?:einem|einer)\s+(?:[\w-]+\s+){0,2}?(?:Konsortium|Bündnis|Allianz|"
                    r"Gemeinschaftsunternehmen)\s+zusammen(?:geschlossen|schließen|schlossen)\b",
                    "zu",
                ),
                _Part(r"\bkooperier\w+", "kooperier"),
                # "X und Y bündeln ihre Kräfte": joining forces
                _Part(r"\bbündel(?:n|t|ten)\s+(?:ihre|seine)\s+Kräfte\b(?!\s+nicht\b)", "bündel"),
                _Part(
                    r"\bgründe[nt]\s+(?:ein\s+)?(?:Gemeinschaftsunternehmen|Joint\s+Venture)",
                    "gründe",
                ),
                _Part(
                    r"\b(?:vereinbar|schließ|schloss|unterzeichn|besiegel|verkünd|beschließ|"
                    r"beschloss)\w*\s+(?:eine[nr]?\s+|ein\s+|die\s+|das\s+)?(?:[a-zäöü]\w*\s+)?"
                    r"(?:Partnerschaft|Kooperation|Zusammenarbeit|Allianz|Gemeinschaftsunternehmen|"
                    r"Joint\s+Venture)",
                    "vereinbar schließ schloss unterzeichn besiegel verkünd beschließ beschloss",
                ),
            ],
        ),
        (
            "strong",
            [
                _Part("[Kk]ooperation", "kooperation"),
                _Part("[Pp]artnerschaft", "partnerschaft"),
                _Part("[Zz]usammenarbeit", "zusammenarbeit"),
                _Part("Gemeinschaftsunternehmen", "gemeinschaftsunternehmen"),
                _Part(r"Joint\s+Venture", "joint"),
                _Part(r"\bAllianz\s+(?:mit|zwischen)\b", "allianz"),
                _Part(r"Liefervertr\w*", "liefervertr"),
                _Part(r"Lizenz(?:vertrag|vereinbarung|abkommen)\w*", "lizenz"),
                _Part(r"Kooperationsvertr\w*", "kooperation"),
                _Part(r"[Cc]odeshare", "codeshare"),
            ],
        ),
        (
            "weak",
            [
                _Part(r"[Vv]ereinbarung(?:en)?\b", "vereinbarung"),
                _Part(r"\bVertr(?:a|ä)g\w*", "vertrag verträg"),
                # the head of a compound names the paper: "Rahmenvertrag", "Absichtserklärung"
                _Part(
                    r"\b[A-ZÄÖÜ][a-zäöüß-]+vertr(?:a|ä)g(?:e|es|en|s)?\b",
                    "",
                    (("vertrag", r"vertrag"), ("verträg", r"verträg")),
                ),
                _Part(
                    r"\b[A-ZÄÖÜ][a-zäöüß-]+vereinbarung(?:en)?\b",
                    "",
                    (("vereinbarung", r"vereinbarung"),),
                ),
                _Part(r"\bAbsichtserklärung(?:en)?\b", "absichtserklärung"),
                _Part(r"\bAbkommen\b", "abkommen"),
                _Part(r"\bim\s+Auftrag\b", "", (("auftrag", r"Auftrag\b"),)),
                _Part(r"\b(?:Lizenz(?:en)?|Zuschlag|Auftrag)\b", "lizenz zuschlag auftrag"),
                _Part(r"(?<=[a-zäöüß])auftrag\b", "auftrag"),  # "Großauftrag"
                _Part(r"(?<=[a-zäöüß])aufträge\b", "aufträge"),  # "Fertigungsaufträge"
                # a supplier and its customer: "liefert Chips an den Autobauer X"
                _Part(r"\bliefer(?:t|n|te|ten)\b(?=[^.;:]{0,60}\ban\b)", "liefer"),
                # rights to a product taken from its maker are a licence: "hat sich die Rechte an
                # einem Antikörper des Biotechunternehmens X gesichert"
                _Part(
                    r"\bRechte\s+an\b(?=[^.;:]{0,100}\b(?:gesichert|erworben|lizenziert)\b)",
                    "rechte",
                ),
                _Part(
                    r"\b(?:sichert|sicherte|sichern|erwirbt|erwarb|erwerben)\s+(?:sich\s+)?"
                    r"(?:die\s+)?(?:weltweiten\s+|exklusiven\s+)?Rechte\s+an\b",
                    "sichert sicherte sichern erwirbt erwarb erwerben",
                ),
                # a licence granted or taken: "lizenziert seine Technik an X", "von X", "die
                # Technik des Start-ups X"
                _Part(
                    r"\blizenzier(?:t|en|te|ten)\b(?=[^.;:]{0,60}\b(?:an|von|vom|des)\b)", "lizenz"
                ),
            ],
        ),
        (
            "adopt",
            [
                _Part(
                    r"\bsetz(?:t|en)\s+(?:(?:künftig|nun|jetzt|ab\s+sofort|verstärkt|stärker|weiter|"
                    r"erneut|inzwischen|auch|zunehmend|"
                    # the subject after the verb: "Bei X setzt Contoso künftig auf Y"
                    r"(?:(?:die|der|das)\s+)?[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*){0,2}|"
                    r"(?:bei\s+(?:(?:der|dem|den|seinem|seinen|seiner|ihrem|ihren|ihrer|einem|"
                    r"einer)\s+)?|beim\s+)(?:[a-zäöü]\w*\s+)?[\w-]+"
                    # a genitive after it: "bei der Software seiner neuen Modelle"
                    r"(?:\s+(?:seine[rs]?|ihre[rs]?|des|der)\s+(?:[a-zäöü]\w*\s+)?[\w-]+)?|"
                    # what it is for: "für ihr neues Bezahlverfahren"
                    r"für\s+(?:ihr|ihre|ihren|sein|seine|seinen|das|die|den)\s+"
                    r"(?:[a-zäöü]\w*\s+)?[\w-]+|"
                    # where: "in Osteuropa", "in der Region"
                    r"im\s+[\w-]+|in\s+(?:(?:der|den|dem|seiner|ihrer|seinen|ihren)\s+[\w-]+|"
                    r"[A-ZÄÖÜ][\w-]+))\s+){0,5}"
                    r"auf\b",
                    "setz",
                ),
                # separable verbs: "baut sein Modell auf X auf", "bezieht Zellen von X"
                _Part(
                    r"\bbau(?:t|en)\s+(?:[^.;:,]{0,60}?\s)?auf\b(?=[^.;:,]{0,80}\sauf\b)",
                    "bau",
                ),
                # "entscheidet sich für die Cloud von X": a choice
                _Part(
                    r"\bentschei(?:det|den|dete|deten)\s+sich\s+(?:[^.;:,]{0,40}?\s)?für\b",
                    "entschei",
                ),
                # "greift für ihre Zellen auf den Hersteller X zurück": draws on X
                _Part(
                    r"\bgreif(?:t|en)\s+(?:[^.;:,]{0,60}?\s)?auf\b(?=[^.;:,]{0,80}\szurück\b)",
                    "greift greifen",
                ),
                # the maker also as the goods' genitive: "bezieht Zellen des Herstellers X"
                _Part(
                    r"\bbez(?:ieht|iehen|og|ogen)\s+(?:[^.;:,]{0,60}?\s)?(?:von|vom|bei|des)\b",
                    "bezieh bezog",
                ),
                _Part(r"\bnutz(?:t|en)\s+(?:künftig|nun|jetzt|ab\s+sofort)\b", "nutz"),
                # what it uses named by its maker: "nutzt für die Suche ein Sprachmodell von X";
                # the cue runs over the adverbials (and an inverted subject) to the thing
                _Part(
                    r"\bnutz(?:t|en|te|ten)\s+(?:(?:künftig|nun|jetzt|bereits|auch|inzwischen|"
                    r"ab\s+sofort|seit\s+\w+|(?:für|bei|beim|in|im)\s+(?:(?:die|den|der|das|dem|"
                    r"seine[nmr]?|ihre[nmr]?)\s+)?[\w-]+|(?:(?:die|der|das)\s+)?[A-ZÄÖÜ][\w&.-]*)\s+)"
                    r"{0,5}(?=(?:(?:die|das|den|ein|eine|einen)\s+)?[\w-]+\s+(?:von|vom|des)\s)",
                    "nutz",
                ),
                # a licence paid for, the licensor as the dative object: "zahlt dem
                # Biotechunternehmen X 20 Millionen Dollar für die Rechte an ..."
                _Part(
                    r"\bzahl(?:t|en|te|ten)\b(?=[^.;:]{0,120}?\bfür\s+(?:die|eine|deren)\s+"
                    r"(?:[\w-]+\s+)?[\w-]*(?:[Ll]izenz|[Rr]echte)\b)",
                    "zahl",
                ),
                # a distributor of another's goods: "vertreibt künftig die Geräte des
                # Anbieters X", "vertreibt Wechselrichter von X"
                _Part(
                    r"\bvertreib(?:t|en)\s+(?:(?:künftig|nun|jetzt|bereits|auch|ab\s+sofort|"
                    r"(?:in|im)\s+[\w-]+)\s+){0,3}"
                    r"(?=(?:(?:die|das|den)\s+)?[\w-]+\s+(?:von|vom|des)\s)",
                    "vertreib",
                ),
                _Part(r"\bwähl(?:t|en|te)\b", "wähl"),
                # the perfect: "hat X als Lieferanten ausgewählt"
                _Part(r"\bausgewählt\b", "ausgewählt"),
                # a service done by another: "lässt Retouren künftig vom Logistiker X
                # abwickeln", the infinitive closing the clause ("lässt sich von X beraten" is
                # advice, no service)
                _Part(
                    r"\bl(?:ässt|assen)\s+(?!sich\b)(?:[^.;:,]{0,60}?\s)?(?:von|vom)\b"
                    r"(?=[^.;:,]{0,60}?\s[a-zäöüß]{3,}(?:en|ern|eln)\s*(?:[,.;:]|$))",
                    "läss lass",
                ),
                _Part(r"\bbeauftrag(?:t|en|te)\b", "beauftrag"),
                # the relation as a noun: "X, seit Jahren Lieferant von Chips für Y"
                _Part(
                    r"\b(?:Haupt|Zu)?[Ll]ieferant(?:en)?\s+(?:von\s+(?:[^.;:,]{0,60}?\s)?)?(?:für|an)\b",
                    "lieferant hauptlieferant zulieferant",
                ),
                # a licence taken, told in the perfect: "hat die Software des Anbieters X
                # lizenziert", the licensor before the participle
                _Part(r"\blizenziert\b(?=\s*(?:[,.;:]|$|und\b))", "lizenziert"),
                # a partner's role as the predicate: "X ist seit Jahresbeginn Vertriebspartner
                # von Y", "... Technologiepartner des Autobauers Y"
                _Part(
                    r"\b(?:ist|sind|bleibt|bleiben|wird|werden)\s+(?:[^.;:,]{0,40}?\s)?"
                    # or another role a contract gives: "wird neuer Ausrüster des Klubs X"
                    r"(?:(?:[A-ZÄÖÜ][a-zäöüß-]+)?[Pp]artner|(?:Haupt|Trikot)?[Ss]ponsor|Ausrüster|"
                    r"(?:Haupt|Zu)?[Ll]ieferant(?:en)?)\s+(?:von|vom|des|der)\b",
                    "ist sind bleibt bleiben wird werden",
                ),
                # the customer as object: "beliefert die Charité künftig mit Monitoren"
                _Part(r"\bbeliefer(?:t|n|te|ten)\b(?=[^.;:]{0,80}\bmit\b)", "beliefer"),
                # a choice told in the perfect: "hat sich für die Cloud von X entschieden"
                _Part(
                    r"\bsich\s+(?:[^.;:,]{0,40}?\s)?für\b(?=[^.;:,]{0,80}\sentschieden\b)",
                    "sich",
                ),
            ],
        ),
        (
            "aspartner",
            [
                # a supplier's role given by its customer: "wurde von X als Lieferant des Jahres
                # ausgezeichnet"
                _Part(
                    rf"\bals\s+(?:\w+\s+){{0,2}}{AS_PARTNER_ROLES_DE}\b",
                    "",
                    (
                        ("partner", r"Partner\b"),
                        ("lieferant", r"[Ll]ieferant(?:en)?\b"),
                        ("ausrüster", r"Ausrüster\b"),
                    ),
                )
            ],
        ),
    ],
}
_CUES = {
    lang: [(kind, "|".join(part.pattern for part in parts)) for kind, parts in kinds]
    for lang, kinds in _PARTS.items()
}
# English cues are matched on the lower-cased sentence: the same patterns without IGNORECASE
# run two to three times faster. German cues keep their capitals (nouns, "Partner").
_CUE_RE = {
    lang: [(kind, re.compile(pattern)) for kind, pattern in cues] for lang, cues in _CUES.items()
}
_CUE_RE_ANY_CASE = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _CUES["en"]}

LEFT_WINDOW = 160
RIGHT_WINDOW = 80


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    start: int
    end: int
    plural: bool


# Words each cue kind needs (lower-cased), for sentences that `cue_anchors` cannot screen: a
# kind whose words are absent costs no regex scan.
_KIND_WORDS = {
    lang: {kind: tuple(words.split()) for kind, words in kinds.items()}
    for lang, kinds in {
        "en": {
            "recip": "team join partner partnership collaboration alliance joint jointly co deal "
            "agreement pact contract consortium agree sign ink seal strike struck "
            + " ".join(_SHARED_ACT_WORDS),
            "strong": "partner collaborat alliance joint team deal agreement pact contract "
            "codeshare developed jv tie",
            "weak": "agreement memorand mou contract licen royalt cooperat work ink sign seal "
            "strike struck extend renew expand pact deal framework task rights relationship",
            "adopt": "select choose chose chosen adopt hire hiring taps tapp pick sourc uses using "
            "partner become became "
            "integrat deploy leverag embed pilot runs power buil powered award named engages "
            "standardi "
            "appointed grant suppl "
            "will would roll relies rely relied switch supplier provider designed",
            "aspartner": "partner",
            "orgpartner": "partner supplier distributor",
            "joint": "companies firms",
        },
        "de": {
            "recip": "arbeite zusammen gemeinsam kooperier gründe vereinbar schließ schloss "
            "unterzeichn besiegel verkünd zu",
            "strong": "kooperation partnerschaft zusammenarbeit gemeinschaftsunternehmen joint "
            "allianz liefervertr lizenz codeshare",
            "weak": "vereinbarung vertrag verträg auftrag lizenz zuschlag liefer absichtserklärung "
            "abkommen rechte",
            "adopt": "setz nutz wähl ausgewählt beauftrag bau bezieh bezog läss lass beliefer sich "
            "zahl vertreib lieferant lizenziert ist sind bleibt bleiben wird werden",
            "aspartner": "partner lieferant ausrüster",
        },
    }.items()
}
_CUE_WORD_RE = re.compile(r"[\w-]+")
_NAME_PART_HEAD_RE = re.compile(r"(?:allian|partner|collaborat|joint)", re.IGNORECASE)
_NAME_PART_NEXT_RE = re.compile(r"[\w-]+[ /]+([A-Z][\w&'.-]*)")
_PLURAL_ENDINGS = ("ships", "tions", "ances", "ventures", "ungen", "schaften")


def _anchor_scan(lang: str) -> WordScan[tuple[tuple[str, re.Pattern[str], bool], ...]]:
    """Every anchor word of the language's parts, each with the checks it opens:
    (kind, pattern that holds at the word, whether a match of the part starts at the word).

    The patterns a word opens for one kind with the same `opens` are tried as one alternation:
    they give the same anchor, so only whether one holds counts, and one trial costs less than
    several ("is" opens two parts of "adopt"). Not for "orgpartner", whose match is read on."""
    patterns: dict[str, dict[tuple[str, bool], list[str]]] = {}
    for kind, parts in _PARTS[lang]:
        for part in parts:
            for word in part.words.split():
                patterns.setdefault(word, {}).setdefault((kind, True), []).append(part.pattern)
            for word, pattern in part.inner:
                patterns.setdefault(word, {}).setdefault((kind, False), []).append(pattern)
    checks: dict[str, list[tuple[str, re.Pattern[str], bool]]] = {}
    for word, by_kind in patterns.items():
        for (kind, opens), alternatives in by_kind.items():
            if kind == "orgpartner" or len(alternatives) == 1:
                tried = [re.compile(pattern) for pattern in alternatives]
            else:
                tried = [re.compile("|".join(f"(?:{pattern})" for pattern in alternatives))]
            checks.setdefault(word, []).extend((kind, pattern, opens) for pattern in tried)
    return WordScan((word, tuple(entries)) for word, entries in checks.items())


_ANCHORS = {lang: _anchor_scan(lang) for lang in _PARTS}

# (offset in the text, cue kind, whether a cue of that kind would start right there)
Anchor = tuple[int, str, bool]


def cue_anchors(text: str, lowered: str, lang: str) -> list[Anchor] | None:
    """Each anchor word in `text` whose pattern holds there; None when `lowered`
    (`text.lower()`) does not keep the offsets ("İ" grows), so nothing can be screened.

    A cue that `find_cues` finds in a sentence cut from `text` has an anchor of its kind inside
    that sentence, and one at its very start when its part starts at its word: every match of a
    part holds one of its words, the parts have no negative look-around, and a sentence borders
    on whitespace or the text's ends, where word boundaries and look-behinds answer as at the
    sentence's own ends. So what the parts match in a sentence they match in the text.
    """
    if len(lowered) != len(text):
        return None
    subject = lowered if lang == "en" else text  # the string find_cues matches in
    found: list[Anchor] = []
    anchors = _ANCHORS[lang]
    for index, start, _ in anchors.find(lowered):
        for kind, pattern, opens in anchors.values[index]:
            match = pattern.match(subject, start)
            if match is None:
                continue
            if kind == "orgpartner" and not _between_names(text, start, match.end()):
                continue  # as `find_cues` has it: no apposition, no cue
            found.append((start, kind, opens))
    return found


def cue_starts(anchors: list[Anchor], start: int, end: int) -> dict[str, list[int] | None]:
    """For `find_cues` on text[start:end]: the kinds that can occur there, each with the
    sentence offsets where its cues can start, or None when a part of it that starts before
    its word is anchored (its cues can start anywhere)."""
    starts: dict[str, list[int] | None] = {}
    for position, kind, opens in anchors:
        if not start <= position < end:
            continue
        if not opens:
            starts[kind] = None
        elif kind not in starts:
            starts[kind] = [position - start]
        else:
            known = starts[kind]
            if known is not None:
                known.append(position - start)
    return starts


def find_cues(
    sentence: str,
    lang: str,
    starts: dict[str, list[int] | None] | None = None,
    lowered: str | None = None,
) -> list[Cue]:
    """Every cue in the sentence, kind by kind in the order of `_CUES`.

    `starts` (from `cue_starts`) holds the only kinds that can occur and where their cues can
    start; `lowered` is `sentence.lower()` when the caller has it.
    """
    if lowered is None:
        lowered = sentence.lower()
    kind_words = _KIND_WORDS[lang]
    cues: list[Cue] = []
    # Lower-casing keeps offsets except for a few letters ("İ"): then match case-insensitively.
    folded = lang == "en" and len(lowered) == len(sentence)
    subject = lowered if folded else sentence
    for kind, pattern in _CUE_RE[lang]:
        positions: list[int] | None = None
        if starts is not None:
            if kind not in starts:
                continue
            positions = starts[kind]
        elif not any(word in lowered for word in kind_words[kind]):
            continue
        if lang == "en" and not folded:
            pattern = _CUE_RE_ANY_CASE[kind]
        matches = (
            pattern.finditer(subject) if positions is None else _at(pattern, subject, positions)
        )
        for match in matches:
            if lang == "en" and kind == "adopt" and match.group("verb_partners") is not None:
                if not _verb_partners(sentence, match.start()):
                    continue
            elif lang == "en" and kind == "recip" and match.group("joint_to") is not None:
                if not _names_before_to(sentence, match.start()):
                    continue
            elif _name_part(sentence, match.start(), lang):
                continue
            if kind == "orgpartner" and not _between_names(sentence, match.start(), match.end()):
                continue
            word_match = _CUE_WORD_RE.match(sentence, match.start())
            word = word_match.group(0).lower() if word_match else ""
            cues.append(Cue(kind, match.start(), match.end(), word.endswith(_PLURAL_ENDINGS)))
    return cues


def _at(pattern: re.Pattern[str], subject: str, positions: list[int]) -> list[re.Match[str]]:
    """What `finditer` yields when matches can start only at `positions`: the first match at
    any of them, then the first at or after its end, and so on (no part matches empty)."""
    matches: list[re.Match[str]] = []
    resume = 0
    for position in sorted(set(positions)):
        if position < resume:
            continue
        match = pattern.match(subject, position)
        if match is not None:
            matches.append(match)
            resume = match.end()
    return matches


# An apposition's noun stands between two names: "Tesla's battery supplier Panasonic",
# "longtime Apple partner Best Buy"; elsewhere ("a food distributor") it makes no candidate.
_NAME_BEFORE_NOUN = re.compile(r"[A-Z][\w&.-]*(?:['’]s?)?\s+(?:[a-z][\w-]*\s+)?$")
_NAME_AFTER_NOUN = re.compile(r"\s+[A-Z]")


def _between_names(sentence: str, start: int, end: int) -> bool:
    return (
        _NAME_AFTER_NOUN.match(sentence, end) is not None
        and _NAME_BEFORE_NOUN.search(sentence, max(0, start - 40), start) is not None
    )


# "Contoso Partners Litware On ...": the verb between the subject's name and the object's, in a
# Title-Case headline; "Partners Group", "Alliance Resource Partners" have a name's tail next
_VERB_PARTNERS = re.compile(r"(?<=[\w.&’'] )Partner(?:s|ed) (?P<next>[A-Z0-9][\w&.'’-]*)")


def _verb_partners(sentence: str, position: int) -> bool:
    found = _VERB_PARTNERS.match(sentence, position)
    if found is None:
        return False
    following = found.group("next")
    folded = following.lower()
    # "Avondale Partners Upgrades X To Outperform": a verb after it makes it a name's tail
    return (
        folded not in NAME_TAILS
        and folded not in ORG_HEADS
        and folded not in HEADLINE_VERBS_EN
        and token_role(following, "en") == "name"
    )


# "Contoso, Litware To Build": a name's last word right before "to"; what is planned by one
# ("plans to build", "is set to launch") has a lower-case word there
_NAME_BEFORE_TO = re.compile(r"(?:^|\s)[A-Z0-9][\w&.'’-]*\s+[Tt]o\s+$")


def _names_before_to(sentence: str, position: int) -> bool:
    return _NAME_BEFORE_TO.search(sentence, max(0, position - 40), position) is not None


def _name_part(sentence: str, position: int, lang: str) -> bool:
    """A capitalised cue word followed by a name ('Alliance Boots') belongs to that name."""
    if lang != "en" or not sentence[position : position + 1].isupper():
        return False
    if not _NAME_PART_HEAD_RE.match(sentence, position):
        return False
    following = _NAME_PART_NEXT_RE.match(sentence, position)
    if following is None or token_role(following.group(1), lang) != "name":
        return False
    # "Partnership Announcement": an abstract noun after the cue word names no company
    return not following.group(1).lower().endswith(ABSTRACT_NOUN_ENDINGS_EN)
