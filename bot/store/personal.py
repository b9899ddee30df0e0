"""A chat's own price rules (/band, /alert): active ones by symbol, fired one-shots by chat."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot import keys
from bot.store.base import RedisStore

KINDS = ("band", "above", "below")


class PersonalRuleStore(RedisStore):
    async def set_personal_rule(
        self, chat_id: int, symbol: str, kind: str, rule: dict[str, Any]
    ) -> None:
        """Set a rule; a fired one-shot of the same kind is replaced by it (after it is set: the
        two hashes live in different cluster slots, and an active rule is listed before a fired
        one, so a crash in between changes nothing the chat sees). The symbol is noted for the
        chat first: a crash after it leaves a note that finds nothing."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(keys.chat_personal_symbols(chat_id), symbol)
            pipe.expire(keys.chat_personal_symbols(chat_id), keys.PERSONAL_TTL)
            await pipe.execute()
        await self._hset_expiring(
            keys.personal_rules(symbol), f"{chat_id}:{kind}", json.dumps(rule), keys.PERSONAL_TTL
        )
        await self.redis.hdel(keys.personal_fired(chat_id), f"{symbol}:{kind}")

    async def personal_rules(self, symbol: str) -> dict[tuple[int, str], dict[str, Any]]:
        """(chat, kind) -> rule, for every personal rule on `symbol`."""
        found = {}
        for field, payload in (await self.redis.hgetall(keys.personal_rules(symbol))).items():
            chat, _, kind = field.partition(":")
            found[(int(chat), kind)] = json.loads(payload)
        return found

    async def drop_personal_rule(self, chat_id: int, symbol: str, kind: str) -> bool:
        return bool(await self.redis.hdel(keys.personal_rules(symbol), f"{chat_id}:{kind}"))

    async def fire_personal_rule(
        self, chat_id: int, symbol: str, kind: str, record: dict[str, Any]
    ) -> None:
        """A one-shot rule fired: it stops being active and is kept, as fired, for listing.
        Recorded as fired first: a crash before the rule is dropped lets it fire once more
        rather than vanish unlisted (the hashes live in different cluster slots)."""
        await self._hset_expiring(
            keys.personal_fired(chat_id),
            f"{symbol}:{kind}",
            json.dumps(record),
            keys.PERSONAL_FIRED_TTL,
        )
        await self.redis.hdel(keys.personal_rules(symbol), f"{chat_id}:{kind}")

    async def drop_fired_rule(self, chat_id: int, symbol: str, kind: str) -> dict[str, Any] | None:
        """Forget a fired one-shot; returns what it held, None when there was none."""
        key, field = keys.personal_fired(chat_id), f"{symbol}:{kind}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hget(key, field)
            pipe.hdel(key, field)
            payload, _ = await pipe.execute()
        return json.loads(payload) if payload else None

    async def personal_symbols(self, chat_id: int, symbols: Iterable[str]) -> list[str]:
        """`symbols`, then the others the chat may have a rule on (sorted): one a reload took
        off the watchlist, noted when the rule was set, kept among the fired ones, or still
        watched (rules set before such notes were kept)."""
        wanted = list(dict.fromkeys(symbols))
        noted = await self.redis.smembers(keys.chat_personal_symbols(chat_id))
        fired = await self.redis.hkeys(keys.personal_fired(chat_id))
        watched = await self.redis.smembers(keys.chat_watch(chat_id))
        others = set(noted) | set(watched) | {field.rpartition(":")[0] for field in fired}
        return wanted + sorted(others - set(wanted))

    async def prune_personal_symbol(self, chat_id: int, symbol: str) -> None:
        """Forget the note of `symbol` for the chat once it has no rule on it, active or fired."""
        fields = [f"{chat_id}:{kind}" for kind in KINDS]
        active = await self.redis.hmget(keys.personal_rules(symbol), fields)
        fired = await self.redis.hmget(
            keys.personal_fired(chat_id), [f"{symbol}:{kind}" for kind in KINDS]
        )
        if all(payload is None for payload in [*active, *fired]):
            await self.redis.srem(keys.chat_personal_symbols(chat_id), symbol)

    async def chat_personal_rules(
        self, chat_id: int, symbols: Iterable[str]
    ) -> list[tuple[str, str, dict[str, Any], bool]]:
        """(symbol, kind, rule, fired) for each of the chat's rules on `symbols` and then on
        the others it has rules on (`personal_symbols`), in that order and then by kind: active
        ones, and fired one-shots."""
        wanted = await self.personal_symbols(chat_id, symbols)
        fields = [f"{chat_id}:{kind}" for kind in KINDS]
        async with self.redis.pipeline(transaction=False) as pipe:
            for symbol in wanted:
                pipe.hmget(keys.personal_rules(symbol), fields)
            pipe.hgetall(keys.personal_fired(chat_id))
            *active, fired = await pipe.execute()
        found = []
        for symbol, payloads in zip(wanted, active, strict=True):
            for kind, payload in zip(KINDS, payloads, strict=True):
                if payload is not None:
                    found.append((symbol, kind, json.loads(payload), False))
                elif (done := fired.get(f"{symbol}:{kind}")) is not None:
                    found.append((symbol, kind, json.loads(done), True))
        return found
