"""JSON sources: JSON Feed (https://jsonfeed.org, versions 1 and 1.1) and any JSON document read
through configured paths. Both become entries of the shape feedparser gives, so the one
normaliser of bot.sources.rss turns every format into the same NewsItems."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from feedparser.datetimes import _parse_date

from bot.sources.http import SourceError

JSON_FEED_VERSION_PREFIX = "https://jsonfeed.org/version/"
JSON_MEDIA_TYPES = ("application/feed+json", "application/json")
# A number this large as a time counts milliseconds since the epoch, not seconds (year 5138).
EPOCH_MILLISECONDS_FROM = 10**11

Step = str | int
_PATH = re.compile(r"^(?:[^.\[\]]+|\[-?\d+\])(?:\.[^.\[\]]+|\[-?\d+\])*$")
_EPOCH_TEXT = re.compile(r"^\s*\d{9,}(?:\.\d+)?\s*$")
_STEP = re.compile(r"([^.\[\]]+)|\[(-?\d+)\]")


def parse_path(text: str) -> tuple[Step, ...]:
    """'data.list[0].title' -> ('data', 'list', 0, 'title'); ValueError when malformed."""
    if not _PATH.match(text):
        raise ValueError(
            f"{text[:100]!r} is not a path; write keys joined by dots with list indexes in "
            "brackets, e.g. data.items or result[0].headline"
        )
    return tuple(
        key if index is None or key else int(index)
        for key, index in ((match.group(1), match.group(2)) for match in _STEP.finditer(text))
    )


@dataclass(frozen=True, slots=True)
class JsonPaths:
    """Where a JSON document keeps its list of items, and where each item its fields."""

    items: str
    title: str
    link: str
    time: str
    summary: str | None = None
    id: str | None = None

    def named(self) -> list[tuple[str, str]]:
        """(field, path) of each path given, items first."""
        pairs = [(spec.name, getattr(self, spec.name)) for spec in fields(self)]
        return [(name, path) for name, path in pairs if path is not None]


def is_json(body: bytes, content_type: str | None) -> bool:
    """JSON by its text, or by its media type unless the text is markup (servers send RSS as
    application/json too)."""
    start = body[:256].removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if start in (b"{", b"["):
        return True
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return start != b"<" and (media in JSON_MEDIA_TYPES or media.endswith("+json"))


def load_json(body: bytes, source: str) -> Any:
    try:
        return json.loads(body.removeprefix(b"\xef\xbb\xbf"))
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise SourceError("parse", f"{source}: not valid JSON ({exc.msg} at {where})") from None
    except UnicodeDecodeError:
        raise SourceError("parse", f"{source}: not valid JSON (not UTF-8 text)") from None
    except RecursionError:
        raise SourceError("parse", f"{source}: not valid JSON (nested too deeply)") from None


def is_json_feed(document: Any) -> bool:
    if not isinstance(document, Mapping):
        return False
    version = document.get("version")
    if isinstance(version, str) and version.startswith(JSON_FEED_VERSION_PREFIX):
        return True
    return version is None and isinstance(document.get("items"), list)


def json_feed_entries(document: Mapping[str, Any], source: str) -> list[dict[str, Any]]:
    """The entries of a JSON Feed, as feedparser would give those of an Atom feed."""
    items = document.get("items")
    if not isinstance(items, list):
        raise SourceError("parse", f"{source}: a JSON Feed without an items list")
    entries = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        content = _text(item.get("content_html")) or _text(item.get("content_text"))
        entries.append(
            _entry(
                id=_text(item.get("id")),
                title=_text(item.get("title")),
                link=_text(item.get("url")) or _text(item.get("external_url")),
                summary=_text(item.get("summary")) or content,
                published=item.get("date_published"),
                updated=item.get("date_modified"),
            )
        )
    return entries


def path_entries(document: Any, paths: JsonPaths, source: str) -> list[dict[str, Any]]:
    """The entries of any JSON document, read through `paths`. A path that leads nowhere (the
    items path in the document, another in every item) is an error that names it."""
    items = resolve(document, parse_path(paths.items))
    if items is _MISSING:
        raise SourceError("parse", f"{source}: items path `{paths.items}` not found")
    if not isinstance(items, list):
        raise SourceError(
            "parse", f"{source}: items path `{paths.items}` leads to {_kind(items)}, not a list"
        )
    steps = {name: parse_path(path) for name, path in paths.named() if name != "items"}
    found = dict.fromkeys(steps, False)
    entries = []
    for item in items:
        values = {name: resolve(item, path) for name, path in steps.items()}
        for name, value in values.items():
            found[name] = found[name] or value is not _MISSING
        moment = values.get("time", _MISSING)
        entries.append(
            _entry(
                id=_text(values.get("id")),
                title=_text(values["title"]),
                link=_text(values["link"]),
                summary=_text(values.get("summary")),
                published=None if moment is _MISSING else moment,
                updated=None,
            )
        )
    missing = [name for name, seen in found.items() if not seen]
    if items and missing:
        named = ", ".join(f"{name} path `{getattr(paths, name)}`" for name in missing)
        raise SourceError("parse", f"{source}: {named} not found in any of the {len(items)} items")
    return entries


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()


def resolve(value: Any, path: tuple[Step, ...]) -> Any:
    """The value at `path` in `value`, or _MISSING. A key of digits also indexes a list."""
    for step in path:
        if isinstance(value, Mapping) and isinstance(step, str) and step in value:
            value = value[step]
        elif isinstance(value, list) and _index(step) is not None:
            index = _index(step)
            assert index is not None
            if not -len(value) <= index < len(value):
                return _MISSING
            value = value[index]
        else:
            return _MISSING
    return value


def _kind(value: object) -> str:
    """What a JSON value is, in JSON's words."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def _index(step: Step) -> int | None:
    if isinstance(step, int):
        return step
    return int(step) if step.isascii() and step.isdigit() else None


def parse_time(value: object) -> time.struct_time | None:
    """A UTC time from a date string in any format feedparser reads (RFC 3339, RFC 822, ...), or
    from a number of seconds (or milliseconds) since the epoch, also when written as text."""
    if isinstance(value, str) and _EPOCH_TEXT.match(value):
        value = float(value)  # APIs quote their numbers too; feedparser would read a year
    if isinstance(value, str):
        try:
            parsed = _parse_date(value)
        except (ValueError, OverflowError, IndexError):
            return None
        return parsed if isinstance(parsed, time.struct_time) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = value / 1000 if abs(value) >= EPOCH_MILLISECONDS_FROM else value
    try:
        return time.gmtime(seconds)
    except (ValueError, OverflowError, OSError):
        return None


def _entry(
    *, id: str, title: str, link: str, summary: str, published: object, updated: object
) -> dict[str, Any]:
    return {
        "id": id,
        "title": title,
        "link": link,
        "summary": summary,
        "published": _text(published),
        "published_parsed": parse_time(published),
        "updated": _text(updated),
        "updated_parsed": parse_time(updated),
    }


def _text(value: object) -> str:
    """A string as it is; a number as its digits; anything else (objects, lists, null) as
    nothing."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
