"""Stage 5b, confidence: each fact's confidence becomes the probability that it is right.

The model scores the claim's features (``confidence_features``): boosted trees over them
(``boosting``), or a logistic regression (a model file with weights and no trees), with a Platt
step fitted on out-of-fold scores, trained by ``linernotes train`` on the gold corpora and shipped
as ``data/confidence_model.json``. Without that file the rules' own constants stay.
``nlp.pipe`` hands the stage batches of documents: their claims are scored in one run of the trees.
"""
from __future__ import annotations

import json
import math
from itertools import repeat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ..boosting import Trees
from ..logistic import sigmoid as sigmoids
from .confidence_features import claims_of

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "confidence_model.json"


@dataclass(frozen=True)
class FeatureTrees:
    """Boosted trees whose splits name features: ``names[j]`` is column ``j`` of ``trees``."""

    names: tuple[str, ...]
    trees: Trees

    def __post_init__(self) -> None:
        object.__setattr__(self, "column", {name: j for j, name in enumerate(self.names)})
        object.__setattr__(self, "known", frozenset(self.names))
        object.__setattr__(self, "kinds", frozenset(name.partition("=")[0] for name in self.names))

    def scores(self, claims: list[Iterable[str]]) -> np.ndarray:
        columns, rows = [], []
        column, known = self.column, self.known
        for i, features in enumerate(claims):
            split_on = known.intersection(features)  # the few features the trees read; an unknown one is absent
            columns.extend(map(column.__getitem__, split_on))
            rows.extend([i] * len(split_on))
        present = np.zeros((len(claims), len(self.names)), dtype=bool)
        present[rows, columns] = True
        return self.trees.scores(present)

    def to_dict(self) -> dict:
        return {"names": list(self.names), "base": round(self.trees.base, 6),
                "split": self.trees.features.tolist(), "leaves": np.round(self.trees.leaves, 6).tolist()}

    @classmethod
    def from_dict(cls, data: dict) -> "FeatureTrees":
        leaves = np.array(data["leaves"], dtype=float)
        split = np.array(data["split"], dtype=np.int64).reshape(len(leaves), max(leaves.shape[1] - 1, 0)) \
            if len(leaves) else np.zeros((0, 0), dtype=np.int64)
        return cls(tuple(data["names"]), Trees(float(data["base"]), split, leaves))


@dataclass(frozen=True)
class ConfidenceModel:
    """A score of indicator features (boosted trees, or else weights and a bias), and the Platt step
    that turns the score into a probability."""

    weights: Mapping[str, float]
    bias: float
    scale: float = 1.0  # Platt: p = sigmoid(scale * score + shift)
    shift: float = 0.0
    threshold: float = 0.0  # the default --min-confidence chosen by cross-validation
    trees: FeatureTrees | None = None

    @property
    def reads(self) -> frozenset[str] | None:
        """The kinds of feature the trees split on ("anchor.dep" for "anchor.dep=nsubj"); None (weights): all."""
        return self.trees.kinds if self.trees is not None else None

    def score(self, features: Iterable[str]) -> float:
        if self.trees is not None:
            return float(self.trees.scores([features])[0])
        # an unknown feature adds nothing; map runs the lookups in C, in the features' order as a loop would
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))

    def scores(self, claims: list[Iterable[str]]) -> list[float]:
        """``score`` of each feature set, the trees run once over all of them."""
        if self.trees is not None:
            return self.trees.scores(claims).tolist() if claims else []
        return [self.score(features) for features in claims]

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.scale * self.score(features) + self.shift)

    def probabilities(self, claims: list[Iterable[str]]) -> list[float]:
        if self.trees is not None:  # the trees give an array: the Platt step over all of it at once
            return sigmoids(self.scale * (self.trees.scores(claims) if claims else np.zeros(0)) + self.shift).tolist()
        return [sigmoid(self.scale * score + self.shift) for score in self.scores(claims)]

    @classmethod
    def from_dict(cls, data: dict) -> "ConfidenceModel":
        platt = data.get("platt") or {}
        trees = FeatureTrees.from_dict(data["trees"]) if data.get("trees") else None
        return cls(dict(data.get("weights") or {}), float(data.get("bias", 0.0)), float(platt.get("scale", 1.0)),
                   float(platt.get("shift", 0.0)), float(data.get("threshold", 0.0)), trees)


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
    rescore_all([doc], model)


def rescore_all(docs: Iterable[Doc], model: ConfidenceModel) -> None:
    """``rescore`` for several documents, the model run once over all their claims."""
    claims = [claim for doc in docs for claim in claims_of(doc, model.reads)]
    for claim, probability in zip(claims, model.probabilities([claim.features for claim in claims])):
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

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """``nlp.pipe``'s way: a batch of documents scored in one run of the trees."""
        model = shipped_model()
        for batch in minibatch(docs, batch_size):
            if model is not None:
                rescore_all(batch, model)
            yield from batch
