"""``linernotes ids``: Wikidata QIDs and MusicBrainz MBIDs of people, ensembles and places (``kb.identifiers``)."""
from __future__ import annotations

import sys
from enum import Enum
from typing import Optional

import typer

from .cli import app, err
from .cli_kb import DB_HELP, Output, _json, _store, out
from .errors import Errors, InputError
from .kb import identifiers
from .render import plural

ids_app = typer.Typer(help="Wikidata and MusicBrainz ids of people, ensembles and places: set, import, list, propose.",
                      no_args_is_help=True)
app.add_typer(ids_app, name="ids")

Kind = Enum("Kind", {k: k for k in ("Person", *identifiers.ENTITY_KINDS)}, type=str)
Scheme = Enum("Scheme", {s: s for s in identifiers.SCHEMES}, type=str)
KIND_HELP = "Whose id: a Person (by name or #number), or an Ensemble, Place, Country, Instrument... by name or key."


@ids_app.command("set")
def set_(who: str = typer.Argument(..., help="A person's name or #number, or an entity's name or key."),
         value: str = typer.Argument(..., help="A Wikidata item (Q232) or a MusicBrainz id (a UUID)."),
         kind: Kind = typer.Option("Person", "--kind", help=KIND_HELP),
         by: Optional[str] = typer.Option(None, "--by", help="Who set it (kept with the id)."),
         db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Give a person (every description in their profile) or an entity an id."""
    with _store(db) as store:
        assigned = identifiers.set_id(store, who, value, kind=kind.value, by=by)
    out.print(f"{assigned.target}: {assigned.scheme} {assigned.value}", markup=False)


@ids_app.command("remove")
def remove(who: str = typer.Argument(..., help="A person's name or #number, or an entity's name or key."),
           scheme: Scheme = typer.Option(..., "--scheme", help="wikidata or musicbrainz."),
           kind: Kind = typer.Option("Person", "--kind", help=KIND_HELP),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Take an id away (a proposal of the gazetteer comes back, if there is one)."""
    with _store(db) as store:
        removed = identifiers.remove_id(store, who, scheme.value, kind=kind.value)
    out.print(f"removed {plural(removed, 'filing')}", markup=False)


@ids_app.command("import")
def import_(path: str = typer.Argument(..., help="A CSV with a header: name,qid or name,mbid (or both)."),
            kind: Kind = typer.Option("Person", "--kind", help=KIND_HELP),
            by: Optional[str] = typer.Option(None, "--by", help="Who set them (kept with each id)."),
            db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Import ids by name; a row whose name is unknown or ambiguous is reported and the rest imported
    (exit status 1 if any row was not)."""
    with _store(db) as store:
        try:
            handle = sys.stdin if path == "-" else open(path, encoding="utf-8-sig", newline="")
        except OSError as error:
            raise InputError(Errors.E004.format(path=path, why=error.strerror)) from error
        with handle:
            result = identifiers.import_csv(store, handle, path=path, kind=kind.value, by=by)
    for message in result.errors:
        err.print(f"error: {message}", markup=False)
    out.print(f"imported {plural(len(result.assigned), 'id')}; {plural(len(result.errors), 'row')} not imported", markup=False)
    if result.errors:
        raise typer.Exit(1)


@ids_app.command("list")
def list_(kind: Optional[Kind] = typer.Option(None, "--kind", help="Only ids of this kind."),
          output: Output = typer.Option(Output.text, "--output", help="text or json."),
          db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Every id set by hand or imported, with the description (document, name) or entity key it is filed under."""
    with _store(db) as store:
        rows = identifiers.listed(store, kind.value if kind else None)
    if output == Output.json:
        _json(rows)
        return
    for row in rows:
        where = f"{row['document']}: {row['key']}" if row["document"] else row["key"]
        out.print(f"{row['kind']}\t{where}\t{row['scheme']}\t{row['value']}\t{row['source']}", markup=False)


@ids_app.command("propose")
def propose(output: Output = typer.Option(Output.text, "--output", help="text or json."),
            db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Wikidata items the reference data knows for places and countries (used by exports unless an id is set)."""
    with _store(db) as store:
        rows = identifiers.proposals(store)
    if output == Output.json:
        _json(rows)
        return
    for row in rows:
        out.print(f"{row['kind']}\t{row['name']}\t{row['key']}\t{row['value']}\t{row['source']}", markup=False)
