"""Calibration metrics on inputs worked out by hand."""
from __future__ import annotations

import pytest

from linernotes.calibration import band_of, expected_calibration_error, reliability_table, roc_auc, summary


def test_bands_are_tenths_and_one_falls_in_the_last():
    assert [band_of(p) for p in (0.0, 0.05, 0.1, 0.55, 0.9, 0.99, 1.0)] == [0, 0, 1, 5, 9, 9, 9]


def test_reliability_table_counts_precision_and_mean_confidence_per_band():
    table = reliability_table([0.92, 0.96, 0.94, 0.15, 0.12], [True, True, False, False, True])
    top, low = table[9], table[1]
    assert (top.count, top.right) == (3, 2) and top.precision == pytest.approx(2 / 3)
    assert top.mean_confidence == pytest.approx(0.94)
    assert (low.count, low.right, low.mean_confidence) == (2, 1, pytest.approx(0.135))
    assert table[5].count == 0 and table[5].precision is None


def test_ece_is_the_fact_weighted_gap_between_precision_and_confidence():
    # band 0.9: 3 facts, precision 2/3, mean 0.94 -> gap 0.2733; band 0.1: 2 facts, precision 0.5, mean 0.135 -> 0.365
    confidences, labels = [0.92, 0.96, 0.94, 0.15, 0.12], [True, True, False, False, True]
    expected = 3 / 5 * abs(2 / 3 - 0.94) + 2 / 5 * abs(0.5 - 0.135)
    assert expected_calibration_error(confidences, labels) == pytest.approx(expected)
    assert expected_calibration_error([0.25, 0.25, 0.25, 0.25], [True, False, False, False]) == pytest.approx(0.0)
    assert expected_calibration_error([], []) == 0.0


def test_auc_counts_pairs_ranked_right_and_ties_as_half():
    assert roc_auc([0.9, 0.8, 0.3, 0.1], [True, True, False, False]) == 1.0
    assert roc_auc([0.1, 0.2, 0.8, 0.9], [True, True, False, False]) == 0.0
    # pairs (right, wrong): (0.9,0.5) yes, (0.9,0.3) yes, (0.5,0.5) tie, (0.5,0.3) yes -> 3.5 of 4
    assert roc_auc([0.9, 0.5, 0.5, 0.3], [True, True, False, False]) == pytest.approx(3.5 / 4)
    assert roc_auc([0.5, 0.6], [True, True]) is None


def test_summary_is_json_ready():
    data = summary([0.95, 0.85, 0.2], [True, False, False])
    assert data["facts"] == 3 and data["right"] == 1 and len(data["bands"]) == 10
    assert data["bands"][9] == {"band": "0.9-1.0", "facts": 1, "precision": 1.0, "mean_confidence": 0.95}
    assert data["auc"] == 1.0
