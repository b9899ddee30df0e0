"""Stage: tag each item with the watchlist symbols its text names."""

from __future__ import annotations

import dataclasses
import re
from importlib import resources

from bot.models import NewsItem
from rules.text import words_pattern


def _table(name: str) -> list[str]:
    text = resources.files("bot.pipeline").joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


EXCHANGE_PREFIXES = _table("exchange_prefixes.txt")
EXCHANGE_SUFFIXES = frozenset(_table("exchange_suffixes.txt"))
MIN_BARE_BASE = 3  # "SAP" alone names SAP.DE; "T" alone names nothing


def _alternation(words: list[str] | frozenset[str]) -> str:
    # Longest first, so that "NYSE Arca" wins over "NYSE" and "OQ" over "O".
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_TICKER = r"[A-Z0-9][A-Z0-9&-]*(?:\.[A-Z]{1,4})?"  # BABA, BRK.B, 9988, SAP.DE
# The places where capitals are a ticker for sure: after an exchange name, as a cashtag (never
# "$9988": that is money), in Reuters' angle brackets, and with an exchange suffix.
_EXPLICIT = re.compile(
    rf"(?<![\w])(?:{_alternation(EXCHANGE_PREFIXES)})\s?:\s?(?P<listed>{_TICKER})(?![\w])"
    rf"|(?<![\w$])\$(?P<cashtag>[A-Z][A-Z0-9-]*(?:\.[A-Z]{{1,4}})?)(?![\w])"
    rf"|<(?P<ric>{_TICKER})>"
    rf"|(?<![\w$.])(?P<suffixed>[A-Z0-9][A-Z0-9&-]+\.(?:{_alternation(EXCHANGE_SUFFIXES)}))(?![\w])"
)


def ticker_base(ticker: str) -> str:
    """SAP.DE -> SAP, BABA.N -> BABA; BRK.B stays whole (a share class, not an exchange)."""
    base, dot, suffix = ticker.rpartition(".")
    return base if dot and suffix in EXCHANGE_SUFFIXES else ticker


class SymbolMatcher:
    """Names match as whole words, case-insensitively, with possessives ("Alibabas");
    the ticker itself matches only in capitals ("BABA", "$BABA", "BABA.N", "<BABA.N>",
    "(NYSE: BABA)"), so "Meta" the word is matched through its name and "SAP" is not found
    inside "SAPPHIRE". A symbol with an exchange suffix ("SAP.DE") is also named by its base:
    in an explicit ticker form ("(XETRA: SAP)", "$SAP", "<SAP.F>", "SAP.F") always, and alone
    in capitals when the base has at least MIN_BARE_BASE characters and a letter."""

    def __init__(self, watchlist: dict[str, list[str]]) -> None:
        self._patterns = [
            (symbol, words_pattern(names) if names else None, _ticker_pattern(symbol))
            for symbol, names in watchlist.items()
        ]
        self._names = {symbol: names[0] for symbol, names in watchlist.items() if names}
        self._by_ticker: dict[str, set[str]] = {}
        for symbol in watchlist:
            for form in {symbol, ticker_base(symbol)}:
                self._by_ticker.setdefault(form, set()).add(symbol)

    def name_of(self, symbol: str) -> str | None:
        """The symbol's first watchlist name, the one its company is called by."""
        return self._names.get(symbol)

    def symbols_in(self, text: str) -> tuple[str, ...]:
        explicit: set[str] = set()
        for match in _EXPLICIT.finditer(text):
            ticker = next(group for group in match.groups() if group is not None)
            for form in (ticker, ticker_base(ticker)):
                explicit |= self._by_ticker.get(form, set())
        return tuple(
            symbol
            for symbol, names, ticker in self._patterns
            if symbol in explicit
            or (names is not None and names.search(text))
            or ticker.search(text)
        )

    def tag(self, items: list[NewsItem]) -> list[NewsItem]:
        return [dataclasses.replace(item, symbols=self.symbols_in(item.text)) for item in items]


def _ticker_pattern(symbol: str) -> re.Pattern[str]:
    forms = [re.escape(symbol)]
    base = ticker_base(symbol)
    if base != symbol and len(base) >= MIN_BARE_BASE and re.search("[A-Z]", base):
        forms.append(re.escape(base))
    return re.compile(rf"(?<![\w$])\$?(?:{'|'.join(forms)})(?![\w])")
