"""Train the confidence model on gold corpora, and measure it by document-level cross-validation.

1. Run the pipeline on every document of every corpus; each claim (a person's relation and value
   as the output shows it) gets its features and a label: right, wrong, or neither (it matches
   only an optional gold fact), judged by the scorer's matching (``evaluate.fact_verdicts``).
2. ``fit_calibrated``: boosted trees on the labelled claims (``boosting``; or, with
   ``learner="logistic"``, a logistic regression), their depth and number (the L2 strength) chosen
   and the Platt step fitted on out-of-fold scores of an inner document-level split of the
   training documents only (nested cross-validation: the held-out fold never chooses anything).
3. ``cross_validate``: the whole of step 2 again for each of k folds of documents, each fold
   scored by the model fitted on the others; the pooled out-of-fold probabilities give the
   reliability table, ECE, AUC and the F1 of each threshold, and the threshold that maximises it.
4. The shipped model: step 2 on every document, with the threshold from step 3.

Everything is deterministic (sorted inputs, a seeded split, Newton's method, sums in a fixed order,
rounded weights):
the same corpora and code give a byte-identical model file.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
from spacy.tokens import Doc

from . import boosting, calibration, logistic
from .evaluate import Tally, fact_verdicts, read_gold, score
from .pipeline import people_of, shared_pipeline, shown, to_document
from .pipeline.confidence import MODEL_PATH, ConfidenceModel, FeatureTrees
from .pipeline.confidence_features import Claim, claim_key, claims_of
from .reader import Source, read_sources

ROOT = Path(__file__).resolve().parents[2]  # the repository, when run from a checkout
SEED = 12
FOLDS = 5
L2_GRID = (1.0, 3.0, 10.0, 30.0)
#: A feature seen in fewer training claims than this gets no weight (it would only learn noise).
MIN_COUNT = 3
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(20))
#: The boosted trees: shrinkage, the L2 penalty on leaf values and the least summed curvature a leaf
#: may hold; their depth (interactions of up to that many features) and number are chosen by inner
#: cross-validation from ``TREE_DEPTHS`` x ``TREE_COUNTS``, the pair whose out-of-fold scores rank
#: right above wrong claims best (AUC; ties to the smaller model): a monotone Platt step then makes
#: the scores probabilities, so the ranking is all the capacity has to get right.
TREES = {"rate": 0.05, "l2": 20.0, "min_hessian": 1.0}
TREE_DEPTHS = (2, 3, 4)
TREE_COUNTS = (50, 100, 150, 200, 300)
LEARNERS = ("trees", "logistic")


@dataclass(frozen=True)
class Corpus:
    gold: str
    docs: tuple[str, ...]


def default_corpora(root: Path = ROOT) -> list[Corpus]:
    """The gold corpora beside the repository: the shared dev set and seeds, and our examples.
    Never the frozen test set (``eval/frozen``): it is reported separately, as held-out."""
    shared = root.parent / "shared" / "eval"
    return [
        Corpus(str(shared / "dev" / "gold.jsonl"), tuple(str(shared / "dev" / p / "docs") for p in ("part1", "part2", "part3"))),
        Corpus(str(shared / "seeds.gold.jsonl"), (str(shared / "seeds"),)),
        Corpus(str(root / "examples" / "gold.jsonl"), (str(root / "examples" / "bios"),)),
    ]


@dataclass
class Run:
    """One gold document through the pipeline: its claims and their labels (None: neither)."""

    corpus: int
    name: str
    doc: Doc
    claims: list[Claim]
    labels: list[bool | None]


def label_claims(doc: Doc, claims: list[Claim], gold: dict) -> list[bool | None]:
    """Each claim's verdict, from the output it makes (the people the output shows, aligned to the gold)."""
    persons = [(i, p) for i, p in enumerate(people_of(doc)) if shown(p)]
    pred = {"people": [p.to_dict() for _, p in persons]}
    verdict_of: dict[tuple[int, str, str], bool | None] = {}
    for (index, _), person, verdicts in zip(persons, pred["people"], fact_verdicts(gold, pred)):
        for fact, verdict in zip(person["facts"], verdicts):
            verdict_of[index, fact["relation"], fact["value"].casefold()] = verdict
    return [verdict_of[(c.person, c.relation, c.key)] for c in claims]


def run_corpora(corpora: Sequence[Corpus], warn: Callable[[str], None] = lambda message: None) -> list[Run]:
    nlp = shared_pipeline()
    runs = []
    for index, corpus in enumerate(corpora):
        gold = read_gold(corpus.gold)
        sources = sorted((s for s in read_sources(list(corpus.docs)) if isinstance(s, Source)), key=lambda s: s.doc)
        for source in sources:
            record = gold.get(os.path.basename(source.doc))
            if record is None:
                warn(f"{source.path}: not in {corpus.gold}; not used")
                continue
            doc = nlp(source.text)
            claims = claims_of(doc)
            runs.append(Run(index, source.doc, doc, claims, label_claims(doc, claims, record)))
    return runs


