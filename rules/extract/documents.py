"""Analyst actions of a document's sentences: the headline grammars and the clause reader
(`clauses`) each read a sentence; per broker the reading that says more is kept."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from ..events import AnalystAction, Consensus, Event
from .aliases import BROKER_TABLE
from .clauses import (
    TRIGGERS,
    at_group_clause,
    clause_events,
    goes_on,
    moves_rating,
    refers_to_broker,
    with_broker_group,
    with_brokers_by_origin,
    with_named_broker,
)
from .companies import COMPANY_TABLE
from .merge import filled
from .names import company_as_written, company_base
from .sentences import split_sentences
from .slots_de import BROKER_SPELLINGS, KnownNames
from .subject import names_shares_of_several

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
    if wanted == 1 and not TRIGGERS.find(lowered) and not moves_rating(chunk):
        return found
    if len({name for _, _, name in KnownNames(chunk).brokers()}) < wanted:
        return found
    read: list[AnalystAction] = []
    # the sentence each of those was read from
    told_in: dict[int, str] = {}
    # Actions of sentences that go on with the sentence before, its broker left out: they
    # only fill in what the broker's action there left open.
    going_on: list[AnalystAction] = []
    # Brokers the reader told apart in a sentence naming each of several once: its reading of
    # them wins, as a grammar reading the sentence whole may give one broker's figures to another.
    apart: set[str] = set()
    sentences = [
        part
        for sentence in split_sentences(_GLUED_RE.sub("\\1\n", chunk))
        for part in at_group_clause(sentence)
    ]
    # German reports go from company to company: where the document has no subject, the one
    # company the sentence before was about stands in for the one left out.
    previous: str | None = None  # the sentence before: its one company is read when needed
    # and the one company of the actions read in the sentence before, which a sentence going
    # on with those actions is about
    acted_on: str | None = None
    for index, sentence in enumerate(sentences):
        here = partial(_company_here, subject_of, previous, None) if lang == "de" else subject_of
        events = clause_events(sentence, lang, here)
        if lang == "en" and found:
            events += _more_brokers_on(sentence, found, events, subject_of)
        grouped = None
        if not events and index and not _brokers_in(sentence):
            # "Beide Häuser bleiben bei ihren Voten ...": every broker of the sentence before;
            # "Die Schweizer ..., die Amerikaner ...": each by where it is from
            listed = _last_broker_list(sentences[:index])
            grouped = with_broker_group(sentence, listed, lang)
            if grouped is None and lang == "de" and len(listed) > 1:
                grouped = with_brokers_by_origin(sentence, listed, lang)
        if grouped is not None:
            if lang == "de":
                here = partial(_company_here, subject_of, previous, acted_on)
            # what the brokers do: a recommendation in words alone ("Beide raten zum Kauf")
            # adds nothing to the actions before
            events = [
                event
                for event in clause_events(grouped, lang, here)
                if event.rating_action != "none" or event.target_action != "none"
            ]
        elif not events and index and not _brokers_in(sentence):
            anaphor = refers_to_broker(sentence, lang)
            wanted_before = anaphor or goes_on(sentence, lang)
            before = _last_brokers(sentences[:index]) if wanted_before else set()
            if len(before) == 1:
                broker = before.pop()
                if lang == "de":
                    here = partial(_company_here, subject_of, previous, acted_on)
                else:
                    # "The firm also cut its price target ...": the company that broker acted
                    # on before, where the document names no subject
                    acted = _sole_company_of(
                        [e for e in found + read if e.broker.startswith(broker)]
                    )
                    here = partial(_subject_or, subject_of, acted)
                named = with_named_broker(sentence, broker, lang) if anaphor else None
                events = clause_events(named, lang, here) if named else []
                if not events and goes_on(sentence, lang):
                    going_on.extend(clause_events(f"{broker}: {sentence}", lang, here))
        if lang == "de":
            previous, acted_on = sentence, _sole_company_of(events)
        if len(events) > 1:
            mentions = [name for _, _, name in KnownNames(sentence).brokers()]
            if len(mentions) == len(set(mentions)):
                apart.update(event.broker for event in events)
        if lang == "en":
            for event in events:
                event.company = _company_as_written(event.company, sentence)
        read.extend(events)
        told_in.update((id(event), sentence) for event in events)
    if not read and not going_on:
        return found
    subject = subject_of()
    kept = list(found)
    for event in read:
        same = [old for old in kept if old.broker == event.broker]
        sentence = told_in.get(id(event), "")
        # German readings complete each other; an English one only where it was read from a
        # sentence naming its broker by a noun ("The brokerage cut its price target ..."), or
        # the reading it meets was read from another sentence ("Citi downgraded ... . Citi also
        # lowered ..."), as a grammar reading a sentence of several brokers whole may mix
        # their figures
        fills = (
            lang == "de"
            or event.broker not in sentence
            or any(told_in.get(id(old), sentence) != sentence for old in same)
        )
        if same and all(
            _other_company(old, event, sentence)
            # one reading of one sentence dealing figures to several companies
            or (told_in.get(id(old)) == sentence and old.company != event.company)
            for old in same
        ):
            # "Goldman hob das Ziel für BMW ... . Für Porsche senkte die Bank ...": a sentence
            # about another company holds another action of the same broker
            kept.append(event)
            continue
        if not same:
            alias = [o for o in kept if o.company == event.company and _one_broker(o, event)]
            if not alias:
                kept.append(event)
            elif lang == "de" and len(alias) == 1:
                # one broker named short and in full: the later reading fills in the earlier,
                # and the name stays as the text writes it in full ("Berenberg Bank")
                merged = filled(alias[0], event)
                if event.broker.startswith(alias[0].broker + " "):
                    merged.broker = event.broker
                kept[kept.index(alias[0])] = merged
            elif len(alias) == 1 and event.broker not in sentence:
                # "The firm also cut its target": the broker named short for the anaphor, in
                # full by the grammar ("Telsey Advisory Group") fills in that action
                kept[kept.index(alias[0])] = filled(alias[0], event)
            continue
        if all(
            _weight(event, subject) > _weight(old, subject)
            or (event.broker in apart and old.company == event.company)
            for old in same
        ):
            if len(same) == 1 and same[0].company == event.company and fills:
                event = filled(event, same[0])  # what the lighter reading held stays
            elif len(same) == 1 and lang == "en" and _written_longer(event, same[0], sentence):
                # the reader found the known short name inside the one the grammar read in
                # full ("Amazon" in "Amazon.com", "Ford" in "Ford Motor"): the text's stays
                event.company = same[0].company
            kept = [old for old in kept if old not in same] + [event]
        elif len(same) == 1 and same[0].company == event.company and fills:
            # the lighter reading may still hold what the other left open
            kept[kept.index(same[0])] = filled(same[0], event)
    with_subject_names(kept, subject)
    _full_broker_names(kept)
    for event in going_on:
        for at, old in enumerate(kept):
            if (old.broker, old.company) == (event.broker, event.company):
                kept[at] = filled(old, event)
                break
    return kept


def names_more_actors(chunk: str, lowered: str, found: list[AnalystAction]) -> bool:
    """Whether a German headline names several brokers and more than the grammars read actions
    of ("Lanxess: Jefferies und Citigroup senken Ziele auf 22 beziehungsweise 24 Euro",
    "JPMorgan senkt Ziel für Zalando auf 27 Euro, Goldman auf 29 Euro"), or, where they read
    none, deals figures out to several ("hebt Ziele für RWE und Eon auf 40 bzw. 15 Euro"): then
    the clause reader reads it too. Counted cheaply first, as most headlines name one broker;
    the caller has seen a comma or a word joining a second name to the first."""
    if not found and (" bzw" in chunk or "beziehungsweise" in chunk):
        return True
    if _broker_places(chunk, lowered) < max(2, len(found) + 1):
        return False
    # a bank the grammars read as the company acted on is no broker here
    covered = [event.company for event in found]
    named = {
        name
        for _, _, name in KnownNames(chunk).brokers()
        if not any(name in company for company in covered)
    }
    return len(named) >= 2 and len(named) > len({event.broker for event in found})


def _other_company(old: AnalystAction, new: AnalystAction, sentence: str) -> bool:
    """Whether `new` was read from a sentence that names its own company and not `old`'s."""
    return old.company != new.company and new.company in sentence and old.company not in sentence


