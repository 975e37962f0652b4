"""Exports validate: rdflib parses the Turtle and the JSON-LD; QuickStatements and CSV carry quote and source."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib import namespace  # its SDO, at module level, would warn when pytest looks it over

from linernotes.errors import StoreError
from linernotes.kb.corrections import merge
from linernotes.kb.export import CSV_COLUMNS, WIKIDATA_DIRECT, export
from linernotes.kb.identifiers import import_csv, set_id
from linernotes.kb.ingest import ingest

from ..conftest import EXAMPLES, write_corpus
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


def test_quickstatements_have_quote_and_retrieved_references(filled):
    text, report = exported(filled, "quickstatements")
    lines = text.splitlines()
    assert lines.count("CREATE") == report.people == report.created == 4 and report.edited == 0
    statements = [line.split("\t") for line in lines if line.startswith("LAST\tP") and "S1683" in line]
    assert statements and all(s[3] == "S813" and s[5] == "S1683" and s[6].startswith("en:") for s in statements)
    assert ["LAST", "P1303"] in [s[:2] for s in statements]
    assert all('"' not in s[6][4:-1] for s in statements)  # quotes inside a quote cannot be escaped: replaced
    assert not any("S1476" in line for line in lines)  # a file name is not a title
    assert report.skipped  # e.g. instruments without a Wikidata item are reported, not dropped silently


def test_quickstatements_never_export_an_inferred_gender(filled):
    text, report = exported(filled, "quickstatements")
    assert "\tP21\t" not in text
    assert any("gender inferred" in s for s in report.skipped)


def test_csv_has_one_row_per_fact(filled):
    text, report = exported(filled, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == report.statements
    (born,) = [r for r in rows if r["relation"] == "born_in" and r["document"] == "ivan_a.txt"]
    assert born["value"] == "Almaty" and born["wikidata_property"] == "P19" and born["evidence"]
    genders = [r for r in rows if r["relation"] == "gender"]
    assert not born["inferred"] and genders and all(r["inferred"].startswith("gender inferred") for r in genders)


def test_unknown_format(filled):
    with pytest.raises(StoreError, match="unknown export format"):
        export(filled, "xml", io.StringIO())


# -- identifiers, references, vocabulary -----------------------------------------------------------

def test_quickstatements_edit_items_with_a_qid_and_create_the_rest(filled):
    set_id(filled, "Ivan Imankulov", "Q4115189")
    set_id(filled, "Kazakhstan", "Q232", kind="Country")
    out = io.StringIO()
    report = export(filled, "quickstatements", out, base="https://archive.example.org/", stated_in="Q100")
    lines = out.getvalue().splitlines()
    assert (report.edited, report.created) == (1, 3) and lines.count("CREATE") == 3
    ivan = [line.split("\t") for line in lines if line.startswith("Q4115189\t")]
    assert ivan and all(s[3:5] == ["S248", "Q100"] and s[5] == "S854" and s[7] == "S813" for s in ivan)
    assert ["Q4115189", "P27", "Q232"] in [s[:3] for s in ivan]  # "a Kazakh saxophonist", stated
    assert not any(line == 'LAST\tLen\t"Iván Imankulov"' for line in lines)  # an existing item keeps its label
    urls = {s[6] for s in ivan}
    # the explorer's pages of the documents, when the base is the explorer's address
    assert urls == {f'"https://archive.example.org/documents/{name}"' for name in ("ivan_a.txt", "ivan_b.txt")}


def test_one_statement_with_a_reference_per_document(filled):
    S = namespace.SDO
    set_id(filled, "Ivan Imankulov", "Q4115189")
    text, report = exported(filled, "quickstatements")
    saxophone = [line.split("\t") for line in text.splitlines() if line.startswith("Q4115189\tP106\t")]
    # Both documents call him a saxophonist: one statement (one value), referenced by each document's quote.
    assert len({tuple(s[:3]) for s in saxophone}) == 1 and len({s[6] for s in saxophone}) == 2
    graph = Graph().parse(data=exported(filled, "jsonld")[0], format="json-ld")
    ivan = _person(graph, "Iván Imankulov")
    assert len(list(graph.objects(ivan, S.hasOccupation))) == len(set(graph.objects(ivan, S.hasOccupation)))


def test_merged_profiles_state_each_value_once(filled):
    merge(filled, "Vivaan Imankulov", "Ivan Imankulov")
    document = json.loads(exported(filled, "jsonld")[0])
    for node in document["@graph"]:
        for key, values in node.items():
            if isinstance(values, list) and key != "ln:evidence":
                assert len(values) == len({json.dumps(v, sort_keys=True) for v in values}), (node["name"], key)


def _person(graph, name):
    S = namespace.SDO
    (node,) = [s for s in graph.subjects(S.name, Literal(name)) if (s, RDF.type, S.Person) in graph]
    return node


def _ranges(S):
    """The types a value of a schema.org property must have (its range, as the export uses it)."""
    return {S.birthPlace: {S.Place, S.Country}, S.homeLocation: {S.Place, S.Country}, S.nationality: {S.Country},
            S.hasOccupation: {S.Occupation}, S.memberOf: {S.OrganizationRole, S.MusicGroup, S.Organization},
            S.alumniOf: {S.EducationalOrganization, S.Organization}, S.founder: {S.Person}, S.performerIn: {S.Event},
            S.byArtist: {S.Person}, S.sameAs: None}


def check_vocabulary(graph) -> None:
    """Every schema.org type and property used is a term of schema.org; ids are IRIs; values have the range's types."""
    S = namespace.SDO
    schema = str(S)
    terms = set(S.__annotations__)  # every term of schema.org as rdflib ships it
    assert "NotASchemaTerm" not in terms and {"MusicGroup", "hasOccupation"} <= terms  # the check can fail
    used = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF.type)}
    unknown = sorted(t for t in used if t.startswith(schema) and t[len(schema):] not in terms)
    assert used and not unknown, unknown
    for prop, types in _ranges(S).items():
        for value in graph.objects(None, prop):
            assert isinstance(value, (URIRef, BNode)), (prop, value)  # a thing, never a literal
            if types:
                assert set(graph.objects(value, RDF.type)) & types, (prop, value, set(graph.objects(value, RDF.type)))
    for value in graph.objects(None, S.sameAs):
        assert isinstance(value, URIRef)
    assert not any(str(t).startswith("linernotes:") for triple in graph for t in triple)


