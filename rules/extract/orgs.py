"""Organisation names in a sentence, found from capitalisation, stop lists and name heads.

Capitalised runs become candidates; function words, titles, months and places break them; German
capitalises every noun, so there a run needs a known company, an internal capital ("TeamViewer"),
an organisation head ("Gruppe", "Bank") or a descriptor before it ("der Chiphersteller Nvidia").
People ("CEO Tim Cook", "John Smith said") and places are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from .org_words import (
    ABSTRACT_NOUN_ENDINGS_EN,
    ADVERBS_DE,
    AS_PARTNER_ROLES_DE,
    BREAK,
    CAPS_BREAK,
    CLOSING_NAME_TAILS,
    COMPANY_UNITS,
    COMPOUND_HEADS,
    DEAL_KINDS_EN,
    DEAL_NOUNS_EN,
    DESCRIBING_EN,
    DESCRIPTIVE_EN,
    DESCRIPTOR_ENDINGS,
    FACILITY_NOUNS_EN,
    FIRST_NAMES,
    GOVERNMENT_HEADS,
    GROUP_POSSESSIVES,
    HEADLINE_DEAL_VERBS_EN,
    HEADLINE_PARTICLES_EN,
    HEADLINE_VERBS_EN,
    INDUSTRY_GERUNDS_EN,
    IRREGULAR_NAMES,
    KNOWN,
    LEGAL,
    LOWERCASE_PRODUCTS,
    NAME_TAILS,
    NATIONALITIES_EN,
    NUMBER_WORDS_EN,
    ORG_HEADS,
    PLACES,
    PRODUCT_WORDS_EN,
    PUBLIC_BODY_HEADS,
    PUBLIC_FIGURES,
    ROLE_ENDINGS,
    SOFT,
)
from .sentences import spaced_out


class Org(NamedTuple):
    start: int
    end: int
    name: str
    key: str
    possessive: bool


# A word: letters and digits, "&" and "+" inside ("AT&T"), and ".", "'" or "-" only between
# letters ("J.P.", "O'Neil", "Mercedes-Benz").
_WORD = re.compile(r"[^\W_][\w&+]*(?:[.'’-][^\W_][\w&+]*)*")
_PERSON_AFTER = re.compile(r"\s*(?:,\s*who\b|said\b|says\b|told\b|sagte\b|sagt\b|erklärte\b)")
# A company reports in the third person neuter or in writing: "Lockheed Martin said it would",
# "X said on Tuesday it", "X said in a statement"; a person says "he", "she" or speaks.
_ORG_REPORTS = re.compile(
    r"\s*(?:said|says|told\s+\w+)\s+(?:(?:late\s+|early\s+)?on\s+\w+\s+|(?:that\s+)?)"
    r"(?:it\b|its\b|they\b|in\s+a\s+(?:statement|filing|release|press\s+release)\b)"
)
_POSSESSIVE_AFTER = re.compile(r"\s?['’]\s?s\b|\s?['’](?!\w)")
_AMPERSAND_INITIALS = re.compile(r"\b([A-Z]{1,2}) ?& ?([A-Z]{1,2})\b")
_PLACE_BASED_AFTER = re.compile(r"\s*,\s*[A-Z][\w.-]*-based\b")
_GENITIVE_FOLLOWER = re.compile(r"\s*(?:([a-zäöü]+e[nmrs]?)\s+)?[A-ZÄÖÜ]")
_ARTICLES = frozenset({"eine", "einen", "einem", "einer", "eines", "der", "den", "dem", "des"})
_KEY_NOISE = re.compile(r"[^\w&+ ]")
# the word after a name, in either case: "Litware's Zen chips", "Litware's Donor Platform"
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w-]*)")
_COUNTRY_BEFORE = re.compile(r"(?<![\w.])(U\.S\.|U\.K\.|US|UK)\s$")
# Names read whole wherever they stand ("3M", "SK On"): the longest first, as whole words.
_IRREGULAR_NAME = re.compile(
    r"(?<![\w&])(?:"
    + "|".join(re.escape(name) for name in sorted(IRREGULAR_NAMES, key=len, reverse=True))
    + r")(?![\w&])"
)


# Facts about a single word are asked again for every run and sentence it stands in: the
# bounded caches below answer the repeats with one lookup.
@lru_cache(maxsize=8192)
def is_role(word: str) -> bool:
    """A title or function that makes the next name a person's: 'CEO', 'Vorstandschef'."""
    return word.lower().endswith(ROLE_ENDINGS)


@lru_cache(maxsize=8192)
def is_descriptor(word: str) -> bool:
    """A noun that introduces a company: 'Chiphersteller', 'provider', 'Bank'."""
    return word.lower().endswith(DESCRIPTOR_ENDINGS)


@lru_cache(maxsize=8192)
def is_descriptor_de(word: str) -> bool:
    """A German descriptor in any case: 'dem Zahlungsdienstleisters', 'des Konzerns',
    'dem KI-Spezialisten'."""
    lower = word.lower()
    return any(
        lower[: len(lower) - len(ending)].endswith(DESCRIPTOR_ENDINGS)
        for ending in _GERMAN_CASE_ENDINGS
        if lower.endswith(ending)
    )


_GERMAN_CASE_ENDINGS = ("", "s", "n", "en", "es")


def _without_compound_head(token: str) -> str:
    if "-" in token:
        for head in COMPOUND_HEADS:
            if token.endswith(head):
                return token[: -len(head)]
    return token


@lru_cache(maxsize=8192)
def _dropped_from_run(word: str) -> bool:
    """'Washington-based', 'state-owned': a description of the name, not part of it."""
    return word.lower().endswith(("-based", "-owned"))


