"""Train the partnership sentence model and write rules/extract/partnership_model.json.

    python benchmarks/train_partnership.py [--out FILE] [--check]

Trains only on the study half (`bot.evaluate.split_of`) of every dev file in
../shared/data/eval and of tests/data/partnership_fresh.jsonl, partnership_fresh3.jsonl,
partnership_fresh4.jsonl, partnership_fresh5.jsonl, partnership_fresh6.jsonl,
partnership_fresh7.jsonl, partnership_fresh8.jsonl and partnership_fresh9.jsonl; the
score halves and tests/data/partnership_fresh2.jsonl are never read here. Each candidate
sentence from the cue scan is labelled a partnership when two parties of one of its text's gold
partnerships appear in it. Logistic regression by stochastic gradient descent over a fixed order
(the sentences' sha1), so the same data always gives the same weights. The two decision
thresholds are chosen on out-of-fold probabilities (five folds by hash), never on the training
fit itself.

--check retrains and exits 1 when the result differs from the shipped file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.evaluate import names_compatible, normalise_name, score, split_of  # noqa: E402
from rules.extract.partnership import Candidate, partnership_candidates  # noqa: E402
from rules.extract.partnership_model import WEIGHTS_FILE, party_features  # noqa: E402
from rules.extract.partnership_parties import loose_parties  # noqa: E402

FRESH = REPO / "tests" / "data" / "partnership_fresh.jsonl"
FRESH3 = REPO / "tests" / "data" / "partnership_fresh3.jsonl"
FRESH4 = REPO / "tests" / "data" / "partnership_fresh4.jsonl"
FRESH5 = REPO / "tests" / "data" / "partnership_fresh5.jsonl"
FRESH6 = REPO / "tests" / "data" / "partnership_fresh6.jsonl"
FRESH7 = REPO / "tests" / "data" / "partnership_fresh7.jsonl"
FRESH8 = REPO / "tests" / "data" / "partnership_fresh8.jsonl"
FRESH9 = REPO / "tests" / "data" / "partnership_fresh9.jsonl"
EPOCHS = 25
RATE = 0.2
L2 = 1e-3
FOLDS = 5
POSITIVE_WEIGHT_CAP = 4.0
KEEP_GRID = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
RESCUE_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)
MIN_PRECISION = 0.9
DIGITS = 5
SCREEN_MARGIN = 0.5
# the share of candidate sentences the loose party finder may read (its cost)
LOOSE_SHARE = 0.25


def eval_dir() -> Path:
    shared = os.environ.get("TICKERWATCH_SHARED_DATA")
    return (Path(shared) if shared else REPO.parent / "shared" / "data") / "eval"


def _records(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def study_records() -> list[dict[str, Any]]:
    """The study half of every labelled file the model may learn from, in a fixed order."""
    records: list[dict[str, Any]] = []
    for path in [
        *sorted(eval_dir().glob("*.dev.jsonl")),
        FRESH,
        FRESH3,
        FRESH4,
        FRESH5,
        FRESH6,
        FRESH7,
        FRESH8,
        FRESH9,
    ]:
        if path.is_file():
            records.extend(r for r in _records(path) if split_of(r["text"]) == "study")
    return sorted(records, key=lambda record: _digest(record["text"]))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _gold_parties(record: dict[str, Any]) -> list[list[str]]:
    return [list(event["parties"]) for event in record["events"] if event["type"] == "partnership"]


def _matches(parties: list[str], gold: list[list[str]]) -> bool:
    """The proposed parties pair up with one gold partnership's, name by name (lenient)."""
    names = list(dict.fromkeys(normalise_name(party) for party in parties))
    for event in gold:
        wanted = list(dict.fromkeys(normalise_name(party) for party in event))
        if len(wanted) != len(names):
            continue
        free = list(names)
        for name in wanted:
            match = next((n for n in free if names_compatible(name, n)), None)
            if match is None:
                break
            free.remove(match)
        else:
            return True
    return False