def test_jsonld_uses_schema_org_vocabulary_with_the_right_types(filled):
    S = namespace.SDO
    set_id(filled, "Ivan Imankulov", "Q4115189")
    set_id(filled, "Ivan Imankulov", "5b11f4ce-a62d-471e-81fc-a69a8278c7da")
    graph = Graph().parse(data=exported(filled, "jsonld")[0], format="json-ld")
    check_vocabulary(graph)
    ivan = _person(graph, "Iván Imankulov")
    links = {URIRef("http://www.wikidata.org/entity/Q4115189"),
             URIRef("https://musicbrainz.org/artist/5b11f4ce-a62d-471e-81fc-a69a8278c7da")}
    assert links <= set(graph.objects(ivan, S.sameAs))
    kazakhstan = [s for s in graph.subjects(S.name, Literal("Kazakhstan"))]
    assert len(kazakhstan) == 1 and (kazakhstan[0], RDF.type, S.Country) in graph
    assert (kazakhstan[0], S.sameAs, URIRef("http://www.wikidata.org/entity/Q232")) in graph  # from the gazetteer


#: QuickStatements v1, as far as this export writes it: a subject, a property and a value, then pairs of a
#: reference property and its value; or CREATE; or a label or alias of the new item.
_ITEM, _STRING = r"Q[1-9]\d*", r'"[^"\t\n]*"'
_VALUE = rf"(?:{_ITEM}|{_STRING}|en:{_STRING}|\+\d{{4}}-\d\d-\d\dT00:00:00Z/(?:9|10|11))"
QS_LINE = re.compile(rf"CREATE|LAST\t(?:Len|Aen)\t{_STRING}|(?:LAST|{_ITEM})\tP[1-9]\d*\t{_VALUE}"
                     rf"(?:\tS(?:248|854|813|304|1683)\t{_VALUE})*")


