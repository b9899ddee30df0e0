"""Stages: tie events to watchlist symbols (`resolve`); settle unstated target moves from history
and remember each broker's latest view and each consensus figure (`remember`)."""

from __future__ import annotations

import dataclasses

from bot.models import NewsItem
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store
from rules.events import AnalystAction, Consensus, Event, Partnership, TargetAction

ItemEvents = tuple[NewsItem, list[Event]]


def resolve_symbols(event: Event, item: NewsItem, matcher: SymbolMatcher) -> Event:
    if isinstance(event, Partnership):
        found: tuple[str, ...] = tuple(
            dict.fromkeys(s for party in event.parties for s in matcher.symbols_in(party))
        )
    else:
        company = event.company
        found = matcher.symbols_in(company) if company else ()
        if not found and company is None and len(item.symbols) == 1:
            found = item.symbols  # "the share fell 3%" in an item about one watched company
    return dataclasses.replace(event, symbols=found)


async def settle_target(event: AnalystAction, symbol: str, store: Store) -> AnalystAction:
    """A target stated without a direction moved relative to the broker's last known target."""
    if event.target is None or event.target_action not in ("set", "none"):
        return event
    previous = await store.analyst_target(symbol, event.broker)
    if previous is None or previous.target is None:
        return event
    if previous.currency and event.currency and previous.currency != event.currency:
        return event
    prior = event.prior_target if event.prior_target is not None else previous.target
    action: TargetAction = "set"  # unchanged
    if event.target > prior:
        action = "raise"
    elif event.target < prior:
        action = "lower"
    return dataclasses.replace(event, target_action=action, prior_target=prior)


def resolve(batch: list[ItemEvents], matcher: SymbolMatcher) -> list[ItemEvents]:
    return [
        (item, [resolve_symbols(event, item, matcher) for event in events])
        for item, events in batch
    ]


async def remember(batch: list[ItemEvents], store: Store) -> list[ItemEvents]:
    remembered: list[ItemEvents] = []
    for item, events in batch:
        settled: list[Event] = []
        for event in events:
            if isinstance(event, AnalystAction):
                for symbol in event.symbols[:1]:
                    event = await settle_target(event, symbol, store)
                    await store.record_analyst(symbol, event, item)
            elif isinstance(event, Consensus):
                for symbol in event.symbols:
                    await store.record_consensus(symbol, event, item.published)
            settled.append(event)
        remembered.append((item, settled))
    return remembered
