"""Reads and writes of Wikidata and MusicBrainz identifiers (``schema.identifiers``).

A subject is ``(kind, document, key)``: ``("Person", document name, the person's name in it)`` or
``(entity kind, "", entity key)``. A person's id is filed under each of their descriptions, so it
follows them through re-resolution, merges and splits (see ``kb/identifiers.py``).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import Connection, and_, delete, func, insert, select

from . import schema as t
from .queries import _chunks

Row = dict[str, Any]
Subject = tuple[str, str, str]


class Identifiers:
    """Mixed into ``Tx``."""

    conn: Connection

    def set_identifiers(self, subjects: Iterable[Subject], scheme: str, value: str, source: str,
                        created_by: str | None = None) -> None:
        """File ``value`` as the ``scheme`` id of each subject, replacing the id it had in that scheme."""
        i, now = t.identifiers, datetime.now(timezone.utc)
        for kind, document, key in dict.fromkeys(subjects):
            self.conn.execute(delete(i).where(i.c.kind == kind, i.c.document == document, i.c.key == key,
                                              i.c.scheme == scheme))
            self.conn.execute(insert(i), {"kind": kind, "document": document, "key": key, "scheme": scheme,
                                          "value": value, "source": source, "created_by": created_by,
                                          "created_at": now})

    def remove_identifiers(self, subjects: Iterable[Subject], scheme: str) -> int:
        i, removed = t.identifiers, 0
        for kind, document, key in dict.fromkeys(subjects):
            removed += self.conn.execute(delete(i).where(i.c.kind == kind, i.c.document == document,
                                                         i.c.key == key, i.c.scheme == scheme)).rowcount
        return removed

    def person_identifiers(self, person_ids: Iterable[int]) -> list[Row]:
        """The ids filed under the descriptions of these profiles, each with its ``person_id``, oldest first."""
        i, lp, d = t.identifiers, t.local_people, t.documents
        rows: list[Row] = []
        for chunk in _chunks(sorted(set(person_ids))):
            rows += [dict(r._mapping) for r in self.conn.execute(
                select(lp.c.person_id, i.c.scheme, i.c.value, i.c.source, i.c.created_at, i.c.document, i.c.key)
                .join(d, d.c.name == i.c.document).join(lp, and_(lp.c.document_id == d.c.id, lp.c.name == i.c.key))
                .where(i.c.kind == "Person", lp.c.person_id.in_(chunk)))]
        return sorted(rows, key=lambda r: (r["created_at"], r["document"], r["key"]))

    def entity_identifiers(self, entity_ids: Iterable[int]) -> list[Row]:
        """The ids filed under these entities' kind and key, each with its ``entity_id``."""
        i, e = t.identifiers, t.entities
        rows: list[Row] = []
        for chunk in _chunks(sorted(set(entity_ids))):
            rows += [dict(r._mapping) for r in self.conn.execute(
                select(e.c.id.label("entity_id"), i.c.scheme, i.c.value, i.c.source, i.c.created_at)
                .join(e, and_(e.c.kind == i.c.kind, e.c.key == i.c.key)).where(i.c.document == "", e.c.id.in_(chunk)))]
        return sorted(rows, key=lambda r: r["created_at"])

    def all_identifiers(self, kind: str | None = None) -> list[Row]:
        i = t.identifiers
        query = select(i).order_by(i.c.kind, i.c.key, i.c.document, i.c.scheme)
        if kind:
            query = query.where(i.c.kind == kind)
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def documents_dated(self, names: Iterable[str]) -> dict[str, Any]:
        """When each document was ingested: an export's "retrieved" date."""
        d, out = t.documents, {}
        for chunk in _chunks(sorted(set(names))):
            out.update(self.conn.execute(select(d.c.name, d.c.ingested_at).where(d.c.name.in_(chunk))).all())
        return out

    def fact_spans(self, fact_ids: Iterable[int]) -> dict[int, str]:
        """The text of the document at each fact's value span: what the document says there (an export
        tells a nationality read off a birthplace from one stated), without reading whole documents."""
        f, d, out = t.facts, t.documents, {}
        span = func.substr(d.c.text, f.c.start_char + 1, f.c.end_char - f.c.start_char)
        for chunk in _chunks(sorted(set(fact_ids))):
            out.update(self.conn.execute(select(f.c.id, span).join(d, d.c.id == f.c.document_id)
                                         .where(f.c.id.in_(chunk))).all())
        return out
