"""A chat that changes its id (a group upgraded to a supergroup) takes all it had along; a chat
that is gone (it blocked the bot, removed it, was deleted) leaves nothing behind.

A chat's keys lie in many cluster slots, so no single transaction can move them. Each piece is
copied to the new id first (merged into what the new id may already hold) and only then taken
from the old one, and only what was copied is taken: a crash in between leaves the piece under
both ids, and moving again, which changes nothing that already moved, finishes the move. While
a piece is under both ids an alert may be routed to both: the old id's send is refused by
Telegram and redirected to the new one, whose delivery mark keeps it from arriving twice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bot import keys
from bot.store.feeds import parse_stored, stored_payload
from bot.store.personal import KINDS, PersonalRuleStore
from bot.store.subscriptions import SubscriptionStore

# A feed's poll state and health, kept under its key, which names the chat that owns it.
_FEED_RECORDS: tuple[Callable[[str], str], ...] = (keys.feed_state, keys.source_health)
# Keys named by the chat id alone, moved whole (merged into the new chat's own).
CHAT_KEYS: tuple[Callable[[int], str], ...] = (
    keys.chat_topics,
    keys.chat_prefs,
    keys.chat_chosen_language,
    keys.chat_mutes,
    keys.personal_fired,
    keys.chat_personal_symbols,
    keys.pending,
    keys.group_due,
    keys.chat_moved_from,
)

# KEYS: a hash. ARGV: field, value pairs. Removes each field that still holds that value (one
# changed since it was copied keeps its newer value).
_DELETE_UNCHANGED_FIELDS = """
local removed = 0
for index = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[index]) == ARGV[index + 1] then
    removed = removed + redis.call('HDEL', KEYS[1], ARGV[index])
  end
end
return removed
"""

# KEYS: a string key. ARGV: the value copied. Deleted only if it still holds it.
_DELETE_UNCHANGED_VALUE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

# KEYS: a symbol's personal rules. ARGV: old chat, new chat, then the kinds. Each rule of the
# old chat becomes the new chat's, unless the new chat set one of that kind itself.
_MOVE_PERSONAL_RULES = """
local moved = 0
for index = 3, #ARGV do
  local old_field = ARGV[1] .. ':' .. ARGV[index]
  local rule = redis.call('HGET', KEYS[1], old_field)
  if rule then
    moved = moved + redis.call('HSETNX', KEYS[1], ARGV[2] .. ':' .. ARGV[index], rule)
    redis.call('HDEL', KEYS[1], old_field)
  end
