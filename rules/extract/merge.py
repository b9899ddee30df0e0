"""One analyst event per (broker, company) in a text.

A wire story often repeats its headline's rating call in the body ("JPMorgan belässt Airbus auf
'Overweight' ... Ziel 240 Euro"). The earliest mention (the headline) decides the actions; later
mentions only fill in what it left open.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, Event
from .aliases import BROKER_TABLE, same_house
from .data_files import data_lines

HOUSE_NOUNS = frozenset(data_lines("broker_house_nouns.txt"))


def merge_analyst_events(events: list[Event], text: str = "") -> list[Event]:
    """`events` with every later AnalystAction for an already seen (broker, company) folded
    into the first one, which keeps its place in the list. `text`, where given, may spell out
    a broker's short name ("Die Zürcher Kantonalbank (ZKB) hat ...")."""
    slots: dict[tuple[str, str], int] = {}
    merged: list[Event] = []
    actions = []
    for found in events:  # a plain loop: a comprehension costs a function object
        if isinstance(found, AnalystAction):
            actions.append(found)
    _full_names_per_company(actions)
    if "(" in text:
        _short_names_spelled_out(actions, text)
    for event in events:
        if not isinstance(event, AnalystAction):
            merged.append(event)
            continue
        key = (event.broker, event.company)
        index = slots.get(key)
        if index is None:
            slots[key] = len(merged)
            merged.append(event)
            continue
        first = merged[index]
        assert isinstance(first, AnalystAction)
        merged[index] = filled(first, event)
    return merged


def _full_names_per_company(actions: list[AnalystAction]) -> None:
    """A broker named short in one mention of a company ("Kursziel-Halbierung bei Warburg")
    and in full in another ("Warburg Research"), or by another spelling of the house ("Citi",
    "Citigroup"), is one broker: the shorter mention takes the longer name, so that it folds
    into that action instead of standing as one more."""
    for event in actions:
        longer = set()
        for other in actions:  # a plain loop: a comprehension costs a function per event
            if other.company != event.company or other.broker == event.broker:
                continue
            if _after_house_noun(event.broker) == other.broker:
                # "Bank Vontobel" in the title, "Die Bank Vontobel" read as "Vontobel" in the
                # body: the name without the common noun
                event.broker = other.broker
                break
            if other.broker.startswith(event.broker + " ") or (
                len(other.broker) > len(event.broker) and same_house(event.broker, other.broker)
            ):
                longer.add(other.broker)
        if len(longer) == 1:
            event.broker = longer.pop()


def _after_house_noun(name: str) -> str | None:
    """The name after a common noun for its kind of house ("Bankhaus Metzler": "Metzler")."""
    noun, _, rest = name.partition(" ")
    return rest if rest and noun in HOUSE_NOUNS else None


def without_house_nouns(events: list[Event], text: str) -> None:
    """A broker named with a common noun for its kind of house ("Das Bankhaus Metzler hat
    ...") where the text also writes the name alone ("Metzler senkt auf 'Sell'"): the name
    alone, as the text calls the house where it names it short. Run before the merge, so
    that both mentions fold into one action."""
    for event in events:
        if not isinstance(event, AnalystAction):
            continue
        name = _after_house_noun(event.broker)
        if name is None or name not in BROKER_TABLE:
            continue
        noun = event.broker.partition(" ")[0]
        alone = re.search(rf"(?<!{noun} )(?<![\w-]){re.escape(name)}(?![\w-])", text)
        if alone is not None:
            event.broker = name


def _short_names_spelled_out(actions: list[AnalystAction], text: str) -> None:
    """A broker named by its short name in one mention of a company ("ZKB senkt Einstufung für
    Sika") and in full in another, where the text gives the short name in parentheses after the
    full one ("Die Zürcher Kantonalbank (ZKB) hat ..."): one broker, named in full."""
    for event in actions:
        for other in actions:
            if (
                other.company == event.company
                and other.broker != event.broker
                and f"{other.broker} ({event.broker})" in text
            ):
                event.broker = other.broker
                break


def filled(first: AnalystAction, other: AnalystAction) -> AnalystAction:
    """`first` with what it leaves open taken from `other`, a later mention of the same action.
    A target stated without a direction takes the direction the other mention gives it for the
    same figure or for no figure ("- Ziel 150 Euro" and "das Kursziel von 175 auf 150 Euro
    gesenkt"; "senkten ihre Ziele" and "sehen das Papier nun bei 44 Euro")."""
    rating_action = first.rating_action if first.rating_action != "none" else other.rating_action
    target_action = first.target_action if first.target_action != "none" else other.target_action
    if (
        first.target_action == "set"
        and other.target_action in ("raise", "lower")
        and other.target in (first.target, None)
    ):
        target_action = other.target_action
    if rating_action == "init" and target_action == "set":
        target_action = "init"  # a target stated with a first rating is where coverage starts
    target, prior, currency = first.target, first.prior_target, first.currency
    if target is None and other.target is not None:
        target, prior, currency = other.target, other.prior_target, other.currency
    elif target is not None and target == other.target:
        # the same figure: the other mention may say what it was before and in which currency
        prior = prior if prior is not None else other.prior_target
        currency = currency or other.currency
    return AnalystAction(
        broker=first.broker,
        company=first.company,
        rating_action=rating_action,
        rating=first.rating or other.rating,
        target_action=target_action,
        target=target,
        prior_target=prior,
        currency=currency,
        symbols=first.symbols or other.symbols,
    )
