"""A changed feed body is read item by item: the items the feed sent last time are not parsed
again, the new ones are read exactly as the whole body would read them, and anything that cannot
be split safely is parsed whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stepped_clock import SteppedClock
from test_freshness import START, entry, guids, make_config, poll, running

from bot.market_server import LocalMarket
from bot.sources.known_items import KnownItems, split_items
from bot.sources.rss import read_feed
from bot.store import Store

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def rss(*items: str, built: str = "Mon, 04 May 2026 08:00:00 GMT") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>'
        f"<lastBuildDate>{built}</lastBuildDate>\n" + "\n".join(items) + "\n</channel></rss>"
    ).encode()


def item(guid: str, title: str, description: str = "") -> str:
    return (
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<description>{description}</description>"
        "<dc:creator>desk</dc:creator><pubDate>Mon, 04 May 2026 07:00:00 GMT</pubDate></item>"
    )


def titles(body: bytes) -> list[str]:
    return [news.title for news in read_feed(body, source="wire", lang="en", now=NOW).items]


def test_only_the_new_items_are_parsed_and_read_as_the_whole_body_reads_them() -> None:
    known = KnownItems()
    old = [item("a", "Alpha"), item("b", "Beta <b>bold</b>", "<![CDATA[a </item> in text]]>")]
    first = known.to_read("wire", rss(*old))
    assert first.body == rss(*old), "a feed not remembered yet is parsed whole"
    known.remember("wire", first.digests)

    body = rss(item("c", "Gamma"), *old, built="Mon, 04 May 2026 09:00:00 GMT")
    later = known.to_read("wire", body)
    assert later.body is not None
    assert titles(later.body) == ["Gamma"]
    whole = read_feed(body, source="wire", lang="en", now=NOW).items
    assert read_feed(later.body, source="wire", lang="en", now=NOW).items == whole[:1]


def test_a_body_with_nothing_new_is_not_parsed_at_all() -> None:
    known = KnownItems()
    read = known.to_read("wire", rss(item("a", "Alpha")))
    known.remember("wire", read.digests)
    again = known.to_read("wire", rss(item("a", "Alpha"), built="Tue, 05 May 2026 08:00:00 GMT"))
    assert again.body is None


def test_an_edited_item_is_read_again() -> None:
    known = KnownItems()
    known.remember("wire", known.to_read("wire", rss(item("a", "Alpha"))).digests)
    read = known.to_read("wire", rss(item("a", "Alpha, corrected")))
    assert read.body is not None and titles(read.body) == ["Alpha, corrected"]


def test_items_that_cannot_be_told_apart_safely_leave_the_body_whole() -> None:
    nested = rss("<item><title>A</title><media:item>x</media:item></item>")
    unclosed = rss("<item><title>A</title>")
    self_closing = rss("<item/>", item("a", "Alpha"))
    entities = b'<!DOCTYPE rss [<!ENTITY one "<item>">]>' + rss(item("a", "Alpha"))
    for body in (nested, unclosed, self_closing, entities, b"<html><body>no feed</body></html>"):
        assert split_items(body) is None
    known = KnownItems()
    known.remember("wire", known.to_read("wire", rss(item("a", "Alpha"))).digests)
    read = known.to_read("wire", unclosed)
    assert read.body == unclosed and read.digests is None
    known.remember("wire", read.digests)
    assert known.to_read("wire", rss(item("a", "Alpha"))).body is not None, "forgotten"


def test_atom_entries_with_a_prefix_and_comments_are_split() -> None:
    body = (
        b'<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>W</a:title>'
        b"<!-- <a:entry> in a comment -->"
        b"<a:entry><a:id>1</a:id><a:title>One</a:title></a:entry>"
        b"<a:entry><a:id>2</a:id><a:title>Two</a:title></a:entry></a:feed>"
    )
    chunks = split_items(body)
    assert chunks is not None
    assert [chunk.count(b"<a:title>") for chunk in chunks.items] == [1, 1]
    assert chunks.head.endswith(b"-->") and chunks.tail == b"</a:feed>"
    assert titles(chunks.head + chunks.items[1] + chunks.tail) == ["Two"]


async def test_polls_of_a_changing_feed_alert_each_new_item_once(
    market: LocalMarket, redis_url: str, store: Store
) -> None:
    market.publish("wire", entry("old", START - timedelta(minutes=30)))
    clock = SteppedClock(START)
    async with running(make_config(market, redis_url), clock) as (app, out):
        await poll(app)
        for minute, guid in ((2, "first"), (4, "second")):
            market.publish("wire", entry(guid, START + timedelta(minutes=minute)))
            clock.now = START + timedelta(minutes=minute + 1)
            await poll(app)
        await poll(app)  # the same body again
        assert guids(out) == ["first", "second"]
        assert app.poller is not None
        assert app.poller.metrics.items.counts["wire"] == 3, "each item was read once"