def _company_as_written(company: str, sentence: str) -> str:
    at = sentence.find(company)
    return company if at < 0 else company_as_written(sentence, at + len(company), company)


def _written_longer(short: AnalystAction, full: AnalystAction, sentence: str) -> bool:
    """Whether `full`'s company is `short`'s as the sentence writes it, with more of the name
    after it ("Amazon.com", "Ford Motor")."""
    name, longer = short.company, full.company
    return (
        len(longer) > len(name)
        and longer.startswith(name)
        and not longer[len(name)].isalnum()
        and longer in sentence
    )


def _one_broker(old: AnalystAction, new: AnalystAction) -> bool:
    """Whether two readings name one broker, one the other's start ("Wells Fargo & Co" and
    "Wells Fargo")."""
    return (
        old.broker in new.broker
        or new.broker.startswith(old.broker)
        or old.broker.startswith(new.broker)
    )


def with_subject_names(events: Sequence[Event], subject: str | None) -> None:
    """Each analyst event's company written as the subject in full where it is the subject's
    first words ("Uber" for "Uber Technologies")."""
    if subject is None:
        return
    for event in events:
        if (
            isinstance(event, AnalystAction)
            and event.company != subject
            and _starts(event.company, subject)
        ):
            event.company = subject


def _more_brokers_on(
    sentence: str,
    found: list[AnalystAction],
    events: list[AnalystAction],
    subject_of: Callable[[], str | None],
) -> list[AnalystAction]:
    """English: actions of brokers neither the grammars nor the clause reader read, on the one
    company the grammars read, where the document has no subject of its own ("HSBC cut
    Hershey to reduce, and Barclays lowered its target on the chocolate maker to $165")."""
    company = _sole_company_of(found)
    if company is None or subject_of() is not None:
        return []
    read = {event.broker for event in (*found, *events)}

    def unread(broker: str) -> bool:
        # "JMP" inside "Citizens JMP": a name the grammars read in full
        return not any(broker in name or name in broker for name in read)

    if not any(map(unread, _brokers_in(sentence))):
        return []
    return [
        event for event in clause_events(sentence, "en", lambda: company) if unread(event.broker)
    ]


