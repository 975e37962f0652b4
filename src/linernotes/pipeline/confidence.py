"""Stage 5b, confidence: each fact's confidence becomes the probability that it is right.

The model is a logistic regression over the claim's features (``confidence_features``), with a
Platt step fitted on out-of-fold scores, trained by ``linernotes train`` on the gold corpora and
shipped as ``data/confidence_model.json``. Without that file the rules' own constants stay.
"""
from __future__ import annotations

import json
import math
from itertools import repeat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from .confidence_features import claims_of

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "confidence_model.json"


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights of indicator features, a bias, and the Platt step that turns the score into a probability."""

    weights: Mapping[str, float]
    bias: float
    scale: float = 1.0  # Platt: p = sigmoid(scale * score + shift)
    shift: float = 0.0
    threshold: float = 0.0  # the default --min-confidence chosen by cross-validation

    def score(self, features: Iterable[str]) -> float:
        # an unknown feature adds nothing; map runs the lookups in C, in the features' order as a loop would
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.scale * self.score(features) + self.shift)

    @classmethod
    def from_dict(cls, data: dict) -> "ConfidenceModel":
        platt = data.get("platt") or {}
        return cls(dict(data["weights"]), float(data["bias"]), float(platt.get("scale", 1.0)),
                   float(platt.get("shift", 0.0)), float(data.get("threshold", 0.0)))


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@lru_cache(maxsize=4)
def load_model(path: str) -> ConfidenceModel | None:
    """The model in ``path``, read once; None when there is no such file."""
    try:
        with open(path, encoding="utf-8") as handle:
            return ConfidenceModel.from_dict(json.load(handle))
    except FileNotFoundError:
        return None


def shipped_model() -> ConfidenceModel | None:
    return load_model(str(MODEL_PATH))


def default_min_confidence() -> float:
    """The threshold the shipped model was tuned to (0 without a model: nothing is left out)."""
    model = shipped_model()
    return model.threshold if model is not None else 0.0


def rescore(doc: Doc, model: ConfidenceModel) -> None:
    """Every fact of a claim gets the claim's probability."""
    for claim in claims_of(doc):
        probability = model.probability(claim.features)
        for fact in claim.facts:
            fact.confidence = probability


@Language.factory("linernotes_confidence", assigns=["doc._.ln_facts"], requires=["doc._.ln_facts", "doc._.ln_links"])
def make_scorer(nlp: Language, name: str) -> "Scorer":
    return Scorer()


class Scorer:
    def __call__(self, doc: Doc) -> Doc:
        model = shipped_model()
        if model is not None:
            rescore(doc, model)
        return doc
