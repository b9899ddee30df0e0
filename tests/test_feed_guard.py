"""Fetching a URL a chat user gave: only public addresses, after DNS and on every redirect."""

from __future__ import annotations

import ipaddress
import re
import socket

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from local_http import serve

from bot.sources.guard import refusal
from bot.sources.http import HttpClient, SourceError

LOCAL = ipaddress.ip_address("127.0.0.1")
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


class TableResolver(AbstractResolver):
    """A DNS that answers from a table: names that resolve to whatever a test needs."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host not in self.table:
            raise OSError(f"{host} does not resolve")
        address = self.table[host]
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
        ]

    async def close(self) -> None:
        return None


def feed_server(redirect_to: str | None = None) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=RSS, content_type="application/rss+xml")

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound(redirect_to or "/feed")

    app = web.Application()
    app.router.add_get("/feed", feed)
    app.router.add_get("/moved", moved)
    return app


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.1.1", "link-local"),
        ("100.100.100.200", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "reserved"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "reserved"),
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    assert reason in (refusal(ipaddress.ip_address(address)) or "")


def test_public_addresses_pass() -> None:
    assert refusal(ipaddress.ip_address("93.184.216.34")) is None
    assert refusal(ipaddress.ip_address("2606:2800:220:1::")) is None


async def test_a_loopback_literal_is_refused_and_allowed_without_the_guard() -> None:
    async with serve(feed_server()) as base:
        async with HttpClient(public_only=True) as guarded:
            with pytest.raises(SourceError, match=re.escape("refused, 127.0.0.1: is a loopback")):
                await guarded.get(f"{base}/feed")
        async with HttpClient() as open_client:
            assert (await open_client.get(f"{base}/feed")).body == RSS


async def test_localhost_is_refused_after_resolution() -> None:
    async with serve(feed_server()) as base:
        port = base.rsplit(":", 1)[1]
        async with HttpClient(public_only=True) as guarded:
            with pytest.raises(SourceError, match="refused, localhost: resolves to a loopback"):
                await guarded.get(f"http://localhost:{port}/feed")


async def test_a_name_resolving_to_the_metadata_service_is_refused() -> None:
    resolver = TableResolver({"metadata.test": "169.254.169.254"})
    async with HttpClient(public_only=True, resolver=resolver) as guarded:
        with pytest.raises(
            SourceError, match=re.escape("metadata.test: resolves to a cloud metadata")
        ):
            await guarded.get("http://metadata.test/latest/meta-data/")


@pytest.mark.parametrize(
    ("target", "refused"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254: is a cloud metadata"),
        ("http://127.0.0.2:9/feed", "127.0.0.2: is a loopback"),
        ("http://metadata.test/", "metadata.test: resolves to a cloud metadata"),
        ("http://[::1]:9/", "::1: is a loopback"),
    ],
)
async def test_a_redirect_to_a_private_address_is_refused(target: str, refused: str) -> None:
    # The first hop is to an address this deployment trusts; the redirect leaves it.
    resolver = TableResolver({"feeds.test": "127.0.0.1", "metadata.test": "169.254.169.254"})
    async with serve(feed_server(redirect_to=target)) as base:
        port = base.rsplit(":", 1)[1]
        async with HttpClient(public_only=True, resolver=resolver, exempt=frozenset({LOCAL})) as c:
            assert (await c.get(f"http://feeds.test:{port}/feed")).body == RSS
            with pytest.raises(SourceError, match=re.escape(f"refused, {refused}")):
                await c.get(f"http://feeds.test:{port}/moved")
