"""``linernotes train``: fit the confidence model on gold corpora and report it cross-validated."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from . import calibration, confidence_training as training
from .cli import app, err
from .pipeline.confidence import MODEL_PATH, load_model


def _corpus(spec: str) -> training.Corpus:
    gold, _, docs = spec.partition("=")
    if not gold or not docs:
        raise typer.BadParameter(f"{spec!r}: expected GOLD=DOCS[,DOCS...]")
    return training.Corpus(gold, tuple(docs.split(",")))


@app.command()
def train(
    corpus: Optional[List[str]] = typer.Option(
        None, "--corpus", metavar="GOLD=DOCS[,DOCS...]",
        help="A gold file and the document directories it describes; repeat for several. Default: the shared dev "
             "set and seeds (../shared/eval) and examples/; never eval/frozen, the held-out test set."),
    folds: int = typer.Option(training.FOLDS, "--folds", min=2, help="Document-level cross-validation folds."),
    seed: int = typer.Option(training.SEED, "--seed", help="Seed of the split of documents into folds."),
    learner: str = typer.Option("trees", "--learner", help="trees (boosted trees, the default) or logistic "
                                "(the logistic regression of before, for comparison)."),
    model: Path = typer.Option(MODEL_PATH, "--model", help="Where to write the model (default: the one the package ships)."),
    report_dir: Path = typer.Option(Path("build/confidence"), "--report-dir",
                                    help="Where to write cv.json and the out-of-fold extractions cv.pred.jsonl "
                                         "(facts below the chosen threshold left out) and cv.all.pred.jsonl (none left out)."),
) -> None:
    """Train the confidence model (reproducibly) and print its cross-validated calibration and F1."""
    if learner not in training.LEARNERS:
        raise typer.BadParameter(f"{learner!r}: expected one of {', '.join(training.LEARNERS)}", param_hint="--learner")
    corpora = [_corpus(spec) for spec in corpus] if corpus else training.default_corpora()
    frozen = training.ROOT / "eval" / "frozen"
    for item in corpora:
        for path in (item.gold, *item.docs):
            if Path(path).resolve().is_relative_to(frozen.resolve()):
                err.print(f"error: {path} is in eval/frozen, the held-out test set: never train on it", markup=False)
                raise typer.Exit(2)
            if not Path(path).exists():
                err.print(f"error: {path}: no such file or directory", markup=False)
                raise typer.Exit(2)
    result = training.train(corpora, folds, seed, warn=lambda message: err.print(f"warning: {message}", markup=False),
                            learner=learner)
    training.write_model(result.model, model)
    load_model.cache_clear()
    report_dir.mkdir(parents=True, exist_ok=True)
    cv = result.model["cross_validation"]
    (report_dir / "cv.json").write_text(json.dumps(cv, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    training.write_cv_predictions(result, report_dir / "cv.pred.jsonl", result.threshold)
    training.write_cv_predictions(result, report_dir / "cv.all.pred.jsonl", 0.0)
    trained = result.model["trained"]
    chosen = "depth x trees" if learner == "trees" else "L2 strength"
    print(f"{folds}-fold cross-validation by document over {trained['documents']} documents, "
          f"{trained['labelled_claims']} facts judged right or wrong ({learner}; {chosen} chosen by each fold: "
          f"{', '.join(str(c) for c in cv['chosen_by_fold'])}):")
    print(calibration.format_summary(cv))
    print(f"{'min confidence':<16}{'P':>8}{'R':>8}{'F1':>8}   (facts, all corpora pooled, out-of-fold)")
    for row in cv["f1_by_threshold"]:
        mark = "  <- default threshold" if row["threshold"] == result.threshold else ""
        print(f"{row['threshold']:<16.2f}{row['p']:>8.3f}{row['r']:>8.3f}{row['f1']:>8.3f}{mark}")
    for item in trained["corpora"]:
        c = item["cross_validated"]
        print(f"{item['gold']}: {item['documents']} documents, {item['labelled']} facts judged, "
              f"AUC {c['auc'] if c['auc'] is not None else '-'}, ECE {c['ece']:.3f}")
    print(f"model written to {model}; out-of-fold extractions in {report_dir}/ "
          f"(score them: python3 ../shared/eval/score.py GOLD {report_dir}/cv.pred.jsonl)")
