"""The operator's HTTP server (http.listen): /metrics for Prometheus, /healthz for Docker and
Kubernetes, and the status page when http.token or http.basic_auth is set. Read-only: nothing
here changes state."""

from __future__ import annotations

import errno
import logging
import os

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.config import HttpConfig
from bot.ops.probe import Probe
from bot.ops.status_page import Credentials, StatusPage

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_S = 0.5
MAX_REQUEST_BYTES = 64 * 1024


class ListenError(OSError):
    """http.listen cannot be bound; the message says what to change."""


class OpsServer:
    def __init__(self, config: HttpConfig, probe: Probe) -> None:
        self.config = config
        self.probe = probe
        self.app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        self.app.router.add_get("/metrics", self._metrics)
        self.app.router.add_get("/healthz", self._healthz)
        if config.status_page:
            credentials = Credentials(
                token=config.token.get_secret_value(),
                user=config.basic_auth.user,
                password=config.basic_auth.password.get_secret_value(),
            )
            self.app.router.add_get("/status", StatusPage(probe, credentials).handle)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        host, port = self.config.address
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as exc:
            await runner.cleanup()
            raise ListenError(exc.errno, _cannot_listen(self.config.listen, exc)) from exc
        self._runner = runner
        self.port = runner.addresses[0][1]
        page = ", status page at /status" if self.config.status_page else ""
        log.info("http: /metrics and /healthz on http://%s:%s%s", host, self.port, page)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _metrics(self, request: web.Request) -> web.Response:
        await self.probe.refresh()
        response = web.Response(body=self.probe.metrics.text())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    async def _healthz(self, request: web.Request) -> web.Response:
        health = await self.probe.health()
        return web.json_response(health.as_json(), status=200 if health.ok else 503)


def _cannot_listen(listen: str, error: OSError) -> str:
    if error.errno in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
        reason = os.strerror(error.errno).lower()
    else:
        reason = error.strerror or str(error)
    return f"cannot listen on {listen} for http.listen ({reason}); free the port or change it"
