"""Analyst actions: one entry point over the German and English grammars."""

from __future__ import annotations

from ..events import AnalystAction
from .analyst_de import german_analyst_events
from .analyst_en import english_analyst_events
from .cues import ANALYST_DE_CUE, ANALYST_EN_CUE, cue_families
from .prose_de import german_prose_events


def _fill_targets(events: list[AnalystAction], prose: list[AnalystAction]) -> None:
    """A headline glued to its article: the article sentence may carry the numbers."""
    for event in events:
        for told in prose:
            same = (told.broker, told.company) == (event.broker, event.company)
            agrees = told.target_action in (event.target_action, "set")
            if same and agrees and event.target is None and told.target is not None:
                event.target, event.prior_target = told.target, told.prior_target
                event.currency = told.currency


def analyst_events(
    text: str, lang: str, cues: frozenset[str] | None = None, lowered: str | None = None
) -> list[AnalystAction]:
    """Analyst actions in one headline or sentence; `cues` is `cue_families` of the text and
    `lowered` the text lower-cased, where the caller has them."""
    if cues is None:
        cues = cue_families(text.lower() if lowered is None else lowered)
    if lang == "de":
        if ANALYST_DE_CUE not in cues:
            return []
        headline = german_analyst_events(text)
        if not headline:
            return german_prose_events(text, lowered)
        if len(text) > 120 and any(event.target is None for event in headline):
            _fill_targets(headline, german_prose_events(text, lowered))
        return headline
    if ANALYST_EN_CUE not in cues:
        return []
    return english_analyst_events(text)
