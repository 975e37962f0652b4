"""QuickStatements v1 for Wikidata: edit the item of a person with a QID, create one only for those without.

Each statement is referenced by where it was read: the document's URL when the export base is a web
address (S854), the source's item when given (S248), the day it was ingested (S813) and the quote in
its language (S1683). The same statement from two documents is written twice with a reference each:
QuickStatements adds the second reference to the one statement (its v1 syntax has no working way to put
two references on one line: ``!S`` still makes one group, magnusmanske/quickstatements#46). A person's
MusicBrainz id is stated as P434. Facts the reader inferred (a gender from
pronouns) are left out, never exported as stated; so are facts whose value has no Wikidata item.
"""
from __future__ import annotations

import re

from ...model import RELATION_TABLE
from .common import GENDERS, Corpus, Row, Statement, inferred, statements, valued, wikidata_property

LANGUAGE = "en"  # the language of the biographies (the pipeline reads English)


def text(value: str) -> str:
    """A QuickStatements string: no tabs, newlines or double quotes (the format has no escapes)."""
    return '"' + re.sub(r"\s+", " ", value).replace('"', "'").strip()[:1400] + '"'


def date_value(value: str) -> str | None:
    """A Wikidata time with its precision: a year /9, a month /10, a day /11."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"+{value}T00:00:00Z/11"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"+{value}-00T00:00:00Z/10"
    if re.fullmatch(r"\d{4}", value):
        return f"+{value}-00-00T00:00:00Z/9"
    return None


def item_value(fact: Row, corpus: Corpus) -> str | None:
    """The statement's value: a date, a gender item, the item of the value person or entity."""
    relation, value = fact["relation"], fact["value"]
    if valued(relation, "Date"):
        return date_value(value)
    if valued(relation, "Gender"):
        return GENDERS.get(value.lower())
    if fact.get("object_person_id"):
        return corpus.qid(fact["object_person_id"])
    qid = corpus.entity_qid(fact.get("entity_id"))
    ref = fact.get("ref") or ""
    return qid or (ref.split(":", 1)[1] if ref.startswith("wikidata:") else None)


def references(fact: Row, corpus: Corpus) -> str:
    """One reference: stated in, URL, retrieved, page(s) of a PDF, quote."""
    parts = []
    if corpus.stated_in:
        parts.append(f"S248\t{corpus.stated_in}")
    if corpus.published():
        parts.append(f"S854\t{text(corpus.document_iri(fact['document']))}")
    ingested = corpus.retrieved.get(fact["document"])
    if ingested is not None:
        parts.append(f"S813\t+{ingested:%Y-%m-%d}T00:00:00Z/11")
    if fact.get("page"):
        parts.append(f"S304\t{text(str(fact['page']))}")  # page(s)
    parts.append(f"S1683\t{LANGUAGE}:{text(fact['evidence'])}")
    return "\t".join(parts)


def lines(corpus: Corpus) -> tuple[list[str], list[tuple[str, str]], dict[str, int]]:
    """The commands, the facts left out (each with its detail and kind of reason), and how many items
    are edited and created."""
    out, skipped, counts = [], [], {"edited": 0, "created": 0, "statements": 0}
    by_person = corpus.facts_by_person()
    for person in corpus.people:
        qid = corpus.qid(person["id"])
        if qid:
            subject = qid
            counts["edited"] += 1
        else:  # a new item, named and typed; LAST is the item just created
            subject = "LAST"
            counts["created"] += 1
            out += ["CREATE", f"LAST\tLen\t{text(person['name'])}", "LAST\tP31\tQ5"]
            out += [f"LAST\tAen\t{text(alias)}" for alias in corpus.names(person)[1:]]
        mbid = corpus.person_ids.get(person["id"], {}).get("musicbrainz")
        if mbid:  # an id set by hand: no document to cite
            out.append(f"{subject}\tP434\t{text(mbid.value)}")
        for statement in statements(corpus, by_person.get(person["id"], [])):
            written = _statement(statement, subject, qid, corpus, skipped, person["name"])
            out += written
            counts["statements"] += bool(written)
    return out, skipped, counts


#: Why a fact is not exported, by kind (the report counts them; each skipped line says the detail).
INFERRED, NO_PROPERTY, NO_ITEM, NOT_A_DATE, NEEDS_BOTH = (
    "inferred, not stated", "no Wikidata property", "no Wikidata item for the value", "not a date Wikidata takes",
    "stated of the value: needs the QIDs of both")


def _statement(statement: Statement, subject: str, qid: str | None, corpus: Corpus,
               skipped: list[tuple[str, str]], name: str) -> list[str]:
    fact, spec = statement.fact, RELATION_TABLE.get(statement.relation)
    detail = inferred(fact, corpus)
    why = INFERRED if detail else None
    prop = wikidata_property(statement.relation)
    value = item_value(fact, corpus)
    if spec and spec.wikidata_reversed:  # stated of the value: the ensemble's "founded by" the person
        ensemble = corpus.entity_qid(fact.get("entity_id"))
        if why is None and ensemble and qid:
            return [f"{ensemble}\t{spec.wikidata}\t{qid}\t{references(f, corpus)}" for f in _sources(statement)]
        why = why or NEEDS_BOTH
    elif why is None and prop is None:
        why = NO_PROPERTY
    elif why is None and value is None:
        why = NOT_A_DATE if valued(statement.relation, "Date") else NO_ITEM
    if why:
        skipped.append((f"{name}: {statement.relation} {fact['value']!r} ({detail or why})", why))
        return []
    return [f"{subject}\t{prop}\t{value}\t{references(f, corpus)}" for f in _sources(statement)]


def _sources(statement: Statement) -> list[Row]:
    """One fact per document and sentence: the same sentence twice is one reference."""
    return list({(f["document"], f["evidence"]): f for f in reversed(statement.facts)}.values())[::-1]
