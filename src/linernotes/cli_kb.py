"""Knowledge-base commands of ``linernotes``: each a thin wrapper of a ``linernotes.kb`` call."""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.exc import OperationalError

from .cli import ROWS_OPTIONS, MIN_CONFIDENCE_HELP, TIME_BUDGET_HELP, app, err, need_input, rows_of, workers_option
from .cli_engines import ACTORS_HELP, ADDRESS_HELP, ENGINE_HELP, Engine
from .errors import LinernotesError
from .kb import ask as ask_module
from .kb import corrections, export as export_module, ingest as ingest_module, query
from .reader import DEFAULT_MAX_BYTES, expand_paths
from .render import plural, print_indented
from .store import Store
from .store.urls import cannot_open

out = Console(highlight=False, soft_wrap=True)
DB_HELP = "Knowledge base: a SQLite file (default linernotes.db, or $LINERNOTES_DB) or a postgresql:// URL."


class Output(str, Enum):
    text = "text"
    json = "json"


@contextmanager
def _store(db: Optional[str], create: bool = False) -> Iterator[Store]:
    """Open the store; any linernotes error becomes a one-line message and exit status 2. Only the
    commands that add to it (``create``) make a new SQLite file: a misspelt --db elsewhere is an error."""
    try:
        store = Store.open(db, create=create)
    except LinernotesError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2)
    try:
        yield store
    except LinernotesError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(2)
    except OperationalError as error:  # the database went away or stayed locked: E020, password hidden
        err.print(f"error: {cannot_open(store.url, error)}", markup=False)
        raise typer.Exit(2)
    finally:
        store.close()


def _json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


