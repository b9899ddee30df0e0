"""The end of one successful feed poll: its conditional-GET state and its health, written in
one command. Ten thousand feeds polled every few minutes make this the most frequent write, and
the client's cost per command, not Redis's, is most of a poll's."""

from __future__ import annotations

from datetime import datetime

from bot import keys
from bot.store.base import RedisStore

# KEYS: the feed's state, its health. ARGV: the state's TTL, the health's TTL, the time of the
# success, the number of state fields set, those fields and values, then the fields emptied.
_RECORD_POLL = """
local fields = tonumber(ARGV[4])
local emptied = 5 + 2 * fields
if fields > 0 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 5, emptied - 1))
end
if #ARGV >= emptied then
  redis.call('HDEL', KEYS[1], unpack(ARGV, emptied, #ARGV))
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'last_success', ARGV[3], 'consecutive_failures', 0)
redis.call('HINCRBY', KEYS[2], 'successes', 1)
redis.call('EXPIRE', KEYS[2], ARGV[2])
"""


class PollStore(RedisStore):
    async def record_poll(
        self, feed: str, now: datetime, *, state: dict[str, str | None] | None
    ) -> None:
        """The feed polled successfully at `now`; `state` replaces its stored state, None keeps
        the one stored (renewing its time to live)."""
        values = {name: value for name, value in (state or {}).items() if value}
        emptied = [name for name, value in (state or {}).items() if not value]
        arguments = [keys.FEED_STATE_TTL, keys.HEALTH_TTL, now.isoformat(), len(values)]
        for name, value in values.items():
            arguments += [name, value]
        await self.redis.eval(
            _RECORD_POLL,
            2,
            keys.feed_state(feed),
            keys.source_health(feed),
            *arguments,
            *emptied,
        )
