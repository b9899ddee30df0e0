"""The language a feed is written in: any code shaped like BCP 47 ("fr", "pt-BR", "zh-Hant-TW"),
and which of them the event extraction reads."""

from __future__ import annotations

import re

# The grammars of the event extraction; keyword rules read every language.
EXTRACTION_LANGUAGES = ("en", "de")
CODE_MAX = 35
_CODE = re.compile(
    r"^(?P<language>[A-Za-z]{2,3})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
    r"(?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)$"
)


def language_code(text: str) -> str | None:
    """`text` as a language code in its usual case ("PT-br" -> "pt-BR"); None when it has not
    the shape of one."""
    match = _CODE.match(text) if len(text) <= CODE_MAX else None
    if match is None:
        return None
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    variants = match["variants"].lower()
    return "-".join(parts) + variants


def require_language_code(value: str) -> str:
    code = language_code(value)
    if code is None:
        raise ValueError(
            f"{value[:40]!r} is not a language code; write one like en, de, fr or pt-BR "
            "(a two- or three-letter language, optionally a dash and a region)"
        )
    return code


def extraction_language(code: str) -> str | None:
    """The language the event extraction reads an item of `code` in ("de-AT" -> "de"); None
    when it reads none: the item serves keyword rules only."""
    primary = code.split("-", 1)[0].lower()
    return primary if primary in EXTRACTION_LANGUAGES else None
