"""Partnership extraction against the labelled development sets in ../shared/data (if present)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from shared_data import SHARED_DATA

from bot.evaluate import EvalReport, score
from rules.extract.partnership import find_partnerships

EVAL_DIR = SHARED_DATA / "eval"
DEV_FILES = (
    "en_sentivent_partnership.dev.jsonl",
    "de_prose.dev.jsonl",
    "de_dpa_afx.dev.jsonl",
    "en_benzinga.dev.jsonl",
)

pytestmark = pytest.mark.skipif(
    not all((EVAL_DIR / name).is_file() for name in DEV_FILES),
    reason=f"labelled dev sets not found in {EVAL_DIR}",
)


def _partnership_report(names: tuple[str, ...]) -> EvalReport:
    gold: list[dict[str, Any]] = []
    predicted: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        with open(EVAL_DIR / name, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                record["events"] = [e for e in record["events"] if e["type"] == "partnership"]
                gold.append(record)
                events = find_partnerships(record["text"], record["lang"])
                predicted[record["id"]] = [event.to_dict() for event in events]
    return score(gold, predicted)


def test_partnership_targets_over_all_dev_sets() -> None:
    report = _partnership_report(DEV_FILES)
    strict = report.by_type["partnership"]
    lenient = report.partnership_lenient
    assert strict.tp + strict.fn >= 40  # the sets still hold the partnership labels
    assert strict.precision >= 0.90, strict.to_dict()
    assert strict.recall >= 0.75, strict.to_dict()
    assert lenient.precision >= strict.precision
    assert lenient.recall >= strict.recall


@pytest.mark.parametrize("name", DEV_FILES)
def test_partnership_precision_per_file(name: str) -> None:
    lenient = _partnership_report((name,)).partnership_lenient
    assert lenient.precision >= 0.90 or lenient.tp + lenient.fp == 0, lenient.to_dict()


def test_texts_without_partnership_labels_rarely_fire() -> None:
    report = _partnership_report(("en_benzinga.dev.jsonl", "de_dpa_afx.dev.jsonl"))
    assert report.by_type["partnership"].fp <= 2