end
return moved
"""


class ChatMoveStore(SubscriptionStore, PersonalRuleStore):
    async def move_chat(self, old: int, new: int, symbols: Iterable[str] = ()) -> None:
        """Give chat `new` everything of chat `old`: languages, subscriptions, keyword filters,
        channel link, topics, preferences, mutes, held alerts, personal rules (on the chat's
        watched symbols and on `symbols`, the watchlist) and its own feeds. Idempotent: moving
        again after a move, or after one cut short, finishes it and changes nothing else."""
        if old == new:
            return
        # The new chat is registered first: repair and the subscriber list find it by this.
        await self._move_field(keys.chats(), str(old), str(new), keys.CHAT_TTL)
        await self._move_field(keys.chat_keywords(), str(old), str(new), keys.KEYWORDS_TTL)
        everywhere = set(symbols) | set(await self.watched(old)) | set(await self.watched(new))
        everywhere |= set(await self.personal_symbols(old, ()))
        for symbol in sorted(everywhere):
            await self.redis.eval(
                _MOVE_PERSONAL_RULES, 1, keys.personal_rules(symbol), old, new, *KINDS
            )
        for chat_key in CHAT_KEYS:
            await self._move_key(chat_key(old), chat_key(new))
        await self.redis.delete(keys.chat_admins(old))  # asked of Telegram again when needed
        await self._move_schedule(old, new)
        await self._move_links(keys.chat_watch(old), keys.chat_watch(new), keys.watchers, old, new)
        await self._move_links(
            keys.chat_follows(old), keys.chat_follows(new), keys.followers, old, new
        )
        if await self.redis.sismember(keys.channels(), str(old)):
            await self.redis.sadd(keys.channels(), str(new))
            await self.redis.srem(keys.channels(), str(old))
        await self._move_feeds(old, new)
        await self.redis.set(keys.chat_moved_from(new), old, ex=keys.CHAT_TTL)

    async def moved_from(self, chat_id: int) -> int | None:
        """The id chat `chat_id` had before a group's upgrade, if it had another."""
        old = await self.redis.get(keys.chat_moved_from(chat_id))
        return None if old is None else int(old)

    async def forget_chat_state(self, chat_id: int) -> None:
        """What `forget_chat` and `forget_chat_settings` leave of a gone chat: its chosen
        language, preferences, mutes, held alerts and its own feeds (which would otherwise be
        polled for no one)."""
        for chat_key in CHAT_KEYS:
            await self.redis.delete(chat_key(chat_id))
        await self.redis.zrem(keys.pending_chats(), str(chat_id))
        for payload in (await self.redis.hgetall(keys.stored_feeds(chat_id))).values():
            if (feed := parse_stored(payload)) is not None:
                await self._forget_feed_records(feed.key)
        await self.redis.delete(keys.stored_feeds(chat_id))
        await self.redis.srem(keys.feed_owners(), str(chat_id))

    async def _move_field(self, key: str, old: str, new: str, ttl: int) -> None:
        value = await self.redis.hget(key, old)
        if value is None:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, new, value)  # what the new chat chose itself stays
            pipe.expire(key, ttl)
            await pipe.execute()
        await self.redis.eval(_DELETE_UNCHANGED_FIELDS, 1, key, old, value)

    async def _move_key(self, old_key: str, new_key: str) -> None:
        """Merge `old_key` into `new_key` (entries the new key has win), keeping the longer
        time to live, then take from `old_key` what was copied."""
        kind = await self.redis.type(old_key)
        kind = kind.decode() if isinstance(kind, bytes) else str(kind)
        if kind == "none":
            return
        old_ttl_ms = int(await self.redis.pttl(old_key))
        new_ttl_ms = int(await self.redis.pttl(new_key))
        copied: Any
        if kind == "hash":
            copied = await self.redis.hgetall(old_key)
        elif kind == "zset":
            copied = await self.redis.zrange(old_key, 0, -1, withscores=True)
        elif kind == "set":
            copied = sorted(await self.redis.smembers(old_key))
        elif kind == "string":
            copied = await self.redis.get(old_key)
        else:
            raise ValueError(f"{old_key} is a {kind}; a chat's key of this kind cannot move")
        if not copied:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            if kind == "hash":
                for field, value in copied.items():
                    pipe.hsetnx(new_key, field, value)
            elif kind == "zset":
                pipe.zadd(new_key, dict(copied), nx=True)
            elif kind == "set":
                pipe.sadd(new_key, *copied)
            else:
                pipe.set(new_key, copied, nx=True)
            if old_ttl_ms > 0 and (new_ttl_ms < 0 or new_ttl_ms < old_ttl_ms):
                pipe.pexpire(new_key, old_ttl_ms)
            await pipe.execute()
        if kind == "hash":
            pairs = [part for field, value in copied.items() for part in (field, value)]
            await self.redis.eval(_DELETE_UNCHANGED_FIELDS, 1, old_key, *pairs)
        elif kind == "zset":
            await self.redis.zrem(old_key, *(member for member, _score in copied))
        elif kind == "set":
            await self.redis.srem(old_key, *copied)
        else:
            await self.redis.eval(_DELETE_UNCHANGED_VALUE, 1, old_key, copied)

    async def _move_schedule(self, old: int, new: int) -> None:
        """The time the old chat's held alerts are due becomes the new chat's (the earlier of
        the two); the old chat leaves the schedule once nothing of it is held any more."""
        due = await self.redis.zscore(keys.pending_chats(), str(old))
        if due is None:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(keys.pending_chats(), {str(new): due}, lt=True)
            pipe.expire(keys.pending_chats(), keys.PENDING_TTL)
            await pipe.execute()
        if not await self.redis.exists(keys.pending(old)):
            await self.redis.zrem(keys.pending_chats(), str(old))

    async def _move_links(
        self,
        old_key: str,
        new_key: str,
        reverse: Callable[[str], str],
        old: int,
        new: int,
    ) -> None:
        """Subscriptions in both directions: the new chat's side of each first, then the old
        chat's taken away (reverse set, then its own, as an unwatch does)."""
        members = sorted(await self.redis.smembers(old_key))
        if not members:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(new_key, *members)
            pipe.expire(new_key, keys.CHAT_TTL)
            await pipe.execute()
        for member in members:
            await self._add_reverse(reverse(member), new)
            await self.redis.srem(reverse(member), str(old))
        await self.redis.srem(old_key, *members)

    async def _move_feeds(self, old: int, new: int) -> None:
        """The old chat's own feeds become the new chat's, each with its poll state and health,
        so that the first poll under the new name is no first fetch: nothing is missed."""
        stored = await self.redis.hgetall(keys.stored_feeds(old))
        if not stored:
            await self.redis.srem(keys.feed_owners(), str(old))
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(keys.feed_owners(), str(new))
            pipe.expire(keys.feed_owners(), keys.STORED_FEEDS_TTL)
            await pipe.execute()
        for name, payload in stored.items():
            feed = parse_stored(payload)
            if feed is None:
                continue  # unreadable: stays behind, as unpolled as it was
            moved = feed.model_copy(update={"chat": new})
            for record in _FEED_RECORDS:
                await self._copy_hash(record(feed.key), record(moved.key))
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hsetnx(keys.stored_feeds(new), name, stored_payload(moved))
                pipe.expire(keys.stored_feeds(new), keys.STORED_FEEDS_TTL)
                await pipe.execute()
            # Before the feed leaves the old chat: a move cut short after it would not know
            # these names any more.
            await self._forget_feed_records(feed.key)
            await self.redis.eval(
                _DELETE_UNCHANGED_FIELDS, 1, keys.stored_feeds(old), name, payload
            )
        if not await self.redis.exists(keys.stored_feeds(old)):
            await self.redis.srem(keys.feed_owners(), str(old))

    async def _forget_feed_records(self, feed_key: str) -> None:
        for record in _FEED_RECORDS:  # one by one: on a cluster they live in different slots
            await self.redis.delete(record(feed_key))

    async def _copy_hash(self, old_key: str, new_key: str) -> None:
        """A copy of a hash whole, unless the new key has one of its own already."""
        values = await self.redis.hgetall(old_key)
        if not values or await self.redis.exists(new_key):
            return
        ttl_ms = int(await self.redis.pttl(old_key))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(new_key, mapping=values)
            if ttl_ms > 0:
                pipe.pexpire(new_key, ttl_ms)
            await pipe.execute()
