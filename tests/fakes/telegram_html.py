"""A checker for Telegram's HTML parse mode, so malformed markup fails as it would in production.

Telegram rejects unknown tags and unbalanced tags with 400 "can't parse entities"; a bot that
forgets to escape a headline such as "S&P <500>" must see that error in tests too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "code",
        "del",
        "em",
        "i",
        "ins",
        "pre",
        "s",
        "span",
        "strike",
        "strong",
        "tg-emoji",
        "tg-spoiler",
        "u",
    }
)


# An escaped "<" must not look like a bare one after the parser decodes it, so it is swapped for a
# private-use character first and restored in the plain text.
_ESCAPED_LT = "\ue000"
_ESCAPED_LT_PATTERN = re.compile(r"&(lt|#0*60|#[xX]0*3[cC]);")


class HtmlEntityError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's description suffix."""


class _TelegramHtmlChecker(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.open_tags: list[str] = []
        self.plain_parts: list[str] = []

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        lines = self.text.split("\n")
        prefix = "\n".join([*lines[: line - 1], lines[line - 1][:column]])
        return len(prefix.encode("utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SUPPORTED_TAGS:
            raise HtmlEntityError(
                f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}'
            )
        self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags or self.open_tags[-1] != tag:
            raise HtmlEntityError(
                f'Unexpected end tag "{tag}" at byte offset {self._byte_offset()}'
            )
        self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data:
            offset = self._byte_offset() + len(data[: data.index("<")].encode("utf-8"))
            raise HtmlEntityError(f"Unsupported start tag at byte offset {offset}")
        self.plain_parts.append(data.replace(_ESCAPED_LT, "<"))


def html_to_plain_text(text: str) -> str:
    """The text Telegram shows for an HTML message; raises HtmlEntityError when it is invalid."""
    protected = _ESCAPED_LT_PATTERN.sub(_ESCAPED_LT, text)
    checker = _TelegramHtmlChecker(protected)
    checker.feed(protected)
    checker.close()
    if checker.open_tags:
        tag = checker.open_tags[-1]
        raise HtmlEntityError(f'Can\'t find end tag corresponding to start tag "{tag}"')
    return "".join(checker.plain_parts)
