"""What the jobs and command handlers share: passed in, never global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.config import Config
from bot.pipeline import Pipeline
from bot.redis_watch import RedisHealth
from bot.store import Store
from rules.base import Rule

if TYPE_CHECKING:
    from bot.user_feeds import UserFeeds

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Services:
    config: Config
    store: Store
    pipeline: Pipeline
    rules: list[Rule]
    clock: Clock = system_clock
    redis: RedisHealth = field(default_factory=RedisHealth)
    feeds: UserFeeds | None = None  # feeds added from Telegram; None when nothing is polled
