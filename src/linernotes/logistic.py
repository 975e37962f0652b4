"""L2-regularised logistic regression over 0/1 features, and Platt scaling (numpy; deterministic).

Newton's method needs no learning rate and no random start, so the same data give the same
weights. Each row has a few dozen of a few thousand features, so the design is kept sparse (the
column indexes of its ones) and each Newton step is solved by conjugate gradients, which only
need products with the design.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # overflow-free


class Ones:
    """A 0/1 matrix by rows, each row the sorted column indexes of its ones, with a last column of
    ones for the bias (so that no row is empty)."""

    def __init__(self, rows: Sequence[Sequence[int]], columns: int) -> None:
        self.columns = columns + 1
        lengths = np.array([len(r) + 1 for r in rows], dtype=np.int64)
        self.indptr = np.concatenate([[0], np.cumsum(lengths)])
        self.indices = np.fromiter((j for r in rows for j in [*sorted(r), columns]), dtype=np.int64,
                                   count=int(lengths.sum()))
        self.lengths = lengths

    def dot(self, v: np.ndarray) -> np.ndarray:
        return np.add.reduceat(v[self.indices], self.indptr[:-1])

    def tdot(self, u: np.ndarray) -> np.ndarray:
        return np.bincount(self.indices, weights=np.repeat(u, self.lengths), minlength=self.columns)


def fit(rows: Sequence[Sequence[int]], columns: int, y: np.ndarray, l2: float, iterations: int = 50,
        tolerance: float = 1e-6) -> tuple[np.ndarray, float]:
    """Weights (one per column) and bias minimising the summed log loss plus ``l2/2 * |w|^2``
    (the bias is not penalised); ``rows`` are the column indexes of each example's ones."""
    A = Ones(rows, columns)
    penalty = np.full(A.columns, float(l2))
    penalty[-1] = 1e-6  # the bias, all but unpenalised (keeps the Hessian positive definite)
    w = np.zeros(A.columns)
    rate = min(max(float(np.mean(y)), 1e-6), 1 - 1e-6)
    w[-1] = np.log(rate / (1 - rate))  # start at the base rate
    def loss(w: np.ndarray) -> float:
        z = A.dot(w)
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * penalty @ (w * w))

    current = loss(w)
    for _ in range(iterations):
        p = sigmoid(A.dot(w))
        gradient = A.tdot(p - y) + penalty * w
        if np.max(np.abs(gradient)) < tolerance:
            break
        curvature = p * (1 - p)
        step = _conjugate_gradient(lambda v: A.tdot(curvature * A.dot(v)) + penalty * v, gradient,
                                   A.tdot(curvature) + penalty)
        for _ in range(30):  # backtrack until the loss falls (a Newton step can overshoot far from the optimum)
            trial = w - step
            value = loss(trial)
            if value <= current:
                break
            step = step / 2
        else:
            break
        w, current = trial, value
    return w[:-1], float(w[-1])


def _conjugate_gradient(product, b: np.ndarray, diagonal: np.ndarray, iterations: int = 500,
                        relative: float = 1e-4) -> np.ndarray:
    """x with product(x) = b for a symmetric positive definite ``product`` with this ``diagonal``
    (Jacobi preconditioning: one-hot features differ in frequency by thousands). An inexact
    solve is enough: Newton's outer loop stops on the gradient."""
    x = np.zeros_like(b)
    r = b.copy()
    z = r / diagonal
    direction = z.copy()
    rz = float(r @ z)
    stop = (relative * float(np.linalg.norm(b))) ** 2
    for _ in range(iterations):
        if float(r @ r) <= stop:
            break
        q = product(direction)
        alpha = rz / float(direction @ q)
        x += alpha * direction
        r -= alpha * q
        z = r / diagonal
        new = float(r @ z)
        direction = z + (new / rz) * direction
        rz = new
    return x


def fit_platt(scores: np.ndarray, y: np.ndarray, iterations: int = 100) -> tuple[float, float]:
    """``scale`` and ``shift`` of p = sigmoid(scale * score + shift), fitted to out-of-fold scores
    with Platt's smoothed targets (so a band of all-right facts does not push p to 1)."""
    positives, negatives = float(np.sum(y)), float(len(y) - np.sum(y))
    targets = np.where(y > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    A = np.column_stack([scores, np.ones_like(scores)])

    def loss(w: np.ndarray) -> float:
        z = A @ w
        return float(np.sum(np.logaddexp(0.0, z) - targets * z))

    w = np.array([0.0, float(np.log(targets.mean() / (1 - targets.mean())))])  # the base rate
    current = loss(w)
    for _ in range(iterations):
        p = sigmoid(A @ w)
        gradient = A.T @ (p - targets)
        if np.max(np.abs(gradient)) < 1e-9:
            break
        hessian = (A * (p * (1 - p))[:, None]).T @ A + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        for _ in range(30):  # backtrack: a full Newton step from far away can overshoot
            value = loss(w - step)
            if value <= current:
                break
            step = step / 2
        else:
            break
        w, current = w - step, value
    return float(w[0]), float(w[1])


def log_loss(probabilities: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(probabilities, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
