"""Boosted trees: they learn interactions a sum of weights cannot, score like a plain walk down each
tree, and give the same trees every time."""
from __future__ import annotations

import numpy as np
import pytest

from linernotes.boosting import Trees, fit


def xor_data(n: int = 400):
    """Right when exactly one of columns 0 and 1 is present; column 2 is noise."""
    rows, y = [], []
    for i in range(n):
        a, b, noise = i % 2 == 0, i % 3 == 0, i % 5 == 0
        rows.append([j for j, on in enumerate((a, b, noise)) if on])
        y.append(1.0 if a != b else 0.0)
    return rows, np.array(y)


def present(rows, columns):
    out = np.zeros((len(rows), columns), dtype=bool)
    for i, row in enumerate(rows):
        out[i, row] = True
    return out


def walk(trees: Trees, row: set[int]) -> float:
    """The score of one example, tree by tree, node by node."""
    total = trees.base
    for t in range(trees.features.shape[0]):
        node = 0
        for _ in range(trees.depth):
            column = trees.features[t, node]
            node = 2 * node + 1 if column >= 0 and column in row else 2 * node + 2
        total += trees.leaves[t, node - trees.features.shape[1]]
    return total


def test_trees_learn_an_interaction():
    rows, y = xor_data()
    model = fit(rows, 3, y, trees=60, depth=2, rate=0.3, l2=1.0)[-1]
    p = 1 / (1 + np.exp(-model.scores(present(rows, 3))))
    assert np.all((p > 0.5) == (y > 0.5))


def test_scores_are_the_walk_down_each_tree():
    rows, y = xor_data()
    model = fit(rows, 3, y, trees=25, depth=3, rate=0.2, l2=2.0)[-1]
    assert np.allclose(model.scores(present(rows, 3)), [walk(model, set(r)) for r in rows], rtol=0, atol=1e-12)
    assert model.depth == 3 and model.features.shape == (25, 7) and model.leaves.shape == (25, 8)


def test_checkpoints_are_the_first_trees_of_one_fit():
    rows, y = xor_data()
    fewer, more = fit(rows, 3, y, trees=30, depth=2, checkpoints=(10,))
    assert fewer.features.shape[0] == 10 and more.features.shape[0] == 30
    assert np.array_equal(fewer.features, more.features[:10]) and np.array_equal(fewer.leaves, more.leaves[:10])


def test_fit_is_deterministic_and_respects_the_least_curvature():
    rows, y = xor_data()
    a = fit(rows, 3, y, trees=20, depth=3)[-1]
    b = fit(rows, 3, y, trees=20, depth=3)[-1]
    assert np.array_equal(a.features, b.features) and np.array_equal(a.leaves, b.leaves)
    nothing = fit(rows, 3, y, trees=5, depth=2, min_hessian=1e9)[-1]  # no leaf may be that heavy: no split
    assert np.all(nothing.features == -1)
    assert np.allclose(nothing.scores(present(rows, 3)), nothing.base + nothing.leaves[:, -1].sum())


def test_no_trees_score_the_base_rate():
    empty = Trees(0.5, np.zeros((0, 3), dtype=np.int64), np.zeros((0, 4)))
    assert np.array_equal(empty.scores(np.zeros((2, 3), dtype=bool)), [0.5, 0.5])


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_scores_at_every_depth_and_with_unsplit_nodes(depth):
    rng = np.random.default_rng(depth)
    present = rng.random((60, 9)) < 0.3
    internal = 2 ** depth - 1
    trees = Trees(0.2, rng.integers(-1, 9, size=(7, internal)), rng.normal(size=(7, internal + 1)))
    expected = []
    for row in present:  # one row, one tree, one node at a time: present goes left (2k + 1), absent or no split right
        total = trees.base
        for split, leaves in zip(trees.features, trees.leaves):
            k = 0
            while k < internal:
                k = 2 * k + 1 if split[k] >= 0 and row[split[k]] else 2 * k + 2
            total += leaves[k - internal]
        expected.append(total)
    assert trees.scores(present) == pytest.approx(expected, abs=1e-12)
