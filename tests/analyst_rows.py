"""Analyst events as plain rows, for tests that compare what extraction finds with what a
sentence says."""

from __future__ import annotations

from typing import Any

from rules.events import AnalystAction
from rules.extract import extract


def analyst_rows(text: str, lang: str) -> list[tuple[Any, ...]]:
    """(broker, company, rating action, rating, target action, target, prior target,
    currency) of each analyst event in `text`, in the order extraction gives them."""
    return [
        (
            e.broker,
            e.company,
            e.rating_action,
            e.rating,
            e.target_action,
            e.target,
            e.prior_target,
            e.currency,
        )
        for e in extract(text, lang)
        if isinstance(e, AnalystAction)
    ]
