"""/import (an OPML file sent as a document, captioned /import) and /export (the chat's feeds as
an OPML document)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot.opml import OPML_MAX_BYTES, OpmlError, OpmlFeed, parse_opml, render_opml
from bot.redact import redact_url
from bot.sources.language import language_code
from bot.user_feeds import FeedRefused
from handlers.access import may_change_settings
from handlers.common import esc, lang_of, reply, reply_usage, services
from handlers.feeds import feed_options, refusal_text
from handlers.i18n import t
from handlers.subscriptions import is_admin

log = logging.getLogger(__name__)

SKIPPED_SHOWN_MAX = 10
EXPORT_NAME = "tickerwatch-feeds.opml"
# A caption "/import", "/import de", "/import@thisbot shared" on a document.
IMPORT_CAPTION = r"^/import(@\w+)?(\s|$)"


def addressed_to_this_bot(caption: str, username: str) -> bool:
    """`/import@otherbot` belongs to the other bot in the chat; `/import` alone to any."""
    command = caption.split(maxsplit=1)[0] if caption.strip() else ""
    _, _, mention = command.partition("@")
    return not mention or mention.lower() == username.lower()


async def import_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The command alone cannot carry a file: it says how to send one."""
    await reply(update, t(lang_of(update), "import_how"))


async def import_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or message.document is None or chat is None:
        return
    if not addressed_to_this_bot(message.caption or "", context.bot.username):
        return
    # Documents pass the access gate without its settings check (they are not text commands).
    if not await may_change_settings(update, context):
        return
    shared, lang = services(context), lang_of(update)
    feeds = shared.feeds
    if feeds is None:
        await reply(update, t(lang, "feeds_unavailable"))
        return
    options = feed_options((message.caption or "").split()[1:])
    if isinstance(options, str):
        await reply_usage(update, "import", t(lang, "feed_bad_lang", language=esc(options[:20])))
        return
    default_lang, to_shared = options
    if to_shared and not is_admin(update, shared):
        await reply(update, t(lang, "feed_shared_admins"))
        return
    document = message.document
    if document.file_size is not None and document.file_size > OPML_MAX_BYTES:
        await reply(update, t(lang, "import_bad", error=f"> {OPML_MAX_BYTES // 1000} kB"))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    try:
        found = parse_opml(data)
    except OpmlError as exc:
        await reply(update, t(lang, "import_bad", error=esc(str(exc))))
        return
    if not found:
        await reply(update, t(lang, "import_empty"))
        return
    owner = None if to_shared else chat.id
    added, skipped = 0, []
    for entry in found:
        feed_lang = language_code(entry.lang or "") or default_lang
        try:
            await feeds.add(entry.url, feed_lang or "en", owner)
            added += 1
        except FeedRefused as refused:
            skipped.append((entry.url, refusal_text(lang, refused)))
            if refused.reason == "feed_limit":
                break
    lines = [t(lang, "import_done", added=added, total=len(found))]
    for url, reason in skipped[:SKIPPED_SHOWN_MAX]:
        lines.append(t(lang, "import_skipped", url=esc(redact_url(url)[:200]), reason=reason))
    await reply(update, "\n".join(lines))


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    shared, lang = services(context), lang_of(update)
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    own = await shared.store.stored_feeds(chat.id)
    if not own:
        await reply(update, t(lang, "export_none"))
        return
    body = render_opml(
        [OpmlFeed(feed.url, feed.name, feed.lang) for feed in own], "Tickerwatch feeds"
    )
    await message.reply_document(
        document=body, filename=EXPORT_NAME, caption=t(lang, "export_caption", count=len(own))
    )
