"""Extraction cost per news item against feedparser's parse cost for the same items, same run.

    python benchmarks/extraction.py [--items N] [--repeat R] [--json]

Items come from the labelled dev sets in ../shared/data (TICKERWATCH_SHARED_DATA overrides);
without them, generated headlines stand in. Each item becomes an RSS <item> with the text as
title and the next text as description; feedparser parses the whole document, and extract()
then runs on title + summary of every parsed entry. Both are the best of R repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rules.extract import extract  # noqa: E402
from rules.extract.partnership import find_partnerships  # noqa: E402

DEV_FILES = (
    "de_dpa_afx.dev.jsonl",
    "en_benzinga.dev.jsonl",
    "en_sentivent_partnership.dev.jsonl",
    "de_prose.dev.jsonl",
)


def shared_data() -> Path:
    return Path(os.environ.get("TICKERWATCH_SHARED_DATA") or REPO / ".." / "shared" / "data")


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


def synthetic_texts(limit: int) -> list[tuple[str, str]]:
    rnd = random.Random(42)
    firms = ["Northwind", "Contoso", "Fabrikam", "Tailspin Toys", "Litware", "Adatum", "Globex"]
    brokers = ["Berenberg", "Goldman", "JP Morgan", "UBS", "Jefferies"]
    english = [
        "{b} Raises {a} Price Target to ${n}, Maintains Buy",
        "{a} teams up with {c} on cloud software",
        "{a} shares rose {n}% after quarterly results beat estimates",
        "{a} signs multi-year supply agreement with {c}",
    ]
    german = [
        "{b} hebt Ziel für {a} auf {n} Euro - 'Buy'",
        "{a} vereinbart Kooperation mit {c}",
        "Die Aktie von {a} gab um {n} Prozent nach",
        "{b} belässt {a} auf 'Hold' - Ziel {n} Euro",
    ]
    texts = []
    for index in range(limit):
        lang = "en" if index % 2 else "de"
        template = rnd.choice(english if lang == "en" else german)
        a, c = rnd.sample(firms, 2)
        values = {"a": a, "c": c, "b": rnd.choice(brokers), "n": rnd.randint(2, 300)}
        texts.append((template.format(**values), lang))
    return texts


def rss_document(items: list[tuple[str, str]]) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>']
    parts.append("<title>bench</title><link>http://127.0.0.1/</link><description>b</description>")
    for index, (text, _) in enumerate(items):
        summary = items[(index + 1) % len(items)][0]
        parts.append(
            f"<item><title>{escape(text)}</title><description>{escape(summary)}</description>"
            f"<link>http://127.0.0.1/{index}</link><guid>item-{index}</guid>"
            "<pubDate>Mon, 03 Nov 2025 10:00:00 +0000</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=400, help="news items in the feed")
    parser.add_argument("--repeat", type=int, default=5, help="repeats; the best one counts")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.items < 1 or args.repeat < 1:
        parser.error("--items and --repeat must be positive")

    items = dev_texts(args.items)
    source = "dev-sets"
    if not items:
        items, source = synthetic_texts(args.items), "synthetic"
    document = rss_document(items)
    parsed = feedparser.parse(document)
    entries = [
        (f"{e.get('title', '')}\n{e.get('summary', '')}", lang)
        for e, (_, lang) in zip(parsed.entries, items, strict=True)
    ]

    parse_s = best_of(args.repeat, lambda: feedparser.parse(document))
    extract_s = best_of(args.repeat, lambda: [extract(text, lang) for text, lang in entries])
    partner_s = best_of(
        args.repeat, lambda: [find_partnerships(text, lang) for text, lang in entries]
    )
    count = len(entries)
    result = {
        "items": count,
        "source": source,
        "feedparser_us_per_item": round(parse_s / count * 1e6, 2),
        "extract_us_per_item": round(extract_s / count * 1e6, 2),
        "partnership_us_per_item": round(partner_s / count * 1e6, 2),
        "feedparser_to_extract_ratio": round(parse_s / extract_s, 2) if extract_s else None,
        "feedparser_to_partnership_ratio": round(parse_s / partner_s, 2) if partner_s else None,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{count} items from {source}, best of {args.repeat}")
        print(f"  feedparser.parse   {result['feedparser_us_per_item']:>9.1f} µs/item")
        print(f"  extract()          {result['extract_us_per_item']:>9.1f} µs/item")
        print(f"  find_partnerships  {result['partnership_us_per_item']:>9.1f} µs/item")
        print(f"  extraction is {result['feedparser_to_extract_ratio']}x cheaper than parsing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
