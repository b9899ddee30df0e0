"""`python -m bot replay`: the real pipeline over a recorded timeline, on a simulated clock.

Items (JSON Lines) and quotes (CSV time,symbol,price) are merged in time order. At each moment
the clock is set, the batch goes through the same pipeline `run` builds (extraction, stories,
rules, combos, cooldowns), the outbox is drained through the lifecycle (grouping, held alerts)
as the outbox worker drains it, and every message that would be sent is printed. Held alerts
come out at the simulated moment they fall due. Nothing touches Telegram or the network; Redis
is a private throwaway instance.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from bot.config import Config
from bot.delivery.render import render_plain
from bot.delivery.router import recipients
from bot.lifecycle.dispatch import Dispatcher, build_dispatcher
from bot.models import NewsItem, Quote
from bot.pipeline import Pipeline
from bot.pipeline.lifecycle import build_pipeline
from bot.pipeline.stories import with_repeats
from bot.redis_server import EmbeddedRedis
from bot.replay_input import Chat, Event, timeline
from bot.store import Store, connect
from rules.alert import Alert
from rules.registry import build_rule

log = logging.getLogger(__name__)

CONSUMER = "replay"
BATCH = 100


class SimulatedClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class Sent(NamedTuple):
    """One message of a replay: when it went out, and to which chats (None: no chats given)."""

    time: datetime
    message: Alert
    chats: list[int] | None = None


class Collector:
    """The delivery of a replay: remembers each message with the simulated time it went out,
    and with chats given, the chats it reaches."""

    def __init__(self, clock: SimulatedClock, store: Store | None = None) -> None:
        self.clock = clock
        self.store = store
        self.sent: list[Sent] = []

    async def deliver(self, alert: Alert) -> None:
        chats = None if self.store is None else await recipients(alert, self.store)
        self.sent.append(Sent(self.clock(), alert, chats))


async def subscribe(store: Store, chats: list[Chat], config: Config) -> None:
    unknown = sorted({s for chat in chats for s in chat.watch} - set(config.watchlist))
    if unknown:
        log.warning("chats: %s not on the watchlist; no alert names them", ", ".join(unknown))
    for chat in chats:
        await store.register_chat(chat.id, chat.lang)
        for symbol in chat.watch:
            await store.watch(chat.id, symbol)
        for rule in chat.follow:
            await store.follow(chat.id, rule)


async def replay(
    config: Config, items: list[NewsItem], quotes: list[Quote], chats: list[Chat] | None = None
) -> list[Sent]:
    currencies = {symbol: item.currency for symbol, item in config.watchlist.items()}
    quotes = [
        replace(quote, currency=quote.currency or currencies.get(quote.symbol))
        for quote in watched_quotes(config, quotes)
    ]
    events = timeline(items, quotes)
    clock = SimulatedClock(events[0].time if events else datetime.now(UTC))
    with tempfile.TemporaryDirectory(prefix="tickerwatch-replay-") as data_dir:
        redis = EmbeddedRedis(Path(data_dir), persistent=False)
        store = Store(connect(redis.start()))
        try:
            rules = [build_rule(options) for options in config.rules]
            pipeline = build_pipeline(config, store, rules)
            collector = Collector(clock, None if chats is None else store)
            if chats is not None:
                await subscribe(store, chats, config)
            dispatcher = build_dispatcher(
                config.alerts, config.zone, store, rules, clock, console=chats is None
            )
            await store.ensure_outbox_group()
            for (moment, kind), batch in groupby(events, key=lambda e: (e.time, e.kind)):
                await _release_due(dispatcher, collector, clock, until=moment)
                clock.now = moment
                await _process(pipeline, kind, list(batch), moment)
                await _drain(store, dispatcher, collector)
            await _release_due(dispatcher, collector, clock, until=None)
            return collector.sent
        finally:
            await store.close()
            redis.stop()


def watched_quotes(config: Config, quotes: list[Quote]) -> list[Quote]:
    """The quotes of watchlist symbols; the others are named once each, since no rule sees them."""
    ignored = Counter(quote.symbol for quote in quotes if quote.symbol not in config.watchlist)
    for symbol, count in sorted(ignored.items()):
        log.warning(
            "quotes: %s is not on the watchlist; its %d quote(s) are ignored (add it under "
            "watchlist: to replay them)",
            symbol,
            count,
        )
    return [quote for quote in quotes if quote.symbol in config.watchlist]


async def _process(pipeline: Pipeline, kind: str, batch: list[Event], now: datetime) -> None:
    if kind == "item":
        items = [event.value for event in batch if isinstance(event.value, NewsItem)]
        await pipeline.process_items(items, now)
    else:
        quotes = [event.value for event in batch if isinstance(event.value, Quote)]
        await pipeline.process_quotes(quotes, now)


async def _drain(store: Store, dispatcher: Dispatcher, collector: Collector) -> None:
    """What the outbox worker does with each entry, until the outbox is empty."""
    while entries := await store.read_outbox(CONSUMER, count=BATCH, block_ms=1):
        for entry in entries:
            alert = await with_repeats(entry.alert, store)
            for ready in await dispatcher.admit(alert):
                await collector.deliver(ready)
            await store.ack(entry)


async def _release_due(
    dispatcher: Dispatcher, collector: Collector, clock: SimulatedClock, *, until: datetime | None
) -> None:
    while (due := await dispatcher.next_due()) is not None and (until is None or due < until):
        clock.now = max(clock.now, due)
        for ready in await dispatcher.due():
            await collector.deliver(ready)


def records(sent: list[Sent]) -> Iterator[dict[str, Any]]:
    """One record per alert; the alerts of a group or digest share their message number."""
    for number, (moment, message, chats) in enumerate(sent, start=1):
        members = message.fields.get("alerts")
        alerts = [Alert.from_dict(data) for data in members] if members else [message]
        for alert in alerts:
            fields = {k: v for k, v in alert.fields.items() if k != "chat"}
            yield {
                "time": alert.time.isoformat(),
                "sent": moment.isoformat(),
                "message": number,
                "via": message.type if members else None,
                "rule": alert.rule,
                "type": alert.type,
                "symbol": alert.symbol,
                "severity": alert.severity,
                "headline": alert.headline,
                "text": render_plain(alert),
                "fields": fields,
                "chats": chats,
            }


def write(sent: list[Sent], out: TextIO, *, as_json: bool) -> None:
    if as_json:
        for record in records(sent):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return
    for moment, message, chats in sent:
        to = "" if chats is None else f" → chats {', '.join(map(str, chats)) or 'none'}"
        out.write(f"── {moment.isoformat()}{to}\n{render_plain(message)}\n\n")
    out.write(f"{len(sent)} message(s)\n")
