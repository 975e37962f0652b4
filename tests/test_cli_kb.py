"""Knowledge-base commands: thin wrappers; clear errors with exit 2; ingest exits 1 when a file failed."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from linernotes.cli import app

from .conftest import write_corpus
from .kb.corpus import CORPUS


@pytest.fixture()
def kb(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    return db, corpus


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_ingest_summary_and_idempotence(kb):
    db, corpus = kb
    result = run("ingest", str(corpus), "--db", db, "--json")
    summary = json.loads(result.stdout)
    assert summary["unchanged"] == 4 and summary["added"] == 0 and summary["total_people"] == 4


def test_ingest_exits_1_when_a_file_failed(kb):
    db, corpus = kb
    (corpus / "empty.txt").write_bytes(b"")
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == 1
    assert "E001" in result.stderr and "empty.txt" in result.stderr


def test_people_show_search_ask(kb):
    db, _ = kb
    assert "Vivaan Imankulov" in run("people", "--instrument", "accordion", "--db", db).stdout
    shown = run("show", "Ivan Imankulov", "--db", db)
    assert shown.exit_code == 0 and "born_in" in shown.stdout and "He was born in Almaty in 1985." in shown.stdout
    profile = json.loads(run("show", "Ivan Imankulov", "--db", db, "--format", "json").stdout)
    assert profile["documents"] == ["ivan_a.txt", "ivan_b.txt"]
    assert "ivan_b.txt" in run("search", "quartet", "--db", db).stdout
    answer = json.loads(run("ask", "Where was Ivan Imankulov born?", "--db", db, "--format", "json").stdout)
    assert answer["answered"] and answer["items"] == ["Almaty"] and answer["citations"][0]["document"] == "ivan_a.txt"


def test_unknown_person_is_exit_2_with_the_code(kb):
    db, _ = kb
    result = run("show", "Nobody Atall", "--db", db)
    assert result.exit_code == 2 and "E022" in result.stderr


def test_split_then_merge(kb):
    db, _ = kb
    assert run("split", "Ivan Imankulov", "--document", "ivan_b.txt", "--db", db).exit_code == 0
    listed = run("people", "--name", "imankulov", "--db", db, "--format", "json").stdout
    ids = [p["id"] for p in json.loads(listed) if p["name"].lower().startswith("iv")]
    assert len(ids) == 2
    merged = run("merge", f"#{ids[0]}", f"#{ids[1]}", "--db", db)
    assert merged.exit_code == 0 and "ivan_a.txt, ivan_b.txt" in merged.stdout


@pytest.mark.parametrize("fmt,marker", [("jsonld", '"@context"'), ("turtle", "@prefix"), ("csv", "person_id,"),
                                        ("quickstatements", "CREATE")])
def test_export_formats(kb, tmp_path, fmt, marker):
    db, _ = kb
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--db", db, "--output", str(target))
    assert result.exit_code == 0 and marker in target.read_text(encoding="utf-8")


# -- --db naming something that is not a knowledge base: E020, exit 2, nothing created or changed -----

READ_COMMANDS = [["people"], ["show", "Ivan Imankulov"], ["search", "quartet"], ["ask", "Who plays the accordion?"],
                 ["export", "--format", "csv"], ["merge", "#1", "#2"], ["split", "#1", "--document", "a.txt"]]


@pytest.mark.parametrize("command", [["ingest", "."], *READ_COMMANDS], ids=lambda c: c[0])
def test_db_that_is_not_a_database_is_E020(tmp_path, command):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\nmilk\n", encoding="utf-8")
    result = run(*command, "--db", str(notes))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "E020" in result.stderr and str(notes) in result.stderr and "not a SQLite database" in result.stderr
    assert notes.read_text(encoding="utf-8") == "shopping list\nmilk\n"


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_command_on_a_missing_db_is_E020_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "kb-misspelt.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code == 2, result.output
    assert "E020" in result.stderr and "does not exist" in result.stderr and "linernotes ingest" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_ingest_creates_a_missing_db(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    db = tmp_path / "new.db"
    assert run("ingest", str(corpus), "--db", str(db)).exit_code == 0 and db.exists()
    assert "Vivaan Imankulov" in run("people", "--db", str(db)).stdout


def test_password_is_never_shown(tmp_path):
    result = run("people", "--db", "postgresql://user:p@ss@127.0.0.1:1/none")
    assert result.exit_code == 2 and "E020" in result.stderr and "***" in result.stderr
    assert "p@ss" not in result.output and "ss@" not in result.output and "p%40ss" not in result.output


def test_ingest_min_confidence_stores_only_the_likelier_facts(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    counts = {}
    for threshold in ("0", "1"):
        db = str(tmp_path / f"kb{threshold}.db")
        result = run("ingest", str(corpus), "--db", db, "--json", "--min-confidence", threshold)
        assert result.exit_code == 0, result.output
        counts[threshold] = json.loads(result.stdout)["total_facts"]
    assert counts["0"] > 0 and counts["1"] == 0


def test_people_pages_with_offset_and_counts_in_the_singular(kb):
    db, _ = kb
    everyone = json.loads(run("people", "--db", db, "--format", "json").stdout)
    pages = [json.loads(run("people", "--db", db, "--format", "json", "--limit", "2", "--offset", str(n)).stdout)
             for n in range(0, len(everyone), 2)]
    assert [p for page in pages for p in page] == everyone
    listed = run("people", "--db", db).stdout
    one_document = [p for p in everyone if p["documents"] == 1]
    assert one_document and "1 document)" in listed and "1 documents" not in listed
