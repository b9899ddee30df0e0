"""What one `python -m bot run` process does when several share a Redis (`--role`)."""

from __future__ import annotations

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
