"""The partnership model reads no words around the cue: weights for them fitted the sentences
it was trained on and did not carry over to unseen text."""

from __future__ import annotations

from rules.extract.partnership import partnership_candidates
from rules.extract.partnership_model import SHIPPED_MODEL


def test_candidate_features_name_no_neighbouring_words() -> None:
    text = "Corvane Systems signed a supply agreement with Halvik Foods on Monday."
    candidates = partnership_candidates(text, "en")
    assert candidates
    for candidate in candidates:
        assert not [f for f in candidate.features if f.startswith(("before:", "after:"))]


def test_shipped_weights_hold_no_neighbouring_words() -> None:
    assert not [name for name in SHIPPED_MODEL.weights if name.startswith(("before:", "after:"))]
