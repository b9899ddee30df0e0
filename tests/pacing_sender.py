"""A process that sends messages through the shared rate limiter, for the pacing tests.

    python tests/pacing_sender.py REDIS_URL BASE_URL TOKEN PER_SECOND CHAT_INTERVAL CHAT...

Prints "ready" once connected, waits for a line on stdin (so that several senders start
together), sends one message to each CHAT in order and exits.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from telegram.ext import ExtBot  # noqa: E402

from bot.delivery.limiter import SharedSlots, TelegramRateLimiter  # noqa: E402
from bot.store import connect  # noqa: E402


async def send_all(
    redis_url: str, base_url: str, token: str, per_second: float, interval: float, chats: list[int]
) -> None:
    redis = connect(redis_url)
    limiter = TelegramRateLimiter(
        per_second=per_second,
        chat_interval_s=interval,
        group_interval_s=interval,
        slots=SharedSlots(redis, token),
    )
    bot: ExtBot[int] = ExtBot(token, base_url=base_url, rate_limiter=limiter)
    try:
        await bot.initialize()
        await redis.ping()
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        await asyncio.gather(*(bot.send_message(chat, f"to {chat}") for chat in chats))
    finally:
        await bot.shutdown()
        await redis.aclose()


if __name__ == "__main__":
    redis_url, base_url, token, per_second, interval, *chats = sys.argv[1:]
    asyncio.run(
        send_all(
            redis_url, base_url, token, float(per_second), float(interval), [int(c) for c in chats]
        )
    )
