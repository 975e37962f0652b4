"""Writes: a batch of documents with everything drawn from them, profile assignments, checks, decisions."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from .. import __version__
from ..keys import fold_words, name_keys, value_key
from ..model import OBJECT_KINDS, PERSON_VALUED, Document
from ..reference.places import gazetteer
from . import schema as t

#: Words too common to be worth a row in the word index.
STOPWORDS = frozenset("""a an and are as at be been but by for from had has have he her his in into is it its of on
or she that the their they this to was were which who with""".split())


@dataclass
class NewDocument:
    """A document to store: its name, the digest of its text, the text, and what was extracted from it."""

    name: str
    sha256: str
    text: str
    extracted: Document


def index_terms(text: str) -> set[str]:
    """The distinct words of a text as the word index keeps them."""
    return {w for w in fold_words(text) if len(w) > 1 and w not in STOPWORDS and len(w) <= 64}


class Writes:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._entity_ids: dict[tuple[str, str], int] = {}

    # -- documents -------------------------------------------------------------------------------

    def delete_document(self, document_id: int) -> set[int]:
        """Remove a document and all rows drawn from it; return the profiles that lost a member."""
        lp = t.local_people
        affected = {row[0] for row in self.conn.execute(
            select(lp.c.person_id).where(lp.c.document_id == document_id, lp.c.person_id.is_not(None)))}
        self.conn.execute(delete(t.documents).where(t.documents.c.id == document_id))
        return affected

    def add_documents(self, items: list[NewDocument], version: str = __version__) -> list[int]:
        """Store documents with their mentions, people, facts and checks; return the new local people's ids."""
        if not items:
            return []
        now = datetime.now(timezone.utc)
        doc_ids = [r[0] for r in self.conn.execute(
            insert(t.documents).returning(t.documents.c.id, sort_by_parameter_order=True),
            [{"name": d.name, "sha256": d.sha256, "text": d.text, "ingested_at": now, "extractor_version": version}
             for d in items])]
        people_rows, owners = [], []
        for doc_id, item in zip(doc_ids, items):
            for person in item.extracted.people:
                people_rows.append({"document_id": doc_id, "local_id": person.id, "name": person.name,
                                    "aliases": json.dumps(person.aliases, ensure_ascii=False), "main": person.main})
                owners.append((doc_id, person))
        local_ids = [r[0] for r in self.conn.execute(
            insert(t.local_people).returning(t.local_people.c.id, sort_by_parameter_order=True), people_rows)] \
            if people_rows else []
        self._insert_rows(t.name_keys, [
            {"local_person_id": lid, "key": key, "kind": kind}
            for lid, (_, person) in zip(local_ids, owners) for key, kind in key_kinds(person.name, person.aliases)])
        self._insert_rows(t.mentions, [
            {"document_id": doc_id, "start_char": m.start, "end_char": m.end, "text": m.text, "type": m.type,
             "ref": m.ref, "label": m.label}
            for doc_id, item in zip(doc_ids, items) for m in item.extracted.mentions])
        self._insert_facts(doc_ids, items, local_ids, owners, version)
        self._insert_rows(t.search_terms, [
            {"term": term, "document_id": doc_id}
            for doc_id, item in zip(doc_ids, items) for term in sorted(index_terms(item.text))])
        return local_ids

    def _insert_facts(self, doc_ids, items, local_ids, owners, version) -> None:
        by_doc: dict[int, list[tuple[int, object]]] = {}
        for lid, (doc_id, person) in zip(local_ids, owners):
            by_doc.setdefault(doc_id, []).append((lid, person))
        fact_rows, check_rows = [], []
        for doc_id, item in zip(doc_ids, items):
            members = by_doc.get(doc_id, [])
            names = {value_key(n): lid for lid, p in members for n in [p.name, *p.aliases]}
            spans = []
            for lid, person in members:
                for fact in person.facts:
                    kind = OBJECT_KINDS.get(fact.relation)
                    other = names.get(value_key(fact.value)) if fact.relation in PERSON_VALUED else None
                    if other == lid:
                        other = None
                    # An unnamed ensemble ("formed a band") is not one thing across documents: no entity.
                    unnamed = kind == "Ensemble" and fact.value == fact.value.lower()
                    entity = self._entity(kind, fact.value, fact.ref, fact.label) if kind and other is None and not unnamed else None
                    fact_rows.append({
                        "document_id": doc_id, "local_person_id": lid, "relation": fact.relation,
                        "value": fact.value, "value_key": value_key(fact.value),
                        "label_key": value_key(fact.label) if fact.label else None,
                        "entity_id": entity, "object_local_person_id": other, "ref": fact.ref, "label": fact.label,
                        "start_char": fact.start, "end_char": fact.end, "evidence": fact.evidence,
                        "confidence": fact.confidence, "note": fact.note, "extractor_version": version})
                    spans.append((fact.start, fact.end, lid))
            main = next((lid for lid, p in members if p.main), None)
            for check in item.extracted.checks:
                owner = next((lid for s, e, lid in spans if s < check.end and check.start < e), main)
                check_rows.append({
                    "document_id": doc_id, "local_person_id": owner, "person_id": None, "code": check.code,
                    "severity": check.severity, "message": check.message, "value": check.value,
                    "start_char": check.start, "end_char": check.end, "evidence": check.evidence})
        self._insert_rows(t.facts, fact_rows)
        self._insert_rows(t.checks, check_rows)

    def _entity(self, kind: str, value: str, ref: str | None, label: str | None) -> int:
        """The id of the entity a fact points at, created on first sight (by reference id, else by name)."""
        key = ref or value_key(label or value)
        cache_key = (kind, key)
        if cache_key in self._entity_ids:
            return self._entity_ids[cache_key]
        e = t.entities
        row = self.conn.execute(select(e.c.id).where(e.c.kind == kind, e.c.key == key)).first()
        if row is None:
            values = {"kind": kind, "key": key, "name": label or value, "ref": ref}
            values.update(_coordinates(ref))
            row = self.conn.execute(insert(e).returning(e.c.id), values).first()
        self._entity_ids[cache_key] = row[0]
        return row[0]

    def _insert_rows(self, table, rows: list[dict]) -> None:
        if rows:
            self.conn.execute(insert(table), rows)

    # -- profiles --------------------------------------------------------------------------------

    def create_person(self, name: str) -> int:
        return self.conn.execute(insert(t.people).returning(t.people.c.id),
                                 {"name": name, "key": value_key(name)}).scalar_one()

    def rename_person(self, person_id: int, name: str) -> None:
        self.conn.execute(update(t.people).where(t.people.c.id == person_id).values(name=name, key=value_key(name)))

    def assign(self, assignments: Iterable[tuple[int, int, str]]) -> None:
        """Put local people into profiles: ``(local person id, person id, reason)``."""
        lp = t.local_people
        rows = [{"lid": local_id, "pid": person_id, "why": reason} for local_id, person_id, reason in assignments]
        if rows:
            self.conn.execute(update(lp).where(lp.c.id == bindparam("lid"))
                              .values(person_id=bindparam("pid"), reason=bindparam("why")), rows)

    def delete_empty_people(self, person_ids: Iterable[int]) -> None:
        ids = list(person_ids)
        if not ids:
            return
        used = {r[0] for r in self.conn.execute(
            select(t.local_people.c.person_id).where(t.local_people.c.person_id.in_(ids)))}
        empty = [i for i in ids if i not in used]
        if empty:
            self.conn.execute(delete(t.checks).where(t.checks.c.person_id.in_(empty)))
            self.conn.execute(delete(t.people).where(t.people.c.id.in_(empty)))

    def replace_person_checks(self, person_ids: Iterable[int], rows: list[dict]) -> None:
        """Replace the cross-document checks of these profiles."""
        ids = list(person_ids)
        if ids:
            self.conn.execute(delete(t.checks).where(t.checks.c.person_id.in_(ids), t.checks.c.document_id.is_(None)))
        self._insert_rows(t.checks, [{**row, "document_id": None, "local_person_id": None,
                                      "fact_ids": json.dumps(row.get("fact_ids", []))} for row in rows])

    def add_decision(self, action: str, a: tuple[str, str], b: tuple[str, str], note: str | None = None) -> None:
        """Record a correction by hand: ``a`` and ``b`` are (document name, person name) pairs."""
        self.conn.execute(insert(t.decisions), {
            "action": action, "document_a": a[0], "name_a": a[1], "document_b": b[0], "name_b": b[1],
            "note": note, "created_at": datetime.now(timezone.utc)})


def key_kinds(name: str, aliases: list[str]) -> list[tuple[str, str]]:
    """Name keys of a person with their kind (see ``schema.name_keys``)."""
    keys = name_keys(name, aliases)
    has_full = any(strong for _, strong in keys)
    return [(key, "full" if strong else "part" if has_full else "only") for key, strong in keys]


def _coordinates(ref: str | None) -> dict:
    if not ref or not ref.startswith("geonames:"):
        return {}
    place = gazetteer().get(int(ref.split(":", 1)[1]))
    if place is None:
        return {}
    return {"latitude": place.latitude, "longitude": place.longitude, "country": place.country}
