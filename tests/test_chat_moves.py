"""A group upgraded to a supergroup takes everything it had to its new chat id, on a real Redis:
whole, with nothing of it left under the old id, idempotent, and finished by a second move
after a move cut short at any step. A chat that is gone leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from bot import keys
from bot.config import StoredFeed
from bot.lifecycle.state import LifecycleState
from bot.store import Store
from rules.alert import Alert

OLD, NEW = -4001, -1004001
OTHER = 77  # a chat of its own that no move may touch
WATCHLIST = ["BABA", "META"]
T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)


def held_alert(key: str) -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity="warning",
        symbol="BABA",
        headline=f"Alibaba plans a capital increase ({key})",
        time=T0,
        dedup_key=key,
    )


async def give_everything(store: Store, chat: int) -> StoredFeed:
    """Every kind of state a chat can have, as its commands would write it."""
    state = LifecycleState(store)
    await store.register_chat(chat, "de")
    await store.choose_language(chat, "en")  # /lang en
    await store.watch(chat, "BABA")
    await store.follow(chat, "capital-raise")
    await store.add_keyword_filter(chat, "-rumour", limit=keys.KEYWORDS_MAX)
    await store.set_topic(chat, "BABA", 7)
    await state.set_pref(chat, "quiet", "22:00-07:00")
    await store.mute(chat, "symbol:META", T0 + timedelta(days=1))
    # On a symbol the chat does not watch: found through the watchlist.
    await store.set_personal_rule(chat, "META", "above", {"price": 700.0})
    await store.set_personal_rule(chat, "BABA", "below", {"price": 1.0})
    # On a symbol a reload took off the watchlist since: found through the chat's own note.
    await store.set_personal_rule(chat, "TSLA", "band", {"low": 1.0, "high": 2.0})
    await store.fire_personal_rule(chat, "BABA", "below", {"price": 0.9, "level": 1.0, "at": 1})
    await state.hold(chat, "quiet", held_alert("h1"), T0 + timedelta(hours=1))
    await state.group_due(chat, T0, 60)
    await store.remember_chat_admins(chat, [5], T0)
    feed = StoredFeed(name="mine", url="https://feeds.example/a.xml", every="5m", chat=chat)
    assert await store.add_stored_feed(feed, limit=5)
    await store.record_poll(feed.key, T0, state={"etag": "e1", "url": str(feed.url)})
    return feed


async def everything_of(store: Store, chat: int) -> dict[str, Any]:
    """What a chat has, as the bot reads it (the chat's id left out, to compare two ids)."""
    state = LifecycleState(store)
    return {
        "registered": await store.redis.hget(keys.chats(), str(chat)),
        "chosen language": await store.chosen_language(chat),
        "watched": await store.watched(chat),
        "watchers": chat in await store.watchers("BABA"),
        "followed": await store.followed(chat),
        "followers": chat in await store.followers("capital-raise"),
        "keywords": await store.keyword_filters(chat),
        "topic": await store.topic_for(chat, "BABA"),
        "prefs": await store.redis.hgetall(keys.chat_prefs(chat)),
        "mutes": await store.redis.hgetall(keys.chat_mutes(chat)),
        "personal": await store.chat_personal_rules(chat, WATCHLIST),
        "held": [(held.kind, held.alert.id, due) for held, due in await state.held(chat)],
        "due": chat in await state.due_chats(T0 + timedelta(days=1)),
        "group": await store.redis.get(keys.group_due(chat)),
        "feeds": [(feed.name, str(feed.url)) for feed in await store.stored_feeds(chat)],
        "polled": chat in {feed.chat for feed in await store.all_stored_feeds()},
        "feed state": await store.feed_state(f"chat:{chat}:mine"),
        "health": await store.redis.hgetall(keys.source_health(f"chat:{chat}:mine")),
    }


NOTHING: dict[str, Any] = {
    "health": {},
    "registered": None,
    "chosen language": None,
    "watched": [],
    "watchers": False,
    "followed": [],
    "followers": False,
    "keywords": [],
    "topic": None,
    "prefs": {},
    "mutes": {},
    "personal": [],
    "held": [],
    "due": False,
    "group": None,
    "feeds": [],
    "polled": False,
}


async def traces_of(store: Store, chat: int) -> list[str]:
    """Every place in Redis that names the chat: in a key's name, as a hash field, or as a set
    or sorted set member."""
    found = []
    mark = str(chat)
    async for key in store.redis.scan_iter(count=1000):
        parts = key.split(":")
        if mark in parts:
            found.append(key)
            continue
        kind = await store.redis.type(key)
        if kind == "hash":
            names = await store.redis.hkeys(key)
        elif kind == "set":
            names = await store.redis.smembers(key)
        elif kind == "zset":
            names = await store.redis.zrange(key, 0, -1)
        else:
            continue
        found += [f"{key} {name}" for name in names if name.split(":")[0] == mark]
    return sorted(found)


async def test_a_group_upgrade_moves_everything_and_leaves_no_trace(store: Store) -> None:
    await give_everything(store, OLD)
    await give_everything(store, OTHER)
    before = await everything_of(store, OLD)
    other = await everything_of(store, OTHER)
    assert before["held"] and before["feed state"] and before["personal"]  # all was set

    await store.move_chat(OLD, NEW, WATCHLIST)
    assert await everything_of(store, NEW) == before
    assert await everything_of(store, OLD) == {**NOTHING, "feed state": {}}
    assert before["health"]
    assert await traces_of(store, OLD) == []
    assert await store.redis.get(keys.chat_admins(OLD)) is None  # asked again when needed
    [moved] = await store.stored_feeds(NEW)
    assert moved.chat == NEW
    assert await everything_of(store, OTHER) == other

    # The update and the failed send both report the upgrade: the second move changes nothing.
    await store.move_chat(OLD, NEW, WATCHLIST)
    assert await everything_of(store, NEW) == before
    assert await everything_of(store, OTHER) == other


async def test_what_the_new_group_set_itself_stays(store: Store) -> None:
    await give_everything(store, OLD)
    await store.register_chat(NEW, "en")
    await store.watch(NEW, "META")
    await LifecycleState(store).set_pref(NEW, "quiet", "23:00-06:00")
    await store.move_chat(OLD, NEW, WATCHLIST)
    found = await everything_of(store, NEW)
    assert found["watched"] == ["BABA", "META"]
    assert found["prefs"] == {"quiet": "23:00-06:00"}
    assert "en" in found["registered"]
    assert await traces_of(store, OLD) == []


class CrashingRedis:
    """The real client, which stops answering after `commands` calls, as a process that dies
    part way through a move would stop issuing them."""

    def __init__(self, real: Any, commands: int) -> None:
        self.real = real
        self.left = commands

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.real, name)
        if not callable(found):
            return found

        def counted(*args: Any, **options: Any) -> Any:
            self.left -= 1
            if self.left < 0:
                raise RedisConnectionError("the process died here")
            return found(*args, **options)

        return counted


