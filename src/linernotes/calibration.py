"""How well confidences say how often facts are right: reliability table, ECE, ROC AUC.

Inputs are parallel sequences of confidences (0..1) and labels (True: the fact is right).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

BANDS = 10


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    count: int
    right: int
    mean_confidence: float

    @property
    def precision(self) -> float | None:
        return self.right / self.count if self.count else None


def band_of(confidence: float, bands: int = BANDS) -> int:
    """0 for [0, 0.1), ..., bands - 1 for [0.9, 1.0] (1.0 falls in the last band)."""
    return min(max(int(confidence * bands), 0), bands - 1)


def reliability_table(confidences: Sequence[float], labels: Sequence[bool], bands: int = BANDS) -> list[Band]:
    counts, rights, sums = [0] * bands, [0] * bands, [0.0] * bands
    for confidence, label in zip(confidences, labels, strict=True):
        b = band_of(confidence, bands)
        counts[b] += 1
        rights[b] += bool(label)
        sums[b] += confidence
    return [Band(b / bands, (b + 1) / bands, counts[b], rights[b], sums[b] / counts[b] if counts[b] else 0.0)
            for b in range(bands)]


def expected_calibration_error(confidences: Sequence[float], labels: Sequence[bool], bands: int = BANDS) -> float:
    """The facts-weighted mean gap between each band's precision and its mean confidence."""
    total = len(confidences)
    if not total:
        return 0.0
    return sum(b.count / total * abs(b.right / b.count - b.mean_confidence)
               for b in reliability_table(confidences, labels, bands) if b.count)


def roc_auc(confidences: Sequence[float], labels: Sequence[bool]) -> float | None:
    """The chance that a right fact has a higher confidence than a wrong one (ties count half);
    None when either kind is missing."""
    pairs = sorted(zip(confidences, labels, strict=True))
    positives = sum(1 for _, label in pairs if label)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return None
    rank_sum, i = 0.0, 0
    while i < len(pairs):  # ranks from 1, tied confidences share their mean rank
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2
        rank_sum += mean_rank * sum(1 for _, label in pairs[i:j] if label)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def summary(confidences: Sequence[float], labels: Sequence[bool], bands: int = BANDS) -> dict:
    """Everything above as one JSON-ready dict."""
    table = reliability_table(confidences, labels, bands)
    auc = roc_auc(confidences, labels)
    return {
        "facts": len(confidences), "right": sum(1 for label in labels if label),
        "ece": round(expected_calibration_error(confidences, labels, bands), 4),
        "auc": round(auc, 4) if auc is not None else None,
        "bands": [{"band": f"{b.low:.1f}-{b.high:.1f}", "facts": b.count,
                   "precision": round(b.precision, 4) if b.precision is not None else None,
                   "mean_confidence": round(b.mean_confidence, 4) if b.count else None} for b in table],
    }


def format_summary(data: dict) -> str:
    """The reliability table, ECE and AUC as text."""
    lines = [f"{'confidence':<12}{'facts':>7}{'precision':>11}{'mean conf':>11}"]
    for band in data["bands"]:
        precision = f"{band['precision']:.3f}" if band["precision"] is not None else "-"
        mean = f"{band['mean_confidence']:.3f}" if band["mean_confidence"] is not None else "-"
        lines.append(f"{band['band']:<12}{band['facts']:>7}{precision:>11}{mean:>11}")
    auc = f"{data['auc']:.3f}" if data["auc"] is not None else "-"
    lines.append(f"facts {data['facts']} ({data['right']} right)   ECE {data['ece']:.3f}   ROC AUC right vs wrong {auc}")
    return "\n".join(lines)
