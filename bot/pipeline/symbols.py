"""Stage: tag each item with the watchlist symbols its text names."""

from __future__ import annotations

import dataclasses
import re

from bot.models import NewsItem
from rules.text import words_pattern


class SymbolMatcher:
    """Names match as whole words, case-insensitively, with possessives ("Alibabas");
    the ticker itself matches only in capitals ("BABA", "$BABA"), so "Meta" the word is
    matched through its name and "SAP" is not found inside "sapphire"."""

    def __init__(self, watchlist: dict[str, list[str]]) -> None:
        self._patterns = [
            (symbol, words_pattern(names) if names else None, _ticker_pattern(symbol))
            for symbol, names in watchlist.items()
        ]

    def symbols_in(self, text: str) -> tuple[str, ...]:
        return tuple(
            symbol
            for symbol, names, ticker in self._patterns
            if (names is not None and names.search(text)) or ticker.search(text)
        )

    def tag(self, items: list[NewsItem]) -> list[NewsItem]:
        return [dataclasses.replace(item, symbols=self.symbols_in(item.text)) for item in items]


def _ticker_pattern(symbol: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w$])\$?{re.escape(symbol)}(?![\w])")
