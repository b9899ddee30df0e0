"""The end of one successful feed poll: its conditional-GET state, its health and the end of its
poll turn, written in one round trip. Ten thousand feeds polled every few minutes make this the
most frequent write, and the client's cost per command, not Redis's, is most of a poll's.

The state and the health lie in different hash slots, so on a Redis Cluster (which refuses a
script that touches two slots) each is written by a command of its own, all in one pipeline; a
single Redis takes the records of many unchanged polls in one script. A state as stored only has
its time to live renewed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import keys
from bot.store.base import RedisStore
from bot.store.leases import END_TURN, LeaseStore, TurnEnd

# KEYS: the feed's state. ARGV: its TTL, the number of fields set, those fields and values,
# then the fields emptied.
_RECORD_STATE = """
local fields = tonumber(ARGV[2])
local emptied = 3 + 2 * fields
if fields > 0 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 3, emptied - 1))
end
if #ARGV >= emptied then
  redis.call('HDEL', KEYS[1], unpack(ARGV, emptied, #ARGV))
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
"""

_SUCCEED = """
local function succeed(health, ttl, at)
  redis.call('HSET', health, 'last_success', at, 'consecutive_failures', 0)
  redis.call('HINCRBY', health, 'successes', 1)
  redis.call('EXPIRE', health, ttl)
end
"""
# KEYS: the feed's health. ARGV: its TTL, the time of the success.
_RECORD_SUCCESS = _SUCCEED + "succeed(KEYS[1], ARGV[1], ARGV[2])\n"
# On a single Redis only (see RedisStore.one_node): unchanged polls of many feeds in one call.
# KEYS: each poll's health, turn and state. ARGV: the health's and the state's TTL, then for each
# poll the time of its success, 1 when the state's TTL is renewed, and its turn, poller and
# keep_ms (the turn empty when the poll had none).
_RECORD_UNCHANGED = (
    _SUCCEED
    + END_TURN
    + """
for i = 1, #KEYS / 3 do
  local at = 2 + 5 * (i - 1)
  succeed(KEYS[3 * i - 2], ARGV[1], ARGV[at + 1])
  if ARGV[at + 2] == '1' then redis.call('EXPIRE', KEYS[3 * i], ARGV[2]) end
  if ARGV[at + 3] ~= '' then finish(KEYS[3 * i - 1], ARGV[at + 3], ARGV[at + 4], ARGV[at + 5]) end
end
"""
)


@dataclass(frozen=True, slots=True)
class UnchangedPoll:
    """A successful poll that found the feed's state as stored."""

    feed: str
    at: datetime
    end: TurnEnd | None  # its turn, marked done with it
    renew_state: bool = True  # whether the stored state's time to live is renewed


class PollStore(RedisStore):
    async def record_poll(
        self,
        feed: str,
        now: datetime,
        *,
        state: dict[str, str | None] | None,
        end: TurnEnd | None = None,
    ) -> None:
        """The feed polled successfully at `now`; `state` replaces its stored state, None keeps
        the one stored (renewing its time to live). `end`: the poll's turn, marked done too."""
        async with self.redis.pipeline(transaction=False) as pipe:
            if state is None:
                pipe.expire(keys.feed_state(feed), keys.FEED_STATE_TTL)
            else:
                pipe.eval(_RECORD_STATE, 1, keys.feed_state(feed), *_state_arguments(state))
            pipe.eval(
                _RECORD_SUCCESS, 1, keys.source_health(feed), keys.HEALTH_TTL, now.isoformat()
            )
            if end is not None:
                LeaseStore.queue_finish_turn(pipe, feed, end)
            await pipe.execute()
        if end is not None:
            end.marked = True

    async def record_unchanged_polls(self, polls: list[UnchangedPoll]) -> None:
        """record_poll with the state kept, for many polls in one round trip."""
        if self.one_node:
            poll_keys: list[str] = []
            arguments: list[str | int] = [keys.HEALTH_TTL, keys.FEED_STATE_TTL]
            for poll in polls:
                poll_keys += [
                    keys.source_health(poll.feed),
                    keys.poll_turn(poll.feed),
                    keys.feed_state(poll.feed),
                ]
                end = poll.end
                arguments += [poll.at.isoformat(), int(poll.renew_state)]
                arguments += ["", "", 0] if end is None else [end.turn, end.poller, end.keep_ms]
            await self.redis.eval(_RECORD_UNCHANGED, len(poll_keys), *poll_keys, *arguments)
            return
        async with self.redis.pipeline(transaction=False) as pipe:
            for poll in polls:
                if poll.renew_state:
                    pipe.expire(keys.feed_state(poll.feed), keys.FEED_STATE_TTL)
                pipe.eval(
                    _RECORD_SUCCESS,
                    1,
                    keys.source_health(poll.feed),
                    keys.HEALTH_TTL,
                    poll.at.isoformat(),
                )
                if poll.end is not None:
                    LeaseStore.queue_finish_turn(pipe, poll.feed, poll.end)
            await pipe.execute()


def _state_arguments(state: dict[str, str | None]) -> list[str | int]:
    values = {name: value for name, value in state.items() if value}
    emptied = [name for name, value in state.items() if not value]
    arguments: list[str | int] = [keys.FEED_STATE_TTL, len(values)]
    for name, value in values.items():
        arguments += [name, value]
    return arguments + emptied
