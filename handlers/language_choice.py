"""/lang: the language the bot writes in for this chat (replies, alerts, digests), or back to
each sender's Telegram setting."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.common import CHOSEN_LANGUAGE, esc_argument, lang_of, reply, reply_usage, services
from handlers.i18n import LANGUAGES, t

AUTO = "auto"


async def lang_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, arguments, store = (
        update.effective_chat,
        list(context.args or []),
        services(context).store,
    )
    if chat is None:
        return
    lang = lang_of(update)
    if not arguments:
        chosen = await store.chosen_language(chat.id)
        key = "lang_chosen" if chosen else "lang_automatic"
        await reply_usage(update, "lang", t(lang, key, language=t(lang, f"lang_name_{lang}")))
        return
    if len(arguments) > 1:
        await reply_usage(update, "lang", t(lang, "too_many_arguments"))
        return
    wanted = arguments[0].lower()
    if wanted == AUTO:
        await store.choose_language(chat.id, None)
        CHOSEN_LANGUAGE.set(None)
        lang = lang_of(update)
        await reply(update, t(lang, "lang_auto_set", language=t(lang, f"lang_name_{lang}")))
        return
    if wanted not in LANGUAGES:
        problem = t(lang, "lang_unknown", language=esc_argument(arguments[0]))
        await reply_usage(update, "lang", problem)
        return
    await store.choose_language(chat.id, wanted)
    CHOSEN_LANGUAGE.set(wanted)
    await reply(update, t(wanted, "lang_set", language=t(wanted, f"lang_name_{wanted}")))
