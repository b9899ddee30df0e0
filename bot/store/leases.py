"""What processes sharing one Redis divide among themselves: the poll turns of each feed and of
the prices, the one getUpdates poller, and the list of processes that run."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot import keys
from bot.store.base import RedisStore

log = logging.getLogger(__name__)

# A turn is taken when nobody took it or a later one yet and no poll of the source is still
# running (a poll that outlasts its interval is not joined by the next one); a poller late for a
# past turn would otherwise wipe out the record of the turn after it, which a third poll could
# then take again. Its value is "<turn> busy <poller>".
_TAKE_TURN = """
local function take(key, turn, poller, busy_ms)
  local held = redis.call('get', key)
  if held then
    local was, state = string.match(held, '^(%S+) (%S+)')
    if state == 'busy' or tonumber(was) >= tonumber(turn) then return false end
  end
  redis.call('set', key, turn .. ' busy ' .. poller, 'px', busy_ms)
  return true
end
"""
_CLAIM_TURN = _TAKE_TURN + "return take(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) and 1 or 0\n"
# On a single Redis only (see RedisStore.one_node): the claims of many feeds in one call.
# KEYS: each feed's turn, then its state. ARGV: the poller, then each feed's turn and busy time.
# For each feed 0, or the fields and values of its state when its turn was taken.
_CLAIM_FEED_TURNS = (
    _TAKE_TURN
    + """
local taken = {}
for i = 1, #KEYS / 2 do
  if take(KEYS[2 * i - 1], ARGV[2 * i], ARGV[1], ARGV[2 * i + 1]) then
    taken[i] = redis.call('hgetall', KEYS[2 * i])
  else
    taken[i] = 0
  end
end
return taken
"""
)
# Only the poller that holds the turn renews or ends it.
_RENEW_TURN = """
if redis.call('get', KEYS[1]) ~= ARGV[1] .. ' busy ' .. ARGV[2] then return 0 end
redis.call('pexpire', KEYS[1], ARGV[3])
return 1
"""
END_TURN = """
local function finish(key, turn, poller, keep_ms)
  if redis.call('get', key) ~= turn .. ' busy ' .. poller then return 0 end
  redis.call('set', key, turn .. ' done ' .. poller, 'px', keep_ms)
  return 1
