"""Analyst extraction scored against the labelled development sets in ../shared/data.

An event is a true positive when type, broker, company, rating_action and target_action match
(names compared case-insensitively with whitespace normalised); field accuracy for rating,
target, prior_target and currency is taken over the matched events. Skips when the data folder
is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from shared_data import SHARED_DATA

from rules.extract import extract

DATA = SHARED_DATA
EVAL = DATA / "eval"
FILES = {
    "de_dpa_afx": "de",
    "de_prose": "de",
    "en_benzinga": "en",
    "en_sentivent_partnership": "en",
}
FIELDS = ("rating", "target", "prior_target", "currency")

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason=f"no labelled data at {EVAL}")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.tp if self.tp else 1.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        for name in FIELDS:
            self.right[name] += other.right[name]

    def summary(self) -> str:
        accuracies = " ".join(f"{n}={self.accuracy(n):.4f}" for n in FIELDS)
        return (
            f"tp={self.tp} fp={self.fp} fn={self.fn} precision={self.precision:.4f} "
            f"recall={self.recall:.4f} {accuracies}"
        )


def _norm(value: Any) -> Any:
    return " ".join(str(value).lower().split()) if isinstance(value, str) else value


def _key(event: dict[str, Any]) -> tuple[Any, ...]:
    return (
        _norm(event["broker"]),
        _norm(event["company"]),
        event["rating_action"],
        event["target_action"],
    )


def _same(name: str, predicted: Any, gold: Any) -> bool:
    if name in ("target", "prior_target") and predicted is not None and gold is not None:
        return abs(float(predicted) - float(gold)) < 1e-6
    return bool(_norm(predicted) == _norm(gold))


def _rows(name: str) -> Iterator[dict[str, Any]]:
    with (EVAL / f"{name}.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def score_file(name: str) -> Score:
    score = Score()
    for row in _rows(name):
        gold = [e for e in row["events"] if e["type"] == "analyst"]
        predicted = [e.to_dict() for e in extract(row["text"], row["lang"]) if e.type == "analyst"]
        unmatched = list(range(len(gold)))
        for event in predicted:
            match = next((i for i in unmatched if _key(gold[i]) == _key(event)), None)
            if match is None:
                score.fp += 1
                continue
            unmatched.remove(match)
            score.tp += 1
            for field_name in FIELDS:
                score.right[field_name] += _same(
                    field_name, event[field_name], gold[match][field_name]
                )
        score.fn += len(unmatched)
    return score


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {name: score_file(name) for name in FILES if (EVAL / f"{name}.dev.jsonl").exists()}


def _assert_targets(label: str, score: Score) -> None:
    print(f"{label}: {score.summary()}")
    assert score.precision >= 0.99, f"{label}: {score.summary()}"
    assert score.recall >= 0.97, f"{label}: {score.summary()}"
    for name in FIELDS:
        assert score.accuracy(name) >= 0.97, f"{label} {name}: {score.summary()}"


@pytest.mark.parametrize("name", ["de_dpa_afx", "en_benzinga", "de_prose"])
def test_each_file_meets_targets(scores: dict[str, Score], name: str) -> None:
    if name not in scores:
        pytest.skip(f"{name} not present")
    _assert_targets(name, scores[name])


def test_sentence_set_without_analyst_labels_gets_no_analyst_events(
    scores: dict[str, Score],
) -> None:
    if "en_sentivent_partnership" not in scores:
        pytest.skip("en_sentivent_partnership not present")
    score = scores["en_sentivent_partnership"]
    assert score.fp == 0, score.summary()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_language_meets_targets(scores: dict[str, Score], lang: str) -> None:
    pooled = Score()
    for name, score in scores.items():
        if FILES[name] == lang:
            pooled.add(score)
    _assert_targets(lang, pooled)
