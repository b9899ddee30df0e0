"""The end of a successful poll: the feed's conditional-GET state and its health in one write."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import keys
from bot.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_a_poll_replaces_the_state_or_keeps_it_and_counts_a_success(store: Store) -> None:
    first = {"etag": '"v1"', "last_modified": "Mon, 02 Mar 2026", "body_hash": "a", "url": "u"}
    await store.record_poll("wire", NOW, state=first)
    assert await store.feed_state("wire") == first

    # A server that stopped sending Last-Modified: the stale value goes, not kept beside.
    second = {"etag": '"v2"', "last_modified": None, "body_hash": "b", "url": "u"}
    await store.record_poll("wire", NOW, state=second)
    assert await store.feed_state("wire") == {"etag": '"v2"', "body_hash": "b", "url": "u"}

    await store.redis.persist(keys.feed_state("wire"))
    await store.record_poll("wire", NOW, state=None)
    assert await store.feed_state("wire") == {"etag": '"v2"', "body_hash": "b", "url": "u"}
    assert 0 < await store.redis.ttl(keys.feed_state("wire")) <= keys.FEED_STATE_TTL

    await store.record_source("wire", NOW, ok=False, error="timeout")
    await store.record_poll("wire", NOW, state=None)
    health = await store.source_health("wire")
    assert health["successes"] == "4" and health["consecutive_failures"] == "0"
    assert health["last_success"] == NOW.isoformat() and health["failures"] == "1"
    assert 0 < await store.redis.ttl(keys.source_health("wire")) <= keys.HEALTH_TTL
