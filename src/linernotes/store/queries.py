"""Reads: documents, local people and their keys, profiles, facts by relation and value, the word index."""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from sqlalchemy import Connection, and_, case, func, or_, select, true, union_all

from ..keys import name_key, value_key
from ..model import OBJECT_KINDS
from ..reference.places import Area
from . import schema as t

Row = dict[str, Any]
#: Documents a search ranks at most (those with its rarest word).
CANDIDATES = 5000
#: The status of a fact a reviewer rejected: still shown on its profile and document, nowhere else.
REJECTED = "rejected"


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with the pattern characters escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fact_matches(relations: Iterable[str], value: str | Area | None = None, contains: str | None = None, table=None):
    """``_fact_matches`` among the facts not rejected by a reviewer: filters, counts and ``ask`` skip those."""
    f = t.facts if table is None else table
    return and_(_fact_matches(relations, value, contains, table), f.c.status != REJECTED)


def _fact_matches(relations: Iterable[str], value: str | Area | None = None, contains: str | None = None, table=None):
    """Facts of ``relations`` whose value (or canonical label) equals ``value`` folded, or contains ``contains``;
    with an ``Area`` for ``value``, the facts of places in it (``_within``).

    A value is matched as the ids of a UNION ALL of two (relation, key) lookups, each on its index.
    ``table`` is the facts table or an alias of it.
    """
    f = t.facts if table is None else table
    relations = list(relations)
    if isinstance(value, Area):
        return _within(f, relations, value)
    if value is not None:
        return f.c.id.in_(_ids_with_key(relations, value_key(value)))
    if contains is None:
        return f.c.relation.in_(relations)
    pattern = _like(value_key(contains))
    by_value = or_(f.c.value_key.like(pattern, escape="\\"), f.c.label_key.like(pattern, escape="\\"))
    kinds = {OBJECT_KINDS.get(r) for r in relations}
    if None in kinds:
        return and_(f.c.relation.in_(relations), by_value)
    # Facts that point at an entity match by the entity's name, found in the (small) entities table;
    # only facts without one are matched by their own value. A LIKE over every fact's value costs a
    # scan of the relation (100 ms at 100,000 people); this costs a look at each row's entity id.
    e = t.entities
    named = select(e.c.id).where(e.c.kind.in_(sorted(kinds)), e.c.name.ilike(pattern, escape="\\"))
    return and_(f.c.relation.in_(relations), or_(f.c.entity_id.in_(named), and_(f.c.entity_id.is_(None), by_value)))


def _ids_with_key(relations: list[str], key: str, column: str = "id"):
    """The ids (or another ``column``) of facts of ``relations`` whose value or label folds to ``key``,
    not rejected. Not an OR of the two conditions: SQLite reads one as ``relation IN (...)`` and walks
    every fact of the relation (300 ms for the dombra at 100,000 people, against 20 ms for the two
    index lookups). The indexes hold the status and the local person (schema v8): no row is read."""
    g = t.facts.alias("by_key")
    return union_all(*(select(g.c[column]).where(g.c.relation.in_(relations), by == key, g.c.status != REJECTED)
                       for by in (g.c.value_key, g.c.label_key)))


def locals_matching(relations: Iterable[str], value: str | Area | None = None, contains: str | None = None):
    """A select of the local people with a fact ``fact_matches`` finds: for a value, from the index alone."""
    relations = list(relations)
    if isinstance(value, Area):  # the three terms of ``_within``, each its own lookup in a v8 index
        g, keys = t.facts.alias("in_area"), list(value.keys)
        return union_all(*(select(g.c.local_person_id).where(term, g.c.status != REJECTED) for term in (
            and_(g.c.relation.in_(relations), g.c.value_key.in_(keys)),
            and_(g.c.relation.in_(relations), g.c.label_key.in_(keys)),
            and_(g.c.entity_id.in_(_entities_in(value)), g.c.relation.in_(relations)))))
    if value is not None:
        return _ids_with_key(relations, value_key(value), "local_person_id")
    f = t.facts.alias("matching")
    return select(f.c.local_person_id).where(fact_matches(relations, value, contains, table=f))


def _within(f, relations: list[str], area: Area):
    """Facts of ``relations`` about a place in ``area``: the place itself by its GeoNames id or any of
    its names, or (a country) an entity the gazetteer put in it: ``entities.country``, looked up in
    the small entities table, so the filter stays one query."""
    inside = _entities_in(area)
    keys = list(area.keys)
    # Every term is one an index answers (a fact with a GeoNames ref always points at its entity, so
    # the entity term finds it): one term no index has makes the database walk the whole relation.
    # The entity term matches the relation through lower(), which keeps SQLite on the entity index
    # rather than walking every fact of the relations.
    return or_(and_(f.c.relation.in_(relations), f.c.value_key.in_(keys)),
               and_(f.c.relation.in_(relations), f.c.label_key.in_(keys)),
               and_(f.c.entity_id.in_(inside), func.lower(f.c.relation).in_(relations)))


