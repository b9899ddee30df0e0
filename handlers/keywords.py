"""/keyword add|del|list: a chat's own include and exclude words on its feeds and symbols.

The filter is the rest of the line after `add`, so a phrase needs no quotes and an expression
keeps its spaces: `/keyword add capital increase`, `/keyword add -/penny ?stock/`.
"""

from __future__ import annotations

from contextlib import suppress

from telegram import Update
from telegram.ext import ContextTypes

from bot import keys
from handlers.access import may_change_settings
from handlers.common import esc, esc_argument, lang_of, reply, reply_usage, services
from handlers.i18n import t
from rules.chat_keywords import FilterRefused, parse_filter

ADD, DELETE, LIST = "add", "del", "list"


async def keyword(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    action, rest = _action_and_rest(update, context)
    lang = lang_of(update)
    if action in ("", LIST) and not rest:
        await _list(update, context, chat.id)
        return
    if action == LIST:
        await reply_usage(update, "keyword", t(lang, "too_many_arguments"))
        return
    if action not in (ADD, DELETE):
        shown = esc_argument(action)
        await reply_usage(update, "keyword", t(lang, "keyword_bad_action", action=shown))
        return
    if not rest:
        await reply_usage(update, "keyword", t(lang, "keyword_missing"))
        return
    if not await may_change_settings(update, context):
        return
    if action == ADD:
        await _add(update, context, chat.id, rest)
    else:
        await _delete(update, context, chat.id, rest)


def _action_and_rest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, str]:
    """The action word and the rest of the line as written (spaces inside kept)."""
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    parts = text.split(maxsplit=2) if text else ["", *(context.args or [])]
    action = parts[1].lower() if len(parts) > 1 else ""
    return action, parts[2].strip() if len(parts) > 2 else ""


async def _add(update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str) -> None:
    shared, lang = services(context), lang_of(update)
    try:
        found = parse_filter(text, length_max=keys.KEYWORD_LENGTH_MAX)
    except FilterRefused as refused:
        detail = esc(refused.detail)
        problem = t(lang, f"keyword_{refused.reason}", limit=keys.KEYWORD_LENGTH_MAX, detail=detail)
        await reply_usage(update, "keyword", problem)
        return
    try:
        added = await shared.store.add_keyword_filter(chat_id, found.spec, keys.KEYWORDS_MAX)
    except ValueError:
        await reply(update, t(lang, "keyword_limit", limit=keys.KEYWORDS_MAX))
        return
    spec = esc(found.spec)
    if not added:
        await reply(update, t(lang, "keyword_exists", spec=spec))
        return
    await reply(
        update, t(lang, "keyword_added_exclude" if found.exclude else "keyword_added", spec=spec)
    )


async def _delete(
    update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str
) -> None:
    """By its number in the list, or as written."""
    store, lang = services(context).store, lang_of(update)
    specs = await store.keyword_filters(chat_id)
    spec = text
    if text.isdigit() and 1 <= int(text) <= len(specs):
        spec = specs[int(text) - 1]
    else:
        # Something that is not a filter at all is said to be unknown below.
        with suppress(FilterRefused):
            spec = parse_filter(text, length_max=keys.KEYWORD_LENGTH_MAX).spec
    if not await store.remove_keyword_filter(chat_id, spec):
        await reply(update, t(lang, "keyword_unknown", spec=esc(text[: keys.KEYWORD_LENGTH_MAX])))
        return
    await reply(update, t(lang, "keyword_removed", spec=esc(spec)))


async def _list(update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    lang = lang_of(update)
    specs = await services(context).store.keyword_filters(chat_id)
    if not specs:
        await reply(update, t(lang, "keyword_list_none"))
        return
    lines = [t(lang, "keyword_list_title", count=len(specs), limit=keys.KEYWORDS_MAX)]
    for number, spec in enumerate(specs, start=1):
        kind = "keyword_list_exclude" if spec.startswith("-") else "keyword_list_include"
        lines.append(t(lang, kind, number=number, spec=esc(spec)))
    await reply(update, "\n".join(lines))
