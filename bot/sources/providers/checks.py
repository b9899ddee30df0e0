"""Checks of provider options that the config makes of its own keys too."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator


def require_http(value: str) -> str:
    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


def require_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {value[:64]!r}; use an IANA name such as Europe/Warsaw"
        ) from None
    return value


def _without_trailing_slash(value: str) -> str:
    return value.rstrip("/")


# A provider's base URL, to which request paths are appended.
BaseUrl = Annotated[str, AfterValidator(require_http), AfterValidator(_without_trailing_slash)]