def find_orgs(sentence: str, lang: str, lo: int = 0, hi: int | None = None) -> list[Org]:
    """Organisation names in one sentence, in order; parenthesised tickers are left out.

    With `lo`/`hi` only the words between those offsets are read (widened to whole words);
    offsets stay those of the sentence.
    """
    view = _PARENTHESES.sub(spaced_out, sentence) if "(" in sentence else sentence
    hi = len(view) if hi is None else min(hi, len(view))
    lo = max(0, lo)
    while lo > 0 and not view[lo - 1].isspace():
        lo -= 1
    while hi < len(view) and not view[hi].isspace():
        hi += 1
    # Each word starts at the first letter or digit after the previous one, so `find` from the
    # previous end meets its offset: nothing before it could start the same word.
    texts: list[str] = _WORD.findall(view, lo, hi)
    title_case = _TitleCase(view, texts if lo == 0 and hi == len(view) else None)
    listed = [match.span() for match in _IRREGULAR_NAME.finditer(view, lo, hi)]
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    position = lo
    last = len(texts) - 1
    for index, text in enumerate(texts):
        start = view.find(text, position)
        position = end = start + len(text)
        # "4DBio" starts with a digit and is read like a capitalised word; "2026" is not
        if text[0].isupper() or (text[0].isdigit() and not text.isdigit()):
            role = token_role(text, lang)
            if role == "break" and _PRODUCT_CODE.match(text) and _company_code(view, start, end):
                role = "name"  # "Rapid7, Inc. today announced": a company, not a model
        elif _LOWER_FIRST_BRAND.match(text) and text not in LOWERCASE_PRODUCTS:
            role = "name"  # "easyJet", "eBay": a brand that writes its first letter small
        else:
            role = "join" if text.lower() in _JOINS else "break"  # as token_role has it
        if role == "break" and current and _numbered(current, text, view, end):
            role = "name"  # "Engine No. 1": a number that is part of the name
        elif (
            role == "break"
            and current
            and lang == "en"
            and _number_in_name(text, current, view, end)
            and not title_case()
        ):
            role = "name"  # "Formula One", "Formula 1": prose writes a count otherwise
        if (
            role == "break"
            and lang == "en"
            and index < last
            and _group_possessive(text)
            and texts[index + 1][0].isupper()
        ):
            role = "name"  # "Boston Children's Hospital": a group's possessive inside a name
        if role == "break" and _legal_form_follows(texts, index, view, end):
            role = "name"  # "Software AG", "Target Corp": the legal form makes a word a name
        elif (
            role == "break"
            and index == 0
            and lang == "en"
            and _headline_subject_word(texts, view, start)
            and title_case()
        ):
            role = "name"  # "Target Teams Up With X": a headline's first word before its verb
        span = _listed_span(listed, start) if listed else None
        if span is not None:
            if start == span[0] and current:
                runs.append(current)  # a listed name opens a run of its own
                current = []
            current.append((start, end, text, "name"))
            continue
        if role == "join":
            if current and index < last and token_role(texts[index + 1], lang) in _NAME_ROLES:
                role = "name"
        elif (
            role == "break"
            and current
            and lang == "en"
            and _continues_name(current, text, texts[index + 1] if index < last else None)
        ):
            role = "name"
        elif (
            role == "break"
            and current
            and lang == "en"
            and text in _COUNTRY_UNITS
            and current[-1][3] == "name"
            and _unit_acts(view, end, texts[index + 1] if index < last else None)
        ):
            role = "name"  # "T-Mobile US has teamed up": a company's unit in a country
        elif role == "break" and current and lang == "de" and text == "Partners":
            role = "name"  # "Allianz Partners": an English plural, the German one is "Partner"
        elif (
            role == "break"
            and lang == "en"
            and text in _RELATION_NAME_WORDS
            # "Joint Venture Entity": the deal, not a name
            and not (index and texts[index - 1].lower() == "joint")
        ):
            following = texts[index + 1] if index < last else None
            if _relation_word_in_name(current, following, lang):
                role = "name"
        if (
            role in _NAME_ROLES
            and lang == "en"
            and index
            and texts[index - 1] == "To"
            and text.lower() in HEADLINE_VERBS_EN
            and title_case()
        ):
            role = "break"  # "TotalEnergies To Buy LNG From X": the infinitive, no name
        if (
            role == "name"
            and current
            and index < last
            and _phrasal_verb(texts[index + 1], lang)
            and title_case()
        ):
            role = "break"  # "Klarna Rolls Out Physical Card": the verb ends the name
        if role not in _NAME_ROLES:
            if current:
                runs.append(current)
                current = []
            continue
        token = (start, end, text, role)
        if (
            current
            and listed
            and _listed_span(listed, current[-1][0]) is not None
            # its legal form stays with it: "1&1 AG"
            and text not in _CLOSING_LEGAL_FORMS
        ):
            runs.append(current)  # a listed name closes its run: "SK On", not "SK On Battery"
            current = [token]
        elif current and _owner_ends(current, text):
            runs.append(current)  # "Hale's Blue Yonder", "Litware's Chips": the owner ends
            current = [token]
        elif current and (
            _joined(view, current[-1][1], start) or (role == "name" and current[-1][2] == "No")
        ):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = [token]
        if ("-" in text and _ROLE_COMPOUND.search(text)) or (
            len(current) > 1 and text in _CLOSING_LEGAL_FORMS
        ):
            # "die Infineon AG Leistungshalbleiter": a legal form closes the name
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    orgs = [_make_org(view, run, lang, title_case) for run in runs]
    if lang == "de":
        _coordinated_names(view, runs, orgs, title_case)
    return [org for org in orgs if org is not None]


_JOINS = ("of", "de", "du", "&")
# a lower-case start, a capital inside and small letters after it: "easyJet", "eToro"
_LOWER_FIRST_BRAND = re.compile(r"[a-z]{1,5}[A-Z][a-zé]")
_NAME_ROLES = ("name", "soft")


def _phrasal_verb(following: str, lang: str) -> bool:
    """The word after a capitalised one is a headline particle ("Rolls Out", "Sets Up")."""
    return lang == "en" and following[0].isupper() and following.casefold() in HEADLINE_PARTICLES_EN