@dataclass
class Rows:
    """The claims as training rows: features, label (None: neither), and the document they come from."""

    features: list[frozenset[str]] = field(default_factory=list)
    labels: list[bool | None] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, runs: Sequence[Run]) -> "Rows":
        rows = cls()
        for number, run in enumerate(runs):
            for claim, label in zip(run.claims, run.labels):
                rows.features.append(frozenset(claim.features))
                rows.labels.append(label)
                rows.documents.append(number)
        return rows

    def subset(self, keep: Iterable[int]) -> "Rows":
        keep = list(keep)
        return Rows([self.features[i] for i in keep], [self.labels[i] for i in keep], [self.documents[i] for i in keep])

    def labelled(self) -> "Rows":
        return self.subset(i for i, label in enumerate(self.labels) if label is not None)


def split(documents: Sequence[int], folds: int, seed: int) -> dict[int, int]:
    """Each document's fold: a seeded shuffle of the sorted documents, dealt round."""
    order = sorted(set(documents))
    shuffled = np.random.default_rng(seed).permutation(len(order))
    return {order[j]: position % folds for position, j in enumerate(shuffled)}


def columns(rows: Rows, names: list[str]) -> list[list[int]]:
    """Each row's features as column indexes into ``names`` (features not in it dropped)."""
    column = {name: j for j, name in enumerate(names)}
    return [[column[name] for name in features if name in column] for features in rows.features]


def fit_plain(rows: Rows, l2: float) -> ConfidenceModel:
    """Logistic regression on the labelled rows (no calibration step)."""
    rows = rows.labelled()
    counts = Counter(name for features in rows.features for name in features)
    names = sorted(name for name, n in counts.items() if n >= MIN_COUNT)
    y = np.array([1.0 if label else 0.0 for label in rows.labels])
    weights, bias = logistic.fit(columns(rows, names), len(names), y, l2)
    return ConfidenceModel(dict(zip(names, (float(w) for w in weights))), bias)


def fit_trees(rows: Rows, counts: Sequence[int] = TREE_COUNTS, depth: int = TREE_DEPTHS[-1]) -> list[ConfidenceModel]:
    """Boosted trees of ``depth`` on the labelled rows (no calibration step), one model per number of
    trees in ``counts`` (one fit: each is the first trees of the largest)."""
    rows = rows.labelled()
    counts = sorted(set(counts))
    counted = Counter(name for features in rows.features for name in features)
    names = sorted(name for name, n in counted.items() if n >= MIN_COUNT)
    y = np.array([1.0 if label else 0.0 for label in rows.labels])
    fitted = boosting.fit([sorted(r) for r in columns(rows, names)], len(names), y, counts[-1], depth=depth,
                          checkpoints=counts, **TREES)
    return [ConfidenceModel({}, 0.0, trees=compact(names, trees)) for trees in fitted]


def compact(names: list[str], trees: boosting.Trees) -> FeatureTrees:
    """The trees with only the columns they split on, renumbered, and those columns' names."""
    used = sorted({int(j) for j in trees.features.ravel() if j >= 0})
    renumber = {j: k for k, j in enumerate(used)}
    features = np.array([[renumber.get(int(j), -1) for j in row] for row in trees.features], dtype=np.int64)
    return FeatureTrees(tuple(names[j] for j in used), boosting.Trees(trees.base, features.reshape(trees.features.shape),
                                                                       trees.leaves))


def out_of_fold_scores(rows: Rows, folds: int, seed: int, fit: Callable[[Rows], Sequence[ConfidenceModel]]) -> list[list[float]]:
    """Each row's scores (before the Platt step), one per model ``fit`` returns, from the models
    fitted on the other folds' documents."""
    fold_of = split(rows.documents, folds, seed)
    predicted: list[list[float]] = [[] for _ in rows.features]
    for fold in range(folds):
        held = [i for i, d in enumerate(rows.documents) if fold_of[d] == fold]
        if not held:
            continue
        models = fit(rows.subset(i for i, d in enumerate(rows.documents) if fold_of[d] != fold))
        for model in models:
            for i, score in zip(held, model.scores([rows.features[i] for i in held])):
                predicted[i].append(score)
    return predicted


