"""Stage: each chat's own keyword filters (/keyword) on the news of its feeds and symbols.

Exclude filters mark every alert about a news item with the chats whose filters match it, and
the router leaves those chats out. Include filters bring a chat an item of its own feed, or of
a shared feed naming a symbol it watches, that no alert brings it already: one `keyword`
alert of the rule `your-keywords`, for that chat alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.delivery.router import EXCLUDED_CHATS_FIELD, PERSONAL_CHAT_FIELD, recipients
from bot.models import NewsItem
from bot.store import Store
from rules.alert import Alert
from rules.base import item_fields
from rules.chat_keywords import ChatKeywords, specs_of, stored_filters
from rules.events import Event
from rules.messages import compose

OWN_KEYWORDS_RULE = "your-keywords"
# Compiled filters kept by their stored form; a bot with more chats than this compiles the
# surplus again for each batch of new items.
_COMPILED_MAX = 10_000

Filters = dict[int, ChatKeywords]


class ChatKeywordStage:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._compiled: dict[str, ChatKeywords] = {}

    async def load(self) -> Filters:
        """Every chat's filters, compiled; empty when no chat has any (one Redis round trip)."""
        filters: Filters = {}
        for chat, payload in (await self.store.every_keyword_filter()).items():
            compiled = self._compiled.get(payload)
            if compiled is None:
                compiled = ChatKeywords(stored_filters(specs_of(payload)))
                if len(self._compiled) >= _COMPILED_MAX:
                    self._compiled.clear()
                self._compiled[payload] = compiled
            filters[chat] = compiled
        return filters

    @staticmethod
    def mark_excluded(
        alerts: list[Alert], news: Iterable[tuple[NewsItem, list[Event]]], filters: Filters
    ) -> None:
        excluders = sorted(
            ((chat, found) for chat, found in filters.items() if found.exclude),
            key=lambda pair: pair[0],
        )
        if not excluders or not alerts:
            return
        excluded: dict[str, list[int]] = {}
        for item, _events in news:
            chats = [chat for chat, found in excluders if found.excludes(item.text)]
            if chats:
                excluded[item.id] = chats
        for alert in alerts:
            marked = excluded.get(str(alert.fields.get("item_id")))
            if marked:
                alert.fields[EXCLUDED_CHATS_FIELD] = marked

    async def included(
        self,
        news: Iterable[tuple[NewsItem, list[Event]]],
        alerts: list[Alert],
        filters: Filters,
        now: datetime,
    ) -> list[Alert]:
        """The alerts include filters add: one per (item, chat) the other alerts miss."""
        includers = {chat: found for chat, found in filters.items() if found.include}
        if not includers:
            return []
        by_item: dict[str, list[Alert]] = {}
        for alert in alerts:
            by_item.setdefault(str(alert.fields.get("item_id")), []).append(alert)
        added: list[Alert] = []
        for item, _events in news:
            interested = await self._interested(item, includers)
            if not interested:
                continue
            served: set[int] = set()
            for alert in by_item.get(item.id, []):
                served.update(await recipients(alert, self.store))
            for chat, symbols in sorted(interested.items()):
                words = None if chat in served else includers[chat].included(item.text)
                if words is not None:
                    added.append(_alert(item, chat, symbols, words, now))
        return added

    async def _interested(self, item: NewsItem, includers: Filters) -> dict[int, list[str]]:
        """Chats with include filters whose news the item is -> its symbols each watches."""
        if item.owner is not None:
            return {item.owner: list(item.symbols)} if item.owner in includers else {}
        interested: dict[int, list[str]] = {}
        for symbol in item.symbols:
            for chat in await self.store.watchers(symbol):
                if chat in includers:
                    interested.setdefault(chat, []).append(symbol)
        return interested


def _alert(item: NewsItem, chat: int, symbols: list[str], words: list[str], now: datetime) -> Alert:
    fields = {
        **item_fields(item),
        PERSONAL_CHAT_FIELD: chat,
        "matched": words,
        "symbols": symbols,
    }
    alert = Alert(
        rule=OWN_KEYWORDS_RULE,
        type="keyword",
        severity="warning",
        symbol=symbols[0] if symbols else None,
        headline="",
        time=now,
        dedup_key=f"{chat}:keywords:{item.id}",
        link=item.link or None,
        fields=fields,
    )
    alert.headline, alert.details = compose(alert, "en")
    return alert