def test_example_corpus_edits_items_with_qids_and_passes_the_vocabulary(store):
    S = namespace.SDO
    ingest(store, [str(EXAMPLES / "bios")])
    sheet = "name,qid\nRauf Mammadli,Q4115190\nAruzhan Bekova,Q4115191\nDana Zhaksylykova,Q4115192\n"
    assert not import_csv(store, io.StringIO(sheet)).errors
    out = io.StringIO()
    report = export(store, "quickstatements", out, base="https://archive.example.org/", stated_in="Q100")
    lines = out.getvalue().splitlines()
    assert report.edited == 3 and report.created == lines.count("CREATE") == report.people - 3
    subjects = {line.split("\t")[0] for line in lines if line != "CREATE"}
    assert subjects == {"LAST", "Q4115190", "Q4115191", "Q4115192"}  # the three items edited; the rest created
    assert "\tP21\t" not in out.getvalue()
    assert [line for line in lines if not QS_LINE.fullmatch(line)] == []
    graph = Graph().parse(data=exported(store, "jsonld")[0], format="json-ld")
    check_vocabulary(graph)
    types = {str(o)[len(str(S)):] for o in graph.objects(None, RDF.type)}
    assert {"MusicAlbum", "MusicGroup", "Event", "Country", "Occupation", "OrganizationRole"} <= types
    (festival,) = [s for s in graph.subjects(S.name, Literal("Sziget Festival"))]
    assert (festival, RDF.type, S.Place) not in graph and (festival, RDF.type, S.Event) in graph
    assert (None, S.performerIn, festival) in graph
    albums = list(graph.subjects(RDF.type, S.MusicAlbum))
    assert albums and all(set(graph.objects(a, S.byArtist)) for a in albums)
    assert (None, S.roleName, Literal("bayan")) in graph  # "joined the ... Orchestra, where ... the principal bayan"
    roles = [r for r in graph.objects(None, S.memberOf) if (r, S.startDate, Literal("1991")) in graph]
    assert roles and (roles[0], S.endDate, Literal("2004")) in graph  # "From 1991 to 2004 she was ... of the ..."


def test_musicbrainz_json_of_the_examples_has_releases_labels_and_an_area_hierarchy(store):
    ingest(store, [str(EXAMPLES / "bios")])
    document = json.loads(exported(store, "musicbrainz")[0])
    (rauf,) = [a for a in document["artists"] if a["name"] == "Rauf Mammadli"]
    assert rauf["end-area"]["name"] == "Baku" and rauf["end-area"]["wikidata"] == "Q9248"
    assert rauf["end-area"]["part-of"]["name"] == "Azerbaijan" and rauf["end-area"]["part-of"]["wikidata"] == "Q227"
    assert rauf["life-span"] == {"begin": "1922-02-03", "end": "1990-10-11", "ended": True}
    albums = {r["name"]: r for r in document["release-groups"]}
    assert "Steppe Letters" in albums and albums["Steppe Letters"]["artist-credit"]
    assert document["labels"] and all(r["type"] == "Label" for r in document["labels"])
    memberships = [r for r in document["relations"] if r["type"] == "member of band"]
    assert ("1991", "2004") in [(r["begin"], r["end"]) for r in memberships]
    assert any(r["attributes"] for r in memberships)  # an instrument played in the group


def test_musicbrainz_json_has_typed_artists_and_relationships(filled):
    document = json.loads(exported(filled, "musicbrainz")[0])
    people = [a for a in document["artists"] if a["type"] == "Person"]
    (ivan,) = [a for a in people if a["name"] == "Iván Imankulov"]
    assert ivan["sort-name"] == "Imankulov, Iván" and ivan["begin-area"]["name"].startswith("Almaty")
    assert ivan["area"]["wikidata"] == "Q232" and ivan["life-span"]["begin"] == "1985"
    groups = {a["linernotes"]: a for a in document["artists"] if a["type"] == "Group"}
    founded = [r for r in document["relations"] if r["type"] == "founder" and r["artist"] == ivan["linernotes"]]
    assert founded and groups[founded[0]["target"]["linernotes"]]["name"] == "Steppe Jazz Quartet"
    assert all(r["evidence"] and r["evidence"][0]["quote"] for r in document["relations"])


