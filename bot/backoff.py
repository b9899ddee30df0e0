"""The one retry policy: exponential back-off with a cap, for feeds, prices and sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


def backoff_delay(attempt: int, *, base_s: float, cap_s: float) -> float:
    """Seconds to wait before retry number `attempt` (0-based): base, 2*base, 4*base, ... cap."""
    return min(cap_s, base_s * (2 ** min(attempt, 30)))


@dataclass(slots=True)
class SourceBackoff:
    """Consecutive failures of one source, and when it may be polled again."""

    base_s: float
    cap_s: float
    failures: int = 0
    retry_at: datetime | None = None

    def ready(self, now: datetime) -> bool:
        return self.retry_at is None or now >= self.retry_at

    def failed(self, now: datetime, retry_after_s: float | None = None) -> float:
        delay = backoff_delay(self.failures, base_s=self.base_s, cap_s=self.cap_s)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, self.cap_s))
        self.failures += 1
        self.retry_at = now + timedelta(seconds=delay)
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self.retry_at = None
