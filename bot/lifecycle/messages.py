"""Alerts addressed to one chat: a copy of one alert, a group of alerts, or a digest.

They are ordinary alerts with the chat in fields["chat"], so the router sends them to that chat
alone; a group or digest keeps its alerts in fields["alerts"], and its texts, in the language of
the chat, come from rules.messages like any alert's."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

from rules.alert import Alert, Severity
from rules.base import PERSONAL_CHAT_FIELD
from rules.merged import symbols_of
from rules.messages import compose

_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "critical": 2}


def for_chat(alert: Alert, chat_id: int) -> Alert:
    return dataclasses.replace(alert, fields={**alert.fields, PERSONAL_CHAT_FIELD: chat_id})


def _key(kind: str, chat_id: int, alerts: list[Alert]) -> str:
    ids = "\x1f".join(sorted(alert.id for alert in alerts))
    return f"{kind}:{chat_id}:" + hashlib.sha1(ids.encode()).hexdigest()[:16]


def _symbol(alerts: list[Alert]) -> str | None:
    symbols: set[str | None] = set()
    for alert in alerts:
        symbols.update(symbols_of(alert) or [None])
    return symbols.pop() if len(symbols) == 1 else None


def distinct(alerts: list[Alert]) -> list[Alert]:
    """Each event once: an alert held twice, or the same news under another rule, is dropped."""
    seen: set[str] = set()
    kept = []
    for alert in alerts:
        marks = {alert.id, f"headline:{alert.headline}"}
        if not marks & seen:
            kept.append(alert)
        seen |= marks
    return kept


def group(alerts: list[Alert], chat_id: int, now: datetime) -> Alert:
    """One message for alerts that arrived within the group wait (or during quiet hours)."""
    alerts = distinct(alerts)
    if len(alerts) == 1:
        return for_chat(alerts[0], chat_id)
    ordered = sorted(alerts, key=lambda alert: (-_RANK[alert.severity], alert.time, alert.rule))
    return _with_texts(
        Alert(
            rule="grouped",
            type="group",
            severity=max((alert.severity for alert in ordered), key=_RANK.__getitem__),
            symbol=_symbol(ordered),
            headline="",
            time=now,
            dedup_key=_key("group", chat_id, ordered),
            fields={PERSONAL_CHAT_FIELD: chat_id, "alerts": [alert.to_dict() for alert in ordered]},
        )
    )


def digest(alerts: list[Alert], chat_id: int, now: datetime, zone: ZoneInfo) -> Alert:
    ordered = sorted(distinct(alerts), key=lambda alert: alert.time)
    return _with_texts(
        Alert(
            rule="digest",
            type="digest",
            severity="info",
            symbol=_symbol(ordered),
            headline="",
            time=now,
            dedup_key=_key("digest", chat_id, ordered),
            fields={
                PERSONAL_CHAT_FIELD: chat_id,
                "alerts": [alert.to_dict() for alert in ordered],
                "zone": zone.key,
            },
        )
    )


def _with_texts(alert: Alert) -> Alert:
    """The English texts, which the console and replay show and other languages fall back to."""
    alert.headline, alert.details = compose(alert, "en")
    return alert
