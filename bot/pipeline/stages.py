"""The shape of a pipeline stage: a list in, the part that survives out, at a given time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TypeVar

from bot.models import Quote
from rules.alert import Alert

T = TypeVar("T")

Stage = Callable[[list[T], datetime], Awaitable[list[T]]]
AlertStage = Stage[Alert]
QuoteStage = Stage[Quote]


async def run_stages(stages: Sequence[Stage[T]], values: list[T], now: datetime) -> list[T]:
    for stage in stages:
        if not values:
            break
        values = await stage(values, now)
    return values
