"""Feeds (RSS, Atom, JSON Feed, JSON read through paths): conditional fetch, parse off the event
loop, normalise to NewsItem. A web page where a feed was expected is an error naming the feeds
the page advertises."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import html
import io
import logging
import re
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import feedparser

from bot.models import NewsItem
from bot.sources.http import HttpClient, SourceError, Validators
from bot.sources.json_feed import (
    JsonPaths,
    is_json,
    is_json_feed,
    json_feed_entries,
    load_json,
    path_entries,
)
from bot.sources.known_items import BodyToRead
from bot.sources.web_page import WebPageError, advertised_feeds, is_html

log = logging.getLogger(__name__)

SUMMARY_MAX_CHARS = 2000

# Every alternative either ends at the next "<"/">" or, once opened, runs to its closing
# delimiter or the end of the text, so a scan never restarts over the same span: linear time.
# A tag counts as markup only by its name (see _is_element): "<BABA.N>" is a Reuters ticker.
_HTML_NOISE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<block>script|style)(?![\w.:-]).*?(?:(?P<closed></(?P=block)\s*>)|\Z)"
    r"|<[!?][A-Za-z][^<>]*>"
    r"|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*(?::[A-Za-z][A-Za-z0-9-]*)?)(?=[\s/>])[^<>]*>",
    re.DOTALL | re.IGNORECASE,
)
# Marks that reorder text when shown, e.g. to make a headline read differently than it is.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _load_elements() -> tuple[frozenset[str], frozenset[str]]:
    text = resources.files("bot.sources").joinpath("html_elements.txt").read_text("utf-8")
    rows = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    return frozenset(row[0] for row in rows), frozenset(row[0] for row in rows if "void" in row)


HTML_ELEMENTS, VOID_ELEMENTS = _load_elements()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    items: list[NewsItem]
    bozo: bool  # malformed (as feedparser saw it), yet with entries that were read


@dataclass(frozen=True, slots=True)
class FeedResult:
    items: list[NewsItem]
    validators: Validators
    not_modified: bool
    # What to remember of a body read (bot.sources.known_items) once its items were taken.
    read: BodyToRead | None = None


async def fetch_feed(
    http: HttpClient,
    *,
    name: str,
    url: str,
    lang: str,
    validators: Validators | None,
    parse_pool: Executor,
    now: datetime,
    paths: JsonPaths | None = None,
    to_read: Callable[[bytes], BodyToRead] | None = None,
) -> FeedResult:
    """Fetch one feed; an unchanged feed comes back with no items and is never parsed.
    `to_read`: which part of a changed XML body is new (KnownItems.to_read for the feed)."""
    response = await http.get(url, validators=validators)
    if response.not_modified:
        return FeedResult(items=[], validators=response.validators, not_modified=True)
    body = response.body
    read = None
    if to_read is not None and paths is None and not is_json(body, response.content_type):
        read = to_read(body)
        if read.body is None:
            return FeedResult([], response.validators, not_modified=False, read=read)
        body = read.body
    parse = functools.partial(
        parse_feed,
        body,
        source=name,
        lang=lang,
        now=now,
        content_type=response.content_type,
        url=url,
        paths=paths,
    )
    items = await asyncio.get_running_loop().run_in_executor(parse_pool, parse)
    return FeedResult(items, response.validators, not_modified=False, read=read)


def parse_feed(
    body: bytes,
    *,
    source: str,
    lang: str,
    now: datetime,
    content_type: str | None = None,
    url: str | None = None,
    paths: JsonPaths | None = None,
) -> list[NewsItem]:
    """Parse feed bytes into NewsItems; blocking, so run it in an executor."""
    return read_feed(
        body,
        source=source,
        lang=lang,
        now=now,
        content_type=content_type,
        url=url,
        paths=paths,
    ).items


def read_feed(
    body: bytes,
    *,
    source: str,
    lang: str,
    now: datetime,
    content_type: str | None = None,
    url: str | None = None,
    paths: JsonPaths | None = None,
) -> ParsedFeed:
    """parse_feed, telling also whether the feed was malformed. `url` is where the body came
    from: the feeds a web page advertises are resolved against it. With `paths` the body is
    JSON read through them; otherwise its format is told from its content type and text."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    bozo = False
    if paths is not None:
        entries = path_entries(load_json(body, source), paths, source)
    elif is_json(body, content_type):
        entries = _json_feed(body, source)
    else:
        entries, bozo = _xml_feed(body, source, content_type, url)
    fallback_time = now.astimezone(UTC)
    items = (_normalise(entry, source, lang, fallback_time) for entry in entries)
    return ParsedFeed([item for item in items if item is not None], bozo)


def _json_feed(body: bytes, source: str) -> list[dict[str, Any]]:
    document = load_json(body, source)
    if not is_json_feed(document):
        raise SourceError(
            "parse",
            f"{source}: JSON, but not a JSON Feed; to read it, set format: json and the paths "
            "items:, title:, link: and time:",
        )
    return json_feed_entries(document, source)


