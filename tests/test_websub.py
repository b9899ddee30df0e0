"""WebSub on the whole App against a fake hub on 127.0.0.1: a feed that advertises a hub is
subscribed to, with a callback and secret of its own; the hub's challenge is answered only for
what was asked; a pushed document alerts only with a valid signature (sha256 or sha1), through
the same reading as a poll; the lease is renewed before it ends; a removed feed is unsubscribed
from; a feed without a hub is only polled."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import aiohttp
from aiohttp import web
from bot_process import start_bot
from fakes.telegram_api import FakeTelegramAPI
from local_http import serve

from bot.app import App
from bot.config import Config
from bot.store import Store
from bot.websub.signature import signature

CALLBACK_BASE = "https://bot.example.org/websub"
SECRET_HEADER = "X-Hub-Signature"


class FakeHubSite:
    """A feed that advertises a hub, a feed that does not, and the hub, which records every
    subscription request it gets."""

    def __init__(self) -> None:
        self.base = ""
        self.entries: list[tuple[str, str]] = []  # (id, title), newest first
        self.requests: list[dict[str, str]] = []

    def document(self) -> bytes:
        entries = "".join(
            f"<entry><id>urn:{guid}</id><title>{escape(title)}</title>"
            f'<link href="https://news.example/{guid}"/>'
            f"<updated>{datetime.now(UTC).isoformat()}</updated></entry>"
            for guid, title in self.entries
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>wire</title><id>urn:wire</id><link rel="hub" href="{self.base}/hub"/>'
            f'<link rel="self" href="{self.base}/topic/wire"/>'
            f"<updated>{datetime.now(UTC).isoformat()}</updated>{entries}</feed>"
        ).encode()

    def app(self) -> web.Application:
        async def feed(_request: web.Request) -> web.Response:
            return web.Response(body=self.document(), content_type="application/atom+xml")

        async def plain(_request: web.Request) -> web.Response:
            body = (
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>p</title></channel></rss>'
            )
            return web.Response(body=body, content_type="application/rss+xml")

        async def hub(request: web.Request) -> web.Response:
            self.requests.append({key: str(value) for key, value in (await request.post()).items()})
            return web.Response(status=202)

        app = web.Application()
        app.router.add_get("/wire.xml", feed)
        app.router.add_get("/plain.xml", plain)
        app.router.add_post("/hub", hub)
        return app


class Clock:
    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def eventually(check: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(10):
            while not check():  # noqa: ASYNC110  (state on servers in this loop)
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None


@asynccontextmanager
async def running(
    site: FakeHubSite, redis_url: str, clock: Clock
) -> AsyncIterator[tuple[App, io.StringIO, str]]:
    async with serve(site.app()) as base:
        site.base = base
        config = Config.model_validate(
            {
                "redis": {"url": redis_url},
                "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
                "sources": {
                    "feeds": [
                        {"name": "wire", "url": f"{base}/wire.xml", "every": "1h"},
                        {"name": "plain", "url": f"{base}/plain.xml", "every": "1h"},
                    ],
                    "websub": {
                        "callback_url": CALLBACK_BASE,
                        "port": 0,
                        "lease": "10m",
                        "check_every": "1m",
                    },
                },
                "rules": [
                    {"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}
                ],
            }
        )
        console = io.StringIO()
        app = App(config, clock=clock, console=console)
        await app.start()
        try:
            assert app.websub is not None and app.poller is not None
            local = f"http://127.0.0.1:{app.websub.port}"
            await app.poller.poll_feed(config.sources.feeds[0])  # the quiet first fetch
            yield app, console, local
        finally:
            await app.stop()


def local_callback(local: str, callback: str) -> str:
    """The callback URL as the reverse proxy would forward it to the bot."""
    return local + urlsplit(callback).path


async def call(method: str, url: str, **options: Any) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.request(method, url, **options) as r:
        return r.status, await r.text()


async def test_a_hub_is_subscribed_verified_and_its_signed_pushes_alert(
    redis_url: str, store: Store
) -> None:
    site, clock = FakeHubSite(), Clock()
    async with running(site, redis_url, clock) as (app, console, local):
        await eventually(lambda: len(site.requests) == 1, "the subscription request")
        [asked] = site.requests
        assert asked["hub.mode"] == "subscribe"
        assert asked["hub.topic"] == f"{site.base}/topic/wire"
        assert asked["hub.callback"].startswith(CALLBACK_BASE + "/")
        assert asked["hub.lease_seconds"] == "600" and len(asked["hub.secret"]) >= 32
        callback, secret = local_callback(local, asked["hub.callback"]), asked["hub.secret"]

        wrong = {"hub.mode": "subscribe", "hub.topic": "https://elsewhere/", "hub.challenge": "x"}
        assert (await call("GET", callback, params=wrong))[0] == 404
        assert (await call("GET", local + "/websub/unknown", params=wrong))[0] == 404
        unsubscribe = {**wrong, "hub.mode": "unsubscribe", "hub.topic": asked["hub.topic"]}
        assert (await call("GET", callback, params=unsubscribe))[0] == 404
        verify = {**unsubscribe, "hub.mode": "subscribe", "hub.challenge": "c-123"}
        assert await call("GET", callback, params={**verify, "hub.lease_seconds": "600"}) == (
            200,
            "c-123",
        )

        site.entries.insert(0, ("n1", "Alibaba plans a capital increase"))
        body = site.document()
        headers = {"Content-Type": "application/atom+xml"}
        forged = {**headers, SECRET_HEADER: signature(body, "not-the-secret")}
        assert (await call("POST", callback, data=body, headers=forged))[0] == 202
        assert (await call("POST", callback, data=body, headers=headers))[0] == 202
        assert app.websub is not None and app.websub.rejected == 2
        await asyncio.sleep(0.3)
        assert "capital increase" not in console.getvalue()

        signed = {**headers, SECRET_HEADER: signature(body, secret, "sha256")}
        # Before the bot has read which feeds it polls, a push is asked to come again.
        app.websub.loaded = False
        assert (await call("POST", callback, data=body, headers=signed))[0] == 503
        app.websub.loaded = True
        assert (await call("POST", callback, data=body, headers=signed))[0] == 202
        await eventually(lambda: "Alibaba plans a capital increase" in console.getvalue(), "alert")

        site.entries.insert(0, ("n2", "Alibaba approves another capital increase"))
        body = site.document()
        sha1 = {**headers, SECRET_HEADER: signature(body, secret, "sha1")}
        assert (await call("POST", callback, data=body, headers=sha1))[0] == 202
        await eventually(lambda: "another capital increase" in console.getvalue(), "sha1 alert")
        assert console.getvalue().count("plans a capital increase") == 1
        assert (await call("POST", local + "/websub/unknown", data=body, headers=sha1))[0] == 410

        # The feed without a hub was fetched once to look, and is only polled.
        assert [request["hub.topic"] for request in site.requests] == [asked["hub.topic"]]


async def test_the_lease_is_renewed_before_it_ends(redis_url: str, store: Store) -> None:
    site, clock = FakeHubSite(), Clock()
    async with running(site, redis_url, clock) as (app, _console, local):
        assert app.websub is not None
        await eventually(lambda: len(site.requests) == 1, "the subscription request")
        [asked] = site.requests
        callback = local_callback(local, asked["hub.callback"])
        verify = {
            "hub.mode": "subscribe",
            "hub.topic": asked["hub.topic"],
            "hub.challenge": "c1",
            "hub.lease_seconds": "600",
        }
        assert (await call("GET", callback, params=verify))[0] == 200

        clock.offset = timedelta(minutes=5)  # half the lease: nothing to do yet
        await app.websub.maintain()
        assert len(site.requests) == 1
        clock.offset = timedelta(minutes=8, seconds=30)  # within two checks of its end
        await app.websub.maintain()
        assert len(site.requests) == 2
        renewal = site.requests[1]
        assert renewal["hub.callback"] == asked["hub.callback"]
        assert renewal["hub.secret"] == asked["hub.secret"]
        await app.websub.maintain()  # asked already: the hub has time to answer
        assert len(site.requests) == 2
        assert (await call("GET", callback, params={**verify, "hub.challenge": "c2"})) == (
            200,
            "c2",
        )
        await app.websub.maintain()
        assert len(site.requests) == 2


async def test_a_removed_feed_is_unsubscribed_and_its_callback_then_gone(
    redis_url: str, store: Store
) -> None:
    site, clock = FakeHubSite(), Clock()
    async with running(site, redis_url, clock) as (app, console, local):
        assert app.websub is not None and app.services is not None
        await eventually(lambda: len(site.requests) == 1, "the subscription request")
        [asked] = site.requests
        callback = local_callback(local, asked["hub.callback"])
        topic = asked["hub.topic"]
        verify = {"hub.mode": "subscribe", "hub.topic": topic, "hub.challenge": "c1"}
        assert (await call("GET", callback, params=verify))[0] == 200
        unsubscribe = {**verify, "hub.mode": "unsubscribe", "hub.challenge": "u1"}
        assert (await call("GET", callback, params=unsubscribe))[0] == 404  # still wanted

        config = app.services.config
        without_wire = config.sources.model_copy(update={"feeds": config.sources.feeds[1:]})
        app.services.config = config.model_copy(update={"sources": without_wire})
        await app.websub.maintain()
        assert len(site.requests) == 2
        left = site.requests[1]
        assert left["hub.mode"] == "unsubscribe" and left["hub.topic"] == topic
        assert left["hub.callback"] == asked["hub.callback"]

        # Only the unsubscription is confirmed now, once; a push meanwhile is turned away.
        assert (await call("GET", callback, params=verify))[0] == 404
        site.entries.insert(0, ("n1", "Alibaba plans a capital increase"))
        body = site.document()
        signed = {SECRET_HEADER: signature(body, asked["hub.secret"])}
        assert (await call("POST", callback, data=body, headers=signed))[0] == 410
        assert await call("GET", callback, params=unsubscribe) == (200, "u1")
        assert (await call("GET", callback, params=unsubscribe))[0] == 404
        await app.websub.maintain()
        assert len(site.requests) == 2  # nothing more to end
        assert await store.websub_feeds() == {}
        assert "capital increase" not in console.getvalue()


async def test_a_callback_port_in_use_stops_run_with_one_line_and_exit_code_5(
    tmp_path: Path, telegram_api: FakeTelegramAPI
) -> None:
    async with serve(web.Application()) as occupied:
        port = int(occupied.rsplit(":", 1)[1])
        path = tmp_path / "config.yaml"
        path.write_text(
            f"redis:\n  data_dir: {tmp_path / 'redis'}\n"
            f"telegram:\n  token: '123456:PORT'\n  base_url: '{telegram_api.base_url}'\n"
            f"sources:\n  websub: {{callback_url: '{CALLBACK_BASE}', port: {port}}}\n",
            encoding="utf-8",
        )
        process = await start_bot("run", str(path))
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    output = stderr.decode()
    assert process.returncode == 5, output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: cannot listen on 127.0.0.1:{port} for sources.websub (address already in use); "
        "free the port or change sources.websub.port"
    ]
    assert telegram_api.calls == [], "nothing is asked of Telegram before start-up has passed"
