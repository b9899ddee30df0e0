"""The end of a successful poll: the feed's conditional-GET state, its health and its turn in one
write; unchanged polls of many feeds in one write together."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bot import keys
from bot.poll_records import PollRecords
from bot.poll_turns import PollTurns
from bot.store import Store
from bot.store.leases import FeedTurnClaim

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


async def test_unchanged_polls_are_recorded_together_with_their_turns_ended(store: Store) -> None:
    turns = PollTurns(store, "host 1 a")
    state = {"etag": '"v1"', "url": "u"}
    await store.record_poll("wire", NOW, state=state)
    await store.redis.persist(keys.feed_state("wire"))
    records = PollRecords(store)
    async with turns.claim_feed("wire", 60, 7) as claim:
        assert claim is not None and claim.state == state
        async with PollTurns(store, "host 2 b").claim_feed("wire", 60, 7) as theirs:
            assert theirs is None
        records.add("wire", NOW, claim.end)
        records.add("other", NOW, None)
    # Handed over: the claim leaves the turn busy until the records are written.
    assert (await store.redis.get(keys.poll_turn("wire"))).startswith("7 busy host 1 a")
    await records.close()
    assert (await store.redis.get(keys.poll_turn("wire"))).startswith("7 done host 1 a")
    assert await store.feed_state("wire") == state
    assert 0 < await store.redis.ttl(keys.feed_state("wire")) <= keys.FEED_STATE_TTL
    for feed, successes in (("wire", "2"), ("other", "1")):
        health = await store.source_health(feed)
        assert health["successes"] == successes and health["last_success"] == NOW.isoformat()
    async with turns.claim_feed("wire", 60, 7) as again:
        assert again is None  # done, and still marked as taken


async def test_a_feed_turn_not_handed_over_is_ended_by_its_claim(store: Store) -> None:
    async with PollTurns(store, "host 1 a").claim_feed("wire", 60, 3) as claim:
        assert claim is not None and claim.state == {}
    assert (await store.redis.get(keys.poll_turn("wire"))).startswith("3 done host 1 a")


async def test_an_unchanged_poll_renews_the_state_s_lifetime_once_a_day(store: Store) -> None:
    await store.record_poll("wire", NOW, state={"etag": '"v1"', "url": "u"})
    records = PollRecords(store)
    records.stored("wire", NOW)
    await store.redis.persist(keys.feed_state("wire"))
    records.add("wire", NOW + timedelta(hours=5), None)
    await records.close()
    assert await store.redis.ttl(keys.feed_state("wire")) == -1  # renewed at the store, 5 h ago
    records.add("wire", NOW + timedelta(days=1, hours=1), None)
    await records.close()
    assert 0 < await store.redis.ttl(keys.feed_state("wire")) <= keys.FEED_STATE_TTL
    assert (await store.source_health("wire"))["successes"] == "3"


class CountedClaims:
    """The store, counting the round trips that claim feed turns."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.round_trips = 0

    async def claim_feed_turns(self, claims: Sequence[FeedTurnClaim], poller: str) -> list[Any]:
        self.round_trips += 1
        return await self.store.claim_feed_turns(claims, poller)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


async def test_feed_turns_claimed_in_the_same_moment_share_one_round_trip(store: Store) -> None:
    await store.record_poll("wire", NOW, state={"etag": '"v1"', "url": "u"})
    counted = CountedClaims(store)
    turns = PollTurns(counted, "host 1 a")  # type: ignore[arg-type]
    async with PollTurns(store, "host 2 b").claim_feed("taken", 60, 7) as theirs:
        assert theirs is not None

        async def claim(feed: str) -> dict[str, str] | None:
            async with turns.claim_feed(feed, 60, 7) as claim:
                return None if claim is None else claim.state

        await store.redis.config_resetstat()
        states = await asyncio.gather(claim("wire"), claim("fresh"), claim("taken"))
        # One script for the three claims on a single Redis (a cluster gets a pipeline), and
        # one that ends each of the two turns taken.
        assert await scripts_run(store) == 3
    assert states == [{"etag": '"v1"', "url": "u"}, {}, None]
    assert counted.round_trips == 1


async def test_unchanged_polls_of_many_feeds_are_one_command_on_a_single_redis(
    store: Store,
) -> None:
    turns, records = PollTurns(store, "host 1 a"), PollRecords(store)
    for feed in ("a", "b", "c"):
        await store.record_poll(feed, NOW, state={"etag": f'"{feed}"', "url": "u"})
        async with turns.claim_feed(feed, 60, 4) as claim:
            assert claim is not None
            records.add(feed, NOW + timedelta(days=2), claim.end)
    await store.redis.config_resetstat()
    await records.close()
    assert await scripts_run(store) == 1
    for feed in ("a", "b", "c"):
        assert (await store.redis.get(keys.poll_turn(feed))).startswith("4 done host 1 a")
        assert (await store.source_health(feed))["successes"] == "2"
        assert 0 < await store.redis.ttl(keys.feed_state(feed)) <= keys.FEED_STATE_TTL


async def scripts_run(store: Store) -> int:
    """The scripts run since the last CONFIG RESETSTAT."""
    stats = await store.redis.info("commandstats")
    return int(stats.get("cmdstat_eval", {}).get("calls", 0))
