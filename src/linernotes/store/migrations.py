"""Schema versions. Each migration moves a database one version up; ``migrate`` applies the missing ones.

A migration is a function of a connection inside a transaction, so a failed step leaves the
database at the version before it. Add a step by appending to ``MIGRATIONS``; never edit one
that has shipped.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import Connection, Engine, func, inspect, select, text

from ..errors import Errors, StoreError
from . import schema
from .locks import lock_for_writing
from .queries import REJECTED


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[
        schema.documents, schema.mentions, schema.entities, schema.people, schema.local_people,
        schema.name_keys, schema.facts, schema.checks, schema.decisions, schema.search_terms,
    ])


def _facts_by_object(conn: Connection) -> None:
    schema.facts_by_object.create(conn, checkfirst=True)  # a new database has it from version 1


def _concurrent_writers(conn: Connection) -> None:
    """Claims of texts by digest (the oldest document of each text holds it) and the resolution queue."""
    schema.document_claims.create(conn, checkfirst=True)
    schema.stale_people.create(conn, checkfirst=True)
    d, claims = schema.documents, schema.document_claims
    conn.execute(claims.insert().from_select(
        ["sha256", "document_id"], select(d.c.sha256, func.min(d.c.id)).group_by(d.c.sha256)))


def _reviews_and_identifiers(conn: Connection) -> None:
    """Facts gain a review status; reviews of facts and identifiers of people and entities get tables."""
    have = {c["name"] for c in inspect(conn).get_columns("facts")}
    if "status" not in have:  # a database created before v4 (create_all of v1 now makes them)
        conn.execute(text("ALTER TABLE facts ADD COLUMN status VARCHAR(12) DEFAULT 'extracted' NOT NULL"))
    if "review_id" not in have:
        conn.execute(text("ALTER TABLE facts ADD COLUMN review_id INTEGER"))
    for index in schema.facts.indexes:
        if index.name == "ix_facts_review_id":
            index.create(conn, checkfirst=True)
    schema.fact_reviews.create(conn, checkfirst=True)
    schema.identifiers.create(conn, checkfirst=True)


def _document_meta(conn: Connection) -> None:
    """Documents gain their metadata (a PDF's page starts, a row's source URL, date and author)."""
    if "meta" not in {c["name"] for c in inspect(conn).get_columns("documents")}:  # create_all of v1 makes it now
        conn.execute(text("ALTER TABLE documents ADD COLUMN meta TEXT"))


def _fact_pages(conn: Connection) -> None:
    """Facts gain the page of a PDF their sentence is on."""
    if "page" not in {c["name"] for c in inspect(conn).get_columns("facts")}:  # create_all of v1 makes it now
        conn.execute(text("ALTER TABLE facts ADD COLUMN page INTEGER"))


def person_facts_query():
    """What the ``person_facts`` view shows: each fact not rejected beside its person (the profile), with
    its sentence and document; one join away from nothing, for ``datasette linernotes.db``."""
    f, lp, p, d = schema.facts, schema.local_people, schema.people, schema.documents
    return (select(lp.c.person_id, p.c.name.label("person"), f.c.relation, f.c.value, f.c.label, f.c.ref,
                   f.c.confidence, f.c.status, f.c.evidence, d.c.name.label("document"), f.c.page,
                   f.c.id.label("fact_id"))
            .join(lp, lp.c.id == f.c.local_person_id).join(d, d.c.id == f.c.document_id)
            .outerjoin(p, p.c.id == lp.c.person_id)
            .where(f.c.status != REJECTED))


def _person_facts_view(conn: Connection) -> None:
    """A view of facts beside their people. SQLAlchemy Core has no CREATE VIEW: the statement is the
    select above compiled for this database, its one literal (REJECTED) a constant of this code."""
    query = person_facts_query().compile(conn, compile_kwargs={"literal_binds": True})
    conn.execute(text(f"CREATE VIEW person_facts AS {query}"))


def _covering_value_indexes(conn: Connection) -> None:
    """Facts by (relation, value) and (relation, label) are indexed with their status and local
    person: a filter of 100,000 people reads its people from the index (the dombra: 50 ms, now 20);
    by entity with relation, status and local person, for the place filter; and by local person
    with their entity, for the map's count of those people's places. Name keys by key and kind, for
    resolution (a name's lone-name people: 100,000 people resolved in 36 s instead of 57)."""
    for name in schema.FACT_VALUE_INDEXES_V1:  # a prefix of the new ones: nothing needs them
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))  # a constant name of this code, never input
    schema.facts_by_value.create(conn, checkfirst=True)  # a new database has them from version 1
    schema.facts_by_label.create(conn, checkfirst=True)
    schema.facts_by_person_entity.create(conn, checkfirst=True)
    schema.facts_by_entity.create(conn, checkfirst=True)
    schema.name_keys_by_kind.create(conn, checkfirst=True)


#: (version, what it does, the step). Versions count up from 1 without gaps.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "documents, mentions, entities, people, local people, name keys, facts, checks, decisions, search terms",
     _initial),
    (2, "index facts by the person they name, for a profile's related people", _facts_by_object),
    (3, "claims of texts by digest and a queue of profiles to re-resolve, for several writers at once",
     _concurrent_writers),
    (4, "review status of facts, reviews of single facts, Wikidata and MusicBrainz identifiers",
     _reviews_and_identifiers),
    (5, "metadata of documents: a PDF's page starts, a row's source URL, date and author", _document_meta),
    (6, "the page of a PDF each fact's sentence is on", _fact_pages),
    (7, "a person_facts view: each fact beside its person, sentence and document (for datasette)", _person_facts_view),
    (8, "facts by value, by label and by entity indexed with their status and person, for the filters; by person "
        "and entity, for the map; name keys by key and kind, for resolution", _covering_value_indexes),
]

LATEST = MIGRATIONS[-1][0]


def version(conn: Connection) -> int:
    """The schema version of the database (0 when it is empty)."""
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine, migrations: list[tuple[int, str, Callable[[Connection], None]]] | None = None) -> list[int]:
    """Bring the database up to the newest version; return the versions applied.

    An up-to-date database is only read. Each step runs under the writer lock and reads the version
    again first, so two processes opening a new database at once apply each step once.
    """
    steps = MIGRATIONS if migrations is None else migrations
    newest = steps[-1][0] if steps else 0
    with engine.connect() as conn:
        current = version(conn)
    if current > newest:
        raise StoreError(Errors.E021.format(found=current, known=newest))
    applied = []
    for number, _, step in steps:
        if number <= current:
            continue
        with engine.begin() as conn:
            lock_for_writing(conn)
            schema.meta.create(conn, checkfirst=True)
            current = version(conn)
            if number <= current:  # another process applied it meanwhile
                continue
            step(conn)
            table = schema.meta
            if conn.execute(select(table.c.key).where(table.c.key == "schema_version")).first() is None:
                conn.execute(table.insert().values(key="schema_version", value=str(number)))
            else:
                conn.execute(table.update().where(table.c.key == "schema_version").values(value=str(number)))
        applied.append(number)
    return applied
