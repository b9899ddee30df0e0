"""Wall-clock times of a chat: quiet hours and digest times, in the chat's time zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(text: str) -> time:
    match = _HHMM.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 07:30")
    return time(int(match.group(1)), int(match.group(2)))


def parse_quiet(text: str) -> tuple[time, time]:
    start, separator, end = text.partition("-")
    if not separator:
        raise ValueError(f"{text!r} is not a period; write it as HH:MM-HH:MM, e.g. 22:00-07:00")
    first, last = parse_hhmm(start), parse_hhmm(end)
    if first == last:
        raise ValueError("the quiet period must not start and end at the same time")
    return first, last


def parse_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use a name such as Europe/Berlin") from None


def _at(day: datetime, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day.date(), moment, tzinfo=zone).astimezone(UTC)


def quiet_until(now: datetime, period: str, zone: ZoneInfo) -> datetime | None:
    """The end of the quiet period `now` falls in, or None when it is not quiet."""
    start, end = parse_quiet(period)
    local = now.astimezone(zone)
    moment = local.time()
    if start < end:
        return _at(local, end, zone) if start <= moment < end else None
    if moment >= start:  # the period runs past midnight
        return _at(local + timedelta(days=1), end, zone)
    if moment < end:
        return _at(local, end, zone)
    return None


def next_time_of_day(now: datetime, hhmm: str, zone: ZoneInfo) -> datetime:
    """The next moment after `now` at which the chat's clock shows `hhmm`."""
    local = now.astimezone(zone)
    candidate = _at(local, parse_hhmm(hhmm), zone)
    if candidate <= now:
        candidate = _at(local + timedelta(days=1), parse_hhmm(hhmm), zone)
    return candidate
