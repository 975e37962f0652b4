"""The ``linernotes`` command: each command is a thin wrapper of a library call."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import List

import typer
from rich.console import Console

from .api import DEFAULT_TIME_BUDGET, BatchResult, extract_paths
from .errors import LinernotesError
from .evaluate import read_gold, score
from .reader import DEFAULT_MAX_BYTES
from .render import print_checks, print_table

app = typer.Typer(help="Read musicians' biographies; get evidenced facts about the people in them.",
                  no_args_is_help=True, rich_markup_mode=None, add_completion=False)
err = Console(stderr=True, highlight=False)


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _report(result: BatchResult) -> None:
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    for error in result.errors:
        err.print(f"error: {error}", markup=False)
    if result.errors:
        err.print(f"{len(result.errors)} of {result.documents + len(result.errors)} documents failed", markup=False)


TIME_BUDGET_HELP = "Seconds one document may take; a document over it is reported (E007) and skipped."


def _emit(paths: List[str], fmt: Format, max_bytes: int, checks_only: bool, time_budget: float) -> BatchResult:
    result = BatchResult()
    out = Console(highlight=False, soft_wrap=False)
    documents = []
    for document in extract_paths(paths, result, max_bytes=max_bytes, time_budget=time_budget):
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
    return result


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files or directories (.txt, .md, .html); - for stdin."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (one document a line), json, or table."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse documents larger than this."),
    time_budget: float = typer.Option(DEFAULT_TIME_BUDGET, "--time-budget", min=0.001, metavar="SECONDS",
                                      help=TIME_BUDGET_HELP),
) -> None:
    """Extract people and evidenced facts from biographies."""
    result = _emit(paths, format, max_bytes, checks_only=False, time_budget=time_budget)
    _report(result)
    raise typer.Exit(1 if result.errors else 0)


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files or directories; - for stdin."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table (readable findings), jsonl or json."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse documents larger than this."),
    time_budget: float = typer.Option(DEFAULT_TIME_BUDGET, "--time-budget", min=0.001, metavar="SECONDS",
                                      help=TIME_BUDGET_HELP),
) -> None:
    """Check what biographies claim against reference knowledge."""
    result = _emit(paths, format, max_bytes, checks_only=True, time_budget=time_budget)
    _report(result)
    raise typer.Exit(1 if result.errors else 0)


@app.command("eval")
def eval_command(
    gold: str = typer.Argument(..., help="Gold file (JSONL, the shared gold format)."),
    paths: List[str] = typer.Argument(..., help="The documents the gold describes."),
    errors: bool = typer.Option(False, "--errors", help="List every false positive and negative."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON summary."),
) -> None:
    """Score extraction on your own annotated biographies."""
    try:
        gold_records = read_gold(gold)
    except (LinernotesError, OSError) as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2)
    result = BatchResult()
    scored = score(gold_records, (d.to_dict() for d in extract_paths(paths, result)))
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


def main() -> None:  # pragma: no cover
    app()


from . import cli_kb  # noqa: E402,F401  (registers the knowledge-base commands on ``app``)
