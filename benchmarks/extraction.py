"""Extraction cost per news item against feedparser's parse cost for the same items, same run.

    python benchmarks/extraction.py [--repeat R] [--items N] [--json]

Two measures, each printed as µs per item and as the ratio feedparser / extract():

- feeds: the captured RSS/Atom feeds in ../shared/data/feeds (TICKERWATCH_SHARED_DATA
  overrides). Each feed is parsed from bytes the way bot/sources/rss.py does it (HTML
  sanitising and relative-URI resolution off); extract() then runs, without a language, on the
  text of every item as bot/sources/rss.py builds it. Without the folder, a synthetic feed of
  generated wire items with summaries stands in.
- headlines: the dense mix of labelled dev-set texts (nearly all analyst actions and
  partnerships) as one RSS document, each text the title of an item and the next one its
  description. Without the dev sets, generated headlines stand in.

Every timing is the best of R repeats of the whole batch, so both sides meet the same noise.
Extraction's word caches are emptied before each repeat: no item counts as seen before.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import feedparser

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.sources.http import SourceError  # noqa: E402
from bot.sources.rss import parse_feed  # noqa: E402
from rules.extract import extract  # noqa: E402

DEV_FILES = (
    "de_dpa_afx.dev.jsonl",
    "en_benzinga.dev.jsonl",
    "en_sentivent_partnership.dev.jsonl",
    "de_prose.dev.jsonl",
)
FEED_SUFFIXES = (".xml", ".rss", ".atom")


def shared_data() -> Path:
    return Path(os.environ.get("TICKERWATCH_SHARED_DATA") or REPO / ".." / "shared" / "data")


def parse(body: bytes) -> Any:
    """feedparser as bot/sources/rss.py calls it."""
    return feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)


def item_texts(body: bytes) -> list[str]:
    """The text of each item as the pipeline hands it to extract(): bot/sources/rss.py's items
    (plain title and summary, or the first content when there is no summary, capped)."""
    try:
        items = parse_feed(body, source="benchmark", lang="en", now=datetime.now(UTC))
    except SourceError:
        return []
    return [item.text for item in items]


def captured_feeds() -> list[bytes]:
    folder = shared_data() / "feeds"
    if not folder.is_dir():
        return []
    paths = sorted(p for p in folder.iterdir() if p.suffix in FEED_SUFFIXES and p.is_file())
    return [path.read_bytes() for path in paths]


def dev_texts(limit: int) -> list[tuple[str, str]]:
    """(text, lang) pairs from the dev sets, interleaved so every set is represented."""
    per_file: list[list[tuple[str, str]]] = []
    for name in DEV_FILES:
        path = shared_data() / "eval" / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        per_file.append([(row["text"], row.get("lang") or "en") for row in rows])
    mixed: list[tuple[str, str]] = []
    for group in zip(*per_file, strict=False):
        mixed.extend(group)
    return mixed[:limit]


_FIRMS = ["Northwind", "Contoso", "Fabrikam", "Tailspin Toys", "Litware", "Adatum", "Globex"]
_BROKERS = ["Berenberg", "Goldman", "JP Morgan", "UBS", "Jefferies"]
_ENGLISH = [
    "{b} Raises {a} Price Target to ${n}, Maintains Buy",
    "{a} teams up with {c} on cloud software",
    "{a} shares rose {n}% after quarterly results beat estimates",
    "{a} signs multi-year supply agreement with {c}",
    "{a} names new chief financial officer",
    "{a} to open a second plant in Ohio next year",
]
_GERMAN = [
    "{b} hebt Ziel für {a} auf {n} Euro - 'Buy'",
    "{a} vereinbart Kooperation mit {c}",
    "Die Aktie von {a} gab um {n} Prozent nach",
    "{b} belässt {a} auf 'Hold' - Ziel {n} Euro",
    "{a} eröffnet neues Werk in Sachsen",
    "Hauptversammlung von {a} wählt neuen Aufsichtsrat",
]
_SUMMARY = {
    "en": "{a} said on Tuesday that the company expects demand to stay firm through the year, "
    "according to a statement published after the market closed.",
    "de": "{a} teilte am Dienstag mit, die Nachfrage dürfte im Gesamtjahr stabil bleiben, wie "
    "aus einer nach Börsenschluss veröffentlichten Mitteilung hervorgeht.",
}


def synthetic_texts(limit: int, seed: int = 42) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    texts = []
    for index in range(limit):
        lang = "en" if index % 2 else "de"
        template = rnd.choice(_ENGLISH if lang == "en" else _GERMAN)
        a, c = rnd.sample(_FIRMS, 2)
        values = {"a": a, "c": c, "b": rnd.choice(_BROKERS), "n": rnd.randint(2, 300)}
        texts.append((template.format(**values), lang))
    return texts


def rss_document(titles: list[str], summaries: list[str]) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>']
    parts.append("<title>bench</title><link>http://127.0.0.1/</link><description>b</description>")
    for index, (title, summary) in enumerate(zip(titles, summaries, strict=True)):
        parts.append(
            f"<item><title>{escape(title)}</title><description>{escape(summary)}</description>"
            f"<link>http://127.0.0.1/{index}</link><guid>item-{index}</guid>"
            "<pubDate>Mon, 03 Nov 2025 10:00:00 +0000</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def synthetic_feeds(items: int) -> list[bytes]:
    """Wire items with a sentence of summary each, in feeds of 25 like real ones."""
    texts = synthetic_texts(items, seed=7)
    feeds = []
    for start in range(0, len(texts), 25):
        batch = texts[start : start + 25]
        titles = [text for text, _ in batch]
        summaries = [
            _SUMMARY[lang].format(a=_FIRMS[i % len(_FIRMS)]) for i, (_, lang) in enumerate(batch)
        ]
        feeds.append(rss_document(titles, summaries))
    return feeds


def best_of(repeat: int, run: Callable[[], object], setup: Callable[[], object] = list) -> float:
    best = float("inf")
    for _ in range(repeat):
        setup()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def word_caches() -> list[Any]:
    """Extraction's bounded word caches (`functools.lru_cache`), each once."""
    found: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("rules.extract"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    found[id(value)] = value
    return list(found.values())


def measure(feeds: list[bytes], repeat: int, lang: list[str] | None = None) -> dict[str, Any]:
    """µs per item for parsing the feeds and for extracting from their entries."""
    parse_s = extract_s = 0.0
    count = 0
    offset = 0
    # Found once: walking the modules before every repeat would also evict the processor's
    # caches right before the timed run, a cost the bot does not pay.
    caches = word_caches()

    def forget_words() -> None:
        """Every repeat reads its items as if it saw them first: no repeat profits from the
        one before."""
        for cache in caches:
            cache.cache_clear()

    for body in feeds:
        texts = item_texts(body)
        if not texts:
            continue
        langs: list[str | None] = [None] * len(texts)
        if lang is not None:
            langs = list(lang[offset : offset + len(texts)])
            offset += len(texts)
        parse_s += best_of(repeat, lambda body=body: parse(body))
        extract_s += best_of(
            repeat,
            lambda texts=texts, langs=langs: [
                extract(text, code) for text, code in zip(texts, langs, strict=True)
            ],
            forget_words,
        )
        count += len(texts)
    if not count:
        return {"items": 0}
    return {
        "items": count,
        "feedparser_us_per_item": round(parse_s / count * 1e6, 2),
        "extract_us_per_item": round(extract_s / count * 1e6, 2),
        "ratio": round(parse_s / extract_s, 2) if extract_s else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="repeats; the best one counts")
    parser.add_argument("--items", type=int, default=400, help="items in the headline mix")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.items < 1 or args.repeat < 1:
        parser.error("--items and --repeat must be positive")

    feeds = captured_feeds()
    feeds_source = "captured feeds" if feeds else "synthetic feeds"
    real = measure(feeds or synthetic_feeds(200), args.repeat)
    real["source"] = feeds_source
    if feeds:
        real["feeds"] = len(feeds)

    items = dev_texts(args.items)
    mix_source = "dev-set headlines" if items else "synthetic headlines"
    items = items or synthetic_texts(args.items)
    titles = [text for text, _ in items]
    summaries = [titles[(index + 1) % len(titles)] for index in range(len(titles))]
    dense = measure([rss_document(titles, summaries)], args.repeat, [lang for _, lang in items])
    dense["source"] = mix_source

    if args.json:
        print(json.dumps({"feeds": real, "headlines": dense, "repeat": args.repeat}))
        return 0
    print(f"best of {args.repeat} repeats; ratio = feedparser cost / extraction cost")
    for name, result in (("feeds", real), ("headlines", dense)):
        if not result.get("items"):
            print(f"  {name:<9}  no items ({result['source']})")
            continue
        print(
            f"  {name:<9}  {result['items']:>4} items ({result['source']}): "
            f"feedparser {result['feedparser_us_per_item']:>7.1f} µs/item, "
            f"extract {result['extract_us_per_item']:>6.1f} µs/item, "
            f"ratio {result['ratio']}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
