"""Pacing for every Bot API call that shows something to a user.

Telegram allows about 30 messages/s per bot, 1/s per chat and 20/min per group, counted per bot
token: every process that sends with one token shares one budget. Each send gets a slot on a
fixed grid (global, and per chat): first come, first served; a caller that wakes late neither
pushes later slots back nor crowds them, it takes the next free slot. The grid is a token bucket
holding one token, refilled at the grid's rate.

With Redis the grid lives there (SharedSlots: one Lua script reserves a slot atomically, on
Redis's clock), so all processes of one token share it; without Redis, or while Redis does not
answer, each process keeps its own (LocalSlots). The limiter never retries;
TelegramDelivery.send is the one place that does.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol

from redis.exceptions import RedisError
from telegram.ext import BaseRateLimiter

from bot import keys

log = logging.getLogger(__name__)

# Under Telegram's ~30/s by two: a send that reaches Telegram a little late (a busy machine, a
# new connection) must not make 31 in a second with the ones sent on time.
GLOBAL_PER_SECOND = 28.0
CHAT_INTERVAL_S = 1.1  # 1/s, with room for a send that reaches Telegram a little late
GROUP_INTERVAL_S = 3.1  # 20 per minute, with a margin
PACED_PREFIXES = ("send", "edit", "copy", "forward")
UNPACED = frozenset({"sendchataction"})  # typing indicators do not count as messages
IDLE_CHATS_KEPT = 10_000
# A send that wakes this much after its slot (a busy machine) gives the slot up and takes a new
# one: sent late, it would crowd the sends of the slots after it, of any process.
LATE_WAKE_S = 0.02
LATE_WAKES_MAX = 5  # then it goes anyway, so that a starved process still sends
MICROS = 1_000_000
SLOT_KEY_SLACK_MS = 1_000  # a slot key outlives its next free time by this, then expires

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
ChatId = int | str
# (granted, seconds to wait, claim): granted means the slot is reserved and the send starts
# after the wait; otherwise the chat is busy and the caller asks again after the wait. The claim
# names the chat's next free time this reservation set ("" without a chat): a send that gives
# its slot up passes it back, so that its own reservation does not hold it up.
Reservation = tuple[bool, float, str]


class SlotBook(Protocol):
    async def reserve(
        self,
        chat: ChatId | None,
        chat_interval_s: float,
        global_interval_s: float,
        replacing: str = "",
    ) -> Reservation: ...


class LocalSlots:
    """The grid of one process."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock
        self.global_next = 0.0
        self.chat_next: dict[ChatId, float] = {}

    def _now(self) -> float:
        return self.clock() if self.clock is not None else asyncio.get_running_loop().time()

    async def reserve(
        self,
        chat: ChatId | None,
        chat_interval_s: float,
        global_interval_s: float,
        replacing: str = "",
    ) -> Reservation:
        now = self._now()
        start = max(now, self.global_next)
        claim = ""
        if chat is not None:
            chat_free = self.chat_next.get(chat, 0.0)
            if chat_free > start and repr(chat_free) != replacing:
                # Taking a global slot this far ahead would leave the slots before it unused.
                return False, chat_free - now, ""
            if chat not in self.chat_next and len(self.chat_next) >= IDLE_CHATS_KEPT:
                self.chat_next = {c: t for c, t in self.chat_next.items() if t > now}
            self.chat_next[chat] = start + chat_interval_s
            claim = repr(self.chat_next[chat])
        self.global_next = start + global_interval_s
        return True, start - now, claim

    def forget(self) -> None:
        self.global_next = 0.0
        self.chat_next.clear()


# KEYS[1]: the token's next free global slot, KEYS[2] (optional): the chat's, both in
# microseconds of Redis's clock. ARGV: the global and the chat interval (microseconds), how long
# a key outlives its slot (ms), and the claim given up ("" for none). Same rule as LocalSlots.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local slack = tonumber(ARGV[3])
local claim = ''
if #KEYS > 1 then
  local stored = redis.call('GET', KEYS[2]) or '0'
  local chat_free = tonumber(stored)
  if chat_free > start and stored ~= ARGV[4] then
    return {0, chat_free - now, ''}
  end
  local chat_next = start + tonumber(ARGV[2])
  claim = string.format('%.0f', chat_next)
  redis.call('SET', KEYS[2], claim, 'PX', math.floor((chat_next - now) / 1000) + slack)
