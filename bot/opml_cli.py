"""`python -m bot import-opml FILE`: the feeds of an OPML file as YAML for `sources: feeds:`.

It prints rather than stores: the config file stays the one place where shared feeds are written
down, and a reload (SIGHUP, /reload) puts them in effect."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import TextIO

import yaml
from pydantic import ValidationError

from bot.config import FeedSource, load_config
from bot.durations import format_duration
from bot.opml import OpmlError, parse_opml
from bot.redact import redact_url
from bot.sources.language import language_code
from bot.user_feeds import name_for

EXIT_OK, EXIT_SKIPPED, EXIT_UNUSABLE = 0, 1, 2


def cmd_import_opml(
    file: str,
    *,
    config: str | None,
    every: timedelta,
    lang: str,
    out: TextIO = sys.stdout,
    errors: TextIO = sys.stderr,
) -> int:
    try:
        found = parse_opml(Path(file).read_bytes())
    except OSError as exc:
        print(f"error: {file}: cannot read: {exc.strerror or exc}", file=errors)
        return EXIT_UNUSABLE
    except OpmlError as exc:
        print(f"error: {file}: {exc}", file=errors)
        return EXIT_UNUSABLE
    taken: set[str] = set()
    known_urls: set[str] = set()
    if config is not None:
        existing = load_config(config).sources.feeds
        taken = {feed.name for feed in existing}
        known_urls = {feed.url for feed in existing}
    feeds: list[dict[str, str]] = []
    skipped = 0
    for entry in found:
        if entry.url in known_urls:
            print(f"skipped {redact_url(entry.url)}: already in {config}", file=errors)
            skipped += 1
            continue
        name = name_for(entry.url, taken)
        feed_lang = language_code(entry.lang or "") or lang
        try:
            FeedSource(name=name, url=entry.url, every=every, lang=feed_lang)
        except ValidationError:
            print(f"skipped {redact_url(entry.url)[:200]}: not an http(s) URL", file=errors)
            skipped += 1
            continue
        taken.add(name)
        feeds.append(
            {"name": name, "url": entry.url, "every": format_duration(every), "lang": feed_lang}
        )
    print(f"# {len(feeds)} feeds from {file}; paste under sources: feeds: in the config", file=out)
    if feeds:
        out.write(yaml.safe_dump(feeds, sort_keys=False, allow_unicode=True))
    return EXIT_SKIPPED if skipped else EXIT_OK
