"""Feed formats beyond RSS and Atom: JSON Feed, JSON read through configured paths, a web page
where a feed was expected; feeds in any language. Parsed through the same normaliser as RSS,
checked at poll time against a real HTTP server on 127.0.0.1 and a real Redis."""

from __future__ import annotations

import io
import json
import logging
import pickle
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web
from local_http import serve
from pydantic import ValidationError
from stepped_clock import SteppedClock

from bot.app import App
from bot.config import Config, FeedSource
from bot.models import NewsItem
from bot.replay import records, replay
from bot.sources.http import SourceError
from bot.sources.json_feed import JsonPaths, parse_path
from bot.sources.language import extraction_language, language_code
from bot.sources.rss import parse_feed
from bot.sources.web_page import WebPageError, advertised_feeds
from bot.store import Store

NOW = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)
MORNING = datetime(2026, 8, 3, 11, 0, tzinfo=UTC)

RSS_TWIN = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://news.example/</link>
<description>d</description>
<item><guid isPermaLink="false">item-1</guid>
<title>Broker lifts &lt;b&gt;Example&lt;/b&gt; Corp</title>
<link>https://news.example/1</link><pubDate>Mon, 03 Aug 2026 07:00:00 -0400</pubDate>
<description>&lt;p&gt;Analysts see &amp;amp; more upside.&lt;/p&gt;</description></item>
<item><title>Undated note</title><link>https://news.example/2</link></item>
</channel></rss>"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Wire",
    "language": "en",
    "items": [
        {
            "id": "item-1",
            "url": "https://news.example/1",
            "title": "Broker lifts <b>Example</b> Corp",
            "content_html": "<p>Analysts see &amp; more upside.</p>",
            "date_published": "2026-08-03T07:00:00-04:00",
            "date_modified": "2026-08-03T09:00:00-04:00",
            "tags": ["analysts"],
        },
        {"url": "https://news.example/2", "title": "Undated note"},
    ],
}


def json_bytes(document: Any) -> bytes:
    return json.dumps(document).encode()


def parse(body: bytes, **options: Any) -> list[NewsItem]:
    return parse_feed(body, source="wire", lang="en", now=NOW, **options)


# -- JSON Feed ---------------------------------------------------------------------------------


def test_a_json_feed_gives_the_items_its_rss_twin_gives() -> None:
    from_json = parse(json_bytes(JSON_FEED), content_type="application/feed+json")
    from_rss = parse(RSS_TWIN)
    assert from_json[0] == from_rss[0]
    assert from_json[0].title == "Broker lifts Example Corp"
    assert from_json[0].summary == "Analysts see & more upside."
    assert from_json[0].published == MORNING
    # No id: the link stands in, as for an RSS item without a guid; no date: the poll's time.
    assert from_json[1] == from_rss[1]
    assert from_json[1].published == NOW


def test_json_feed_fields_fall_back_in_the_specs_order() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {
                "id": 42,
                "external_url": "https://elsewhere.example/a",
                "title": "Plain",
                "content_text": "Only text",
                "date_modified": "2026-08-03T11:00:00Z",
            },
            {"id": "s", "title": "Both", "summary": "Short", "content_html": "<p>Long</p>"},
            "not an item",
        ],
    }
    plain, both = parse(json_bytes(document))
    assert plain.link == "https://elsewhere.example/a"
    assert plain.summary == "Only text"
    assert plain.published == MORNING
    assert plain.id == parse(json_bytes({"items": [{"id": "42", "title": "x"}]}))[0].id
    assert both.summary == "Short"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"\xef\xbb\xbf" + json_bytes(JSON_FEED), None),  # a byte order mark
        (b"\n  " + json_bytes(JSON_FEED), "text/plain"),  # told by its text
    ],
)
def test_json_feeds_are_told_by_their_text(body: bytes, content_type: str | None) -> None:
    assert len(parse(body, content_type=content_type)) == 2


