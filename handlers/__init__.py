"""Every Telegram command, registered in one place."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.access import gate
from handlers.buttons import CALLBACK_PATTERN, on_button
from handlers.channels import channel_command
from handlers.chart import chart
from handlers.commands import COMMANDS, FETCHING_COMMANDS, WITHOUT_ARGUMENTS
from handlers.common import AVAILABLE_COMMANDS, CommandCallback, without_arguments
from handlers.errors import on_error
from handlers.fallbacks import document_hint, plain_text, unknown_button, unknown_command
from handlers.feeds import addfeed, delfeed, feeds_command
from handlers.follow import follow, unfollow
from handlers.i18n import LANGUAGES
from handlers.keywords import keyword
from handlers.language_choice import lang_command
from handlers.market import news, price, targets
from handlers.migration import on_chat_migrated
from handlers.opml import IMPORT_CAPTION, export_command, import_command, import_document
from handlers.personal import alert_command, band_command
from handlers.personal_list import mine
from handlers.preferences import digest, mute, quiet, rules, unmute
from handlers.status import reload_command, stats, status
from handlers.subscriptions import help_command, list_command, start, unwatch, watch
from handlers.summary import summary

HANDLERS = {
    "start": start,
    "help": help_command,
    "watch": watch,
    "unwatch": unwatch,
    "list": list_command,
    "follow": follow,
    "unfollow": unfollow,
    "keyword": keyword,
    "summary": summary,
    "price": price,
    "news": news,
    "targets": targets,
    "chart": chart,
    "band": band_command,
    "alert": alert_command,
    "mine": mine,
    "status": status,
    "stats": stats,
    "reload": reload_command,
    "channel": channel_command,
    "mute": mute,
    "unmute": unmute,
    "quiet": quiet,
    "digest": digest,
    "lang": lang_command,
    "rules": rules,
    "addfeed": addfeed,
    "feeds": feeds_command,
    "delfeed": delfeed,
    "import": import_command,
    "export": export_command,
}

GATE_GROUP = -1  # runs before the command handlers (group 0)


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
    for name, callback in HANDLERS.items():
        fetching = name in FETCHING_COMMANDS
        handler: CommandCallback = callback
        if name in WITHOUT_ARGUMENTS:
            handler = without_arguments(name, callback)
        application.add_handler(CommandHandler(name, handler, block=not fetching))
    application.add_handler(CallbackQueryHandler(on_button, pattern=CALLBACK_PATTERN))
    opml_file = filters.Document.ALL & filters.CaptionRegex(IMPORT_CAPTION)
    application.add_handler(MessageHandler(opml_file, import_document, block=False))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_chat_migrated))
    # Within a group only the first matching handler runs: the fallbacks go last.
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    private_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private_text, plain_text))
    private_file = filters.Document.ALL & filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private_file, document_hint))
    application.add_handler(CallbackQueryHandler(unknown_button))
    application.add_error_handler(on_error)
    application.bot_data[AVAILABLE_COMMANDS] = set(HANDLERS)


def menu(language: str = "en") -> list[BotCommand]:
    """The command menu in one language; admin commands are left out of it."""
    return [
        BotCommand(info.name, info.about.get(language, info.about["en"]))
        for info in COMMANDS
        if info.in_menu and not info.admin and info.name in HANDLERS
    ]


MENU_LANGUAGES = LANGUAGES
