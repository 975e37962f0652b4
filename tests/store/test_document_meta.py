"""Schema 5: a document's metadata (a PDF's page starts, a row's source) is stored with it."""
from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect, text

from linernotes.model import Document
from linernotes.store import Store
from linernotes.store.migrations import LATEST, MIGRATIONS, migrate
from linernotes.store.urls import database_url
from linernotes.store.writes import NewDocument


def test_a_version_4_database_gains_documents_meta_and_keeps_its_documents(db_url):
    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS[:4])
    with engine.begin() as conn:  # the documents table as version 4 made it
        conn.execute(text("ALTER TABLE documents DROP COLUMN meta"))
        conn.execute(text("INSERT INTO documents (name, sha256, text, ingested_at, extractor_version) "
                          "VALUES ('old.txt', 'abc', 'Asel sings.', CURRENT_TIMESTAMP, '0.1.0')"))
    assert migrate(engine) == list(range(5, LATEST + 1))
    with engine.connect() as conn:
        assert "meta" in {c["name"] for c in inspect(conn).get_columns("documents")}
        assert conn.execute(text("SELECT name, meta FROM documents")).all() == [("old.txt", None)]
    engine.dispose()


def test_metadata_is_stored_as_json_and_read_back_with_the_document(db_url):
    store = Store.open(db_url)
    try:
        meta = {"format": "pdf", "pages": [0, 120]}
        with store.writing() as tx:
            tx.add_documents([NewDocument("a.pdf", "1" * 64, "text", Document("a.pdf", "text"), meta),
                              NewDocument("b.txt", "2" * 64, "other", Document("b.txt", "other"))])
        with store.reading() as tx:
            assert json.loads(tx.document("a.pdf")["meta"]) == meta
            assert tx.document("b.txt")["meta"] is None
    finally:
        store.close()