def _listed_span(listed: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The listed name (`IRREGULAR_NAMES`) a word starting at `start` stands in, if any."""
    for span in listed:
        if span[0] <= start < span[1]:
            return span
    return None


class _TitleCase:
    """Whether a sentence is set in title case, counted when first asked: most never ask."""

    __slots__ = ("_value", "_view", "_words")

    def __init__(self, view: str, words: list[str] | None) -> None:
        self._view = view
        self._words = words  # the sentence's words when the caller has them all
        self._value: bool | None = None

    def __call__(self) -> bool:
        if self._value is None:
            words = self._words if self._words is not None else _WORD.findall(self._view)
            self._value = _is_title_case(words)
        return self._value


def _owner_ends(current: list[_Token], text: str) -> bool:
    """After a possessive, a new name starts unless the possessive is a one-word name's own
    ("Margie's Travel"); before a product word it always does ("Litware's Chips"), and so it
    does after a place's ("Japan's Toyota")."""
    owner = current[-1][2]
    if not owner.endswith(("'s", "’s")) or _group_possessive(owner):
        return False
    if len(current) >= 2 or text.lower() in PRODUCT_WORDS_EN:
        return True
    return owner[:-2].lower() in PLACES


@lru_cache(maxsize=8192)
def _group_possessive(word: str) -> bool:
    """ "Children's", "Women's": the possessive of a group of people, which names no owner."""
    return word.endswith(("'s", "’s")) and word[:-2].lower() in GROUP_POSSESSIVES


def _continues_name(current: list[_Token], text: str, following: str | None) -> bool:
    """ "Platforms" after "Meta", "Group's" after "Coles": a common ending of company names,
    right after a name word; "County" after "Allegheny" but not after a place; "Technology"
    where the name ends its phrase (`following` is the next word, None at the end)."""
    if not (
        current
        and any(token[3] == "name" for token in current)  # "Accenture Federal Services"
        and text[0].isupper()
    ):
        return False
    word = _POSSESSIVE_END.sub("", text.lower())
    if word in NAME_TAILS:
        return True
    if word in PUBLIC_BODY_HEADS:
        return not _is_place(org_key(" ".join(token[2] for token in current)))
    if word in CLOSING_NAME_TAILS:
        return following is None or following.lower() in HEADLINE_VERBS_EN
    return False


_POSSESSIVE_END = re.compile(r"['’]s?$")
# Relation words that also make up company names: "Alliance Resource Partners", "Partners
# Group", "Walgreens Boots Alliance", "Venture Global".
_RELATION_NAME_WORDS = frozenset(("Alliance", "Partners", "Venture"))
_VERB_PREPOSITIONS = frozenset("with to on for in at of and".split())


def _relation_word_in_name(current: list[_Token], following: str | None, lang: str) -> bool:
    """A capitalised relation word is part of a name: after a name's words when what follows
    is no preposition that makes it the verb ("Partners With", "Partners To"), no object name
    ("Partners Contoso") but a verb or a lower-case word; before a name's word when it opens
    the run ("Partners Group")."""
    if current:
        if not any(token[3] == "name" for token in current):
            return False
        if following is None:
            return False  # "Form New Shipping Alliance": a headline's last word is the deal
        if following[0].islower():
            return following not in _VERB_PREPOSITIONS
        return following.lower() in HEADLINE_VERBS_EN
    if following is None:
        return False
    if following.lower() in NAME_TAILS or following.lower() in ORG_HEADS:
        return True
    return token_role(following, lang) in _NAME_ROLES and not following.lower().endswith(
        ABSTRACT_NOUN_ENDINGS_EN
    )


def _coordinated_names(
    sentence: str, runs: list[list[_Token]], orgs: list[Org | None], title_case: _TitleCase
) -> None:
    """ "Zalando und Klarna", "Geely sowie Mercedes-Benz", "Die Deutsche Bahn und Siemens
    Mobility": a word or two joined to a name by "und" are a name too, unless one has the
    shape of a German common noun."""
    for index, run in enumerate(runs):
        if orgs[index] is not None or len(run) > 2:
            continue
        if _listed_between_names(sentence, runs, orgs, index):
            # "Siemens Mobility, Stadler und Alstom": a list's middle, names on both sides,
            # is a name whatever its shape
            orgs[index] = _make_org(sentence, run, "de", title_case, german_slot=True)
            continue
        if _looks_like_noun(run[0][2]) or (len(run) == 2 and _looks_like_noun(run[1][2])):
            continue
        for other in (index - 1, index + 1):
            if not 0 <= other < len(runs) or orgs[other] is None:
                continue
            left, right = (runs[other], run) if other < index else (run, runs[other])
            if _COORDINATION_GAP.fullmatch(sentence, left[-1][1], right[0][0]):
                orgs[index] = _make_org(sentence, run, "de", title_case, german_slot=True)
                break


def _listed_between_names(
    sentence: str, runs: list[list[_Token]], orgs: list[Org | None], index: int
) -> bool:
    if not 0 < index < len(runs) - 1 or orgs[index - 1] is None or orgs[index + 1] is None:
        return False
    if runs[index][0][2].lower() in BREAK["de"]:
        return False
    before = _LIST_COMMA.fullmatch(sentence, runs[index - 1][-1][1], runs[index][0][0])
    after = _COORDINATION_GAP.fullmatch(sentence, runs[index][-1][1], runs[index + 1][0][0])
    return before is not None and after is not None


_LIST_COMMA = re.compile(r",\s")
_COORDINATION_GAP = re.compile(r"\s(?:und|sowie|&)\s(?:(?:der|die|das|dem|den)\s)?|,\s")
_NOUN_ENDINGS = tuple(
    "ung ungen heit keit schaft schaften tion tionen sion tät nis nisse ismus ment chen lein ik "
    "ie ien ei en er ern innen te enz tur".split()
)


def _looks_like_noun(word: str) -> bool:
    return word.endswith(_NOUN_ENDINGS) or word.lower() in BREAK["de"]


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
_PRODUCT_CODE = re.compile(r"^[A-Za-z]{1,6}-?\d[\w-]*$|^\d")
# a capitalised word glued to a digit makes a name, no model code: "L3Harris", "7-Eleven";
# a compound of a code and a noun ("R1-Modell", "A350-Flotte") stays a code
_WORD_AFTER_DIGIT = re.compile(r"^\d+-[A-Z][a-z]{2,}$|[A-Za-z]\d+[A-Z][a-z]{2,}")
# what follows a company and no product: its legal form, or a verb of announcing
_COMPANY_AFTER = re.compile(
    r",?\s*(?:Inc|Corp|Ltd|LLC|plc|PLC|AG|SE|N\.V|S\.A)\b|"
    r"\s+(?:today\s+)?(?:announced|announces|said|says|reported|reports)\b"
)

# "a multi-year deal with TF1": in prose the partner slot of a deal noun holds a company, not
# a model; a Title-Case "Alliance With MI355X Deployment" may name the product the deal is for
_DEAL_WITH_BEFORE = re.compile(
    r"\b(?i:" + "|".join(sorted(map(re.escape, DEAL_NOUNS_EN))) + r")\s+with\s+$"
)
_DEAL_WITH_WINDOW = 40


def _company_code(view: str, start: int, end: int) -> bool:
    """A name shaped like a product code that the words around it show to be a company."""
    if _COMPANY_AFTER.match(view, end):
        return True
    return _DEAL_WITH_BEFORE.search(view, max(0, start - _DEAL_WITH_WINDOW), start) is not None


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")


@lru_cache(maxsize=8192)
def token_role(text: str, lang: str) -> str:
    """'name', 'soft' (capitalised adjective), 'join' ('of', '&') or 'break'."""
    lower = text.lower()
    if lower in ("of", "de", "du", "&"):
        return "join"
    if not _is_name_token(text) or (
        _PRODUCT_CODE.match(text) and not _WORD_AFTER_DIGIT.search(text)
    ):
        return "break"
    if lower in SOFT and lang == "en":
        return "soft"
    if lang == "en" and lower.startswith("co-"):
        return "break"  # "Co-Branded", "Co-Develop": a joint act, not a name
    if len(text) >= 2 and text.isupper() and text.isalpha() and text not in CAPS_BREAK:
        return "name"  # AT&T, ESPN, AKNÖ: acronyms are names even where the word is common
    if _PLURAL_ACRONYM.fullmatch(text):
        return "break"  # "GPUs", "ICs", "EVs": things counted, not a company
    # a possessive or a plural of a breaking word breaks too ("Platforms"); a short stem is a
    # word of its own ("Hers" is no plural of "her")
    stem = _POSSESSIVE_END.sub("", lower)
    if stem.endswith("s") and len(stem) > 4:
        stem = stem[:-1]
    # legal forms have no plural: "Corps" is no "Corp"
    if lower in BREAK[lang] or (stem in BREAK[lang] and stem not in LEGAL):
        return "break"
    return "name"


_NUMBER_SIGN = re.compile(r"\.\s?\d")


def _headline_subject_word(texts: list[str], view: str, start: int) -> bool:
    """The capitalised first word of a headline, straight before one of its verbs."""
    return (
        len(texts) > 2
        and texts[0][0].isupper()
        and texts[1].lower() in HEADLINE_DEAL_VERBS_EN
        and _ONLY_QUOTES.fullmatch(view, 0, start) is not None
    )


def _legal_form_follows(texts: list[str], index: int, view: str, end: int) -> bool:
    """A capitalised common word straight before a closing legal form: "Software AG"."""
    return (
        index + 1 < len(texts)
        and texts[index][0].isupper()
        and texts[index + 1] in _CLOSING_LEGAL_FORMS
        and view.startswith(" " + texts[index + 1], end)
    )


def _number_in_name(text: str, current: list[_Token], view: str, end: int) -> bool:
    """A capitalised number word, or a one-digit number that ends its phrase, straight after a
    name word."""
    if current[-1][3] not in _NAME_ROLES or current[-1][1] + 1 != end - len(text):
        return False
    if text[0].isupper():
        return text.lower() in NUMBER_WORDS_EN
    return len(text) == 1 and text.isdigit() and _PHRASE_END.match(view, end) is not None


_PHRASE_END = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:as|and|has|have|is|was|will|said|says)\b")


def _numbered(current: list[_Token], text: str, view: str, end: int) -> bool:
    """'No' before '. 1' after a name, and the number after it."""
    if text == "No":
        return _NUMBER_SIGN.match(view, end) is not None
    return text.isdigit() and current[-1][2] == "No"


