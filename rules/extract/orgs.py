"""Organisation names in a sentence, found from capitalisation, stop lists and name heads.

Capitalised runs become candidates; function words, titles, months and places break them; German
capitalises every noun, so there a run needs a known company, an internal capital ("TeamViewer"),
an organisation head ("Gruppe", "Bank") or a descriptor before it ("der Chiphersteller Nvidia").
People ("CEO Tim Cook", "John Smith said") and places are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .companies import COMPANIES


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
# Word endings, compared case-insensitively: "CEO", "Vorstandschef", "Chiphersteller".
_ROLE_ENDINGS = tuple(
    "ceo cfo coo cto chief chairman chairwoman president founder co-founder analyst analystin "
    "host director head spokesman spokeswoman sir mr mrs ms dr herr frau chef chefin manager "
    "managerin minister ministerin präsident präsidentin sprecher sprecherin vorsitzender "
    "vorsitzende direktor direktorin portfoliomanager genetiker senator governor secretary vp "
    "executive officer boss colleague kollege kollegen pres".split()
)
_PERSON_AFTER = re.compile(r"\s*(?:,\s*who\b|said\b|says\b|told\b|sagte\b|sagt\b|erklärte\b)")
_DESCRIPTOR_ENDINGS = tuple(
    "provider partner supplier maker firm company champion konzern hersteller sender riese "
    "bauer institut zeitung anbieter dienstleister unternehmen firma tochter spezialist "
    "händler versicherer zulieferer agentur rivalen rivale bank".split()
)
# Compound tails that name a part of the company, not the company: "Nvidia-Chef", "VW-Aktie".
_COMPOUND_HEADS = tuple(
    "-" + head
    for head in (
        "Aktie Aktien Konzern Konzerns Tochter Chef Chefin Manager Managerin Sprecher "
        "Sprecherin Gruppe Vorstand Vorstandsvorsitzender Mutter Papiere Titel Werk Werke "
        "Fahrzeugen based owned Unternehmen"
    ).split()
)
_POSSESSIVE_AFTER = re.compile(r"\s?['’]\s?s\b|\s?['’](?!\w)")
_AMPERSAND_INITIALS = re.compile(r"\b([A-Z]{1,2}) ?& ?([A-Z]{1,2})\b")
_PLACE_BASED_AFTER = re.compile(r"\s*,\s*[A-Z][\w.-]*-based\b")
_GENITIVE_FOLLOWER = re.compile(r"\s*(?:[a-zäöü]+e[nmrs]?\s+)?[A-ZÄÖÜ]")
_KEY_NOISE = re.compile(r"[^\w&+ ]")


def is_role(word: str) -> bool:
    """A title or function that makes the next name a person's: 'CEO', 'Vorstandschef'."""
    return word.lower().endswith(_ROLE_ENDINGS)


def is_descriptor(word: str) -> bool:
    """A noun that introduces a company: 'Chiphersteller', 'provider', 'Bank'."""
    return word.lower().endswith(_DESCRIPTOR_ENDINGS)


def _without_compound_head(token: str) -> str:
    if "-" in token:
        for head in _COMPOUND_HEADS:
            if token.endswith(head):
                return token[: -len(head)]
    return token


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


def find_orgs(sentence: str, lang: str, lo: int = 0, hi: int | None = None) -> list[Org]:
    """Organisation names in one sentence, in order; parenthesised tickers are left out.

    With `lo`/`hi` only the words between those offsets are read (widened to whole words);
    offsets stay those of the sentence.
    """
    view = _PARENTHESES.sub(_blank, sentence) if "(" in sentence else sentence
    hi = len(view) if hi is None else min(hi, len(view))
    lo = max(0, lo)
    while lo > 0 and not view[lo - 1].isspace():
        lo -= 1
    while hi < len(view) and not view[hi].isspace():
        hi += 1
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(view, lo, hi)]
    title_case = _is_title_case(
        [text for _, _, text in words] if lo == 0 and hi == len(view) else _WORD.findall(view)
    )
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for index, (start, end, text) in enumerate(words):
        role = token_role(text, lang)
        following = words[index + 1][2] if index + 1 < len(words) else ""
        if role == "join" and current and token_role(following, lang) in ("name", "soft"):
            role = "name"
        token = (start, end, text, role)
        if role in ("name", "soft"):
            if current and len(current) >= 2 and current[-1][2].endswith(("'s", "’s")):
                runs.append(current)  # "Reginald Hale's Blue Yonder": the owner ends at the 's
                current = [token]
            elif current and _joined(view, current[-1][1], start):
                current.append(token)
            else:
                if current:
                    runs.append(current)
                current = [token]
        else:
            if current:
                runs.append(current)
            current = []
        if current and "-" in text and _ROLE_COMPOUND.search(text):
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    orgs = [_make_org(view, run, lang, title_case) for run in runs]
    return [org for org in orgs if org is not None]


