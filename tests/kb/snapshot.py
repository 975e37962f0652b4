"""A knowledge base's rows without their ids: two stores hold the same knowledge iff their snapshots are equal."""
from __future__ import annotations

from sqlalchemy import func, select

from linernotes.store import Store
from linernotes.store import schema as t


#: Confidences are compared to 12 decimals: the same text's confidence can differ in the last bit
#: (1e-16) between processes that loaded libraries in another order (a Ray worker imports pyarrow
#: before the pipeline; so does ``python -c "import pyarrow, linernotes"``). Output rounds to 2.
CONFIDENCE_DIGITS = 12


def snapshot(url: str) -> dict:
    """Counts and every row that matters, keyed by names (documents, people, local people), not ids."""
    store = Store.open(url)
    try:
        with store.reading() as tx:
            conn = tx.conn
            d, lp, p, f, e, c = t.documents, t.local_people, t.people, t.facts, t.entities, t.checks
            documents = {r.id: r.name for r in conn.execute(select(d.c.id, d.c.name))}
            locals_ = {r.id: (documents[r.document_id], r.local_id, r.name, r.person_id)
                       for r in conn.execute(select(lp.c.id, lp.c.document_id, lp.c.local_id, lp.c.name, lp.c.person_id))}
            person_names = {r.id: r.name for r in conn.execute(select(p.c.id, p.c.name))}
            members: dict[int, list] = {}
            for document, local_id, name, person in locals_.values():
                members.setdefault(person, []).append((document, local_id, name))
            entities = {r.id: (r.kind, r.key) for r in conn.execute(select(e.c.id, e.c.kind, e.c.key))}

            def who(local_person_id):
                if local_person_id is None:
                    return None
                document, local_id, _, person = locals_[local_person_id]
                return (document, local_id, person_names.get(person))

            return {
                "counts": tx.counts(),
                "documents": sorted(tuple(r) for r in conn.execute(select(d.c.name, d.c.sha256, d.c.text))),
                "people": sorted((person_names[pid], tuple(sorted(ms))) for pid, ms in members.items()
                                 if pid is not None),
                "unresolved": sorted(ms for pid, ms in members.items() if pid is None),
                "reasons": sorted((documents[r.document_id], r.local_id, r.reason)
                                  for r in conn.execute(select(lp.c.document_id, lp.c.local_id, lp.c.reason))),
                "facts": sorted(
                    (who(r.local_person_id), r.relation, r.value, r.value_key, r.label_key, r.ref, r.label, r.start_char,
                     r.end_char, r.evidence, round(r.confidence, CONFIDENCE_DIGITS), r.note, entities.get(r.entity_id),
                     who(r.object_local_person_id))
                    for r in conn.execute(select(f))),
                "entities": sorted(tuple(r) for r in conn.execute(
                    select(e.c.kind, e.c.key, e.c.name, e.c.ref, e.c.latitude, e.c.longitude, e.c.country))),
                "checks": sorted(
                    (documents.get(r.document_id), who(r.local_person_id), person_names.get(r.person_id), r.code,
                     r.severity, r.message, r.value, r.start_char, r.end_char, r.evidence)
                    for r in conn.execute(select(c))),
                "mentions": conn.execute(select(func.count()).select_from(t.mentions)).scalar_one(),
                "name_keys": conn.execute(select(func.count()).select_from(t.name_keys)).scalar_one(),
                "search_terms": conn.execute(select(func.count()).select_from(t.search_terms)).scalar_one(),
                "claims": sorted(tuple(r) for r in conn.execute(
                    select(t.document_claims.c.sha256, d.c.name).join(d, d.c.id == t.document_claims.c.document_id))),
                "stale": conn.execute(select(func.count()).select_from(t.stale_people)).scalar_one(),
            }
    finally:
        store.close()
