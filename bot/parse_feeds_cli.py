"""`python -m bot parse-feeds FILE...`: local files through the parser every poll uses, one JSON
line per file. A file that cannot be read or parsed is reported on its line, and the rest go on."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.models import NewsItem
from bot.sources.http import DEFAULT_MAX_BYTES, SourceError
from bot.sources.json_feed import JsonPaths
from bot.sources.rss import read_feed


def cmd_parse_feeds(
    files: Iterable[str], *, lang: str, now: datetime, out: TextIO, paths: JsonPaths | None = None
) -> int:
    """Exit 0 once every file is reported, whatever each one's outcome."""
    for name in files:
        out.write(json.dumps(parse_file(Path(name), lang, now, paths), ensure_ascii=False) + "\n")
    return 0


def parse_file(path: Path, lang: str, now: datetime, paths: JsonPaths | None) -> dict[str, Any]:
    report: dict[str, Any] = {"file": str(path), "items": [], "bozo": False, "error": None}
    try:
        with path.open("rb") as file:
            body = file.read(DEFAULT_MAX_BYTES + 1)
    except OSError as exc:
        report["error"] = f"cannot read: {exc.strerror or exc}"
        return report
    if len(body) > DEFAULT_MAX_BYTES:
        # As a poll would: a fetch reads no more than this.
        report["error"] = f"larger than {DEFAULT_MAX_BYTES} bytes, the most a fetch reads"
        return report
    try:
        parsed = read_feed(body, source=path.name, lang=lang, now=now, paths=paths)
    except SourceError as exc:
        report["error"] = exc.message
        return report
    except Exception as exc:  # a parser bug shows on this file's line, not as the end of the run
        report["error"] = f"unexpected {type(exc).__name__}: {exc}"
        return report
    report["items"] = [_item(item) for item in parsed.items]
    report["bozo"] = parsed.bozo
    return report


def _item(item: NewsItem) -> dict[str, str]:
    return {
        "id": item.id,
        "title": item.title,
        "link": item.link,
        "published": item.published.isoformat(),
        "summary": item.summary,
    }
