"""A fact read from a PDF keeps the page its sentence is on: stored (schema 6), shown beside the
sentence on the pages, and given by the exports (JSON-LD evidence, CSV, QuickStatements S304)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import create_engine, inspect, text

from linernotes.kb.export import export
from linernotes.kb.ingest import ingest
from linernotes.store.migrations import LATEST, MIGRATIONS, migrate
from linernotes.store.urls import database_url

from ..readers.files import pdf_bytes

FIRST = ("Saule Nurlanova (born 1981 in Taraz) is a Kazakh pianist. She studied at the Kurmangazy Kazakh "
         "National Conservatory in Almaty.")
SECOND = "Saule Nurlanova also plays the dombra. She lives in Astana."


@pytest.fixture()
def kb(store, tmp_path):
    folder = tmp_path / "bios"
    folder.mkdir()
    (folder / "saule.pdf").write_bytes(pdf_bytes([[FIRST], [SECOND]]))
    (folder / "plain.txt").write_text("Marat Ospan is a Kazakh drummer. He lives in Astana.", encoding="utf-8")
    ingest(store, [str(folder)])
    return store


def rows(store):
    with store.reading() as tx:
        return list(tx.iter_facts())


def test_facts_of_a_pdf_carry_the_page_of_their_sentence(kb):
    pages = {(f["document"], f["relation"], f["value"]): f["page"] for f in rows(kb)}
    assert pages[("saule.pdf", "born_in", "Taraz")] == 1
    assert pages[("saule.pdf", "instrument", "dombra")] == 2
    assert pages[("saule.pdf", "residence", "Astana")] == 2
    assert all(page is None for (document, _, _), page in pages.items() if document == "plain.txt")


def test_exports_give_the_page(kb):
    out = io.StringIO()
    export(kb, "csv", out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(r["relation"], r["page"]) for r in table if r["value"] == "dombra"} == {("instrument", "2")}
    assert all(r["page"] == "" for r in table if r["document"] == "plain.txt")
    out = io.StringIO()
    export(kb, "jsonld", out)
    evidence = [e for node in json.loads(out.getvalue())["@graph"] for e in node.get("ln:evidence", [])]
    assert {e.get("ln:page") for e in evidence if e["ln:value"] == "dombra"} == {2}
    out = io.StringIO()
    export(kb, "quickstatements", out)
    lines = out.getvalue().splitlines()
    lives = [line for line in lines if line.startswith("LAST\tP551\t") and "She lives" in line]  # on page 2
    born = [line for line in lines if line.startswith("LAST\tP569\t")]  # born 1981, on page 1
    assert lives and all("\tS304\t\"2\"" in line for line in lives)
    assert born and all("\tS304\t\"1\"" in line for line in born)


def test_the_document_page_shows_the_page(kb):
    from fastapi.testclient import TestClient

    from linernotes.web.app import create_app

    page = TestClient(create_app(kb)).get("/documents/saule.pdf").text
    assert "p. 2" in page and "p. 1" in page


def test_a_version_5_database_gains_fact_pages(db_url):
    engine = create_engine(database_url(db_url))
    migrate(engine, MIGRATIONS[:5])
    with engine.begin() as conn:  # the facts table as version 5 made it
        conn.execute(text("ALTER TABLE facts DROP COLUMN page"))
    assert migrate(engine) == list(range(6, LATEST + 1))
    with engine.connect() as conn:
        assert "page" in {c["name"] for c in inspect(conn).get_columns("facts")}
    engine.dispose()


def test_an_uploaded_pdf_keeps_its_pages(store):
    from fastapi.testclient import TestClient

    from linernotes.web.app import create_app

    client = TestClient(create_app(store, token="t"))
    response = client.post("/upload", data={"token": "t"},
                           files={"file": ("saule.pdf", pdf_bytes([[FIRST], [SECOND]]), "application/pdf")})
    assert response.status_code == 201, response.text
    pages = {(f["relation"], f["value"]): f["page"] for f in rows(store)}
    assert pages[("born_in", "Taraz")] == 1 and pages[("residence", "Astana")] == 2
