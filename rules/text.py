"""Word matching shared by keyword rules and the watchlist matcher."""

from __future__ import annotations

import re

# Inflections a watched word may carry: plurals and German case endings ("Kapitalerhöhungen"),
# possessives ("Alibabas", "Alibaba's").
_SUFFIXES = r"(?:s|es|e|en|n|er|ern|'s|’s|')?"


def words_pattern(words: list[str], *, inflected: bool = True) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of `words` as whole words."""
    alternatives = sorted({re.escape(word.strip()) for word in words if word.strip()}, key=len)
    body = "|".join(reversed(alternatives))  # longest first, so "Alibaba Group" wins over "Alibaba"
    suffix = _SUFFIXES if inflected else ""
    return re.compile(rf"(?<!\w)(?:{body}){suffix}(?!\w)", re.IGNORECASE)


def name_key(name: str) -> str:
    """One spelling for names written several ways: 'J.P. Morgan', 'JP Morgan', 'JPMorgan'."""
    return "".join(character for character in name.casefold() if character.isalnum())
