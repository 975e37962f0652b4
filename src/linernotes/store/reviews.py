"""Reads and writes of fact reviews (``schema.fact_reviews``) and the review status of facts.

A review is filed under its *key* (document name, sentence digest, the person's name in the
document, relation, value key), never under a row id: re-ingesting a document gives its facts new
ids, and ``apply_reviews`` (run by ``add_documents`` in the same transaction) finds each review's
fact again by key. The latest review of a key decides; earlier ones stay as its history.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any, Iterable

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from ..keys import sentence_key, value_key
from ..model import OBJECT_KINDS, PERSON_VALUED
from . import schema as t
from .queries import _chunks

Row = dict[str, Any]
KEY = ("document", "sentence_key", "person", "relation", "value_key")
#: What each action makes of the fact it finds ("undo": back to what the extractor said).
STATUS = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "add": "added", "undo": "extracted"}


def review_key(row: Row) -> tuple:
    return tuple(row[k] for k in KEY)


class Reviews:
    """Mixed into ``Tx``."""

    conn: Connection

    # -- reviews ---------------------------------------------------------------------------------

    def add_review(self, review: Row) -> Row:
        """File a review (``KEY`` fields, ``action``, what it says, ``reviewer``, ``reason``); returns it stored."""
        row = {**review, "created_at": datetime.now(timezone.utc)}
        row["id"] = self.conn.execute(insert(t.fact_reviews).returning(t.fact_reviews.c.id), row).scalar_one()
        return row

    def review(self, review_id: int) -> Row | None:
        row = self.conn.execute(select(t.fact_reviews).where(t.fact_reviews.c.id == review_id)).first()
        return dict(row._mapping) if row else None

    def reviews(self, document: str | None = None, limit: int | None = None) -> list[Row]:
        """Every review (of one document), oldest first: the whole history, superseded ones included."""
        r = t.fact_reviews
        query = select(r).order_by(r.c.id)
        if document is not None:
            query = query.where(r.c.document == document)
        return [dict(row._mapping) for row in self.conn.execute(query.limit(limit))]

    def latest_reviews(self, documents: Iterable[str]) -> dict[str, list[Row]]:
        """The deciding (latest) review of each key, by document."""
        r = t.fact_reviews
        out: dict[str, list[Row]] = {}
        names = sorted(set(documents))
        for chunk in _chunks(names):
            latest: dict[tuple, Row] = {}
            for row in self.conn.execute(select(r).where(r.c.document.in_(chunk)).order_by(r.c.id)):
                latest[review_key(row._mapping)] = dict(row._mapping)
            for row in latest.values():
                out.setdefault(row["document"], []).append(row)
        return out

    def orphaned_reviews(self) -> list[Row]:
        """Deciding reviews that apply to no fact: their sentence (or quote, or person) is no longer in
        the document, or the document is gone. Kept: a later version of the text may bring them back."""
        r, f = t.fact_reviews, t.facts
        latest = self.latest_reviews(row[0] for row in self.conn.execute(select(r.c.document).distinct()))
        ids = [row["id"] for rows in latest.values() for row in rows if row["action"] != "undo"]
        used = set()
        for chunk in _chunks(ids):
            used |= {row[0] for row in self.conn.execute(select(f.c.review_id).where(f.c.review_id.in_(chunk)))}
        return [row for rows in latest.values() for row in rows if row["action"] != "undo" and row["id"] not in used]

    # -- facts as a review sees them -------------------------------------------------------------

    def fact_for_review(self, fact_id: int) -> Row | None:
        """A fact with what its key is made of: its document's name and its person's name there."""
        rows = self._review_facts(t.facts.c.id == fact_id)
        return rows[0] if rows else None

    def _review_facts(self, condition) -> list[Row]:
        """Facts with their key: the key of the review that decided them, else their own fields."""
        f, lp, d, r = t.facts, t.local_people, t.documents, t.fact_reviews
        query = (select(f.c.id, f.c.document_id, f.c.local_person_id, f.c.relation, f.c.value, f.c.value_key, f.c.ref,
                        f.c.label,
                        f.c.evidence, f.c.start_char, f.c.end_char, f.c.status, f.c.review_id, f.c.confidence,
                        lp.c.name.label("person"), d.c.name.label("document"),
                        r.c.sentence_key.label("r_sentence"), r.c.person.label("r_person"),
                        r.c.relation.label("r_relation"), r.c.value_key.label("r_value_key"))
                 .join(lp, lp.c.id == f.c.local_person_id).join(d, d.c.id == f.c.document_id)
                 .outerjoin(r, r.c.id == f.c.review_id).where(condition).order_by(f.c.id))
        out = []
        for row in self.conn.execute(query):
            fact = dict(row._mapping)
            reviewed = fact.pop("r_sentence")
            own = (sentence_key(fact["evidence"]), fact["person"], fact["relation"], fact["value_key"])
            decided = (reviewed, fact.pop("r_person"), fact.pop("r_relation"), fact.pop("r_value_key"))
            fact["key"] = (fact["document"], *(decided if reviewed else own))
            out.append(fact)
        return out

    def facts_decided_by(self, review_id: int) -> list[Row]:
        return self._fact_rows(t.facts.c.review_id == review_id, with_rejected=True)

    def document_text(self, document_id: int) -> str:
        return self.conn.execute(select(t.documents.c.text).where(t.documents.c.id == document_id)).scalar_one()

    def person_names_in(self, document_id: int) -> list[str]:
        """The names (and aliases) a document gives its people."""
        lp = t.local_people
        rows = self.conn.execute(select(lp.c.name, lp.c.aliases).where(lp.c.document_id == document_id)
                                 .order_by(lp.c.id))
        return list(dict.fromkeys(n for row in rows for n in [row.name, *json.loads(row.aliases)]))

    # -- applying reviews to a document's facts ----------------------------------------------------

    def review_entities(self, documents: Iterable[str]) -> dict[tuple[str, str], SimpleNamespace]:
        """The entities the corrections and additions of these documents point at, by (kind, key):
        ``Writes._insert_facts`` creates them with the batch's own, in one sorted upsert, so that two
        writers never lock entities in different orders (which could deadlock them)."""
        from .writes import entity_key

        out: dict[tuple[str, str], SimpleNamespace] = {}
        for reviews in self.latest_reviews(documents).values():
            for r in reviews:
                relation, value = r["new_relation"] or r["relation"], r["new_value"]
                kind = OBJECT_KINDS.get(relation)
                if r["action"] in ("correct", "add") and value and kind and not (kind == "Ensemble" and value == value.lower()):
                    target = (kind, entity_key(value, None, None))
                    if target not in out or value < out[target].value:
                        out[target] = SimpleNamespace(value=value, label=None, ref=None)
        return out

    def apply_reviews(self, documents: Iterable[tuple[int, str, str]]) -> None:
        """Re-apply the reviews of freshly stored documents ``(id, name, text)`` to their facts."""
        documents = list(documents)
        latest = self.latest_reviews(name for _, name, _ in documents)
        for doc_id, name, text in documents:
            for review in latest.get(name, []):
                self.apply_review(review, doc_id, text)

    def apply_review(self, review: Row, doc_id: int, text: str) -> int:
        """Make the facts of a document what ``review`` says; returns how many facts it now decides."""
        f = t.facts
        facts = [x for x in self._review_facts(f.c.document_id == doc_id) if x["key"] == review_key(review)]
        action = review["action"]
        if action in ("accept", "reject", "undo"):
            for fact in facts:
                if action == "undo" and fact["status"] == "added":
                    self.conn.execute(delete(f).where(f.c.id == fact["id"]))
                else:
                    self.conn.execute(update(f).where(f.c.id == fact["id"]).values(
                        status=STATUS[action], review_id=None if action == "undo" else review["id"]))
            return 0 if action == "undo" else len(facts)
        people = self._people_of_document(doc_id)
        if action == "correct":
            for fact in facts:
                lid = people.get(value_key(review["new_person"])) if review["new_person"] else fact["local_person_id"]
                if lid is None:  # the new person is not (or no longer) named in the document
                    continue
                relation, value = review["new_relation"] or fact["relation"], review["new_value"] or fact["value"]
                # A new value has no reference id yet; the same value, as the same kind of thing, keeps its own
                # (a change of person, or born_in -> residence), and so the entity it already points at.
                same = not review["new_value"] and OBJECT_KINDS.get(relation) == OBJECT_KINDS.get(fact["relation"])
                ref, label = (fact["ref"], fact["label"]) if same else (None, None)
                self.conn.execute(update(f).where(f.c.id == fact["id"]).values(
                    local_person_id=lid, relation=relation, value=value, value_key=value_key(value), ref=ref,
                    label=label, label_key=value_key(label) if label else None, status="corrected",
                    review_id=review["id"], **self._pointers(relation, value, people, lid, ref, label)))
            return len(facts)
        # "add": a new fact, unless an earlier addition of the same key is still there
        if facts:
            self.conn.execute(update(f).where(f.c.id.in_([x["id"] for x in facts])).values(review_id=review["id"]))
            return len(facts)
        span, lid = locate(text, review["evidence"] or ""), people.get(value_key(review["new_person"] or ""))
        if span is None or lid is None:
            return 0
        value = review["new_value"]
        quote = text[span[0]:span[1]]
        at = quote.casefold().find(value.casefold())  # the value's own span, as extracted facts have, if it is there
        where = (span[0] + at, span[0] + at + len(value)) if at >= 0 else span
        self.conn.execute(insert(f), {
            "document_id": doc_id, "local_person_id": lid, "relation": review["new_relation"], "value": value,
            "value_key": value_key(value), "label_key": None, "ref": None, "label": None,
            "start_char": where[0], "end_char": where[1], "evidence": quote, "confidence": 1.0,
            "note": None, "extractor_version": "review", "status": "added", "review_id": review["id"],
            **self._pointers(review["new_relation"], value, people, lid)})
        return 1

    def _people_of_document(self, doc_id: int) -> dict[str, int]:
        """Local people of a document by the value key of each of their names (main name first)."""
        lp = t.local_people
        out: dict[str, int] = {}
        rows = list(self.conn.execute(select(lp.c.id, lp.c.name, lp.c.aliases).where(lp.c.document_id == doc_id)
                                      .order_by(lp.c.id)))
        for row in rows:
            out.setdefault(value_key(row.name), row.id)
        for row in rows:
            for alias in json.loads(row.aliases):
                out.setdefault(value_key(alias), row.id)
        return out

    def _pointers(self, relation: str, value: str, people: dict[str, int], lid: int, ref: str | None = None,
                  label: str | None = None) -> dict:
        """What a reviewed value points at, as ``Writes._insert_facts`` decides for extracted ones."""
        from .writes import entity_key

        other = people.get(value_key(value)) if relation in PERSON_VALUED else None
        if other is not None and other != lid:
            return {"object_local_person_id": other, "entity_id": None}
        kind = OBJECT_KINDS.get(relation)
        if not kind or (kind == "Ensemble" and value == value.lower()):
            return {"object_local_person_id": None, "entity_id": None}
        target = (kind, entity_key(value, ref, label))
        if target not in self._entity_ids:  # a review made now (on a re-ingest ``review_entities`` made it)
            self._create_entities({target: SimpleNamespace(value=value, label=label, ref=ref)})
        return {"object_local_person_id": None, "entity_id": self._entity_ids[target]}

    # -- the review queue ------------------------------------------------------------------------

    def review_queue(self, limit: int = 50) -> list[Row]:
        """Facts nobody reviewed: those a check names first, then the least sure first."""
        f, c = t.facts, t.checks
        flagged: set[int] = set()
        for (ids,) in self.conn.execute(select(c.c.fact_ids).where(c.c.fact_ids.is_not(None))):
            flagged.update(json.loads(ids))
        overlapping = (select(f.c.id).join(c, and_(c.c.document_id == f.c.document_id, c.c.start_char < f.c.end_char,
                                                   f.c.start_char < c.c.end_char)))
        flagged.update(row[0] for row in self.conn.execute(overlapping))
        unreviewed = f.c.status == "extracted"
        first: list[int] = []
        for chunk in _chunks(sorted(flagged)):
            first += [row[0] for row in self.conn.execute(select(f.c.id).where(unreviewed, f.c.id.in_(chunk)))]
        rest = select(f.c.id).where(unreviewed).order_by(f.c.confidence, f.c.id).limit(limit + len(first))
        ids = list(dict.fromkeys(first + [row[0] for row in self.conn.execute(rest)]))
        rows = []
        for chunk in _chunks(ids):
            rows += self._fact_rows(f.c.id.in_(chunk))
        for row in rows:
            row["checked"] = row["id"] in flagged
        rows.sort(key=lambda row: (not row["checked"], row["confidence"], row["id"]))
        return rows[:limit]

    def count_reviews(self) -> dict[str, int]:
        f = t.facts
        return dict(self.conn.execute(select(f.c.status, func.count()).group_by(f.c.status)).all())


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text`` (whitespace may differ), or None."""
    words = quote.split()
    if not words:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    found = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (found.start(), found.end()) if found else None
