"""Small per-rule memory (the RuleState protocol rules are given)."""

from __future__ import annotations

from bot import keys
from bot.store.base import RedisStore


class RuleStateStore(RedisStore):
    async def get(self, rule: str, key: str) -> str | None:
        value = await self.redis.hget(keys.rule_state(rule), key)
        return None if value is None else str(value)

    async def set(self, rule: str, key: str, value: str) -> None:
        await self._hset_expiring(keys.rule_state(rule), key, value, keys.RULE_STATE_TTL)
