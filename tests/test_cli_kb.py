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
