"""Base forms of company and broker names as the text wrote them.

"Alibabas" -> "Alibaba", "Springer-Aktie" -> "Springer", "Deutschen Bank" -> "Deutsche Bank",
"Agilent Technologies, Inc. Common Stock" -> "Agilent Technologies", "Apple (AAPL)" -> "Apple".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .companies import COMPANY_TABLE
from .data_files import data_lines

_TICKER_PARENS_RE = re.compile(
    r"\s*\((?:(?:NYSE|NASDAQ|Nasdaq|NYSEAMERICAN|AMEX|OTC|OTCBB|TSX|LSE|ETR|XETRA)\s*:\s*)?"
    r"[A-Z][A-Z0-9.\-]{0,6}(?:\s*,\s*[A-Z][A-Z0-9.\-]{0,6})*\)"
)
_COMPOUND_RE = re.compile(
    r"-(?:Aktien?|Papiere?|Titel|Anteilsscheine|Kursziel|Ziel|Rating|Vorzugsaktien?)$"
)
_LEGAL_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|[Pp]lc\.?|PLC\.?|Common Stock|Ordinary Shares|"
    r"Class [A-C] Shares?|W/I|AG|SE|NV|SA)"
    r"|,\s+(?:Ltd\.|L\.L\.C\.|LLC)|\s+-\s+Common Stock)+$"
)
_TRAILING_CLAUSE_RE = re.compile(
    r"\s+(?:nach|vor|wegen|trotz|nun|erneut|weiter|bei|im|in|zum|zur|ab|seit)\s.*$"
    r"|\s+(?:nach|vor)\s*$"
)
_GERMAN_ADJECTIVE_RE = re.compile(r"^(Deutsch|Münchener|Hannover)(?:en|er)\b")
_QUOTES = "'\"‘’“”„«»`"
# "on SAP.", "upgraded IBM.": a name in capitals at a sentence's end, its full stop no part of
# it (an abbreviation's stop follows a lower-case letter or one capital: "Co.", "U.S.")
_CAPITALS_STOP_RE = re.compile(r"(?<![\w.])(?P<name>[A-Z][A-Z0-9&-]+)\.$")
# "on Tesco.": a word that is no abbreviation ends the sentence with its stop; one with a stop
# inside it ("U.S.", "N.V.") or a lone capital ("J.") keeps it
_WORD_STOP_RE = re.compile(r"(?<![\w.])(?P<word>[A-Z][a-z][\w&'-]*)\.$")
_ABBREVIATIONS = frozenset(data_lines("name_abbreviations.txt"))


def single_spaced(text: str) -> str:
    """`text` with each run of white space made one space and none at either end, as
    `" ".join(text.split())` gives it. Most texts already are: when the only white space a
    text holds is plain spaces (every other white space character is unprintable), no two
    stand together and none at an end, the join would rebuild the same string."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


@lru_cache(maxsize=4096)  # the same names come back in item after item
def company_base(raw: str, lang: str) -> str:
    """The company name as written, reduced to its base form; '' when nothing is left."""
    name = single_spaced(raw).strip(_QUOTES + " ,;:-")
    if not name:
        return ""
    # Each pattern runs only where what all its matches hold is there: "(", a space, "-", the
    # capital it starts with (the name is single-spaced here).
    if "(" in name:
        name = _TICKER_PARENS_RE.sub("", name)
    if lang == "de":
        if " " in name:
            name = _TRAILING_CLAUSE_RE.sub("", name)
        if "-" in name:
            name = _COMPOUND_RE.sub("", name)
        if name[:1] in ("D", "M", "H"):
            name = _GERMAN_ADJECTIVE_RE.sub(r"\1e", name)
        name = without_genitive(name)
    else:
        if " " in name:
            name = _collapse_repeat(_LEGAL_SUFFIX_RE.sub("", name))
        if name.endswith("'s") and name[:-2] in COMPANY_TABLE:
            name = name[:-2]
        if name.endswith("."):
            name = _CAPITALS_STOP_RE.sub(r"\g<name>", name)
            stop = _WORD_STOP_RE.search(name)
            if stop is not None and stop.group("word") not in _ABBREVIATIONS:
                name = name[:-1]
    return name.strip(_QUOTES + " ,;:-")


def compound_company(word: str) -> str:
    """'Pfeiffer-Vacuum' from the compound 'Pfeiffer-Vacuum-Ziel' reads 'Pfeiffer Vacuum'."""
    if "-" not in word or word in COMPANY_TABLE:
        return word
    parts = word.split("-")
    return " ".join(parts) if all(part[:1].isupper() for part in parts) else word


def without_genitive(name: str) -> str:
    """German genitive 's' on a known company: 'Alibabas' -> 'Alibaba'."""
    if name.endswith("s") and len(name) > 3 and name not in COMPANY_TABLE:
        stem = name[:-1]
        if stem in COMPANY_TABLE:
            return stem
    return name


