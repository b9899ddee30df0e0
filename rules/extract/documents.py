"""Analyst actions of a document's sentences: the headline grammars and the clause reader
(`clauses`) each read a sentence; per broker the reading that says more is kept."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from functools import partial

from ..events import AnalystAction, Consensus, Event
from .aliases import BROKER_TABLE, same_house
from .clauses import (
    PAST_OPENING_RE,
    TRIGGERS,
    at_group_clause,
    clause_events,
    goes_on,
    moves_rating,
    moves_unnamed_target,
    named_as_object,
    object_after_broker,
    refers_to_broker,
    refers_to_share,
    tells_of_study,
    told_elsewhere,
    with_broker_group,
    with_brokers_by_origin,
    with_brokers_dealt,
    with_named_broker,
    word_sections,
    writer_speaks,
)
from .companies import COMPANY_TABLE
from .consensus import names_average
from .lowering import lower_cased
from .merge import filled
from .names import company_as_written, company_base
from .sentences import split_sentences
from .slots_de import BROKER_SPELLINGS, KnownNames, acted_before
from .subject import names_shares_of_several

# A quote mark or a currency: what a sentence telling of an action holds (looked for one by
# one, each a fast scan, where one pattern for all would test every character); "Euro" only
# as a word of its own, not in "Europa"
_ACTION_MARKS = ('"', "„", "“", "«", "'", "CHF", "Franken", "Dollar", "Pfund")
# Scraped text glues sentences together: 'mit "Outperform".Im Nebenwerte-Index ...'.
_GLUED_RE = re.compile(r"([a-zäöü\d%][.!?][\"”]?|[\"”][.!?])(?=[A-ZÄÖÜ][a-zäöü])")


def with_clauses(
    chunk: str,
    lowered: str,
    lang: str,
    found: list[AnalystAction],
    subject_of: Callable[[], str | None],
    title: str | None = None,
    title_events: Sequence[AnalystAction] = (),
) -> list[AnalystAction]:
    """`found` (the grammars' events for `chunk`, `lowered` its lower-cased text) with the
    clause reader's added or preferred.

    The reader runs only where it can add to the grammars: where they read every event in full
    (a company the tables know, a rating and a target), only a second broker can; otherwise a
    chunk needs a broker and one of the reader's trigger words. A German body naming no broker
    is read after its `title`, which may name the broker its sentences refer to by a noun
    ("Goldman Sachs hebt Siemens Healthineers auf 'Buy'" above "Die US-Investmentbank ...
    Das Kursziel steigt ..."); the title is read only for what it tells the body, its actions
    are those the grammars read in it (`title_events`), which the body's may fill in."""
    heading = None
    places = _broker_places(chunk, lowered)
    if title is not None and lang == "de" and (not places or _opens_on_title_broker(chunk)):
        heading = title
        title_lowered = lower_cased(title)
        # a line break stops what lower-casing reads around a letter: the parts lowered apart
        chunk, lowered = f"{title}\n{chunk}", f"{title_lowered}\n{lowered}"
        if len(lowered) == len(chunk):
            # the body's places stay places, a line break before them as a text's start is
            places += _broker_places(title, title_lowered)
        else:
            places = _broker_places(chunk, lowered)
        # copies: the title's own events stay as read; these fold into them later
        found = [*found, *(dataclasses.replace(event) for event in title_events)]
    wanted = 2 if found and all(map(_complete, found)) else 1
    if wanted == 2 and lang == "de" and ". " in chunk and _goes_on_later(chunk):
        wanted = 1  # "... Für RWE bleibt es bei "Equal-weight"": the broker's next company
    if places < wanted:
        return found
    if (
        wanted == 1
        and not TRIGGERS.find(lowered)
        and not moves_rating(chunk)
        and not moves_unnamed_target(chunk)
    ):
        return found
    if len({name for _, _, name in KnownNames(chunk).brokers()}) < wanted:
        return found
    read: list[AnalystAction] = []
    # the sentence each of those was read from
    told_in: dict[int, str] = {}
    # Actions of sentences that go on with the sentence before, its broker left out: they
    # only fill in what the broker's action there left open.
    going_on: list[AnalystAction] = []
    going_on_in: dict[int, str] = {}  # the sentence each of those was read from
    # Brokers the reader told apart in a sentence naming each of several once: its reading of
    # them wins, as a grammar reading the sentence whole may give one broker's figures to another.
    apart: set[str] = set()
    body = chunk[len(heading) + 1 :] if heading is not None else chunk
    sentences = [heading] if heading is not None else []
    sentences += [
        part
        for sentence in split_sentences(_GLUED_RE.sub("\\1\n", body))
        for part in at_group_clause(sentence)
    ]
    # German reports go from company to company: where the document has no subject, the one
    # company the sentence before was about stands in for the one left out.
    previous: str | None = None  # the sentence before: its one company is read when needed
    # and the one company of the actions read in the sentence before, which a sentence going
    # on with those actions is about
    acted_on: str | None = None
    # The one broker a German text tells of until it names another or turns to something
    # else: a sentence naming it alone starts its account, each sentence going on with it or
    # naming it by a noun carries it on ("Die Privatbank M.M. Warburg hat ihre Einschätzung
    # für Aurubis angepasst. Das Kursziel steigt von 78 auf 86 Euro ...").
    telling: str | None = None
    # the actions of sentences going on with the broker told of, who had no action of that
    # company read before: they stand as actions of their own
    told_on: set[int] = set()
    last_events: list[AnalystAction] = []  # the actions read in the sentence before
    for index, sentence in enumerate(sentences):
        earlier = partial(_discourse_company, sentences[:index])
        # a sentence naming its broker takes the company told of before only where it names
        # that company by a noun for its shares ("Kepler Cheuvreux nahm den Titel ...")
        here = (
            partial(
                _company_here, subject_of, previous, None, _earlier_for_shares(sentence, earlier)
            )
            if lang == "de"
            else subject_of
        )
        if lang == "de" and last_events:
            # "... nachdem die Baader Bank das Ziel gesenkt hatte. Die Einstufung "Add" behielt
            # Baader bei.": a broker named again right after its action goes on about the
            # company it acted on there
            continued = _company_continued(sentence, last_events)
            if continued is not None:
                here = partial(_given, continued)
        events = clause_events(sentence, lang, here)
        if lang == "en":
            events = [e for e in events if not _acts_on_another(sentence, e.broker, e.company)]
        if lang == "en" and found:
            events += _more_brokers_on(sentence, found, events, subject_of)
        grouped = None
        if not events and index and not _brokers_in(sentence):
            # "Beide Häuser bleiben bei ihren Voten ...": every broker of the sentence before;
            # "Die Schweizer ..., die Amerikaner ...": each by where it is from
            listed = _last_broker_list(sentences[:index])
            grouped = with_broker_group(sentence, listed, lang)
            if grouped is None and lang == "de" and len(listed) > 1:
                grouped = with_brokers_by_origin(sentence, listed, lang) or with_brokers_dealt(
                    sentence, listed
                )
        if grouped is not None:
            if lang == "de":
                here = partial(_company_here, subject_of, previous, acted_on, _no_company)
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
                    # the company told of before, for the broker whose account goes on
                    told = earlier if broker == telling else _no_company
                    here = partial(_company_here, subject_of, previous, acted_on, told)
                else:
                    # "The firm also cut its price target ...": the company that broker acted
                    # on before, where the document names no subject
                    acted = _sole_company_of(
                        [e for e in found + read if e.broker.startswith(broker)]
                    )
                    here = partial(_subject_or, subject_of, acted)
                named = with_named_broker(sentence, broker, lang) if anaphor else None
                events = clause_events(named, lang, here) if named else []
                # a newsletter's writers speaking of their own target or rating ("Das
                # Kursziel sehen wir bei 400 Euro") go on with no broker's action
                if not events and goes_on(sentence, lang) and not writer_speaks(sentence):
                    # "Die Einstufungen blieben jeweils unverändert", "Beide Aktien stuft sie
                    # weiter mit "Buy" ein": each company the broker acted on in the sentence
                    # before, where this one names none
                    more = (
                        _for_each_company(sentence, broker, last_events)
                        if lang == "de" and not KnownNames(sentence).companies()
                        else []
                    )
                    if not more:
                        more = clause_events(f"{broker}: {sentence}", lang, here)
                    going_on.extend(more)
                    going_on_in.update((id(event), sentence) for event in more)
                    if (
                        broker == telling
                        and not told_elsewhere(sentence)
                        and not names_average(sentence)
                    ):
                        told_on.update(id(event) for event in more if _acts(event))
        if lang == "de":
            previous, acted_on = sentence, _sole_company_of(events)
            telling = _broker_told_of(sentence, telling, events)
            last_events = events
        if len(events) > 1:
            mentions = [name for _, _, name in KnownNames(sentence).brokers()]
            if len(mentions) == len(set(mentions)):
                apart.update(event.broker for event in events)
        if lang == "en":
            for event in events:
                event.company = _company_as_written(event.company, sentence)
        if heading is not None and index == 0:
            continue  # the title: its actions are the grammars' (see above)
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
                # still the reading of its sentence: the sentence's actions on other
                # companies stand beside it
                told_in[id(event)] = sentence
            elif len(same) == 1 and lang == "en" and _written_longer(event, same[0], sentence):
                # the reader found the known short name inside the one the grammar read in
                # full ("Amazon" in "Amazon.com", "Ford" in "Ford Motor"): the text's stays
                event.company = same[0].company
            kept = [old for old in kept if old not in same] + [event]
        elif len(same) == 1 and same[0].company == event.company and fills:
            # the lighter reading may still hold what the other left open
            kept[kept.index(same[0])] = filled(same[0], event)
    with_subject_names(kept, subject)
    if lang == "de":
        _as_the_text_writes(kept, chunk)
    _full_broker_names(kept, _broker_mentions(chunk) if lang == "de" and kept else ())
    for event in going_on:
        for at, old in enumerate(kept):
            # the company as the subject names it short may be the one read in full before
            # ("Redcare" for "Redcare Pharmacy")
            if old.broker == event.broker and _same_company(old.company, event.company):
                kept[at] = filled(old, event)
                break
        else:
            sentence = going_on_in[id(event)]
            if _acts(event) and _names_another_company(
                event, sentence, [old for old in kept if _one_broker(old, event)]
            ):
                # "Für RWE bleibt es bei ...", "Adidas wurde auf "Buy" hochgestuft": the
                # broker's next company, named, even within the account of one broker
                kept.append(event)
            elif id(event) in told_on:
                _fold_into(kept, event)
    return kept


def _for_each_company(
    sentence: str, broker: str, before: list[AnalystAction]
) -> list[AnalystAction]:
    """A sentence going on with a broker's actions on several companies, naming none of them,
    read for each of them."""
    companies = list(dict.fromkeys(event.company for event in before if event.broker == broker))
    if len(companies) < 2:
        return []
    return [
        event
        for company in companies
        for event in clause_events(f"{broker}: {sentence}", "de", partial(_named, company))
    ]


def _named(company: str) -> str:
    return company


def _acts(event: AnalystAction) -> bool:
    """Whether an action moves or keeps a rating or moves a target, and names the rating or
    the target: a target stated alone ("Das Kursziel liegt bei 34 Euro") may be anyone's
    view, and a goal moved without a figure a company's ("Das Ziel wurde gesenkt")."""
    moves = event.rating_action != "none" or event.target_action in ("raise", "lower")
    return moves and (event.rating is not None or event.target is not None)


def _fold_into(kept: list[AnalystAction], event: AnalystAction) -> None:
    """A broker's action told over several sentences without a broker, each read on its own
    ("Das Votum "Add" bleibt bestehen. Das Kursziel wird ... angehoben."): one action. Where
    the broker acted already, the company that action names may be written another way: the
    one action is filled in; of several, which one is meant is unclear."""
    same = [at for at, old in enumerate(kept) if _one_broker(old, event)]
    if not same:
        kept.append(event)
    elif len(same) == 1:
        kept[same[0]] = filled(kept[same[0]], event)


def _names_another_company(
    event: AnalystAction, sentence: str, before: list[AnalystAction]
) -> bool:
    """Whether the sentence names the event's company, which none of the broker's actions
    before is about, under any of its names."""
    # a name read where no broker stands must be one the tables know as a company
    if event.company not in COMPANY_TABLE or event.company not in sentence:
        return False
    # a word in common may be one company named two ways ("Telekom", "Deutsche Telekom")
    words = set(event.company.casefold().split())
    return not any(
        old.company is None or words & set(old.company.casefold().split()) for old in before
    )


def _broker_told_of(sentence: str, telling: str | None, events: list[AnalystAction]) -> str | None:
    """The one broker the text tells of after `sentence` (`telling` before it, `events` the
    actions read in it): the sentence's one broker where it names one and tells of no time
    past; the same one where it names none and goes on with it; else none."""
    named = _brokers_at(sentence)
    if named:
        past = PAST_OPENING_RE.match(sentence) or told_elsewhere(sentence)
        if len(named) != 1 or past:
            return None
        ((broker, (start, end)),) = named.items()
        return broker if events or tells_of_study(sentence, start, end) else None
    if telling is not None and (goes_on(sentence, "de")):
        return telling
    return None


def names_more_actors(chunk: str, lowered: str, found: list[AnalystAction]) -> bool:
    """Whether a German headline names several brokers and more than the grammars read actions
    of ("Lanxess: Jefferies und Citigroup senken Ziele auf 22 beziehungsweise 24 Euro",
    "JPMorgan senkt Ziel für Zalando auf 27 Euro, Goldman auf 29 Euro"), or, where they read
    none, deals figures out to several ("hebt Ziele für RWE und Eon auf 40 bzw. 15 Euro"): then
    the clause reader reads it too. Counted cheaply first, as most headlines name one broker;
    the caller has seen a comma or a word joining a second name to the first. An action read
    with nothing of it ("Kursziele für Airbus steigen: Jefferies hebt auf 210, UBS auf 205
    Euro": no rating, no target) counts as none read."""
    told = [event for event in found if not _says_nothing(event)]
    if not told and any(map(chunk.__contains__, (" bzw", "beziehungsweise", " resp"))):
        return True
    if _broker_places(chunk, lowered) < max(2, len(told) + 1):
        return False
    # a bank the grammars read as the company acted on is no broker here
    covered = [event.company for event in found]
    named = {
        name
        for _, _, name in KnownNames(chunk).brokers()
        if not any(name in company for company in covered)
    }
    return len(named) >= 2 and len(named) > len({event.broker for event in told})


def _says_nothing(event: AnalystAction) -> bool:
    return event.rating_action == "none" and event.target_action == "none" and not event.rating


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


# "..., while Jefferies started Reddit at buy": the name right after the broker's verb
_OBJECT_AFTER_VERB = (
    r"\s(?:[a-z]+ly\s)?(?:[a-z]+(?:ed|es|s)|cut|set|kept)"
    r"\s(?P<object>[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,3})"
)
_NOT_OBJECTS = frozenset(("The", "Its", "Their", "It", "Buy", "Hold", "Sell", "Neutral"))


def _acts_on_another(sentence: str, broker: str, company: str) -> bool:
    """Whether an English clause reading gave a broker a company named only before it, where
    the broker's verb takes a company of its own, named in capitals: the action is that
    company's, which the grammars did not read ("Goldman lifted its Nvidia target, while
    Jefferies started Reddit at buy")."""
    found = re.search(re.escape(broker) + _OBJECT_AFTER_VERB, sentence)
    if found is None or company in sentence[found.start() :]:
        return False
    named = found.group("object").removesuffix("'s")
    return named.split()[0] not in _NOT_OBJECTS


def _company_here(
    subject_of: Callable[[], str | None],
    previous: str | None,
    acted_on: str | None,
    earlier: Callable[[], str | None],
) -> str | None:
    """The company a German sentence that names none is about: the document's subject, or
    where the document has none, the one company of the actions of the sentence before
    (`acted_on`), else the one company that sentence names, else the company the text went
    on about (`earlier`: "Die Privatbank M.M. Warburg hat ihre Einschätzung für Aurubis
    angepasst. Das Kursziel steigt ...")."""
    subject = subject_of()
    if subject is not None or acted_on is not None:
        return subject or acted_on
    sole = _sole_company(previous) if previous is not None else None
    return sole or earlier()


def _as_the_text_writes(events: list[AnalystAction], chunk: str) -> None:
    """A company the tables know by a short name, written in full where the text writes it
    each time with the same capitalised word after it ("Suss" in "Beim Chipausrüster Suss
    Microtec ..."), unless that word is a noun for its shares or the like ("Zalando Aktie")."""
    for event in events:
        tails = {
            found.group("tail")
            for found in re.finditer(
                # a space, never a line's end: the next line's first word is no part of it
                rf"(?<![\w-]){re.escape(event.company)}(?P<tail>[ ][A-ZÄÖÜ][\w-]*)?(?![\w-])",
                chunk,
            )
        }
        if len(tails) != 1 or (tail := tails.pop()) is None:
            continue
        if tail.strip().lower() in _NOT_NAME_TAILS:
            continue
        full = company_base(event.company + tail, "de")
        if full and full != event.company:
            event.company = full


_NOT_NAME_TAILS = frozenset(word_sections("clause_words.txt")["not_name_tails"])


def _no_company() -> str | None:
    return None


def _earlier_for_shares(
    sentence: str, earlier: Callable[[], str | None]
) -> Callable[[], str | None]:
    return earlier if refers_to_share(sentence) else _no_company


def _discourse_company(sentences: list[str]) -> str | None:
    """The company the last of the sentences naming any company names, brokers aside, where
    it names one: the company the text is about until another is named. Asked only for a
    sentence that names none, so the sentences before are read only then."""
    for sentence in reversed(sentences):
        known = KnownNames(sentence)
        brokers = known.brokers()
        names = {
            name
            for start, end, raw in known.companies()
            if not any(b_start <= start < b_end for b_start, b_end, _ in brokers)
            for name in (company_base(company_as_written(sentence, end, raw), "de"),)
            if name
        }
        if names:
            return names.pop() if len(names) == 1 else None
    return None


def _subject_or(subject_of: Callable[[], str | None], company: str | None) -> str | None:
    return subject_of() or company


def _sole_company_of(events: list[AnalystAction]) -> str | None:
    companies = {event.company for event in events}
    return companies.pop() if len(companies) == 1 else None


def _given(company: str) -> str:
    return company


def _company_continued(sentence: str, last_events: list[AnalystAction]) -> str | None:
    """The one company the brokers a sentence names acted on in the sentence before, where
    each of them acted there (by the same name, its short form or another spelling of the
    house); None otherwise."""
    brokers = {name for _, _, name in KnownNames(sentence).brokers()}
    if not brokers:
        return None
    companies = set()
    for broker in brokers:
        acted = [event.company for event in last_events if _same_broker(broker, event.broker)]
        if not acted:
            return None
        companies.update(acted)
    return companies.pop() if len(companies) == 1 else None


def _same_broker(named: str, acting: str) -> bool:
    return named == acting or _starts(named, acting) or same_house(named, acting)


def _sole_company(sentence: str) -> str | None:
    """The one company a sentence names, when it names one and no broker."""
    known = KnownNames(sentence)
    if known.brokers():
        return None
    names = {name for _, _, raw in known.companies() if (name := company_base(raw, "de"))}
    return names.pop() if len(names) == 1 else None


def _full_broker_names(events: list[AnalystAction], mentioned: Sequence[str] = ()) -> None:
    """A broker named short ("Goldman-Analystin ...") as the document names it in full
    elsewhere ("Goldman Sachs"), in another action or `mentioned` ("Die Experten von Warburg
    Research und Baader ...: Warburg stuft ..."), where exactly one full name fits."""
    names = {event.broker for event in events} | set(mentioned)
    for event in events:
        longer = [name for name in names if _starts(event.broker, name)]
        if len(longer) == 1:
            event.broker = longer[0]


def _broker_mentions(chunk: str) -> list[str]:
    """The brokers a German chunk names, as the tables read them."""
    return [name for _, _, name in KnownNames(chunk).brokers()]


# a name before the colon opening a heading, its shares perhaps named with it ("UBS-Aktie:")
_HEADING_SUBJECT_RE = re.compile(r"(?:-Aktien?|-Papiere?)?:\s")


def _brokers_in(sentence: str) -> set[str]:
    return set(_brokers_at(sentence))


def _brokers_at(sentence: str) -> dict[str, tuple[int, int]]:
    """The brokers a sentence names as brokers, each with where it first stands: a bank after
    "für" or a noun for shares is the company acted on ("das Kursziel von 9,80 Euro für die
    Commerzbank", "die Aktie der Commerzbank")."""
    places: dict[str, tuple[int, int]] = {}
    mentions = sorted(KnownNames(sentence).brokers())
    for start, end, name in mentions:
        if named_as_object(sentence, start) or object_after_broker(sentence, start, mentions):
            continue
        if start == 0 and len(mentions) > 1 and _HEADING_SUBJECT_RE.match(sentence, end):
            continue  # "UBS: Mediobanca hebt auf ...": the bank the heading is about
        if acted_before(sentence, start):
            continue
        places.setdefault(name, (start, end))
    return places


def _last_broker_list(sentences: list[str]) -> list[str]:
    """The brokers of the last of the sentences that names any, in the order it names them;
    a bank acted on is none of them ("Citigroup hob das Kursziel für die Commerzbank ...")."""
    for sentence in reversed(sentences):
        if KnownNames(sentence).brokers():
            return list(_brokers_at(sentence))
    return []


def _opens_on_title_broker(body: str) -> bool:
    """Whether a body's first sentence names no broker but refers to one by a noun, the
    title's ("Das Analysehaus stuft die Aktie ... hoch. Das Kursziel setzt Bernstein ...")."""
    stop = body.find(". ")
    first = body if stop < 0 else body[: stop + 1]
    return not _broker_places(first, first.lower()) and refers_to_broker(first, "de")


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


def _goes_on_later(chunk: str) -> bool:
    """Whether a German sentence after the first goes on with the broker before, its name
    left out: it may tell of the broker's action on another company. Such an action names an
    amount or a quoted label, which most commentary after a complete action lacks: looked for
    first, as splitting the sentences costs far more."""
    first_end = chunk.find(". ")
    if first_end < 0:
        return False
    if not _marks_action(chunk[first_end:]):
        return False
    return any(goes_on(sentence, "de") for sentence in split_sentences(chunk)[1:])


def _marks_action(text: str) -> bool:
    """Whether the text holds a quote mark or a currency."""
    for mark in _ACTION_MARKS:
        if mark in text:
            return True
    if " Euro" not in text:
        return False
    at = text.find(" Euro")
    while at >= 0:
        end = at + len(" Euro")
        if end == len(text) or not text[end].isalpha():
            return True
        at = text.find(" Euro", end)
    return False


def _broker_places(chunk: str, lowered: str) -> int:
    """How many places a broker's name may start at: where a broker's spelling stands at the
    start of a word or at a capital glued to a lower-case word, as names are read
    (`KnownNames`). Far cheaper than reading the names, and never fewer than they are."""
    # plain loops: comprehensions cost a function each call, and this runs on every prose chunk
    starts: set[int] = set()
    for _, start, _ in BROKER_SPELLINGS.find(lowered):
        starts.add(start)
    if len(lowered) != len(chunk):
        return len(starts)
    count = 0
    for start in starts:
        if (
            not start
            or not chunk[start - 1].isalnum()
            or (chunk[start - 1].islower() and chunk[start].isupper())
        ):
            count += 1
    return count


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
    found: list[Consensus] = []
    for event in events:  # a plain loop: a comprehension costs a function, in every item
        if isinstance(event, Consensus):
            found.append(event)
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
