"""Feeds added from Telegram: checked before they are accepted, stored in Redis, and polled by
the running scheduler from the moment they are added (and no longer once removed)."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from pydantic import ValidationError

from bot import keys
from bot.config import NAME_MAX, FeedSource, StoredFeed
from bot.jobs import Poller
from bot.redact import redact
from bot.scheduler import SyncReport, all_feeds, sync_jobs
from bot.services import Services
from bot.sources.guard import AddressRefused
from bot.sources.http import HttpClient, SourceError
from bot.sources.rss import parse_feed
from bot.sources.web_page import WebPageError

log = logging.getLogger(__name__)

URL_MAX = 2000
_NAME_CHARS = re.compile(r"[^a-z0-9.-]+")


@dataclass(frozen=True, slots=True)
class FeedRefused(Exception):
    """Why a feed was not added: a message key of handlers.i18n and its values."""

    reason: str
    values: dict[str, str] = field(default_factory=dict)
    advertised: tuple[str, ...] = ()  # the feeds a web page names, where a feed was expected


def name_for(url: str, taken: set[str]) -> str:
    """A short name from the URL's host ("www.heise.de" -> "heise.de"), made unique."""
    host = (urlsplit(url).hostname or "feed").removeprefix("www.")
    base = _NAME_CHARS.sub("-", host.lower()).strip("-")[: NAME_MAX - 4] or "feed"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


class UserFeeds:
    """Adds, removes and lists the feeds of chats and the shared ones, and keeps the scheduler's
    jobs in step with them and with the config."""

    def __init__(
        self, services: Services, poller: Poller, http: HttpClient, parse_pool: Executor
    ) -> None:
        self.services = services
        self.poller = poller
        self.http = http  # public addresses only, unless the config allows private ones
        self.parse_pool = parse_pool
        self.scheduler: AsyncIOScheduler | None = None
        self.changing = asyncio.Lock()

    async def add(self, url: str, lang: str, chat: int | None) -> StoredFeed:
        """Check `url` and store it as a feed of `chat` (None: shared); raise FeedRefused. A web
        page that names one feed stands for that feed: the feed is added, at its own URL."""
        config = self.services.config
        limit = config.sources.chat_feeds_max if chat is not None else keys.SHARED_FEEDS_MAX
        await self._admissible(url, chat, limit)  # before the fetch, to refuse without one
        candidate = self._candidate(url, lang, chat)
        # Outside the lock: a slow host must not hold up the other chats' changes.
        try:
            await self.check(candidate)
        except FeedRefused as refused:
            if len(refused.advertised) != 1:
                raise
            url = refused.advertised[0]
            await self._admissible(url, chat, limit)
            candidate = self._candidate(url, lang, chat)
            await self.check(candidate)  # once: a page that leads to a page is refused
            log.info("page %s names its feed at %s", redact(refused.values["page"]), redact(url))
        async with self.changing:
            taken = await self._admissible(url, chat, limit)
            feed = candidate.model_copy(update={"name": name_for(url, taken)})
            try:
                added = await self.services.store.add_stored_feed(feed, limit)
            except ValueError:
                raise FeedRefused("feed_limit", {"limit": str(limit)}) from None
            if not added:  # cannot happen under the lock; a second process may share Redis
                raise FeedRefused("feed_duplicate", {"name": feed.name})
            await self._apply()
        log.info("feed %s added (%s)", feed.key, redact(feed.url))
        return feed

    def _candidate(self, url: str, lang: str, chat: int | None) -> StoredFeed:
        if len(url) > URL_MAX:
            raise FeedRefused("feed_url_too_long", {"limit": str(URL_MAX)})
        try:
            return StoredFeed(
                name="feed",
                url=url,
                every=self.services.config.sources.chat_feeds_every,
                lang=lang,
                chat=chat,
            )
        except ValidationError:
            raise FeedRefused("feed_bad_url") from None

    async def _admissible(self, url: str, chat: int | None, limit: int) -> set[str]:
        """The names taken among the owner's feeds; FeedRefused when the owner has this URL or
        is at its limit."""
        own = await self.services.store.stored_feeds(chat)
        same = next((feed for feed in own if feed.url == url), None)
        if same is not None:
            raise FeedRefused("feed_duplicate", {"name": same.name})
        if len(own) >= limit:
            raise FeedRefused("feed_limit", {"limit": str(limit)})
        taken = {feed.name for feed in own}
        if chat is None:
            taken |= {feed.name for feed in self.services.config.sources.feeds}
        return taken

    async def check(self, feed: FeedSource) -> None:
        """Fetch the feed once and parse it: it must answer with a readable feed."""
        now = self.services.clock()
        try:
            response = await self.http.get(feed.url)
            parse = functools.partial(
                parse_feed,
                response.body,
                source=feed.name,
                lang=feed.lang,
                now=now,
                content_type=response.content_type,
                url=feed.url,
                paths=feed.json_paths,
            )
            await asyncio.get_running_loop().run_in_executor(self.parse_pool, parse)
        except WebPageError as page:
            shown = {"page": feed.url, "feeds": ", ".join(redact(url) for url in page.feeds)}
            reason = "feed_web_page" if page.feeds else "feed_web_page_unnamed"
            raise FeedRefused(reason, shown, page.feeds) from None
        except SourceError as exc:
            kind = "refused" if isinstance(exc.__cause__, AddressRefused) else exc.kind
            shown = {"error": redact(exc.message), "kind": kind}
            raise FeedRefused("feed_unreadable", shown) from None

    async def remove(self, chat: int | None, name: str) -> StoredFeed | None:
        async with self.changing:
            feed = await self.services.store.remove_stored_feed(chat, name)
            if feed is None:
                return None
            # Added again later, it starts as a new feed: its first fetch stays quiet.
            await self.services.store.save_feed_state(feed.key, {})
            await self._apply()
        log.info("feed %s removed", feed.key)
        return feed

    async def shared(self) -> list[FeedSource]:
        """The feeds every chat shares: the config's and those admins added."""
        stored = await self.services.store.stored_feeds(None)
        return all_feeds(self.services.config, stored)

    async def apply(self) -> SyncReport:
        """Jobs for the config in effect and the stored feeds (at a reload)."""
        async with self.changing:
            return await self._apply()

    async def _apply(self) -> SyncReport:
        if self.scheduler is None:
            return SyncReport()
        stored: Sequence[FeedSource] = await self.services.store.all_stored_feeds()
        now = self.services.clock()
        report = sync_jobs(self.scheduler, self.poller, self.services.config, stored, now)
        for what, names in (
            ("added", report.added),
            ("removed", report.removed),
            ("changed", report.changed),
        ):
            if names:
                log.info("feeds %s: %s", what, ", ".join(names[:20]))
        return report
