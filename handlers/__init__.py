"""Every Telegram command, registered in one place."""

from __future__ import annotations

from telegram import BotCommand
from telegram.ext import Application, CommandHandler

from handlers.subscriptions import COMMANDS, help_command, list_command, start, unwatch, watch
from handlers.summary import summary

HANDLERS = {
    "start": start,
    "help": help_command,
    "watch": watch,
    "unwatch": unwatch,
    "list": list_command,
    "summary": summary,
}


def register(application: Application) -> None:
    for name, callback in HANDLERS.items():
        application.add_handler(CommandHandler(name, callback))


def menu() -> list[BotCommand]:
    return [BotCommand(name, about) for name, _arguments, about in COMMANDS]