class Example:
    """One proposal: a candidate sentence with the parties the grammar or the loose finder
    names in it; labelled 1 when reporting them would be right."""

    __slots__ = ("candidate", "features", "label", "parties", "record", "source")

    def __init__(
        self, record: dict[str, Any], candidate: Candidate, source: str, parties: list[list[str]]
    ) -> None:
        self.record = record
        self.candidate = candidate
        self.source = source
        self.parties = parties
        flat = [party for group in parties for party in group]
        self.features = candidate.features + party_features(flat, source)
        gold = _gold_parties(record)
        self.label = int(all(_matches(group, gold) for group in parties))


def examples_of(records: list[dict[str, Any]]) -> list[Example]:
    """Every proposal the extractor can make: the grammar's parties, and the loose finder's
    where they differ."""
    examples = []
    for record in records:
        for candidate in partnership_candidates(record["text"], record["lang"]):
            if candidate.grammar:
                examples.append(Example(record, candidate, "grammar", candidate.grammar))
            loose = loose_parties(candidate.sentence, candidate.lang, candidate.gate_hits)
            if len(loose) >= 2 and [loose] != candidate.grammar:
                examples.append(Example(record, candidate, "loose", [loose]))
    return examples


def train(examples: list[Example]) -> tuple[float, dict[str, float]]:
    """Logistic regression; positives weighted up to balance the classes (capped)."""
    positives = sum(example.label for example in examples)
    negatives = len(examples) - positives
    positive_weight = min(POSITIVE_WEIGHT_CAP, negatives / positives) if positives else 1.0
    bias = 0.0
    weights: dict[str, float] = {}
    for epoch in range(EPOCHS):
        rate = RATE / (1.0 + 0.2 * epoch)
        for example in examples:
            features = example.features
            total = bias + sum(weights.get(feature, 0.0) for feature in features)
            probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
            error = example.label - probability
            if example.label:
                error *= positive_weight
            bias += rate * error
            for feature in features:
                weights[feature] = weights.get(feature, 0.0) + rate * error
        shrink = 1.0 - rate * L2 * len(examples) / max(1, len(weights))
        for feature in weights:
            weights[feature] *= shrink
    rounded = {
        feature: round(weight, DIGITS)
        for feature, weight in sorted(weights.items())
        if abs(weight) >= 10**-DIGITS
    }
    return round(bias, DIGITS), rounded


