"""Schema 7: the person_facts view puts each fact beside its person, for datasette and SQL users."""
from __future__ import annotations

from sqlalchemy import create_engine, inspect, select, text

from linernotes.kb import review
from linernotes.kb.ingest import ingest
from linernotes.store.migrations import MIGRATIONS, migrate
from linernotes.store.urls import database_url

from ..conftest import write_corpus
from ..kb.corpus import CORPUS


def view_rows(store) -> list[dict]:
    with store.reading() as tx:
        return [dict(r._mapping) for r in tx.conn.execute(text("SELECT * FROM person_facts ORDER BY fact_id"))]


def test_person_facts_shows_every_fact_not_rejected_beside_its_person(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    with store.reading() as tx:
        facts = sorted(tx.iter_facts(), key=lambda f: f["id"])
    rows = view_rows(store)
    assert [(r["fact_id"], r["person_id"], r["person"], r["relation"], r["value"], r["evidence"], r["document"])
            for r in rows] == [(f["id"], f["person_id"], f["person"], f["relation"], f["value"], f["evidence"],
                                f["document"]) for f in facts]
    born = next(r for r in rows if r["relation"] == "born_in" and r["document"] == "ivan_a.txt")
    assert born["person"] == "Iván Imankulov" and born["evidence"] == "He was born in Almaty in 1985."
    review.reject(store, born["fact_id"], "ana", "wrong city")
    assert born["fact_id"] not in {r["fact_id"] for r in view_rows(store)}


def test_a_version_6_database_gains_the_view(db_url):
    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS[:6])
    with engine.connect() as conn:
        assert "person_facts" not in inspect(conn).get_view_names()
    assert migrate(engine, MIGRATIONS[:7]) == [7]
    with engine.connect() as conn:
        assert "person_facts" in inspect(conn).get_view_names()
        assert conn.execute(select(text("count(*)")).select_from(text("person_facts"))).scalar_one() == 0
    engine.dispose()


V8_INDEXES = {"ix_facts_relation_value_person", "ix_facts_relation_label_person", "ix_facts_local_person_entity",
              "ix_facts_entity_person"}


def test_a_version_7_database_gains_the_covering_indexes_of_facts(db_url):
    """Schema 8: the indexes of facts by value and label gain the status and local person (the old
    ones, their first columns, go), and facts are indexed by local person and entity."""
    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS[:7])
    with engine.begin() as conn:  # the indexes as version 7 had them
        for name in V8_INDEXES:
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("CREATE INDEX ix_facts_relation_value ON facts (relation, value_key)"))
        conn.execute(text("CREATE INDEX ix_facts_relation_label ON facts (relation, label_key)"))
    assert migrate(engine) == [8]
    with engine.connect() as conn:
        indexes = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("facts")}
    assert V8_INDEXES <= set(indexes) and not {"ix_facts_relation_value", "ix_facts_relation_label"} & set(indexes)
    assert indexes["ix_facts_relation_value_person"] == ["relation", "value_key", "status", "local_person_id"]
    engine.dispose()


def test_a_filter_finds_its_people_in_the_index_alone(tmp_path):
    """The people a value filter finds are read from the v8 index, never from the facts' rows: the
    plan SQLite makes for the filter's query searches that index as a covering one."""
    from linernotes.store import Store
    from linernotes.store.queries import _with_facts
    from linernotes.store import schema

    store = Store.open(str(tmp_path / "kb.db"))
    query = _with_facts(select(schema.people.c.id), [(("instrument",), "dombra", None)])
    with store.reading() as tx:
        sql = str(query.compile(tx.conn, compile_kwargs={"literal_binds": True}))  # constants of this test
        plan = " | ".join(r[3] for r in tx.conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_facts_relation_value_person" in plan
    assert "COVERING INDEX ix_facts_relation_label_person" in plan
    store.close()
