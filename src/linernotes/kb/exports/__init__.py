"""Exports for archives and editors: schema.org JSON-LD, RDF Turtle, QuickStatements for Wikidata, a
MusicBrainz-shaped JSON, CSV of facts and a wide CSV of people.

Every export carries provenance: each statement keeps the sentence it came from and its document.
IRIs of people, ensembles and documents are minted under ``base`` (by default a ``urn:linernotes:``
namespace). Pass the address the explorer is served at (``https://archive.example.org/``) to publish
them: ``{base}people/12`` and ``{base}documents/NAME`` are then its pages, and a document's page is the
reference URL of the statements drawn from it. People and things with a Wikidata or
MusicBrainz id (``kb.identifiers``) are linked to it, and QuickStatements edit their items.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from ...errors import Errors, StoreError
from ...store import Store
from ..identifiers import checked, ids_of_entities, ids_of_people
from . import jsonld, musicbrainz, quickstatements, tables, turtle
from .common import DEFAULT_BASE, REVIEWED, Corpus, may_be_inferred

FORMATS = ("jsonld", "turtle", "quickstatements", "musicbrainz", "csv", "people-csv")


@dataclass
class ExportReport:
    format: str
    people: int = 0
    statements: int = 0
    skipped: list[str] = field(default_factory=list)  # facts a format cannot say, with why
    reasons: Counter = field(default_factory=Counter)  # how many were skipped for each kind of reason
    edited: int = 0  # QuickStatements: existing items edited (the person has a QID)
    created: int = 0  # QuickStatements: new items


def read(store: Store, base: str = DEFAULT_BASE, stated_in: str | None = None, reviewed_only: bool = False) -> Corpus:
    """The knowledge base as exports read it. ``reviewed_only`` keeps the facts a reviewer accepted,
    corrected or added (rejected facts are never read)."""
    with store.reading() as tx:
        people = list(tx.iter_people())
        facts = [f for f in tx.iter_facts() if not reviewed_only or f.get("status") in REVIEWED]
        entities = {e["id"]: e for e in tx.entities()}
        members = {p["id"]: tx.person_members(p["id"]) for p in people}
        person_ids = ids_of_people(tx, members)
        entity_ids = ids_of_entities(tx, entities)
        retrieved = tx.documents_dated({f["document"] for f in facts})
        spans = tx.fact_spans(f["id"] for f in facts if may_be_inferred(f))
    return Corpus(people, facts, entities, members, person_ids, entity_ids, retrieved, spans, base, stated_in)


def export(store: Store, fmt: str, out: TextIO, base: str = DEFAULT_BASE, stated_in: str | None = None,
           reviewed_only: bool = False, bom: bool = False) -> ExportReport:
    """Write the whole knowledge base to ``out`` in ``fmt`` (one of ``FORMATS``). ``stated_in``: the Wikidata
    item of the documents' source (QuickStatements S248); ``bom``: start a CSV with a byte-order mark, so
    spreadsheets read it as UTF-8."""
    if fmt not in FORMATS:
        raise StoreError(Errors.E025.format(why=f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}"))
    if stated_in:
        stated_in = checked("wikidata", stated_in)
    corpus = read(store, base, stated_in, reviewed_only)
    report = ExportReport(fmt, people=len(corpus.people))
    if bom and fmt in ("csv", "people-csv"):
        out.write("\ufeff")
    if fmt == "jsonld":
        _dump(jsonld.document(corpus), out)
        report.statements = len(corpus.facts)
    elif fmt == "musicbrainz":
        document = musicbrainz.document(corpus)
        _dump(document, out)
        report.statements = len(document["relations"])
    elif fmt == "turtle":
        graph = turtle.graph(corpus)
        report.statements = len(graph)
        out.write(graph.serialize(format="turtle"))
    elif fmt == "quickstatements":
        lines, skipped, counts = quickstatements.lines(corpus)
        report.skipped, report.reasons = [text for text, _ in skipped], Counter(why for _, why in skipped)
        report.statements, report.edited, report.created = counts["statements"], counts["edited"], counts["created"]
        out.write("\n".join(lines) + "\n")
    elif fmt == "csv":
        report.statements = tables.facts(corpus, out)
    else:
        report.statements = tables.people(corpus, out)
    return report


def _dump(document, out: TextIO) -> None:
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")
