"""Regular expressions from chats and config files run on RE2: a pattern that makes a
backtracking engine take exponential time, such as (a+)+$ on a long run of a's that does not
end the text, is accepted and evaluated by RE2 (linear in the text), never by Python's re."""

from __future__ import annotations

import re2

from rules.chat_keywords import ChatKeywords, parse_filter
from rules.registry import build_rule
from rules.safe_regex import compile_safe
from rules.types.keyword import KeywordOptions, KeywordRule

CATASTROPHIC = "(a+)+$"
# Python's re needs about 2**40 steps for this text; RE2 reads it once.
HOSTILE_TEXT = "a" * 40 + "!" + "a" * 100_000 + "!"
RE2_PATTERN = type(re2.compile("x"))


def test_a_catastrophic_pattern_is_compiled_by_re2_and_evaluated() -> None:
    pattern = compile_safe(CATASTROPHIC)
    assert isinstance(pattern, RE2_PATTERN)
    assert pattern.search(HOSTILE_TEXT) is None
    assert pattern.search("xaaaa") is not None


def test_a_config_keyword_rule_runs_its_regex_on_re2() -> None:
    rule = build_rule(KeywordOptions(name="hostile", regex=CATASTROPHIC))
    assert isinstance(rule, KeywordRule)
    assert isinstance(rule._regex, RE2_PATTERN)
    assert rule.matched_words(HOSTILE_TEXT) is None
    assert rule.matched_words("Kursziel aaa") == ["aaa"]


def test_a_chats_expression_runs_on_re2() -> None:
    written = parse_filter(f"/{CATASTROPHIC}/", length_max=100)
    assert written.regex and written.spec == f"/{CATASTROPHIC}/"
    filters = ChatKeywords([written, parse_filter("-/(x+x+)+y/", length_max=100)])
    assert all(isinstance(e, RE2_PATTERN) for e in filters.include.expressions)
    assert filters.included(HOSTILE_TEXT) is None
    assert filters.excludes("x" * 100_000) is False
    assert filters.included("Kapitalerhöhung aaa") == ["aaa"]
