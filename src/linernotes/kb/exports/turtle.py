"""RDF Turtle with Wikidata direct properties where one exists, and a statement node per fact for provenance.
A fact the reader inferred (a gender from pronouns) is only a statement node, marked ``ln:inferred``."""
from __future__ import annotations

from ...model import RELATION_TABLE
from .common import (GENDERS, WIKIDATA_DIRECT, WIKIDATA_ENTITY, Corpus, entity_iri, inferred, object_iri, valued,
                     wikidata_property)
from .jsonld import TYPES


def graph(corpus: Corpus):
    """An rdflib graph of the corpus."""
    from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

    out = Graph()
    base = corpus.base
    wdt, wd, ln = Namespace(WIKIDATA_DIRECT), Namespace(WIKIDATA_ENTITY), Namespace(base + "vocab/")
    schema, prov = Namespace("https://schema.org/"), Namespace("http://www.w3.org/ns/prov#")
    for prefix, namespace in (("wdt", wdt), ("wd", wd), ("ln", ln), ("schema", schema), ("prov", prov)):
        out.bind(prefix, namespace)
    for person in corpus.people:
        node = URIRef(corpus.person_iri(person["id"]))
        out.add((node, RDF.type, schema.Person))
        out.add((node, wdt.P31, wd.Q5))
        out.add((node, RDFS.label, Literal(person["name"])))
        for name in corpus.names(person)[1:]:
            out.add((node, schema.alternateName, Literal(name)))
        qid = corpus.qid(person["id"])
        if qid:
            out.add((node, OWL.sameAs, wd[qid]))
    for entity in corpus.entities.values():
        node = URIRef(entity_iri(entity, base))
        out.add((node, RDFS.label, Literal(entity["name"])))
        out.add((node, RDF.type, schema[TYPES.get(entity["kind"], "Thing")]))
        qid = corpus.entity_qid(entity["id"])
        if qid and str(wd[qid]) != str(node):
            out.add((node, OWL.sameAs, wd[qid]))
    for fact in corpus.facts:
        if fact["person_id"] is None:
            continue
        subject = URIRef(corpus.person_iri(fact["person_id"]))
        relation = fact["relation"]
        prop, spec = wikidata_property(relation), RELATION_TABLE.get(relation)
        predicate = wdt[prop] if prop else ln[relation]
        target = object_iri(fact, base)
        if valued(relation, "Gender") and fact["value"].lower() in GENDERS:
            obj = wd[GENDERS[fact["value"].lower()]]
        elif target:
            obj = URIRef(target)
        elif valued(relation, "Date"):
            obj = Literal(fact["value"], datatype=XSD.date if len(fact["value"]) == 10 else XSD.gYear)
        else:
            obj = Literal(fact["value"])
        statement = URIRef(f"{base}fact/{fact['id']}")
        why = inferred(fact, corpus)
        if why:
            out.add((statement, ln.inferred, Literal(why)))
        else:
            out.add((subject, predicate, obj))
            if spec and spec.wikidata_reversed and target:  # the value's property: the ensemble's "founded by"
                out.add((URIRef(target), wdt[spec.wikidata], subject))
        out.add((statement, RDF.type, RDF.Statement))
        out.add((statement, RDF.subject, subject))
        out.add((statement, RDF.predicate, predicate))
        out.add((statement, RDF.object, obj))
        out.add((statement, prov.wasDerivedFrom, URIRef(corpus.document_iri(fact["document"]))))
        out.add((statement, ln.quote, Literal(fact["evidence"])))
        out.add((statement, ln.confidence, Literal(round(fact["confidence"], 2), datatype=XSD.decimal)))
    return out
