"""Receive updates by webhook: a small aiohttp server that checks Telegram's secret token header
and hands each update to python-telegram-bot's queue (the same path polling takes)."""

from __future__ import annotations

import hmac
import json
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.config import WebhookConfig

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
SHUTDOWN_TIMEOUT_S = 2.0


class WebhookServer:
    def __init__(self, application: Application, config: WebhookConfig) -> None:
        self.application = application
        self.config = config
        self.path = urlsplit(config.url).path or "/"
        self.received = 0
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(self.path, self._receive)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        site = web.TCPSite(runner, self.config.listen, self.config.port)
        await site.start()
        self._runner = runner
        self.port = runner.addresses[0][1]
        log.info("telegram: webhook listening on %s:%s%s", self.config.listen, self.port, self.path)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _receive(self, request: web.Request) -> web.Response:
        secret = self.config.secret_token.get_secret_value()
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("webhook: refused a request without the secret token")
            return web.Response(status=403)
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, self.application.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("webhook: unreadable update (%s)", exc)
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        self.received += 1
        await self.application.update_queue.put(update)
        return web.Response(status=200)
