"""``linernotes ids``: set, import (exit 1 naming each bad row), list, propose; the ids reach the export
and the explorer's profile page."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from linernotes.cli import app
from linernotes.store import Store
from linernotes.web.app import create_app

from .conftest import write_corpus
from .kb.corpus import CORPUS


@pytest.fixture()
def kb(tmp_path, nlp):
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "bios", CORPUS)), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_set_list_and_export(kb, tmp_path):
    assert run("ids", "set", "Ivan Imankulov", "Q4115189", "--db", kb).exit_code == 0
    assert run("ids", "set", "Kazakhstan", "Q232", "--kind", "Country", "--db", kb).exit_code == 0
    listed = json.loads(run("ids", "list", "--output", "json", "--db", kb).stdout)
    assert {(r["kind"], r["value"]) for r in listed} >= {("Person", "Q4115189"), ("Country", "Q232")}
    assert {r["document"] for r in listed if r["kind"] == "Person"} == {"ivan_a.txt", "ivan_b.txt"}
    target = tmp_path / "out.qs"
    skipped = tmp_path / "skipped.txt"
    result = run("export", "--format", "quickstatements", "--db", kb, "--output", str(target), "--stated-in", "Q100",
                 "--skipped", str(skipped))
    assert result.exit_code == 0 and "1 item edited, 3 created" in result.stderr.replace("\n", " ")
    assert "inferred, not stated" in result.stderr and "(gender inferred" in skipped.read_text()
    assert "Q4115189\tP27\tQ232\tS248\tQ100" in target.read_text()


def test_bad_id_is_a_catalogued_error(kb):
    result = run("ids", "set", "Ivan Imankulov", "Q-1", "--db", kb)
    assert result.exit_code == 2 and "E055" in result.stderr


def test_import_goes_on_past_bad_rows_and_exits_1(kb, tmp_path):
    sheet = tmp_path / "ids.csv"
    sheet.write_text("\ufeffname,mbid\nVivaan Imankulov,5b11f4ce-a62d-471e-81fc-a69a8278c7da\nNo Such Person,"
                     "5b11f4ce-a62d-471e-81fc-a69a8278c7db\n", encoding="utf-8")
    result = run("ids", "import", str(sheet), "--db", kb)
    assert result.exit_code == 1 and "imported 1 id; 1 row not imported" in result.stdout
    assert f"[E059] {sheet}:3: [E022]" in result.stderr.replace("\n", "")


def test_propose_lists_gazetteer_items(kb):
    rows = json.loads(run("ids", "propose", "--output", "json", "--db", kb).stdout)
    assert {"name": "Kazakhstan", "value": "Q232"}.items() <= next(r for r in rows if r["name"] == "Kazakhstan").items()


def test_profile_page_links_the_ids(kb):
    assert run("ids", "set", "Ivan Imankulov", "Q4115189", "--db", kb).exit_code == 0
    store = Store.open(kb)
    try:
        client = TestClient(create_app(store))
        people = {p["name"]: p["id"] for p in client.get("/api/people?name=Imankulov").json()["items"]}
        assert 'href="https://www.wikidata.org/wiki/Q4115189"' in client.get(f"/people/{people['Iván Imankulov']}").text
        assert "Q4115189" not in client.get(f"/people/{people['Vivaan Imankulov']}").text
    finally:
        store.close()
