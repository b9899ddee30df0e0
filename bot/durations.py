"""Durations written the way people write them in config and commands: 30s, 2m, 1h, 1d.

The grammar is deliberately small: one number and a unit (`90m`, `1.5h`), or two such parts with
the larger unit first (`1h30m`). Anything longer is more likely a typo or an attack than intent,
and every duration is bounded, so no caller ever meets an OverflowError.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# Digits are bounded here so a 10,000-digit number costs nothing to refuse.
_PART = r"(\d{1,30}(?:\.\d{1,9})?)([smhdw])"
_DURATION = re.compile(rf"{_PART}(?:{_PART})?")
MAX_DURATION = timedelta(days=3650)
MAX_PARTS = 2
_SHOWN_MAX = 40
_EXAMPLE = "write it like 30s, 2m, 1h or 1d"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_MAX else f"{text[: _SHOWN_MAX - 4]}...'"


def _bounded(seconds: float, value: object) -> timedelta:
    if math.isnan(seconds) or (math.isinf(seconds) and not isinstance(value, int)):
        raise ValueError(f"{_shown(value)} is not a finite duration; {_EXAMPLE}")
    if seconds < 0:
        raise ValueError(f"{_shown(value)} is negative; a duration is 0s or more")
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(
            f"{_shown(value)} is too long a duration; at most {format_duration(MAX_DURATION)}"
        )
    return timedelta(seconds=seconds)


def parse_duration(value: object) -> timedelta:
    """Parse '90s', '2m', '1h30m', '1d' (or a number of seconds) into a timedelta; ValueError
    for anything else, including more than two parts and more than MAX_DURATION."""
    if isinstance(value, timedelta):
        return _bounded(value.total_seconds(), value)
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30s, 2m, 1h or 1d")
    if isinstance(value, int | float):
        # Ints too large for a float are refused as too long, not converted.
        too_large = isinstance(value, int) and abs(value) > MAX_DURATION.total_seconds()
        seconds = (math.inf if value > 0 else -math.inf) if too_large else float(value)
        return _bounded(seconds, value)
    if not isinstance(value, str):
        raise ValueError(f"expected a duration such as 30s, 2m, 1h or 1d, got {_shown(value)}")
    text = value.strip().lower().replace(" ", "")
    if not text:
        raise ValueError("expected a duration such as 30s, 2m, 1h or 1d, got an empty value")
    match = _DURATION.fullmatch(text)
    if match is None:
        if len(re.findall(r"[smhdw]", text)) > MAX_PARTS:
            raise ValueError(
                f"{_shown(value)} is not a duration; at most {MAX_PARTS} parts, "
                "the larger unit first, e.g. 1h30m"
            )
        raise ValueError(f"{_shown(value)} is not a duration; {_EXAMPLE}")
    first_number, first_unit, second_number, second_unit = match.groups()
    seconds = float(first_number) * _UNITS[first_unit]
    if second_unit is not None:
        if _UNITS[second_unit] >= _UNITS[first_unit]:
            raise ValueError(
                f"{_shown(value)} is not a duration; write the larger unit first, e.g. 1h30m"
            )
        seconds += float(second_number) * _UNITS[second_unit]
    return _bounded(seconds, value)


def format_duration(delta: timedelta) -> str:
    """The shortest exact spelling: 90 s -> '1m30s', 86400 s -> '1d'."""
    remaining = int(delta.total_seconds())
    if remaining <= 0:
        return "0s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
