"""Scheduled work: poll one feed, poll the prices. Failures are logged, counted and backed off."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping
from concurrent.futures import Executor
from datetime import datetime, timedelta

from redis.exceptions import RedisError

from bot.backoff import SourceBackoff
from bot.config import PRICES, FeedSource, StoredFeed, WatchItem
from bot.durations import format_duration
from bot.models import NewsItem
from bot.ops.metrics import Metrics
from bot.poll_records import PollRecords
from bot.poll_turns import PollTurns
from bot.presence import process_identity
from bot.redis_watch import describe, is_out_of_memory, note_out_of_memory, note_writes_accepted
from bot.services import Services
from bot.sources.http import HttpClient, SourceError, Validators
from bot.sources.known_items import KnownItems
from bot.sources.prices import QuoteBatch
from bot.sources.rss import fetch_feed, parse_feed
from bot.store.leases import TurnEnd
from rules.alert import Alert

log = logging.getLogger(__name__)

BACKOFF_CAP_S = 3600.0
STOP_TIMEOUT_S = 3.0
# Feed polls the scheduler's passes (bot.feed_passes) run at once, the one bound on them: enough
# to keep many slow hosts busy, few enough to leave Redis connections for everything else; the
# feeds due beyond it wait in the passes' queue, not as tasks. A poll asked for by hand
# (poll_feed) is its caller's one.
MAX_CONCURRENT_POLLS = 32
# Of those, the ones reading their items at once. Reading is event-loop work: every poll that
# reads makes each turn of the loop longer, so a command waits for all of them; a few overlap
# one another's Redis round trips, more only add to the wait.
MAX_CONCURRENT_READS = 4
# Items read per poll of one feed: the newest ones. Real feeds carry tens of items; an archive
# of thousands costs seconds per poll, and its older part could never alert anyway.
MAX_ITEMS_PER_POLL = 1000


FEED_URL = "url"  # in the feed's stored state: the URL its validators and backlog belong to


def validators_of(state: dict[str, str]) -> Validators:
    return Validators(state.get("etag"), state.get("last_modified"), state.get("body_hash"))


def newest_first(items: list[NewsItem]) -> list[NewsItem]:
    return sorted(items, key=lambda item: item.published, reverse=True)


def newest(items: list[NewsItem], limit: int) -> list[NewsItem]:
    return items if len(items) <= limit else newest_first(items)[:limit]


def owned(items: list[NewsItem], feed: FeedSource) -> list[NewsItem]:
    """Items of a chat's own feed carry their chat, and ids of that chat's own: the same story
    in a shared feed is new to everyone else, and alerts them as if the chat's feed did not
    exist."""
    chat = feed.chat if isinstance(feed, StoredFeed) else None
    if chat is None:
        return items
    return [
        dataclasses.replace(item, id=_chat_item_id(chat, item.id), owner=chat) for item in items
    ]


def _chat_item_id(chat: int, item_id: str) -> str:
    return hashlib.sha1(f"{chat}:{item_id}".encode(), usedforsecurity=False).hexdigest()


def backlog(items: list[NewsItem], backfill: int) -> set[str]:
    """The ids of a feed's items at its first fetch that stay quiet: all but the newest
    `backfill`."""
    return {item.id for item in newest_first(items)[backfill:]}


def with_watchlist_currency(batch: QuoteBatch, watchlist: Mapping[str, WatchItem]) -> QuoteBatch:
    """Quotes whose provider states no currency (Stooq) carry the watchlist's, when it has one."""
    quotes = [
        quote
        if quote.currency or quote.symbol not in watchlist
        else dataclasses.replace(quote, currency=watchlist[quote.symbol].currency)
        for quote in batch.quotes
    ]
    return QuoteBatch(quotes=quotes, errors=batch.errors)


