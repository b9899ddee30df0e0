"""Alert texts by alert type: each type's composer turns an alert's fields into a headline and
detail lines in one language. A new alert type is one function with @composer.

Texts are plain (the delivery escapes them); names, titles and ratings stay as written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from rules.alert import Alert
from rules.language import DEFAULT_LANGUAGE, language_of
from rules.merged import MEMBERS_FIELD, members_of, rules_of

log = logging.getLogger(__name__)

Texts = dict[str, str]  # language -> template


class Message(NamedTuple):
    headline: str
    details: list[str]


Composer = Callable[[Alert, str], Message]

COMPOSERS: dict[str, Composer] = {}

ALSO_REPORTED_FIELD = "also_reported_by"

_LABELS: dict[str, Texts] = {
    "also_reported": {"en": "also reported by {sources}", "de": "auch gemeldet von {sources}"},
    "source_link": {"en": "Source", "de": "Quelle"},
    "published": {"en": "published {when}", "de": "veröffentlicht {when}"},
}
# Names of the rules the bot itself runs (not configured ones, which stay as written).
_OWN_RULES = ("personal", "group", "digest")
_OWN_CHAT_FIELD = "chat"  # a chat's own rule (such as its keyword filters) of a shared type
_RULE_NAMES: dict[str, Texts] = {
    "your-band": {"en": "your-band", "de": "dein-Band"},
    "your-alert": {"en": "your-alert", "de": "dein-Alarm"},
    "your-keywords": {"en": "your-keywords", "de": "deine-Stichwörter"},
    "grouped": {"en": "grouped", "de": "gebündelt"},
    "digest": {"en": "digest", "de": "Übersicht"},
}


def composer(type_name: str) -> Callable[[Composer], Composer]:
    def add(function: Composer) -> Composer:
        if type_name in COMPOSERS:
            raise ValueError(f"alert texts for {type_name!r} registered twice")
        COMPOSERS[type_name] = function
        return function

    return add


def say(texts: Texts, lang: str, **values: object) -> str:
    """The template for `lang` (English when it has none), filled in."""
    return (texts.get(lang) or texts[DEFAULT_LANGUAGE]).format(**values)


def label(name: str, lang: str, **values: object) -> str:
    return say(_LABELS[name], lang, **values)


def rule_name(alert: Alert, lang: str) -> str:
    """The rule's name as the message header shows it: configured names as written, the
    names of the bot's own rules (a chat's /band, grouped messages) in `lang`."""
    own = alert.type in _OWN_RULES or _OWN_CHAT_FIELD in alert.fields
    if own and alert.rule in _RULE_NAMES:
        return say(_RULE_NAMES[alert.rule], language_of(lang))
    return ", ".join(rules_of(alert))


def compose(alert: Alert, lang: str) -> Message:
    """The alert's texts in `lang` from its type and fields. Raises KeyError for a type without
    texts, and KeyError, TypeError or ValueError for fields that do not fit its type."""
    return COMPOSERS[alert.type](alert, language_of(lang))


def localise(alert: Alert, lang: str) -> Message:
    """The alert's texts in `lang`; its stored English texts when its fields cannot be read
    (an alert written by an older version, or a type without texts). Never raises."""
    lang = language_of(lang)
    try:
        headline, details = compose(alert, lang)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        log.debug("alert %s (%s) keeps its stored texts: %r", alert.id, alert.type, exc)
        return Message(alert.headline, list(alert.details))
    # A merged alert (rules.merged) also says what its other members say, once each.
    if MEMBERS_FIELD in alert.fields:
        said, details = {headline}, list(details)
        for member in members_of(alert):
            line = localise(member, lang).headline
            if line not in said:
                said.add(line)
                details.append(line)
    sources = alert.fields.get(ALSO_REPORTED_FIELD)
    if sources and isinstance(sources, list):
        details = [*details, label("also_reported", lang, sources=", ".join(map(str, sources)))]
    return Message(headline, details)