def test_people_csv_is_one_row_per_person_with_a_bom_for_spreadsheets(filled):
    set_id(filled, "Ivan Imankulov", "Q4115189")
    out = io.StringIO()
    report = export(filled, "people-csv", out, bom=True)
    assert out.getvalue().startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert len(rows) == report.people == 4 and list(rows[0])[:4] == ["person_id", "person", "wikidata", "musicbrainz"]
    (ivan,) = [r for r in rows if r["person"] == "Iván Imankulov"]
    assert ivan["wikidata"] == "Q4115189" and ivan["occupation"].count("saxophonist") == 1
    assert ivan["gender"] == ""  # inferred from pronouns: in the fact CSV, marked, not in the table of what is stated
    assert set(ivan["documents"].split(" | ")) == {"ivan_a.txt", "ivan_b.txt"}


def test_stated_in_must_be_a_qid(filled):
    with pytest.raises(StoreError, match="E055"):
        export(filled, "quickstatements", io.StringIO(), stated_in="the archive")


def test_musicbrainz_id_is_stated_as_p434(filled):
    set_id(filled, "Ivan Imankulov", "Q4115189")
    set_id(filled, "Ivan Imankulov", "5b11f4ce-a62d-471e-81fc-a69a8278c7da")
    lines = exported(filled, "quickstatements")[0].splitlines()
    assert 'Q4115189\tP434\t"5b11f4ce-a62d-471e-81fc-a69a8278c7da"' in lines


def test_reviewed_only_keeps_the_facts_a_reviewer_decided(filled):
    from sqlalchemy import update

    from linernotes.store import schema

    with filled.transaction() as tx:
        tx.conn.execute(update(schema.facts).where(schema.facts.c.relation == "instrument").values(status="accepted"))
        rows = list(tx.iter_facts())
    if "status" not in rows[0]:
        pytest.skip("fact rows carry no review status yet (the reviews work adds it to the store's reads)")
    out = io.StringIO()
    report = export(filled, "csv", out, reviewed_only=True)
    kept = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert kept and report.statements == len(kept) and {r["relation"] for r in kept} == {"instrument"}
    assert {r["status"] for r in kept} == {"accepted"}


def test_jsonld_keeps_inferred_facts_as_marked_evidence_only(filled):
    S = namespace.SDO
    graph = Graph().parse(data=exported(filled, "jsonld")[0], format="json-ld")
    vocab = "urn:linernotes:vocab/"
    assert (None, S.gender, None) not in graph  # genders are counted from pronouns: not stated
    marked = {str(o) for o in graph.objects(None, URIRef(vocab + "inferred"))}
    assert any(why.startswith("gender inferred") for why in marked)
    assert (None, S.birthPlace, None) in graph  # stated facts are stated


def test_turtle_states_no_inferred_gender(filled):
    graph = Graph().parse(data=exported(filled, "turtle")[0], format="turtle")
    assert (None, URIRef(WIKIDATA_DIRECT + "P21"), None) not in graph
    assert (None, URIRef("urn:linernotes:vocab/inferred"), None) in graph


def test_csv_cells_that_a_spreadsheet_would_evaluate_are_text(store, tmp_path):
    from linernotes.kb.ingest import ingest_text

    ingest_text(store, "odd.txt", "Zhanna Ermek is a Kazakh singer.\n\n=HYPERLINK(\"http://x\") She plays the dombra.")
    for fmt in ("csv", "people-csv"):
        out = io.StringIO()
        export(store, fmt, out)
        cells = [cell for row in csv.reader(io.StringIO(out.getvalue())) for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "@"))], fmt
    out = io.StringIO()
    export(store, "csv", out)
    assert "'=HYPERLINK" in out.getvalue()
