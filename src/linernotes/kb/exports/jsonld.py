"""schema.org JSON-LD: every id an IRI, things typed by what they are, one value per statement.

People link to Wikidata and MusicBrainz by ``sameAs`` IRIs; a country stored as a place and as a
country is one ``Country`` node; memberships are ``OrganizationRole`` nodes (the schema.org role
pattern); each fact's quote, document and review are an evidence node in our vocabulary, under the
export base + ``vocab/`` (real IRIs: nothing to resolve, no ``linernotes:`` pseudo-scheme). A fact the
reader inferred (a gender from pronouns) is only an evidence node, marked ``ln:inferred``: it is not
stated of the person.
"""
from __future__ import annotations

from typing import Any

from ...model import RELATION_TABLE
from ..identifiers import iri
from .common import (Corpus, Row, Statement, entity_iri, head_type, inferred, is_country, names_a_recording, object_iri,
                     place_name, statements)
from .periods import statement_period

SCHEMA = "https://schema.org/"
#: The schema.org type of each kind of entity; refined by the name's head word and the sentence below.
TYPES = {"Place": "Place", "Country": "Country", "Institution": "EducationalOrganization", "Ensemble": "MusicGroup",
         "Organization": "Organization", "Occupation": "Occupation", "Work": "CreativeWork"}
HEAD_TYPES = {"Event": "Event", "Venue": "MusicVenue"}
#: schema.org properties whose range is text: their values are names, not nodes.
TEXT_VALUED = frozenset({"award"})
GENDERS = {"male": SCHEMA + "Male", "female": SCHEMA + "Female"}
#: Relations saying a person performed at a place; at an event, schema.org says ``performerIn``.
PERFORMED = frozenset({"performed_at"})
#: Where two facts give one node a type, the narrower wins.
NARROWER = {"Thing": 0, "Place": 0, "CreativeWork": 0, "MusicVenue": 1, "Event": 1, "MusicAlbum": 1, "Country": 2}


def _camel(relation: str) -> str:
    head, *rest = relation.split("_")
    return "ln:" + head + "".join(w.title() for w in rest)


def person_property(relation: str) -> str:
    """The JSON-LD key of a person's fact: the schema.org property of the relation table, or ours."""
    spec = RELATION_TABLE.get(relation)
    return spec.schema_org if spec and spec.schema_org and not spec.schema_org_reversed else _camel(relation)


def _same_as(ids: dict, own: str, kind: str = "Person") -> list[dict[str, str]]:
    links = [iri(scheme, ident.value, kind) for scheme, ident in sorted(ids.items())]
    return [{"@id": link} for link in links if link != own]


def _evidence(fact: Row, corpus: Corpus) -> dict[str, Any]:
    node = {"@type": "ln:Evidence", "ln:relation": fact["relation"], "ln:value": fact["value"],
            "ln:quote": fact["evidence"], "ln:document": {"@id": corpus.document_iri(fact["document"])},
            "ln:start": fact["start_char"], "ln:end": fact["end_char"], "ln:confidence": round(fact["confidence"], 2)}
    if fact.get("page"):
        node["ln:page"] = fact["page"]  # of the PDF the document was read from
    why = inferred(fact, corpus)
    if why:
        node["ln:inferred"] = why
    for key, prop in (("status", "ln:status"), ("reviewer", "ln:reviewer"), ("reviewed_at", "ln:reviewedAt"),
                      ("review_reason", "ln:reviewReason")):
        if fact.get(key):
            node[prop] = str(fact[key])
    return node


def _value(statement: Statement, corpus: Corpus, person_facts: list[Row]) -> Any:
    fact, prop = statement.fact, person_property(statement.relation)
    target = object_iri(fact, corpus.base)
    if statement.relation == "gender":
        return {"@id": GENDERS[fact["value"].lower()]} if fact["value"].lower() in GENDERS else fact["value"]
    if prop in TEXT_VALUED:
        return fact.get("label") or fact["value"]
    spec = RELATION_TABLE[statement.relation]
    if target:
        value: Any = {"@id": target}
    elif spec.values[0] == "Person":
        value = {"@type": "Person", "name": fact["value"]}  # named, but not a person of the knowledge base
    elif spec.kind in TYPES and spec.schema_org:
        value = {"@type": TYPES[spec.kind], "name": fact["value"]}  # no entity ("a trio"): typed all the same
    else:
        return fact["value"]
    if prop == "memberOf":  # the role pattern: the person is a member in a role, of the group, for a time
        role = {"@type": "OrganizationRole", "memberOf": value}
        begin, end = statement_period(statement.facts, person_facts)
        role.update({k: v for k, v in (("startDate", begin), ("endDate", end)) if v})
        # What the person played in it: an instrument said in the membership's sentence (schema.org's
        # ``instrument`` is an Action's tool, not a musician's: roleName, as its Role examples do).
        said = {(f["document"], f["evidence"]) for f in statement.facts}
        played = sorted({f.get("label") or f["value"] for f in person_facts
                         if f["relation"] == "instrument" and (f["document"], f["evidence"]) in said})
        if played:
            role["roleName"] = played
        return role
    return value


