"""Stage: the same event from several sources is one story.

Two items tell the same story when they carry the same analyst action (broker, symbol, actions,
target) or the same partnership (parties), or when their headlines are near-identical. The first
report goes on; later ones are dropped and named on the first one's alert as "also reported by"."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot import keys
from bot.models import NewsItem
from bot.store import Store
from rules.alert import Alert
from rules.events import AnalystAction, Event, Partnership
from rules.messages import ALSO_REPORTED_FIELD, label
from rules.text import name_key

ItemEvents = tuple[NewsItem, list[Event]]

TITLE_WINDOW = timedelta(hours=36)
SIMILAR = 0.8  # Jaccard similarity of headline word sets that counts as the same headline
MIN_WORDS = 4
_WORD = re.compile(r"\w+")
# Aggregators append the publisher: "Alibaba raises outlook - Reuters"
_PUBLISHER_SUFFIX = re.compile(r"\s+[-–—|]\s+[^-–—|]{1,40}$")


def event_key(event: Event) -> str | None:
    if isinstance(event, AnalystAction):
        # Sources word the same action differently ("raises target to 225" / "target 225"):
        # broker, company and target make the story; without a target, the rating does.
        subject = event.symbols[0] if event.symbols else name_key(event.company)
        if event.target is not None:
            detail = f"{event.target:g}"
        else:
            detail = f"{event.rating_action}:{name_key(event.rating or '')}"
        return f"a:{name_key(event.broker)}:{subject}:{detail}"
    if isinstance(event, Partnership):
        return "p:" + ":".join(sorted({name_key(party) for party in event.parties}))
    return None


def title_words(title: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_PUBLISHER_SUFFIX.sub("", title).casefold()))


def similar(left: frozenset[str], right: frozenset[str]) -> bool:
    if len(left) < MIN_WORDS or len(right) < MIN_WORDS:
        return left == right and bool(left)
    return len(left & right) / len(left | right) >= SIMILAR


async def one_per_story(
    batch: list[ItemEvents], store: Store, now: datetime, titles: TitleCache | None = None
) -> tuple[list[ItemEvents], dict[str, list[str]]]:
    """The items that start a story, and the story keys of each surviving item id; `titles`
    keeps the recent titles between calls.

    A repeat is recorded on its story, so the alert names it as long as it has not gone out."""
    survivors: list[ItemEvents] = []
    stories_of: dict[str, list[str]] = {}
    if not batch:
        return survivors, stories_of
    since = now - TITLE_WINDOW
    titles = titles if titles is not None else TitleCache()
    recent = await titles.read(store)
    repeats: list[tuple[str, str]] = []  # (story, source), written at once at the end
    for item, events in batch:
        keys = list(dict.fromkeys(key for key in map(event_key, events) if key))
        words = title_words(item.title)
        if keys:
            first_reports = [await store.claim_story(key, item) for key in keys]
            repeated = [key for key, first in zip(keys, first_reports, strict=True) if first]
            duplicate = len(repeated) == len(keys)
        else:
            owner = recent.owner_of(words, since)
            repeated = [f"t:{owner}"] if owner else []
            duplicate = owner is not None
            keys = [f"t:{item.id}"]
        repeats += [(key, item.source) for key in repeated]
        if duplicate:
            continue
        if words:
            recent = await titles.add(store, item.id, words, now)
        stories_of[item.id] = keys
        survivors.append((item, events))
    await store.add_story_sources(repeats)
    return survivors, stories_of


class RecentTitles:
    """Recent headlines as word sets, looked up through the words they share: a title can only
    be similar to one holding at least SIMILAR of its own words, so the rest is never compared.
    Titles are numbered as they come; the oldest can be let go, as Redis lets them go."""

    def __init__(self, entries: Iterable[tuple[str, frozenset[str]]] = ()) -> None:
        self._entries: dict[int, tuple[str, frozenset[str], float]] = {}
        self._by_word: dict[str, deque[int]] = defaultdict(deque)
        self._first = 0  # the number of the oldest title held
        self._next = 0
        for item_id, words in entries:
            self.add(item_id, words)

    def __len__(self) -> int:
        return self._next - self._first

    def add(self, item_id: str, words: frozenset[str], time: float = math.inf) -> None:
        """Hold a title that came at `time` (epoch seconds; never too old when not given)."""
        for word in words:
            self._by_word[word].append(self._next)
        self._entries[self._next] = (item_id, words, time)
        self._next += 1

    def keep_newest(self, count: int) -> None:
        """Let the oldest titles go until `count` are left."""
        while len(self) > max(count, 0):
            _item_id, words, _time = self._entries.pop(self._first)
            for word in words:
                # Numbers are added in order, so the oldest is first in each word's list.
                numbers = self._by_word[word]
                numbers.popleft()
                if not numbers:
                    del self._by_word[word]
            self._first += 1

    def owner_of(self, words: frozenset[str], since: datetime | None = None) -> str | None:
        """The earliest title similar to `words` (that came at `since` or later), by item id."""
        if not words:
            return None
        oldest = since.timestamp() if since is not None else -math.inf
        shared = Counter(number for word in words for number in self._by_word.get(word, ()))
        needed = math.ceil(SIMILAR * len(words))
        for number in sorted(number for number, count in shared.items() if count >= needed):
            item_id, seen, time = self._entries[number]
            if time >= oldest and similar(seen, words):
                return item_id
        return None


class TitleCache:
    """The recent titles of every bot process sharing the Redis, held here and brought up to
    date with the few added since the last read: Redis numbers the titles as they come, so a
    read asks only for the numbers after the last one held (reading and indexing hundreds of
    titles per poll was most of a poll's cost)."""

    def __init__(self) -> None:
        self.titles = RecentTitles()
        self.epoch: str | None = None
        self.last = 0  # the number of the newest title held

    async def read(self, store: Store) -> RecentTitles:
        epoch, added = await store.recent_titles_after(self.epoch, self.last)
        if epoch != self.epoch:  # a Redis that lost the titles, or the first read
            self.titles, self.epoch, self.last = RecentTitles(), epoch, 0
        for number, fingerprint in added:
            if number > self.last:
                self.titles.add(*_recent_entry(fingerprint))
                self.last = number
        # Past the most Redis keeps, the oldest titles held are the ones Redis dropped.
        self.titles.keep_newest(keys.RECENT_TITLES_MAX)
        return self.titles

    async def add(
        self, store: Store, item_id: str, words: frozenset[str], now: datetime
    ) -> RecentTitles:
        """Record a title; the titles held, this one included."""
        fingerprint = f"{now.timestamp():.3f} {item_id} {' '.join(sorted(words))}"
        epoch, number = await store.add_recent_title(fingerprint)
        if epoch != self.epoch or number != self.last + 1:
            return await self.read(store)  # others added titles meanwhile: those come first
        self.titles.add(item_id, words, now.timestamp())
        self.last = number
        self.titles.keep_newest(keys.RECENT_TITLES_MAX)
        return self.titles


def _recent_entry(fingerprint: str) -> tuple[str, frozenset[str], float]:
    time, item_id, words = fingerprint.split(" ", 2)
    return item_id, frozenset(words.split()), float(time)


async def with_repeats(alert: Alert, store: Store) -> Alert:
    """Name the other sources that reported the alert's story before it went out."""
    keys = alert.fields.get("stories") or []
    first = alert.fields.get("source")
    sources = [s for s in await store.story_sources(list(keys)) if s != first]
    if sources:
        named = list(dict.fromkeys(sources))
        alert.fields[ALSO_REPORTED_FIELD] = named
        alert.details.append(label("also_reported", "en", sources=", ".join(named)))
    return alert
