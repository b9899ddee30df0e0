"""One alert to many subscribers through the fake Bot API, which enforces Telegram's limits.

    python benchmarks/broadcast.py [--subscribers N] [--latency SECONDS] [--json]

The fake server answers 429 (with retry_after) whenever a send would exceed 30 messages in any
second overall or 1 per second in a chat, and answers each send after --latency seconds (default
0; Telegram answers in tens to a few hundred milliseconds). The alert goes out through the bot
as `run` builds it (python-telegram-bot with our rate limiter) and TelegramDelivery, on an
embedded Redis.

Prints how many chats got the alert (delivered), how many did not (lost), how many sends were
answered 429, and the achieved rate as a fraction of the 30/s limit: (delivered - 1) messages
over the time from the first to the last accepted send, as the server saw them; and the most
sends that were ever in flight at once (received, not yet answered).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from fakes.telegram_api import running_fake_telegram  # noqa: E402

from bot.delivery.telegram import TelegramDelivery  # noqa: E402
from bot.redis_server import EmbeddedRedis  # noqa: E402
from bot.store import Store, connect  # noqa: E402
from bot.telegram_app import application_builder  # noqa: E402
from rules.alert import Alert  # noqa: E402

GLOBAL_LIMIT = 30
TOKEN = "123456:BROADCAST"
FIRST_CHAT = 10_000


async def broadcast(subscribers: int, redis_url: str, latency: float = 0.0) -> dict[str, Any]:
    store = Store(connect(redis_url))
    try:
        await store.redis.flushdb()
        for chat in range(FIRST_CHAT, FIRST_CHAT + subscribers):
            await store.register_chat(chat, "en")
            await store.watch(chat, "BABA")
        async with running_fake_telegram() as api:
            api.enforce_limits(global_per_sec=GLOBAL_LIMIT, per_chat_per_sec=1)
            api.delay_answers("sendMessage", latency)
            application = application_builder(TOKEN, api.base_url).build()
            async with application.bot as bot:
                alert = Alert(
                    rule="alibaba-band",
                    type="price_band",
                    severity="warning",
                    symbol="BABA",
                    headline="BABA left its band 154–157, now above: 158.20 USD",
                    time=datetime.now(UTC),
                    dedup_key="broadcast",
                )
                await TelegramDelivery(bot, store).deliver(alert)
            accepted = [call for call in api.calls_of("sendMessage") if call.status == 200]
            chats = {record.chat_id for record in api.sent}
            span = accepted[-1].received_at - accepted[0].received_at if accepted else 0.0
            rate = (len(accepted) - 1) / span if span > 0 else 0.0
            return {
                "subscribers": subscribers,
                "latency_s": latency,
                "delivered": len(chats),
                "lost": subscribers - len(chats),
                "duplicates": len(api.sent) - len(chats),
                "retries_429": api.count_429,
                "sends": len(api.calls_of("sendMessage")),
                "seconds": round(span, 2),
                "rate_per_s": round(rate, 2),
                "rate_fraction": round(rate / GLOBAL_LIMIT, 3),
                "peak_in_flight": api.peak_unanswered("sendMessage"),
            }
    finally:
        await store.close()


async def main_async(subscribers: int, latency: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tw-broadcast-") as data_dir:
        server = EmbeddedRedis(Path(data_dir), persistent=False)
        url = server.start()
        try:
            return await broadcast(subscribers, url, latency)
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=600, help="chats watching the symbol")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds the fake Bot API takes to answer"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object")
    arguments = parser.parse_args(argv)
    if arguments.subscribers < 1:
        parser.error("--subscribers must be at least 1")
    if not 0 <= arguments.latency <= 60:
        parser.error("--latency must be between 0 and 60 seconds")
    result = asyncio.run(main_async(arguments.subscribers, arguments.latency))
    if arguments.json:
        print(json.dumps(result))
    else:
        print(
            f"subscribers {result['subscribers']}: delivered {result['delivered']}, "
            f"lost {result['lost']}, duplicates {result['duplicates']}, "
            f"429 answers {result['retries_429']} of {result['sends']} sends, "
            f"{result['rate_per_s']} msg/s over {result['seconds']} s "
            f"= {result['rate_fraction']:.1%} of the {GLOBAL_LIMIT}/s limit, "
            f"at most {result['peak_in_flight']} sends in flight "
            f"(answers after {result['latency_s']} s)"
        )
    return 0 if result["lost"] == 0 and result["duplicates"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
