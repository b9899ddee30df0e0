"""Alerts addressed to one chat: a copy of one alert, a group of alerts, or a digest.

They are ordinary alerts with the chat in fields["chat"], so the router sends them to that chat
alone and the renderer needs nothing new."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.delivery.router import PERSONAL_CHAT_FIELD
from rules.alert import Alert, Severity

LINES_MAX = 8  # the renderer shows this many detail lines
_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "critical": 2}


def for_chat(alert: Alert, chat_id: int) -> Alert:
    return dataclasses.replace(alert, fields={**alert.fields, PERSONAL_CHAT_FIELD: chat_id})


def _line(alert: Alert) -> str:
    where = f"{alert.symbol} · " if alert.symbol else ""
    return f"{where}{alert.rule}: {alert.headline}"


def _lines(lines: list[str]) -> list[str]:
    if len(lines) <= LINES_MAX:
        return lines
    return [*lines[: LINES_MAX - 1], f"… and {len(lines) - LINES_MAX + 1} more"]


def _key(kind: str, chat_id: int, alerts: list[Alert]) -> str:
    ids = "\x1f".join(sorted(alert.id for alert in alerts))
    return f"{kind}:{chat_id}:" + hashlib.sha1(ids.encode()).hexdigest()[:16]


def _symbol(alerts: list[Alert]) -> str | None:
    symbols = {alert.symbol for alert in alerts}
    return symbols.pop() if len(symbols) == 1 else None


def group(alerts: list[Alert], chat_id: int, now: datetime) -> Alert:
    """One message for alerts that arrived within the group wait (or during quiet hours)."""
    if len(alerts) == 1:
        return for_chat(alerts[0], chat_id)
    ordered = sorted(alerts, key=lambda alert: (-_RANK[alert.severity], alert.time, alert.rule))
    symbols = sorted({alert.symbol for alert in ordered if alert.symbol})
    about = f" for {', '.join(symbols)}" if symbols else ""
    return Alert(
        rule="grouped",
        type="group",
        severity=max((alert.severity for alert in ordered), key=_RANK.__getitem__),
        symbol=_symbol(ordered),
        headline=f"{len(ordered)} alerts{about}",
        time=now,
        dedup_key=_key("group", chat_id, ordered),
        details=_lines([_line(alert) for alert in ordered]),
        fields={PERSONAL_CHAT_FIELD: chat_id, "alerts": [alert.to_dict() for alert in ordered]},
    )


def digest(alerts: list[Alert], chat_id: int, now: datetime, zone: ZoneInfo) -> Alert:
    ordered = sorted(alerts, key=lambda alert: alert.time)
    lines = [f"{alert.time.astimezone(zone):%H:%M} {_line(alert)}" for alert in ordered]
    plural = "s" if len(ordered) != 1 else ""
    return Alert(
        rule="digest",
        type="digest",
        severity="info",
        symbol=_symbol(ordered),
        headline=f"Your digest: {len(ordered)} alert{plural} since the last one",
        time=now,
        dedup_key=_key("digest", chat_id, ordered),
        details=_lines(lines),
        fields={PERSONAL_CHAT_FIELD: chat_id, "alerts": [alert.to_dict() for alert in ordered]},
    )
