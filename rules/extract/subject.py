"""The one company a document is about, read from its title (or first sentence): where it names
exactly one, a sentence that leaves its company out ("die Aktie", "the stock") means that one."""

from __future__ import annotations

import re

from .aliases import BROKER_TABLE
from .clauses import (
    DETERMINERS,
    POINTING_WORDS_EN,
    RUBRIC_WORDS,
    SALUTATIONS,
    TITLE_OPENINGS,
    names_sector,
    phrases,
)
from .companies import COMPANY_TABLE
from .names import company_as_written, company_base, joined_names_kept, joined_names_restored

_NAME = r"[A-ZÄÖÜ][\w&.+'-]*(?:\s(?:[A-ZÄÖÜ][\w&.+'-]*|&)){0,3}?"
_TITLE_QUESTION = phrases("title_questions_en")
_NAMED_RE = re.compile(
    rf"^(?:(?i:{_TITLE_QUESTION})\s)?(?P<a>{_NAME})(?:-Aktie|-Papier|:|\s(?:shares|stock|Inc\.?|Corp\.?)\b"
    # "Nvidia's market value climbed ...": the company whose thing the title tells of
    r"|'s\s(?=[a-z]))"
    rf"|\b(?:Aktien?|Aktienkurs|Papiere|Anteilsscheine)\s(?:von|der|des)\s(?P<b>{_NAME})"
    r"(?=[\s,.]|$)"
    rf"|\b[Ss]hares\sof\s(?P<c>{_NAME})(?=[\s,.]|$)(?!\s[A-Z])"
)
# "Mein Depotwert der Woche: Mensch und Maschine": a rubric, and after its colon a name alone
_RUBRIC_RE = re.compile(
    rf"^(?P<rubric>[^:]{{1,60}}):\s(?P<name>{_NAME}(?:\s(?:und|&)\s{_NAME})?)\s*$"
)
_RUBRIC_WORDS_RE = re.compile("|".join(map(re.escape, RUBRIC_WORDS)), re.IGNORECASE)
_RUBRIC_ONLY_RE = re.compile(
    r"(?:(?:" + "|".join(map(re.escape, RUBRIC_WORDS)) + r")\s?)+", re.IGNORECASE
)
_NOT_NAME_OPENINGS = frozenset(word.capitalize() for word in TITLE_OPENINGS)
_FIRST_SENTENCE_RE = re.compile(r"[.!?]\s")
_QUESTION_RE = re.compile(r"[^.!?]{1,80}\?\s")
# "Block, PayPal Drop ...", "BASF und Covestro ...": a title about several companies
_LIST_RE = re.compile(rf"^{_NAME}(?:,\s{_NAME})*(?:,|\s(?:und|and|&))\s[A-ZÄÖÜ]")
# "Shares of Delta Air Lines and United Airlines rose", "Die Aktien von Zalando und About You":
# the shares of several companies
_SHARES_LIST_RE = re.compile(
    rf"\b(?:[Ss]hares|Aktien|Papiere|Titel)\s(?:of|von|der)\s{_NAME}(?:,\s{_NAME})*"
    r"\s(?:and|und|sowie|&)\s(?:der\s|die\s)?[A-ZÄÖÜ]"
)
_TITLE_LIMIT = 300
# How much of the body after the title is read for the subject's full name: its lead.
_BODY_LIMIT = 300
_SALUTATION_LIMIT = 80
_SALUTATION_RE = re.compile(
    r"(?:" + "|".join(map(re.escape, SALUTATIONS)) + r")\b",
    re.IGNORECASE,
)
_LEGAL_FORM = r"(?:Inc|Corp|Corporation|Co|Ltd|plc|PLC|AG|SE|N\.V|S\.A)\b"


def document_subject(text: str, lang: str, known: str | None = None) -> str | None:
    """The company the title names, when it names exactly one; None otherwise.

    `known` is the one company the caller found the document to name (the one watched company
    an item names): it stands where the title names no company, or the same one ("Alibaba" for
    "Alibaba Group"); a title naming another company, or several, leaves no clear subject."""
    lines = [line for line in text.split("\n") if line.strip() and not _salutation(line)][:2]
    for number, line in enumerate(lines):
        names = _named(_first_sentence(line), lang)
        question = _QUESTION_RE.match(line)
        if not names and number == 0 and question is not None:
            # "Kaufen oder verkaufen? So sehen Analysten die BASF-Aktie": the title's answer
            names = _named(_first_sentence(line[question.end() :]), lang)
        if names is None or len(names) > 1:
            return None
        if names:
            name = names.pop()
            if known is None:
                lead = text[: text.find(line) + len(line) + _BODY_LIMIT]
                return _fullest(name, lead, lang)
            return known if _same(name, known) else None
    return known


def names_shares_of_several(text: str) -> bool:
    """Whether a text speaks of the shares of several companies at once ("Die Aktien von BASF
    und Bayer"), so that none of them is its one subject."""
    return _SHARES_LIST_RE.search(text) is not None


def _salutation(line: str) -> bool:
    """Whether a line is a letter's salutation ("Liebe Leserinnen und Leser,"), which names no
    company: a short line opening with a salutation word and ending in a comma."""
    stripped = line.strip()
    return (
        len(stripped) <= _SALUTATION_LIMIT
        and stripped.endswith((",", "!"))
        and _SALUTATION_RE.match(stripped) is not None
    )


