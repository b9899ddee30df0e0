"""What one `python -m bot run` process does when several share a Redis (`--role`)."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum


class Role(StrEnum):
    ALL = "all"  # everything, as a single process does
    POLLER = "poller"  # polls feeds and prices, turn by turn with the other pollers
    NOTIFIER = "notifier"  # reads the outbox and sends the alerts
    TELEGRAM = "telegram"  # receives Telegram updates and answers the commands

    @property
    def polls(self) -> bool:
        return self in (Role.ALL, Role.POLLER)

    @property
    def notifies(self) -> bool:
        return self in (Role.ALL, Role.NOTIFIER)

    @property
    def answers(self) -> bool:
        return self in (Role.ALL, Role.TELEGRAM)


def roles_line(roles: list[str]) -> str | None:
    """How many running processes have each role, as "1 × notifier, 2 × poller"; None for one
    process that does everything."""
    if len(roles) <= 1 and all(role == Role.ALL for role in roles):
        return None
    counts = Counter(roles)
    return ", ".join(f"{count} × {role}" for role, count in sorted(counts.items()))