def is_title_case(sentence: str) -> bool:
    """Most long words capitalised: a wire headline, where capitals do not mark names."""
    return _is_title_case(_WORD.findall(sentence))


def _is_title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 4:
        return False
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words) > 0.6


def _is_name_token(text: str) -> bool:
    return text[:1].isupper()


def _joined(sentence: str, left_end: int, right_start: int) -> bool:
    gap = sentence[left_end:right_start]
    if gap == ". " and _INITIALS_BEFORE.search(sentence, max(0, left_end - 6), left_end):
        return True  # "J.B. Hunt": initials open the name
    if gap == ". " and _initial_opens_name(sentence, left_end):
        return True  # "B. Braun"
    return (gap.strip() in ("", "&", "/") and "\n" not in gap) and len(gap) < 40


_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]\.?")
_INITIALS_BEFORE = re.compile(r"(?<![\w.])[A-Z]\.[A-Z]$")
_INITIAL = re.compile(r"(?:^|(?P<before>[\w-]+)?(?P<gap>[^\w.]+))[A-Z]$")


def _initial_opens_name(sentence: str, end: int) -> bool:
    """A single capital before ". " opens a name where no name word stands before it ("der
    Medizintechnikkonzern B. Braun", "with B. Braun"); not "John B. Smith" or "Plan B. Then"."""
    match = _INITIAL.search(sentence, max(0, end - 40), end)
    if match is None:
        return False
    before = match.group("before")
    return before is None or before[0].islower() or is_descriptor_de(before)


def _placed_descriptor(token: str) -> bool:
    """ "US-Pharmakonzern", "EU-Autobauer", "China-Start-up": a place and a kind of company."""
    place, _, kind = token.partition("-")
    return (
        bool(kind)
        and _is_place(org_key(place))
        and (is_descriptor_de(kind) or kind.lower() in _START_UPS)
    )


_START_UPS = frozenset(("start-up", "startup"))


def _make_org(
    sentence: str,
    run: list[_Token],
    lang: str,
    title_case: _TitleCase,
    german_slot: bool = False,
) -> Org | None:
    while run and run[-1][2].lower() in _JOINS:
        run = run[:-1]
    if not run or (run[0][3] == "soft" and all(token[3] == "soft" for token in run)):
        return None
    # descriptors inside a run ("PCI Compliance Provider ControlScan"): keep the name after them
    for index in range(len(run) - 2, -1, -1):
        if (
            (
                is_descriptor_de(run[index][2])
                if lang == "de"
                else is_descriptor(run[index][2])
                # "Starlink Rival AST SpaceMobile": a describing word between two names
                or (index > 0 and run[index][2].lower() in DESCRIBING_EN)
                # "Tech Group HP", "Chip Giant Contoso": a kind of group before the name
                or (index > 0 and _group_before_name(run, index))
            )
            and run[index + 1][3] == "name"
            and run[index + 1][2].lower() not in _JOINS  # "Bank of America" is one name
            # "Deutsche Bank AG", "Commerzbank AG": a legal form after the head ends the name
            and not all(token[2].lower().rstrip(".") in LEGAL for token in run[index + 1 :])
        ):
            run = run[index + 1 :]
            break
    if lang == "de" and len(run) == 1 and _placed_descriptor(run[0][2]):
        return None  # "einem US-Pharmakonzern": a kind of company and its country, no name
    if len(run) > 1 and ("'" in sentence or "’" in sentence):
        run = _without_place_owner(sentence, run)  # only an apostrophe makes an owner
    if lang == "de" and len(run) > 1:
        run = _without_trailing_noun(run)
    hyphenated = any("-" in token[2] for token in run)  # the two steps below need a hyphen
    if hyphenated:
        run = [token for token in run if not _dropped_from_run(token[2])]
    # a German noun is capitalised like a name; before a legal form it is one ("Software AG")
    legal_tail = len(run) > 1 and run[-1][2] in _CLOSING_LEGAL_FORMS
    formed = len(run)
    while len(run) > 1 and (
        run[-1][2].lower().rstrip(".") in LEGAL or run[-1][2] in _CAPITAL_LEGAL_FORMS
    ):
        if len(run) == 2 and token_role(run[0][2], "en") == "break":
            break  # "Software AG": without its legal form the name is a common word
        if len(run) == 2 and _INITIALS.fullmatch(run[0][2]):
            break  # "S.F. Holding": initials alone name no one
        run = run[:-1]
    # the words before a legal form are the name's own: "Nordlys Batteries AS", "Coca-Cola
    # Bottling Co."
    formed_name = legal_tail or len(run) < formed or _legal_form_after(sentence, run)
    if (
        lang == "en"
        and run
        and run[-1][2].lower() in PRODUCT_WORDS_EN
        and not formed_name
        and not _acting_subject(sentence, run, title_case)
    ):
        run = _without_products(run)
    if lang == "en" and len(run) > 2 and title_case():
        run = _before_product(sentence, run)
    if len(run) > 1 and not formed_name and _activity_after_name(run) and title_case():
        run = run[:-1]  # "Salvation Army Fundraising": what the organisation does
    if lang == "en" and run and _facility(run) and title_case():
        return None  # "Opens Battery Lab": a facility, no organisation
    if len(run) > 2 and run[-1][2].isupper() and run[-2][2].lower() in ORG_HEADS and title_case():
        run = run[:-1]  # "Stanford University CRISPR Patents": the head ends the name
    if not run:
        return None
    start, end = run[0][0], run[-1][1]
    tokens = [token[2] for token in run]
    glue = [_glue(sentence[a[1] : b[0]]) for a, b in pairwise(run)] if len(run) > 1 else []
    possessive = False
    if tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
        possessive = True
    elif _POSSESSIVE_AFTER.match(sentence, end, end + 6):
        possessive = True
    if (
        lang == "de"
        and len(tokens) == 2
        and tokens[0].endswith("er")
        and tokens[1].endswith(_COMPANY_COMPOUNDS[:4])
    ):
        # "der Darmstädter Merck-Konzern": the town's adjective describes the company
        tokens, glue, start = tokens[1:], [], run[1][0]
    if hyphenated:
        tokens = [_without_compound_head(token) if "-" in token else token for token in tokens]
    if lang == "de" and len(tokens) > 1 and _german_genitive(sentence, run[0][1], tokens[0]):
        tokens, glue, end = tokens[:1], [], run[0][1]  # "Alibabas Qwen-Modell"
    if lang == "de" and _german_genitive(sentence, end, tokens[-1]):
        tokens[-1] = tokens[-1][:-1]
        possessive = True
    if (
        lang == "de"
        and len(tokens) > 1
        and tokens[0].endswith(_ADJECTIVE_OBLIQUE_ENDINGS)
        and _FEMININE_OBLIQUE_BEFORE.search(sentence, max(0, start - 5), start)
    ):
        # "mit der Deutschen Bahn": the name as written in its base form, "Deutsche Bahn"
        tokens[0] = tokens[0][:-1]
    name = tokens[0]
    if glue:
        name += "".join(g + t for g, t in zip(glue, tokens[1:], strict=True))
    if "&" in name:
        name = _AMPERSAND_INITIALS.sub(r"\1&\2", name)
    if lang == "en" and any(token.lower() in GOVERNMENT_HEADS for token in tokens):
        country = _COUNTRY_BEFORE.search(sentence, max(0, start - 6), start)
        if country is not None:  # "U.S. Air Force": the abbreviation is part of the name
            start, name = country.start(), f"{country.group(1)} {name}"
    key = org_key(name)
    if not key:
        return None
    # the last word before the name, read by the German and the person tests
    preceding = sentence[max(0, start - 40) : start].rsplit(None, 1) if start else []
    previous = preceding[-1] if preceding else ""
    # the tests below only reject, so their order is free: German common nouns, the most
    # frequent rejects, fail first
    if lang == "de" and not (
        german_slot or legal_tail or _german_org_like(sentence, start, end, tokens, key, previous)
    ):
        return None
    if _is_place(key):
        return None
    if _PLACE_BASED_AFTER.match(sentence, end, end + 40):
        return None  # "The Redmond, Washington-based company": a place
    if _is_person(sentence, end, tokens, previous):
        return None
    if lang == "en" and not _english_org_like(sentence, start, tokens, key, title_case):
        return None
    if lang == "en" and len(tokens) > 1 and _described_kind(tokens):
        return None
    if lang == "en" and all(_is_deal_word(token.lower()) for token in tokens):
        return None  # "Announce Multi-Year Content Deal": the deal's kind, no name
    if _GENERIC_FOLLOWER.match(sentence, end, end + 20) and title_case():
        return None  # "Hires Law Firm": a description, not a name
    return Org(start, end, name, key, possessive)