class Poller:
    def __init__(
        self,
        services: Services,
        http: HttpClient,
        parse_pool: Executor,
        metrics: Metrics | None = None,
        *,
        user_http: HttpClient | None = None,
        turns: PollTurns | None = None,
    ) -> None:
        self.services = services
        # Who polls which turn of each source, among the processes that share the Redis.
        self.turns = turns or PollTurns(services.store, process_identity())
        self.metrics = metrics or Metrics()
        self.http = http
        # Feeds added from Telegram are fetched through this one (public addresses only,
        # unless the config allows private ones).
        self.user_http = user_http or http
        self.parse_pool = parse_pool
        self.backoff: dict[str, SourceBackoff] = {}
        self.unknown_symbols: dict[str, SourceBackoff] = {}  # the price API said not_found
        self.running: set[asyncio.Task[object]] = set()
        self.read_slots = asyncio.Semaphore(MAX_CONCURRENT_READS)
        self.truncated: set[str] = set()  # feeds whose oversize fetch was logged
        self.records = PollRecords(services.store)
        self.known_items = KnownItems()

    async def _job(self, what: str, work: Callable[[], Awaitable[None]]) -> None:
        """Run one poll so that stopping the bot mid-fetch ends it quietly: the scheduler would
        otherwise log the cancellation as a job that raised."""
        task = asyncio.current_task()
        if task is not None:
            self.running.add(task)
        try:
            await work()
        except asyncio.CancelledError:
            log.info("%s: poll cancelled at shutdown", what)
        except RedisError as exc:
            if is_out_of_memory(exc):
                # Redis answers, so its watch sees nothing wrong: this is where it is said.
                note_out_of_memory(self.services.redis, exc)
                log.debug("%s: poll abandoned, Redis refuses writes (%s)", what, describe(exc))
            else:
                # Redis went away mid-poll: the Redis watch reports it once; repeated later.
                log.info("%s: poll abandoned, Redis is not answering (%s)", what, describe(exc))
        else:
            note_writes_accepted(self.services.redis)
        finally:
            if task is not None:
                self.running.discard(task)

    async def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """Cancel the polls in flight and wait (bounded) until they have ended."""
        tasks = [task for task in self.running if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=timeout_s)
        try:
            await asyncio.wait_for(self.records.close(), timeout_s)
        except (RedisError, TimeoutError) as exc:
            log.debug("unchanged polls not recorded at stop (%s)", describe(exc))

    def _backoff(self, source: str, interval_s: float) -> SourceBackoff:
        if source not in self.backoff:
            base = max(interval_s, 1.0)
            self.backoff[source] = SourceBackoff(base_s=base, cap_s=max(base, BACKOFF_CAP_S))
        return self.backoff[source]

    async def poll_feed(self, feed: FeedSource) -> None:
        """Poll now, whether or not another process polls the feed in this turn."""
        if self.services.redis.up:  # nothing fetched could be recorded; the next turn catches up
            await self._job(f"feed {feed.key}", lambda: self._feed_poll(feed, in_turn=False))

    async def poll_feed_turn(self, feed: FeedSource) -> None:
        """The scheduled poll: only by the process that claims the feed's current turn."""
        if self.services.redis.up:
            await self._job(f"feed {feed.key}", lambda: self._feed_poll(feed, in_turn=True))

    async def poll_prices(self, key: str = PRICES) -> None:
        """Poll the price source filed under `key` (`prices`, or `prices:NAME` for an entry of
        price_sources), as the config in effect describes it."""
        # Not limited: one job per source, and quotes should not queue behind a thousand feeds.
        if self.services.redis.up:
            await self._job(key, lambda: self._prices(key, in_turn=False))

    async def poll_prices_turn(self, key: str = PRICES) -> None:
        """The scheduled poll of a price source: only by the process that claims its turn."""
        if self.services.redis.up:
            await self._job(key, lambda: self._prices(key, in_turn=True))

    async def _feed_poll(self, feed: FeedSource, *, in_turn: bool) -> None:
        interval_s = feed.every.total_seconds()
        # The turn current as the passes start this poll: its start is when they fire.
        turn = await self.turns.arrive(feed.key, interval_s) if in_turn else None
        # A poller still backing off from this feed leaves the turn to the others.
        if not self._backoff(feed.key, interval_s).ready(self.services.clock()):
            return
        if turn is None:
            await self._poll_feed(feed, await self.services.store.feed_state(feed.key))
            return
        async with self.turns.claim_feed(feed.key, interval_s, turn) as claim:
            if claim is not None:
                await self._poll_feed(feed, claim.state, claim.end)

    async def _prices(self, key: str, *, in_turn: bool) -> None:
        plan = self.services.config.price_plan(key)
        if not in_turn or plan is None:
            await self._poll_prices(key)
            return
        interval_s = plan.source.every.total_seconds()
        turn = await self.turns.arrive(key, interval_s)
        if not self._backoff(key, interval_s).ready(self.services.clock()):
            return
        async with self.turns.claim(key, interval_s, turn) as ours:
            if ours:
                await self._poll_prices(key)

    async def _poll_feed(
        self, feed: FeedSource, state: dict[str, str], end: TurnEnd | None = None
    ) -> None:
        """Poll with the feed's stored `state`; `end`: the claimed turn, which the poll's last
        write marks done."""
        store, now = self.services.store, self.services.clock()
        backoff = self._backoff(feed.key, feed.every.total_seconds())
        if not backoff.ready(now):
            return
        self.metrics.polls.inc(feed.key)
        try:
            # A feed met for the first time (new in the config, or at a URL of its own now)
            # only records its backlog: a subscriber wants news, not the last month of it.
            first = state.get(FEED_URL) != str(feed.url)
            if first:
                self.known_items.forget([feed.key])
            result = await fetch_feed(
                self.user_http if isinstance(feed, StoredFeed) else self.http,
                name=feed.name,
                url=str(feed.url),
                lang=feed.lang,
                validators=None if first else validators_of(state),
                parse_pool=self.parse_pool,
                now=now,
                paths=feed.json_paths,
                to_read=functools.partial(self.known_items.to_read, feed.key),
            )
            items = owned(self._at_most(feed.key, result.items), feed)
            quiet = backlog(items, feed.backfill) if first else set()
            alerts = await self._take(feed, items, now, quiet)
            fetched = {
                "etag": result.validators.etag,
                "last_modified": result.validators.last_modified,
                "body_hash": result.validators.body_hash,
                FEED_URL: str(feed.url),
            }
        except SourceError as exc:
            await self._failed(feed.key, backoff, exc, exc.retry_after)
            return
        except RedisError:
            raise  # not the feed's fault
        except Exception as exc:  # the bot never stops polling because of one bad feed
            log.exception("feed %s: unexpected error", feed.key)
            await self._failed(feed.key, backoff, exc, None)
            return
        backoff.succeeded()
        if {name: value for name, value in fetched.items() if value} == state:
            self.records.add(feed.key, now, end)  # with the other unchanged polls, soon
        else:
            # The new state, the feed's health and the turn's end in one round trip.
            await store.record_poll(feed.key, now, state=fetched, end=end)
            self.records.stored(feed.key, now)
        if result.read is not None:
            self.known_items.remember(feed.key, result.read.digests)
        if first:  # said once recorded: a Redis lost before that meets the feed anew
            log.info(
                "feed %s: first fetch, %d items recorded, %d may alert (backfill)",
                feed.key,
                len(items),
                len(items) - len(quiet),
            )
        if items:
            log.info("feed %s: %d items, %d alerts", feed.key, len(items), len(alerts))

    async def _take(
        self, feed: FeedSource, items: list[NewsItem], now: datetime, quiet: Collection[str]
    ) -> list[Alert]:
        self.metrics.items.inc(feed.key, len(items))
        if not items:  # an unchanged feed (304, same body) costs no read slot
            return []
        # Cooldowns decide at the moment they admit an alert, not at this poll's start:
        # another poll may have started later and recorded an alert in between.
        async with self.read_slots:
            return await self.services.pipeline.process_items(
                items, now, quiet=quiet, decided_at=self.services.clock
            )

    async def take_pushed(self, feed: FeedSource, body: bytes, content_type: str | None) -> int:
        """A feed document a WebSub hub pushed: read as a poll reads one; the number of alerts.
        Before the feed's first poll it is left alone: that poll records the backlog quietly.
        Raises SourceError for a body that is not a readable feed."""
        store, now = self.services.store, self.services.clock()
        if (await store.feed_state(feed.key)).get(FEED_URL) != str(feed.url):
            return 0
        parse = functools.partial(
            parse_feed,
            body,
            source=feed.name,
            lang=feed.lang,
            now=now,
            content_type=content_type,
            paths=feed.json_paths,
        )
        parsed = await asyncio.get_running_loop().run_in_executor(self.parse_pool, parse)
        items = owned(self._at_most(feed.key, parsed), feed)
        alerts = await self._take(feed, items, now, ())
        if items:
            log.info(
                "feed %s: %d items pushed by its hub, %d alerts", feed.key, len(items), len(alerts)
            )
        return len(alerts)

    def _at_most(self, feed: str, items: list[NewsItem]) -> list[NewsItem]:
        kept = newest(items, MAX_ITEMS_PER_POLL)
        if len(kept) < len(items) and feed not in self.truncated:
            self.truncated.add(feed)
            log.info(
                "feed %s: %d items; only the newest %d of each fetch are read",
                feed,
                len(items),
                len(kept),
            )
        return kept

    async def _poll_prices(self, key: str) -> None:
        config, store, now = self.services.config, self.services.store, self.services.clock()
        plan = config.price_plan(key)
        if plan is None or not plan.source.enabled or not plan.symbols:
            return
        every = plan.source.every.total_seconds()
        backoff = self._backoff(key, every)
        if not backoff.ready(now):
            return
        asked = self._symbols_to_ask(list(plan.symbols), now)
        if not asked:
            return
        self.metrics.polls.inc(key)
        try:
            provider = plan.source.build()
            batch = await provider.fetch(
                self.http, {ticker: plan.symbols[ticker] for ticker in asked}, now
            )
            batch = with_watchlist_currency(batch, config.watchlist)
            self._note_unknown(key, batch.errors, every, now)
            # Recorded for the commands: /price says "unknown ticker", not "no quote yet".
            for symbol, error in batch.errors.items():
                if error.kind == "not_found":
                    await store.mark_unknown_symbol(symbol)
            await store.forget_unknown_symbols(quote.symbol for quote in batch.quotes)
            for quote in batch.quotes:
                if self.unknown_symbols.pop(quote.symbol, None) is not None:
                    log.info("%s: %s is answered again", key, quote.symbol)
            failures = {s: e for s, e in batch.errors.items() if e.kind != "not_found"}
            if not batch.quotes and failures:
                # Nothing answered (a provider down): one line, the failure's, per attempt.
                first = next(iter(failures.values()))
                await self._failed(key, backoff, first, first.retry_after)
                return
            for symbol, error in failures.items():
                log.warning("%s: %s: %s", key, symbol, error)
            await self.services.pipeline.process_quotes(
                batch.quotes, now, decided_at=self.services.clock
            )
        except RedisError:
            raise
        except SourceError as exc:  # a provider that fails the whole batch at once
            await self._failed(key, backoff, exc, exc.retry_after)
            return
        except Exception as exc:
            log.exception("%s: unexpected error", key)
            await self._failed(key, backoff, exc, None)
            return
        backoff.succeeded()
        errors = "; ".join(f"{s}: {e}" for s, e in batch.errors.items()) or None
        await store.record_source(key, now, ok=True, error=errors)

    def _symbols_to_ask(self, watchlist: list[str], now: datetime) -> list[str]:
        return [
            symbol
            for symbol in watchlist
            if symbol not in self.unknown_symbols or self.unknown_symbols[symbol].ready(now)
        ]

    def _note_unknown(
        self, key: str, errors: dict[str, SourceError], interval_s: float, now: datetime
    ) -> None:
        """A symbol the API does not know is asked again after a growing pause, not every poll;
        each pause is logged once."""
        for symbol, error in errors.items():
            if error.kind != "not_found":
                continue
            base = max(interval_s, 1.0) * 2
            backoff = self.unknown_symbols.setdefault(
                symbol, SourceBackoff(base_s=base, cap_s=max(base, BACKOFF_CAP_S))
            )
            delay = backoff.failed(now)
            log.warning(
                "%s: %s: unknown to the price API (%s); asking again in %s",
                key,
                symbol,
                error.message.removeprefix(f"{symbol}: "),
                format_duration(timedelta(seconds=delay)),
            )

    async def _failed(
        self, source: str, backoff: SourceBackoff, error: Exception, retry_after: float | None
    ) -> None:
        now = self.services.clock()
        kind = error.kind if isinstance(error, SourceError) else "unexpected"
        self.metrics.poll_failed(source, kind)
        delay = backoff.failed(now, retry_after)
        log.warning(
            "%s failed (%s), attempt %d; next try in %.0fs", source, error, backoff.failures, delay
        )
        try:
            await self.services.store.record_source(source, now, ok=False, error=str(error))
        except RedisError as exc:
            log.info("could not record the failure of %s: %s", source, describe(exc))
        except Exception:
            log.exception("could not record the failure of %s", source)
