"""A clock that a test moves by hand: rules and lifecycle read it, real time drives the I/O."""

from __future__ import annotations

from datetime import UTC, datetime


class SteppedClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now
