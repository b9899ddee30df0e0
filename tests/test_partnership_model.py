"""The partnership sentence model: its shipped weights, deterministic scoring, the cases it
lets through or holds back, and that the training script reproduces the shipped file."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.evaluate import score
from rules.extract.partnership import find_partnerships, partnership_candidates
from rules.extract.partnership_model import (
    SHIPPED_MODEL,
    WEIGHTS_FILE,
    ModelFileError,
    load_model,
    party_features,
)
from rules.extract.partnership_parties import loose_parties
from tests.shared_data import REPO, SHARED_DATA

FRESH2 = Path(__file__).parent / "data" / "partnership_fresh2.jsonl"


def _training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_partnership", REPO / "benchmarks" / "train_partnership.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_shipped_weights_load_with_sane_thresholds() -> None:
    model = load_model(WEIGHTS_FILE)
    assert model == SHIPPED_MODEL
    assert len(model.weights) > 100
    assert 0.0 < model.keep < 1.0 and 0.0 < model.rescue <= 1.01
    assert "veto:deal" in model.weights and "source:loose" in model.weights


def test_a_weights_file_without_a_field_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "model.json"
    broken.write_text(json.dumps({"bias": 0.1, "weights": {"a": 1.0}}), encoding="utf-8")
    with pytest.raises(ModelFileError, match="keep"):
        load_model(broken)
    broken.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelFileError):
        load_model(broken)


def test_scoring_is_deterministic() -> None:
    texts = [
        ("Fabrikam and Northwind Traders form a logistics alliance for European ports", "en"),
        ("Adatum setzt bei der Lagerlogistik auf Roboter von Proseware", "de"),
        ("Woodgrove Bank has chosen Relecloud to run its payment systems.", "en"),
    ]
    first = [
        (c.features, SHIPPED_MODEL.probability(c.features))
        for text, lang in texts
        for c in partnership_candidates(text, lang)
    ]
    again = [
        (c.features, SHIPPED_MODEL.probability(c.features))
        for text, lang in texts
        for c in partnership_candidates(text, lang)
    ]
    assert first and first == again
    assert [find_partnerships(t, lang) for t, lang in texts] == [
        find_partnerships(t, lang) for t, lang in texts
    ]


@pytest.mark.parametrize(
    ("text", "lang", "parties"),
    [
        # the parties as a list before a strong cue, no counterpart after it
        (
            "Fabrikam and Northwind Traders form a logistics alliance for European ports",
            "en",
            {"Fabrikam", "Northwind Traders"},
        ),
        # Title Case: the capitalised words before "Partnership" are no party
        (
            "Contoso And Tailspin Toys Expand Retail AI Partnership",
            "en",
            {"Contoso", "Tailspin Toys"},
        ),
        # "A builds on B's models": the owner, not the product, is the party
        (
            "Proseware Builds Its Assistant On Litware's Language Models",
            "en",
            {"Proseware", "Litware"},
        ),
        # provider selection in the perfect tense, unknown names in running text
        (
            "Woodgrove Bank has chosen Relecloud to run its payment systems.",
            "en",
            {"Woodgrove Bank", "Relecloud"},
        ),
        (
            "Adatum setzt bei der Lagerlogistik auf Roboter von Proseware",
            "de",
            {"Adatum", "Proseware"},
        ),
    ],
)
def test_partnerships_in_forms_the_grammar_was_not_grown_on(
    text: str, lang: str, parties: set[str]
) -> None:
    assert [set(event.parties) for event in find_partnerships(text, lang)] == [parties]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Contoso ended its partnership with Fabrikam last year.", "en"),
        ("Fabrikam beendet die Zusammenarbeit mit dem Zulieferer Contoso.", "de"),
        ("Partners Group buys stake in Contoso", "en"),
        ("Contoso is in talks about a supply agreement with Fabrikam, people familiar said.", "en"),
        ("Northwind erhält einen Kredit über 200 Millionen Euro von der Woodgrove Bank.", "de"),
        ("Proseware could team up with Litware if regulators agree, analysts said.", "en"),
    ],
)
def test_no_partnership_in_endings_stakes_talks_financing(text: str, lang: str) -> None:
    assert find_partnerships(text, lang) == []


def test_loose_finder_reads_slots_the_organisation_finder_leaves_out() -> None:
    cases = {
        (
            "Der Chemiekonzern Fabrikam hat mit dem Zulieferer Contoso eine "
            "Rahmenvereinbarung über Lieferungen unterzeichnet.",
            "de",
        ): ["Fabrikam", "Contoso"],
        ("Fabrikam und Contoso verlängern ihre Entwicklungskooperation", "de"): [
            "Fabrikam",
            "Contoso",
        ],
    }
    for (text, lang), parties in cases.items():
        candidates = partnership_candidates(text, lang)
        assert candidates, text
        found = loose_parties(candidates[0].sentence, lang, candidates[0].gate_hits)
        assert found == parties, text


def test_party_features_mark_possessives_and_known_names() -> None:
    features = party_features(["Google's Gemini", "Fabrikam"], "loose")
    assert "party:possessive" in features and "party:known" in features
    assert "source:loose" in features and "parties:2" in features


def test_second_fresh_set_is_labelled_apart_and_scored() -> None:
    records = _records(FRESH2)
    assert len(records) >= 60
    for record in records:
        assert record["id"] == hashlib.sha1(record["text"].encode("utf-8")).hexdigest()
    positives = [r for r in records if r["events"]]
    assert len(positives) >= 30 and len(records) - len(positives) >= 25
    predicted = {
        r["id"]: [e.to_dict() for e in find_partnerships(r["text"], r["lang"])] for r in records
    }
    lenient = score(records, predicted).partnership_lenient
    # a floor under what the model reaches on text it never saw, not a target
    assert lenient.precision >= 0.65, lenient.to_dict()
    assert lenient.recall >= 0.40, lenient.to_dict()


@pytest.mark.skipif(not (SHARED_DATA / "eval").is_dir(), reason="shared dev sets absent")
def test_training_script_reproduces_the_shipped_weights() -> None:
    trained = _training_script().trained_model()
    with open(WEIGHTS_FILE, encoding="utf-8") as handle:
        shipped = json.load(handle)
    assert trained == shipped
