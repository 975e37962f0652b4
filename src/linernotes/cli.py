"""The ``linernotes`` command: each command is a thin wrapper of a library call."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import List, Optional

import typer
from rich.console import Console

from . import calibration
from .api import DEFAULT_TIME_BUDGET, BatchResult, extract_paths
from .cli_engines import ACTORS_HELP, ADDRESS_HELP, ENGINE_HELP, Engine, ShardFormat, extract_on_ray, report_batch
from .errors import LinernotesError
from .evaluate import fact_verdicts, read_gold, score
from .pipeline.confidence import default_min_confidence
from .reader import DEFAULT_MAX_BYTES, Rows
from .render import plural, print_checks, print_table

app = typer.Typer(help="Read musicians' biographies; get evidenced facts about the people in them.",
                  no_args_is_help=True, rich_markup_mode=None, add_completion=False)
err = Console(stderr=True, highlight=False)


def _print_version(asked: bool) -> None:
    if asked:
        from . import __version__

        print(f"linernotes {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")) -> None:
    """Read musicians' biographies; get evidenced facts about the people in them."""


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _report(result: BatchResult) -> None:
    report_batch(result, err)


TIME_BUDGET_HELP = "Seconds one document may take; a document over it is reported (E007) and skipped."
MIN_CONFIDENCE_HELP = (f"Leave out facts whose confidence (the probability that they are right) is below P; default "
                       f"{default_min_confidence():g}, the threshold of best cross-validated F1 the model was trained with.")


WORKERS_HELP = ("Processes that extract, each with the model loaded once (1: this process only); the output is the "
                "same for any number. Default: one per CPU.")


def workers_option():
    return typer.Option(os.cpu_count() or 1, "--workers", min=1, max=256, metavar="N", help=WORKERS_HELP)


ROWS_HELP = ("A CSV, TSV or JSON Lines file of one biography a row (read as it streams); each row is a document "
             "named by its id.")


def rows_options() -> dict:
    """The ``--rows`` options of ``extract`` and ``ingest`` (one definition for both)."""
    return {
        "rows": typer.Option(None, "--rows", metavar="FILE", help=ROWS_HELP),
        "id_column": typer.Option("id", "--id-column", metavar="NAME", help="With --rows: the column (or JSON key) of "
                                  "the document ids."),
        "text_column": typer.Option("text", "--text-column", metavar="NAME", help="With --rows: the column of the texts."),
        "url_column": typer.Option(None, "--url-column", metavar="NAME", help="With --rows: a column of source URLs, "
                                   "kept with each document."),
        "date_column": typer.Option(None, "--date-column", metavar="NAME", help="With --rows: a column of dates, kept."),
        "author_column": typer.Option(None, "--author-column", metavar="NAME", help="With --rows: a column of authors, "
                                      "kept."),
    }


def rows_of(rows: Optional[str], id_column: str, text_column: str, url_column: Optional[str],
            date_column: Optional[str], author_column: Optional[str]) -> Optional[Rows]:
    """What ``--rows`` and its columns ask for (None without --rows)."""
    if rows is None:
        return None
    return Rows(rows, id_column, text_column, url_column, date_column, author_column)


def need_input(paths: Optional[List[str]], rows: Optional[Rows], engine: Engine = Engine.local) -> List[str]:
    """The paths; neither paths nor --rows, or --rows on Ray, is a usage error (exit 2)."""
    if not paths and rows is None:
        err.print("error: give files or directories, or --rows FILE", markup=False)
        raise typer.Exit(2)
    if engine is Engine.ray and rows is not None:
        err.print("error: --rows is read by the local engine only; leave out --engine ray", markup=False)
        raise typer.Exit(2)
    return list(paths or [])


def _emit(paths: List[str], fmt: Format, max_bytes: int, checks_only: bool, time_budget: float,
          min_confidence: Optional[float] = None, workers: int = 1, rows: Optional[Rows] = None) -> tuple[BatchResult, int]:
    """Print every document as ``fmt`` asks; the batch's result and how many checker findings it printed."""
    result = BatchResult()
    findings = 0
    out = Console(highlight=False, soft_wrap=False)
    documents = []
    for document in extract_paths(paths, result, max_bytes=max_bytes, time_budget=time_budget, min_confidence=min_confidence,
                                  workers=workers, rows=rows):
        findings += len(document.checks)
        if fmt is Format.jsonl:
            sys.stdout.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt is Format.json:
            documents.append(document.to_dict())
        elif checks_only:
            print_checks(document, out)
        else:
            print_table(document, out)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    return result, findings


ROWS_OPTIONS = rows_options()