# "der" before a name whose adjective ends in "-en" marks the feminine dative or genitive
# ("mit der Technischen Universität"), whose base form ends in "-e"
_FEMININE_OBLIQUE_BEFORE = re.compile(r"\bder\s$")
_ADJECTIVE_OBLIQUE_ENDINGS = ("ischen", "schen", "lichen", "alen", "eien", "ären")


def _without_place_owner(sentence: str, run: list[_Token]) -> list[_Token]:
    """ "Britain's National Health Service", "South Korea's LG Energy Solution": the country
    that owns the name is no part of it; a company's product is no name of its own."""
    for index, token in enumerate(run[:-1]):
        if token[2].endswith(("'s", "’s")):
            owner = org_key(" ".join(t[2] for t in run[:index]) + " " + token[2][:-2])
            if _is_place(owner):
                return run[index + 1 :]
            unit = org_key(" ".join(t[2] for t in run[index + 1 :]))
            if unit in COMPANY_UNITS:
                return run[index + 1 :]  # "Alphabet's Waymo": a company of its own
            # "Anthropic's Claude models", "Halvik's Zen chips": the owner, not its product
            if owner in KNOWN:
                return run[: index + 1]
            following = _NEXT_WORD.match(sentence, run[-1][1])
            if following is not None and following.group(1).lower() in PRODUCT_WORDS_EN:
                return run[: index + 1]
            return run
    return run


# the countries whose abbreviation ends the name of a company's unit there ("T-Mobile US")
_COUNTRY_UNITS = frozenset(("US", "UK"))


def _unit_acts(view: str, end: int, following: str | None) -> bool:
    """The verb of a subject straight after a country's abbreviation: "Contoso UK has signed",
    "Contoso US Selects"."""
    if following is not None and following.lower() in HEADLINE_VERBS_EN:
        return True
    return _SUBJECT_VERB_AFTER.match(view, end) is not None


def _acting_subject(sentence: str, run: list[_Token], title_case: _TitleCase) -> bool:
    """ "MTU Aero Engines signed", "Contoso Devices has agreed": in prose a product does not
    sign or agree, and prose writes a product word in lower case, so a capitalised one before
    such a verb is the name's own."""
    return (
        len(run) > 1
        and _SUBJECT_VERB_AFTER.match(sentence, run[-1][1]) is not None
        and not title_case()
    )


_SUBJECT_VERB_AFTER = re.compile(
    r",?\s+(?:has|have|said|says|signed|agreed|announced|entered|today|teamed|partnered|"
    r"selected|chose|won)\b"
)


def _legal_form_after(sentence: str, run: list[_Token]) -> bool:
    """A legal form right after the run, which the run left out: "Contoso Bottling Co."."""
    following = _NEXT_WORD.match(sentence, run[-1][1]) if run else None
    return following is not None and following.group(1).lower() in LEGAL


def _group_before_name(run: list[_Token], index: int) -> bool:
    """ "Group" or "Giant" inside a run, with a name after it that ends in no company word of
    its own: "Tech Group HP" names HP; "Contoso Group Holdings" is one name."""
    return run[index][2].lower() in _GROUP_WORDS and not any(
        _POSSESSIVE_END.sub("", token[2].lower()).rstrip(".") in _ORG_ENDINGS
        or token[2] in _CAPITAL_LEGAL_FORMS
        for token in run[index + 1 :]
    )


_GROUP_WORDS = frozenset(("group", "giant"))


def _facility(run: list[_Token]) -> bool:
    """A facility noun after nothing but product words, kinds of work and abstract nouns."""
    if run[-1][2].lower() not in FACILITY_NOUNS_EN:
        return False
    return all(
        word in PRODUCT_WORDS_EN
        or word in DEAL_KINDS_EN
        or word.endswith(ABSTRACT_NOUN_ENDINGS_EN)
        or word in FACILITY_NOUNS_EN
        for word in (token[2].lower() for token in run[:-1])
    )


def _activity_after_name(run: list[_Token]) -> bool:
    """A run that ends in an -ing word of no industry after a name word: "Tempus AI
    Sequencing", not "Contoso Mining"."""
    last = run[-1][2]
    lower = last.lower()
    return (
        len(lower) > 6
        and lower.endswith("ing")
        and last[1:].islower()
        and run[-2][3] == "name"
        and run[-2][2].lower() not in _JOINS
        and lower not in INDUSTRY_GERUNDS_EN
        and lower not in KNOWN
        and lower not in PLACES
    )


def _without_trailing_noun(run: list[_Token]) -> list[_Token]:
    """ "die Morphosys Meilensteinzahlungen einbringen": a German common noun straight after a
    name is the object that follows it, not part of the name; after an inflected adjective
    ("Deutsche Rentenversicherung") and as an organisation's head it belongs to the name."""
    for index in range(1, len(run)):
        word = run[index][2].lower()
        before = run[index - 1][2].lower()
        if (
            word.endswith(_OBJECT_NOUN_ENDINGS)
            and word not in ORG_HEADS
            and not before.endswith(_ADJECTIVE_ENDINGS_DE)
        ):
            return run[:index]
    return run


# Endings that only German common nouns have; "-schaft" and "-tät" also head names
# ("Gesellschaft", "Universität") and are left out.
_OBJECT_NOUN_ENDINGS = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "nisse")
_ADJECTIVE_ENDINGS_DE = ("e", "en", "er", "es", "em")


def _without_products(run: list[_Token]) -> list[_Token]:
    """'OpenAI Models' -> 'OpenAI'; 'New Model', 'Open-Source Model' -> nothing."""
    while run and run[-1][2].lower() in PRODUCT_WORDS_EN:
        run = run[:-1]
    if all(token[3] == "soft" or token[2].lower() in PRODUCT_WORDS_EN for token in run):
        return []
    return run


def _before_product(sentence: str, run: list[_Token]) -> list[_Token]:
    """ "Zealand Pharma Obesity Drug": in a Title-Case headline, before a product word the
    words after the maker's head say what the product is for; an owner's possessive ("LG
    Energy Solution's Batteries") ends the name itself."""
    if run[-1][2].endswith(("'s", "’s")):
        return run
    following = _NEXT_WORD.match(sentence, run[-1][1])
    if following is None or following.group(1).lower() not in PRODUCT_WORDS_EN:
        return run
    for index in range(len(run) - 2, 0, -1):
        if run[index][2].lower() in _ORG_ENDINGS:
            return run[: index + 1]
    return run


