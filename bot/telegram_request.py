"""Bot API requests sent with aiohttp, which reads the feeds already: python-telegram-bot's own
httpx transport costs several times the CPU of an aiohttp request, and a busy bot sends at least
two requests per command (the update and the reply)."""

from __future__ import annotations

import asyncio

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """At most `connections` requests at once; each phase of a request (a free connection,
    connecting, sending, reading the answer) waits at most `timeout_s`, reading `read_timeout_s`
    where given (getUpdates holds its answer for the long-poll time)."""

    def __init__(
        self, *, connections: int, timeout_s: float, read_timeout_s: float | None = None
    ) -> None:
        self._connections = connections
        self._timeout_s = timeout_s
        self._read_timeout_s = timeout_s if read_timeout_s is None else read_timeout_s
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout_s

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("the Bot API request is not initialized")
        pool = _seconds(pool_timeout, self._timeout_s)
        connect = _seconds(connect_timeout, self._timeout_s)
        write = _seconds(write_timeout, self._timeout_s)
        read = _seconds(read_timeout, self._read_timeout_s)
        phases = [pool, connect, write, read]
        timeout = aiohttp.ClientTimeout(
            # aiohttp has no timeout of its own for sending: the whole request is bounded by
            # the sum of its phases instead.
            total=sum(s for s in phases if s is not None) if None not in phases else None,
            connect=pool,  # aiohttp's "connect" is the wait for a free connection and more
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except (aiohttp.ClientError, asyncio.IncompleteReadError, OSError) as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _seconds(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """The parameters form-encoded, or as a multipart form when a file goes with them."""
    if request_data is None:
        return None
    files = request_data.multipart_data
    if not files:
        return request_data.json_parameters
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
