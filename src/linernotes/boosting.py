"""Gradient-boosted trees over 0/1 features, for the log loss (numpy; deterministic).

Each tree has a fixed depth and splits on whether one feature is present, so a tree reads an
interaction of up to ``depth`` features ("an ensemble member's fact, in a list item, of a genre").
Trees are grown level by level by Newton boosting (the second-order gain of XGBoost with an L2
penalty ``l2`` on leaf values), each leaf shrunk by ``rate``. Sums over examples are
``np.bincount`` over the sparse ones, which adds in a fixed order: the same data give the same
trees on every run (no BLAS, no randomness, ties broken by the lowest column).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class Trees:
    """``features[t, k]``: the column internal node ``k`` (heap order) of tree ``t`` splits on, -1
    for no split (everything goes the absent way); ``leaves[t, j]``: the score leaf ``j`` adds."""

    base: float
    features: np.ndarray  # int, (trees, 2**depth - 1)
    leaves: np.ndarray  # float, (trees, 2**depth)

    @property
    def depth(self) -> int:
        return int(self.leaves.shape[1]).bit_length() - 1

    def scores(self, present: np.ndarray) -> np.ndarray:
        """The summed score of each row of the boolean ``present`` (rows x columns); a column of -1
        reads as absent."""
        rows, (trees, internal) = present.shape[0], self.features.shape
        if trees == 0:
            return np.full(rows, self.base)
        columns = present.shape[1] + 1
        flat = np.zeros((rows, columns), dtype=bool)  # a last column never present: where "no split" points
        flat[:, :-1] = present
        flat = flat.ravel()
        index = np.int32 if rows * columns < 2 ** 31 else np.int64  # half the memory traffic of int64
        split = np.where(self.features < 0, columns - 1, self.features).astype(index).ravel()
        first = np.arange(trees, dtype=index) * internal  # tree t's root, in the flat heap of all trees
        node = np.broadcast_to(first, (rows, trees)).copy()
        row = (np.arange(rows, dtype=index) * columns)[:, None]
        step = 2 - first  # heap child of global node g: 2g - first + 1 (present), + 2 (absent)
        for _ in range(self.depth):
            node = 2 * node + step - flat.take(row + split.take(node))
        return self.base + self.leaves.ravel().take(node + (np.arange(trees, dtype=index) - internal)).sum(axis=1)


def fit(rows: Sequence[Sequence[int]], columns: int, y: np.ndarray, trees: int, depth: int = 3, rate: float = 0.1,
        l2: float = 1.0, min_hessian: float = 1.0, checkpoints: Sequence[int] = ()) -> list[Trees]:
    """Boosted trees fitted to labels ``y`` (0/1); ``rows`` are the column indexes of each example's
    ones. Returns the model after ``trees`` trees, preceded by the models after each of ``checkpoints``
    (fewer trees: one fit gives the candidates that inner cross-validation chooses among)."""
    n = len(rows)
    lengths = np.array([len(r) for r in rows], dtype=np.int64)
    example = np.repeat(np.arange(n), lengths)
    column = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(lengths.sum()))
    rate_y = min(max(float(np.mean(y)), 1e-6), 1 - 1e-6)
    base = float(np.log(rate_y / (1 - rate_y)))
    score = np.full(n, base)
    internal = 2 ** depth - 1
    features = np.full((trees, internal), -1, dtype=np.int64)
    leaves = np.zeros((trees, internal + 1))
    wanted = sorted({t for t in checkpoints if 0 < t < trees} | {trees})
    out = []
    for t in range(trees):
        p = 0.5 * (1.0 + np.tanh(0.5 * score))
        g, h = p - y, p * (1 - p)
        node = np.zeros(n, dtype=np.int64)  # each example's node at the current level, heap order
        for level in range(depth):
            first, width = 2 ** level - 1, 2 ** level
            local = node - first
            G = np.bincount(local, weights=g, minlength=width)
            H = np.bincount(local, weights=h, minlength=width)
            key = local[example] * columns + column
            GL = np.bincount(key, weights=g[example], minlength=width * columns).reshape(width, columns)
            HL = np.bincount(key, weights=h[example], minlength=width * columns).reshape(width, columns)
            GR, HR = G[:, None] - GL, H[:, None] - HL
            gain = GL ** 2 / (HL + l2) + GR ** 2 / (HR + l2) - (G ** 2 / (H + l2))[:, None]
            gain[(HL < min_hessian) | (HR < min_hessian)] = -np.inf
            best = np.argmax(gain, axis=1)  # the lowest column among equals
            split = gain[np.arange(width), best] > 1e-12
            chosen = np.where(split, best, -1)
            features[t, first:first + width] = chosen
            match = column == chosen[local][example]  # the example has the column its node splits on
            has = np.bincount(example[match], minlength=n) > 0
            node = 2 * node + 2 - has
        leaf = node - internal
        G = np.bincount(leaf, weights=g, minlength=internal + 1)
        H = np.bincount(leaf, weights=h, minlength=internal + 1)
        leaves[t] = -rate * G / (H + l2)
        score = score + leaves[t][leaf]
        if t + 1 in wanted:
            out.append(Trees(base, features[:t + 1].copy(), leaves[:t + 1].copy()))
    return out