def fit_calibrated(rows: Rows, folds: int = FOLDS, seed: int = SEED, learner: str = "trees") -> tuple[ConfidenceModel, str]:
    """The model fitted on ``rows`` with the depth and number of trees (for ``learner="logistic"``:
    the L2 strength) whose inner out-of-fold scores have the highest AUC (logistic: the smallest log
    loss), and Platt's step fitted on those scores; and that setting ("4x200": depth x trees)."""
    labelled = rows.labelled()
    y = np.array([1.0 if label else 0.0 for label in labelled.labels])
    if learner == "trees":
        counts = sorted(set(TREE_COUNTS))
        grid = [(depth, n) for depth in TREE_DEPTHS for n in counts]
        oof = [score for depth in TREE_DEPTHS  # each depth one fit per inner fold, the counts its checkpoints
               for score in zip(*out_of_fold_scores(labelled, folds, seed + 1, lambda part: fit_trees(part, counts, depth)))]
    else:
        grid = list(L2_GRID)
        oof = list(zip(*out_of_fold_scores(labelled, folds, seed + 1, lambda part: [fit_plain(part, l2) for l2 in grid])))
    setting, scale, shift = choose(grid, oof, y, by_auc=learner == "trees")
    if learner == "trees":
        depth, n = setting
        plain, label = fit_trees(labelled, [n], depth)[0], f"{depth}x{n}"
    else:
        plain, label = fit_plain(labelled, setting), setting
    return ConfidenceModel(plain.weights, plain.bias, scale, shift, trees=plain.trees), label


def choose(grid: Sequence, oof: Sequence[Sequence[float]], y: np.ndarray, by_auc: bool = True) -> tuple[object, float, float]:
    """The setting of ``grid`` whose out-of-fold scores (``oof[k]`` for ``grid[k]``) have the highest
    AUC (``by_auc=False``: the smallest log loss once Platt-scaled), the first among equals; and the
    Platt step fitted on its scores."""
    best = None
    for setting, scores in zip(grid, oof):
        scores = np.array(scores)
        scale, shift = logistic.fit_platt(scores, y)
        if by_auc:
            quality = calibration.roc_auc(scores.tolist(), (y > 0).tolist()) or 0.0
        else:
            quality = -logistic.log_loss(logistic.sigmoid(scale * scores + shift), y)
        if best is None or quality > best[0] + 1e-12:
            best = (quality, setting, scale, shift)
    return best[1:]


@dataclass
class CrossValidation:
    probabilities: list[float]  # per row, each from a model that never saw its document
    fold_of: dict[int, int]
    chosen_by_fold: list  # the depth x trees ("4x200"; the L2 strength) each fold's inner split chose


def cross_validate(rows: Rows, folds: int = FOLDS, seed: int = SEED,
                   fit: Callable[[Rows], tuple[ConfidenceModel, object]] = fit_calibrated) -> CrossValidation:
    """Out-of-fold probabilities: every document is scored by a model fitted without it."""
    fold_of = split(rows.documents, folds, seed)
    probabilities = [0.0] * len(rows.features)
    chosen = []
    for fold in range(folds):
        train = [i for i, d in enumerate(rows.documents) if fold_of[d] != fold]
        model, setting = fit(rows.subset(train))
        chosen.append(setting)
        held = [i for i, d in enumerate(rows.documents) if fold_of[d] == fold]
        for i, p in zip(held, model.probabilities([rows.features[i] for i in held])):
            probabilities[i] = p
    return CrossValidation(probabilities, fold_of, chosen)


def set_confidences(runs: Sequence[Run], probabilities: Sequence[float]) -> None:
    """Give every fact of every claim its claim's probability (rows are the runs' claims in order)."""
    values = iter(probabilities)
    for run in runs:
        for claim in run.claims:
            p = next(values)
            for fact in claim.facts:
                fact.confidence = p


def documents(runs: Sequence[Run], min_confidence: float) -> list[dict]:
    return [to_document(run.doc, run.name, min_confidence).to_dict() for run in runs]


def f1_by_threshold(runs: Sequence[Run], corpora: Sequence[Corpus], thresholds: Sequence[float] = THRESHOLDS) -> list[dict]:
    """For each threshold, the facts' micro P/R/F1 per corpus and pooled (the scorer's tallies summed)."""
    golds = [read_gold(c.gold) for c in corpora]
    out = []
    for threshold in thresholds:
        predicted = documents(runs, threshold)
        per_corpus, pooled = [], [0, 0, 0]
        for index, gold in enumerate(golds):
            mine = [p for p, run in zip(predicted, runs) if run.corpus == index]
            micro = score(gold, mine).facts.micro()
            per_corpus.append(micro)
            pooled = [pooled[0] + micro["tp"], pooled[1] + micro["fp"], pooled[2] + micro["fn"]]
        out.append({"threshold": threshold, "pooled": Tally.prf(*pooled), "corpora": per_corpus})
    return out