# A word of a candidate name: start, end, text and its role ("name", "soft", "join").
_Token = tuple[int, int, str, str]

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


@lru_cache(maxsize=8192)
def token_role(text: str, lang: str) -> str:
    """'name', 'soft' (capitalised adjective), 'join' ('of', '&') or 'break'."""
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


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _is_title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 4:
        return False
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words) > 0.6


def _is_name_token(text: str) -> bool:
    return text[0].isupper()


def _joined(sentence: str, left_end: int, right_start: int) -> bool:
    gap = sentence[left_end:right_start]
    return (gap.strip() in ("", "&", "/") and "\n" not in gap) and len(gap) < 40


def _make_org(sentence: str, run: list[_Token], lang: str, title_case: bool) -> Org | None:
    while run and run[-1][2].lower() in ("of", "de", "du", "&"):
        run = run[:-1]
    if not run or all(token[3] == "soft" for token in run):
        return None
    # descriptors inside a run ("PCI Compliance Provider ControlScan"): keep the name after them
    for index in range(len(run) - 2, -1, -1):
        if is_descriptor(run[index][2]) and run[index + 1][3] == "name":
            run = run[index + 1 :]
            break
    run = [token for token in run if not token[2].lower().endswith(("-based", "-owned"))]
    while len(run) > 1 and run[-1][2].lower().rstrip(".") in _LEGAL:
        run = run[:-1]
    if not run:
        return None
    start, end = run[0][0], run[-1][1]
    tokens = [token[2] for token in run]
    glue = [_glue(sentence[a[1] : b[0]]) for a, b in pairwise(run)]
    possessive = False
    if tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
        possessive = True
    elif _POSSESSIVE_AFTER.match(sentence, end, end + 6):
        possessive = True
    tokens = [_without_compound_head(token) for token in tokens]
    if lang == "de" and len(tokens) > 1 and _german_genitive(sentence, run[0][1], tokens[0]):
        tokens, glue, end = tokens[:1], [], run[0][1]  # "Alibabas Qwen-Modell"
    if lang == "de" and _german_genitive(sentence, end, tokens[-1]):
        tokens[-1] = tokens[-1][:-1]
        possessive = True
    name = tokens[0] + "".join(g + t for g, t in zip(glue, tokens[1:], strict=True))
    if "&" in name:
        name = _AMPERSAND_INITIALS.sub(r"\1&\2", name)
    key = _org_key(name)
    if not key or all(part in _PLACES for part in key.split()) or key in _PLACES:
        return None
    if _PLACE_BASED_AFTER.match(sentence, end, end + 40):
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
    if not _GENITIVE_FOLLOWER.match(sentence[end : end + 30]):
        return False
    base = token[:-1].casefold()
    return base in _KNOWN or base.endswith(("a", "e", "i", "o", "u"))


def _org_key(name: str) -> str:
    key = _KEY_NOISE.sub(" ", name.casefold())
    return " ".join(key.split())


def key_is_public_figure(tokens: list[str]) -> bool:
    return any(token.lower() in _PUBLIC_FIGURES for token in tokens)


_PUBLIC_FIGURES = frozenset("trump biden obama putin merkel scholz macron xi".split())


def _is_person(sentence: str, start: int, end: int, tokens: list[str]) -> bool:
    preceding = sentence[max(0, start - 40) : start].split()
    if len(tokens) == 1 and preceding and is_role(preceding[-1].strip(",")):
        return True
    if len(tokens) == 1:
        return key_is_public_figure(tokens)
    if len(tokens) not in (2, 3):
        return False
    if tokens[0].lower() in _FIRST_NAMES:
        return True
    preceding = sentence[max(0, start - 40) : start].split()
    if preceding and is_role(preceding[-1].strip(",").split("-")[-1]):
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
    return bool(previous) and is_descriptor(previous)
