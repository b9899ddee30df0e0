"""OPML files: parsed safely (no document type declaration, bounded), written back, and turned
into config YAML by `python -m bot import-opml`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bot_process import bot_command

from bot.config import Config
from bot.opml import OpmlError, OpmlFeed, parse_opml, render_opml

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Markets" title="Markets">
      <outline type="rss" text="Heise" xmlUrl="https://www.heise.de/rss/heise.rdf"
               language="de-DE"/>
      <outline type="rss" text="Wire &amp; Co" xmlUrl="https://wire.example/rss?a=1&amp;b=2"/>
      <outline type="rss" text="Again" xmlUrl="https://www.heise.de/rss/heise.rdf"/>
    </outline>
    <outline text="a folder without a feed"/>
    <outline type="rss" text="Gopher" xmlUrl="gopher://old.example/feed"/>
  </body>
</opml>
"""


def test_a_feed_readers_export_is_read_in_order_each_url_once() -> None:
    assert parse_opml(READER_EXPORT) == [
        OpmlFeed("https://www.heise.de/rss/heise.rdf", "Heise", "de"),
        OpmlFeed("https://wire.example/rss?a=1&b=2", "Wire & Co", None),
        OpmlFeed("gopher://old.example/feed", "Gopher", None),
    ]


def test_what_is_written_reads_back_the_same() -> None:
    feeds = [OpmlFeed('https://a.example/x?q="<&>"', "A <b> & 'c'", "en"), OpmlFeed("https://b")]
    assert parse_opml(render_opml(feeds, "title & <more>")) == [
        feeds[0],
        OpmlFeed("https://b", "https://b", None),
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<opml><body><outline xmlUrl="&b;"/></body></opml>',
            "document type declaration",
        ),
        (
            b'<!DOCTYPE opml SYSTEM "file:///etc/passwd"><opml><body/></opml>',
            "document type declaration",
        ),
        (
            b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<opml><body><outline xmlUrl="&e;"/></body></opml>',
            "document type declaration",
        ),
        (b"<opml><body><outline", "not well-formed"),
        (b"<rss><channel/></rss>", "not an OPML file"),
        (b"<opml>" + b"<x/>" * 100_001 + b"</opml>", "more than 100000 elements"),
        (b" " * 1_000_001, "larger than"),
    ],
)
def test_hostile_or_broken_files_are_refused(body: bytes, problem: str) -> None:
    with pytest.raises(OpmlError, match=problem):
        parse_opml(body)


def test_import_opml_prints_yaml_that_a_config_accepts(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(READER_EXPORT)
    config = tmp_path / "config.yaml"
    config.write_text(
        "sources:\n  feeds:\n    - {name: heise.de, url: 'https://other.example/rss', every: 1m}\n"
    )
    done = bot_command("import-opml", str(opml), "-c", str(config), "--every", "10m")
    assert done.returncode == 1, done.stderr  # the gopher URL was skipped
    assert "skipped gopher://old.example/feed: not an http(s) URL" in done.stderr
    feeds = yaml.safe_load(done.stdout)
    assert feeds == [
        {
            "name": "heise.de-2",
            "url": "https://www.heise.de/rss/heise.rdf",
            "every": "10m",
            "lang": "de",
        },
        {
            "name": "wire.example",
            "url": "https://wire.example/rss?a=1&b=2",
            "every": "10m",
            "lang": "en",
        },
    ]
    merged = yaml.safe_load(config.read_text())
    merged["sources"]["feeds"] += feeds
    assert len(Config.model_validate(merged).sources.feeds) == 3


def test_import_opml_refuses_a_hostile_file(tmp_path: Path) -> None:
    opml = tmp_path / "laughs.opml"
    opml.write_bytes(b'<!DOCTYPE x [<!ENTITY a "a">]><opml><body/></opml>')
    done = bot_command("import-opml", str(opml))
    assert done.returncode == 2
    assert "a document type declaration is not accepted" in done.stderr
    assert done.stdout == ""
