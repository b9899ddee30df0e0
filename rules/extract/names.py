"""Base forms of company and broker names as the text wrote them.

"Alibabas" -> "Alibaba", "Springer-Aktie" -> "Springer", "Deutschen Bank" -> "Deutsche Bank",
"Agilent Technologies, Inc. Common Stock" -> "Agilent Technologies", "Apple (AAPL)" -> "Apple".
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .companies import COMPANY_TABLE

_TICKER_PARENS_RE = re.compile(
    r"\s*\((?:(?:NYSE|NASDAQ|Nasdaq|NYSEAMERICAN|AMEX|OTC|OTCBB|TSX|LSE|ETR|XETRA)\s*:\s*)?"
    r"[A-Z][A-Z0-9.\-]{0,6}(?:\s*,\s*[A-Z][A-Z0-9.\-]{0,6})*\)"
)
_COMPOUND_RE = re.compile(
    r"-(?:Aktien?|Papiere?|Titel|Anteilsscheine|Kursziel|Ziel|Rating|Vorzugsaktien?)$"
)
_LEGAL_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|[Pp]lc|PLC|Common Stock|Ordinary Shares|"
    r"Class [A-C] Shares?|W/I)"
    r"|,\s+(?:Ltd\.|L\.L\.C\.|LLC)|\s+-\s+Common Stock)+$"
)
_TRAILING_CLAUSE_RE = re.compile(
    r"\s+(?:nach|vor|wegen|trotz|nun|erneut|weiter|bei|im|in|zum|zur|ab|seit)\s.*$"
    r"|\s+(?:nach|vor)\s*$"
)
_GERMAN_ADJECTIVE_RE = re.compile(r"^(Deutsch|Münchener|Hannover)(?:en|er)\b")
_QUOTES = "'\"‘’“”„«»`"


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
        name = _strip_genitive(name)
    else:
        if " " in name:
            name = _collapse_repeat(_LEGAL_SUFFIX_RE.sub("", name))
        if name.endswith("'s") and name[:-2] in COMPANY_TABLE:
            name = name[:-2]
    return name.strip(_QUOTES + " ,;:-")


def compound_company(word: str) -> str:
    """'Pfeiffer-Vacuum' from the compound 'Pfeiffer-Vacuum-Ziel' reads 'Pfeiffer Vacuum'."""
    if "-" not in word or word in COMPANY_TABLE:
        return word
    parts = word.split("-")
    return " ".join(parts) if all(part[:1].isupper() for part in parts) else word


def _strip_genitive(name: str) -> str:
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


_ANALYST_NAMED_RE = re.compile(r"(?<=\S)\s[Aa]nalysts?(?:\s[A-Z][\w.'-]*){0,3}$")


def broker_base(raw: str) -> str:
    """A broker as written, without surrounding punctuation or ticker parentheses."""
    name = single_spaced(raw)
    if "(" in name:  # every ticker parenthesis opens with one
        name = _TICKER_PARENS_RE.sub("", name)
    # "Wedbush Analyst Dan Ives": the firm, not its analyst
    name = _ANALYST_NAMED_RE.sub("", name)
    return name.strip(_QUOTES + " ,;:-")


def _joined_names_re() -> re.Pattern[str]:
    lines = Path(__file__).with_name("joined_names_en.txt").read_text(encoding="utf-8")
    names = [line.strip() for line in lines.splitlines() if line.strip() and line[0] != "#"]
    spelled = (re.escape(name).replace(r"\ and\ ", r"\s(?:and|&)\s") for name in names)
    return re.compile(rf"\b(?:{'|'.join(sorted(spelled, key=len, reverse=True))})\b")


_JOINED_NAMES_RE = _joined_names_re()
# what stands for the joint inside a joined name while a text is read: word characters on
# either side, so every name pattern takes the name as one word and no list splits it
_JOINTS = {" and ": "_and_", " & ": "_&_"}


def joined_names_kept(text: str) -> str:
    """`text` with each company name that holds "and" or "&" ("Marks and Spencer", "Procter &
    Gamble") made one word, so that no reader takes its joint for a list's;
    `joined_names_restored` undoes it."""
    if " and " not in text and " & " not in text:
        return text
    return _JOINED_NAMES_RE.sub(lambda found: _joined(found.group(0)), text)


def _joined(name: str) -> str:
    for joint, kept in _JOINTS.items():
        name = name.replace(joint, kept)
    return name


def joined_names_restored(name: str) -> str:
    if "_" not in name:
        return name
    for joint, kept in _JOINTS.items():
        name = name.replace(kept, joint)
    return name
