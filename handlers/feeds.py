"""/addfeed, /feeds, /delfeed: a chat's own feeds, and (for the bot's admins) the shared ones."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.config import FeedSource
from bot.redact import redact, redact_url
from bot.services import Services
from bot.sources.language import language_code
from bot.user_feeds import URL_MAX, FeedRefused, UserFeeds
from handlers.common import esc, lang_of, reply, reply_usage, services
from handlers.i18n import MESSAGES, t
from handlers.status import error_kind
from handlers.subscriptions import is_admin
from handlers.summary import stamp

SHARED = "shared"


def user_feeds(shared: Services) -> UserFeeds | None:
    return shared.feeds


def refusal_text(lang: str, refused: FeedRefused) -> str:
    values = {key: esc(value) for key, value in refused.values.items()}
    if "kind" in refused.values:
        problem = f"feed_problem_{refused.values['kind']}"
        values["problem"] = t(lang, problem if problem in MESSAGES else "feed_problem_other")
    return t(lang, refused.reason, **values)


def feed_options(words: list[str]) -> tuple[str, bool] | str:
    """(language, shared) from the words after the URL; the first unknown word otherwise."""
    lang, shared = "en", False
    for word in words:
        code = language_code(word)
        if word.lower() == SHARED:
            shared = True
        elif code is not None:
            lang = code
        else:
            return word
    return lang, shared


async def addfeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    shared, lang = services(context), lang_of(update)
    arguments = list(context.args or [])
    chat = update.effective_chat
    if not arguments or chat is None:
        await reply_usage(update, "addfeed")
        return
    feeds = user_feeds(shared)
    if feeds is None:
        await reply(update, t(lang, "feeds_unavailable"))
        return
    url = arguments[0]
    options = feed_options(arguments[1:])
    if isinstance(options, str):
        await reply_usage(update, "addfeed", t(lang, "feed_bad_lang", language=esc(options[:20])))
        return
    feed_lang, to_shared = options
    if to_shared and not is_admin(update, shared):
        await reply(update, t(lang, "feed_shared_admins"))
        return
    if len(url) > URL_MAX:
        await reply(update, t(lang, "feed_url_too_long", limit=URL_MAX))
        return
    try:
        feed = await feeds.add(url, feed_lang, None if to_shared else chat.id)
    except FeedRefused as refused:
        await reply(update, refusal_text(lang, refused))
        return
    key = "feed_added_shared" if to_shared else "feed_added"
    added = t(lang, key, name=esc(feed.name), language=feed.lang)
    if feed.url != url:
        added = t(lang, "feed_followed", url=esc(redact_url(feed.url))) + "\n" + added
    await reply(update, added)


async def delfeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    shared, lang = services(context), lang_of(update)
    arguments = list(context.args or [])
    chat = update.effective_chat
    if not 1 <= len(arguments) <= 2 or chat is None:
        await reply_usage(update, "delfeed")
        return
    if len(arguments) == 2 and arguments[1].lower() != SHARED:
        await reply_usage(update, "delfeed")
        return
    feeds = user_feeds(shared)
    if feeds is None:
        await reply(update, t(lang, "feeds_unavailable"))
        return
    to_shared = len(arguments) == 2
    if to_shared and not is_admin(update, shared):
        await reply(update, t(lang, "feed_shared_admins"))
        return
    owner = None if to_shared else chat.id
    removed = await feeds.remove(owner, arguments[0])
    if removed is None:
        names = [feed.name for feed in await shared.store.stored_feeds(owner)]
        known = ", ".join(esc(name) for name in names) or t(lang, "none")
        key = "feed_unknown_shared" if to_shared else "feed_unknown"
        await reply(update, t(lang, key, name=esc(arguments[0][:100]), known=known))
        return
    await reply(update, t(lang, "feed_removed", name=esc(removed.name)))


async def feeds_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    shared, lang = services(context), lang_of(update)
    chat = update.effective_chat
    if chat is None:
        return
    own = await shared.store.stored_feeds(chat.id)
    limit = shared.config.sources.chat_feeds_max
    lines = [t(lang, "feeds_own_title", count=len(own), limit=limit)] if own else []
    for own_feed in own:
        lines += await feed_lines(shared, own_feed, lang, with_url=True)
    if not own:
        lines.append(t(lang, "feeds_own_none"))
    common = shared.feeds and await shared.feeds.shared()
    if common:
        lines += ["", t(lang, "feeds_shared_title")]
        for feed in common:
            lines += await feed_lines(shared, feed, lang, with_url=False)
    await reply(update, "\n".join(lines))


async def feed_lines(shared: Services, feed: FeedSource, lang: str, *, with_url: bool) -> list[str]:
    """A feed's state, as /status shows a source's: last success, failures, the last error."""
    health = await shared.store.source_health(feed.key)
    streak = int(health.get("consecutive_failures", 0) or 0)
    success = health.get("last_success")
    zone = shared.config.zone
    when = stamp(datetime.fromisoformat(success), zone) if success else t(lang, "never")
    icon = "🟢" if success and streak == 0 else ("🔴" if streak else "⚪")
    lines = [
        t(
            lang,
            "feed_line",
            icon=icon,
            name=esc(feed.name),
            language=feed.lang,
            success=when,
            failures=int(health.get("failures", 0) or 0),
        )
    ]
    if with_url:
        lines.append(f"   {esc(redact_url(feed.url))}")
    last_error = health.get("last_error")
    if last_error and streak:
        shown = error_kind(redact(last_error), feed.key, lang)
        lines.append(t(lang, "status_error", error=esc(shown)))
    return lines
