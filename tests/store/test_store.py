"""The store: URLs, schema versions and migrations, bound parameters, one code path for both databases."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from linernotes.errors import StoreError
from linernotes.store import Store, database_url
from linernotes.store.migrations import LATEST, MIGRATIONS, migrate, version


def test_database_url_forms(tmp_path, monkeypatch):
    monkeypatch.delenv("LINERNOTES_DB", raising=False)
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(None).endswith("/linernotes.db")
    monkeypatch.setenv("LINERNOTES_DB", str(tmp_path / "env.db"))
    assert database_url(None).endswith("env.db")


def test_new_store_is_at_the_latest_version(store):
    with store.reading() as tx:
        assert version(tx.conn) == LATEST
        assert tx.counts() == {"documents": 0, "people": 0, "facts": 0, "checks": 0, "entities": 0, "decisions": 0}


def test_migrations_apply_once_in_order(db_url):
    engine = create_engine(database_url(db_url))
    assert migrate(engine) == [m[0] for m in MIGRATIONS]
    assert migrate(engine) == []
    seen = []
    extra = MIGRATIONS + [(LATEST + 1, "a test step", lambda conn: seen.append(conn))]
    assert migrate(engine, extra) == [LATEST + 1]
    assert len(seen) == 1 and migrate(engine, extra) == []
    with engine.connect() as conn:
        assert version(conn) == LATEST + 1
    engine.dispose()


def test_a_version_1_database_gains_the_object_index(db_url):
    from sqlalchemy import inspect

    engine = create_engine(database_url(db_url))
    schema_v1 = MIGRATIONS[:1]
    with engine.begin() as conn:  # a database as version 1 left it: without the later index
        migrate(engine, schema_v1)
        conn.execute(text("DROP INDEX IF EXISTS ix_facts_object_local_person"))
    assert migrate(engine) == list(range(2, LATEST + 1))
    with engine.connect() as conn:
        assert "ix_facts_object_local_person" in {i["name"] for i in inspect(conn).get_indexes("facts")}
    engine.dispose()


def test_a_failing_migration_leaves_the_previous_version(db_url):
    engine = create_engine(database_url(db_url))
    migrate(engine)

    def broken(conn):
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        migrate(engine, MIGRATIONS + [(LATEST + 1, "broken", broken)])
    with engine.connect() as conn:
        assert version(conn) == LATEST
    engine.dispose()


def test_newer_schema_is_refused(db_url):
    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS + [(LATEST + 1, "from the future", lambda conn: None)])
    engine.dispose()
    with pytest.raises(StoreError, match="E021"):
        Store.open(db_url)


def test_unopenable_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="E020"):
        Store.open(str(tmp_path / "no" / "such" / "dir" / "kb.db"))
    with pytest.raises(StoreError, match=r"E020.*\*\*\*"):
        Store.open("postgresql://user:secret@127.0.0.1:1/none")  # refused; the password is not shown


def test_a_file_that_is_not_a_database_is_E020_and_left_alone(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    for create in (True, False):
        with pytest.raises(StoreError, match=r"E020\] .*notes.txt: .*not a SQLite database"):
            Store.open(str(notes), create=create)
    assert notes.read_text(encoding="utf-8") == "root:x:0:0:root:/root:/bin/bash\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_opening_a_missing_file_only_to_read_is_E020_and_creates_nothing(tmp_path):
    missing = tmp_path / "kb.db"
    with pytest.raises(StoreError, match=r"E020\] .*kb.db: .*does not exist; run `linernotes ingest"):
        Store.open(str(missing), create=False)
    assert not missing.exists()
    Store.open(str(missing)).close()  # the default, for ingest: a new knowledge base
    Store.open(str(missing), create=False).close()


def test_a_version_2_database_gains_claims_for_the_texts_it_holds(db_url):
    """Migration 3 on a database with documents: each text is claimed by its oldest document (an
    old database may hold one text twice, from a document changed into another's text)."""
    from datetime import datetime, timezone

    from linernotes.store import schema

    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS[:2])
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        conn.execute(schema.documents.insert(), [
            {"name": name, "sha256": sha, "text": name, "ingested_at": now, "extractor_version": "0"}
            for name, sha in [("a.txt", "1" * 64), ("b.txt", "2" * 64), ("c.txt", "1" * 64)]])
    assert migrate(engine) == list(range(3, LATEST + 1))
    with engine.connect() as conn:
        held = dict(conn.execute(text("SELECT c.sha256, d.name FROM document_claims c JOIN documents d "
                                      "ON d.id = c.document_id")).all())
        assert held == {"1" * 64: "a.txt", "2" * 64: "b.txt"}
        assert conn.execute(text("SELECT count(*) FROM stale_people")).scalar_one() == 0
    engine.dispose()


def test_a_version_3_database_gains_review_status_and_identifier_tables(db_url):
    """Migration 4 on a database whose facts table predates review: its facts become "extracted"."""
    from sqlalchemy import inspect

    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS[:3])
    with engine.begin() as conn:  # the facts table as version 3 made it
        conn.execute(text("DROP INDEX ix_facts_review_id"))
        for name in ("ix_facts_relation_value_person", "ix_facts_relation_label_person", "ix_facts_entity_person"):  # v8, on status
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("ALTER TABLE facts DROP COLUMN review_id"))
        conn.execute(text("ALTER TABLE facts DROP COLUMN status"))
    assert migrate(engine, MIGRATIONS[:4]) == [4]
    with engine.connect() as conn:
        columns = {c["name"]: c for c in inspect(conn).get_columns("facts")}
        assert {"status", "review_id"} <= set(columns)
        assert {"fact_reviews", "identifiers"} <= set(inspect(conn).get_table_names())
        assert "ix_facts_review_id" in {i["name"] for i in inspect(conn).get_indexes("facts")}
    engine.dispose()
