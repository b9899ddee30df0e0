"""`keyword`: words or a regular expression in an item's title or summary."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from bot.models import NewsItem
from rules.alert import Alert
from rules.base import Rule, RuleContext, RuleOptions, Word
from rules.events import Event
from rules.registry import register
from rules.safe_regex import compile_safe
from rules.text import words_pattern


class KeywordOptions(RuleOptions):
    type: Literal["keyword"] = "keyword"
    any: list[Word] = []
    all: list[Word] = []
    none: list[Word] = []
    regex: str | None = None
    fields: list[Literal["title", "summary"]] = ["title", "summary"]

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            # Checked, and later run, by RE2: a config regex must not be able to stall a poll.
            compile_safe(value)
        return value

    @model_validator(mode="after")
    def _has_condition(self) -> KeywordOptions:
        if not (self.any or self.all or self.regex):
            raise ValueError("give at least one of any, all or regex")
        return self


@register("keyword")
class KeywordRule(Rule):
    Options = KeywordOptions
    options: KeywordOptions

    def __init__(self, options: KeywordOptions) -> None:
        super().__init__(options)
        self._any = words_pattern(options.any) if options.any else None
        self._all = [words_pattern([word]) for word in options.all]
        self._none = words_pattern(options.none) if options.none else None
        self._regex = compile_safe(options.regex) if options.regex else None

    def matched_words(self, text: str) -> list[str] | None:
        """The words that made the rule match, or None when it does not."""
        found: list[str] = []
        if self._none and self._none.search(text):
            return None
        if self._any:
            hit = self._any.search(text)
            if not hit:
                return None
            found.append(hit.group(0))
        for pattern in self._all:
            hit = pattern.search(text)
            if not hit:
                return None
            found.append(hit.group(0))
        if self._regex:
            matched = self._regex.search(text)
            if matched is None:
                return None
            found.append(matched.group(0))
        return found

    async def on_item(
        self, item: NewsItem, events: list[Event], context: RuleContext
    ) -> list[Alert]:
        text = "\n".join(getattr(item, field) for field in self.options.fields)
        words = self.matched_words(text)
        if words is None:
            return []
        symbols = [symbol for symbol in item.symbols if self.applies_to(symbol)]
        if self.options.symbols is not None and not symbols:
            return []
        # One alert for the item, about every watched symbol it names (or about none).
        return [
            self.alert(
                context.now,
                symbol=symbols[0] if symbols else None,
                dedup_key=item.id,
                item=item,
                fields={"matched": words, "symbols": symbols},
            )
        ]
