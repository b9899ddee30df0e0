"""Feed fetching and normalisation: real HTTP on 127.0.0.1, feedparser in a real executor."""

from __future__ import annotations

import multiprocessing
import re
import tarfile
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from local_http import serve
from shared_data import SHARED_DATA

from bot.models import NewsItem
from bot.sources.http import HttpClient, SourceError
from bot.sources.rss import (
    SUMMARY_MAX_CHARS,
    FeedResult,
    fetch_feed,
    html_to_text,
    parse_feed,
)

NOW = datetime(2026, 8, 3, 9, 30, tzinfo=UTC)


def rss_feed(count: int) -> bytes:
    items = "".join(
        f"""<item>
  <title>Broker {n} raises target for Example Corp to ${100 + n}</title>
  <link>https://news.example/articles/{n}</link>
  <guid isPermaLink="false">example-{n}</guid>
  <pubDate>Mon, 03 Aug 2026 {n % 24:02d}:15:00 +0200</pubDate>
  <description>&lt;p&gt;Analysts at &lt;b&gt;Broker {n}&lt;/b&gt; see more upside
  &amp;amp; keep their rating.&lt;/p&gt;</description>
</item>"""
        for n in range(count)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example wire</title><link>https://news.example/</link>
<description>Test wire</description>{items}</channel></rss>""".encode()


ATOM_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example filings</title>
  <id>urn:example:filings</id>
  <updated>2026-08-03T07:00:00Z</updated>
  <entry>
    <title type="html">Quarterly report &lt;em&gt;filed&lt;/em&gt;</title>
    <id>urn:example:filing:1</id>
    <link href="https://filings.example/1"/>
    <updated>2026-08-03T07:00:00-04:00</updated>
    <summary>Revenue grew 12 %.</summary>
  </entry>
  <entry>
    <title>Board changes</title>
    <id>urn:example:filing:2</id>
    <link href="https://filings.example/2"/>
    <published>2026-08-02T18:00:00Z</published>
    <updated>2026-08-03T06:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A new
      <strong>chair</strong> was named.</p></div></content>
  </entry>
</feed>"""

GERMAN_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Analysen</title><link>https://analysen.example/</link>
<description>Analysten-Ticker</description>
<item>
  <title>Musterbank hebt Ziel f&#xFC;r Beispiel AG auf 42 Euro – „Kaufen“</title>
  <link>https://analysen.example/beispiel-42</link>
  <pubDate>Mon, 03 Aug 2026 10:05:00 +0200</pubDate>
  <description><![CDATA[<p>FRANKFURT (Testdienst) - Die Musterbank hat das Kursziel für die
  <b>Beispiel AG</b> von 38 auf 42&nbsp;Euro angehoben.</p><p>Größere Margen
  erwartet.</p><a href="https://analysen.example/beispiel-42">[weiter]</a>]]></description>
</item>
</channel></rss>""".encode()

LATIN1_TEXT = "Börse: Übernahme für Müller-Aktionäre"
LATIN1_DECLARED = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Wire</title><item><title>{LATIN1_TEXT}</title>
<link>https://latin.example/1</link></item></channel></rss>""".encode("iso-8859-1")
LATIN1_UNDECLARED = f"""<rss version="2.0"><channel><title>Wire</title><item>
<title>{LATIN1_TEXT}</title><link>https://latin.example/1</link></item></channel></rss>""".encode(
    "iso-8859-1"
)

NOT_A_FEED = b"<html><head><title>Sign in</title></head><body><p>Please log in</body></html>"
TRUNCATED_FEED = b"""<rss version="2.0"><channel><title>Cut</title>
<item><title>Kept one &nbsp; here</title><link>https://cut.example/1</link></item>
<item><title>Kept two</title><link>https://cut.example/2</link></item>
<item><descrip"""


class CountingExecutor(ThreadPoolExecutor):
    """A real thread pool that counts the parse jobs handed to it."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.jobs = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.jobs += 1
        return super().submit(fn, *args, **kwargs)


class FeedServer:
    def __init__(self) -> None:
        self.base = ""
        self.changing = rss_feed(3)

    def app(self) -> web.Application:
        app = web.Application()
        fixed: dict[str, tuple[bytes, str]] = {
            "/rss50": (rss_feed(50), "application/rss+xml; charset=utf-8"),
            "/atom": (ATOM_FEED, "application/atom+xml"),
            "/de": (GERMAN_FEED, "application/rss+xml"),
            "/latin1": (LATIN1_DECLARED, "application/xml"),
            "/latin1-header": (LATIN1_UNDECLARED, "application/rss+xml; charset=ISO-8859-1"),
            "/not-a-feed": (NOT_A_FEED, "text/html"),
            "/truncated": (TRUNCATED_FEED, "application/rss+xml"),
        }
        for path, (body, content_type) in fixed.items():
            app.router.add_get(path, self._serve(body, content_type))
        app.router.add_get("/etag", self.with_etag)
        app.router.add_get("/no-validators", self.without_validators)
        return app

    @staticmethod
    def _serve(body: bytes, content_type: str) -> Callable[[web.Request], Any]:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=body, headers={"Content-Type": content_type})

        return handler

    async def with_etag(self, request: web.Request) -> web.Response:
        etag = '"feed-1"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=self.changing, headers={"ETag": etag})

    async def without_validators(self, request: web.Request) -> web.Response:
        return web.Response(body=self.changing, content_type="application/rss+xml")


@pytest.fixture
async def feeds() -> AsyncIterator[FeedServer]:
    state = FeedServer()
    async with serve(state.app()) as base:
        state.base = base
        yield state


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    async with HttpClient(timeout_s=5.0, connect_timeout_s=2.0) as client:
        yield client


@pytest.fixture
def pool() -> Iterator[CountingExecutor]:
    executor = CountingExecutor()
    yield executor
    executor.shutdown()


async def _fetch(
    http: HttpClient, pool: Executor, url: str, lang: str = "en", validators: Any = None
) -> FeedResult:
    return await fetch_feed(
        http, name="wire", url=url, lang=lang, validators=validators, parse_pool=pool, now=NOW
    )


async def test_rss_feed_is_normalised(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    result = await _fetch(http, pool, f"{feeds.base}/rss50")
    assert result.not_modified is False
    assert len(result.items) == 50
    first = result.items[0]
    assert first.title == "Broker 0 raises target for Example Corp to $100"
    assert first.summary == "Analysts at Broker 0 see more upside & keep their rating."
    assert first.link == "https://news.example/articles/0"
    assert first.published == datetime(2026, 8, 2, 22, 15, tzinfo=UTC)
    assert first.source == "wire" and first.lang == "en"
    assert re.fullmatch(r"[0-9a-f]{40}", first.id)
    assert len({item.id for item in result.items}) == 50
    assert pool.jobs == 1


async def test_atom_feed_uses_updated_and_content(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    result = await _fetch(http, pool, f"{feeds.base}/atom")
    report, board = result.items
    assert report.title == "Quarterly report filed"
    assert report.summary == "Revenue grew 12 %."
    assert report.published == datetime(2026, 8, 3, 11, 0, tzinfo=UTC)
    assert board.summary == "A new chair was named."
    assert board.published == datetime(2026, 8, 2, 18, 0, tzinfo=UTC)
    assert board.link == "https://filings.example/2"


async def test_german_feed_keeps_umlauts_and_drops_html(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    (item,) = (await _fetch(http, pool, f"{feeds.base}/de", lang="de")).items
    assert item.title == "Musterbank hebt Ziel für Beispiel AG auf 42 Euro – „Kaufen“"
    assert item.summary == (
        "FRANKFURT (Testdienst) - Die Musterbank hat das Kursziel für die Beispiel AG "
        "von 38 auf 42 Euro angehoben. Größere Margen erwartet. [weiter]"
    )
    assert item.lang == "de"


@pytest.mark.parametrize("path", ["/latin1", "/latin1-header"])
async def test_iso_8859_1_feeds_decode(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor, path: str
) -> None:
    (item,) = (await _fetch(http, pool, f"{feeds.base}{path}")).items
    assert item.title == LATIN1_TEXT


async def test_a_page_that_is_no_feed_is_a_parse_error(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    with pytest.raises(SourceError) as caught:
        await _fetch(http, pool, f"{feeds.base}/not-a-feed")
    assert caught.value.kind == "parse"


async def test_malformed_feed_with_entries_is_accepted(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    result = await _fetch(http, pool, f"{feeds.base}/truncated")
    assert [item.title for item in result.items] == ["Kept one here", "Kept two"]


async def test_unchanged_feed_behind_etag_is_not_parsed(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    first = await _fetch(http, pool, f"{feeds.base}/etag")
    second = await _fetch(http, pool, f"{feeds.base}/etag", validators=first.validators)
    assert len(first.items) == 3
    assert second.not_modified is True and second.items == []
    assert pool.jobs == 1


async def test_unchanged_feed_without_validators_is_not_parsed(
    feeds: FeedServer, http: HttpClient, pool: CountingExecutor
) -> None:
    url = f"{feeds.base}/no-validators"
    first = await _fetch(http, pool, url)
    second = await _fetch(http, pool, url, validators=first.validators)
    assert second.not_modified is True and second.items == []
    assert pool.jobs == 1
    feeds.changing = rss_feed(4)
    third = await _fetch(http, pool, url, validators=second.validators)
    assert len(third.items) == 4
    assert pool.jobs == 2


async def test_parsing_in_a_process_pool(feeds: FeedServer, http: HttpClient) -> None:
    # spawn: forking a process that runs an event loop and threads is unsafe.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as processes:
        result = await _fetch(http, processes, f"{feeds.base}/rss50")
        assert len(result.items) == 50
        with pytest.raises(SourceError) as caught:
            await _fetch(http, processes, f"{feeds.base}/not-a-feed")
    assert caught.value.kind == "parse"


def _parse(body: bytes, source: str = "wire") -> list[NewsItem]:
    return parse_feed(body, source=source, lang="en", now=NOW)


def test_ids_are_stable_and_do_not_depend_on_the_source() -> None:
    feed = rss_feed(5)
    assert [i.id for i in _parse(feed, "a")] == [i.id for i in _parse(feed, "b")]


def test_id_falls_back_from_guid_to_link_to_title() -> None:
    def item(inner: str) -> bytes:
        return f'<rss version="2.0"><channel><item>{inner}</item></channel></rss>'.encode()

    with_guid = _parse(item("<title>T</title><link>https://x/1</link><guid>g</guid>"))[0]
    other_link = _parse(item("<title>U</title><link>https://x/2</link><guid>g</guid>"))[0]
    link_only = _parse(item("<title>T</title><link>https://x/1</link>"))[0]
    same_link = _parse(item("<title>Changed</title><link>https://x/1</link>"))[0]
    title_only = _parse(item("<title>T</title>"))[0]
    assert with_guid.id == other_link.id
    assert link_only.id == same_link.id != with_guid.id
    assert title_only.id not in (with_guid.id, link_only.id)
    assert title_only.published == NOW
    assert _parse(item("<title>T</title>"))[0].id == title_only.id


def test_entries_without_title_and_link_are_skipped() -> None:
    body = b"""<rss version="2.0"><channel>
    <item><description>orphan text</description></item>
    <item><link>https://x/only-link</link></item></channel></rss>"""
    (item,) = _parse(body)
    assert item.link == "https://x/only-link" and item.title == ""


def test_summary_is_capped() -> None:
    long_text = "word " * 1000
    body = f"""<rss version="2.0"><channel><item><title>T</title>
    <description>{long_text}</description></item></channel></rss>""".encode()
    (item,) = _parse(body)
    assert len(item.summary) == SUMMARY_MAX_CHARS
    assert item.summary.endswith("…")


def test_empty_body_is_a_parse_error() -> None:
    with pytest.raises(SourceError) as caught:
        _parse(b"")
    assert caught.value.kind == "parse"


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_feed(rss_feed(1), source="s", lang="en", now=datetime(2026, 8, 3))


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>a</p><p>b</p>", "a b"),
        ("x &amp; y &lt; z", "x & y < z"),
        ("&lt;p&gt;Tesla&amp;#8217;s &lt;b&gt;close&lt;/b&gt;&lt;/p&gt;", "Tesla’s close"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("keep<!-- hidden <b>x</b> -->this", "keep this"),
        ("a<script>var s = '<p>';</script>b<STYLE>p{}</style>c", "a b c"),
        ("text <!-- never closed <p>gone", "text"),
        ("<a href='x'\n title=\"y\">link</a>\t\n end", "link end"),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@pytest.mark.parametrize(
    ("unit", "stripped"),
    [("<", False), ("<!--", True), ("<script", True), ("<a", False), ("<a x=1 ", False)],
)
def test_html_to_text_handles_pathological_markup(unit: str, stripped: bool) -> None:
    # Unclosed openers by the hundred thousand: a pattern that rescans or backtracks over
    # the rest of the text for each of them would not finish within the test run.
    markup = unit * 200_000 + " tail"
    assert html_to_text(markup) == ("" if stripped else " ".join(markup.split()))


def test_captured_real_feeds_become_plain_dated_items() -> None:
    folder = SHARED_DATA / "feeds"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    feeds = sorted(p for p in folder.iterdir() if p.suffix in (".xml", ".rss"))
    assert feeds
    for path in feeds:
        items = parse_feed(path.read_bytes(), source=path.name, lang="de", now=NOW)
        assert items, path.name
        for item in items:
            assert item.published != NOW, path.name
            assert not re.search(r"</?[A-Za-z][^<>]*>", item.title + item.summary), item


def _corpus(tmp_path: Path) -> list[Path]:
    archive = SHARED_DATA / "feedparser_tests_corpus.tar.gz"
    if not archive.is_file():
        pytest.skip(f"{archive} not present")
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tmp_path, filter="data")
        else:  # Python before 3.11.4 has no extraction filters; this is our own shared data
            tar.extractall(tmp_path)
    return sorted(p for p in tmp_path.rglob("*") if p.suffix in (".xml", ".json"))


def test_feedparser_corpus_never_crashes_the_normaliser(tmp_path: Path) -> None:
    files = _corpus(tmp_path)
    assert len(files) >= 2000
    parsed = refused = items = 0
    for path in files:
        try:
            result = parse_feed(path.read_bytes(), source=path.name, lang="en", now=NOW)
        except SourceError as error:
            assert error.kind == "parse"
            refused += 1
            continue
        parsed += 1
        items += len(result)
        for item in result:
            assert item.title or item.link
            assert item.published.tzinfo is UTC
            assert len(item.summary) <= SUMMARY_MAX_CHARS
            assert item.summary == " ".join(item.summary.split())
    assert parsed > 1500 and refused > 100 and items > 100
