"""Name tables: brokers, rating labels and non-brokers.

The tables help recognise a name in free text; events keep the name as the text wrote it.
Headline grammars accept unseen brokers by position, so these lists need not be complete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice, pairwise

# Sell-side firms and research houses, in the spellings news wires use.
BROKERS: tuple[str, ...] = (
    "ABG Sundal Collier",
    "ABN Amro",
    "Alphavalue",
    "AlphaValue",
    "Arete",
    "Argus",
    "Argus Research",
    "Ascendiant Capital",
    "Atlantic Equities",
    "Avondale Partners",
    "B of A Securities",
    "B. Riley",
    "B. Riley FBR",
    "BofA",
    "BofA Securities",
    "Baader Bank",
    "Baader Helvea",
    "Baird",
    "Banca Akros",
    "Bank of America",
    "Bank Of America",
    "Bankhaus Lampe",
    "Bankhaus Metzler",
    "Barclays",
    "Barclays Capital",
    "Barrington Research",
    "BBVA",
    "Benchmark",
    "Berenberg",
    "Bernstein",
    "Bernstein Research",
    "BMO",
    "BMO Capital",
    "BMO Capital Markets",
    "BNP Paribas",
    "BNP Paribas Exane",
    "Bryan Garnier",
    "BTIG",
    "BTIG Research",
    "Buckingham",
    "Canaccord",
    "Canaccord Genuity",
    "Cantor Fitzgerald",
    "Carnegie",
    "CFRA",
    "Chardan Capital",
    "CIBC",
    "Citi",
    "Citigroup",
    "CJS Securities",
    "CL King",
    "Clarkson Platou",
    "Cleveland Research",
    "CLSA",
    "Coba",
    "CoBa",
    "Commerzbank",
    "Compass Point",
    "Cowen",
    "Cowen & Co.",
    "Cowen & Company",
    "Craig-Hallum",
    "Credit Suisse",
    "D.A. Davidson",
    "DA Davidson",
    "Dahlman Rose",
    "Daiwa",
    "Danske Bank",
    "Davy",
    "DBS",
    "Degroof Petercam",
    "Deutsche Bank",
    "DNB",
    "DZ Bank",
    "DZ BANK",
    "Equinet",
    "Equita",
    "Evercore",
    "Evercore ISI",
    "Evercore ISI Group",
    "Exane",
    "Exane BNP",
    "Exane BNP Paribas",
    "FBR Capital",
    "Feltl and Company",
    "First Berlin",
    "Gabelli",
    "Gilford Securities",
    "Goldman",
    "Goldman Sachs",
    "Goodbody",
    "Guggenheim",
    "Guggenheim Securities",
    "H.C. Wainwright",
    "Haitong",
    "Handelsbanken",
    "Hauck & Aufhäuser",
    "Hauck Aufhäuser Lampe",
    "Helaba",
    "Hilliard Lyons",
    "HSBC",
    "HSBC Securities",
    "Imperial Capital",
    "Independent Research",
    "ING",
    "ING Group",
    "Intermonte",
    "Investec",
    "ISI",
    "ISI Group",
    "J.P. Morgan",
    "Janney",
    "Janney Capital",
    "Jefferies",
    "Jefferies & Company",
    "JMP",
    "JMP Securities",
    "JP Morgan",
    "JPMorgan",
    "JPMorgan Chase",
    "KBC Securities",
    "KBW",
    "Keefe Bruyette & Woods",
    "Keefe, Bruyette & Woods",
    "Kempen",
    "Kepler",
    "Kepler Cheuvreux",
    "KeyBanc",
    "KeyBanc Capital Markets",
    "Ladenburg Thalmann",
    "Lampe",
    "LBBW",
    "Landesbank Baden-Württemberg",
    "Leerink",
    "Leerink Swann",
    "Liberum",
    "Loop Capital",
    "Longbow",
    "M.M. Warburg",
    "Mackie Research",
    "Macquarie",
    "MainFirst",
    "Mainfirst",
    "Maxim Group",
    "Mediobanca",
    "Merrill",
    "Merrill Lynch",
    "Metzler",
    "Mirabaud",
    "Mizuho",
    "MKM Partners",
    "MLV",
    "MLV & Co.",
    "Moffett Nathanson",
    "MoffettNathanson",
    "Montega",
    "Morgan Stanley",
    "Morningstar",
    "Natixis",
    "Needham",
    "Nomura",
    "NordLB",
    "Nord LB",
    "Nordea",
    "Northcoast Research",
    "Northland",
    "Northland Securities",
    "Numis",
    "Octavian",
    "Oddo",
    "Oddo BHF",
    "Oppenheimer",
    "Oppenheimer & Co",
    "Panmure Gordon",
    "Pareto",
    "Peel Hunt",
    "Piper Jaffray",
    "PiperJaffray",
    "Piper Sandler",
    "Quirin",
    "Rabobank",
    "Raymond James",
    "RBC",
    "RBC Capital",
    "RBC Capital Markets",
    "Redburn",
    "Robert W. Baird",
    "Rosenblatt",
    "Roth Capital",
    "Santander",
    "Scotia Capital",
    "Scotia Capital Markets",
    "Scotiabank",
    "SEB",
    "Shore Capital",
    "Sidoti",
    "Sidoti & Co.",
    "SMBC Nikko",
    "SocGen",
    "Societe Generale",
    "Société Générale",
    "Standpoint Research",
    "Stephens",
    "Stephens & Co.",
    "Sterne Agee",
    "Stifel",
    "Stifel Nicolaus",
    "SunTrust",
    "SunTrust Robinson Humphrey",
    "Suntrust",
    "Susquehanna",
    "SVB Leerink",
    "TD Cowen",
    "TD Securities",
    "Telsey",
    "Telsey Advisory",
    "Topeka Capital",
    "Truist",
    "Truist Securities",
    "UBS",
    "UBS Investment Research",
    "Vontobel",
    "Warburg",
    "Warburg Research",
    "Wedbush",
    "Wells Fargo",
    "William Blair",
    "Wolfe Research",
    "Wunderlich",
    "Wunderlich Securities",
    "Zürcher Kantonalbank",
    "ZKB",
)

# Firms that rate credit, not stocks, and institutions that are not brokers.
NON_BROKERS: frozenset[str] = frozenset(
    name.lower()
    for name in (
        "Moody's",
        "Moodys",
        "S&P",
        "S&P Global",
        "S&P Global Ratings",
        "Standard & Poor's",
        "Fitch",
        "Fitch Ratings",
        "DBRS",
        "Scope",
        "Scope Ratings",
        "A.M. Best",
        "AM Best",
        "Kroll",
        "Analysten",
        "Experten",
        "Analysts",
        "Analyst",
        "Experts",
        "Investors",
        "Anleger",
        "Ökonomen",
        "Zacks",
        "Benzinga",
        "Barron's",
        "Barrons",
        "State Street",
    )
)

# Rating labels, for texts where a label is not marked by quotes or grammar.
RATINGS: tuple[str, ...] = (
    "Buy",
    "Strong Buy",
    "Conviction Buy",
    "Conviction Buy List",
    "Speculative Buy",
    "Long-term Buy",
    "Accumulate",
    "Add",
    "Hold",
    "Neutral",
    "Reduce",
    "Sell",
    "Strong Sell",
    "Overweight",
    "Underweight",
    "Equal Weight",
    "Equal-Weight",
    "Equal-weight",
    "Equalweight",
    "Market Weight",
    "Sector Weight",
    "Peer Weight",
    "Outperform",
    "Underperform",
    "Market Perform",
    "Market Outperform",
    "Market Underperform",
    "Sector Perform",
    "Sector Outperform",
    "Sector Underperform",
    "Peer Perform",
    "Perform",
    "In-Line",
    "In-line",
    "In Line",
    "Inline",
    "Positive",
    "Negative",
    "Mixed",
    "Top Pick",
    "Top Picks",
    "OW",
    "UW",
    "EW",
    "Kaufen",
    "Halten",
    "Verkaufen",
    "Kauf",
    "Übergewichten",
    "Untergewichten",
    "Marktgewichten",
    "Akkumulieren",
    "Reduzieren",
)

RATING_WORDS: frozenset[str] = frozenset(rating.lower() for rating in RATINGS)

_TOKEN_RE = re.compile(r"[\w&.'+-]+")


class NameTable:
    """Case-insensitive lookup of multi-word names in running text, longest match first.

    German inflection is folded: "Deutscher Bank" finds "Deutsche Bank", "Dialogs" finds
    "Dialog".
    """

    def __init__(self, names: Iterable[str], max_words: int = 5) -> None:
        self._names: dict[str, str] = {}
        self._max_words = max_words
        for name in names:
            self._names[_key(name)] = name
        # Every match starts with one of these words (a compound or "-s" form only on its own).
        self._first_words = frozenset(key.split(" ", 1)[0] for key in self._names)

    def __contains__(self, text: str) -> bool:
        return _key(text) in self._names

    def canonical(self, text: str) -> str | None:
        return self._names.get(_key(text))

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, text as written) for each known name, left to right.

        A name also matches as the head of a hyphen compound ("Linde-Fusion" -> "Linde").
        """
        # Tokens are read lazily: callers often stop at the first name.
        stream = _tokens(text)
        window = list(islice(stream, self._max_words))
        firsts = self._first_words
        while window:
            word = window[0][2]
            found = None
            if word in firsts or word[:-1] in firsts or word.partition("-")[0] in firsts:
                found = self._longest_at(text, window, 0)
            if found is None:
                window = window[1:] + list(islice(stream, 1))
                continue
            width, end = found
            start = window[0][0]
            canonical = self._names.get(_key(text[start:end]), "")
            while end > start and text[end - 1] in ".,'" and not canonical.endswith(text[end - 1]):
                end -= 1
            yield start, end, text[start:end]
            window = window[width:] + list(islice(stream, width))

    def _longest_at(
        self, text: str, tokens: list[tuple[int, int, str]], index: int
    ) -> tuple[int, int] | None:
        for width in range(min(self._max_words, len(tokens) - index), 0, -1):
            words = tokens[index : index + width]
            if not _contiguous(text, words):
                continue
            key = " ".join(word[2] for word in words)
            last_start, last_end, last = words[-1]
            if key in self._names:
                return width, last_end
            if key.endswith("s") and len(last) > 3 and key[:-1] in self._names:
                return width, last_end
            head, dash, _ = last.partition("-")
            if dash and head and key[: len(key) - len(last)] + head in self._names:
                return width, last_start + len(head)
        return None


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word without trailing punctuation) for each word."""
    lowered = text.lower()
    if len(lowered) == len(text):
        for m in _TOKEN_RE.finditer(lowered):
            yield m.start(), m.end(), _fold(m.group().rstrip(".,'"))
    else:
        for m in _TOKEN_RE.finditer(text):
            yield m.start(), m.end(), _fold(m.group().rstrip(".,'").lower())


def _fold(word: str) -> str:
    if word.startswith("deutsche") and word in ("deutschen", "deutscher"):
        return "deutsche"
    return word


def _key(name: str) -> str:
    return " ".join(_fold(word.rstrip(".,'")) for word in name.lower().split())


def _contiguous(text: str, words: list[tuple[int, int, str]]) -> bool:
    """Words separated by single spaces only, so a name never spans punctuation."""
    return all(text[a[1] : b[0]] == " " for a, b in pairwise(words))


BROKER_TABLE = NameTable(BROKERS)


def is_broker_name(name: str) -> bool:
    return name in BROKER_TABLE


def is_non_broker(name: str) -> bool:
    return _key(name) in NON_BROKERS or name.lower() in NON_BROKERS
