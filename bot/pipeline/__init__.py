"""The alert pipeline: each stage takes a list and returns what survives.

items:  seen filter -> symbol tagging -> extraction -> symbols of events -> one per story
        -> broker history -> fresh news only -> rules -> chats' exclude filters -> alert stages
        -> chats' include filters -> outbox
quotes: time series -> rules -> outbox

A large batch of items goes through the whole chain in slices, with a turn of the event loop
between two slices, so commands are answered while a feed of thousands of items is read; within
a slice, extraction gives the loop a turn whenever it has run for a few milliseconds.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from bot.models import NewsItem, Quote
from bot.ops.metrics import Metrics
from bot.pipeline.chat_keywords import ChatKeywordStage
from bot.pipeline.engine import RulesEngine
from bot.pipeline.enrich import remember, resolve
from bot.pipeline.personal import personal_alerts
from bot.pipeline.seen import mark_seen, only_new
from bot.pipeline.stages import AlertStage, QuoteStage, run_stages
from bot.pipeline.stories import TitleCache, one_per_story
from bot.pipeline.symbols import SymbolMatcher
from bot.sources.language import extraction_language
from bot.store import Store
from rules.alert import Alert
from rules.events import Event

log = logging.getLogger(__name__)

# (text, its language or None to detect it, the language where the words do not tell, the one
# company the text names or None)
Extractor = Callable[[str, str | None, str, str | None], list[Event]]
Clock = Callable[[], datetime]
WorkClock = Callable[[], float]  # seconds, monotonic

# Items that go through the chain together, sharing its Redis round trips.
ITEMS_PER_SLICE = 50
# Extraction costs tens of microseconds per item, a long summary up to a millisecond: a slice of
# long items would hold the loop for ~50 ms, and each poll reading at once adds its own. After
# this long, extraction gives the loop a turn, so a command waits a few milliseconds per reader.
EXTRACTION_TURN_S = 0.005


class Pipeline:
    def __init__(
        self,
        *,
        store: Store,
        matcher: SymbolMatcher,
        engine: RulesEngine,
        extractor: Extractor,
        metrics: Metrics | None = None,
        work_clock: WorkClock = time.perf_counter,
    ) -> None:
        self.store = store
        self.work_clock = work_clock
        self.metrics = metrics or Metrics()
        self.matcher = matcher
        self.engine = engine
        self.extractor = extractor
        # Lifecycle stages, set by bot.pipeline.lifecycle.install: quotes pass quote_stages
        # before they are stored; alerts pass alert_stages between the rules and the outbox.
        self.quote_stages: list[QuoteStage] = []
        self.alert_stages: list[AlertStage] = []
        self.max_age = timedelta(days=1)  # older news is recorded but never alerts
        self.titles = TitleCache()
        self.chat_keywords = ChatKeywordStage(store)

    async def process_items(
        self,
        items: list[NewsItem],
        now: datetime,
        *,
        quiet: Collection[str] = (),
        decided_at: Clock | None = None,
    ) -> list[Alert]:
        """Items never seen before are recorded (headlines, analyst targets, stories); those
        that are recent and not in `quiet` (a feed's backlog at its first fetch) alert.

        `decided_at` is the clock the alert stages (cooldowns, combos) read when they decide;
        without it they decide at `now`, as a replay on a simulated clock wants."""
        alerts: list[Alert] = []
        for start in range(0, len(items), ITEMS_PER_SLICE):
            if start:
                await asyncio.sleep(0)
            batch = items[start : start + ITEMS_PER_SLICE]
            alerts += await self._process_slice(batch, now, quiet, decided_at)
        return alerts

    async def _process_slice(
        self,
        items: list[NewsItem],
        now: datetime,
        quiet: Collection[str],
        decided_at: Clock | None,
    ) -> list[Alert]:
        fresh = self.matcher.tag(await only_new(items, self.store))
        if not fresh:
            return []  # a poll of a feed with nothing new costs one Redis round trip
        with_events = resolve(await self._extract(fresh), self.matcher)
        for _item, events in with_events:
            for event in events:
                self.metrics.events.labels(type=event.type).inc()
        # Items of a chat's own feed touch nothing other chats see: they neither start nor
        # repeat a shared story, nor add to the analyst targets or the headlines of /news.
        own = [(item, events) for item, events in with_events if item.owner is not None]
        shared = [(item, events) for item, events in with_events if item.owner is None]
        stories, stories_of = await one_per_story(shared, self.store, now, self.titles)
        stories = await remember(stories, self.store)
        for item, _events in stories:
            for symbol in item.symbols:
                await self.store.add_headline(symbol, item)
        stories += own
        oldest = now - self.max_age
        news = [(i, e) for i, e in stories if i.id not in quiet and i.published >= oldest]
        alerts = await self.engine.on_items(news, now)
        filters = await self.chat_keywords.load() if news else {}
        self.chat_keywords.mark_excluded(alerts, news, filters)
        for alert in alerts:
            alert.fields["stories"] = stories_of.get(str(alert.fields.get("item_id")), [])
        alerts = await run_stages(self.alert_stages, alerts, _decision_time(now, decided_at))
        # After cooldowns and merging: a chat's words add only what no surviving alert brings.
        alerts += await self.chat_keywords.included(news, alerts, filters, now)
        await self._enqueue(alerts)
        await mark_seen(fresh, self.store)
        return alerts

    async def process_quotes(
        self, quotes: list[Quote], now: datetime, *, decided_at: Clock | None = None
    ) -> list[Alert]:
        quotes = await run_stages(self.quote_stages, quotes, now)
        for quote in quotes:
            await self.store.add_quote(quote)
        alerts = await self.engine.on_quotes(quotes, now)
        alerts += await personal_alerts(quotes, self.store, now)
        alerts = await run_stages(self.alert_stages, alerts, _decision_time(now, decided_at))
        await self._enqueue(alerts)
        return alerts

    async def _enqueue(self, alerts: list[Alert]) -> None:
        await self.store.enqueue(alerts)
        for alert in alerts:
            self.metrics.alerts.labels(rule=alert.rule, severity=alert.severity).inc()

    async def _extract(self, items: list[NewsItem]) -> list[tuple[NewsItem, list[Event]]]:
        found = []
        turn_started = self.work_clock()
        for item in items:
            found.append((item, self._events(item)))
            if self.work_clock() - turn_started >= EXTRACTION_TURN_S:
                await asyncio.sleep(0)
                turn_started = self.work_clock()
        return found

    def _events(self, item: NewsItem) -> list[Event]:
        try:
            # Feeds mix languages (a German search feed carries English headlines): the text
            # decides, line by line, and the feed's language only breaks a tie. An item naming
            # one watched company is about it: "die Aktie" in its body means that company.
            language = extraction_language(item.lang)
            if language is None:
                return []  # a language no grammar reads: keyword rules only
            subject = self.matcher.name_of(item.symbols[0]) if len(item.symbols) == 1 else None
            return self.extractor(item.text, None, language, subject)
        except Exception:
            # Extraction must never cost an item its keyword alerts.
            log.exception("extraction failed on item %s", item.id)
            return []


def _decision_time(now: datetime, clock: Clock | None) -> datetime:
    # Never before the batch's own time, should the system clock have stepped back meanwhile.
    return now if clock is None else max(now, clock())