def test_rss_served_as_json_is_still_read() -> None:
    assert len(parse(RSS_TWIN, content_type="application/json")) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"items": [', "wire: not valid JSON (Expecting value at line 1, column 12)"),
        (b'{"data": []}', "wire: JSON, but not a JSON Feed; to read it, set format: json"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "without an items list"),
        (b"[" * 100_000, "wire: not valid JSON (nested too deeply)"),
    ],
)
def test_json_that_is_no_feed_is_a_clear_parse_error(body: bytes, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse(body)
    assert caught.value.kind == "parse"
    assert message in caught.value.message


# -- JSON through paths ------------------------------------------------------------------------

TICKER = {
    "status": "ok",
    "data": {
        "list": [
            {
                "headline": "Broker lifts <b>Example</b> Corp",
                "links": [{"href": "https://news.example/1"}],
                "ts": 1785754800,  # 2026-08-03 11:00 UTC, in seconds
                "meta": {"guid": "item-1"},
                "teaser": "<p>Analysts see &amp; more upside.</p>",
            },
            {"headline": "In milliseconds", "ts": 1785754800000, "links": []},
            {"headline": "As text", "ts": "Mon, 03 Aug 2026 13:00:00 +0200"},
            {"headline": "As quoted digits", "ts": "1785754800"},
            {"headline": "Unreadable time", "ts": "soon"},
            {"links": [{"href": "https://news.example/untitled"}]},
            {"ts": 1785754800},  # neither title nor link: skipped, as in RSS
        ]
    },
}
TICKER_PATHS = JsonPaths(
    items="data.list",
    title="headline",
    link="links[0].href",
    time="ts",
    summary="teaser",
    id="meta.guid",
)


def test_any_json_is_read_through_its_paths_like_an_rss_item() -> None:
    items = parse(json_bytes(TICKER), paths=TICKER_PATHS)
    assert items[0] == parse(RSS_TWIN)[0]
    assert [item.title for item in items] == [
        "Broker lifts Example Corp",
        "In milliseconds",
        "As text",
        "As quoted digits",
        "Unreadable time",
        "",
    ]
    assert [item.published for item in items] == [MORNING, MORNING, MORNING, MORNING, NOW, NOW]
    assert items[5].link == "https://news.example/untitled"


def test_paths_read_lists_by_index_and_digits() -> None:
    document = [{"rows": [{"cells": ["Title A", "https://a.example/1", "2026-08-03T11:00:00Z"]}]}]
    for paths in (
        JsonPaths("[0].rows", "cells[0]", "cells[1]", "cells[2]"),
        JsonPaths("0.rows", "cells.0", "cells[-2]", "cells.2"),
    ):
        (item,) = parse(json_bytes(document), paths=paths)
        assert (item.title, item.link, item.published) == (
            "Title A",
            "https://a.example/1",
            MORNING,
        )


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (
            JsonPaths("data.items", "headline", "url", "ts"),
            "wire: items path `data.items` not found",
        ),
        (
            JsonPaths("data", "headline", "url", "ts"),
            "items path `data` leads to an object, not a list",
        ),
        (
            JsonPaths("status", "headline", "url", "ts"),
            "items path `status` leads to a string, not a list",
        ),
        (
            JsonPaths("data.list", "title", "links[0].href", "time"),
            "wire: title path `title`, time path `time` not found in any of the 7 items",
        ),
        (
            JsonPaths("data.list", "headline", "links[0].href", "ts", summary="body"),
            "summary path `body` not found in any of the 7 items",
        ),
    ],
)
def test_a_path_that_leads_nowhere_is_named(paths: JsonPaths, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse(json_bytes(TICKER), paths=paths)
    assert caught.value.kind == "parse"
    assert message in caught.value.message


def test_an_empty_list_is_an_empty_feed() -> None:
    assert parse(b'{"data": {"list": []}}', paths=TICKER_PATHS) == []


@pytest.mark.parametrize("path", ["", "a..b", ".a", "a.", "a[x]", "a[0", "a]"])
def test_malformed_paths_are_refused(path: str) -> None:
    with pytest.raises(ValueError, match="is not a path"):
        parse_path(path)


# -- web pages ----------------------------------------------------------------------------------

PAGE = b"""<!DOCTYPE html>
<html><head><title>Example News</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">
<link rel="alternate" type="application/rss+xml" title="News" href="/feeds/news.xml">
</head><body><p>Today's news</p></body></html>"""


def test_a_web_page_names_the_feed_it_advertises() -> None:
    with pytest.raises(WebPageError) as caught:
        parse(PAGE, content_type="text/html", url="https://news.example/today/index.html")
    error = caught.value
    assert error.kind == "parse"
    assert error.feeds == ("https://news.example/feeds/news.xml",)
    assert error.message == (
        "wire: this is a web page, not a feed; its feed may be at "
        "https://news.example/feeds/news.xml"
    )
    # Errors cross a process pool when feeds are parsed in one.
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.feeds) == (error.message, error.feeds)


