"""/channel: the bot's admins publish the alerts about some symbols or of some rules once to a
Telegram channel, which any number of people can join, instead of messaging each of them."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import keys
from bot.services import Services
from bot.store import Store
from handlers.common import esc, esc_argument, lang_of, reply, reply_usage, services
from handlers.i18n import t
from handlers.subscriptions import is_admin

log = logging.getLogger(__name__)

LINK, UNLINK = "link", "unlink"
MAY_POST = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


async def channel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    shared, lang = services(context), lang_of(update)
    if not is_admin(update, shared):
        await reply(update, t(lang, "admin_only"))
        return
    arguments = list(context.args or [])
    if not arguments:
        await reply(update, await _listing(shared.store, lang))
        return
    action = arguments[0].lower()
    wanted = 3 if action == LINK else 2
    if action not in (LINK, UNLINK) or len(arguments) < wanted:
        await reply_usage(update, "channel")
        return
    if action == UNLINK and len(arguments) > wanted:
        await reply_usage(update, "channel")
        return
    channel = _channel_id(arguments[1])
    if channel is None:
        await reply_usage(update, "channel", t(lang, "channel_bad_id"))
        return
    if action == UNLINK:
        removed = await shared.store.unlink_channel(channel)
        key = "channel_unlinked" if removed else "channel_not_linked"
        await reply(update, t(lang, key, channel=channel))
        return
    await _link(update, context, shared, channel, arguments[2:])


async def _link(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    shared: Services,
    channel: int,
    wanted: list[str],
) -> None:
    lang = lang_of(update)
    rules = {rule.name.casefold(): rule.name for rule in shared.rules if rule.options.enabled}
    symbols: list[str] = []
    followed: list[str] = []
    for argument in wanted:
        if argument.upper() in shared.config.watchlist:
            symbols.append(argument.upper())
        elif argument.casefold() in rules:
            followed.append(rules[argument.casefold()])
        else:
            shown = esc_argument(argument)
            known_symbols = esc(", ".join(shared.config.watchlist)) or t(lang, "none")
            known_rules = esc(", ".join(rules.values())) or t(lang, "none")
            text = t(
                lang, "channel_unknown", argument=shown, symbols=known_symbols, rules=known_rules
            )
            await reply(update, text)
            return
    if not await _may_post(context.bot, channel):
        await reply(update, t(lang, "channel_cannot_post", channel=channel))
        return
    try:
        await shared.store.link_channel(channel, symbols, followed, lang)
    except ValueError:
        await reply(update, t(lang, "channel_limit", symbols=keys.WATCH_MAX, rules=keys.FOLLOW_MAX))
        return
    what = ", ".join(f"<b>{esc(name)}</b>" for name in symbols + followed)
    await reply(update, t(lang, "channel_linked", channel=channel, what=what))


async def _may_post(bot: Bot, channel: int) -> bool:
    """Whether the bot is an administrator of the channel allowed to post there."""
    try:
        member = await bot.get_chat_member(channel, bot.id)
    except TelegramError as exc:
        log.info("cannot ask Telegram about the bot in channel %s: %s", channel, exc)
        return False
    return member.status in MAY_POST and getattr(member, "can_post_messages", None) is not False


async def _listing(store: Store, lang: str) -> str:
    lines = []
    for channel in await store.channels():
        names = await store.watched(channel) + await store.followed(channel)
        what = ", ".join(f"<b>{esc(name)}</b>" for name in names) or t(lang, "none")
        lines.append(t(lang, "channel_line", channel=channel, what=what))
    if not lines:
        return t(lang, "channel_none")
    return t(lang, "channel_list", lines="\n".join(lines))


def _channel_id(argument: str) -> int | None:
    try:
        channel = int(argument)
    except ValueError:
        return None
    return channel if channel < 0 else None
