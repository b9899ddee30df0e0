"""HttpClient against a real aiohttp server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
import pickle
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from aiohttp import web
from local_http import serve, unused_port

from bot.sources.http import HttpClient, SourceError, default_user_agent

ETAG = '"rev-1"'
LAST_MODIFIED = "Mon, 03 Aug 2026 08:00:00 GMT"


class Server:
    """Endpoints with the behaviours a feed host can show; remembers what it was sent."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.body = b"<rss>first</rss>"
        self.etag = ETAG
        self.request_headers: list[dict[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.arrivals = asyncio.Condition()
        self.base = ""

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/plain", self.plain)
        app.router.add_get("/validated", self.validated)
        app.router.add_get("/ignoring", self.ignoring)
        app.router.add_get("/status/{code}", self.status)
        app.router.add_get("/big-declared", self.big_declared)
        app.router.add_get("/big-chunked", self.big_chunked)
        app.router.add_get("/gzip-bomb", self.gzip_bomb)
        app.router.add_get("/slow-headers", self.slow_headers)
        app.router.add_get("/slow-body", self.slow_body)
        app.router.add_get("/held", self.held)
        return app

    async def plain(self, request: web.Request) -> web.Response:
        self.request_headers.append(dict(request.headers))
        return web.Response(body=b"hello", content_type="text/plain", charset="utf-8")

    async def validated(self, request: web.Request) -> web.Response:
        self.request_headers.append(dict(request.headers))
        headers = {"ETag": self.etag, "Last-Modified": LAST_MODIFIED}
        if request.headers.get("If-None-Match") == self.etag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=self.body, headers=headers)

    async def ignoring(self, request: web.Request) -> web.Response:
        self.request_headers.append(dict(request.headers))
        return web.Response(body=self.body)

    async def status(self, request: web.Request) -> web.Response:
        code = int(request.match_info["code"])
        now = datetime(2026, 8, 3, 8, 0, tzinfo=UTC)
        headers = {}
        if code == 429:
            headers["Retry-After"] = "7"
        elif code == 503:
            headers["Date"] = format_datetime(now, usegmt=True)
            headers["Retry-After"] = format_datetime(now + timedelta(seconds=120), usegmt=True)
        return web.Response(status=code, text="no", headers=headers)

    async def big_declared(self, request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 200_000)

    async def big_chunked(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(64):
                await response.write(b"y" * 16_384)
        except ConnectionError:
            pass
        return response

    async def gzip_bomb(self, request: web.Request) -> web.Response:
        packed = gzip.compress(b"\0" * 1_000_000)
        return web.Response(body=packed, headers={"Content-Encoding": "gzip"})

    async def slow_headers(self, request: web.Request) -> web.Response:
        await self.release.wait()
        return web.Response(text="late")

    async def slow_body(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        await response.write(b"<rss>")
        await self.release.wait()
        return response

    async def held(self, request: web.Request) -> web.Response:
        async with self.arrivals:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.arrivals.notify_all()
        try:
            await self.release.wait()
        finally:
            self.in_flight -= 1
        return web.Response(text="done")

    async def wait_in_flight(self, count: int) -> None:
        async with self.arrivals:
            await self.arrivals.wait_for(lambda: self.in_flight >= count)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    state = Server()
    async with serve(state.app()) as base:
        state.base = base
        yield state
        state.release.set()


@pytest.fixture
async def client() -> AsyncIterator[HttpClient]:
    async with HttpClient(timeout_s=5.0, connect_timeout_s=2.0, max_bytes=100_000) as http:
        yield http


async def test_plain_get_sends_user_agent_and_returns_body(
    server: Server, client: HttpClient
) -> None:
    response = await client.get(f"{server.base}/plain")
    assert response.status == 200
    assert response.body == b"hello"
    assert response.not_modified is False
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.validators.body_hash is not None
    assert server.request_headers[0]["User-Agent"] == default_user_agent()
    assert default_user_agent().startswith("Tickerwatch/")


async def test_conditional_get_uses_etag_and_last_modified(
    server: Server, client: HttpClient
) -> None:
    url = f"{server.base}/validated"
    first = await client.get(url)
    assert first.validators.etag == ETAG
    assert first.validators.last_modified == LAST_MODIFIED
    assert "If-None-Match" not in server.request_headers[0]

    second = await client.get(url, validators=first.validators)
    assert second.status == 304
    assert second.not_modified is True
    assert second.body == b""
    assert second.validators == first.validators
    assert server.request_headers[1]["If-None-Match"] == ETAG
    assert server.request_headers[1]["If-Modified-Since"] == LAST_MODIFIED

    server.body, server.etag = b"<rss>second</rss>", '"rev-2"'
    third = await client.get(url, validators=second.validators)
    assert third.status == 200
    assert third.not_modified is False
    assert third.body == b"<rss>second</rss>"
    assert third.validators.etag == '"rev-2"'


async def test_server_ignoring_validators_is_caught_by_body_hash(
    server: Server, client: HttpClient
) -> None:
    url = f"{server.base}/ignoring"
    first = await client.get(url)
    assert first.not_modified is False
    assert first.validators.etag is None

    again = await client.get(url, validators=first.validators)
    assert again.status == 200
    assert again.not_modified is True
    assert again.validators.body_hash == first.validators.body_hash

    server.body = b"<rss>changed</rss>"
    changed = await client.get(url, validators=again.validators)
    assert changed.not_modified is False
    assert changed.body == b"<rss>changed</rss>"


@pytest.mark.parametrize(
    ("code", "retry_after"), [(404, None), (500, None), (429, 7.0), (503, 120.0)]
)
async def test_error_statuses_raise_with_retry_after(
    server: Server, client: HttpClient, code: int, retry_after: float | None
) -> None:
    with pytest.raises(SourceError) as caught:
        await client.get(f"{server.base}/status/{code}")
    assert caught.value.kind == "http"
    assert caught.value.status == code
    assert caught.value.retry_after == retry_after
    assert str(code) in str(caught.value)


async def test_accepted_error_status_returns_the_body(server: Server, client: HttpClient) -> None:
    response = await client.get(f"{server.base}/status/404", accept_statuses=(404,))
    assert response.status == 404
    assert response.body == b"no"


@pytest.mark.parametrize("path", ["/big-declared", "/big-chunked", "/gzip-bomb"])
async def test_bodies_over_the_cap_are_refused(
    server: Server, client: HttpClient, path: str
) -> None:
    with pytest.raises(SourceError) as caught:
        await client.get(f"{server.base}{path}")
    assert caught.value.kind == "too_large"
    assert "100000" in caught.value.message


@pytest.mark.parametrize("path", ["/slow-headers", "/slow-body"])
async def test_slow_server_times_out(server: Server, path: str) -> None:
    async with HttpClient(timeout_s=0.3, connect_timeout_s=0.3) as http:
        with pytest.raises(SourceError) as caught:
            await http.get(f"{server.base}{path}")
    assert caught.value.kind == "timeout"


async def test_refused_connection_is_a_connect_error(client: HttpClient) -> None:
    port = unused_port()
    with pytest.raises(SourceError) as caught:
        await client.get(f"http://127.0.0.1:{port}/feed")
    assert caught.value.kind == "connect"


async def test_per_host_limit_bounds_concurrent_requests(server: Server) -> None:
    async with HttpClient(limit_per_host=2) as http:
        requests = [asyncio.create_task(http.get(f"{server.base}/held")) for _ in range(6)]
        await asyncio.wait_for(server.wait_in_flight(2), timeout=5)
        await asyncio.sleep(0.2)  # room for a third request to arrive if the limit leaked
        assert server.max_in_flight == 2
        server.release.set()
        responses = await asyncio.gather(*requests)
    assert [r.body for r in responses] == [b"done"] * 6


async def test_without_a_tight_limit_all_requests_run_at_once(server: Server) -> None:
    async with HttpClient(limit_per_host=6) as http:
        requests = [asyncio.create_task(http.get(f"{server.base}/held")) for _ in range(6)]
        await asyncio.wait_for(server.wait_in_flight(6), timeout=5)
        server.release.set()
        await asyncio.gather(*requests)
    assert server.max_in_flight == 6


@pytest.mark.parametrize("url", ["not a url", "ftp://127.0.0.1/feed", "http://127.0.0.1:99999/"])
async def test_unusable_urls_are_source_errors(client: HttpClient, url: str) -> None:
    with pytest.raises(SourceError) as caught:
        await client.get(url)
    assert caught.value.kind == "http"


def test_invalid_options_are_refused() -> None:
    with pytest.raises(ValueError):
        HttpClient(max_bytes=0)


def test_source_error_survives_pickling() -> None:
    error = SourceError("http", "HTTP 429", retry_after=3.0, status=429)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.kind, copy.message, copy.retry_after, copy.status) == (
        "http",
        "HTTP 429",
        3.0,
        429,
    )
