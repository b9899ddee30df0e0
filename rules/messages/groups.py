"""Texts for alerts made of other alerts: combos, grouped messages and digests.

A grouped message or digest carries its alerts in fields["alerts"]; each line is that alert's
own headline in the same language. A digest's times are in fields["zone"], the chat's zone."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from rules.alert import Alert
from rules.language import span
from rules.merged import symbols_of
from rules.messages.catalogue import Message, Texts, composer, localise, rule_name, say

LINES_MAX = 8  # the renderer shows this many detail lines

_COMBO: Texts = {
    "en": "{symbol}: {names} within {span}",
    "de": "{symbol}: {names} innerhalb von {span}",
}
_GROUP: dict[str, Texts] = {
    "headline": {"en": "{count} alerts{about}", "de": "{count} Alarme{about}"},
    "about": {"en": " for {symbols}", "de": " für {symbols}"},
    "more": {"en": "… and {count} more", "de": "… und {count} weitere"},
}
_DIGEST: dict[str, Texts] = {
    "one": {
        "en": "Your digest: 1 alert since the last one",
        "de": "Deine Übersicht: 1 Alarm seit der letzten",
    },
    "many": {
        "en": "Your digest: {count} alerts since the last one",
        "de": "Deine Übersicht: {count} Alarme seit der letzten",
    },
}


@composer("combo")
def combo(alert: Alert, lang: str) -> Message:
    names = ", ".join(alert.fields["components"])
    within = span(timedelta(seconds=float(alert.fields["within_s"])), lang)
    return Message(say(_COMBO, lang, symbol=alert.symbol, names=names, span=within), [])


def grouped(alert: Alert) -> list[Alert]:
    return [Alert.from_dict(member) for member in alert.fields["alerts"]]


def _line(member: Alert, lang: str) -> str:
    symbols = ", ".join(symbols_of(member))
    where = f"{symbols} · " if symbols else ""
    return f"{where}{rule_name(member, lang)}: {localise(member, lang).headline}"


def _at_most(lines: list[str], lang: str) -> list[str]:
    if len(lines) <= LINES_MAX:
        return lines
    more = say(_GROUP["more"], lang, count=len(lines) - LINES_MAX + 1)
    return [*lines[: LINES_MAX - 1], more]


@composer("group")
def group(alert: Alert, lang: str) -> Message:
    members = grouped(alert)
    symbols = sorted({symbol for member in members for symbol in symbols_of(member)})
    about = say(_GROUP["about"], lang, symbols=", ".join(symbols)) if symbols else ""
    headline = say(_GROUP["headline"], lang, count=len(members), about=about)
    return Message(headline, _at_most([_line(member, lang) for member in members], lang))


@composer("digest")
def digest(alert: Alert, lang: str) -> Message:
    members = grouped(alert)
    zone = ZoneInfo(str(alert.fields["zone"]))
    lines = [f"{member.time.astimezone(zone):%H:%M} {_line(member, lang)}" for member in members]
    headline = say(_DIGEST["one" if len(members) == 1 else "many"], lang, count=len(members))
    return Message(headline, _at_most(lines, lang))