def document(corpus: Corpus) -> dict[str, Any]:
    """The knowledge base as one JSON-LD document (context inline: nothing to fetch)."""
    graph: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}  # entity nodes by IRI: one node per thing
    founders: dict[str, list[str]] = {}  # a group's founders, stated of the group
    artists: dict[str | None, list[str]] = {}  # a work's people
    by_person = corpus.facts_by_person()
    for person in corpus.people:
        pid = corpus.person_iri(person["id"])
        names = corpus.names(person)
        node: dict[str, Any] = {"@id": pid, "@type": "Person", "name": person["name"], "alternateName": names[1:],
                                "subjectOf": [{"@id": corpus.document_iri(d)} for d in
                                              dict.fromkeys(m["document"] for m in corpus.members[person["id"]])]}
        same = _same_as(corpus.person_ids.get(person["id"], {}), pid)
        if same:
            node["sameAs"] = same
        evidence = []
        own = by_person.get(person["id"], [])
        for statement in statements(corpus, own):
            spec = RELATION_TABLE.get(statement.relation)
            evidence += [_evidence(f, corpus) for f in statement.facts]
            if inferred(statement.fact, corpus):  # kept as evidence (marked inferred), never stated of the person
                continue
            for fact in statement.facts:
                if fact.get("entity_id"):
                    _entity_node(corpus, nodes, fact)
            target = object_iri(statement.fact, corpus.base)
            if spec and spec.schema_org_reversed and target:  # stated of the group: its founder
                founders.setdefault(target, []).append(pid)
                founded = statement_period(statement.facts, own)[0]
                if founded and target in nodes:
                    nodes[target].setdefault("foundingDate", founded)
                continue
            prop = person_property(statement.relation)
            if statement.relation in PERFORMED and target in nodes and nodes[target]["@type"] == "Event":
                prop = "performerIn"  # schema.org's word for performing at an event (a festival), not a place
            node.setdefault(prop, []).append(_value(statement, corpus, own))
            if statement.relation == "notable_work":
                artists.setdefault(target, []).append(pid)
        node["ln:evidence"] = evidence
        graph.append(node)
    for target, pids in founders.items():
        if target in nodes:
            nodes[target]["founder"] = [{"@id": p} for p in dict.fromkeys(pids)]
    for target, pids in artists.items():  # an album's artists: the people it is a notable work of
        if target in nodes and nodes[target]["@type"] == "MusicAlbum":
            nodes[target]["byArtist"] = [{"@id": p} for p in dict.fromkeys(pids)]
    graph += nodes.values()
    for name in sorted({f["document"] for f in corpus.facts}):
        graph.append({"@id": corpus.document_iri(name), "@type": "CreativeWork", "name": name})
    context = {"@vocab": SCHEMA, "ln": corpus.base + "vocab/"}
    return {"@context": context, "@graph": graph}


def _entity_node(corpus: Corpus, nodes: dict[str, dict[str, Any]], fact: Row) -> None:
    entity = corpus.entities[fact["entity_id"]]
    own = entity_iri(entity, corpus.base)
    kind = TYPES.get(entity["kind"], "Thing")
    if is_country(entity):
        kind = "Country"
    elif entity["kind"] == "Place":
        kind = HEAD_TYPES.get(head_type(entity["name"]) or "", kind)
    if entity["kind"] == "Work" and names_a_recording(fact):
        kind = "MusicAlbum"
    node = nodes.get(own)
    if node is None:
        node = nodes[own] = {"@id": own, "@type": kind, "name": place_name(entity)}
        if entity.get("latitude") is not None and kind in ("Place", "Country", "MusicVenue"):
            node["geo"] = {"@type": "GeoCoordinates", "latitude": entity["latitude"], "longitude": entity["longitude"]}
        same = _same_as(corpus.entity_ids.get(entity["id"], {}), own, entity["kind"])
        if same:
            node["sameAs"] = same
    elif NARROWER.get(kind, 1) > NARROWER.get(node["@type"], 1):
        node["@type"] = kind