def _collapse_repeat(name: str) -> str:
    """Feeds sometimes write a name twice ('Acme Inc Acme Inc'); keep it once."""
    words = name.split()
    if not words or words[0] not in words[1:]:
        return name  # both halves would start with the first word
    for cut in range(1, len(words)):
        first = _LEGAL_SUFFIX_RE.sub("", " ".join(words[:cut]))
        if first and first == _LEGAL_SUFFIX_RE.sub("", " ".join(words[cut:])):
            return first
    return name


_ANALYST_COMPOUND_RE = re.compile(r"(?<=\w)-(?:Analyst|Analystin|Analysten|Experte|Experten)$")
_ANALYST_NAMED_RE = re.compile(r"(?<=\S)\s[Aa]nalysts?(?:\s[A-Z][\w.'-]*){0,3}$")


def broker_base(raw: str) -> str:
    """A broker as written, without surrounding punctuation or ticker parentheses."""
    name = single_spaced(raw)
    if "(" in name:  # every ticker parenthesis opens with one
        name = _TICKER_PARENS_RE.sub("", name)
    # "Wedbush Analyst Dan Ives", "Commerzbank-Analyst": the firm, not its analyst
    name = _ANALYST_NAMED_RE.sub("", name)
    name = _ANALYST_COMPOUND_RE.sub("", name)
    return name.strip(_QUOTES + " ,;:-")


def _joined_names() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str]]:
    """The joined names as one pattern; the joints (" and ", " & ", and each run of lower-case
    words between capitalised ones) of which one stands wherever a name does; and the words
    that stand right before a joint in a name."""
    names = data_lines("joined_names_en.txt")
    spelled = (re.escape(name).replace(r"\ and\ ", r"\s(?:and|&)\s") for name in names)
    pattern = re.compile(rf"(?:{'|'.join(sorted(spelled, key=len, reverse=True))})\b")
    joints = {" and ", " & "}
    before: set[str] = set()
    for name in names:
        for found in re.finditer(r"(?P<before>\S+) (?P<run>[a-z]+(?: [a-z]+)*) (?=\S)", name):
            joints.add(f" {found.group('run')} ")
            before.add(found.group("before").lower())
    return pattern, tuple(sorted(joints)), frozenset(before)


_JOINED_NAMES_RE, _JOINED_NAME_JOINTS, _BEFORE_JOINTS = _joined_names()
_JOINT_RE = re.compile("|".join(map(re.escape, _JOINED_NAME_JOINTS)))
_OPENING_MARKS = "(\"'‘“"
# what stands for a space inside a joined name while a text is read: a word character, so
# every name pattern takes the name as one word and no list splits it; no company writes it
_KEPT_SPACE = "_"
# how many words of a joined name may stand before its first joint
_WORDS_BEFORE = 3


def joined_names_kept(text: str) -> str:
    """`text` with each company name that holds a joint or lower-case words ("Marks and
    Spencer", "Procter & Gamble", "Jack in the Box") made one word, so that no reader takes its
    joint for a list's or its lower-case words for the end of the name;
    `joined_names_restored` undoes it. Only where a joint stands after a word that stands
    before one in some name is a name tried, at the few word starts before it."""
    if not any(map(text.__contains__, _JOINED_NAME_JOINTS)):
        return text
    spans: list[tuple[int, int]] = []
    for joint in _JOINT_RE.finditer(text):
        at = joint.start()
        word_start = text.rfind(" ", 0, at) + 1
        if text[word_start:at].lower().lstrip(_OPENING_MARKS) in _BEFORE_JOINTS:
            found = _joined_name_at(text, word_start, at)
            if found is not None:
                spans.append(found)
    if not spans:
        return text
    kept = list(text)
    for start, end in spans:
        for index in range(start, end):
            if kept[index] == " ":
                kept[index] = _KEPT_SPACE
    return "".join(kept)


def _joined_name_at(text: str, word_start: int, joint: int) -> tuple[int, int] | None:
    """The joined name running over the joint at `joint`, starting at the word before it or at
    one of the few words before that."""
    start = word_start
    while start < joint and text[start] in _OPENING_MARKS:
        start += 1
    for _ in range(_WORDS_BEFORE):
        if start == 0 or not text[start - 1].isalnum():
            found = _JOINED_NAMES_RE.match(text, start)
            if found is not None and found.end() > joint:
                return found.span()
        if start < 2:
            return None
        start = text.rfind(" ", 0, start - 1) + 1
    return None


def joined_names_restored(name: str) -> str:
    return name.replace(_KEPT_SPACE, " ") if _KEPT_SPACE in name else name


def _company_tails() -> re.Pattern[str]:
    words = data_lines("company_tails.txt")
    return re.compile(rf"(?:\s(?:{'|'.join(map(re.escape, words))}))+(?![\w-])")


_COMPANY_TAILS_RE = _company_tails()


def company_as_written(sentence: str, end: int, name: str) -> str:
    """A company the tables know by a short name, ending at `end` in `sentence`, with the words
    the text writes after it ("Ford" + " Motor")."""
    tail = _COMPANY_TAILS_RE.match(sentence, end)
    return name + tail.group() if tail is not None else name
