"""A German prior target told in a sentence of its own.

Articles and teasers often tell the new target in one sentence and the one before in the next:
"UBS hat ihr Kursziel für BASF auf 42 Euro gesenkt. Bislang hatten die Analysten den fairen
Wert bei 50 Euro gesehen." or "Zuvor hatten sie ein Kursziel von 180 Dollar ausgegeben." Such a
sentence names a target noun (or "es" standing for it: "Bislang lag es bei 32 Euro"), a word
of the time before ("zuvor", "bislang") and one amount, and no move of its own; its amount is
the prior of the one action whose target moved that way.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, Event
from .aliases import BROKER_TABLE
from .data_files import word_sections
from .numbers import CURRENCY_AFTER, NUMBER, normalise_currency, parse_number
from .sentences import split_sentences

_CLAUSE_WORDS = word_sections("clause_words.txt")
_HEADLINE_WORDS = word_sections("headline_words_de.txt")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_BEFORE_WORDS = _CLAUSE_WORDS["prior_before"]
_BEFORE_RE = re.compile(rf"\b(?i:{_words(_BEFORE_WORDS)})\b")
_TARGET_NOUN_RE = re.compile(rf"\b(?i:{_words(_CLAUSE_WORDS['target_nouns'])})\b")
# a sentence that moves a target itself tells an action, not the target before one
_MOVED_RE = re.compile(
    rf"\b(?:{_words(_HEADLINE_WORDS['target_up'] + _HEADLINE_WORDS['target_down'])})\b"
)
# the target named by its pronoun: "Bislang lag es bei 32 Euro"
_IT_STOOD_RE = re.compile(r"\b(?:lag|stand)\ses\b|\bes\s(?:lag|stand)\b")
_AMOUNT_RE = re.compile(rf"(?<![\w.,])(?P<number>{NUMBER})\s*(?P<currency>{CURRENCY_AFTER})")


def with_priors_told_apart(text: str, lowered: str, events: list[Event]) -> None:
    """Give the one moved target without a prior in `events` the prior a sentence of `text`
    (`lowered`, lower-cased) tells on its own; nothing when no sentence or more than one action
    fits."""
    moved = _without_prior(events, ("raise", "lower"))
    # "Jefferies sieht ein Kursziel von 25 Euro. Zuvor hatten die Analysten 21 Euro als Ziel
    # ausgegeben": a target stated, told apart from the one before, moved
    stated = _without_prior(events, ("set",)) if not moved else []
    candidates = moved or stated
    if len(candidates) != 1 or not any(map(lowered.__contains__, _BEFORE_WORDS)):
        return
    event = candidates[0]
    told = [prior for sentence in split_sentences(text) if (prior := _prior_in(sentence, event))]
    if len(told) == 1:
        event.prior_target = told[0]
        if event.target_action == "set":
            assert event.target is not None
            event.target_action = "raise" if event.target > told[0] else "lower"


def _without_prior(events: list[Event], actions: tuple[str, ...]) -> list[AnalystAction]:
    return [
        event
        for event in events
        if isinstance(event, AnalystAction)
        and event.target is not None
        and event.prior_target is None
        and event.target_action in actions
    ]


def _prior_in(sentence: str, event: AnalystAction) -> float | None:
    """The amount `sentence` tells as the target before `event`'s, if it tells one."""
    if _BEFORE_RE.search(sentence) is None:
        return None
    if _TARGET_NOUN_RE.search(sentence) is None and _IT_STOOD_RE.search(sentence) is None:
        return None
    if _MOVED_RE.search(sentence) is not None:
        return None
    if any(broker != event.broker for _, _, broker in BROKER_TABLE.find(sentence)):
        return None  # another house's target
    amounts = list(_AMOUNT_RE.finditer(sentence))
    if len(amounts) != 1:
        return None
    value = parse_number(amounts[0].group("number"))
    if value is None or normalise_currency(amounts[0].group("currency")) != event.currency:
        return None
    assert event.target is not None
    rose = event.target > value
    if value == event.target:
        return None
    if event.target_action != "set" and rose != (event.target_action == "raise"):
        return None
    return value