def _entities_in(area: Area):
    """The ids of the entities in ``area``: its own by GeoNames id, or (a country) those the gazetteer put in it."""
    e = t.entities
    return select(e.c.id).where(e.c.ref.in_(area.refs) if area.country is None
                                else or_(e.c.country == area.country, e.c.ref.in_(area.refs)))


def _row_matches(row: Row, relations: Iterable[str], value: str | Area | None, contains: str | None,
                 inside: set[int] = frozenset()) -> bool:
    """``fact_matches`` for a fact already fetched (``inside``: the entities in ``value``'s area)."""
    if row["relation"] not in set(relations):
        return False
    keys = [value_key(row["value"])] + ([value_key(row["label"])] if row["label"] else [])
    if isinstance(value, Area):
        return value.holds(keys, row["ref"]) or row["entity_id"] in inside
    if value is not None:
        return value_key(value) in keys
    return contains is None or any(value_key(contains) in key for key in keys)


class Queries:
    conn: Connection

    # -- documents -------------------------------------------------------------------------------

    def document_by_name(self, name: str) -> Row | None:
        d = t.documents
        row = self.conn.execute(select(d.c.id, d.c.name, d.c.sha256, d.c.ingested_at).where(d.c.name == name)).first()
        return dict(row._mapping) if row else None

    def document_by_sha(self, sha256: str) -> Row | None:
        d = t.documents
        row = self.conn.execute(select(d.c.id, d.c.name).where(d.c.sha256 == sha256).limit(1)).first()
        return dict(row._mapping) if row else None

    def document(self, name: str) -> Row | None:
        """A document whole: its text, mentions, the facts drawn from it and its checks."""
        d = t.documents
        row = self.conn.execute(select(d).where(d.c.name == name)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        m = t.mentions
        out["mentions"] = [dict(r._mapping) for r in self.conn.execute(
            select(m.c.start_char, m.c.end_char, m.c.text, m.c.type, m.c.ref, m.c.label)
            .where(m.c.document_id == out["id"]).order_by(m.c.start_char))]
        out["facts"] = self._fact_rows(t.facts.c.document_id == out["id"], with_rejected=True)
        out["checks"] = self._check_rows(t.checks.c.document_id == out["id"])
        return out

    def documents(self, limit: int = 100, offset: int = 0) -> list[Row]:
        d = t.documents
        return [dict(r._mapping) for r in self.conn.execute(
            select(d.c.id, d.c.name, d.c.sha256, d.c.ingested_at).order_by(d.c.name).limit(limit).offset(offset))]

    def count_documents(self) -> int:
        return self.conn.execute(select(func.count()).select_from(t.documents)).scalar_one()

    def counts(self) -> dict[str, int]:
        def count(table, *where) -> int:
            return self.conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        return {"documents": count(t.documents), "people": count(t.people),
                "facts": count(t.facts, t.facts.c.status != REJECTED),
                "checks": count(t.checks), "entities": count(t.entities), "decisions": count(t.decisions)}

    # -- local people, for resolution ------------------------------------------------------------

    def local_people(self, local_ids: Iterable[int]) -> list[Row]:
        ids = sorted(set(local_ids))
        if not ids:
            return []
        lp, d = t.local_people, t.documents
        rows = []
        for chunk in _chunks(ids):
            for r in self.conn.execute(
                    select(lp.c.id, lp.c.name, lp.c.aliases, lp.c.main, lp.c.person_id, lp.c.reason,
                           d.c.name.label("document"), d.c.id.label("document_id"))
                    .join(d, d.c.id == lp.c.document_id).where(lp.c.id.in_(chunk))):
                row = dict(r._mapping)
                row["aliases"] = json.loads(row["aliases"])
                rows.append(row)
        return sorted(rows, key=lambda r: r["id"])

    def unresolved_locals(self, limit: int) -> list[int]:
        """Local people not yet in a profile (stored, not yet resolved), oldest first."""
        lp = t.local_people
        return [r[0] for r in self.conn.execute(
            select(lp.c.id).where(lp.c.person_id.is_(None)).order_by(lp.c.id).limit(limit))]

    def stale_people(self, limit: int) -> list[int]:
        """Profiles queued for resolution because a replaced document took a member away."""
        sp = t.stale_people
        return [r[0] for r in self.conn.execute(select(sp.c.person_id).order_by(sp.c.person_id).limit(limit))]

    def locals_with_keys(self, keys: Iterable[str], kinds: Iterable[str]) -> set[int]:
        """Local people with one of ``keys`` as a name key of one of ``kinds``."""
        out: set[int] = set()
        nk = t.name_keys
        for chunk in _chunks(sorted(set(keys))):
            out.update(r[0] for r in self.conn.execute(
                select(nk.c.local_person_id).where(nk.c.key.in_(chunk), nk.c.kind.in_(list(kinds)))))
        return out

    def locals_with_keys_up_to(self, keys: Iterable[str], kinds: Iterable[str], limit: int) -> dict[str, set[int]]:
        """For each of ``keys``, up to ``limit`` local people with it as a name key of one of ``kinds``: blocks
        read only while they are small (fewer than ``limit`` back for a key means that is all of its block).
        One query per 500 keys, each key's people numbered in the database and cut there."""
        nk = t.name_keys
        out: dict[str, set[int]] = {}
        for chunk in _chunks(sorted(set(keys))):
            numbered = select(nk.c.key, nk.c.local_person_id,
                              func.row_number().over(partition_by=nk.c.key).label("number")) \
                .where(nk.c.key.in_(chunk), nk.c.kind.in_(list(kinds))).subquery()
            for key, local_id in self.conn.execute(
                    select(numbered.c.key, numbered.c.local_person_id).where(numbered.c.number <= limit)):
                out.setdefault(key, set()).add(local_id)
        return out

    def locals_with_key_and_fact(self, key: str, kinds: Iterable[str], facts: Iterable[tuple[str, str]]) -> set[int]:
        """Local people with name key ``key`` (of one of ``kinds``) and a fact among ``facts``, each
        ``(relation, value)`` with the value as its ref, canonical label key or value key: one keyed join
        in the database, so that a big block of one name is never read whole (resolution's second key)."""
        nk, f = t.name_keys, t.facts
        shared = [and_(f.c.relation == relation, or_(f.c.value_key == value, f.c.label_key == value, f.c.ref == value))
                  for relation, value in facts]
        if not shared:
            return set()
        return {r[0] for r in self.conn.execute(
            select(nk.c.local_person_id).distinct().join(f, f.c.local_person_id == nk.c.local_person_id)
            .where(nk.c.key == key, nk.c.kind.in_(list(kinds)), f.c.status != REJECTED, or_(*shared)))}

    def locals_of_people(self, person_ids: Iterable[int]) -> set[int]:
        out: set[int] = set()
        for chunk in _chunks(sorted(set(person_ids))):
            out.update(r[0] for r in self.conn.execute(
                select(t.local_people.c.id).where(t.local_people.c.person_id.in_(chunk))))
        return out

    def keys_of_locals(self, local_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
        """Name keys of local people: ``{local id: [(key, kind), ...]}``."""
        out: dict[int, list[tuple[str, str]]] = {}
        nk = t.name_keys
        for chunk in _chunks(sorted(set(local_ids))):
            for lid, key, kind in self.conn.execute(
                    select(nk.c.local_person_id, nk.c.key, nk.c.kind).where(nk.c.local_person_id.in_(chunk))):
                out.setdefault(lid, []).append((key, kind))
        return out

    def facts_of_locals(self, local_ids: Iterable[int]) -> dict[int, list[Row]]:
        """What resolution weighs, by local person: their facts, those a reviewer rejected left out."""
        out: dict[int, list[Row]] = {}
        f, d = t.facts, t.documents
        for chunk in _chunks(sorted(set(local_ids))):
            for r in self.conn.execute(
                    select(f.c.id, f.c.local_person_id, f.c.relation, f.c.value, f.c.value_key, f.c.label_key,
                           f.c.ref, f.c.evidence, f.c.start_char, f.c.end_char, d.c.name.label("document"))
                    .join(d, d.c.id == f.c.document_id)
                    .where(f.c.local_person_id.in_(chunk), f.c.status != REJECTED)):  # a rejected fact is no support
                out.setdefault(r.local_person_id, []).append(dict(r._mapping))
        return out

    def local_named(self, document: str, name: str) -> Row | None:
        """The person a document calls ``name`` (by name or alias)."""
        lp, d = t.local_people, t.documents
        key = name_key(name)
        for r in self.conn.execute(select(lp.c.id, lp.c.name, lp.c.aliases, lp.c.person_id)
                                   .join(d, d.c.id == lp.c.document_id).where(d.c.name == document)):
            if key in {name_key(n) for n in [r.name, *json.loads(r.aliases)]}:
                return dict(r._mapping)
        return None

    def decisions(self) -> list[Row]:
        return [dict(r._mapping) for r in self.conn.execute(select(t.decisions).order_by(t.decisions.c.id))]

    # -- people ----------------------------------------------------------------------------------

    def people_named(self, name: str) -> list[Row]:
        """Profiles one of whose names folds to the same key as ``name``."""
        lp, nk, p = t.local_people, t.name_keys, t.people
        key = name_key(name)
        rows = self.conn.execute(
            select(p.c.id, p.c.name).distinct()
            .join(lp, lp.c.person_id == p.c.id).join(nk, nk.c.local_person_id == lp.c.id)
            .where(nk.c.key == key).order_by(p.c.id))
        return [dict(r._mapping) for r in rows]

    def person(self, person_id: int) -> Row | None:
        row = self.conn.execute(select(t.people).where(t.people.c.id == person_id)).first()
        return dict(row._mapping) if row else None

    def person_members(self, person_id: int) -> list[Row]:
        lp, d = t.local_people, t.documents
        rows = self.conn.execute(
            select(lp.c.id, lp.c.name, lp.c.aliases, lp.c.main, lp.c.reason, d.c.name.label("document"))
            .join(d, d.c.id == lp.c.document_id).where(lp.c.person_id == person_id).order_by(lp.c.id))
        return [{**dict(r._mapping), "aliases": json.loads(r.aliases)} for r in rows]

    def person_facts(self, person_id: int) -> list[Row]:
        """Every fact of a profile, rejected ones too (marked by ``status``: a reviewer may undo them)."""
        return self._fact_rows(t.local_people.c.person_id == person_id, with_rejected=True)

    def person_checks(self, person_id: int) -> list[Row]:
        local_ids = select(t.local_people.c.id).where(t.local_people.c.person_id == person_id)
        return self._check_rows(or_(t.checks.c.person_id == person_id, t.checks.c.local_person_id.in_(local_ids)))

    def _people_matching(self, where, name: str | None, has_checks: bool, columns=None):
        """A select of the people ``people_list`` lists (``columns``: what it selects, their id by default)."""
        return _people_matching(select(*(columns or (t.people.c.id,))), where, name, has_checks)

    def people_list(self, where: list[tuple[tuple[str, ...], str | Area | None, str | None]] = (), name: str | None = None,
                    has_checks: bool = False, sort: str = "name", limit: int = 50, offset: int = 0,
                    among: list[int] | None = None) -> list[Row]:
        """Profiles with a fact for each ``(relations, value, contains)`` condition, with their fact counts.
        ``sort``: "name", "id" (the order added) or "born" (people with a birth date, earliest first:
        walked in the order of the birth-date index, so a page costs its rows, not a sort of everyone).
        ``among``: only these people (ids a ``people_sample`` found: the filters are not evaluated again)."""
        p, lp, f = t.people, t.local_people, t.facts
        query = (self._people_matching(where, name, has_checks, (p.c.id, p.c.name)) if among is None
                 else select(p.c.id, p.c.name).where(p.c.id.in_(among)))
        if sort == "born":
            # One row per birth-date fact, in the index's order; a person whom two documents give a
            # birth date is listed at the first (rows of the same person further on are dropped).
            query = (query.join(lp, lp.c.person_id == p.c.id).join(f, f.c.local_person_id == lp.c.id)
                     .where(f.c.relation == "birth_date", f.c.status != REJECTED).order_by(f.c.value_key, p.c.id))
            rows = list({r.id: {"id": r.id, "name": r.name} for r in self.conn.execute(
                query.limit(limit * 2).offset(offset))}.values())[:limit]
        else:
            # The page's ids first, then their names: a deep page walks only the (covering) key index
            # to its offset, not every row before it (page 1,500 of everyone: 9 ms, now 2).
            query = query.with_only_columns(p.c.id).order_by({"name": p.c.key, "id": p.c.id}.get(sort, p.c.key), p.c.id)
            ids = list(self.conn.execute(query.limit(limit).offset(offset)).scalars())
            names = {i: name for chunk in _chunks(ids) for i, name in  # chunks: a page may be every person
                     self.conn.execute(select(p.c.id, p.c.name).where(p.c.id.in_(chunk)))}
            rows = [{"id": i, "name": names[i]} for i in ids if i in names]  # one re-resolved meanwhile is gone
        if rows:
            ids = [r["id"] for r in rows]
            n = dict(self.conn.execute(select(lp.c.person_id, func.count(f.c.id)).join(f, f.c.local_person_id == lp.c.id)
                                       .where(lp.c.person_id.in_(ids), f.c.status != REJECTED)
                                       .group_by(lp.c.person_id)).all())
            docs = dict(self.conn.execute(select(lp.c.person_id, func.count(func.distinct(lp.c.document_id)))
                                          .where(lp.c.person_id.in_(ids)).group_by(lp.c.person_id)).all())
            for row in rows:
                row["facts"] = n.get(row["id"], 0)
                row["documents"] = docs.get(row["id"], 0)
        return rows

    def check_counts(self, person_ids: Iterable[int]) -> dict[int, int]:
        """How many checks concern each of these profiles: their documents' findings and the profile's own."""
        c, lp = t.checks, t.local_people
        ids = sorted(set(person_ids))
        out: dict[int, int] = {}
        for chunk in _chunks(ids):
            for pid, n in self.conn.execute(select(lp.c.person_id, func.count(c.c.id))
                                            .join(c, c.c.local_person_id == lp.c.id)
                                            .where(lp.c.person_id.in_(chunk)).group_by(lp.c.person_id)):
                out[pid] = out.get(pid, 0) + n
            for pid, n in self.conn.execute(select(c.c.person_id, func.count(c.c.id)).where(c.c.person_id.in_(chunk))
                                            .group_by(c.c.person_id)):
                out[pid] = out.get(pid, 0) + n
        return out

    def values_of_people(self, person_ids: Iterable[int], relations: Iterable[str]) -> list[Row]:
        """The values of these people's facts of ``relations`` (``person_id``, ``relation``, ``value``,
        ``label``, ``confidence``), rejected ones left out: what a list shows in its columns. Without the
        joins of a fact with its evidence, and the relation matched here (see ``facts_of_people``)."""
        f, lp = t.facts, t.local_people
        wanted = set(relations)
        rows = self.conn.execute(select(lp.c.person_id, f.c.relation, f.c.value, f.c.label, f.c.confidence)
                                 .join(lp, lp.c.id == f.c.local_person_id)
                                 .where(lp.c.person_id.in_(sorted(set(person_ids))), f.c.status != REJECTED))
        return [dict(r._mapping) for r in rows if r.relation in wanted]

    def people_sample(self, where=(), name: str | None = None, has_checks: bool = False, sample: int = 1000) -> list[int]:
        """The ids of the first ``sample + 1`` people ``people_list`` would list, by id: the filters
        evaluated once, with a bound on what it costs (``sample + 1`` ids: there are more)."""
        return list(self.conn.execute(self._people_matching(where, name, has_checks).order_by(t.people.c.id)
                                      .limit(sample + 1)).scalars())

    def people_facets(self, ids: list[int], facets: dict[str, tuple[str, ...]], top: int = 12,
                      countries: tuple[str, ...] = ()) -> dict[str, list[Row]]:
        """The commonest values of each facet (``{"instrument": ("instrument",), ...}``) among the people
        ``ids``, with how many of them have each (``value``, ``key``, ``people``); with ``countries``
        (place relations) also a "country" facet, by the ISO code of the places' entities."""
        lp, f, e = t.local_people, t.facts, t.entities
        wanted = {r: facet for facet, relations in facets.items() for r in relations}
        wanted.update({r: "country" for r in countries if r not in wanted})
        facet_of = case(wanted, value=f.c.relation)
        key = case((f.c.relation.in_(list(countries)), e.c.country), else_=func.coalesce(f.c.label_key, f.c.value_key))
        # One query for every facet, over the facts reached through these people's descriptions (an
        # index); the relation is matched on those rows (lower() keeps SQLite off the relation index,
        # which would walk every fact of the relation).
        query = (select(facet_of.label("facet"), key.label("key"),
                        func.max(func.coalesce(f.c.label, f.c.value)).label("value"),
                        func.count(func.distinct(lp.c.person_id)).label("people"))
                 .select_from(f).join(lp, lp.c.id == f.c.local_person_id).outerjoin(e, e.c.id == f.c.entity_id)
                 .where(lp.c.person_id.in_(ids), func.lower(f.c.relation).in_(sorted(wanted)), f.c.status != REJECTED)
                 .group_by(facet_of, key))
        result: dict[str, list[Row]] = {facet: [] for facet in [*facets, *(["country"] if countries else [])]}
        for row in self.conn.execute(query):
            if row.key is not None:
                shown = row.key if row.facet == "country" else row.value
                result[row.facet].append({"value": shown, "key": row.key, "people": row.people})
        result = {facet: sorted(values, key=lambda v: (-v["people"], v["key"]))[:top] for facet, values in result.items()}
        return result

    def count_people_listed(self, where: list[tuple[tuple[str, ...], str | Area | None, str | None]] = (),
                            name: str | None = None, has_checks: bool = False, cap: int = 1_000) -> int:
        """How many profiles ``people_list`` would list without a limit, counted no further than ``cap + 1``."""
        query = _people_matching(select(t.people.c.id), where, name, has_checks).limit(cap + 1)
        return self.conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()

    def count_people_upto(self, relations: Iterable[str], value: str | Area | None, contains: str | None,
                          cap: int) -> int:
        """How many people have a matching fact, counted no further than ``cap + 1``: an exact count of
        50,000 people costs a join per fact (150 ms); knowing it is "more than 5,000" costs little."""
        lp = t.local_people
        # Joined, not IN: the matching facts are walked only until cap + 1 people are found.
        matching = locals_matching(relations, value, contains).subquery()
        people = (select(lp.c.person_id).distinct().join(matching, matching.c.local_person_id == lp.c.id)
                  .where(lp.c.person_id.is_not(None)).limit(cap + 1))
        return self.conn.execute(select(func.count()).select_from(people.subquery())).scalar_one()

    # -- facts -----------------------------------------------------------------------------------

    def facts_where(self, relations: Iterable[str], value: str | Area | None = None, contains: str | None = None,
                    person_id: int | None = None, limit: int = 200) -> list[Row]:
        if person_id is None:
            return self._fact_rows(fact_matches(relations, value, contains), limit=limit)
        # One person's facts are few: fetched through their descriptions and matched here. With the
        # relation in SQL, SQLite may walk every fact of the relation instead (80 ms at 100,000 people).
        f, lp = t.facts, t.local_people
        own = self._fact_rows(and_(f.c.local_person_id.in_(select(lp.c.id).where(lp.c.person_id == person_id)),
                                   lp.c.person_id == person_id))
        inside: set[int] = set()
        if isinstance(value, Area) and value.country:
            e, ids = t.entities, sorted({r["entity_id"] for r in own if r["entity_id"]})
            inside = set(self.conn.execute(select(e.c.id).where(e.c.id.in_(ids), e.c.country == value.country)).scalars())
        return [r for r in own if _row_matches(r, relations, value, contains, inside)][:limit]

    def has_fact(self, relations: Iterable[str], value: str | Area | None = None, contains: str | None = None) -> bool:
        """Whether some fact not rejected matches (``fact_matches``): the lookups walked only to the first."""
        found = locals_matching(relations, value, contains).limit(1).subquery()
        return self.conn.execute(select(found.c.local_person_id).limit(1)).first() is not None

    def facts_page(self, relations: Iterable[str] | None = None, value: str | None = None, offset: int = 0,
                   limit: int = 100) -> list[Row]:
        """Facts (of ``relations``, with ``value``; every fact without them) in id order from ``offset``:
        a page of a list a client walks through."""
        condition = fact_matches(relations, value) if relations else true()  # _fact_rows leaves out the rejected
        return self._fact_rows(condition, limit=limit, by_id=True, offset=offset)

    def count_facts_upto(self, relations: Iterable[str] | None = None, value: str | None = None,
                         cap: int = 1_000) -> int:
        """How many facts ``facts_page`` pages through, counted no further than ``cap + 1``."""
        f = t.facts
        condition = fact_matches(relations, value) if relations else f.c.status != REJECTED
        query = select(f.c.id).where(condition).limit(cap + 1)
        return self.conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()

    def facts_sharing(self, fact: Row, relations: Iterable[str]) -> list[Row]:
        """Other people's facts about the same thing: the same entity, or said in the same sentence."""
        f = t.facts
        same = and_(f.c.document_id == fact["document_id"], f.c.evidence == fact["evidence"])
        if fact.get("entity_id"):
            same = or_(same, f.c.entity_id == fact["entity_id"])
        return self._fact_rows(and_(f.c.relation.in_(list(relations)), same,
                                    f.c.local_person_id != fact["local_person_id"]), limit=200)

    def facts_in_documents(self, document_ids: Iterable[int], limit: int = 500) -> list[Row]:
        return self._fact_rows(t.facts.c.document_id.in_(list(document_ids)), limit=limit)

    def iter_facts(self, batch: int = 5000) -> Iterator[Row]:
        """Every fact with its person and document, in id order (for exports)."""
        last = 0
        while True:
            rows = self._fact_rows(t.facts.c.id > last, limit=batch, by_id=True)
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def iter_people(self, batch: int = 5000) -> Iterator[Row]:
        last = 0
        while True:
            rows = [dict(r._mapping) for r in self.conn.execute(
                select(t.people).where(t.people.c.id > last).order_by(t.people.c.id).limit(batch))]
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def entity(self, entity_id: int) -> Row | None:
        row = self.conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        return dict(row._mapping) if row else None

    def entities(self, kind: str | None = None, ids: Iterable[int] | None = None) -> list[Row]:
        query = select(t.entities).order_by(t.entities.c.id)
        if kind:
            query = query.where(t.entities.c.kind == kind)
        if ids is not None:
            query = query.where(t.entities.c.id.in_(list(ids)))
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def entities_named(self, kinds: Iterable[str], text: str, limit: int = 50) -> list[Row]:
        """Entities of ``kinds`` whose name contains ``text`` (case aside), for reconciliation and suggest."""
        e = t.entities
        query = (select(e).where(e.c.kind.in_(list(kinds)), e.c.name.ilike(_like(text.strip()), escape="\\"))
                 .order_by(func.length(e.c.name), e.c.id).limit(limit))
        return [dict(r._mapping) for r in self.conn.execute(query)]

    def _fact_rows(self, condition, limit: int | None = None, by_id: bool = False,
                   with_rejected: bool = False, offset: int = 0) -> list[Row]:
        """Facts with their person and document, and who reviewed them (``status``, ``reviewer``,
        ``reviewed_at``, ``review_reason``); rejected ones only ``with_rejected``. Sorted by id only
        when paging through all of them: with a LIMIT, ORDER BY id would make SQLite walk the table
        in id order instead of the index."""
        f, lp, d, p, r = t.facts, t.local_people, t.documents, t.people, t.fact_reviews
        other = t.local_people.alias("other")
        query = (select(f.c.id, f.c.relation, f.c.value, f.c.ref, f.c.label, f.c.start_char, f.c.end_char,
                        f.c.evidence, f.c.confidence, f.c.note, f.c.entity_id, f.c.extractor_version,
                        f.c.local_person_id, lp.c.person_id, p.c.name.label("person"), d.c.name.label("document"),
                        d.c.id.label("document_id"), other.c.person_id.label("object_person_id"),
                        f.c.page, f.c.status, f.c.review_id, r.c.reviewer, r.c.created_at.label("reviewed_at"),
                        r.c.reason.label("review_reason"))
                 .join(lp, lp.c.id == f.c.local_person_id).join(d, d.c.id == f.c.document_id)
                 .outerjoin(p, p.c.id == lp.c.person_id).outerjoin(other, other.c.id == f.c.object_local_person_id)
                 .outerjoin(r, r.c.id == f.c.review_id)
                 .where(condition if with_rejected else and_(condition, f.c.status != REJECTED)))
        if by_id:
            query = query.order_by(f.c.id)
        if limit:
            query = query.limit(limit)
        if offset:  # only with by_id: a page is only a page of an order
            query = query.offset(offset)
        rows = [dict(r._mapping) for r in self.conn.execute(query)]
        return rows if by_id else sorted(rows, key=lambda r: r["id"])

    def _check_rows(self, condition, limit: int | None = None, offset: int = 0) -> list[Row]:
        """Checks with their document and the profile they are about (``profile_id``, ``person``): a
        document's finding names the person described there, a disagreement between documents its profile."""
        c, d, lp, p = t.checks, t.documents, t.local_people, t.people
        profile_id = func.coalesce(c.c.person_id, lp.c.person_id)
        rows = self.conn.execute(select(c, d.c.name.label("document"), profile_id.label("profile_id"),
                                        p.c.name.label("person"))
                                 .outerjoin(d, d.c.id == c.c.document_id).outerjoin(lp, lp.c.id == c.c.local_person_id)
                                 .outerjoin(p, p.c.id == profile_id)
                                 .where(condition).order_by(c.c.id).limit(limit).offset(offset or None))
        return [{**dict(r._mapping), "fact_ids": json.loads(r.fact_ids) if r.fact_ids else []} for r in rows]

    def all_checks(self, code: str | None = None, limit: int = 500, offset: int = 0) -> list[Row]:
        return self._check_rows(t.checks.c.code == code if code else t.checks.c.id > 0, limit=limit, offset=offset)

    def count_checks_upto(self, code: str | None = None, cap: int = 1_000) -> int:
        c = t.checks
        query = select(c.c.id).where(c.c.code == code if code else c.c.id > 0).limit(cap + 1)
        return self.conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()

    # -- the explorer: neighbours, places ------------------------------------------------------------

    def facts_of_people(self, person_ids: Iterable[int], relations: Iterable[str] | None = None,
                        limit: int = 2000) -> list[Row]:
        # Through the people's descriptions (an index), relations filtered here: a relation condition
        # in SQL would tempt SQLite to walk every fact of those relations instead.
        local_ids = select(t.local_people.c.id).where(t.local_people.c.person_id.in_(list(person_ids)))
        rows = self._fact_rows(t.facts.c.local_person_id.in_(local_ids), limit=limit)
        wanted = None if relations is None else set(relations)
        return [r for r in rows if wanted is None or r["relation"] in wanted]

    def facts_about_person(self, person_id: int, limit: int = 200) -> list[Row]:
        """Other people's facts whose value is this person ("studied with X")."""
        local_ids = select(t.local_people.c.id).where(t.local_people.c.person_id == person_id)
        return self._fact_rows(t.facts.c.object_local_person_id.in_(local_ids), limit=limit)

    def facts_on_entities(self, entity_ids: Iterable[int], relations: Iterable[str], other_than: int,
                          limit: int = 100) -> list[Row]:
        """Facts of people other than ``other_than`` about the same things (bandmates, classmates)."""
        f = t.facts
        return self._fact_rows(and_(f.c.entity_id.in_(list(entity_ids)), f.c.relation.in_(list(relations)),
                                    t.local_people.c.person_id != other_than), limit=limit)

    def places(self, where: Iterable[tuple[tuple[str, ...], str | Area | None, str | None]] = (),
               limit: int = 2000) -> list[Row]:
        """Places with coordinates and how many facts name them, for people matching ``where``."""
        e, f, lp = t.entities, t.facts, t.local_people
        mapped = select(e.c.id).where(e.c.kind == "Place", e.c.latitude.is_not(None))
        where = list(where)
        if not where:  # counted on the entity index alone
            counted = (select(f.c.entity_id, func.count().label("facts")).where(f.c.entity_id.in_(mapped))
                       .group_by(f.c.entity_id))
        else:
            # From the people the first condition finds (in its index) to their place facts: this
            # walks the (few) matching people's facts, not every place fact. Further conditions narrow
            # the people. ``entity_id + 0`` keeps SQLite from walking every fact of every mapped place.
            lp1 = lp.alias("lp1")
            matching = select(lp1.c.person_id).where(lp1.c.id.in_(locals_matching(*where[0])))
            if where[1:]:
                matching = matching.where(lp1.c.person_id.in_(_with_facts(select(t.people.c.id), where[1:])))
            counted = (select(f.c.entity_id, func.count(f.c.id).label("facts"))
                       .join(lp, lp.c.id == f.c.local_person_id)
                       .where(lp.c.person_id.in_(matching), (f.c.entity_id + 0).in_(mapped))
                       .group_by(f.c.entity_id))
        counted = counted.subquery()
        query = (select(e.c.id, e.c.name, e.c.ref, e.c.latitude, e.c.longitude, e.c.country, counted.c.facts)
                 .join(counted, counted.c.entity_id == e.c.id).order_by(counted.c.facts.desc(), e.c.name).limit(limit))
        return [dict(r._mapping) for r in self.conn.execute(query)]

    # -- the word index --------------------------------------------------------------------------

    def documents_with_terms(self, terms: Iterable[str], limit: int = 20) -> list[Row]:
        """Documents ranked by how many of ``terms`` they contain."""
        terms = sorted(set(terms))
        if not terms:
            return []
        st, d = t.search_terms, t.documents
        # Rank by the rarer words: a word in most documents ("born") says little and costs a scan.
        frequency = {term: self.conn.execute(select(func.count()).select_from(st).where(st.c.term == term)).scalar_one()
                     for term in terms[:12]}
        rare = sorted((n, term) for term, n in frequency.items() if n)
        if not rare:
            return []
        common = max(2000, rare[-1][0] // 5)
        terms = [term for n, term in rare if n <= common][:4] or [rare[0][1]]  # rarest first
        # Candidates are the documents with the rarest chosen word (at most CANDIDATES of them), ranked
        # by how many of the chosen words they hold: ranking every document that has a common word
        # ("conservatory" in half of them) would cost a group-by over all of them.
        candidates = (select(st.c.document_id).where(st.c.term == terms[0]).limit(CANDIDATES)
                      if len(terms) > 1 else None)
        hits = func.count().label("hits")
        query = select(st.c.document_id, hits).where(st.c.term.in_(terms))
        if candidates is not None:
            query = query.where(st.c.document_id.in_(candidates)).group_by(st.c.document_id).order_by(hits.desc())
        else:
            query = query.group_by(st.c.document_id)
        ranked = query.order_by(st.c.document_id).limit(limit).subquery()
        rows = self.conn.execute(select(d.c.id, d.c.name, d.c.text, ranked.c.hits).join(ranked, ranked.c.document_id == d.c.id))
        return sorted((dict(r._mapping) for r in rows), key=lambda r: (-r["hits"], r["name"]))


def _people_matching(query, where: Iterable[tuple[tuple[str, ...], str | Area | None, str | None]],
                     name: str | None, has_checks: bool):
    """``query`` over people narrowed as ``people_list`` narrows it (one definition for the list and its count)."""
    p, lp = t.people, t.local_people
    query = _with_facts(query, where)
    if name:
        query = query.where(p.c.key.like(_like(value_key(name)), escape="\\"))
    if has_checks:
        local_checks = select(lp.c.person_id).join(t.checks, t.checks.c.local_person_id == lp.c.id)
        query = query.where(or_(p.c.id.in_(local_checks), p.c.id.in_(select(t.checks.c.person_id))))
    return query


def _with_facts(query, where: Iterable[tuple[tuple[str, ...], str | Area | None, str | None]]):
    """``query`` over people narrowed to those with a fact for each ``(relations, value, contains)``."""
    lp = t.local_people
    for relations, value, contains in where:
        sub = select(lp.c.person_id).where(lp.c.id.in_(locals_matching(relations, value, contains)))
        query = query.where(t.people.c.id.in_(sub))
    return query


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
