"""Market events from English and German news text.

`extract(text, lang)` runs every grammar over the text, line by line (sentence by sentence for
long lines), and returns the events in that order with partnerships last. It is deterministic,
keeps no state between calls, never raises on odd input and runs in bounded time: only the first
200,000 characters are read and sentences longer than 1,000 characters are skipped. Without a
language, each line is classified on its own, so a feed mixing English and German still works.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable

from ..events import Event, Partnership
from .analyst import analyst_events
from .consensus import consensus_events
from .lang import detect_language
from .moves import move_events

__all__ = ["detect_language", "extract"]

log = logging.getLogger(__name__)

MAX_TEXT = 200_000
MAX_SENTENCE = 1_000

_TAG_RE = re.compile(r"<[^<>]{0,500}>")
_LINE_RE = re.compile(r"[^\n]+")

PartnershipFinder = Callable[[str, str], list[Partnership]]


def extract(text: str, lang: str | None = None) -> list[Event]:
    """All events in `text`; `lang` is 'en' or 'de', or None to detect it."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = _plain(text[:MAX_TEXT])
    given = lang if lang in ("en", "de") else None
    language = given or detect_language(text)
    events: list[Event] = []
    for chunk in _chunks(text):
        chunk_language = given or detect_language(chunk, default=language)
        events.extend(analyst_events(chunk, chunk_language))
        events.extend(move_events(chunk, chunk_language))
        events.extend(consensus_events(chunk, chunk_language))
    finder = _partnership_finder()
    if finder is not None:
        try:
            events.extend(finder(text, language))
        except Exception:  # a faulty grammar must not take the feed down
            log.exception("partnership extraction failed")
    return events


def _plain(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")


def _chunks(text: str) -> list[str]:
    """Headlines whole; longer texts line by line, each line with its sentences."""
    if len(text) <= MAX_SENTENCE and "\n" not in text.strip():
        return [text.strip()]
    chunks: list[str] = []
    for line in _LINE_RE.findall(text):
        line = line.strip()
        if not line:
            continue
        if len(line) <= MAX_SENTENCE:
            chunks.append(line)
            continue
        for sentence in _split_sentences(line):
            if 0 < len(sentence) <= MAX_SENTENCE:
                chunks.append(sentence)
    return chunks


def _split_sentences(line: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"'])", line)
    return [part.strip() for part in parts]


def _partnership_finder() -> PartnershipFinder | None:
    try:
        from .partnership import find_partnerships
    except ImportError:
        return None
    return find_partnerships