def _glue(gap: str) -> str:
    stripped = gap.strip()
    if stripped == ".":
        return ". "  # "J.B. Hunt"
    return f" {stripped} " if stripped == "&" else stripped or " "


def _english_org_like(
    sentence: str, start: int, tokens: list[str], key: str, title_case: _TitleCase
) -> bool:
    if len(key) < 2:
        return False
    if len(tokens) == 1 and key not in KNOWN and tokens[0].lower().endswith(("ly", "ing", "ed")):
        if _OBJECT_SLOT.search(sentence, max(0, start - 6), start):
            return True  # "By Orsted", "With Linked": the object of a preposition, not a verb
        if _LISTED_AFTER.match(sentence, start + len(tokens[0])):
            return True  # "Wolfspeed, Renesas and ZF Form ...": the first of names joined
        following = _FOLLOWING_WORD.match(sentence, start + len(tokens[0]))
        if following is not None and (
            following.group(1).lower() in HEADLINE_VERBS_EN
            or following.group(1).lower() in _AUXILIARIES
        ):
            return True  # "Lumired Taps X", "Lumired has teamed up": a subject before its verb
        at_start = _ONLY_QUOTES.fullmatch(sentence, 0, start) is not None
        if at_start or title_case():
            return False
    if key in KNOWN or not title_case():
        return True
    # In Title Case every word has a capital: a counted thing ("4,000 Jobs", "$150 Million
    # Upfront"), a verb after a pronoun or modal ("It Restructures") and a one-word abstract
    # noun ("Deployment") are no names.
    if len(tokens) > 1:
        return True
    if _COUNT_BEFORE.search(sentence, max(0, start - 12), start) and not _DEAL_NOUN_AFTER.match(
        sentence, start + len(tokens[0])
    ):
        return False
    if _SUBJECT_BEFORE.search(sentence, max(0, start - 8), start):
        return False
    return not tokens[0].lower().endswith(ABSTRACT_NOUN_ENDINGS_EN)


def _is_deal_word(word: str) -> bool:
    """A word that says what kind of deal it is: "Supply", "Multi-Year", "5-Year"."""
    if word in DEAL_KINDS_EN or word in _DEAL_QUALIFIERS:
        return True
    return word.endswith("-year") and word[:-5].isdigit()


_DEAL_QUALIFIERS = frozenset("multi-year multiyear long-term licensing licencing".split())


def _described_kind(tokens: list[str]) -> bool:
    """ "German Automaker", "European Regulators", "Leading Global Bank": nationalities before
    a kind of company or a plural noun, and describing words before anything, describe
    companies and name none."""
    first = tokens[0].lower()
    if first not in DESCRIPTIVE_EN and first not in SOFT:
        return False  # most names: their first word describes nothing
    leading = [token.lower() for token in tokens[:-1]]
    if not all(word in DESCRIPTIVE_EN or word in SOFT for word in leading):
        return False
    if any(word in DESCRIBING_EN for word in leading):
        return True  # "Leading Global Bank", "Small Businesses"
    if not all(word in NATIONALITIES_EN for word in leading):
        return False
    last = tokens[-1].lower()
    if last in ORG_HEADS or last in NAME_TAILS or last in LEGAL:
        return False  # "American Airlines", "Korean Air Lines"
    if is_descriptor(last):
        return True
    return len(last) > 4 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


_ONLY_QUOTES = re.compile(r"[ \"'`]*")
_COUNT_BEFORE = re.compile(r"(?:\d|\b(?:[Mm]illion|[Bb]illion|[Tt]housand))\s+$")
_SUBJECT_BEFORE = re.compile(
    r"\b(?:It|They|He|She|We|Will|Would|Could|Can|May|Might|Should|Must)\s+$"
)
# the awarder between a contract's worth and its noun: "Wins $300 Million Navy Contract"
_DEAL_NOUN_AFTER = re.compile(r"\s+(?:Contract|Deal|Agreement|Pact)s?\b")
_FOLLOWING_WORD = re.compile(r"\s+([A-Za-z]+)\b")
_AUXILIARIES = frozenset("has have had is was will would said says".split())
_LISTED_AFTER = re.compile(
    r",\s[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*)?(?:,|\s(?:and|And|&)\s)|"
    # prose joins two names with a small "and": "Orsted and Equinor have agreed"
    r"\s(?:and|&)\s[A-Z]"
)
_OBJECT_SLOT = re.compile(r"\b(?:[Bb]y|[Ww]ith|[Ff]rom)\s+$")


def _german_genitive(sentence: str, end: int, token: str) -> bool:
    """'Alibabas Qwen-Modell', 'Dialogs Vereinbarungen'."""
    if not token.endswith("s") or token.endswith("ss") or len(token) < 4:
        return False
    if token.lower() in NAME_TAILS or token.lower() in ORG_HEADS:
        return False  # "Tessaro Motors vereinbaren": a name's ending, no genitive
    if token.casefold() in KNOWN:
        return False  # "dass er mit Novartis eine Partnerschaft eingeht": the name as known
    follower = _GENITIVE_FOLLOWER.match(sentence[end : end + 30])
    if not follower or follower.group(1) in _ARTICLES:
        return False  # a genitive name stands in the article's place, never before one
    base = token[:-1].casefold()
    if base in KNOWN or base.endswith(("a", "e", "i", "o", "u")):
        return True
    return _adjective_genitive(sentence, end, token)


def _adjective_genitive(sentence: str, end: int, token: str) -> bool:
    """ "auf Deepseeks offenem R1-Modell", "Litwares neue Plattform": a name in the genitive
    takes the article's place before an inflected adjective and its noun. Names whose "s"
    follows a vowel, "y" or "s" ("Novartis", "Airbus", "Morphosys") and known names keep it."""
    return (
        len(token) > 4
        and token[-2].lower() not in "aeiouys"
        and token.casefold() not in KNOWN
        and _ADJECTIVE_NOUN_AFTER.match(sentence, end) is not None
    )


_ADJECTIVE_NOUN_AFTER = re.compile(r"\s[a-zäöüß]+e[nmrs]?\s[A-ZÄÖÜ]")


@lru_cache(maxsize=8192)
def org_key(name: str) -> str:
    key = _KEY_NOISE.sub(" ", name.casefold())
    return " ".join(key.split())


@lru_cache(maxsize=8192)
def _is_place(key: str) -> bool:
    return all(part in PLACES for part in key.split()) or key in PLACES


def key_is_public_figure(tokens: list[str]) -> bool:
    return any(token.lower() in PUBLIC_FIGURES for token in tokens)


def _is_person(sentence: str, end: int, tokens: list[str], previous: str) -> bool:
    """`previous`: the word before the name ("" for none); only it is read."""
    if len(tokens) > 3:
        return False
    if tokens[-1].lower() in _ORG_ENDINGS:
        return False  # "Amazon Web Services said": the name's last word is a company's
    if len(tokens) == 1:
        if previous and is_role(previous.strip(",")):
            return True
        return tokens[0].lower() in PUBLIC_FIGURES
    if tokens[0].lower() in FIRST_NAMES:
        return True
    role_after = _ROLE_AFTER.match(sentence, end) if sentence.startswith(",", end) else None
    if role_after is not None and role_after.group(1).lower() in _TITLES:
        return True  # "said Jane Doe, CEO of Contoso": a title after the name
    if previous and is_role(previous.strip(",").split("-")[-1]):
        return True
    if key_is_public_figure(tokens):
        return True
    return _PERSON_AFTER.match(sentence, end) is not None and not _ORG_REPORTS.match(sentence, end)


