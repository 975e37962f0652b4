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
from ..readers.pdf import evidence_page
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
    meta: dict | None = None  # stored as JSON in documents.meta: a PDF's page starts, a row's source...


def index_terms(text: str, memo: bool = True) -> set[str]:
    """The distinct words of a text as the word index keeps them (``memo``: see ``fold_words``)."""
    return {w for w in fold_words(text, memo) if len(w) > 1 and w not in STOPWORDS and len(w) <= 64}


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

    def add_documents(self, items: list[NewDocument], version: str = __version__,
                      replacing: Iterable[str] = ()) -> "Stored":
        """Store documents with their mentions, people, facts and checks, beside other writers.

        Each document is claimed by name and its text by digest (``ON CONFLICT DO NOTHING``): a
        document another writer stored meanwhile, or a copy of a text another document holds, is
        not stored and is listed in ``Stored.lost`` with the name of the document that holds it.
        ``replacing`` names documents replacing an older version: they keep their text even if
        another document holds the same one (as a single writer always did).
        """
        if not items:
            return Stored([], {})
        replacing = set(replacing)
        now = datetime.now(timezone.utc)
        items = sorted(items, key=lambda d: d.name)  # one global order of claims: no waits in a cycle
        d = t.documents
        claimed = {r.name: r.id for r in self.conn.execute(
            insert_ignoring_conflicts(self.conn, d, ["name"]).returning(d.c.id, d.c.name),
            [{"name": i.name, "sha256": i.sha256, "text": i.text, "ingested_at": now, "extractor_version": version,
              "meta": json.dumps(i.meta, ensure_ascii=False) if i.meta else None} for i in items])}
        lost = {i.name: i.name for i in items if i.name not in claimed}  # stored by another writer meanwhile
        lost.update(self._claim_texts([i for i in items if i.name in claimed], claimed, replacing))
        kept = [i for i in items if i.name not in lost]
        return Stored(self._add_contents(kept, [claimed[i.name] for i in kept], version), lost)

    def _claim_texts(self, items: list[NewDocument], doc_ids: dict[str, int], replacing: set[str]) -> dict[str, str]:
        """Claim each new document's text; a document whose text another one holds is taken back out."""
        claims, d = t.document_claims, t.documents
        rows = sorted(({"sha256": i.sha256, "document_id": doc_ids[i.name]} for i in items), key=lambda r: r["sha256"])
        if not rows:
            return {}
        self.conn.execute(insert_ignoring_conflicts(self.conn, claims, ["sha256"]), rows)
        holders = {}
        for chunk in _chunks(sorted({i.sha256 for i in items})):
            holders.update(self.conn.execute(select(claims.c.sha256, d.c.name).join(d, d.c.id == claims.c.document_id)
                                             .where(claims.c.sha256.in_(chunk))).all())
        lost = {i.name: holders[i.sha256] for i in items
                if i.name not in replacing and holders.get(i.sha256, i.name) != i.name}
        if lost:
            self.conn.execute(delete(d).where(d.c.id.in_([doc_ids[name] for name in lost])))
        return lost

    def _add_contents(self, items: list[NewDocument], doc_ids: list[int], version: str) -> list[int]:
        """Everything drawn from documents already stored as ``doc_ids``; returns the new local people's ids."""
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
        # Decisions by hand outlive the rows they were made on: found again by key (``Reviews``).
        self.apply_reviews((doc_id, item.name, item.text) for doc_id, item in zip(doc_ids, items))
        self._insert_rows(t.search_terms, [
            {"term": term, "document_id": doc_id}
            for doc_id, item in zip(doc_ids, items) for term in sorted(index_terms(item.text, memo=False))])
        return local_ids

    def mark_stale(self, person_ids: Iterable[int]) -> None:
        """Queue profiles for ``resolve_pending`` (they lost a member to a replaced document)."""
        rows = [{"person_id": p} for p in sorted(set(person_ids))]
        if rows:
            self.conn.execute(insert_ignoring_conflicts(self.conn, t.stale_people, ["person_id"]), rows)

    def clear_stale(self, person_ids: Iterable[int]) -> None:
        ids = list(person_ids)
        for chunk in _chunks(sorted(set(ids))):
            self.conn.execute(delete(t.stale_people).where(t.stale_people.c.person_id.in_(chunk)))

    def _insert_facts(self, doc_ids, items, local_ids, owners, version) -> None:
        by_doc: dict[int, list[tuple[int, object]]] = {}
        for lid, (doc_id, person) in zip(local_ids, owners):
            by_doc.setdefault(doc_id, []).append((lid, person))
        fact_rows, check_rows = [], []
        wanted: dict[tuple[str, str], object] = {}  # (kind, key) of each entity the facts point at -> a fact
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
                    target = (kind, entity_key(fact.value, fact.ref, fact.label)) \
                        if kind and other is None and not unnamed else None
                    if target:
                        known = wanted.get(target)
                        if known is None or (fact.label or fact.value) < (known.label or known.value):
                            wanted[target] = fact  # the spelling that sorts first, as _create_entities keeps
                    fact_rows.append({
                        "document_id": doc_id, "local_person_id": lid, "relation": fact.relation,
                        "value": fact.value, "value_key": value_key(fact.value),
                        "label_key": value_key(fact.label) if fact.label else None,
                        "entity_id": target, "object_local_person_id": other, "ref": fact.ref, "label": fact.label,
                        "start_char": fact.start, "end_char": fact.end, "evidence": fact.evidence,
                        "confidence": fact.confidence, "note": fact.note, "extractor_version": version,
                        "page": evidence_page(item.meta, item.text, fact.evidence, fact.start) if item.meta else None})
                    spans.append((fact.start, fact.end, lid))
            main = next((lid for lid, p in members if p.main), None)
            for check in item.extracted.checks:
                owner = next((lid for s, e, lid in spans if s < check.end and check.start < e), main)
                check_rows.append({
                    "document_id": doc_id, "local_person_id": owner, "person_id": None, "code": check.code,
                    "severity": check.severity, "message": check.message, "value": check.value,
                    "start_char": check.start, "end_char": check.end, "evidence": check.evidence})
        for target, value in self.review_entities(item.name for item in items).items():  # reviews point at these
            known = wanted.get(target)
            if known is None or value.value < (known.label or known.value):
                wanted[target] = value
        self._create_entities(wanted)
        for row in fact_rows:  # (kind, key) -> the entity's id
            row["entity_id"] = self._entity_ids[row["entity_id"]] if row["entity_id"] else None
        self._insert_rows(t.facts, fact_rows)
        self._insert_rows(t.checks, check_rows)

    def _create_entities(self, wanted: dict[tuple[str, str], object]) -> None:
        """Create the entities facts point at unless they exist (by reference id, else by name): an
        upsert in key order, so two writers creating one entity at once get the one row, and wait
        for each other in one order only. Of the spellings written for one entity ("Théâtre de la
        Ville", "Theatre de la Ville") it keeps the one that sorts first, whoever writes first: the
        name must not depend on which of two concurrent writers won."""
        if not wanted:
            return
        rows = []
        for kind, key in sorted(wanted):
            fact = wanted[(kind, key)]
            rows.append({"kind": kind, "key": key, "name": fact.label or fact.value, "ref": fact.ref,
                         "latitude": None, "longitude": None, "country": None, **_coordinates(fact.ref)})
        e = t.entities
        self.conn.execute(upsert_keeping_first_name(self.conn, e), rows)
        missing = sorted(k for k in wanted if k not in self._entity_ids)
        by_kind: dict[str, list[str]] = {}
        for kind, key in missing:
            by_kind.setdefault(kind, []).append(key)
        for kind, keys in by_kind.items():  # by (kind, key): the unique index answers
            for chunk in _chunks(keys):
                for row in self.conn.execute(select(e.c.id, e.c.key).where(e.c.kind == kind, e.c.key.in_(chunk))):
                    self._entity_ids[(kind, row.key)] = row.id

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


@dataclass
class Stored:
    """What ``add_documents`` stored: the new local people, and the documents it did not store
    (name -> the document holding that name or text, stored by another writer or earlier)."""

    local_ids: list[int]
    lost: dict[str, str]


def entity_key(value: str, ref: str | None, label: str | None) -> str:
    return ref or value_key(label or value)


def upsert_keeping_first_name(conn: Connection, entities):
    """``INSERT ... ON CONFLICT (kind, key) DO UPDATE SET name = excluded.name WHERE excluded.name < name``
    (names compared by code point)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    statement = dialect_insert(entities)
    new, old = statement.excluded.name, entities.c.name
    if conn.dialect.name == "postgresql":  # by code point, as SQLite and Python compare, whatever the server's locale
        new, old = new.collate("C"), old.collate("C")
    return statement.on_conflict_do_update(index_elements=["kind", "key"], set_={"name": statement.excluded.name},
                                           where=new < old)


def insert_ignoring_conflicts(conn: Connection, table, index_elements: list[str]):
    """``INSERT ... ON CONFLICT (index_elements) DO NOTHING``: SQLite and PostgreSQL say it alike."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing(index_elements=index_elements)


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


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