def _fullest(name: str, body: str, lang: str) -> str:
    """The subject as the document's title and lead write it in full, where they write more of
    it than the line it was read from: a known name that holds it word by word ("Disney" ->
    "Walt Disney"), or the name with the capitalised words before a legal form ("Uber" -> "Uber
    Technologies Inc.")."""
    words = name.split()
    for _start, _end, raw in COMPANY_TABLE.find(body):
        found = company_base(raw, lang)
        if found != name and _holds(found.split(), words):
            return found
    longer = re.search(
        rf"(?<![\w-]){re.escape(name)}((?:\s[A-ZÄÖÜ][\w&-]+){{1,2}})(?=\s{_LEGAL_FORM})", body
    )
    if longer:
        return name + longer.group(1)
    # "Samsung Electronics gained ...": the words of a name's end the lead writes after it
    at = body.find(f"{name} ")
    return company_as_written(body, at + len(name), name) if at >= 0 else name


def _rubric_only(name: str) -> bool:
    """Whether a name before a title's colon is a rubric ("Im Blick", "Depotwert der Woche")
    or opens with a word no name opens with ("Zur Lage bei ...")."""
    if name.split()[0] in _NOT_NAME_OPENINGS:
        return True
    return _RUBRIC_ONLY_RE.fullmatch(name) is not None


def _starts_words(short: str, full: str) -> bool:
    """Whether a name is the first words of a longer one ("DHL", "DHL Group")."""
    words, longer = short.split(), full.split()
    return len(words) < len(longer) and longer[: len(words)] == words


def _holds(longer: list[str], words: list[str]) -> bool:
    return any(longer[at : at + len(words)] == words for at in range(len(longer) - len(words) + 1))


def _same(read: str, known: str) -> bool:
    """Whether two spellings name one company: one the other's start, word by word."""
    shorter, longer = sorted((read.casefold().split(), known.casefold().split()), key=len)
    return longer[: len(shorter)] == shorter


def _first_sentence(line: str) -> str:
    stop = _FIRST_SENTENCE_RE.search(line)
    return line[: stop.start() if stop else len(line)][:_TITLE_LIMIT]


def _named(title: str, lang: str) -> set[str] | None:
    """The companies a title names; None when it lists several."""
    if lang == "en":
        title = joined_names_kept(title)  # "Marks and Spencer" is one name, not a list
    if names_shares_of_several(title):
        return None
    listed = _LIST_RE.match(title)
    if listed:
        # German capitalises every noun, so "Liebe Leserinnen und Leser, heute geht es um
        # Infineon" has a list's shape: it lists companies unless none of its words is a
        # company the tables know and one is named after it.
        end = re.compile(r"[\w&.+'-]*").match(title, listed.end()).end()  # type: ignore[union-attr]
        known = [start for start, _, _ in COMPANY_TABLE.find(title)]
        if not known or min(known) < end:
            return None
    names: list[str] = []
    # A bank before the title's colon is its subject ("Commerzbank: Citi hebt Ziel") unless
    # the title names another company after it: then the bank is the house speaking
    # ("Morgan Stanley: Infineon bleibt erste Wahl").
    speaking: set[str] = set()
    banks: set[str] = set()  # names of houses, which may be companies too
    brokers: list[tuple[int, int, str]] | None = None
    for start, end, raw in COMPANY_TABLE.find(title):
        after = title[end : end + 8]
        if raw in BROKER_TABLE and not after.startswith(("-", ":", " shares", " stock")):
            continue  # a broker acting in the title is not its subject
        if brokers is None:
            brokers = list(BROKER_TABLE.find(title))
        if any(b_start <= start and end < b_end for b_start, b_end, _ in brokers):
            continue  # "Samsung" in "Samsung Securities": the broker's name, no company
        name = company_base(raw, lang)
        if raw in BROKER_TABLE:
            banks.add(name)
            if after.startswith(":"):
                speaking.add(name)
        names.append(name)
    for match in _NAMED_RE.finditer(title):
        raw = match.group("a") or match.group("b") or match.group("c")
        if match.group("a") and (_rubric_only(raw) or raw in POINTING_WORDS_EN):
            continue  # "Im Blick: Talanx", "The stock": the rubric, the word pointing back
        if match.group("a") and raw in BROKER_TABLE:
            continue  # "Morgan Stanley's analysts ...": the broker, not the subject
        name = company_base(raw, lang)
        if raw in BROKER_TABLE:
            banks.add(name)
        if match.group("a") and name:
            # "DHL Group-Aktie": the name as the title writes it before its noun, in full
            names = [name if _starts_words(n, name) else n for n in names]
        if not any(n == name or n.startswith(name) or name.startswith(n) for n in names):
            names.append(name)
    if speaking and any(name not in banks for name in names):
        names = [name for name in names if name not in speaking]
    if lang == "de" and not names and (rubric := _RUBRIC_RE.match(title)):
        name = rubric.group("name")
        if _RUBRIC_WORDS_RE.search(rubric.group("rubric")) and name.split()[0] not in DETERMINERS:
            names.append(company_base(name, lang))
    return {
        joined_names_restored(name)
        for name in names
        if name and not (lang == "de" and names_sector(name))
    }
