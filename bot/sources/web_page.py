"""Telling a web page from a feed, and reading the feeds a page advertises in its head."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from bot.sources.http import SourceError

# <link rel="alternate" type=...> values that name a feed.
# Not application/json: WordPress pages name their REST API that way.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
# The head comes first: a page's own feed links are in its first bytes.
HEAD_BYTES = 256 * 1024
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)


def is_html(body: bytes, content_type: str | None) -> bool:
    """A page in HTML: by its media type, or by how its text begins."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml") or bool(_HTML_START.match(body[:4096]))


def advertised_feeds(body: bytes, page_url: str | None = None) -> list[str]:
    """The feed URLs a page names with <link rel="alternate" type="...">, absolute when the
    page's URL (or its <base>) says where they are relative to; in the page's order, once each."""
    reader = _LinkReader()
    reader.feed(body[:HEAD_BYTES].decode("utf-8", "replace"))
    reader.close()
    base = page_url or ""
    if reader.base:
        base = urljoin(base, reader.base)
    found: list[str] = []
    for href in reader.hrefs:
        url = urljoin(base, href) if base else href
        if urlsplit(url).scheme in ("http", "https", "") and url not in found:
            found.append(url)
    return found


class _LinkReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        if tag != "link" or not values.get("href"):
            return
        relations = values.get("rel", "").lower().split()
        media = values.get("type", "").split(";", 1)[0].strip().lower()
        if "alternate" in relations and media in FEED_TYPES:
            self.hrefs.append(values["href"])

    handle_startendtag = handle_starttag


class WebPageError(SourceError):
    """A web page where a feed was expected, with the feeds it advertises (maybe none)."""

    def __init__(self, source: str, feeds: tuple[str, ...] = ()) -> None:
        message = f"{source}: this is a web page, not a feed"
        if feeds:
            message += f"; its feed may be at {' or '.join(feeds)}"
        super().__init__("parse", message)
        self.source = source
        self.feeds = feeds

    def __reduce__(self) -> tuple[type[WebPageError], tuple[object, ...]]:
        return (type(self), (self.source, self.feeds))
