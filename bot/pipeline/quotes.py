"""Stage: only fresh, plausible quotes reach the store and the price rules.

Dropped: a price that is not a finite positive number (NaN, inf, 0), a quote no newer than the
last one stored (a re-served quote has nothing new), one older than `stale_after`, and a price
`glitch_factor` times above or below the last accepted price (a 100x unit error: pence for
pounds, cents for rand). Such a level is remembered; when it reverts it never fired anything,
and when it persists for `glitch_confirm` it is accepted as real
(a reverse split does that).

A quote dated further ahead of the clock than clocks differ is ignored: stored, a provider's clock
error (a quote from 2099) would make every real quote after it look no newer, and silence the
symbol.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

from bot import keys
from bot.lifecycle.settings import AlertSettings
from bot.models import Quote, positive_price
from bot.store import Store

log = logging.getLogger(__name__)

SAME_LEVEL = 2.0  # a later quote within this factor of a suspect belongs to the same level
# Clocks differ by seconds; a quote further ahead than this is a provider's clock or zone error.
AHEAD_MAX = timedelta(minutes=5)


class Verdict(Enum):
    ACCEPTED = "accepted"
    INVALID = "invalid"  # not a finite positive number: never reaches a rule
    REPEATED = "repeated"
    STALE = "stale"
    AHEAD = "ahead"  # dated ahead of the clock by more than clocks differ
    SUSPECT = "suspect"
    CONFIRMED = "confirmed"  # a suspect level that persisted: accepted


class QuoteGuard:
    def __init__(self, store: Store, settings: AlertSettings) -> None:
        self.store = store
        self.redis: Any = store.redis
        self.settings = settings
        self.counts = {verdict: 0 for verdict in Verdict}
        self.warned_ahead: set[str] = set()  # symbols whose quotes came dated ahead, said once
        # Symbols whose provider sends no usable price, said once until a price is usable again.
        self.warned_invalid: set[str] = set()

    async def __call__(self, quotes: list[Quote], now: datetime) -> list[Quote]:
        accepted = []
        for quote in sorted(quotes, key=lambda q: q.time):
            verdict = await self.check(quote, now)
            self.counts[verdict] += 1
            if verdict in (Verdict.ACCEPTED, Verdict.CONFIRMED):
                accepted.append(quote)
        return accepted

    def _ahead(self, quote: Quote, now: datetime) -> bool:
        if quote.time - now <= AHEAD_MAX:
            return False
        _warn_once(
            self.warned_ahead,
            quote.symbol,
            "%s: quote dated %s, ahead of the clock; ignored (a provider's clock or zone error?)",
            quote.time.isoformat(),
        )
        return True

    async def check(self, quote: Quote, now: datetime) -> Verdict:
        if positive_price(quote.price) is None:
            _warn_once(
                self.warned_invalid,
                quote.symbol,
                "%s: price %r is not a positive number; ignored (said again only after a "
                "usable price)",
                quote.price,
            )
            return Verdict.INVALID
        self.warned_invalid.discard(quote.symbol)
        if now - quote.time > self.settings.stale_after:
            return Verdict.STALE
        if self._ahead(quote, now):
            return Verdict.AHEAD
        last = await self.store.latest_quote(quote.symbol)
        if last is not None and quote.time <= last.time:
            return Verdict.REPEATED
        if last is None or not self._is_jump(quote.price, last.price):
            await self.redis.delete(keys.quote_suspect(quote.symbol))
            return Verdict.ACCEPTED
        return await self._suspect(quote, last)

    def _is_jump(self, price: float, reference: float) -> bool:
        factor = self.settings.glitch_factor
        return price >= reference * factor or price * factor <= reference

    async def _suspect(self, quote: Quote, last: Quote) -> Verdict:
        key = keys.quote_suspect(quote.symbol)
        held = await self.redis.hgetall(key)
        if held and 1 / SAME_LEVEL <= quote.price / float(held["price"]) <= SAME_LEVEL:
            since = datetime.fromtimestamp(float(held["since"]), UTC)
            if quote.time - since >= self.settings.glitch_confirm:
                await self.redis.delete(key)
                log.warning(
                    "%s: price level %.4g (was %.4g) held since %s; accepting it as real",
                    quote.symbol,
                    quote.price,
                    last.price,
                    since.isoformat(),
                )
                return Verdict.CONFIRMED
            return Verdict.SUSPECT
        log.warning(
            "%s: %.4g is %.0fx the last price %.4g; held back as a suspected glitch",
            quote.symbol,
            quote.price,
            max(quote.price / last.price, last.price / quote.price),
            last.price,
        )
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"price": quote.price, "since": quote.time.timestamp()})
            pipe.expire(key, keys.QUOTE_SUSPECT_TTL)
            await pipe.execute()
        return Verdict.SUSPECT


def _warn_once(warned: set[str], symbol: str, message: str, *details: object) -> None:
    """Log `message` for `symbol` unless `warned` says it was said already."""
    if symbol not in warned:
        warned.add(symbol)
        log.warning(message, symbol, *details)
