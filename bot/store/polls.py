"""The end of one successful feed poll: its conditional-GET state, its health and the end of its
poll turn, written in one round trip. Ten thousand feeds polled every few minutes make this the
most frequent write, and the client's cost per command, not Redis's, is most of a poll's.

The state and the health lie in different hash slots, so each is written by a command of its
own (a Redis Cluster refuses a script that touches two slots); all go out in one pipeline. A
state as stored only has its time to live renewed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot import keys
from bot.store.base import RedisStore
from bot.store.leases import LeaseStore, TurnEnd

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

# KEYS: the feed's health. ARGV: its TTL, the time of the success.
_RECORD_SUCCESS = """
redis.call('HSET', KEYS[1], 'last_success', ARGV[2], 'consecutive_failures', 0)
redis.call('HINCRBY', KEYS[1], 'successes', 1)
redis.call('EXPIRE', KEYS[1], ARGV[1])
"""


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