end
"""
_FINISH_TURN = END_TURN + "return finish(KEYS[1], ARGV[1], ARGV[2], ARGV[3])\n"
# Taken when free, renewed by its holder; after a Redis restart without data it is free again.
_HOLD_LEASE = """
local held = redis.call('get', KEYS[1])
if held and held ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2])
return 1
"""
_RELEASE_LEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


@dataclass(slots=True)
class TurnEnd:
    """What marks a claimed turn done. A feed's poll passes it to its last write
    (PollStore.record_poll), which marks the turn in the same round trip, or hands it to the
    records of unchanged polls (bot.poll_records); the claim marks it itself only when neither
    happened."""

    turn: int
    poller: str
    keep_ms: int  # how long the turn stays marked as taken once done
    marked: bool = False  # or handed over to be marked


@dataclass(frozen=True, slots=True)
class FeedTurnClaim:
    feed: str
    turn: int
    busy_ms: int  # the claim lapses this long after it was taken, unless renewed


@dataclass(frozen=True, slots=True)
class ProcessInfo:
    """One running process of this installation, as it last said so."""

    process: str
    role: str
    host: str
    pid: int
    seen: datetime


class LeaseStore(RedisStore):
    async def claim_turn(self, source: str, turn: int, poller: str, busy_ms: int) -> bool:
        """Whether `poller` polls `source` in this turn; the claim lapses after busy_ms unless
        renewed (a poller killed mid-poll frees the source)."""
        taken = await self.redis.eval(_CLAIM_TURN, 1, keys.poll_turn(source), turn, poller, busy_ms)
        return bool(taken)

    async def claim_feed_turns(
        self, claims: Sequence[FeedTurnClaim], poller: str
    ) -> list[dict[str, str] | None]:
        """claim_turn for each feed, with its stored state read in the same round trip: for
        each, the state when this poller polls the turn, None when it does not."""
        if self.one_node:
            arguments: list[str | int] = [poller]
            for claim in claims:
                arguments += [claim.turn, claim.busy_ms]
            feed_keys = [
                key
                for claim in claims
                for key in (keys.poll_turn(claim.feed), keys.feed_state(claim.feed))
            ]
            answers = await self.redis.eval(
                _CLAIM_FEED_TURNS, len(feed_keys), *feed_keys, *arguments
            )
            return [
                None if taken == 0 else dict(zip(taken[0::2], taken[1::2], strict=True))
                for taken in answers
            ]
        async with self.redis.pipeline(transaction=False) as pipe:
            for claim in claims:
                pipe.eval(
                    _CLAIM_TURN, 1, keys.poll_turn(claim.feed), claim.turn, poller, claim.busy_ms
                )
                pipe.hgetall(keys.feed_state(claim.feed))
            answers = await pipe.execute()
        return [
            dict(state) if taken else None
            for taken, state in zip(answers[0::2], answers[1::2], strict=True)
        ]

    async def renew_turn(self, source: str, turn: int, poller: str, busy_ms: int) -> bool:
        renewed = await self.redis.eval(
            _RENEW_TURN, 1, keys.poll_turn(source), turn, poller, busy_ms
        )
        return bool(renewed)

    async def finish_turn(self, source: str, turn: int, poller: str, keep_ms: int) -> None:
        """The poll ended; the turn stays marked as taken for keep_ms."""
        await self.redis.eval(_FINISH_TURN, 1, keys.poll_turn(source), turn, poller, keep_ms)

    @staticmethod
    def queue_finish_turn(pipe: Any, source: str, end: TurnEnd) -> None:
        """finish_turn as one command of a pipeline the caller sends."""
        pipe.eval(_FINISH_TURN, 1, keys.poll_turn(source), end.turn, end.poller, end.keep_ms)

    async def hold_updates_lease(self, holder: str) -> bool:
        """Take or renew the right to poll getUpdates; False while another process holds it."""
        ttl_ms = keys.UPDATES_LEASE_TTL * 1000
        return bool(await self.redis.eval(_HOLD_LEASE, 1, keys.updates_lease(), holder, ttl_ms))

    async def release_updates_lease(self, holder: str) -> None:
        await self.redis.eval(_RELEASE_LEASE, 1, keys.updates_lease(), holder)

    async def announce_process(
        self, process: str, role: str, host: str, pid: int, now: datetime
    ) -> None:
        entry = {"role": role, "host": host, "pid": pid, "seen": now.timestamp()}
        await self.redis.hset(keys.processes(), process, json.dumps(entry))

    async def forget_process(self, process: str) -> None:
        await self.redis.hdel(keys.processes(), process)

    async def running_processes(self, now: datetime) -> list[ProcessInfo]:
        """The processes seen within PROCESS_ALIVE_TTL, by role then host and pid; the entries
        of processes gone for longer are removed."""
        running, gone = [], []
        for process, text in (await self.redis.hgetall(keys.processes())).items():
            try:
                entry = json.loads(text)
                seen = datetime.fromtimestamp(float(entry["seen"]), UTC)
                role, host, pid = str(entry["role"]), str(entry["host"]), int(entry["pid"])
            except (KeyError, TypeError, ValueError):
                log.warning("dropping an unreadable process entry %s: %.200r", process, text)
                gone.append(process)
                continue
            if (now - seen).total_seconds() > keys.PROCESS_ALIVE_TTL:
                gone.append(process)
            else:
                running.append(ProcessInfo(process, role, host, pid, seen))
        if gone:
            await self.redis.hdel(keys.processes(), *gone)
        return sorted(running, key=lambda info: (info.role, info.host, info.pid))
