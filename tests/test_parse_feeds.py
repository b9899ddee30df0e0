"""`python -m bot parse-feeds FILE...`: local files through the parser the polls use, one JSON
line per file, every file reported whatever its state; all of feedparser's test corpus passes."""

from __future__ import annotations

import io
import json
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bot_process import bot_command
from shared_data import SHARED_DATA

from bot.parse_feeds_cli import cmd_parse_feeds

NOW = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)
RSS = b"""<rss version="2.0"><channel><title>W</title>
<item><title>One &amp; only</title><link>https://w.example/1</link>
<pubDate>Mon, 03 Aug 2026 11:00:00 GMT</pubDate></item></channel></rss>"""
BROKEN_RSS = b"""<rss version="2.0"><channel><title>W</title>
<item><title>Kept</title><link>https://w.example/1</link></item><item><titl"""
JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "items": [
{"id": "1", "url": "https://w.example/1", "title": "From JSON"}]}"""
PAGE = b"""<!doctype html><html><head>
<link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body></body></html>"""
TICKER = b'{"data": {"list": [{"h": "Headline", "u": "https://w.example/t", "t": 1785754800}]}}'


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_each_file_gets_its_line_and_a_bad_one_stops_nothing(tmp_path: Path) -> None:
    files = {
        "feed.xml": RSS,
        "broken.xml": BROKEN_RSS,
        "feed.json": JSON_FEED,
        "page.html": PAGE,
        "empty.xml": b"",
        "ticker.json": TICKER,
    }
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
    names = [str(tmp_path / name) for name in files] + [str(tmp_path / "missing.xml")]
    names.append(str(tmp_path))  # a directory
    huge = tmp_path / "huge.xml"
    huge.write_bytes(RSS + b" " * 5_000_000)
    names.append(str(huge))
    out = io.StringIO()
    assert cmd_parse_feeds(names, lang="en", now=NOW, out=out) == 0
    rss, broken, from_json, page, empty, ticker, *rest = lines(out.getvalue())
    missing, directory, too_large = rest
    assert rss["file"] == names[0] and rss["error"] is None and rss["bozo"] is False
    assert rss["items"][0]["title"] == "One & only"
    assert rss["items"][0]["published"] == "2026-08-03T11:00:00+00:00"
    assert broken["bozo"] is True and [item["title"] for item in broken["items"]] == ["Kept"]
    assert from_json["items"][0]["title"] == "From JSON"
    assert (
        page["error"] == "page.html: this is a web page, not a feed; its feed may be at /atom.xml"
    )
    assert empty["error"].startswith("empty.xml: not a readable feed")
    assert ticker["error"].startswith("ticker.json: JSON, but not a JSON Feed")
    assert directory["error"] == "cannot read: Is a directory"
    assert too_large["error"] == "larger than 5000000 bytes, the most a fetch reads"
    assert missing == {
        "file": names[-3],
        "items": [],
        "bozo": False,
        "error": "cannot read: No such file or directory",
    }


def test_the_command_reads_json_through_paths_and_refuses_wrong_arguments(
    tmp_path: Path,
) -> None:
    ticker = tmp_path / "ticker.json"
    ticker.write_bytes(TICKER)
    paths = ["--items", "data.list", "--title", "h", "--link", "u", "--time", "t"]
    result = bot_command("parse-feeds", str(ticker), str(tmp_path / "gone.xml"), *paths)
    assert result.returncode == 0, result.stderr
    found, gone = lines(result.stdout)
    assert found["items"][0]["title"] == "Headline"
    assert found["items"][0]["published"] == "2026-08-03T11:00:00+00:00"
    assert gone["error"] == "cannot read: No such file or directory"

    incomplete = bot_command("parse-feeds", str(ticker), "--items", "data.list")
    assert incomplete.returncode == 2 and "need --title, --link, --time" in incomplete.stderr
    assert bot_command("parse-feeds").returncode == 2
    bad_path = bot_command("parse-feeds", str(ticker), "--items", "data..list")
    assert bad_path.returncode == 2 and "is not a path" in bad_path.stderr


def test_all_of_feedparsers_test_corpus_goes_through(tmp_path: Path) -> None:
    archive = SHARED_DATA / "feedparser_tests_corpus.tar.gz"
    if not archive.is_file():
        pytest.skip(f"{archive} not present")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    files = sorted(str(path) for path in tmp_path.rglob("*") if path.suffix in (".xml", ".json"))
    assert len(files) >= 2106  # its feeds, and the JSON Feed example among them
    out = io.StringIO()
    assert cmd_parse_feeds(files, lang="en", now=NOW, out=out) == 0
    reports = lines(out.getvalue())
    assert [report["file"] for report in reports] == files
    unexpected = [report for report in reports if (report["error"] or "").startswith("unexpected")]
    assert unexpected == []
    read = [report for report in reports if report["error"] is None]
    assert len(read) > 1800
    assert sum(len(report["items"]) for report in read) > 200
