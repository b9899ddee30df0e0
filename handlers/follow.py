"""/follow, /unfollow: every alert of one rule, also about symbols the chat does not watch
(a keyword rule about no symbol reaches only the chats that follow it)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import keys
from handlers.common import esc, esc_argument, lang_of, reply, reply_usage, services
from handlers.i18n import t


async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _change(update, context, start=True)


async def unfollow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _change(update, context, start=False)


async def _change(update: Update, context: ContextTypes.DEFAULT_TYPE, *, start: bool) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    command, lang = "follow" if start else "unfollow", lang_of(update)
    arguments = list(context.args or [])
    if len(arguments) != 1:
        problem = t(lang, "follow_one_rule" if arguments else "follow_missing_rule")
        await reply_usage(update, command, problem)
        return
    shared = services(context)
    names = [rule.name for rule in shared.rules if rule.options.enabled]
    rule = next((name for name in names if name.casefold() == arguments[0].casefold()), None)
    store = shared.store
    if not start:
        # A rule removed from the config can still be unfollowed by its old name.
        name = rule or arguments[0]
        removed = await store.unfollow(chat.id, name)
        await reply(update, t(lang, "unfollowed" if removed else "not_following", rule=esc(name)))
        return
    if rule is None:
        shown = esc_argument(arguments[0])
        await reply(update, t(lang, "unknown_rule", rule=shown, known=esc(", ".join(names))))
        return
    await store.register_chat(chat.id, user.language_code if user else None)
    try:
        added = await store.follow(chat.id, rule)
    except ValueError:
        await reply(update, t(lang, "follow_limit", limit=keys.FOLLOW_MAX))
        return
    await reply(update, t(lang, "following" if added else "already_following", rule=esc(rule)))