@app.command()
def extract(
    paths: Optional[List[str]] = typer.Argument(None, help="Files or directories (.txt, .md, .html, .pdf, .docx, .odt); "
                                                "- for stdin."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (one document a line), json, or table."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse documents larger than this."),
    time_budget: float = typer.Option(DEFAULT_TIME_BUDGET, "--time-budget", min=0.001, metavar="SECONDS",
                                      help=TIME_BUDGET_HELP),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", min=0.0, max=1.0, metavar="P",
                                                   help=MIN_CONFIDENCE_HELP),
    engine: Engine = typer.Option(Engine.local, "--engine", help=ENGINE_HELP),
    address: Optional[str] = typer.Option(None, "--address", metavar="ADDR", help=ADDRESS_HELP),
    actors: int = typer.Option(2, "--actors", min=1, help=ACTORS_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="DIR",
                                         help="With --engine ray: write shards here instead of JSONL on stdout."),
    shard_format: ShardFormat = typer.Option(ShardFormat.jsonl, "--shard-format", help="With --output: jsonl or parquet."),
    workers: int = workers_option(),
    rows: Optional[str] = ROWS_OPTIONS["rows"],
    id_column: str = ROWS_OPTIONS["id_column"],
    text_column: str = ROWS_OPTIONS["text_column"],
    url_column: Optional[str] = ROWS_OPTIONS["url_column"],
    date_column: Optional[str] = ROWS_OPTIONS["date_column"],
    author_column: Optional[str] = ROWS_OPTIONS["author_column"],
) -> None:
    """Extract people and evidenced facts from biographies."""
    table = rows_of(rows, id_column, text_column, url_column, date_column, author_column)
    paths = need_input(paths, table, engine)
    if engine is Engine.ray:
        raise typer.Exit(extract_on_ray(paths, output, shard_format, address, actors, max_bytes, time_budget,
                                        min_confidence, err))
    result, _ = _emit(paths, format, max_bytes, checks_only=False, time_budget=time_budget, min_confidence=min_confidence,
                   workers=workers, rows=table)
    _report(result)
    raise typer.Exit(1 if result.errors else 0)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files or directories; - for stdin."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table (readable findings), jsonl or json."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse documents larger than this."),
    time_budget: float = typer.Option(DEFAULT_TIME_BUDGET, "--time-budget", min=0.001, metavar="SECONDS",
                                      help=TIME_BUDGET_HELP),
    workers: int = workers_option(),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when the checker finds something (a "
                                   "document that cannot be read still exits 1)."),
) -> None:
    """Check what biographies claim against reference knowledge. Exits 1 when it finds something (or a
    document fails), so that it can stop a pipeline; 0 when every document is clean."""
    result, findings = _emit(paths, format, max_bytes, checks_only=True, time_budget=time_budget, workers=workers)
    _report(result)
    if findings:
        err.print(f"{plural(findings, 'finding')} in {plural(result.documents, 'document')}", markup=False)
    raise typer.Exit(1 if result.errors or (findings and not exit_zero) else 0)


@app.command("eval")
def eval_command(
    gold: Optional[str] = typer.Argument(None, help="Gold file (JSONL, the shared gold format)."),
    paths: Optional[List[str]] = typer.Argument(None, help="The documents the gold describes."),
    errors: bool = typer.Option(False, "--errors", help="List every false positive and negative."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON summary."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", min=0.0, max=1.0, metavar="P",
                                                   help=MIN_CONFIDENCE_HELP),
    calibration_only: bool = typer.Option(
        False, "--calibration", help="Instead of P/R/F1: how well the confidences say which facts are right (reliability "
        "table, ECE, ROC AUC), over every fact. Honest only on documents the model was not trained on (eval/frozen); on "
        "its training corpora it is optimistic: see `linernotes train`'s cross-validated numbers for those."),
    reviewed: bool = typer.Option(False, "--reviewed", help="Instead of a gold file: score against the facts reviewers "
                                  "accepted, rejected, corrected and added in the knowledge base (--db)."),
    db: Optional[str] = typer.Option(None, "--db", help="With --reviewed: the knowledge base (default linernotes.db)."),
) -> None:
    """Score extraction on your own annotated biographies (or, with --reviewed, on your reviews)."""
    if reviewed:
        from .cli_review import eval_reviewed

        eval_reviewed(db, errors, as_json)
        raise typer.Exit(0)
    if not gold or not paths:
        err.print("error: give a gold file and the documents it describes, or --reviewed", markup=False)
        raise typer.Exit(2)
    try:
        gold_records = read_gold(gold)
    except (LinernotesError, OSError) as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2)
    result = BatchResult()
    if calibration_only:
        _calibration(gold_records, [d.to_dict() for d in extract_paths(paths, result, min_confidence=0.0)], as_json)
        _report(result)
        raise typer.Exit(1 if result.errors else 0)
    scored = score(gold_records, (d.to_dict() for d in extract_paths(paths, result, min_confidence=min_confidence)))
    _report(result)
    summary = scored.summary()
    if as_json:
        print(json.dumps(summary))
    else:
        print(f"{'relation':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
        rows = list(summary["relations"].items()) + [("FACTS (micro)", summary["micro"]), ("checks", summary["checks"]),
                                                   ("people", summary["people"])]
        for label, s in rows:
            print(f"{label:<16}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}")
        if errors:
            print("\n".join(scored.errors))
    raise typer.Exit(1 if result.errors else 0)


def _calibration(gold: dict, predicted: list[dict], as_json: bool) -> None:
    confidences, labels = [], []
    for document in predicted:
        record = gold.get(os.path.basename(document["doc"]))
        if record is None:
            continue
        for person, verdicts in zip(document["people"], fact_verdicts(record, document)):
            for fact, verdict in zip(person["facts"], verdicts):
                if verdict is not None:  # a fact matching only an optional gold fact is neither right nor wrong
                    confidences.append(fact["confidence"])
                    labels.append(verdict)
    summary = calibration.summary(confidences, labels)
    if as_json:
        print(json.dumps(summary))
        return
    print(calibration.format_summary(summary))
    print("(These documents must not be ones the confidence model was trained on, or the numbers flatter it; "
          "`linernotes train` reports cross-validated ones for its training corpora.)")


def main() -> None:  # pragma: no cover
    app()


from . import cli_ids, cli_kb, cli_review, cli_train  # noqa: E402,F401  (register the knowledge-base, ids, review and training commands on ``app``)

from . import cli_help  # noqa: E402  (after every command is registered: examples and metavars on each)

cli_help.finish(app)