def test_a_web_page_without_feed_links_says_so() -> None:
    page = b"<html><head><title>Sign in</title></head><body>Please log in</body></html>"
    with pytest.raises(WebPageError) as caught:
        parse(page)
    assert caught.value.message == "wire: this is a web page, not a feed"


def test_advertised_feeds_follow_base_and_keep_the_pages_order() -> None:
    page = b"""<html><head><base href="https://cdn.example/site/">
    <LINK REL="alternate feed" TYPE="application/atom+xml; charset=utf-8" HREF="atom.xml">
    <link rel=alternate type=application/feed+json href="https://news.example/feed.json">
    <link rel="alternate" type="application/rss+xml" href="atom.xml"/>
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head></html>"""
    assert advertised_feeds(page, "https://news.example/") == [
        "https://cdn.example/site/atom.xml",
        "https://news.example/feed.json",
    ]
    assert advertised_feeds(page.replace(b"<base", b"<notbase")) == [
        "atom.xml",
        "https://news.example/feed.json",
    ]


# -- languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("fr", "fr"),
        ("DE", "de"),
        ("pt-br", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("fil", "fil"),
    ],
)
def test_language_codes_are_accepted_in_their_usual_case(written: str, code: str) -> None:
    assert language_code(written) == code
    feed = FeedSource(name="f", url="https://x.example/", every="1m", lang=written)  # type: ignore[arg-type]
    assert feed.lang == code


@pytest.mark.parametrize("written", ["french", "e", "en_US", "en-", "de-DE-", "12", ""])
def test_a_malformed_language_code_is_a_config_error_naming_the_fix(written: str) -> None:
    with pytest.raises(ValidationError) as caught:
        FeedSource(name="f", url="https://x.example/", every="1m", lang=written)  # type: ignore[arg-type]
    assert "is not a language code; write one like en, de, fr or pt-BR" in str(caught.value)


def test_extraction_reads_english_and_german_only() -> None:
    assert [extraction_language(code) for code in ("en", "en-GB", "de-AT", "fr", "pt-BR")] == [
        "en",
        "en",
        "de",
        None,
        None,
    ]


async def test_keyword_rules_read_every_language_and_extraction_english_and_german(
    caplog: pytest.LogCaptureFixture,
) -> None:
    start = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    brokers = {"en": "Jefferies", "de-AT": "Erste Group", "fr": "Oddo BHF", "pt-BR": "Itau BBA"}
    items = [
        NewsItem(
            f"i{number}",
            "wire",
            f"{broker} downgrades Alibaba to Hold",
            "",
            f"https://n.example/{number}",
            start + timedelta(hours=number),
            lang,
        )
        for number, (lang, broker) in enumerate(brokers.items())
    ]

    async def fired(rule: dict[str, Any]) -> list[str]:
        config = Config.model_validate(
            {"watchlist": {"BABA": {"names": ["Alibaba"]}}, "rules": [{"name": "r", **rule}]}
        )
        sent = await replay(config, items, [])
        return [record["headline"] for record in records(sent)]

    notes = await fired({"type": "analyst", "rating_actions": ["up", "down", "main"]})
    assert len(notes) == 2 and not any("Oddo" in note or "Itau" in note for note in notes)
    assert len(await fired({"type": "keyword", "any": ["downgrades"]})) == 4
    # Skipped, not failed: the grammars are not asked to read a language they lack.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


# -- the config of a feed's format -------------------------------------------------------------


def feed(**options: Any) -> FeedSource:
    return FeedSource.model_validate(
        {"name": "f", "url": "https://x.example/", "every": "1m", **options}
    )


