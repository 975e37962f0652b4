"""``linernotes review ...``: decisions on single facts, each a thin wrapper of a ``linernotes.kb.review`` call."""
from __future__ import annotations

import getpass
import os
from typing import Optional

import typer
from rich.markup import escape

from .cli import app
from .cli_kb import DB_HELP, Output, _json, _store, err, out
from .kb import review as review_module
from .render import plural, print_indented

review_app = typer.Typer(help="Review single facts by hand: accept, reject, correct, add; the queue; the history. "
                              "Decisions are kept with who, when and why, and survive re-ingest.",
                         no_args_is_help=True, rich_markup_mode=None, add_completion=False)
app.add_typer(review_app, name="review")

REVIEWER_HELP = "Who decides (kept with the decision); default $LINERNOTES_REVIEWER, else your login name."
REASON_HELP = "Why (kept with the decision)."
FACT_HELP = "The fact's number, as `linernotes show` and `linernotes review queue` print it."


def default_reviewer() -> str:
    try:
        return os.environ.get("LINERNOTES_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a user entry)
        return ""


def _reviewer_option():
    return typer.Option(None, "--reviewer", help=REVIEWER_HELP)


def _said(decision: review_module.Decision) -> None:
    r, fact = decision.review, decision.fact
    what = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "add": "added",
            "undo": "back to the extractor's"}[r["action"]]
    if fact is not None:
        out.print(f"#{fact['id']} {what}: {escape(fact['person'] or '?')} {fact['relation']} {escape(fact['value'])}"
                  f"  [dim](review {r['id']} by {escape(r['reviewer'])})[/dim]")
    else:
        out.print(f"{what}: review {r['id']} by {escape(r['reviewer'])} on {escape(r['document'])}")


@review_app.command()
def accept(fact: int = typer.Argument(..., help=FACT_HELP), reviewer: Optional[str] = _reviewer_option(),
           reason: Optional[str] = typer.Option(None, help=REASON_HELP),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """The fact is right."""
    with _store(db) as store:
        _said(review_module.accept(store, fact, reviewer or default_reviewer(), reason))


@review_app.command()
def reject(fact: int = typer.Argument(..., help=FACT_HELP), reviewer: Optional[str] = _reviewer_option(),
           reason: Optional[str] = typer.Option(None, help=REASON_HELP),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """The fact is wrong: it leaves exports, filters and answers, and stays on its profile, marked rejected."""
    with _store(db) as store:
        _said(review_module.reject(store, fact, reviewer or default_reviewer(), reason))


@review_app.command()
def correct(fact: int = typer.Argument(..., help=FACT_HELP),
            value: Optional[str] = typer.Option(None, "--value", help="The right value."),
            relation: Optional[str] = typer.Option(None, "--relation", help="The right relation."),
            person: Optional[str] = typer.Option(None, "--person", help="The right person: a name in the same document."),
            reviewer: Optional[str] = _reviewer_option(), reason: Optional[str] = typer.Option(None, help=REASON_HELP),
            db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """The fact's sentence says something else: another value, relation or person."""
    with _store(db) as store:
        _said(review_module.correct(store, fact, reviewer or default_reviewer(), reason, relation=relation,
                                    value=value, person=person))


@review_app.command()
def add(document: str = typer.Argument(..., help="The document that says it."),
        person: str = typer.Option(..., "--person", help="Whom it is about: a name in the document."),
        relation: str = typer.Option(..., "--relation", help="The relation, e.g. instrument, born_in."),
        value: str = typer.Option(..., "--value", help="The value."),
        quote: str = typer.Option(..., "--quote", help="The sentence that says it, copied from the document."),
        reviewer: Optional[str] = _reviewer_option(), reason: Optional[str] = typer.Option(None, help=REASON_HELP),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """A fact the extractor missed."""
    with _store(db) as store:
        _said(review_module.add(store, document, person, relation, value, quote, reviewer or default_reviewer(),
                                reason))


@review_app.command()
def undo(fact: int = typer.Argument(..., help=FACT_HELP), reviewer: Optional[str] = _reviewer_option(),
         reason: Optional[str] = typer.Option(None, help=REASON_HELP),
         db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Back to what the extractor said (an added fact is taken back); the history keeps every decision."""
    with _store(db) as store:
        _said(review_module.undo(store, fact, reviewer or default_reviewer(), reason))


@review_app.command()
def queue(limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="At most this many."),
          db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
          format: Output = typer.Option(Output.text, "--format", "-f")) -> None:
    """Facts nobody has reviewed: those a check names first, then the least sure first."""
    with _store(db) as store:
        rows = review_module.queue(store, limit)
    if format is Output.json:
        _json(rows)
        return
    for f in rows:
        flag = "[yellow]check[/yellow] " if f["checked"] else ""
        out.print(f"#{f['id']:<6} {flag}{escape(f['person'] or '?')}: {f['relation']} {escape(f['value'])} "
                  f"[dim]({f['confidence']:.2f})[/dim]")
        print_indented(out, f"[dim]“{escape(f['evidence'])}” — {escape(f['document'])}[/dim]", 8)
    if not rows:
        err.print("nothing to review", markup=False)


@review_app.command("history")
def history(fact: Optional[int] = typer.Argument(None, help="Only the decisions on this fact."),
            document: Optional[str] = typer.Option(None, "--document", "-d", help="Only decisions on this document."),
            orphaned: bool = typer.Option(False, "--orphaned", help="Only deciding reviews that apply to no fact now "
                                                                    "(their sentence changed or went)."),
            db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
            format: Output = typer.Option(Output.text, "--format", "-f")) -> None:
    """Every decision, oldest first: who, when, what, why."""
    with _store(db) as store:
        rows = review_module.orphaned(store) if orphaned else review_module.history(store, fact, document)
    if format is Output.json:
        _json(rows)
        return
    for r in rows:
        change = ", ".join(f"{k} → {escape(str(r['new_' + k]))}" for k in ("person", "relation", "value")
                           if r[f"new_{k}"] and r["action"] == "correct")
        out.print(f"review {r['id']} {r['created_at']:%Y-%m-%d %H:%M} {escape(r['reviewer'])} {r['action']} "
                  f"{escape(r['person'])}: {r['relation']} {escape(r['value_key'])}" + (f" ({change})" if change else "")
                  + f" — {escape(r['document'])}")
        if r["reason"]:
            out.print(f"{'':<8}[dim]why: {escape(r['reason'])}[/dim]")
    if not rows:
        err.print("no decisions", markup=False)


def eval_reviewed(db: Optional[str], errors: bool, as_json: bool) -> None:
    """``linernotes eval --reviewed``: the extractor scored against the archive's own decisions."""
    with _store(db) as store:
        scored = review_module.evaluate_reviewed(store)
    summary = scored.summary()
    if as_json:
        _json(summary)
        return
    print(f"{'relation':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for label, s in list(summary["relations"].items()) + [("FACTS (micro)", summary["micro"])]:
        print(f"{label:<16}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}")
    print(f"({plural(summary['documents'], 'reviewed document')}; "
          f"{plural(summary['unreviewed_predictions'], 'predicted fact')} nobody reviewed "
          f"{'is' if summary['unreviewed_predictions'] == 1 else 'are'} not counted)")
    if errors:
        print("\n".join(e for e in scored.score.errors if ": FP " in e or ": FN " in e))
