"""The items a feed sent last time, remembered as bytes. A changed feed body is mostly the items
it had before and one or two new ones; the feed parser costs by the item, so only the new items
are parsed, between the body's own head and tail (its declaration, namespaces, channel), which
reads each of them exactly as the whole body would.

An item is recognised without parsing: an `<item>` or `<entry>` element (any prefix) from its
start tag to its end tag, CDATA sections and comments skipped. A body whose items do not follow
one another that plainly (nested, self-closing, unclosed, a document type declaring its own
entities, another encoding than ASCII's) is parsed whole, as is every body of a feed not
remembered yet (its first poll, a restart)."""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Collection
from dataclasses import dataclass

# Each alternative ends at its delimiter or the end of the body, so the scan is linear.
_ITEM_TAG = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|\Z)"
    rb"|<!--.*?(?:-->|\Z)"
    rb"|<(?P<end>/?)(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])",
    re.DOTALL,
)
_DECLARES_MARKUP = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ItemChunks:
    head: bytes
    items: tuple[bytes, ...]
    tail: bytes


def split_items(body: bytes) -> ItemChunks | None:
    """The body as head, items and tail; None when its items cannot be told apart safely."""
    bounds: list[int] = []
    for match in _ITEM_TAG.finditer(body):
        end = match.group("end")
        if end is None:
            continue  # CDATA or a comment
        closing = bool(end)
        if closing != (len(bounds) % 2 == 1):
            return None  # nested, or a start or end tag without its pair
        if closing:
            close = body.find(b">", match.end())
            if close < 0:
                return None
            bounds.append(close + 1)
        else:
            bounds.append(match.start())
    if not bounds or len(bounds) % 2:
        return None
    if _DECLARES_MARKUP.search(body, 0, bounds[0]):
        return None  # an entity of the head's document type may hold an item tag itself
    items = tuple(body[bounds[k] : bounds[k + 1]] for k in range(0, len(bounds), 2))
    return ItemChunks(body[: bounds[0]], items, body[bounds[-1] :])


def _digests(items: Collection[bytes]) -> array[int]:
    # Python's own hash of bytes: fast, and this memory lives and dies with the process.
    return array("q", sorted({hash(item) for item in items}))


def _known(digests: array[int], item: bytes) -> bool:
    digest = hash(item)
    at = bisect.bisect_left(digests, digest)
    return at < len(digests) and digests[at] == digest


@dataclass(frozen=True, slots=True)
class BodyToRead:
    """What of a fetched body to parse: `body` (None: nothing new in it), and what to remember
    once its items were taken."""

    body: bytes | None
    digests: array[int] | None


class KnownItems:
    """Per feed, the items of its last body whose items were all taken (sorted digests: eight
    bytes an item)."""

    def __init__(self) -> None:
        self._by_feed: dict[str, array[int]] = {}

    def to_read(self, feed: str, body: bytes) -> BodyToRead:
        chunks = split_items(body)
        if chunks is None:
            return BodyToRead(body, None)
        digests = _digests(chunks.items)
        known = self._by_feed.get(feed)
        if known is None:
            return BodyToRead(body, digests)
        new = [item for item in chunks.items if not _known(known, item)]
        if not new:
            return BodyToRead(None, digests)
        return BodyToRead(chunks.head + b"".join(new) + chunks.tail, digests)

    def remember(self, feed: str, digests: array[int] | None) -> None:
        """Once the items of a body were taken; None (a body not split) forgets the feed."""
        if digests is None:
            self._by_feed.pop(feed, None)
        else:
            self._by_feed[feed] = digests

    def forget(self, feeds: Collection[str]) -> None:
        for feed in feeds:
            self._by_feed.pop(feed, None)
