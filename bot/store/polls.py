"""The end of one successful feed poll: its conditional-GET state and its health, written in
one round trip. Ten thousand feeds polled every few minutes make this the most frequent write."""

from __future__ import annotations

from datetime import datetime

from bot import keys
from bot.store.base import RedisStore


class PollStore(RedisStore):
    async def record_poll(
        self, feed: str, now: datetime, *, state: dict[str, str | None] | None
    ) -> None:
        """The feed polled successfully at `now`; `state` replaces its stored state, None keeps
        the one stored (renewing its time to live)."""
        state_key, health_key = keys.feed_state(feed), keys.source_health(feed)
        # No MULTI: each command stands on its own (a field emptied is deleted, not the whole
        # state first), and a feed's polls never overlap, so nothing reads a half-written state.
        async with self.redis.pipeline(transaction=False) as pipe:
            if state is not None:
                values = {name: value for name, value in state.items() if value}
                emptied = [name for name, value in state.items() if not value]
                if values:
                    pipe.hset(state_key, mapping=values)
                if emptied:
                    pipe.hdel(state_key, *emptied)
            pipe.expire(state_key, keys.FEED_STATE_TTL)
            pipe.hset(
                health_key, mapping={"last_success": now.isoformat(), "consecutive_failures": 0}
            )
            pipe.hincrby(health_key, "successes", 1)
            pipe.expire(health_key, keys.HEALTH_TTL)
            await pipe.execute()