end
local global_next = start + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', global_next),
           'PX', math.floor((global_next - now) / 1000) + slack)
return {1, start - now, claim}
"""


def token_fingerprint(token: str) -> str:
    """Names a bot token in Redis keys without revealing it."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]


class SharedSlots:
    """The grid of one bot token in Redis, shared by every process that sends with it; while
    Redis does not answer, a LocalSlots grid stands in (this process's sends only)."""

    def __init__(self, redis: Any, token: str, fallback: LocalSlots | None = None) -> None:
        self.redis = redis
        self.fingerprint = token_fingerprint(token)
        self.fallback = fallback or LocalSlots()
        self._script = redis.register_script(_RESERVE)
        self._failing = False

    async def reserve(
        self,
        chat: ChatId | None,
        chat_interval_s: float,
        global_interval_s: float,
        replacing: str = "",
    ) -> Reservation:
        names = [keys.send_slots(self.fingerprint)]
        if chat is not None:
            names.append(keys.chat_send_slots(self.fingerprint, chat))
        arguments = [
            round(global_interval_s * MICROS),
            round(chat_interval_s * MICROS),
            SLOT_KEY_SLACK_MS,
            replacing,
        ]
        try:
            granted, wait_us, claim = await self._script(keys=names, args=arguments)
        except RedisError as exc:
            if not self._failing:
                log.warning("send pacing falls back to this process alone: %s", exc)
                self._failing = True
            return await self.fallback.reserve(chat, chat_interval_s, global_interval_s, replacing)
        if self._failing:
            log.info("send pacing is shared through Redis again")
            self._failing = False
            self.fallback.forget()
        return bool(int(granted)), max(0, int(wait_us)) / MICROS, str(claim)


class TelegramRateLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        *,
        per_second: float = GLOBAL_PER_SECOND,
        chat_interval_s: float = CHAT_INTERVAL_S,
        group_interval_s: float = GROUP_INTERVAL_S,
        clock: Clock | None = None,
        sleep: Sleep = asyncio.sleep,
        slots: SlotBook | None = None,
    ) -> None:
        self.global_interval_s = 1.0 / per_second
        self.chat_interval_s = chat_interval_s
        self.group_interval_s = group_interval_s
        self.slots: SlotBook = slots or LocalSlots(clock)
        self.clock = clock
        self.sleep = sleep

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        if isinstance(self.slots, LocalSlots):
            self.slots.forget()

    async def wait_for_slot(self, chat_id: ChatId | None) -> None:
        """Return when a message to `chat_id` (None: no chat) may be sent."""
        is_group = isinstance(chat_id, str) or (chat_id is not None and chat_id < 0)
        chat_interval = self.group_interval_s if is_group else self.chat_interval_s
        late_wakes, given_up = 0, ""
        while True:
            # The slot lies between asking + wait and answer + wait: a slow answer (from Redis,
            # or of this process's turn to read it) counts as lateness too.
            asked = self._now()
            granted, wait, claim = await self.slots.reserve(
                chat_id, chat_interval, self.global_interval_s, given_up
            )
            if not granted:
                await self.sleep(wait)
                continue
            planned = asked + wait
            if wait > 0:
                await self.sleep(wait)
            if self._now() - planned <= LATE_WAKE_S or late_wakes >= LATE_WAKES_MAX:
                return
            late_wakes, given_up = late_wakes + 1, claim

    def _now(self) -> float:
        return self.clock() if self.clock is not None else asyncio.get_running_loop().time()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        method = endpoint.lower()
        if method.startswith(PACED_PREFIXES) and method not in UNPACED:
            await self.wait_for_slot(_chat_of(data))
        return await callback(*args, **kwargs)


def shared_rate_limiter(redis: Any, token: str, per_second: float | None) -> TelegramRateLimiter:
    """The limiter of `run`: one budget per bot token across every process on this Redis."""
    return TelegramRateLimiter(
        per_second=per_second or GLOBAL_PER_SECOND, slots=SharedSlots(redis, token)
    )


def _chat_of(data: dict[str, Any]) -> ChatId | None:
    value = data.get("chat_id")
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)  # a channel's @username