_ORG_ENDINGS = ORG_HEADS | NAME_TAILS | LEGAL
_TITLES = frozenset(ROLE_ENDINGS)
_ROLE_AFTER = re.compile(r",\s+(?:(?:the|its|a|an)\s+)?(?:[a-z-]+\s+)?([A-Za-z-]+)\b")
# legal forms that are common words in lower case ("as", "oy"): only as written in capitals
_CAPITAL_LEGAL_FORMS = frozenset("AS Oy".split())
_CLOSING_LEGAL_FORMS = (
    frozenset("AG SE GmbH KGaA Inc Inc. Corp Corp. plc PLC Ltd Ltd. LLC SpA".split())
    | _CAPITAL_LEGAL_FORMS
)
# what the first part of a compound is: a company ("der Tata-Konzern") or a listed one whose
# share it names ("die Contoso-Aktie")
_COMPANY_COMPOUNDS = (
    "-Konzern",
    "-Konzerns",
    "-Gruppe",
    "-Unternehmen",
    "-Unternehmens",
    "-Aktie",
)


def _german_org_like(
    sentence: str, start: int, end: int, tokens: list[str], key: str, previous: str
) -> bool:
    """German capitalises every noun, so a capital alone does not make a name. `previous` is
    the word before the name ("" for none)."""
    if key in KNOWN or tokens[0].casefold() in KNOWN:
        return True
    if len(tokens) > 1 and tokens[0].endswith(("en", "er", "es")):
        base = tokens[0][:-1].casefold() + key[len(tokens[0]) :]
        if base in KNOWN:
            return True  # "der Deutschen Telekom": an inflected adjective of a known name
    for token in tokens:
        core = token.replace("-", "")
        if len(core) <= 12 and _inner_capitals(token) >= 2:
            return True  # ESPN, AKNÖ, AbbVie, TeamViewer
    if len(tokens) >= 2 and not ORG_HEADS.isdisjoint(
        part.lower() for token in tokens for part in token.split("-")
    ):
        return True
    if len(tokens) == 2 and tokens[0].lower().endswith(_COMPOUND_ORG_HEADS):
        return True  # "Universitätsklinikum Essen": a compound headed by an organisation
    if previous and is_descriptor_de(previous):
        return True
    if sentence.endswith(_COMPANY_COMPOUNDS, start, end):
        return True  # "der Tata-Konzern": the compound says what the first part is
    if len(tokens) == 1 and "-" in tokens[0] and _ends_in_org_head(tokens[0]):
        return True  # "die Sparkassen-Finanzgruppe": a compound headed by an organisation
    # the counterpart of a partnership noun: "Allianz mit Maersk", "arbeitet mit Ericsson zusammen"
    if (
        start <= _FRONTED_REACH
        and len(tokens) == 1
        and _FRONTED_PARTNER_AND_VERB.fullmatch(sentence, 0, start)
    ):
        return True  # "Gemeinsam mit X baut Litware ...": the subject right after the verb
    # a place's adjective and a noun make a name ("der Deutschen Flugsicherung"); else a noun
    # in the run makes a common phrase
    place_named = len(tokens) == 2 and _place_adjective_de(tokens[0])
    if len(tokens) > 2 or (not place_named and any(map(_looks_like_noun, tokens))):
        return False
    if (
        place_named
        and tokens[0].endswith("e")
        and (
            previous in ("Die", "Der", "Das")
            # a headline leaves the article out; a kind of firm would be plural: "Deutsche
            # Autobauer setzen auf"
            or (not previous and not _looks_like_noun(tokens[1]))
        )
        and _VERB_AFTER.match(sentence, end)
    ):
        return True  # "Die Deutsche Bahn beauftragt": a place's name as a subject
    if _PAPER_PARTY.search(sentence, max(0, start - 12), start) and _AGREEMENT_AFTER.match(
        sentence, end
    ):
        return True  # "hat von der Bundeswehr einen Rahmenvertrag erhalten"
    if _OPENING_ARTICLE.fullmatch(sentence, 0, start) and _PERFECT_WITH_PARTNER.match(
        sentence, end
    ):
        return True  # "Die Deutsche Bahn hat mit X einen Vertrag geschlossen"
    if len(tokens) == 2:
        if _common_adjective_de(tokens[0]):
            return False  # "setzt auf Künstliche Intelligenz": an adjective and its noun
        # "auf die KI-Plattform von Aleph Alpha": a two-word name in the counterpart's slot
        return _in_partner_slot(sentence, start)
    if _in_partner_slot(sentence, start):
        return True
    if sentence.startswith(" als ", end) and _AS_PARTNER_AFTER.match(sentence, end):
        return True  # "holt sich Litware als Partner an Bord"
    if (
        previous
        and sentence[end - 1] == "s"
        and not tokens[-1].endswith("s")
        and _ADJECTIVE_NOUN_AFTER.match(sentence, end)
    ):
        return True  # "auf Deepseeks offenem Modell": a genitive name takes the article's place
    if (not previous or _FOCUS_PARTICLE.fullmatch(sentence, 0, start)) and _VERB_AFTER.match(
        sentence, end
    ):
        # a bare word opening the sentence before its verb: "Litware kooperiert", also after a
        # particle that only stresses it: "Auch Litware setzt auf"
        return True
    if (
        start <= _FRONTED_REACH
        and _PARTNER_PHRASE_AFTER.match(sentence, end)
        and _ADVERB_AND_VERB.fullmatch(sentence, 0, start)
    ):
        return True  # "Zudem arbeitet Litware mit ...": the subject after an opening adverb
    if previous != "mit":
        return False
    # "arbeitet mit X zusammen", "hat mit X eine Vereinbarung geschlossen"
    return (
        _TOGETHER_AFTER.match(sentence, end) is not None
        or _AGREEMENT_AFTER.match(sentence, end) is not None
    )


def _inner_capitals(token: str) -> int:
    """The capitals of a word, a compound's parts that are plain nouns ("Elektro-Lkw",
    "Hybrid-Bonder") counting one between them: their capitals only open the parts."""
    parts = token.split("-")
    if len(parts) > 1 and all(part[:1].isupper() and part[1:].islower() for part in parts):
        return 1
    return sum(map(str.isupper, token))


def _ends_in_org_head(token: str) -> bool:
    """ "Sparkassen-Finanzgruppe", "Raiffeisen-Bankengruppe": the last part of a hyphenated
    compound ends in an organisation's head."""
    last = token.rsplit("-", 1)[-1].lower()
    return len(last) > 3 and last.endswith(_COMPOUND_ORG_HEADS)


_COMPOUND_ORG_HEADS = tuple(head for head in ORG_HEADS if len(head) >= 4)


def _place_adjective_de(word: str) -> bool:
    """ "Deutschen", "Bayerischen": an inflected adjective of a place, as names open with
    ("der Deutschen Bahn"); it ends like a noun but is none."""
    lower = word.lower()
    return len(lower) > 6 and lower.endswith(("schen", "scher", "sches", "schem", "sche"))


