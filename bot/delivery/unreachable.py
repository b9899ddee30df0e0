"""The one failure of a send that is not the message's: the messenger cannot be reached."""

from __future__ import annotations


class DeliveryUnreachable(Exception):
    """Telegram did not answer (connection refused or reset, timeouts) through every attempt of a
    send. The alert stays in the outbox and is tried again: the outage is nobody's message."""
