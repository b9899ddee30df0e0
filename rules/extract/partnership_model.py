"""A small linear model that says whether a candidate sentence reports a partnership.

Candidates are the sentences where the cue scan found a partnership word. The grammar
(`partnership.py`) still names the parties; the model decides whether the sentence is a
partnership at all, so one weight per word learned from labelled text replaces a growing list
of hand-written vetoes and exceptions. The weights are trained by
`benchmarks/train_partnership.py` on the study half of the labelled sets and shipped as
`partnership_model.json`; scoring is a sum of dictionary lookups.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path

from .org_words import KNOWN, LEGAL, ORG_HEADS, PLACES

WEIGHTS_FILE = Path(__file__).with_name("partnership_model.json")

# Lower-cased words; a stem is the first letters of a word, so inflections share a weight.
_WORD = re.compile(r"[a-zäöüß][a-zäöüß-]*")
# A capitalised word, where no word character or apostrophe stands before its capital. The
# capital comes first, so the matcher skips from capital to capital.
_CAPITALISED = re.compile(r"[A-ZÄÖÜ](?<![\w'’].)[\w&.'’-]*")
_STEM = 6
_MAX_CAPITALS = 5
_SHAPE_CHARS = 80
_POSSESSIVE = re.compile(r"['’]s?\b")
# the features `veto_classes` may give a sentence, and where they stand among its features
VETO_FEATURES = ("veto:near", "veto:after", "veto:deal")
VETO_POSITION = 2
# `shape_features` gives one feature of each group
SHAPE_FEATURES = (
    ("shape:title", "shape:prose"),
    tuple(f"capitals:{count}" for count in range(_MAX_CAPITALS + 1)),
)


@dataclass(frozen=True)
class PartnershipModel:
    """Logistic weights over feature names, and the two probabilities the extractor needs:
    `keep` to report parties the grammar found, `rescue` to report parties only the loose
    party finder found. `screen` is the least score of the sentence's own features (with the
    bias) at which the loose finder, the costly step, is worth running at all."""

    bias: float
    weights: dict[str, float]
    keep: float
    rescue: float
    screen: float
    # the most the features left out of `core_features` can add to a sentence's score: any
    # vetoes' positive weights, and the best of each shape feature's values
    headroom: float = field(init=False)

    def __post_init__(self) -> None:
        weight = self.weights.get
        vetoes = sum(max(0.0, weight(name, 0.0)) for name in VETO_FEATURES)
        shape = sum(max(weight(name, 0.0) for name in group) for group in SHAPE_FEATURES)
        object.__setattr__(self, "headroom", vetoes + shape)

    def logit(self, features: list[str]) -> float:
        return sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: list[str]) -> float:
        total = self.bias + self.logit(features)
        if total < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-total))


class ModelFileError(ValueError):
    """The weights file is missing a field or holds a value of the wrong kind."""


def model_from_dict(data: object) -> PartnershipModel:
    if not isinstance(data, dict):
        raise ModelFileError("partnership model: expected a JSON object")
    try:
        weights = {str(name): float(value) for name, value in data["weights"].items()}
        return PartnershipModel(
            bias=float(data["bias"]),
            weights=weights,
            keep=float(data["keep"]),
            rescue=float(data["rescue"]),
            screen=float(data["screen"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelFileError(f"partnership model: {exc!r}") from exc


def load_model(path: Path) -> PartnershipModel:
    with open(path, encoding="utf-8") as handle:
        return model_from_dict(json.load(handle))


# Read once, at import, like the word tables: the weights are part of the code's data.
SHIPPED_MODEL = load_model(WEIGHTS_FILE)


def sentence_features(
    sentence: str,
    lowered: str,
    lang: str,
    gate_hits: list[tuple[int, int]],
    cue_kinds: list[str],
    kept_kinds: list[str],
    grammar_found: bool,
    vetoes: list[str],
) -> list[str]:
    """The model's features of one candidate sentence.

    `gate_hits` are the (start, end) offsets of the cue-scan words in the sentence, `cue_kinds`
    the kinds of the grammar's cues, `kept_kinds` those no veto cancelled, and `grammar_found`
    whether the grammar named two parties; `vetoes` names the kinds of competing reading
    anywhere in the sentence.
    """
    features = core_features(
        sentence, lowered, lang, gate_hits, cue_kinds, kept_kinds, grammar_found
    )
    return completed_features(features, sentence, gate_hits, vetoes)


def completed_features(
    core: list[str], sentence: str, gate_hits: list[tuple[int, int]], vetoes: list[str]
) -> list[str]:
    """`core_features` with the vetoes and the shape features added, in the order
    `sentence_features` gives them; `core` becomes the result."""
    core[VETO_POSITION:VETO_POSITION] = vetoes
    core[-1:-1] = shape_features(sentence, gate_hits)
    return core


def core_features(
    sentence: str,
    lowered: str,
    lang: str,
    gate_hits: list[tuple[int, int]],
    cue_kinds: list[str],
    kept_kinds: list[str],
    grammar_found: bool,
) -> list[str]:
    """The features of `sentence_features` but the vetoes and the shape, which the model's
    `headroom` bounds: the cheap ones, enough to rule most sentences out.

    No feature names the words around the cue: weights for them fit the sentences trained on
    (their companies, products and places) and rescued next to none of the unseen ones."""
    features = [f"lang:{lang}", "grammar:yes" if grammar_found else "grammar:no"]
    # plain loops: a generator costs a function object for every candidate sentence
    for kind in sorted(set(cue_kinds)):
        features.append(f"cue:{kind}")
    for kind in sorted(set(kept_kinds)):
        features.append(f"kept:{kind}")
    if cue_kinds and not kept_kinds:
        features.append("vetoed")
    if not cue_kinds:
        features.append("no-grammar-cue")
    for start, end in gate_hits[:4]:
        word = _WORD.match(lowered, start)
        features.append(f"gate:{lowered[start:end]}")
        if word is not None:
            features.append(f"gate-word:{word.group(0)[: _STEM + 2]}")
    features.append("length:long" if len(sentence) > 200 else "length:short")
    return features


def shape_features(sentence: str, gate_hits: list[tuple[int, int]]) -> list[str]:
    """The shape of the words around the first cue word: a Title-Case headline or prose, and
    how many capitalised words stand there."""
    around = sentence[max(0, gate_hits[0][0] - _SHAPE_CHARS) : gate_hits[0][1] + _SHAPE_CHARS]
    # the model reads the count only up to _MAX_CAPITALS
    capitals = sum(1 for _ in islice(_CAPITALISED.finditer(around), _MAX_CAPITALS))
    # words of four letters or more, and how many of them are capitalised
    long_words = capitalised = 0
    for token in around.split():
        if len(token) > 3 and token[0].isalpha():
            long_words += 1
            capitalised += token[0].isupper()
    title_case = long_words > 0 and capitalised > 0.7 * long_words
    return ["shape:title" if title_case else "shape:prose", f"capitals:{capitals}"]


def party_features(parties: list[str], source: str) -> list[str]:
    """Features of one proposed set of parties: where it came from ("grammar" or "loose") and
    what its names look like, so the model can tell an organisation from a phrase the
    capitals made look like one ("New Shipping", "Million Upfront").

    Only classes of names, never their words: a weight for "toyota" or "joby" fits the
    companies of the training texts and says nothing about a text on any other company."""
    features = [f"source:{source}", f"parties:{min(len(parties), 4)}"]
    known = 0
    for party in parties:
        words = party.split()
        folded = party.casefold()
        head = _POSSESSIVE.sub("", words[0]).casefold()
        if folded in KNOWN or head in KNOWN:
            known += 1
            features.append("party:known")
        if any(word.casefold().strip(".,") in ORG_HEADS | LEGAL for word in words):
            features.append("party:head")
        if folded in PLACES or words[0].casefold() in PLACES:
            features.append("party:place")
        if _POSSESSIVE.search(party):
            features.append("party:possessive")
        if any(char.isdigit() for char in party):
            features.append("party:digit")
        if party.isupper() and len(party) > 1:
            features.append("party:acronym")
        features.append(f"party-words:{min(len(words), 3)}")
    features.append(f"known:{min(known, 2)}")
    return features
