"""Exports for archives: schema.org JSON-LD, RDF Turtle (Wikidata properties), QuickStatements, CSV.

Every export carries provenance: each statement keeps the sentence it came from and its
document. IRIs of people, ensembles and documents are minted under ``base`` (by default a
``urn:linernotes:`` namespace; pass your collection's URL to publish them).
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, TextIO

from ..errors import Errors, StoreError
from ..model import RELATION_TABLE, RELATIONS
from ..store import Store

FORMATS = ("jsonld", "turtle", "quickstatements", "csv")
DEFAULT_BASE = "urn:linernotes:"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
WIKIDATA_DIRECT = "http://www.wikidata.org/prop/direct/"
GEONAMES = "https://sws.geonames.org/"
GENDERS = {"male": "Q6581097", "female": "Q6581072", "non-binary": "Q48270"}
SCHEMA_TYPES = {"Place": "Place", "Country": "Country", "Institution": "EducationalOrganization",
                "Ensemble": "MusicGroup", "Organization": "Organization"}


@dataclass
class ExportReport:
    format: str
    people: int = 0
    statements: int = 0
    skipped: list[str] = field(default_factory=list)  # facts a format cannot say, with why


def export(store: Store, fmt: str, out: TextIO, base: str = DEFAULT_BASE) -> ExportReport:
    """Write the whole knowledge base to ``out`` in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in FORMATS:
        raise StoreError(Errors.E025.format(why=f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}"))
    with store.reading() as tx:
        people = list(tx.iter_people())
        facts = list(tx.iter_facts())
        entities = {e["id"]: e for e in tx.entities()}
        members = {p["id"]: tx.person_members(p["id"]) for p in people}
    report = ExportReport(fmt, people=len(people))
    writer = {"jsonld": _jsonld, "turtle": _turtle, "quickstatements": _quickstatements, "csv": _csv}[fmt]
    writer(people, facts, entities, members, out, base, report)
    return report


def _facts_by_person(facts: Iterable[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for fact in facts:
        if fact["person_id"] is not None:
            out[fact["person_id"]].append(fact)
    return out


def object_iri(fact: dict, base: str) -> str | None:
    """The IRI a fact's value stands for: another person, a Wikidata item, a GeoNames place, an entity."""
    if fact.get("object_person_id"):
        return f"{base}person/{fact['object_person_id']}"
    ref = fact.get("ref") or ""
    if ref.startswith("wikidata:"):
        return WIKIDATA_ENTITY + ref.split(":", 1)[1]
    if ref.startswith("geonames:"):
        return f"{GEONAMES}{ref.split(':', 1)[1]}/"
    if fact.get("entity_id"):
        return f"{base}entity/{fact['entity_id']}"
    return None


# -- JSON-LD --------------------------------------------------------------------------------------

def _camel(relation: str) -> str:
    head, *rest = relation.split("_")
    return "ln:" + head + "".join(w.title() for w in rest)


def person_property(relation: str) -> str:
    """The JSON-LD key of a person's fact: the schema.org property of the relation table, or ours."""
    spec = RELATION_TABLE.get(relation)
    return spec.schema_org if spec and spec.schema_org and not spec.schema_org_reversed else _camel(relation)


def _valued(relation: str, kind: str) -> bool:
    spec = RELATION_TABLE.get(relation)
    return bool(spec and kind in spec.values)


def wikidata_property(relation: str) -> str | None:
    """The Wikidata property a person's fact states; None when there is none, or it is stated of the value."""
    spec = RELATION_TABLE.get(relation)
    return spec.wikidata if spec and not spec.wikidata_reversed else None


def jsonld_document(people, facts, entities, members, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The knowledge base as one schema.org JSON-LD document (context inline: nothing to fetch)."""
    graph: list[dict[str, Any]] = []
    used_entities: set[int] = set()
    # Properties stated of the value, pointing at the person: the ensemble's "founder".
    of_values: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_person = _facts_by_person(facts)
    for person in people:
        pid = f"{base}person/{person['id']}"
        names = list(dict.fromkeys(n for m in members[person["id"]] for n in [m["name"], *m["aliases"]]))
        node: dict[str, Any] = {"@id": pid, "@type": "Person", "name": person["name"],
                                "alternateName": [n for n in names if n != person["name"]],
                                "subjectOf": [{"@id": _document_iri(base, d)} for d in
                                              dict.fromkeys(m["document"] for m in members[person["id"]])]}
        evidence = []
        for fact in by_person.get(person["id"], []):
            relation = fact["relation"]
            target = object_iri(fact, base)
            value: Any = {"@id": target} if target else fact["value"]
            if fact.get("entity_id"):
                used_entities.add(fact["entity_id"])
            spec = RELATION_TABLE.get(relation)
            if spec and spec.schema_org_reversed and target:
                of_values[fact["entity_id"] or 0][spec.schema_org].append(pid)
            node.setdefault(person_property(relation), []).append(value)
            evidence.append({"@type": "ln:Evidence", "ln:relation": relation, "ln:value": fact["value"],
                             "ln:quote": fact["evidence"], "ln:document": {"@id": _document_iri(base, fact["document"])},
                             "ln:start": fact["start_char"], "ln:end": fact["end_char"],
                             "ln:confidence": round(fact["confidence"], 2)})
        node["ln:evidence"] = evidence
        graph.append(node)
    for entity_id in sorted(used_entities):
        entity = entities[entity_id]
        node = {"@id": f"{base}entity/{entity_id}", "@type": SCHEMA_TYPES.get(entity["kind"], "Thing"),
                "name": entity["name"]}
        if entity.get("latitude") is not None:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": entity["latitude"], "longitude": entity["longitude"]}
        if entity.get("ref"):
            node["sameAs"] = object_iri({"ref": entity["ref"]}, base) or entity["ref"]
        for prop, pids in of_values.get(entity_id, {}).items():
            node[prop] = [{"@id": p} for p in pids]
        graph.append(node)
    for document in sorted({f["document"] for f in facts}):
        graph.append({"@id": _document_iri(base, document), "@type": "CreativeWork", "name": document})
    context = {"@vocab": "https://schema.org/", "ln": base + "vocab/", "wd": WIKIDATA_ENTITY}
    return {"@context": context, "@graph": graph}


def _document_iri(base: str, name: str) -> str:
    return f"{base}document/" + re.sub(r"[^A-Za-z0-9._~-]", lambda m: "%%%02X" % ord(m.group()), name)


def _jsonld(people, facts, entities, members, out, base, report) -> None:
    document = jsonld_document(people, facts, entities, members, base)
    report.statements = len(facts)
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")


# -- Turtle -----------------------------------------------------------------------------------------

def turtle_graph(people, facts, entities, members, base: str = DEFAULT_BASE):
    """An rdflib graph: Wikidata direct properties where one exists, a statement node per fact for provenance."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

    graph = Graph()
    wdt, wd, ln = Namespace(WIKIDATA_DIRECT), Namespace(WIKIDATA_ENTITY), Namespace(base + "vocab/")
    schema, prov = Namespace("https://schema.org/"), Namespace("http://www.w3.org/ns/prov#")
    for prefix, namespace in (("wdt", wdt), ("wd", wd), ("ln", ln), ("schema", schema), ("prov", prov)):
        graph.bind(prefix, namespace)
    for person in people:
        node = URIRef(f"{base}person/{person['id']}")
        graph.add((node, RDF.type, schema.Person))
        graph.add((node, wdt.P31, wd.Q5))
        graph.add((node, RDFS.label, Literal(person["name"])))
        for name in dict.fromkeys(n for m in members[person["id"]] for n in [m["name"], *m["aliases"]]):
            if name != person["name"]:
                graph.add((node, schema.alternateName, Literal(name)))
    for entity in entities.values():
        node = URIRef(f"{base}entity/{entity['id']}")
        graph.add((node, RDFS.label, Literal(entity["name"])))
        graph.add((node, RDF.type, schema[SCHEMA_TYPES.get(entity["kind"], "Thing")]))
    for fact in facts:
        if fact["person_id"] is None:
            continue
        subject = URIRef(f"{base}person/{fact['person_id']}")
        relation = fact["relation"]
        prop, spec = wikidata_property(relation), RELATION_TABLE.get(relation)
        predicate = wdt[prop] if prop else ln[relation]
        target = object_iri(fact, base)
        if _valued(relation, "Gender") and fact["value"].lower() in GENDERS:
            obj = wd[GENDERS[fact["value"].lower()]]
        elif target:
            obj = URIRef(target)
        elif _valued(relation, "Date"):
            obj = Literal(fact["value"], datatype=XSD.date if len(fact["value"]) == 10 else XSD.gYear)
        else:
            obj = Literal(fact["value"])
        graph.add((subject, predicate, obj))
        if spec and spec.wikidata_reversed and target:
            graph.add((URIRef(target), wdt[spec.wikidata], subject))  # the value's property: the ensemble's "founded by"
        statement = URIRef(f"{base}fact/{fact['id']}")
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        graph.add((statement, prov.wasDerivedFrom, URIRef(_document_iri(base, fact["document"]))))
        graph.add((statement, ln.quote, Literal(fact["evidence"])))
        graph.add((statement, ln.confidence, Literal(round(fact["confidence"], 2), datatype=XSD.decimal)))
    return graph


def _turtle(people, facts, entities, members, out, base, report) -> None:
    graph = turtle_graph(people, facts, entities, members, base)
    report.statements = len(graph)
    out.write(graph.serialize(format="turtle"))


# -- QuickStatements --------------------------------------------------------------------------------

def _qs_text(text: str) -> str:
    """A QuickStatements string: no tabs, newlines or double quotes (the format has no escapes)."""
    return '"' + re.sub(r"\s+", " ", text).replace('"', "'").strip()[:1400] + '"'


def quickstatements_lines(people, facts, members) -> tuple[list[str], list[str]]:
    """QuickStatements v1 commands, one new item per person; the quote and document are the references."""
    lines, skipped = [], []
    by_person = _facts_by_person(facts)
    for person in people:
        lines.append("CREATE")
        lines.append(f"LAST\tLen\t{_qs_text(person['name'])}")
        lines.append("LAST\tP31\tQ5")
        names = dict.fromkeys(n for m in members[person["id"]] for n in [m["name"], *m["aliases"]])
        for alias in names:
            if alias != person["name"]:
                lines.append(f"LAST\tAen\t{_qs_text(alias)}")
        for fact in by_person.get(person["id"], []):
            # A property read backwards ("founded": P112, the ensemble's founder) is not a statement about the person.
            prop = wikidata_property(fact["relation"])
            value = _qs_value(fact)
            if prop is None or value is None:
                why = "no Wikidata property" if prop is None else "no Wikidata item for the value"
                skipped.append(f"{person['name']}: {fact['relation']} {fact['value']!r} ({why})")
                continue
            lines.append(f"LAST\t{prop}\t{value}\tS1683\ten:{_qs_text(fact['evidence'])}"
                         f"\tS1476\ten:{_qs_text(fact['document'])}")
    return lines, skipped


def _qs_value(fact: dict) -> str | None:
    relation, value, ref = fact["relation"], fact["value"], fact.get("ref") or ""
    if _valued(relation, "Date"):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"+{value}T00:00:00Z/11"
        if re.fullmatch(r"\d{4}", value):
            return f"+{value}-00-00T00:00:00Z/9"
        return None
    if _valued(relation, "Gender"):
        return GENDERS.get(value.lower())
    if ref.startswith("wikidata:"):
        return ref.split(":", 1)[1]
    return None


def _quickstatements(people, facts, entities, members, out, base, report) -> None:
    lines, skipped = quickstatements_lines(people, facts, members)
    report.statements = sum(1 for line in lines if line.startswith("LAST\tP") and "\tS1683\t" in line)
    report.skipped = skipped
    out.write("\n".join(lines) + "\n")


# -- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = ["person_id", "person", "relation", "wikidata_property", "value", "ref", "label", "document",
               "start", "end", "confidence", "evidence", "extractor_version"]


def _csv(people, facts, entities, members, out, base, report) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for fact in facts:
        writer.writerow([fact["person_id"], fact["person"], fact["relation"], RELATIONS.get(fact["relation"]) or "",
                         fact["value"], fact["ref"] or "", fact["label"] or "", fact["document"], fact["start_char"],
                         fact["end_char"], round(fact["confidence"], 2), fact["evidence"], fact["extractor_version"]])
    report.statements = len(facts)
