"""Analyst actions of a document's sentences: the headline grammars and the clause reader
(`clauses`) each read a sentence; per broker the reading that says more is kept."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..events import AnalystAction, Consensus, Event
from .clauses import TRIGGERS, clause_events, refers_to_broker, with_named_broker
from .companies import COMPANY_TABLE
from .sentences import split_sentences
from .slots_de import BROKER_SPELLINGS, KnownNames

# Scraped text glues sentences together: 'mit "Outperform".Im Nebenwerte-Index ...'.
_GLUED_RE = re.compile(r"([a-zäöü\d%][.!?][\"”]?|[\"”][.!?])(?=[A-ZÄÖÜ][a-zäöü])")


def with_clauses(
    chunk: str,
    lowered: str,
    lang: str,
    found: list[AnalystAction],
    subject_of: Callable[[], str | None],
) -> list[AnalystAction]:
    """`found` (the grammars' events for `chunk`, `lowered` its lower-cased text) with the
    clause reader's added or preferred.

    The reader runs only where it can add to the grammars: where they read every event in full
    (a company the tables know, a rating and a target), only a second broker can; otherwise a
    chunk needs a broker and one of the reader's trigger words."""
    wanted = 2 if found and all(map(_complete, found)) else 1
    if _broker_places(chunk, lowered) < wanted:
        return found
    if wanted == 1 and not TRIGGERS.find(lowered):
        return found
    if len({name for _, _, name in KnownNames(chunk).brokers()}) < wanted:
        return found
    read: list[AnalystAction] = []
    # Brokers the reader told apart in a sentence naming each of several once: its reading of
    # them wins, as a grammar reading the sentence whole may give one broker's figures to another.
    apart: set[str] = set()
    sentences = split_sentences(_GLUED_RE.sub("\\1\n", chunk))
    for index, sentence in enumerate(sentences):
        events = clause_events(sentence, lang, subject_of)
        if not events and index and refers_to_broker(sentence) and not _brokers_in(sentence):
            before = _last_brokers(sentences[:index])
            if len(before) == 1:
                named = with_named_broker(sentence, before.pop())
                events = clause_events(named, lang, subject_of) if named else []
        if len(events) > 1:
            mentions = [name for _, _, name in KnownNames(sentence).brokers()]
            if len(mentions) == len(set(mentions)):
                apart.update(event.broker for event in events)
        read.extend(events)
    if not read:
        return found
    subject = subject_of()
    kept = list(found)
    for event in read:
        same = [old for old in kept if old.broker == event.broker]
        if not same:
            if not any(old.company == event.company and _one_broker(old, event) for old in kept):
                kept.append(event)
            continue
        if all(
            _weight(event, subject) > _weight(old, subject)
            or (event.broker in apart and old.company == event.company)
            for old in same
        ):
            kept = [old for old in kept if old not in same] + [event]
    if subject is not None:
        for event in kept:
            if event.company != subject and _starts(event.company, subject):
                event.company = subject  # the subject as the document writes it in full
    return kept


def _one_broker(old: AnalystAction, new: AnalystAction) -> bool:
    """Whether two readings name one broker, one the other's start ("Wells Fargo & Co" and
    "Wells Fargo")."""
    return (
        old.broker in new.broker
        or new.broker.startswith(old.broker)
        or old.broker.startswith(new.broker)
    )


def _brokers_in(sentence: str) -> set[str]:
    return {name for _, _, name in KnownNames(sentence).brokers()}


def _last_brokers(sentences: list[str]) -> set[str]:
    """The brokers of the last of the sentences that names any."""
    for sentence in reversed(sentences):
        if named := _brokers_in(sentence):
            return named
    return set()


def _starts(short: str, full: str) -> bool:
    """Whether a name is the first words of a longer one ("Uber", "Uber Technologies")."""
    words, longer = short.casefold().split(), full.casefold().split()
    return len(words) < len(longer) and longer[: len(words)] == words


def _broker_places(chunk: str, lowered: str) -> int:
    """How many places a broker's name may start at: where a broker's spelling stands at the
    start of a word or at a capital glued to a lower-case word, as names are read
    (`KnownNames`). Far cheaper than reading the names, and never fewer than they are."""
    starts = {start for _, start, _ in BROKER_SPELLINGS.find(lowered)}
    if len(lowered) != len(chunk):
        return len(starts)
    return sum(
        not start
        or not chunk[start - 1].isalnum()
        or (chunk[start - 1].islower() and chunk[start].isupper())
        for start in starts
    )


def _known_head(company: str) -> bool:
    """Whether a name's first words are a company the tables know ("Toyota Motor"): the
    name as written in full is as good a reading as the known short form."""
    return any(start == 0 and end < len(company) for start, end, _ in COMPANY_TABLE.find(company))


def _complete(event: AnalystAction) -> bool:
    return event.company in COMPANY_TABLE and event.rating is not None and event.target is not None


def _weight(event: AnalystAction, subject: str | None) -> int:
    named = event.company in COMPANY_TABLE or event.company == subject or _known_head(event.company)
    filled = sum(value is not None for value in (event.rating, event.target, event.prior_target))
    acts = (event.rating_action != "none") + (event.target_action != "none")
    return 10 * named + 2 * acts + filled


def merged_consensus(events: list[Event], subject_of: Callable[[], str | None]) -> list[Event]:
    """A document's consensus figures, told over several sentences, as one event; the
    document's subject stands in where none names a company."""
    found = [event for event in events if isinstance(event, Consensus)]
    if not found or (len(found) == 1 and found[0].company is not None):
        return events
    first = found[0]
    for other in found[1:]:
        if not _same_company(first.company, other.company):
            return events  # figures for different companies stay apart
        for name in _CONSENSUS_FIGURES:
            if getattr(first, name) is None:
                setattr(first, name, getattr(other, name))
        first.company = first.company or other.company
    if first.company is None:
        first.company = subject_of()
    return [event for event in events if not isinstance(event, Consensus) or event is first]


_CONSENSUS_FIGURES = (
    "mean_target",
    "median_target",
    "buy",
    "hold",
    "sell",
    "currency",
    "rating",
    "analysts",
)


def _same_company(one: str | None, other: str | None) -> bool:
    """Whether two sentences' companies can be one: either left it out, or one name starts the
    other ("Meta" and "Meta Platforms")."""
    if one is None or other is None:
        return True
    shorter, longer = sorted((one.casefold().split(), other.casefold().split()), key=len)
    return longer[: len(shorter)] == shorter