def _common_adjective_de(word: str) -> bool:
    """ "Künstliche", "Erneuerbare", "Digitale": an inflected adjective that opens a noun
    phrase. Names open with adjectives of places ("Deutsche", "Europäische", "Bayerische")."""
    lower = word.lower()
    for ending in ("en", "er", "es", "em", "e"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return not lower[: -len(ending)].endswith("sch")
    return False


# The slots a partnership gives its counterpart: "Allianz mit X", "kooperiert mit X",
# "setzt auf X", "setzt auf KI von X", "Lizenz von X", "Auftrag der X".
_PARTNER_SLOT_BEFORE = re.compile(
    r"(?:(?:[Kk]ooperation|[Pp]artnerschaft|Allianz|[Zz]usammenarbeit|Venture|[Vv]ertrag|"
    r"[Vv]ereinbarung|"
    r"[Aa]bkommen|Gemeinschaftsunternehmen)s?\s(?:mit|zwischen|von)|"
    r"\b(?:kooperier|arbeite)\w*\s(?:[\w-]+\s){0,6}?mit|\b(?:Zusammen|Gemeinsam)\smit|"
    r"\bsetz(?:t|en)\s(?:[\w-]+\s){0,7}?auf(?:(?:\s(?:die|der|das|den|dem))?\s[\w-]+\svon)?|"
    r"(?:Lizenz|[Aa]uftrag|Zuschlag|Liefervertrag)\w*\s(?:von|vom|der|des|an|mit)|"
    r"\bliefer\w*\s(?:[\w-]+\s){0,4}?an|\blizenzier\w*\s(?:[\w-]+\s){0,4}?(?:an|von)|"
    r"\bbeauftrag\w*|\bwähl\w*|"
    # the one a contract or licence is given to: "vergibt einen Auftrag für Kabinen an X"
    r"\bverg(?:ibt|ab|eben)\s(?:[\w-]+\s){0,10}?an|"
    # the maker of what is used: "nutzt ... die KI-Modelle von X"
    r"\bentschei\w*\s+sich\s(?:[\w-]+\s){0,6}?für|\bsich\sfür\s(?:[\w-]+\s){0,4}?(?:von|vom)|"
    r"\b(?:nutz|bau|greif|bezieh|bezog|vertreib)\w*\s(?:[\w-]+\s){0,8}?(?:von|vom))\s"
    r"(?:(?:der|dem|den|des|die)\s)?$"
)
# Every match of _PARTNER_SLOT_BEFORE ends with one of these words, written whole after a
# white space, or with a word holding one of the stems; perhaps an article after it; and one
# white space.
_PARTNER_SLOT_LAST_WORDS = frozenset("mit zwischen von vom auf der des an für".split())
_PARTNER_SLOT_LAST_STEMS = ("beauftrag", "wähl")
_PARTNER_SLOT_ARTICLES = frozenset(("der", "dem", "den", "des", "die"))
_PARTNER_SLOT_REACH = 80


def _in_partner_slot(sentence: str, start: int) -> bool:
    """Whether the name at `start` stands in a partnership's slot for its counterpart
    (`_PARTNER_SLOT_BEFORE` ends within reach before it). The pattern, tried at every place of
    the reach, is searched only where the last words before the name end as its matches do."""
    reach = max(0, start - _PARTNER_SLOT_REACH)
    words = sentence[reach:start].split()[-2:]
    if not words:
        return False
    # the last word, and the one before it where the last is an article
    last_words = words if words[-1] in _PARTNER_SLOT_ARTICLES else words[-1:]
    for word in last_words:
        if word in _PARTNER_SLOT_LAST_WORDS or any(
            map(word.__contains__, _PARTNER_SLOT_LAST_STEMS)
        ):
            return _PARTNER_SLOT_BEFORE.search(sentence, reach, start) is not None
    return False


# a lower-case verb straight after the name: "kooperiert", "setzt", "erhält"
_VERB_AFTER = re.compile(
    r"\s(?:und\s|sowie\s)?(?:(?:[A-ZÄÖÜ][\w-]*\s){1,2}(?=[a-zäöüß]+(?:en|eln|ern)\b))?"
    # words ending like a verb that are none: "Gemeinsam mit X", "Zuletzt nicht"
    r"(?!(?:mit|seit|nicht|bereits|erst|jetzt)\b)[a-zäöüß]+(?:t|en|eln|ern)\b"
)
_TOGETHER_AFTER = re.compile(r"\szusammen\b")
# "holt sich X als Partner", "ist von X als Lieferant des Jahres ausgezeichnet worden"
_AS_PARTNER_AFTER = re.compile(rf"\sals\s(?:[\w-]+\s){{0,2}}?{AS_PARTNER_ROLES_DE}\b")
# German puts the subject after the verb when an adverb opens the clause; with no article
# before it, a capitalised word there is a name
_ADVERB_AND_VERB = re.compile(
    r"[\s\"„]*(?:"
    + "|".join(sorted(ADVERBS_DE, key=len, reverse=True))
    # a source: "Nach Informationen des Handelsblatts arbeitet X ..."
    + r"|(?:nach\s+(?:angaben|informationen|berichten)|laut)\s+(?:(?:des|der|dem|von|vom)\s+)?"
    r"[\w-]+(?:\s[\w-]+)?"
    # a time: "Seit 2021 kooperiert X", "Bereits im Mai hatte X"
    r"|(?:bereits\s+|schon\s+)?(?:im|am|seit|ab|anfang|ende|mitte)\s+[\w-]+(?:\s[\w-]+)?)"
    r"\s[a-zäöüß]{3,}te?\s",
    re.IGNORECASE,
)
_FOCUS_PARTICLE = re.compile(r"[\s\"„]*(?:Auch|Selbst|Sogar|Nur|Nun\s+auch)\s")
# the partner fronted before the verb, the subject after it: "Gemeinsam mit X baut ..."
_FRONTED_PARTNER_AND_VERB = re.compile(
    r"[\s\"„]*(?:Zusammen|Gemeinsam)\s+mit\s+(?:(?:der|dem|den)\s+)?(?:[A-ZÄÖÜ][\w&.'-]*\s+){1,4}?"
    r"[a-zäöüß]{3,}\s(?:(?:die|der|das)\s)?"
)
# how far into a sentence an opening adverb or source and its verb reach
_FRONTED_REACH = 80
_PARTNER_PHRASE_AFTER = re.compile(
    r"\s(?:mit|auf|bei|künftig|nun|jetzt|zusammen|ab|seit|bereits|schon|weiterhin|eng|"
    r"eine[nmr]?|ein)\s"
)
# the partner named before the paper both sign, and the subject that opens such a clause
_PAPER_PARTY = re.compile(r"\b(?:mit|von|vom)\s(?:(?:der|dem|den)\s)?$")
_OPENING_ARTICLE = re.compile(r"[\s\"„]*(?:Die|Der|Das)\s")
_PERFECT_WITH_PARTNER = re.compile(r"\s(?:hat|haben|hatte|hatten)\s(?:mit|von|vom)\s")
_AGREEMENT_AFTER = re.compile(
    r"\s(?:eine[nmrs]?|ein|die|das|den)\s(?:[\w-]+\s){0,2}?[\w-]*(?:[Vv]ereinbarung|[Vv]ertrag|"
    r"[Kk]ooperation|[Pp]artnerschaft|[Zz]usammenarbeit|Allianz|[Aa]bkommen|Gemeinschaftsunternehmen|"
    # "hat von X einen Auftrag erhalten": the paper an awarder gives
    r"[Aa]uftrag|Zuschlag|Lizenz)"
)