@app.command()
def ingest(
    paths: Optional[List[str]] = typer.Argument(None, help="Files or directories of biographies (.txt, .md, .html, "
                                                ".pdf, .docx, .odt)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    batch_size: int = typer.Option(20, help="Documents per transaction."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse documents larger than this."),
    time_budget: float = typer.Option(ingest_module.DEFAULT_TIME_BUDGET, "--time-budget", min=0.001, metavar="SECONDS",
                                      help=TIME_BUDGET_HELP),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", min=0.0, max=1.0, metavar="P",
                                                   help=MIN_CONFIDENCE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    engine: Engine = typer.Option(Engine.local, "--engine", help=ENGINE_HELP),
    address: Optional[str] = typer.Option(None, "--address", metavar="ADDR", help=ADDRESS_HELP),
    actors: int = typer.Option(2, "--actors", min=1, help=ACTORS_HELP),
    writers: int = typer.Option(2, "--writers", min=1, help="With --engine ray: writers storing at the same time."),
    workers: int = workers_option(),
    rows: Optional[str] = ROWS_OPTIONS["rows"],
    id_column: str = ROWS_OPTIONS["id_column"],
    text_column: str = ROWS_OPTIONS["text_column"],
    url_column: Optional[str] = ROWS_OPTIONS["url_column"],
    date_column: Optional[str] = ROWS_OPTIONS["date_column"],
    author_column: Optional[str] = ROWS_OPTIONS["author_column"],
) -> None:
    """Add biographies to the knowledge base (again is harmless: unchanged documents are skipped)."""
    table = rows_of(rows, id_column, text_column, url_column, date_column, author_column)
    paths = need_input(paths, table, engine)
    # The files are counted for the progress bar; the rows of a table are not (that would read it twice).
    total = None if table is not None else sum(1 for p in expand_paths(paths) if isinstance(p, str))
    with _store(db, create=True) as store:
        counts = {"added": 0, "replaced": 0, "unchanged": 0, "duplicate": 0, "failed": 0}
        columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                   TimeElapsedColumn(), TextColumn("{task.fields[counts]}")]
        with Progress(*columns, console=err, transient=False, disable=not err.is_terminal and as_json) as bar:
            task = bar.add_task("ingest", total=total or None, rate="", counts="")

            def progress(what: str, name: str) -> None:
                counts[what] += 1
                done = sum(counts.values())
                elapsed = bar.tasks[task].elapsed or 1e-9
                bar.update(task, completed=done, rate=f"{done / elapsed:.1f} docs/s",
                           counts=" ".join(f"{k} {v}" for k, v in counts.items() if v))

            if engine is Engine.ray:
                from .scale import ray_engine

                report = ray_engine.ingest_with_ray(store, paths, address, actors, writers, batch_size, max_bytes,
                                                    time_budget, min_confidence, progress)
            else:
                report = ingest_module.ingest(store, paths, batch_size=batch_size, max_bytes=max_bytes,
                                              progress=progress, time_budget=time_budget, min_confidence=min_confidence,
                                              workers=workers, rows=table)
    for warning in report.warnings:
        err.print(f"warning: {warning}", markup=False)
    for line in report.duplicates:
        err.print(f"note: {line}", markup=False)
    for error in report.errors:
        err.print(f"error: {error}", markup=False)
    for line in getattr(report, "skipped", ()):  # a Ray run's report has none
        err.print(f"note: {line}", markup=False)
    summary = report.summary()
    if as_json:
        _json(summary)
    else:
        out.print(f"documents: {summary['added']} added, {summary['replaced']} replaced, {summary['unchanged']} unchanged, "
                  f"{plural(summary['duplicates'], 'duplicate')}, {summary['failed']} failed  ({summary['seconds']} s)")
        out.print(f"knowledge base: {plural(summary['total_documents'], 'document')}, "
                  f"{plural(summary['total_people'], 'person', 'people')}, {plural(summary['total_facts'], 'fact')}, "
                  f"{plural(summary['total_checks'], 'check')}")
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def resolve(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Put people not yet in a profile into profiles (ingest does it after its writes; this is for
    writes left unresolved, e.g. by a crash). Harmless to run again: it does nothing then."""
    from .kb.resolve import resolve_pending

    with _store(db) as store:
        resolved = resolve_pending(store)
        with store.reading() as tx:
            people = tx.counts()["people"]
    out.print(f"resolved {plural(resolved, 'local person', 'local people')}; knowledge base: "
              f"{plural(people, 'person', 'people')}")


@app.command()
def people(
    instrument: Optional[str] = typer.Option(None, help="Plays this instrument."),
    genre: Optional[str] = typer.Option(None, help="Works in this genre."),
    place: Optional[str] = typer.Option(None, help="Born, lived, died, performed or toured here."),
    institution: Optional[str] = typer.Option(None, help="Studied here (or at any institution containing the words)."),
    ensemble: Optional[str] = typer.Option(None, help="Member or founder of this ensemble."),
    name: Optional[str] = typer.Option(None, help="Name contains this."),
    has_checks: bool = typer.Option(False, "--has-checks", help="Only people with findings of the checker."),
    limit: int = typer.Option(50, min=1, help="At most this many."),
    offset: int = typer.Option(0, min=0, help="Skip this many first (the next page: --offset 50)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: Output = typer.Option(Output.text, "--format", "-f"),
) -> None:
    """List people, filtered by what they play, where they are from, where they studied..."""
    with _store(db) as store:
        rows = query.people(store, limit=limit, offset=offset, name=name, has_checks=has_checks, instrument=instrument, genre=genre,
                            place=place, institution=institution, ensemble=ensemble)
    if format is Output.json:
        _json(rows)
        return
    for row in rows:
        out.print(f"#{row['id']:<6} {escape(row['name'])}  ({plural(row['facts'], 'fact')}, "
                  f"{plural(row['documents'], 'document')})")
    if not rows:
        err.print("no one matches", markup=False)


@app.command()
def show(
    who: str = typer.Argument(..., help="A name or alias, or a profile number like #12."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: Output = typer.Option(Output.text, "--format", "-f"),
) -> None:
    """A person's profile: facts grouped, each with its sentence and document."""
    with _store(db) as store:
        profile = query.show(store, who)
    if format is Output.json:
        _json(profile.to_dict())
        return
    out.print(f"[bold]#{profile.id} {escape(profile.name)}[/bold]")
    if len(profile.names) > 1:
        out.print("also: " + escape(", ".join(n for n in profile.names if n != profile.name)))
    out.print("documents: " + escape(", ".join(profile.documents)))
    for reason in profile.reasons:
        out.print(f"  [dim]{escape(reason['document'])}: {escape(reason['reason'])}[/dim]")
    for group, facts in profile.grouped().items():
        out.print(f"\n[bold]{group}[/bold]")
        for fact in facts:
            out.print(f"  {fact['relation']:<15} {escape(fact['value'])}  [dim]({fact['confidence']:.2f})[/dim]")
            for source in fact["sources"]:  # every sentence that says it, in whichever document, each reviewable
                print_indented(out, f"[dim]“{escape(source['evidence'])}” — {escape(source['document'])} "
                               f"#{source['id']}[/dim]" + _review_mark(source), 18)
    if profile.checks:
        out.print("\n[bold]checks[/bold]")
        for check in profile.checks:
            where = check["document"] or "across documents"
            out.print(f"  [yellow]{check['code']}[/yellow] {escape(check['message'])} [dim]({escape(where)})[/dim]")


def _review_mark(fact: dict) -> str:
    """`` [rejected by ana 2026-12-01: why]``: a reviewed fact's decision, beside it (the fact number
    is what ``linernotes review`` takes)."""
    if fact.get("status", "extracted") == "extracted":
        return ""
    when = f" {fact['reviewed_at']:%Y-%m-%d}" if fact.get("reviewed_at") else ""
    why = f": {fact['review_reason']}" if fact.get("review_reason") else ""
    colour = "red" if fact["status"] == "rejected" else "green"
    return f" [{colour}]\\[{fact['status']} by {escape(fact.get('reviewer') or '?')}{when}{escape(why)}][/{colour}]"


@app.command()
def search(
    text: str = typer.Argument(..., help="Words to look for in documents and facts."),
    limit: int = typer.Option(10, help="At most this many documents."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: Output = typer.Option(Output.text, "--format", "-f"),
) -> None:
    """Full-text search over documents and the facts drawn from them."""
    with _store(db) as store:
        hits = query.search(store, text, limit=limit)
    if format is Output.json:
        _json([h.to_dict() for h in hits])
        return
    for hit in hits:
        out.print(f"[bold]{escape(hit.document)}[/bold] ({plural(hit.score, 'word')})")
        for snippet in hit.snippets:
            print_indented(out, f"… {escape(snippet)}", 2)
        for fact in hit.facts[:5]:
            out.print(f"  [dim]{escape(fact['person'] or '?')}: {fact['relation']} {escape(fact['value'])}[/dim]")
    if not hits:
        err.print("nothing found", markup=False)


@app.command()
def ask(
    question: str = typer.Argument(..., help='A question, e.g. "Who plays the accordion?"'),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: Output = typer.Option(Output.text, "--format", "-f"),
) -> None:
    """Answer a question from the knowledge base, citing sentences and documents (offline, no guessing)."""
    with _store(db) as store:
        answer = ask_module.ask(store, question)
    if format is Output.json:
        _json(answer.to_dict())
        return
    print_answer(answer, out)


def print_answer(answer: ask_module.Answer, console: Console) -> None:
    console.print(f"[bold]Q:[/bold] {escape(answer.question)}")
    console.print(f"[bold]A:[/bold] {escape(answer.text)}")
    for citation in answer.citations[:5]:
        print_indented(console, f"[dim]“{escape(citation.evidence)}” — {escape(citation.document)}[/dim]", 3)
    if answer.nearest:
        console.print("   nearest evidence:")
        for near in answer.nearest:
            print_indented(console, f"[dim]“{escape(near['sentence'])}” — {escape(near['document'])}[/dim]", 3)


@app.command()
def merge(
    first: str = typer.Argument(..., help="A person (name or #number)."),
    second: str = typer.Argument(..., help="Another person who is really the same."),
    note: Optional[str] = typer.Option(None, help="Why (kept with the decision)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Make two profiles one. The decision is kept and survives re-ingest."""
    with _store(db) as store:
        profile = corrections.merge(store, first, second, note)
    out.print(f"merged: #{profile.id} {escape(profile.name)} from {escape(', '.join(profile.documents))}")


@app.command()
def split(
    who: str = typer.Argument(..., help="A person (name or #number)."),
    document: str = typer.Option(..., "--document", "-d", help="The document whose description to split off."),
    note: Optional[str] = typer.Option(None, help="Why (kept with the decision)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Take one document's description of a person out of their profile. Survives re-ingest."""
    with _store(db) as store:
        profiles = corrections.split(store, who, document, note)
    for profile in profiles:
        out.print(f"#{profile.id} {escape(profile.name)} from {escape(', '.join(profile.documents))}")


ExportFormat = Enum("ExportFormat", {f.replace("-", "_"): f for f in export_module.FORMATS}, type=str)


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="jsonld, turtle, quickstatements, musicbrainz, "
                                                                     "csv (one row per fact) or people-csv (one per person)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    base: str = typer.Option(export_module.DEFAULT_BASE, help="IRI prefix for people, ensembles and documents. The "
                                                              "explorer's public address (https://...) makes them its "
                                                              "pages, and a document's page a reference URL (S854)."),
    stated_in: Optional[str] = typer.Option(None, "--stated-in", help="QuickStatements: the Wikidata item of the "
                                                                      "documents' source (S248), e.g. Q123."),
    reviewed_only: bool = typer.Option(False, "--reviewed-only", help="Only facts a reviewer accepted, corrected or added."),
    bom: bool = typer.Option(False, "--bom", help="CSV: start with a byte-order mark, for spreadsheets."),
    skipped_to: Optional[str] = typer.Option(None, "--skipped", help="Write the facts not exported, each with why, "
                                                                     "to this file."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the knowledge base for archives and editors, with each statement's quote and source."""
    options = dict(base=base, stated_in=stated_in, reviewed_only=reviewed_only, bom=bom)
    with _store(db) as store:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                report = export_module.export(store, format.value, handle, **options)
        else:
            report = export_module.export(store, format.value, sys.stdout, **options)
    err.print(f"{report.format}: {plural(report.people, 'person', 'people')}, {plural(report.statements, 'statement')}"
              + (f" ({plural(report.edited, 'item')} edited, {report.created} created)"
                 if format.value == "quickstatements" else "")
              + (f", {plural(len(report.skipped), 'fact')} not exported" if report.skipped else ""), markup=False)
    for why, count in report.reasons.most_common():
        err.print(f"  {count} {why}", markup=False)
    if skipped_to:  # written even when empty: no stale list from an earlier export
        with open(skipped_to, "w", encoding="utf-8") as handle:
            handle.write("\n".join(report.skipped) + "\n")


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    token_env: str = typer.Option("LINERNOTES_TOKEN", help="Environment variable holding the upload token; "
                                                           "unset means the server is read-only."),
    workers: int = typer.Option(min(4, os.cpu_count() or 1), min=1, max=64,
                                help="Worker processes serving requests (default: the CPUs, at most 4)."),
    header_timeout: float = typer.Option(10.0, min=0.1, help="Seconds a connection has to send a request's "
                                                             "headers before it is closed (against slowloris)."),
    shutdown_timeout: float = typer.Option(3.0, min=0.0, help="Seconds requests in flight get to finish after "
                                                              "SIGTERM; then they are cut off and the server exits."),
    base: str = typer.Option(export_module.DEFAULT_BASE, help="The collection's IRI prefix (as `export --base`): "
                                                              "the reconciliation service's identifier space."),
) -> None:
    """Serve the knowledge base over HTTP: the explorer's pages, the JSON API (OpenAPI at /openapi.json) and /reconcile."""
    import uvicorn

    from .web import app as web_app

    with _store(db, create=True) as store:  # uploads may fill a new knowledge base: created here, once
        url = store.url
    # Each worker process builds its own app (web.app.from_environment) from what is set here.
    os.environ.update({web_app.SERVE_DB: url, web_app.SERVE_TOKEN_ENV: token_env,
                       web_app.SERVE_HEADER_TIMEOUT: str(header_timeout), web_app.SERVE_BASE: base})
    uvicorn.run("linernotes.web.app:from_environment", factory=True, host=host, port=port, workers=workers,
                http="linernotes.web.slowloris:HeaderDeadline", timeout_keep_alive=5,
                timeout_graceful_shutdown=shutdown_timeout)
