"""A chat's own keyword filters: words or expressions that bring it news (include) or keep
news from it (exclude), written as the chat wrote them:

    Kapitalerhöhung      include a word or phrase (plurals and case endings match too)
    -rumour              exclude a word or phrase
    /kurs ?ziel/         include what a regular expression (RE2, case-insensitive) matches
    -/penny ?stock/      exclude what an expression matches
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from rules.safe_regex import RegexRefused, SafePattern, compile_safe
from rules.text import words_pattern

log = logging.getLogger(__name__)

EXCLUDE_MARK = "-"
REGEX_MARK = "/"


class FilterRefused(ValueError):
    """A filter the chat may not have; `reason` names the message, `detail` what RE2 said."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class KeywordFilter:
    text: str  # the words, or the expression without its slashes
    exclude: bool
    regex: bool

    @property
    def spec(self) -> str:
        """The filter as the chat writes it; what is stored and listed."""
        body = f"{REGEX_MARK}{self.text}{REGEX_MARK}" if self.regex else self.text
        return f"{EXCLUDE_MARK}{body}" if self.exclude else body


def parse_filter(written: str, *, length_max: int) -> KeywordFilter:
    """The filter a chat wrote; FilterRefused when it is empty, too long, has no letter or
    digit, or is an expression RE2 refuses or one that matches an empty text."""
    text = written.strip()
    exclude = text.startswith(EXCLUDE_MARK)
    if exclude:
        text = text[len(EXCLUDE_MARK) :].strip()
    regex = len(text) >= 2 and text.startswith(REGEX_MARK) and text.endswith(REGEX_MARK)
    text = text[1:-1] if regex else " ".join(text.split())
    if not text:
        raise FilterRefused("empty")
    if len(text) > length_max:
        raise FilterRefused("too_long")
    if regex:
        try:
            compile_safe(text)
        except RegexRefused as refused:
            if refused.reason is None:
                raise FilterRefused("empty_match") from None
            raise FilterRefused("bad_regex", refused.reason) from None
    elif not any(character.isalnum() for character in text):
        raise FilterRefused("no_word")
    return KeywordFilter(text, exclude, regex)


class _Side:
    """The include or the exclude filters of one chat, compiled."""

    def __init__(self, filters: list[KeywordFilter]) -> None:
        words = [f.text for f in filters if not f.regex]
        self.words: re.Pattern[str] | None = words_pattern(words) if words else None
        self.expressions: list[SafePattern] = []
        for found in filters:
            if found.regex:
                try:
                    self.expressions.append(compile_safe(found.text))
                except ValueError:
                    log.warning("skipping a stored keyword expression RE2 refuses: %r", found.text)

    def __bool__(self) -> bool:
        return self.words is not None or bool(self.expressions)

    def matched(self, text: str) -> list[str]:
        found = []
        if self.words is not None and (hit := self.words.search(text)):
            found.append(hit.group(0))
        for expression in self.expressions:
            if (match := expression.search(text)) is not None:
                found.append(match.group(0))
        return found


class ChatKeywords:
    """One chat's filters, compiled once for every item they are tried on."""

    def __init__(self, filters: list[KeywordFilter]) -> None:
        self.include = _Side([f for f in filters if not f.exclude])
        self.exclude = _Side([f for f in filters if f.exclude])

    def excludes(self, text: str) -> bool:
        return bool(self.exclude) and bool(self.exclude.matched(text))

    def included(self, text: str) -> list[str] | None:
        """The words that bring the text to the chat; None when none does or one excludes it."""
        if not self.include or self.excludes(text):
            return None
        return self.include.matched(text) or None


def stored_filters(specs: list[str]) -> list[KeywordFilter]:
    """Filters from their stored specs; ones that no longer parse are skipped (and logged)."""
    filters = []
    for spec in specs:
        try:
            filters.append(parse_filter(spec, length_max=len(spec)))
        except FilterRefused as exc:
            log.warning("skipping a stored keyword filter %r: %s", spec, exc)
    return filters


def specs_of(payload: str | None) -> list[str]:
    """The filters stored as a JSON list; nothing for a payload that is not one."""
    if not payload:
        return []
    try:
        specs = json.loads(payload)
    except ValueError:
        return []
    return [str(spec) for spec in specs] if isinstance(specs, list) else []
