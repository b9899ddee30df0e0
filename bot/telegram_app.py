"""python-telegram-bot, started by hand inside our own event loop and stopped in reverse.

Updates arrive by long polling, or by webhook when `telegram.webhook` is configured.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram.error import Conflict, TelegramError
from telegram.ext import Application, ApplicationBuilder

import handlers
from bot.config import WebhookConfig
from bot.delivery.limiter import TelegramRateLimiter
from bot.services import Services
from bot.telegram_request import AiohttpRequest
from bot.telegram_webhook import WebhookServer
from handlers.common import SERVICES
from handlers.status import RELOAD

log = logging.getLogger(__name__)

POLL_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 15.0
CONNECTIONS = 64  # concurrent Bot API requests; the rate limiter paces the sends among them
# Edited messages: a command whose typo was fixed is answered again (handlers.access).
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
WEBHOOK = "webhook"  # bot_data: the WebhookServer, when updates arrive by webhook


def file_url_for(base_url: str) -> str:
    """https://api.telegram.org/bot -> https://api.telegram.org/file/bot"""
    root, _, last = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/{last}"


def application_builder(
    token: str, base_url: str, rate_limiter: TelegramRateLimiter | None = None
) -> ApplicationBuilder:
    """Every connection and pacing setting of our bot, in one place."""
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url_for(base_url))
        .rate_limiter(rate_limiter or TelegramRateLimiter())
        .request(AiohttpRequest(connections=CONNECTIONS, timeout_s=REQUEST_TIMEOUT_S))
        .get_updates_request(
            AiohttpRequest(
                connections=1, timeout_s=REQUEST_TIMEOUT_S, read_timeout_s=POLL_TIMEOUT_S + 10
            )
        )
    )


def build_application(
    token: str,
    base_url: str,
    services: Services,
    *,
    reload: Callable[[], Awaitable[object]] | None = None,
    rate_limiter: TelegramRateLimiter | None = None,
) -> Application:
    application = application_builder(token, base_url, rate_limiter).build()
    application.bot_data[SERVICES] = services
    if reload is not None:
        application.bot_data[RELOAD] = reload
    handlers.register(application)
    return application


async def register_menu(application: Application) -> None:
    """The command menu: English as the default, and once per supported language."""
    await application.bot.set_my_commands(handlers.menu("en"))
    for language in handlers.MENU_LANGUAGES:
        await application.bot.set_my_commands(handlers.menu(language), language_code=language)


async def start_application(
    application: Application, webhook: WebhookConfig | None = None, *, receive: bool = True
) -> None:
    """Start the bot; `receive`: also take updates (by polling, or by `webhook`). Without it
    the bot only sends, and another process receives the updates (or starts polling later
    through start_polling)."""
    await application.initialize()  # getMe: a rejected token stops here, before anything is sent
    if receive and webhook is None:
        await start_polling(application)
    elif receive and webhook is not None:
        server = WebhookServer(application, webhook)
        await server.start()
        application.bot_data[WEBHOOK] = server
        # Only once the port is bound: a start that fails changes nothing a user sees.
        await register_menu(application)
        await application.bot.set_webhook(
            url=webhook.url,
            secret_token=webhook.secret_token.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
    await application.start()
    if not receive:
        log.info("telegram: @%s is ready to send", application.bot.username)
        return
    mode = "a webhook" if webhook is not None else "polling"
    log.info("telegram: @%s receives updates by %s", application.bot.username, mode)


async def start_polling(application: Application) -> None:
    assert application.updater is not None
    await register_menu(application)
    await application.bot.delete_webhook(drop_pending_updates=False)
    await application.updater.start_polling(
        timeout=POLL_TIMEOUT_S,
        drop_pending_updates=False,
        allowed_updates=ALLOWED_UPDATES,
        error_callback=PollingErrors(),
    )


class PollingErrors:
    """getUpdates failures, which the updater retries itself: one line each, without the
    traceback the updater would log for every retry while Telegram is away; the same error
    again only at DEBUG."""

    def __init__(self) -> None:
        self.last = ""

    def __call__(self, error: TelegramError) -> None:
        text = str(error)
        if isinstance(error, Conflict):
            text = (
                f"another bot polls the updates with this token ({text}); Telegram allows one: "
                "stop it, or share one Redis so that the processes take turns"
            )
        level = logging.DEBUG if text == self.last else logging.WARNING
        self.last = text
        log.log(level, "telegram: getUpdates failed: %s; retrying", text)


async def stop_application(application: Application) -> None:
    server: WebhookServer | None = application.bot_data.pop(WEBHOOK, None)
    if server is not None:
        await server.stop()
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
