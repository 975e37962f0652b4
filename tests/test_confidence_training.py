"""Training the confidence model: labels by the scorer's matching, folds by document, the same
model file from the same input, and the frozen test set kept out."""
from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from linernotes import confidence_training as training
from linernotes.cli import app
from linernotes.pipeline.confidence import ConfidenceModel, load_model

from .conftest import EXAMPLES, REPO

NAMES = ("01_aruzhan-bekova.txt", "02_timur-rakhimov.txt", "11_qyzyl-tan.txt", "14_usmonov-duo.txt")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> training.Corpus:
    """Four example biographies and their gold lines."""
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "docs").mkdir()
    lines = [line for line in (EXAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
             if json.loads(line)["doc"].split("/")[-1] in NAMES]
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in NAMES:
        (folder / "docs" / name).write_text((EXAMPLES / "bios" / name).read_text(encoding="utf-8"), encoding="utf-8")
    return training.Corpus(str(folder / "gold.jsonl"), (str(folder / "docs"),))


@pytest.fixture(scope="module")
def runs(tiny):
    return training.run_corpora([tiny])


def test_claims_are_labelled_by_the_scorers_matching(runs):
    labels = [label for run in runs for label in run.labels]
    assert len(runs) == len(NAMES) and True in labels and False in labels
    first = runs[0]
    dombra = [label for claim, label in zip(first.claims, first.labels) if (claim.relation, claim.key) == ("instrument", "dombra")]
    assert dombra == [True], "Aruzhan Bekova's dombra is in the gold"


def test_folds_split_documents_not_facts(runs):
    rows = training.Rows.of(runs)
    fold_of = training.split(rows.documents, 2, seed=1)
    assert set(fold_of) == set(range(len(runs))) and set(fold_of.values()) == {0, 1}
    assert training.split(rows.documents, 2, seed=1) == fold_of


def test_cross_validation_never_scores_a_document_with_a_model_that_saw_it(runs):
    rows = training.Rows.of(runs)
    seen: list[set[int]] = []

    def spy(part: training.Rows):
        seen.append(set(part.documents))
        return ConfidenceModel({}, 0.0), 1.0

    cv = training.cross_validate(rows, folds=2, seed=3, fit=spy)
    for fold, trained_on in enumerate(seen):
        scored = {d for d, f in cv.fold_of.items() if f == fold}
        assert scored and not scored & trained_on and scored | trained_on == set(range(len(runs)))


def test_training_twice_writes_the_same_bytes(tiny, tmp_path):
    paths = []
    for attempt in ("a", "b"):
        result = training.train([tiny], folds=2, seed=5)
        path = tmp_path / f"{attempt}.json"
        training.write_model(result.model, path)
        paths.append(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert data["trees"]["leaves"] and data["trained"]["documents"] == len(NAMES) and 0.0 <= data["threshold"] < 1.0
    assert data["trained"]["corpora"][0]["sha256"] and "f1_by_threshold" in data["cross_validation"]
    model = load_model(str(paths[0]))
    assert isinstance(model, ConfidenceModel) and 0.0 < model.probability(["relation=born_in"]) < 1.0
    load_model.cache_clear()


def test_capacity_is_chosen_by_inner_auc_the_smaller_among_equals():
    y = np.array([1.0, 1.0, 0.0, 1.0, 0.0])
    ranks_well = [0.9, 0.8, 0.1, 0.7, 0.2]  # every right claim above every wrong one
    ranks_badly = [0.1, 0.8, 0.9, 0.7, 0.2]
    grid = [(2, 50), (2, 100), (4, 100)]
    setting, scale, shift = training.choose(grid, [ranks_badly, ranks_well, ranks_well], y)
    assert setting == (2, 100) and scale > 0  # the Platt step keeps the order
    assert training.choose(grid, [ranks_well, ranks_well, ranks_badly], y)[0] == (2, 50)


def test_the_chosen_depth_and_number_of_trees_are_in_the_grid(runs):
    model, setting = training.fit_calibrated(training.Rows.of(runs), folds=2, seed=4)
    depth, trees = (int(n) for n in setting.split("x"))
    assert depth in training.TREE_DEPTHS and trees in training.TREE_COUNTS
    assert model.trees is not None and len(model.trees.trees.leaves) == trees and model.trees.trees.depth == depth


def test_the_logistic_learner_chooses_its_l2_strength_from_the_grid(runs):
    model, l2 = training.fit_calibrated(training.Rows.of(runs), folds=2, seed=4, learner="logistic")
    assert l2 in training.L2_GRID and model.trees is None and model.weights and model.reads is None


def test_the_threshold_is_the_best_pooled_f1_or_none():
    table = [{"threshold": t, "pooled": {"f1": f}} for t, f in ((0.0, 0.80), (0.3, 0.82), (0.4, 0.82), (0.6, 0.79))]
    assert training.best_threshold(table) == 0.3
    flat = [{"threshold": t, "pooled": {"f1": 0.8}} for t in (0.0, 0.5)]
    assert training.best_threshold(flat) == 0.0


def test_train_refuses_the_frozen_test_set():
    frozen = REPO / "eval" / "frozen"
    result = CliRunner().invoke(app, ["train", "--corpus", f"{frozen / 'gold.jsonl'}={frozen / 'docs'}"])
    assert result.exit_code == 2 and "held-out" in result.output
