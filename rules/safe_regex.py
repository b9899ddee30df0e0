"""Regular expressions from users and config files, compiled with RE2.

RE2 matches in time linear in the text, whatever the pattern: `(a+)+$` cannot make it
backtrack, so a hostile expression costs no more than a plain one. What RE2 cannot do in
linear time (back-references, look-around) it refuses, and so do we.
"""

from __future__ import annotations

from typing import Protocol

import re2

# Bounds the compiled program: a pattern such as `(x{500}){500}` is refused, not built.
_MAX_MEMORY = 1 << 20
UNSUPPORTED_HINT = (
    "RE2 never backtracks, so it has no back-references (\\1) or look-around ((?=, (?!, (?<=, "
    "(?<!); rewrite the expression without them"
)


class RegexRefused(ValueError):
    """`reason`: what RE2 said, or None when the expression compiles but matches empty text."""

    def __init__(self, message: str, reason: str | None) -> None:
        super().__init__(message)
        self.reason = reason


class Match(Protocol):
    def group(self, index: int = 0) -> str: ...


class SafePattern(Protocol):
    def search(self, text: str) -> Match | None: ...


def compile_safe(pattern: str) -> SafePattern:
    """A case-insensitive RE2 pattern; RegexRefused saying why RE2 refuses it, or that it
    matches an empty text (it would match every headline)."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _MAX_MEMORY
    try:
        compiled: SafePattern = re2.compile(pattern, options)
    except re2.error as exc:
        reason = _reason(exc)
        message = f"not a regular expression RE2 accepts ({reason}); {UNSUPPORTED_HINT}"
        raise RegexRefused(message, reason) from None
    if compiled.search("") is not None:
        message = f"{pattern!r} matches an empty text, so it would match every headline"
        raise RegexRefused(message, None)
    return compiled


def _reason(error: Exception) -> str:
    detail = error.args[0] if error.args else error
    if isinstance(detail, bytes):
        return detail.decode("utf-8", "replace")
    return str(detail)