def _xml_feed(
    body: bytes, source: str, content_type: str | None, url: str | None
) -> tuple[list[Any], bool]:
    headers = {"content-type": content_type} if content_type else {}
    # A stream, never bytes or str: feedparser may take those for a file path or a URL.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    malformed = bool(parsed.get("bozo"))
    problem = parsed.get("bozo_exception")
    if not entries and (malformed or not parsed.get("version")):
        # No entries and nothing recognised as a feed (an empty body, an HTML page): an
        # error rather than a quiet empty list, so a broken source gets noticed.
        if is_html(body, content_type):
            raise WebPageError(source, tuple(advertised_feeds(body, url)))
        reason = repr(problem) if problem is not None else "no feed format recognised"
        raise SourceError("parse", f"{source}: not a readable feed ({reason})")
    if malformed:
        log.debug("feed %s is malformed but has %d entries: %r", source, len(entries), problem)
    return entries, malformed


def html_to_text(markup: str) -> str:
    """Plain text from an HTML fragment: markup dropped, entities decoded, bidirectional controls
    removed, whitespace collapsed. Text that only looks like a tag ("<BABA.N>", "1 < 2") stays."""
    text = html.unescape(_HTML_NOISE.sub(_drop_markup, markup))
    if _reveals_markup(text):
        # Some feeds escape their HTML twice: decoding once revealed the real markup. Anything
        # else that decoding produced ("<script>alert(1)", a lone "</b>") is the text itself.
        text = html.unescape(_HTML_NOISE.sub(_drop_markup, text))
    return " ".join(_BIDI_CONTROLS.sub("", text).split())


def _is_element(name: str) -> bool:
    # Custom elements ("my-widget") and namespaced ones ("o:p", from word processors) are lower
    # case by rule; a capitalised word in angle brackets is text.
    lowered = name.lower()
    return lowered in HTML_ELEMENTS or (name == lowered and ("-" in name or ":" in name))


def _drop_markup(match: re.Match[str]) -> str:
    name = match.group("name")
    return match.group(0) if name is not None and not _is_element(name) else " "


def _reveals_markup(text: str) -> bool:
    """Markup for sure: a comment or script closed, a void element, or an element opened and
    closed."""
    opened: set[str] = set()
    closed: set[str] = set()
    for match in _HTML_NOISE.finditer(text):
        whole, name = match.group(0), match.group("name")
        if (whole.startswith("<!--") and whole.endswith("-->")) or match.group("closed"):
            return True
        if name is None or not _is_element(name):
            continue
        name = name.lower()
        if name in VOID_ELEMENTS:
            return True
        (closed if match.group("end") else opened).add(name)
    return not opened.isdisjoint(closed)


def _normalise(
    entry: Mapping[str, Any], source: str, lang: str, fallback_time: datetime
) -> NewsItem | None:
    title = html_to_text(_string(entry.get("title")))
    link = _string(entry.get("link")).strip()
    if not title and not link:
        return None
    summary = html_to_text(_string(entry.get("summary")) or _first_content(entry))
    if len(summary) > SUMMARY_MAX_CHARS:
        summary = summary[: SUMMARY_MAX_CHARS - 1].rstrip() + "…"
    return NewsItem(
        id=_stable_id(entry, title, link),
        source=source,
        title=title,
        summary=summary,
        link=link,
        published=_as_of_fetch(_published(entry), fallback_time),
        lang=lang,
    )


# A feed that writes local time as UTC is up to 14 hours ahead; further is no zone error.
AHEAD_OF_FETCH_MAX = timedelta(days=1)


def _stable_id(entry: Mapping[str, Any], title: str, link: str) -> str:
    # Never includes the source name: the same guid seen via two feeds is the same item.
    guid = _string(entry.get("id")).strip()
    if guid:
        key = f"guid:{guid}"
    elif link:
        key = f"link:{link}"
    else:
        # The raw date string, not the parsed-or-now time, so a dateless entry keeps its id.
        key = f"title:{title}|{_string(entry.get('published') or entry.get('updated'))}"
    return hashlib.sha1(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def _as_of_fetch(published: datetime | None, fetched: datetime) -> datetime:
    """A date further ahead of the fetch than any time zone error is a publisher's clock error:
    such news is as new as the fetch, neither shown as news from the future nor kept "fresh"
    for years."""
    if published is None or published - fetched > AHEAD_OF_FETCH_MAX:
        return fetched
    return published


def _published(entry: Mapping[str, Any]) -> datetime | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(field)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (ValueError, OverflowError):
                continue
    return None


def _first_content(entry: Mapping[str, Any]) -> str:
    content = entry.get("content")
    if isinstance(content, list) and content and isinstance(content[0], Mapping):
        return _string(content[0].get("value"))
    return ""


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""
