"""Delivery set-up shared by tests: subscribers put straight into a store, as /start and /watch
would, and an outbox worker run until the outbox is drained."""

from __future__ import annotations

import asyncio

from bot.delivery.worker import OutboxWorker
from bot.store import Store

WAIT_S = 10.0  # a bound for waits on real I/O, never a timing assertion


async def subscribe(store: Store, chat_id: int, *symbols: str, language: str = "en") -> None:
    await store.register_chat(chat_id, language)
    for symbol in symbols:
        await store.watch(chat_id, symbol)


async def drain(worker: OutboxWorker) -> None:
    """Run the worker until it has handled everything in the outbox, then stop it."""
    task = asyncio.create_task(worker.run())
    try:
        await asyncio.wait_for(worker.drained(), WAIT_S)
    finally:
        worker.stop()
        await asyncio.wait_for(task, WAIT_S)
