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

from ..events import Event
from .analyst import analyst_events
from .consensus import consensus_events
from .cues import (
    ANALYST_DE_CUE,
    ANALYST_EN_CUE,
    CONSENSUS_CUE,
    MOVE_CUE,
    PARTNERSHIP_CUE,
    RANGE_CUE,
    cue_families,
)
from .lang import SAMPLE, Votes, added, decide, detect_language, votes
from .merge import merge_analyst_events
from .moves import move_events
from .partnership import find_partnerships

__all__ = ["detect_language", "extract"]

log = logging.getLogger(__name__)

MAX_TEXT = 200_000
MAX_SENTENCE = 1_000

_CHUNK_CUES = frozenset((ANALYST_DE_CUE, ANALYST_EN_CUE, MOVE_CUE, RANGE_CUE, CONSENSUS_CUE))
_TAG_RE = re.compile(r"<[^<>]{0,500}>")
_LINE_RE = re.compile(r"[^\n]+")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"'])")


def extract(text: str, lang: str | None = None) -> list[Event]:
    """All events in `text`; `lang` is 'en' or 'de', or None to detect it."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = _plain(text[:MAX_TEXT])
    chunks, whole = _chunks(text)
    chunk_cues = [cue_families(chunk.lower()) for chunk in chunks]
    # Cue words never span lines or sentences, so the chunks' cues are the text's unless a
    # sentence was too long to keep.
    text_cues = frozenset().union(*chunk_cues) if whole else cue_families(text.lower())
    if not text_cues:
        return []  # most news: no grammar could match, so even the language is not needed
    given = lang if lang in ("en", "de") else None
    chunk_votes: list[Votes] = []
    if given is None and whole and len(text) <= SAMPLE:
        # the chunks hold every word of a short text: count each once, add up for the whole
        chunk_votes = [votes(chunk) for chunk in chunks]
        language = decide(added(chunk_votes))
    else:
        language = given or detect_language(text)
    events: list[Event] = []
    for index, (chunk, cues) in enumerate(zip(chunks, chunk_cues, strict=True)):
        if cues.isdisjoint(_CHUNK_CUES):
            continue
        chunk_language = language
        if chunk_votes:
            chunk_language = decide(chunk_votes[index], default=language)
        elif given is None and chunk != text:
            chunk_language = detect_language(chunk, default=language)
        events.extend(analyst_events(chunk, chunk_language, cues))
        events.extend(move_events(chunk, chunk_language, cues))
        events.extend(consensus_events(chunk, chunk_language, cues))
    events = merge_analyst_events(events)
    if PARTNERSHIP_CUE[language] in text_cues:
        try:
            events.extend(find_partnerships(text, language, text_cues))
        except Exception:  # a faulty grammar must not take the feed down
            log.exception("partnership extraction failed")
    return events


def _plain(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")


def _chunks(text: str) -> tuple[list[str], bool]:
    """Headlines whole; longer texts line by line, each line with its sentences. The flag is
    False when a sentence longer than MAX_SENTENCE was left out."""
    if len(text) <= MAX_SENTENCE and "\n" not in text.strip():
        return [text.strip()], True
    whole = True
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
            elif sentence:
                whole = False
    return chunks, whole


def _split_sentences(line: str) -> list[str]:
    parts = _SENTENCE_SPLIT_RE.split(line)
    return [part.strip() for part in parts]
