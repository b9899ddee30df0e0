"""Each broker's latest view of a symbol, and the latest consensus figures."""

from __future__ import annotations

import json
from datetime import datetime

from bot import keys
from bot.models import NewsItem
from bot.store.base import RedisStore
from bot.targets import TargetRecord
from rules.events import AnalystAction, Consensus
from rules.text import name_key


class AnalystStore(RedisStore):
    async def analyst_target(self, symbol: str, broker: str) -> TargetRecord | None:
        payload = await self.redis.hget(keys.targets(symbol), name_key(broker))
        return TargetRecord.from_json(payload) if payload else None

    async def record_analyst(
        self, symbol: str, event: AnalystAction, item: NewsItem
    ) -> TargetRecord | None:
        """Remember a broker's latest view of a symbol; events without a broker are ignored."""
        if not event.broker:
            return None
        record = TargetRecord(
            broker=event.broker,
            rating=event.rating,
            rating_action=event.rating_action,
            target=event.target,
            prior_target=event.prior_target,
            target_action=event.target_action,
            currency=event.currency,
            time=item.published,
            headline=item.title,
            link=item.link,
        )
        previous = await self.analyst_target(symbol, event.broker)
        if previous is not None and previous.time > record.time:
            return previous  # an older report arriving late never overwrites a newer view
        if record.target is None and previous is not None:
            record.target, record.currency = previous.target, previous.currency
        if record.rating is None and previous is not None:
            record.rating = previous.rating
        key = keys.targets(symbol)
        await self._hset_expiring(key, name_key(event.broker), record.to_json(), keys.TARGETS_TTL)
        await self._trim_targets(key)
        return record

    async def _trim_targets(self, key: str) -> None:
        if await self.redis.hlen(key) <= keys.TARGETS_MAX:
            return
        records = sorted(
            (
                (field, TargetRecord.from_json(value))
                for field, value in (await self.redis.hgetall(key)).items()
            ),
            key=lambda pair: pair[1].time,
        )
        stale = [field for field, _ in records[: len(records) - keys.TARGETS_MAX]]
        await self.redis.hdel(key, *stale)

    async def analyst_targets(self, symbol: str) -> list[TargetRecord]:
        """The latest view of every broker, newest first."""
        rows = await self.redis.hgetall(keys.targets(symbol))
        records = [TargetRecord.from_json(value) for value in rows.values()]
        return sorted(records, key=lambda record: record.time, reverse=True)

    async def record_consensus(self, symbol: str, event: Consensus, time: datetime) -> None:
        payload = json.dumps({**event.to_dict(), "time": time.isoformat()})
        await self.redis.set(keys.consensus(symbol), payload, ex=keys.CONSENSUS_TTL)

    async def latest_consensus(self, symbol: str) -> tuple[Consensus, datetime] | None:
        """The consensus a news item last reported, and when that item was published."""
        payload = await self.redis.get(keys.consensus(symbol))
        if not payload:
            return None
        data = json.loads(payload)
        consensus = Consensus(
            company=data.get("company"),
            mean_target=data.get("mean_target"),
            median_target=data.get("median_target"),
            buy=data.get("buy"),
            hold=data.get("hold"),
            sell=data.get("sell"),
            currency=data.get("currency"),
            rating=data.get("rating"),
            analysts=data.get("analysts"),
            symbols=(symbol,),
        )
        return consensus, datetime.fromisoformat(data["time"])
