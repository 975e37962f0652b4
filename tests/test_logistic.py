"""The logistic regression and Platt step: they learn what the data say, the same way every time."""
from __future__ import annotations

import numpy as np

from linernotes.logistic import Ones, fit, fit_platt, log_loss, sigmoid


def data():
    # column 0 marks mostly right rows, column 1 mostly wrong ones, column 2 is noise
    rows, y = [], []
    for i in range(200):
        right = i % 4 != 0
        marker = 0 if (right if i % 10 else not right) else 1
        rows.append([marker] + ([2] if i % 3 == 0 else []))
        y.append(1.0 if right else 0.0)
    return rows, np.array(y)


def test_sparse_rows_multiply_like_the_dense_matrix():
    A = Ones([[0, 2], [1], []], 3)
    dense = np.array([[1, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 1]], dtype=float)
    v, u = np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, -1.0, 2.0])
    assert np.allclose(A.dot(v), dense @ v) and np.allclose(A.tdot(u), dense.T @ u)


def test_fit_learns_the_signs_and_shrinks_with_the_penalty():
    rows, y = data()
    weights, _ = fit(rows, 3, y, l2=1.0)
    assert weights[0] > 1.0 > -1.0 > weights[1] and abs(weights[2]) < 0.5
    shrunk, _ = fit(rows, 3, y, l2=100.0)
    assert abs(shrunk[0]) < abs(weights[0])


def test_fit_is_deterministic():
    rows, y = data()
    first, bias = fit(rows, 3, y, l2=3.0)
    again, bias_again = fit(rows, 3, y, l2=3.0)
    assert first.tobytes() == again.tobytes() and bias == bias_again


def test_platt_step_fixes_overconfident_scores():
    rng = np.random.default_rng(0)
    truth = rng.uniform(-2, 2, 2000)
    y = (rng.uniform(size=2000) < sigmoid(truth)).astype(float)
    scale, shift = fit_platt(3 * truth + 1, y)  # scores three times too sure, and shifted
    assert abs(scale - 1 / 3) < 0.08 and abs(shift + 1 / 3) < 0.2
    assert log_loss(sigmoid(scale * (3 * truth + 1) + shift), y) < log_loss(sigmoid(3 * truth + 1), y)
