"""Partnership extraction on a labelled set written apart from the dev sets, in styles they lack:
Title-Case wire headlines, Bloomberg and Handelsblatt headlines, Reuters sentences, German
investor newsletters and press-release wires, with hard negatives (M&A, stakes, talks,
terminations, financing, lawsuits, cue words inside company names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.evaluate import EvalReport, score
from rules.extract.partnership import find_partnerships

FRESH = Path(__file__).parent / "data" / "partnership_fresh.jsonl"


def _records() -> list[dict[str, Any]]:
    with open(FRESH, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _report(records: list[dict[str, Any]]) -> EvalReport:
    predicted = {
        record["id"]: [e.to_dict() for e in find_partnerships(record["text"], record["lang"])]
        for record in records
    }
    return score(records, predicted)


def test_fresh_set_is_large_and_labelled() -> None:
    records = _records()
    positives = sum(len(record["events"]) for record in records)
    negatives = sum(1 for record in records if not record["events"])
    assert len(records) >= 150 and positives >= 60 and negatives >= 60


def test_fresh_set_precision_and_recall() -> None:
    lenient = _report(_records()).partnership_lenient
    assert lenient.precision >= 0.85, lenient.to_dict()
    assert lenient.recall >= 0.65, lenient.to_dict()


def test_fresh_title_case_headlines() -> None:
    headlines = [r for r in _records() if r["source"] == "wire-headline"]
    lenient = _report(headlines).partnership_lenient
    assert lenient.precision >= 0.85, lenient.to_dict()
    assert lenient.recall >= 0.70, lenient.to_dict()


def test_cue_words_inside_names_are_no_cues() -> None:
    for text in (
        "Partners Group Raises $15 Billion For Flagship Private Equity Fund",
        "Alliance Resource Partners Beats Quarterly Estimates On Coal Volumes",
        "Community Bank Awards Accepting Entries",
    ):
        assert find_partnerships(text, "en") == [], text


def test_unknown_german_names_in_partnership_slots() -> None:
    cases = {
        "Proseware kooperiert mit Litware bei Batterien": {"Proseware", "Litware"},
        "Proseware erhält Lizenz von Litware": {"Proseware", "Litware"},
        "Proseware setzt auf KI von Litware": {"Proseware", "Litware"},
    }
    for text, parties in cases.items():
        events = find_partnerships(text, "de")
        assert [set(event.parties) for event in events] == [parties], text


def test_title_case_adoption_names_the_maker() -> None:
    cases = {
        "Proseware Uses Litware's Chips In New Servers": {"Proseware", "Litware"},
        "Proseware Builds New Model On Litware's Open-Source Model": {"Proseware", "Litware"},
        "Proseware Picks Litware As Logistics Partner": {"Proseware", "Litware"},
    }
    for text, parties in cases.items():
        events = find_partnerships(text, "en")
        assert [set(event.parties) for event in events] == [parties], text
