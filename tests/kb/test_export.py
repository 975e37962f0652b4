"""Exports validate: rdflib parses the Turtle and the JSON-LD; QuickStatements and CSV carry quote and source."""
from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph, URIRef

from linernotes.errors import StoreError
from linernotes.kb.export import CSV_COLUMNS, WIKIDATA_DIRECT, export
from linernotes.kb.ingest import ingest

from ..conftest import write_corpus
from .corpus import CORPUS


@pytest.fixture()
def filled(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


def exported(store, fmt):
    out = io.StringIO()
    report = export(store, fmt, out)
    return out.getvalue(), report


def test_turtle_parses_and_uses_wikidata_properties(filled):
    text, report = exported(filled, "turtle")
    graph = Graph().parse(data=text, format="turtle")
    assert len(graph) == report.statements > 0
    predicates = {str(p) for p in graph.predicates()}
    assert WIKIDATA_DIRECT + "P1303" in predicates  # instrument
    assert WIKIDATA_DIRECT + "P19" in predicates  # place of birth
    quotes = [str(o) for o in graph.objects(None, URIRef("urn:linernotes:vocab/quote"))]
    assert "He was born in Almaty in 1985." in quotes


def test_jsonld_parses_with_schema_org_types(filled):
    text, _ = exported(filled, "jsonld")
    graph = Graph().parse(data=text, format="json-ld")
    types = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))}
    assert {"https://schema.org/Person", "https://schema.org/Place", "https://schema.org/MusicGroup"} <= types
    births = {str(o) for o in graph.objects(None, URIRef("https://schema.org/birthPlace"))}
    assert any(b.startswith("https://sws.geonames.org/") for b in births)


def test_quickstatements_have_quote_and_source_references(filled):
    text, report = exported(filled, "quickstatements")
    lines = text.splitlines()
    assert lines.count("CREATE") == report.people == 4
    statements = [line.split("\t") for line in lines if line.startswith("LAST\tP") and "S1683" in line]
    assert statements and all(len(s) == 7 and s[3] == "S1683" and s[5] == "S1476" for s in statements)
    assert ["LAST", "P1303"] in [s[:2] for s in statements]
    assert all('"' not in s[4][4:-1] for s in statements)  # quotes inside a quote cannot be escaped: replaced
    assert report.skipped  # e.g. instruments without a Wikidata item are reported, not dropped silently


def test_csv_has_one_row_per_fact(filled):
    text, report = exported(filled, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == report.statements
    (born,) = [r for r in rows if r["relation"] == "born_in" and r["document"] == "ivan_a.txt"]
    assert born["value"] == "Almaty" and born["wikidata_property"] == "P19" and born["evidence"]


def test_unknown_format(filled):
    with pytest.raises(StoreError, match="unknown export format"):
        export(filled, "xml", io.StringIO())
