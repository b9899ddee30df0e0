"""The one HTTP client every source fetches through: timeouts, size cap, conditional GET."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import metadata
from types import TracebackType
from typing import Literal

import aiohttp
from aiohttp.abc import AbstractResolver

from bot.sources.guard import Address, AddressRefused, PublicOnlyResolver, public_only_trace

ErrorKind = Literal[
    "timeout", "connect", "http", "too_large", "parse", "not_found", "api", "redirect"
]

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_CONNECT_TIMEOUT_S = 5.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_LIMIT_PER_HOST = 4
_CHUNK_BYTES = 64 * 1024
_RETRY_AFTER_STATUSES = frozenset({429, 503})


class SourceError(Exception):
    """A fetch or parse that failed in a way the caller should log and retry later."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.message = message
        self.retry_after = retry_after
        self.status = status

    def __reduce__(self) -> tuple[type[SourceError], tuple[object, ...]]:
        # Results cross process boundaries when feeds are parsed in a process pool.
        return (type(self), (self.kind, self.message, self.retry_after, self.status))

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class Validators:
    """What we remember about the last successful fetch of a URL."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResponse:
    status: int
    body: bytes  # empty when not_modified came from a 304
    validators: Validators
    not_modified: bool  # HTTP 304, or the body hashes the same as last time
    content_type: str | None = None


def default_user_agent() -> str:
    try:
        version = metadata.version("tickerwatch")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"Tickerwatch/{version}"


class HttpClient:
    """Wraps one aiohttp session; create it inside the running event loop."""

    def __init__(
        self,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        limit_per_host: int = DEFAULT_LIMIT_PER_HOST,
        user_agent: str | None = None,
        public_only: bool = False,
        resolver: AbstractResolver | None = None,
        exempt: frozenset[Address] = frozenset(),
    ) -> None:
        """`public_only`: connect to public addresses (and those in `exempt`) only, for URLs
        from chat users; `resolver` (the system's by default) resolves names."""
        if timeout_s <= 0 or connect_timeout_s <= 0 or max_bytes <= 0 or limit_per_host <= 0:
            raise ValueError("timeouts, max_bytes and limit_per_host must be positive")
        self.max_bytes = max_bytes
        # sock_connect rather than connect: waiting for a free per-host slot is not a
        # connect failure, and the total timeout already bounds that wait.
        timeout = aiohttp.ClientTimeout(total=timeout_s, sock_connect=connect_timeout_s)
        if public_only:
            resolver = PublicOnlyResolver(resolver, exempt)
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit_per_host=limit_per_host, resolver=resolver),
            trace_configs=[public_only_trace(exempt)] if public_only else None,
            timeout=timeout,
            headers={"User-Agent": user_agent or default_user_agent()},
        )

    async def close(self) -> None:
        await self._session.close()

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def get(
        self,
        url: str,
        *,
        validators: Validators | None = None,
        headers: Mapping[str, str] | None = None,
        accept_statuses: Collection[int] = (),
    ) -> FetchResponse:
        """GET url (redirects followed). A status outside 2xx raises SourceError("http"), except
        a 304 answering our validators and the statuses listed in accept_statuses."""
        request_headers = dict(headers or {})
        if validators and validators.etag:
            request_headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            request_headers["If-Modified-Since"] = validators.last_modified
        try:
            async with self._session.get(url, headers=request_headers) as response:
                return await self._finish(url, response, validators, accept_statuses)
        except AddressRefused as exc:
            raise SourceError("connect", f"{url}: refused, {exc.strerror}") from exc
        except TimeoutError as exc:
            raise SourceError("timeout", f"{url}: timed out ({type(exc).__name__})") from exc
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as exc:
            raise SourceError("connect", f"{url}: {_connection_reason(exc)}") from exc
        except aiohttp.TooManyRedirects as exc:
            # Its repr holds the whole request info; the number of hops says enough.
            hops = len(exc.history)
            message = f"{url}: too many redirects ({hops}); the server redirects in a loop"
            raise SourceError("redirect", message) from exc
        except aiohttp.ClientError as exc:
            raise SourceError("http", f"{url}: {exc!r}") from exc

    async def post_form(self, url: str, form: Mapping[str, str]) -> int:
        """POST a form (a WebSub subscription request); the status, whatever it is. A
        connection failure or timeout raises SourceError, as for get."""
        try:
            async with self._session.post(url, data=dict(form)) as response:
                await self._read_capped(url, response)
                return response.status
        except AddressRefused as exc:
            raise SourceError("connect", f"{url}: refused, {exc.strerror}") from exc
        except TimeoutError as exc:
            raise SourceError("timeout", f"{url}: timed out ({type(exc).__name__})") from exc
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as exc:
            raise SourceError("connect", f"{url}: {_connection_reason(exc)}") from exc
        except aiohttp.ClientError as exc:
            raise SourceError("http", f"{url}: {exc!r}") from exc

    async def _finish(
        self,
        url: str,
        response: aiohttp.ClientResponse,
        previous: Validators | None,
        accept_statuses: Collection[int],
    ) -> FetchResponse:
        status = response.status
        if status == 304 and previous is not None:
            kept = Validators(
                etag=response.headers.get("ETag") or previous.etag,
                last_modified=response.headers.get("Last-Modified") or previous.last_modified,
                body_hash=previous.body_hash,
            )
            return FetchResponse(status, b"", kept, not_modified=True)
        if not 200 <= status < 300 and status not in accept_statuses:
            retry_after = _retry_after(response) if status in _RETRY_AFTER_STATUSES else None
            message = f"{url}: HTTP {status} {response.reason or ''}".rstrip()
            raise SourceError("http", message, retry_after, status)
        body = await self._read_capped(url, response)
        body_hash = hashlib.sha256(body).hexdigest()
        fresh = Validators(
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            body_hash=body_hash,
        )
        unchanged = previous is not None and previous.body_hash == body_hash
        content_type = response.headers.get("Content-Type")
        return FetchResponse(status, body, fresh, not_modified=unchanged, content_type=content_type)

    async def _read_capped(self, url: str, response: aiohttp.ClientResponse) -> bytes:
        declared = response.content_length
        if declared is not None and declared > self.max_bytes:
            raise SourceError("too_large", f"{url}: declares {declared} bytes > {self.max_bytes}")
        # Counted after decompression, so a small gzip bomb is stopped too.
        chunks: list[bytes] = []
        received = 0
        async for chunk in response.content.iter_chunked(_CHUNK_BYTES):
            received += len(chunk)
            if received > self.max_bytes:
                raise SourceError("too_large", f"{url}: body exceeds {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def _connection_reason(error: aiohttp.ClientError) -> str:
    """One short line for the log: the OS reason, not the exception's repr with its key tuple."""
    if isinstance(error, aiohttp.ClientConnectorError):
        os_error = error.os_error
        if isinstance(os_error, AddressRefused):
            return f"refused, {os_error.strerror}"
        if isinstance(os_error, ConnectionRefusedError):
            reason = "connection refused"
        else:
            reason = os_error.strerror or str(os_error) or type(os_error).__name__
        return f"cannot connect to {error.host}:{error.port} ({reason})"
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _retry_after(response: aiohttp.ClientResponse) -> float | None:
    """Seconds from Retry-After: delta-seconds, or an HTTP date measured against the Date header."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        server_now = parsedate_to_datetime(response.headers.get("Date", ""))
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None or server_now.tzinfo is None:
        return None
    return max(0.0, (when - server_now).total_seconds())