async def test_a_move_cut_short_at_any_step_is_finished_by_the_next(store: Store) -> None:
    await give_everything(store, OLD)
    expected = await everything_of(store, OLD)
    counter = CrashingRedis(store.redis, 10_000)
    await Store(counter).move_chat(OLD, NEW, WATCHLIST)
    steps = 10_000 - counter.left
    assert steps > 20
    for crash_after in range(steps):
        await store.redis.flushdb()
        await give_everything(store, OLD)
        with pytest.raises(RedisConnectionError):
            await Store(CrashingRedis(store.redis, crash_after)).move_chat(OLD, NEW, WATCHLIST)
        # Whatever was cut short, an alert finds the chat under one id or the other.
        halfway_old, halfway_new = await everything_of(store, OLD), await everything_of(store, NEW)
        assert halfway_old["watchers"] or halfway_new["watchers"], crash_after
        assert halfway_old["held"] or halfway_new["held"], crash_after
        await store.move_chat(OLD, NEW, WATCHLIST)
        assert await everything_of(store, NEW) == expected, crash_after
        assert await traces_of(store, OLD) == [], crash_after


async def test_a_gone_chat_leaves_nothing_behind(store: Store) -> None:
    await give_everything(store, OLD)
    await give_everything(store, OTHER)
    other = await everything_of(store, OTHER)
    await store.forget_chat_settings(OLD, WATCHLIST)
    await store.forget_chat_state(OLD)
    await store.forget_chat(OLD)
    assert await everything_of(store, OLD) == {**NOTHING, "feed state": {}}
    assert await traces_of(store, OLD) == []
    assert await everything_of(store, OTHER) == other
