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
from typing import Any, TextIO

from bot.config import Config
from bot.delivery.render import render_plain
from bot.lifecycle.dispatch import Dispatcher, build_dispatcher
from bot.models import NewsItem, Quote
from bot.pipeline import Pipeline
from bot.pipeline.lifecycle import build_pipeline
from bot.pipeline.stories import with_repeats
from bot.redis_server import EmbeddedRedis
from bot.replay_input import Event, timeline
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


class Collector:
    """The delivery of a replay: remembers each message with the simulated time it went out."""

    def __init__(self, clock: SimulatedClock) -> None:
        self.clock = clock
        self.sent: list[tuple[datetime, Alert]] = []

    async def deliver(self, alert: Alert) -> None:
        self.sent.append((self.clock(), alert))


async def replay(
    config: Config, items: list[NewsItem], quotes: list[Quote]
) -> list[tuple[datetime, Alert]]:
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
            collector = Collector(clock)
            dispatcher = build_dispatcher(
                config.alerts, config.zone, store, rules, clock, console=True
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
            await store.ack(entry.entry_id)


async def _release_due(
    dispatcher: Dispatcher, collector: Collector, clock: SimulatedClock, *, until: datetime | None
) -> None:
    while (due := await dispatcher.next_due()) is not None and (until is None or due < until):
        clock.now = max(clock.now, due)
        for ready in await dispatcher.due():
            await collector.deliver(ready)


def records(sent: list[tuple[datetime, Alert]]) -> Iterator[dict[str, Any]]:
    """One record per alert; the alerts of a group or digest share their message number."""
    for number, (moment, message) in enumerate(sent, start=1):
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
            }


def write(sent: list[tuple[datetime, Alert]], out: TextIO, *, as_json: bool) -> None:
    if as_json:
        for record in records(sent):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return
    for moment, message in sent:
        out.write(f"── {moment.isoformat()}\n{render_plain(message)}\n\n")
    out.write(f"{len(sent)} message(s)\n")
