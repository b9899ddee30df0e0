"""Fetches of URLs that chat users give: only public addresses, checked where the connection is
made (after DNS resolution, on every redirect), so a name that resolves differently between a
check and the fetch cannot reach a private service (SSRF)."""

from __future__ import annotations

import ipaddress
import socket
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

# Cloud instance metadata services; most are also caught as link-local or private, listed so
# that a change in what the ipaddress module calls global never opens them.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "100.100.100.200",  # Alibaba Cloud
        "fd00:ec2::254",  # AWS over IPv6
    )
)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(OSError):
    """A URL's host is, or resolves only to, an address the bot may not fetch from."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(0, f"{host}: {reason}")
        self.host = host


def refusal(address: Address, exempt: frozenset[Address] = frozenset()) -> str | None:
    """Why a connection to `address` is refused, or None when it is a public one (or one of
    `exempt`, the addresses a deployment trusts)."""
    if address in exempt:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refusal(address.ipv4_mapped, exempt)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved or address.is_unspecified:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "a reserved address"
    return None


def literal_address(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class PublicOnlyResolver(AbstractResolver):
    """Resolves through another resolver and keeps only public addresses; a name with none left
    fails to connect, as a name that does not resolve would."""

    def __init__(
        self, inner: AbstractResolver | None = None, exempt: frozenset[Address] = frozenset()
    ) -> None:
        self.inner = inner or aiohttp.ThreadedResolver()
        self.exempt = exempt

    def _refusal(self, entry: ResolveResult) -> str | None:
        return refusal(ipaddress.ip_address(entry["host"]), self.exempt)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self.inner.resolve(host, port, family)
        kept = [entry for entry in found if self._refusal(entry) is None]
        if not kept:
            reasons = {self._refusal(entry) for entry in found}
            raise AddressRefused(host, f"resolves to {', '.join(sorted(map(str, reasons)))}")
        return kept

    async def close(self) -> None:
        await self.inner.close()


def public_only_trace(exempt: frozenset[Address] = frozenset()) -> aiohttp.TraceConfig:
    """Refuses a request to an IP literal that is not public, the first one and each redirect
    (aiohttp connects to a literal without asking the resolver)."""

    def check(url: URL) -> None:
        address = literal_address(url.host or "")
        reason = refusal(address, exempt) if address is not None else None
        if reason is not None:
            raise AddressRefused(url.host or "", f"is {reason}")

    async def on_start(
        session: aiohttp.ClientSession, context: SimpleNamespace, params: Any
    ) -> None:
        check(params.url)

    async def on_redirect(
        session: aiohttp.ClientSession, context: SimpleNamespace, params: Any
    ) -> None:
        # Sent before aiohttp follows the redirect: the next hop's URL is the Location.
        response: aiohttp.ClientResponse = params.response
        location = response.headers.get("Location") or response.headers.get("URI")
        if location:
            try:
                check(response.url.join(URL(location)))
            except ValueError:
                return  # aiohttp itself refuses a Location that is no URL

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    trace.on_request_redirect.append(on_redirect)
    return trace