def _probability(bias: float, weights: dict[str, float], features: list[str]) -> float:
    total = bias + sum(weights.get(feature, 0.0) for feature in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def out_of_fold(examples: list[Example]) -> tuple[list[float], list[float]]:
    """Each example's probability, and the score of its sentence's own features, from a model
    trained without its fold (folds by text hash)."""
    fold_of = [int(_digest(e.record["text"])[-1], 16) % FOLDS for e in examples]
    probabilities = [0.0] * len(examples)
    sentence_scores = [0.0] * len(examples)
    for fold in range(FOLDS):
        bias, weights = train([e for e, f in zip(examples, fold_of, strict=True) if f != fold])
        for index, example in enumerate(examples):
            if fold_of[index] == fold:
                probabilities[index] = _probability(bias, weights, example.features)
                sentence_scores[index] = bias + sum(
                    weights.get(feature, 0.0) for feature in example.candidate.features
                )
    return probabilities, sentence_scores


def screen_grid(examples: list[Example], sentence_scores: list[float]) -> list[float]:
    """Screens worth trying: below every right loose proposal's sentence score (less a margin),
    and just below each of those scores."""
    scores = sorted(
        {
            round(score, DIGITS)
            for example, score in zip(examples, sentence_scores, strict=True)
            if example.source == "loose" and example.label
        }
    )
    lowest = (scores[0] if scores else 0.0) - SCREEN_MARGIN
    return [round(lowest, DIGITS)] + [round(score - 10**-DIGITS, DIGITS) for score in scores]


def choose_thresholds(
    records: list[dict[str, Any]],
    examples: list[Example],
    probabilities: list[float],
    sentence_scores: list[float],
) -> tuple[float, float, float]:
    """(keep, rescue, screen) with the best strict F1 at precision >= MIN_PRECISION (else the
    best F1) over the out-of-fold scores among the screens that keep the loose finder, the
    costly step, to at most LOOSE_SHARE of the candidate sentences. A screen below the budget
    would buy a rescue or two out of fold with the finder's cost on most candidates.

    Out of fold the finder's rescues are rare, so a single sentence moves the F1 by about one
    error's worth: an F1 within that of the best is a tie, and of tied ones the lowest screen,
    then the lowest rescue and keep win. The highest would switch the finder off for
    sentences the final model, trained on every fold, rescues rightly; one sentence out of
    fold is too little to tell that it would not."""
    budget = _budget_screen(sentence_scores)
    gold = [
        {**r, "events": [e for e in r["events"] if e["type"] == "partnership"]} for r in records
    ]
    rows: list[tuple[tuple[bool, bool], float, float, float, Any]] = []
    for screen in screen_grid(examples, sentence_scores):
        for keep in KEEP_GRID:
            for rescue in RESCUE_GRID:
                predicted = _decisions(
                    records, examples, probabilities, sentence_scores, keep, rescue, screen
                )
                counts = score(gold, predicted).by_type["partnership"]
                allowed = (counts.precision >= MIN_PRECISION, screen >= budget)
                rows.append((allowed, screen, rescue, keep, counts))
    best_allowed = max(row[0] for row in rows)
    eligible = [row for row in rows if row[0] == best_allowed]
    top = max(eligible, key=lambda row: row[4].f1)[4]
    one_error = 1.0 / max(1, 2 * top.tp + top.fp + top.fn)
    tied = [row for row in eligible if row[4].f1 >= top.f1 - one_error - 1e-9]
    _, screen, rescue, keep, counts = min(tied, key=lambda row: (row[1], row[2], row[3]))
    print(
        f"out of fold, keep {keep} rescue {rescue} screen {screen}: strict P "
        f"{counts.precision:.3f} R {counts.recall:.3f}",
        file=sys.stderr,
    )
    return keep, rescue, screen


def _budget_screen(sentence_scores: list[float]) -> float:
    """The least screen at which at most LOOSE_SHARE of the candidates reach the loose finder."""
    ordered = sorted(sentence_scores, reverse=True)
    if not ordered:
        return 0.0
    allowed = int(len(ordered) * LOOSE_SHARE)
    return ordered[allowed] + 10**-DIGITS if allowed < len(ordered) else ordered[-1]


def _decisions(
    records: list[dict[str, Any]],
    examples: list[Example],
    probabilities: list[float],
    sentence_scores: list[float],
    keep: float,
    rescue: float,
    screen: float,
) -> dict[str, list[dict[str, Any]]]:
    """The events the extractor would report with these thresholds."""
    predicted: dict[str, list[dict[str, Any]]] = {str(r["id"]): [] for r in records}
    taken: set[int] = set()  # candidates whose grammar parties were kept
    for example, probability, sentence_score in zip(
        examples, probabilities, sentence_scores, strict=True
    ):
        if example.source == "grammar":
            if probability < keep:
                continue
            taken.add(id(example.candidate))
        elif probability < rescue or id(example.candidate) in taken or sentence_score < screen:
            continue
        events = predicted[str(example.record["id"])]
        for group in example.parties:
            event = {"type": "partnership", "parties": group}
            if event not in events:
                events.append(event)
    return predicted


def trained_model() -> dict[str, Any]:
    records = study_records()
    examples = examples_of(records)
    probabilities, sentence_scores = out_of_fold(examples)
    keep, rescue, screen = choose_thresholds(records, examples, probabilities, sentence_scores)
    bias, weights = train(examples)
    return {
        "about": "partnership sentence model; python benchmarks/train_partnership.py",
        "trained_on": {
            "texts": len(records),
            "candidates": len(examples),
            "positives": sum(example.label for example in examples),
        },
        "bias": bias,
        "keep": keep,
        "rescue": rescue,
        "screen": screen,
        "weights": weights,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    arguments = parser.parse_args()
    if not eval_dir().is_dir():
        print(f"error: no labelled dev sets in {eval_dir()}", file=sys.stderr)
        return 2
    model = trained_model()
    text = json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    if arguments.check:
        same = arguments.out.is_file() and arguments.out.read_text(encoding="utf-8") == text
        print("same as shipped" if same else "differs from the shipped file")
        return 0 if same else 1
    arguments.out.write_text(text, encoding="utf-8")
    info = model["trained_on"]
    print(
        f"{info['texts']} texts, {info['candidates']} candidates, {info['positives']} positive; "
        f"{len(model['weights'])} weights; keep {model['keep']} rescue {model['rescue']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
