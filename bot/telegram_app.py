"""python-telegram-bot, started by hand inside our own event loop and stopped in reverse."""

from __future__ import annotations

import logging

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

import handlers
from bot.services import Services
from handlers.common import SERVICES

log = logging.getLogger(__name__)

POLL_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 15.0


# Telegram allows about 30 messages/s per bot, 1/s per chat and 20/min per group. A bucket of one
# message per 1/29 s never bursts past the global limit; 429s are retried by our sender.
def rate_limiter() -> AIORateLimiter:
    return AIORateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / 29,
        group_max_rate=20,
        group_time_period=60,
        max_retries=0,
    )


def file_url_for(base_url: str) -> str:
    """https://api.telegram.org/bot -> https://api.telegram.org/file/bot"""
    root, _, last = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/{last}"


def build_application(token: str, base_url: str, services: Services) -> Application:
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url_for(base_url))
        .rate_limiter(rate_limiter())
        .connect_timeout(REQUEST_TIMEOUT_S)
        .read_timeout(REQUEST_TIMEOUT_S)
        .write_timeout(REQUEST_TIMEOUT_S)
        .get_updates_read_timeout(POLL_TIMEOUT_S + 10)
        .build()
    )
    application.bot_data[SERVICES] = services
    handlers.register(application)
    return application


async def start_application(application: Application) -> None:
    await application.initialize()
    await application.bot.set_my_commands(handlers.menu())
    assert application.updater is not None
    await application.updater.start_polling(
        timeout=POLL_TIMEOUT_S,
        drop_pending_updates=False,
        allowed_updates=["message", "callback_query"],
    )
    await application.start()
    log.info("telegram: polling as @%s", application.bot.username)


async def stop_application(application: Application) -> None:
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
