"""Which hub a feed advertises, and the topic URL to subscribe to there."""

from __future__ import annotations

import io
from dataclasses import dataclass

import feedparser


@dataclass(frozen=True, slots=True)
class HubLinks:
    hub: str
    topic: str  # the feed's rel="self" URL: what the hub knows it by


def hub_links(body: bytes) -> HubLinks | None:
    """The feed's `<link rel="hub">` and `rel="self"` (Atom, or atom:link in RSS); None when it
    lacks either or they are not http(s). Blocking: run it in an executor."""
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    links = parsed.get("feed", {}).get("links") or []
    found: dict[str, str] = {}
    for link in links:
        rel, href = str(link.get("rel", "")), str(link.get("href", "")).strip()
        if rel in ("hub", "self") and href.startswith(("http://", "https://")):
            found.setdefault(rel, href)
    if "hub" not in found or "self" not in found:
        return None
    return HubLinks(hub=found["hub"], topic=found["self"])
