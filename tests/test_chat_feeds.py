"""Feeds added from Telegram, on the whole App: real Redis, feeds served on 127.0.0.1, real
python-telegram-bot against the fake Bot API. A chat's feed alerts that chat alone; /feeds shows
its state; /delfeed stops it; unsafe URLs and other people's changes are refused; OPML in and
out; a reload adds and removes config feeds on the running bot."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web
from fakes.telegram_api import FakeTelegramAPI
from local_http import serve
from telegram_harness import running_app

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket, render_rss
from bot.opml import OpmlFeed, parse_opml, render_opml
from bot.scheduler import scheduled_feeds
from bot.store import Store

OWNER = 5001
OTHER = 5002
ADMIN = 777
GROUP = -100500
TOKEN = "123456:FEEDS-TEST"


def config_data(market: LocalMarket, api: FakeTelegramAPI, redis_url: str, **sources: Any) -> dict:
    return {
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": api.base_url, "admins": [ADMIN]},
        "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
        "sources": {"allow_private": True, "chat_feeds_every": "1s", **sources},
        "rules": [{"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}],
    }


def entry(guid: str, title: str) -> FeedEntry:
    return FeedEntry(guid, title, "", f"https://news.example/{guid}", datetime.now(UTC))


async def eventually(check: Callable[[], Awaitable[bool]], what: str, within: float = 10) -> None:
    try:
        async with asyncio.timeout(within):
            while not await check():  # noqa: ASYNC110  (state on servers in this loop)
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


async def say(api: FakeTelegramAPI, chat: int, text: str, **options: Any) -> str:
    before = len(api.messages_to(chat))
    api.push_command(chat, text, **options)
    records = await api.wait_for_messages(before + 1, chat_id=chat)
    return records[before].text or ""


async def first_fetch_done(store: Store, key: str) -> None:
    async def recorded() -> bool:
        return "url" in await store.feed_state(key)

    await eventually(recorded, f"the first fetch of {key}")


async def polls_pass(market: LocalMarket, count: int = 4) -> None:
    target = market.requests + count

    async def polled() -> bool:
        return market.requests >= target

    await eventually(polled, f"{count} more polls")


async def test_a_chats_feed_alerts_that_chat_alone_until_removed(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["mine"] = [entry("old", "Alibaba capital increase last month")]
    market.feeds["wire"] = []  # polled throughout: polls are seen to pass after the removal
    data = config_data(market, telegram_api, redis_url)
    data["sources"]["feeds"] = [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]
    async with running_app(Config.model_validate(data)) as app:
        assert "Watching" in await say(telegram_api, OTHER, "/watch BABA")
        added = await say(telegram_api, OWNER, f"/addfeed {market.feed_url('mine')}")
        assert "Added <b>127.0.0.1</b> (en)" in added
        await first_fetch_done(store, f"chat:{OWNER}:127.0.0.1")

        market.publish("mine", entry("n1", "Alibaba plans a capital increase"))
        [alert] = (await telegram_api.wait_for_messages(2, chat_id=OWNER))[1:]
        assert "Alibaba plans a capital increase" in (alert.text or "")
        await polls_pass(market)
        # The old item stayed quiet; the watcher of BABA got nothing from another chat's feed.
        assert len(telegram_api.messages_to(OWNER)) == 2
        assert len(telegram_api.messages_to(OTHER)) == 1

        listing = await say(telegram_api, OWNER, "/feeds")
        assert "This chat's feeds</b> (1 of 20)" in listing
        assert "🟢 127.0.0.1 (en): last success" in listing
        assert market.feed_url("mine") in listing
        assert "This chat has no feeds of its own" in await say(telegram_api, OTHER, "/feeds")

        removed = await say(telegram_api, OWNER, "/delfeed 127.0.0.1")
        assert "Removed <b>127.0.0.1</b>" in removed
        assert app.scheduler is not None
        assert f"chat:{OWNER}:127.0.0.1" not in scheduled_feeds(app.scheduler)
        market.publish("mine", entry("n2", "Alibaba announces another capital increase"))
        await polls_pass(market)
        assert len(telegram_api.messages_to(OWNER)) == 4
        unknown = await say(telegram_api, OWNER, "/delfeed 127.0.0.1")
        assert "No feed <b>127.0.0.1</b>" in unknown


async def test_the_same_item_in_a_chat_feed_and_a_shared_one_alerts_both(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    # A chat's feed that sees an item first must not make it "seen" for everyone else.
    market.feeds["wire"] = []
    data = config_data(market, telegram_api, redis_url)
    data["sources"]["feeds"] = [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]
    async with running_app(Config.model_validate(data)):
        await say(telegram_api, OTHER, "/watch BABA")
        await say(telegram_api, OWNER, f"/addfeed {market.feed_url('wire')}")
        await first_fetch_done(store, f"chat:{OWNER}:127.0.0.1")
        await first_fetch_done(store, "wire")
        market.publish("wire", entry("both", "Alibaba plans a capital increase"))
        await telegram_api.wait_for_messages(2, chat_id=OWNER)
        await telegram_api.wait_for_messages(2, chat_id=OTHER)
        await polls_pass(market)
        assert len(telegram_api.messages_to(OWNER)) == 2
        assert len(telegram_api.messages_to(OTHER)) == 2


async def test_unsafe_addresses_and_unreadable_feeds_are_refused(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["mine"] = [entry("a", "Alibaba")]
    data = config_data(market, telegram_api, redis_url, allow_private=False)
    async with running_app(Config.model_validate(data)):
        loopback = await say(telegram_api, OWNER, f"/addfeed {market.feed_url('mine')}")
        assert "I could not add it" in loopback
        assert "refused, 127.0.0.1: is a loopback address" in loopback
        local_name = market.feed_url("mine").replace("127.0.0.1", "localhost")
        named = await say(telegram_api, OWNER, f"/addfeed {local_name}")
        assert "refused, localhost: resolves to a loopback address" in named
        metadata = await say(telegram_api, OWNER, "/addfeed http://169.254.169.254/latest/")
        assert "169.254.169.254: is a cloud metadata address" in metadata
        assert "not an http(s) address" in await say(telegram_api, OWNER, "/addfeed ftp://x/y")
        long_url = "https://news.example/" + "a" * 2000
        assert await say(telegram_api, OWNER, f"/addfeed {long_url}") == (
            "That address is too long: at most 2000 characters."
        )
        # In German the reason is said in German; the technical detail follows as it is.
        private = await say(telegram_api, OTHER, "/addfeed http://10.1.2.3/rss", language_code="de")
        assert private.startswith("Hinzufügen nicht möglich, die Adresse ist nicht öffentlich: ")
        assert await store.stored_feeds(OWNER) == []


async def test_a_page_that_is_no_feed_and_the_limit_are_refused(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["a"] = [entry("a", "one")]
    market.feeds["b"] = [entry("b", "two")]
    data = config_data(market, telegram_api, redis_url, chat_feeds_max=1)
    async with running_app(Config.model_validate(data)):
        missing = await say(telegram_api, OWNER, f"/addfeed {market.feed_url('none')}")
        assert "I could not add it" in missing and "HTTP 404" in missing
        assert "Added" in await say(telegram_api, OWNER, f"/addfeed {market.feed_url('a')} de")
        again = await say(telegram_api, OWNER, f"/addfeed {market.feed_url('a')}")
        assert "has that feed already, as <b>127.0.0.1</b>" in again
        full = await say(telegram_api, OWNER, f"/addfeed {market.feed_url('b')}")
        assert "has 1 feeds already" in full
        [feed] = await store.stored_feeds(OWNER)
        assert feed.lang == "de"


async def test_groups_and_shared_feeds_are_for_admins(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["a"] = [entry("a", "one")]
    telegram_api.set_chat_admins(GROUP, [4001])
    url = market.feed_url("a")
    async with running_app(Config.model_validate(config_data(market, telegram_api, redis_url))):
        refused = await say(
            telegram_api, GROUP, f"/addfeed {url}", user_id=4002, chat_type="supergroup"
        )
        assert "Only this group's admins" in refused
        shared = await say(telegram_api, OWNER, f"/addfeed {url} shared")
        assert "Only the bot's admins" in shared
        assert await store.stored_feeds(GROUP) == [] and await store.stored_feeds(None) == []

        added = await say(telegram_api, GROUP, f"/addfeed {url}", user_id=4001, chat_type="group")
        assert "Added" in added
        by_admin = await say(telegram_api, ADMIN, f"/addfeed {url} shared")
        assert "to the shared feeds" in by_admin
        assert [feed.chat for feed in await store.stored_feeds(None)] == [None]
        listing = await say(telegram_api, OWNER, "/feeds")
        assert "Shared feeds" in listing and "127.0.0.1" in listing
        # A name not found is answered with the feeds of the kind asked for.
        assert await say(telegram_api, ADMIN, "/delfeed nosuch shared") == (
            "No shared feed <b>nosuch</b>. Shared feeds: 127.0.0.1."
        )
        assert await say(
            telegram_api, GROUP, "/delfeed nosuch", user_id=4001, chat_type="group"
        ) == ("No feed <b>nosuch</b> here. This chat's feeds: 127.0.0.1.")
        assert "Removed" in await say(telegram_api, ADMIN, "/delfeed 127.0.0.1 shared")


def opml_of(*urls: str) -> bytes:
    return render_opml([OpmlFeed(url, f"feed {index}") for index, url in enumerate(urls)], "t")


async def test_opml_import_and_export_round_trip(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["a"] = [entry("a", "one")]
    market.feeds["b"] = [entry("b", "two")]
    urls = [market.feed_url("a"), market.feed_url("b"), market.feed_url("missing")]
    async with running_app(Config.model_validate(config_data(market, telegram_api, redis_url))):
        assert "caption /import" in await say(telegram_api, OWNER, "/import")
        telegram_api.push_document(OWNER, opml_of(*urls), "feeds.opml", caption="/import de")
        [report] = (await telegram_api.wait_for_messages(2, chat_id=OWNER))[1:]
        assert "Imported 2 of 3 feeds." in (report.text or "")
        assert "missing.xml" in (report.text or "") and "HTTP 404" in (report.text or "")
        assert {feed.lang for feed in await store.stored_feeds(OWNER)} == {"de"}

        telegram_api.push_command(OWNER, "/export")
        [sent] = (await telegram_api.wait_for_messages(3, chat_id=OWNER))[2:]
        assert sent.method == "sendDocument"
        assert sent.params.get("caption") == "2 feeds of this chat, as OPML."
        exported = parse_opml(sent.photo or b"")
        assert [feed.url for feed in exported] == urls[:2]
        assert {feed.lang for feed in exported} == {"de"}


async def test_hostile_opml_is_refused(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
        + b"".join(
            f'<!ENTITY lol{n} "{("&lol" + str(n - 1 or "") + ";") * 10}">\n'.encode()
            for n in range(1, 10)
        )
        + b']>\n<opml><body><outline xmlUrl="&lol9;"/></body></opml>'
    )
    async with running_app(Config.model_validate(config_data(market, telegram_api, redis_url))):
        telegram_api.push_document(OWNER, laughs, "laughs.opml", caption="/import")
        [answer] = await telegram_api.wait_for_messages(1, chat_id=OWNER)
        assert "a document type declaration is not accepted" in (answer.text or "")
        telegram_api.push_document(OWNER, b"<html><body/></html>", "page.opml", caption="/import")
        [_, page] = await telegram_api.wait_for_messages(2, chat_id=OWNER)
        assert "not an OPML file" in (page.text or "")
        empty = b'<opml version="2.0"><head/><body><outline text="folder"/></body></opml>'
        telegram_api.push_document(OWNER, empty, "empty.opml", caption="/import")
        [*_, nothing] = await telegram_api.wait_for_messages(3, chat_id=OWNER)
        assert nothing.text == "That file names no feeds (no outline has an xmlUrl)."
        assert await store.stored_feeds(OWNER) == []


async def test_reload_adds_changes_and_removes_feeds_on_the_running_bot(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str, tmp_path: Path
) -> None:
    market.feeds["first"] = []
    market.feeds["second"] = [entry("s0", "Alibaba capital increase, an old story")]
    data = config_data(market, telegram_api, redis_url)
    first = {"name": "first", "url": market.feed_url("first"), "every": "1s"}
    second = {"name": "second", "url": market.feed_url("second"), "every": "1s"}
    data["sources"]["feeds"] = [first]
    data["sources"]["prices"] = {"base_url": market.base_url, "every": "1s"}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    app: App
    async with running_app(Config.model_validate(data), config_path=path) as app:
        assert app.scheduler is not None
        await say(telegram_api, OWNER, "/watch BABA")
        data["sources"]["feeds"] = [first, second]
        path.write_text(yaml.safe_dump(data))
        await app.reload()
        assert "second" in scheduled_feeds(app.scheduler)
        await first_fetch_done(store, "second")
        market.publish("second", entry("s1", "Alibaba plans a capital increase"))
        [alert] = (await telegram_api.wait_for_messages(2, chat_id=OWNER))[1:]
        assert "Alibaba plans a capital increase" in (alert.text or "")

        data["sources"]["feeds"] = [{**first, "every": "2s"}]
        data["sources"]["prices"]["every"] = "3s"
        path.write_text(yaml.safe_dump(data))
        await app.reload()
        assert "second" not in scheduled_feeds(app.scheduler)
        assert scheduled_feeds(app.scheduler)["first"].every.total_seconds() == 2
        prices = app.scheduler.get_job("prices")
        assert prices is not None and prices.trigger.interval.total_seconds() == 3
        market.publish("second", entry("s2", "Alibaba completes a capital increase"))
        await polls_pass(market, 2)
        assert len(telegram_api.messages_to(OWNER)) == 2

        data["sources"].pop("prices")
        path.write_text(yaml.safe_dump(data))
        await app.reload()
        assert app.scheduler.get_job("prices") is None


def page_naming(*feeds: str) -> bytes:
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{url}">' for url in feeds
    )
    return f"<!DOCTYPE html><html><head>{links}</head><body>News</body></html>".encode()


async def test_a_web_page_leads_to_the_one_feed_it_names(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["a"] = [entry("a", "one")]
    market.feeds["b"] = [entry("b", "two")]
    pages = {
        "/one": page_naming(market.feed_url("a")),
        "/two": page_naming(market.feed_url("a"), market.feed_url("b")),
        "/none": page_naming(),
        "/to-a-page": page_naming("/none"),
    }

    async def page(request: web.Request) -> web.Response:
        return web.Response(body=pages[request.path], content_type="text/html")

    site = web.Application()
    site.router.add_get("/{name}", page)
    data = config_data(market, telegram_api, redis_url)
    async with serve(site) as base, running_app(Config.model_validate(data)):
        followed = await say(telegram_api, OWNER, f"/addfeed {base}/one fr")
        assert (
            f"That address is a web page; its feed is at {market.feed_url('a')}, and that is what "
            "I added.\nAdded <b>127.0.0.1</b> (fr)." in followed
        )
        [feed] = await store.stored_feeds(OWNER)
        assert (feed.url, feed.lang) == (market.feed_url("a"), "fr")

        several = await say(telegram_api, OTHER, f"/addfeed {base}/two")
        assert (
            "I could not add it: this is a web page, not a feed; its feed may be at "
            f"{market.feed_url('a')}, {market.feed_url('b')}" in several
        )
        assert "names no feed" in await say(telegram_api, OTHER, f"/addfeed {base}/none")
        # Followed once only: a page that names a page is refused.
        assert "names no feed" in await say(telegram_api, OTHER, f"/addfeed {base}/to-a-page")
        german = await say(telegram_api, OTHER, f"/addfeed {base}/none", language_code="de")
        assert "Das ist eine Webseite, kein Feed" in german
        assert await store.stored_feeds(OTHER) == []

        bad = await say(telegram_api, OTHER, f"/addfeed {market.feed_url('b')} french")
        assert "<b>french</b> is not a language code; use one like en, de, fr or pt-BR" in bad
        assert "Added <b>127.0.0.1</b> (pt-BR)" in await say(
            telegram_api, OTHER, f"/addfeed {market.feed_url('b')} PT-br"
        )


async def test_an_import_addressed_to_another_bot_is_left_to_it(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["a"] = [entry("a", "one")]
    file = opml_of(market.feed_url("a"))
    async with running_app(Config.model_validate(config_data(market, telegram_api, redis_url))):
        telegram_api.push_document(OWNER, file, "feeds.opml", caption="/import@otherbot de")
        telegram_api.set_chat_admins(GROUP, [OWNER])
        telegram_api.push_document(
            GROUP, file, "feeds.opml", caption="/import@otherbot", user_id=OTHER, chat_type="group"
        )
        # A command sent after the documents is answered after them: nothing came before it.
        assert "You watch" in await say(telegram_api, OWNER, "/list")
        assert telegram_api.messages_to(GROUP) == []
        assert await store.stored_feeds(OWNER) == []

        own = f"/import@{telegram_api.bot_username}"
        telegram_api.push_document(OWNER, file, "feeds.opml", caption=own)
        [*_, report] = await telegram_api.wait_for_messages(2, chat_id=OWNER)
        assert "Imported 1 of 1 feeds." in (report.text or "")


async def test_a_feed_that_is_slow_to_answer_holds_up_no_one_else(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    answer = asyncio.Event()

    async def slow_feed(request: web.Request) -> web.Response:
        await answer.wait()
        body = render_rss("slow", [entry("s", "one")])
        return web.Response(text=body, content_type="application/rss+xml")

    site = web.Application()
    site.router.add_get("/slow.xml", slow_feed)
    data = config_data(market, telegram_api, redis_url)
    async with serve(site) as base, running_app(Config.model_validate(data)):
        telegram_api.push_command(OWNER, f"/addfeed {base}/slow.xml")
        telegram_api.push_command(OWNER, f"/import@{telegram_api.bot_username}")
        # The slow server has not answered: the other chat, and the owner's next command, are
        # answered all the same.
        assert "You watch" in await say(telegram_api, OTHER, "/list")
        [hint] = await telegram_api.wait_for_messages(1, chat_id=OWNER)
        assert "caption /import" in (hint.text or "")
        assert await store.stored_feeds(OWNER) == []

        answer.set()
        [_, added] = await telegram_api.wait_for_messages(2, chat_id=OWNER)
        assert (added.text or "").startswith("Added <b>127.0.0.1</b> (en).")