def _company_here(
    subject_of: Callable[[], str | None], previous: str | None, acted_on: str | None
) -> str | None:
    """The company a German sentence that names none is about: the document's subject, or
    where the document has none, the one company of the actions of the sentence before
    (`acted_on`) or else the one company that sentence names."""
    subject = subject_of()
    if subject is not None or acted_on is not None:
        return subject or acted_on
    return _sole_company(previous) if previous is not None else None


def _subject_or(subject_of: Callable[[], str | None], company: str | None) -> str | None:
    return subject_of() or company


def _sole_company_of(events: list[AnalystAction]) -> str | None:
    companies = {event.company for event in events}
    return companies.pop() if len(companies) == 1 else None


def _sole_company(sentence: str) -> str | None:
    """The one company a sentence names, when it names one and no broker."""
    known = KnownNames(sentence)
    if known.brokers():
        return None
    names = {name for _, _, raw in known.companies() if (name := company_base(raw, "de"))}
    return names.pop() if len(names) == 1 else None


def _full_broker_names(events: list[AnalystAction]) -> None:
    """A broker named short ("Goldman-Analystin ...") as the document names it in full
    elsewhere ("Goldman Sachs"), where exactly one full name fits."""
    names = {event.broker for event in events}
    for event in events:
        longer = [name for name in names if _starts(event.broker, name)]
        if len(longer) == 1:
            event.broker = longer[0]


def _brokers_in(sentence: str) -> set[str]:
    return {name for _, _, name in KnownNames(sentence).brokers()}


def _last_broker_list(sentences: list[str]) -> list[str]:
    """The brokers of the last of the sentences that names any, in the order it names them."""
    for sentence in reversed(sentences):
        if mentions := KnownNames(sentence).brokers():
            return list(dict.fromkeys(name for _, _, name in sorted(mentions)))
    return []


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


def merged_consensus(
    events: list[Event], subject_of: Callable[[], str | None], text: str = ""
) -> list[Event]:
    """A document's consensus figures, told over several sentences, as one event; the
    document's subject stands in where none names a company. In a `text` naming several
    companies, figures that neither name nor the subject tie to one are left out."""
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
    if first.company is None and (names_shares_of_several(text) or len(_companies_named(text)) > 1):
        # figures named for no company, in a document about several: whose they are is unclear
        return [event for event in events if not isinstance(event, Consensus)]
    return [event for event in events if not isinstance(event, Consensus) or event is first]


def _companies_named(text: str) -> set[str]:
    """The companies the tables know that a text names, brokers left out."""
    return {
        name
        for _, _, raw in COMPANY_TABLE.find(text)
        if raw not in BROKER_TABLE
        for name in (company_base(raw, "de"),)
        if name
    }


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
