"""Analyst actions: one entry point over the German and English grammars."""

from __future__ import annotations

import re

from ..events import AnalystAction
from .analyst_de import german_analyst_events
from .analyst_en import english_analyst_events
from .prose_de import german_prose_events

# Cheap gates: a text without any of these words cannot hold an analyst action.
_GERMAN_CUES = re.compile(
    r"hebt|senkt|belässt|lässt|startet|nimmt|bewertet|stuft|[Zz]iel|ANALYSE|Analyse|"
    r"[Ee]mpfehl|Rating|[Ff]air|erhöht|Votum|[Pp]otenzial"
)
_ENGLISH_CUES = re.compile(
    r"maintain|upgrad|downgrad|initiat|assum|reinstat|resum|reiterat|reaffirm|target|coverage|"
    r"rating|weight|perform|\bpt\b|\bpo\b|neutral|buy\b|sell\b|hold\b|\blist\b|analyst|raise|"
    r"lower|\bcut|boost"
)


def _fill_targets(events: list[AnalystAction], prose: list[AnalystAction]) -> None:
    """A headline glued to its article: the article sentence may carry the numbers."""
    for event in events:
        for told in prose:
            same = (told.broker, told.company) == (event.broker, event.company)
            agrees = told.target_action in (event.target_action, "set")
            if same and agrees and event.target is None and told.target is not None:
                event.target, event.prior_target = told.target, told.prior_target
                event.currency = told.currency


def analyst_events(text: str, lang: str) -> list[AnalystAction]:
    """Analyst actions in one headline or sentence."""
    if lang == "de":
        if not _GERMAN_CUES.search(text):
            return []
        headline = german_analyst_events(text)
        if not headline:
            return german_prose_events(text)
        if len(text) > 120 and any(event.target is None for event in headline):
            _fill_targets(headline, german_prose_events(text))
        return headline
    if not _ENGLISH_CUES.search(text.lower()):
        return []
    return english_analyst_events(text)
