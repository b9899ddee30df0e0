"""Alerts made of alerts: every rule that matched one news item, and every watched symbol it
names, in one alert, so a chat gets one message about one piece of news.

A merged alert is its leading member (the most severe, the first of equals) with every member
kept in fields["members"]; the router narrows it to what each chat asked for, and `merge`
rebuilds it from the members that chat keeps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from rules.alert import Alert, Severity

MEMBERS_FIELD = "members"
RULES_FIELD = "rules"
SYMBOLS_FIELD = "symbols"
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "critical": 2}


def symbols_of(alert: Alert) -> list[str]:
    """The watched symbols an alert is about (a partnership or keyword item may name several)."""
    listed = alert.fields.get(SYMBOLS_FIELD)
    if isinstance(listed, list) and listed:
        return [str(symbol) for symbol in listed]
    return [alert.symbol] if alert.symbol else []


def members_of(alert: Alert) -> list[Alert]:
    """The single-rule alerts a merged alert was made of; an alert of one rule is its own."""
    members = alert.fields.get(MEMBERS_FIELD)
    if not isinstance(members, list):
        return [alert]
    return [Alert.from_dict(member) for member in members]


def rules_of(alert: Alert) -> list[str]:
    """The rules an alert speaks for: its own, or those `merge` recorded for its members."""
    names = alert.fields.get(RULES_FIELD)
    return [str(name) for name in names] if isinstance(names, list) and names else [alert.rule]


def merge(alerts: list[Alert]) -> Alert:
    """One alert for alerts about the same item; a single alert comes back unchanged."""
    members = [member for alert in alerts for member in members_of(alert)]
    members = list({member.id: member for member in members}.values())
    if len(members) == 1:
        return members[0]
    # The most severe first (the first of equals): it leads, and its rule is named first.
    members.sort(key=lambda member: -SEVERITY_RANK[member.severity])
    lead = members[0]
    symbols = list(dict.fromkeys(s for member in members for s in symbols_of(member)))
    fields: dict[str, Any] = {
        **lead.fields,
        SYMBOLS_FIELD: symbols,
        RULES_FIELD: list(dict.fromkeys(member.rule for member in members)),
        MEMBERS_FIELD: [member.to_dict() for member in members],
    }
    others = distinct_others(lead, members)
    return dataclasses.replace(
        lead,
        symbol=lead.symbol or (symbols[0] if symbols else None),
        details=[*lead.details, *(other.headline for other in others)],
        fields=fields,
    )


def narrowed(alert: Alert, keep: Callable[[Alert], list[str] | None]) -> Alert | None:
    """`alert` with only the members `keep` keeps, each about the symbols `keep` returns for it
    (None drops the member); None when no member is left, `alert` itself when nothing changed."""
    kept: list[Alert] = []
    changed = False
    for member in members_of(alert):
        symbols = keep(member)
        if symbols is None:
            changed = True
            continue
        if symbols != symbols_of(member):
            changed = True
            member = dataclasses.replace(
                member,
                symbol=symbols[0] if symbols else None,
                fields={**member.fields, SYMBOLS_FIELD: symbols},
            )
        kept.append(member)
    if not changed:
        return alert
    return merge(kept) if kept else None


def distinct_others(lead: Alert, members: list[Alert]) -> list[Alert]:
    """Members that say something the lead does not (another event of the same item)."""
    said = {lead.headline}
    others = []
    for member in members:
        if member.headline not in said:
            said.add(member.headline)
            others.append(member)
    return others
