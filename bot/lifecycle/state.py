"""Per-chat lifecycle state in Redis: mutes, preferences (quiet hours, digest, zone), and alerts
held for later (grouping, quiet hours, digest). Key names come from bot.keys."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from bot import keys
from bot.delivery.router import concerns_several
from bot.store import Store
from rules.alert import Alert
from rules.merged import narrowed, symbols_of

Kind = Literal["group", "quiet", "digest"]
ALL = "all"


@dataclass(frozen=True, slots=True)
class ChatPrefs:
    quiet: str | None = None  # "HH:MM-HH:MM"
    digest: str | None = None  # "HH:MM"
    zone: str | None = None  # IANA name; None: the configured time zone


@dataclass(frozen=True, slots=True)
class Held:
    kind: Kind
    alert: Alert


def mute_scopes(alert: Alert) -> list[str]:
    scopes = [ALL, f"rule:{alert.rule}"]
    if alert.symbol:
        scopes.append(f"symbol:{alert.symbol}")
    return scopes


def _epoch(when: datetime) -> float:
    return when.timestamp()


class LifecycleState:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.redis: Any = store.redis

    # -- preferences --------------------------------------------------------------------------

    async def prefs(self, chat_id: int) -> ChatPrefs:
        values = await self.redis.hgetall(keys.chat_prefs(chat_id))
        return ChatPrefs(values.get("quiet"), values.get("digest"), values.get("tz"))

    async def set_pref(self, chat_id: int, name: str, value: str | None) -> None:
        key = keys.chat_prefs(chat_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            if value is None:
                pipe.hdel(key, name)
            else:
                pipe.hset(key, name, value)
                pipe.expire(key, keys.PREFS_TTL)
            await pipe.execute()

    # -- mutes (kept by the Store, which the mute button uses too) ------------------------------

    async def unmuted(self, chat_id: int, alert: Alert, now: datetime) -> Alert | None:
        """`alert` without what the chat muted (a rule, a symbol); None when all of it is."""
        if not concerns_several(alert):
            muted = await self.store.is_muted(chat_id, mute_scopes(alert), now)
            return None if muted else alert
        mutes = await self.store.mutes(chat_id, now)
        if ALL in mutes:
            return None

        def keep(member: Alert) -> list[str] | None:
            if f"rule:{member.rule}" in mutes:
                return None
            symbols = symbols_of(member)
            loud = [symbol for symbol in symbols if f"symbol:{symbol}" not in mutes]
            return None if symbols and not loud else loud

        return narrowed(alert, keep)

    # -- held alerts --------------------------------------------------------------------------

    async def hold(self, chat_id: int, kind: Kind, alert: Alert, due: datetime) -> None:
        member = json.dumps({"kind": kind, "alert": alert.to_dict()}, sort_keys=True)
        key = keys.pending(chat_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: _epoch(due)})
            pipe.expire(key, keys.PENDING_TTL)
            pipe.zcard(key)
            _added, _expired, count = await pipe.execute()
        if count > keys.PENDING_MAX:
            due = datetime.fromtimestamp(0, UTC)  # too much held back: send it all now
        await self._schedule(chat_id, due)

    async def _schedule(self, chat_id: int, due: datetime) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            # LT: an earlier due time wins over a later one; a chat not listed yet is added.
            pipe.zadd(keys.pending_chats(), {str(chat_id): _epoch(due)}, lt=True)
            pipe.expire(keys.pending_chats(), keys.PENDING_TTL)
            await pipe.execute()

    async def group_due(self, chat_id: int, now: datetime, wait_s: float) -> datetime:
        """When the chat's open group is sent; opens one (now + wait) when there is none."""
        key = keys.group_due(chat_id)
        current = await self.redis.get(key)
        if current is not None and float(current) > _epoch(now):
            return datetime.fromtimestamp(float(current), UTC)
        due = _epoch(now) + wait_s
        await self.redis.set(key, due, ex=int(wait_s) + keys.PENDING_TTL)
        return datetime.fromtimestamp(due, UTC)

    async def due_chats(self, now: datetime) -> list[int]:
        chats = await self.redis.zrangebyscore(keys.pending_chats(), "-inf", _epoch(now))
        return [int(chat) for chat in chats]

    async def next_due(self) -> datetime | None:
        first = await self.redis.zrange(keys.pending_chats(), 0, 0, withscores=True)
        return datetime.fromtimestamp(first[0][1], UTC) if first else None

    async def take_due(self, chat_id: int, now: datetime) -> list[Held]:
        """Remove and return the chat's alerts due by `now` (only those this caller removed,
        so two workers never both send one)."""
        key = keys.pending(chat_id)
        members = await self.redis.zrangebyscore(key, "-inf", _epoch(now))
        taken = []
        for member in members:
            if await self.redis.zrem(key, member):
                data = json.loads(member)
                taken.append(Held(data["kind"], Alert.from_dict(data["alert"])))
        first = await self.redis.zrange(key, 0, 0, withscores=True)
        if first:
            await self.redis.zadd(keys.pending_chats(), {str(chat_id): first[0][1]})
        else:
            await self.redis.zrem(keys.pending_chats(), str(chat_id))
        return taken

    async def reschedule(self, chat_id: int, kind: Kind, due: datetime) -> int:
        """Move every held alert of one kind to a new due time (a changed digest time, quiet
        hours switched off); returns how many moved."""
        key = keys.pending(chat_id)
        members = await self.redis.zrange(key, 0, -1)
        moved = [member for member in members if json.loads(member)["kind"] == kind]
        if moved:
            await self.redis.zadd(key, {member: _epoch(due) for member in moved}, xx=True)
            first = await self.redis.zrange(key, 0, 0, withscores=True)
            await self.redis.zadd(keys.pending_chats(), {str(chat_id): first[0][1]})
        return len(moved)

    async def held(self, chat_id: int) -> list[tuple[Held, datetime]]:
        rows = await self.redis.zrange(keys.pending(chat_id), 0, -1, withscores=True)
        found = []
        for member, score in rows:
            data = json.loads(member)
            held = Held(data["kind"], Alert.from_dict(data["alert"]))
            found.append((held, datetime.fromtimestamp(score, UTC)))
        return found