def test_a_json_source_in_the_config() -> None:
    source = feed(format="json", items="data.list", title="headline", link="url", time="ts")
    assert source.json_paths == JsonPaths("data.list", "headline", "url", "ts")
    assert feed().json_paths is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"format": "json", "items": "data"}, "format: json needs the paths title, link, time"),
        (
            {"items": "data", "title": "t"},
            "items, title: paths into JSON, read only with format: json",
        ),
        (
            {"format": "json", "items": "a..b", "title": "t", "link": "l", "time": "x"},
            "'a..b' is not a path",
        ),
        ({"format": "xml"}, "Input should be 'auto' or 'json'"),
    ],
)
def test_a_json_source_missing_a_path_is_a_config_error(
    options: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        feed(**options)
    assert message in str(caught.value)


# -- at poll time ------------------------------------------------------------------------------


class Site:
    """Pages and feeds on 127.0.0.1, each path with a body and a content type of its own."""

    def __init__(self) -> None:
        self.base = ""
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.requests: dict[str, int] = {}

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/{path:.*}", self._serve)
        return app

    async def _serve(self, request: web.Request) -> web.Response:
        path = request.path
        self.requests[path] = self.requests.get(path, 0) + 1
        if path not in self.pages:
            return web.Response(status=404)
        body, content_type = self.pages[path]
        return web.Response(body=body, headers={"Content-Type": content_type})


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    state = Site()
    async with serve(state.app()) as base:
        state.base = base
        yield state


def poll_config(redis_url: str, **feed_options: Any) -> Config:
    return Config.model_validate(
        {
            "redis": {"url": redis_url},
            "watchlist": {"BABA": {"names": ["Alibaba"]}},
            "sources": {
                "feeds": [{"name": "wire", "every": "1m"} | feed_options],
            },
            "rules": [{"name": "raise", "type": "keyword", "any": ["capital increase"]}],
        }
    )


async def polled(config: Config, clock: SteppedClock, steps: Callable[[App], Any]) -> str:
    out = io.StringIO()
    app = App(config, clock=clock, console=out, console_json=True, schedule=False)
    await app.start()
    try:
        await steps(app)
    finally:
        await app.stop()
    return out.getvalue()


async def test_a_web_page_at_poll_time_is_logged_counted_and_backed_off(
    site: Site, redis_url: str, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    site.pages["/news"] = (PAGE, "text/html; charset=utf-8")
    clock = SteppedClock(NOW)
    config = poll_config(redis_url, url=f"{site.base}/news")
    expected = f"this is a web page, not a feed; its feed may be at {site.base}/feeds/news.xml"
    caplog.set_level(logging.WARNING, logger="bot.jobs")

    async def steps(app: App) -> None:
        assert app.poller is not None
        source = app.config.sources.feeds[0]
        await app.poller.poll_feed(source)
        await app.poller.poll_feed(source)  # backed off: not fetched again yet
        assert site.requests["/news"] == 1
        clock.now += timedelta(minutes=3)
        await app.poller.poll_feed(source)
        assert site.requests["/news"] == 2
        metrics = app.metrics.text().decode()
        assert 'poll_failures_total{kind="parse",source="wire"} 2.0' in metrics

    await polled(config, clock, steps)
    health = await store.source_health("wire")
    assert expected in health["last_error"]
    assert health["consecutive_failures"] == "2"
    assert any(expected in record.getMessage() for record in caplog.records)


async def test_json_sources_alert_at_poll_time(site: Site, redis_url: str, store: Store) -> None:
    ticker: dict[str, Any] = {"data": {"list": []}}
    json_feed: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1", "items": []}
    clock = SteppedClock(NOW)

    def publish(number: int) -> None:
        title = f"Alibaba plans a capital increase ({number})"
        link = f"https://news.example/{number}"
        when = clock.now.isoformat()
        ticker["data"]["list"].insert(0, {"headline": title, "url": link, "ts": when})
        json_feed["items"].insert(
            0, {"id": link, "url": link, "title": title, "date_published": when}
        )
        site.pages["/ticker"] = (json_bytes(ticker), "application/json")
        site.pages["/feed.json"] = (json_bytes(json_feed), "application/feed+json")

    paths = {
        "format": "json",
        "items": "data.list",
        "title": "headline",
        "link": "url",
        "time": "ts",
    }
    publish(1)

    async def steps(app: App) -> None:
        assert app.poller is not None and app.worker is not None
        await app.poller.poll_feed(app.config.sources.feeds[0])  # the backlog: recorded only
        clock.now += timedelta(minutes=1)
        publish(2)
        await app.poller.poll_feed(app.config.sources.feeds[0])
        await app.worker.drained()

    for options in (
        {"name": "ticker", "url": f"{site.base}/ticker", **paths},
        {"name": "jsonfeed", "url": f"{site.base}/feed.json"},
    ):
        await store.redis.flushdb()  # a story alerts once, whichever source brings it
        ticker["data"]["list"].clear()
        json_feed["items"].clear()
        clock.now = NOW
        publish(1)
        out = await polled(poll_config(redis_url, **options), clock, steps)
        alerts = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert len(alerts) == 1, options
        assert alerts[0]["headline"] == "Alibaba plans a capital increase (2)"