def best_threshold(table: list[dict]) -> float:
    """The threshold of the highest pooled F1; 0 unless filtering beats keeping everything."""
    best = max(table, key=lambda row: (row["pooled"]["f1"], -row["threshold"]))
    return best["threshold"] if best["pooled"]["f1"] > table[0]["pooled"]["f1"] else 0.0


def corpus_digest(corpus: Corpus) -> str:
    digest = hashlib.sha256(Path(corpus.gold).read_bytes())
    for source in sorted((s for s in read_sources(list(corpus.docs)) if isinstance(s, Source)), key=lambda s: s.doc):
        digest.update(source.doc.encode() + b"\0" + source.text.encode() + b"\0")
    return digest.hexdigest()


def provenance(root: Path = ROOT) -> dict:
    """The commit the model was trained at, its date, and whether the code had uncommitted changes."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "date": None, "uncommitted_changes": None}
    changed = [line for line in (git("status", "--porcelain", "--", "src") or "").splitlines()
               if not line.endswith(MODEL_PATH.name)]
    return {"commit": commit, "date": git("log", "-1", "--format=%cI"), "uncommitted_changes": bool(changed)}


def relative(path: str, root: Path = ROOT) -> str:
    return os.path.relpath(os.path.abspath(path), root)


@dataclass
class Training:
    model: dict  # what is written to the model file
    runs: list[Run]
    cv_probabilities: list[float]
    threshold: float


def train(corpora: Sequence[Corpus], folds: int = FOLDS, seed: int = SEED,
          warn: Callable[[str], None] = lambda message: None, learner: str = "trees") -> Training:
    origin = provenance()  # before the long run: the code it starts from
    runs = run_corpora(corpora, warn)
    rows = Rows.of(runs)
    fit = lambda part: fit_calibrated(part, folds, seed, learner)  # noqa: E731
    cv = cross_validate(rows, folds, seed, fit)
    labelled = [i for i, label in enumerate(rows.labels) if label is not None]
    pooled = calibration.summary([cv.probabilities[i] for i in labelled], [bool(rows.labels[i]) for i in labelled])
    set_confidences(runs, cv.probabilities)
    table = f1_by_threshold(runs, corpora)
    threshold = best_threshold(table)
    model, chosen = fit_calibrated(rows, folds, seed, learner)
    by_corpus = []
    for index, corpus in enumerate(corpora):
        mine = [i for i in labelled if runs[rows.documents[i]].corpus == index]
        by_corpus.append({
            "gold": relative(corpus.gold), "docs": [relative(d) for d in corpus.docs], "sha256": corpus_digest(corpus),
            "documents": sum(1 for run in runs if run.corpus == index),
            "claims": sum(len(run.claims) for run in runs if run.corpus == index), "labelled": len(mine),
            "cross_validated": calibration.summary([cv.probabilities[i] for i in mine], [bool(rows.labels[i]) for i in mine]),
        })
    if learner == "trees":
        about = "boosted trees over claim features, then Platt scaling"
        settings = {"learner": learner, "trees": chosen, "tree_depths": list(TREE_DEPTHS), "tree_counts": list(TREE_COUNTS),
                    **TREES}
        fitted = {"trees": model.trees.to_dict()}
    else:
        about = "logistic regression over claim features, then Platt scaling"
        settings = {"learner": learner, "l2": chosen, "l2_grid": list(L2_GRID)}
        fitted = {"bias": round(model.bias, 6), "weights": {name: round(w, 6) for name, w in sorted(model.weights.items())}}
    data = {
        "about": f"linernotes confidence model: {about}; "
                 "written by `linernotes train` (see the README, 'What the confidence means')",
        "trained": {**origin, "corpora": by_corpus, "documents": len(runs), "labelled_claims": len(labelled),
                    "folds": folds, "seed": seed, **settings, "min_count": MIN_COUNT},
        "threshold": threshold,
        "platt": {"scale": round(model.scale, 6), "shift": round(model.shift, 6)},
        **fitted,
        "cross_validation": {**pooled, "chosen_by_fold": cv.chosen_by_fold, "threshold": threshold,
                             "f1_by_threshold": [{"threshold": row["threshold"], **row["pooled"]} for row in table],
                             "f1_unfiltered": table[0]["pooled"],
                             "f1_at_threshold": next(r["pooled"] for r in table if r["threshold"] == threshold)},
    }
    return Training(data, runs, cv.probabilities, threshold)


def write_model(data: dict, path: Path = MODEL_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def write_cv_predictions(training: Training, path: Path, min_confidence: float) -> None:
    """The out-of-fold extraction as ``linernotes extract --format jsonl`` would print it."""
    set_confidences(training.runs, training.cv_probabilities)
    with open(path, "w", encoding="utf-8") as handle:
        for document in documents(training.runs, min_confidence):
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
