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
    assert migrate(engine) == [7]
    with engine.connect() as conn:
        assert "person_facts" in inspect(conn).get_view_names()
        assert conn.execute(select(text("count(*)")).select_from(text("person_facts"))).scalar_one() == 0
    engine.dispose()
