"""``linernotes review``: a review walked through the CLI — reject, correct, add; re-ingest; the
decisions hold, `show` prints them beside the facts, the exports carry them; `eval --reviewed`."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from linernotes.cli import app

from .conftest import write_corpus
from .kb.corpus import CORPUS, IVAN_A

CLARINET_QUOTE = "He plays jazz and studied at the Kurmangazy Kazakh National Conservatory."


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


@pytest.fixture()
def kb(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    db = str(tmp_path / "kb.db")
    assert run("ingest", str(corpus), "--db", db).exit_code == 0
    return db, corpus


def source_line(shown: str, relation: str, value: str, document: str = "ivan_a.txt") -> str:
    """The line `show` prints under a fact for the sentence of ``document`` that says it."""
    lines = shown.splitlines()
    start = next(n for n, line in enumerate(lines) if re.match(rf"\s+{relation}\s+{re.escape(value)}\s", line))
    following = lines[start + 1:]
    end = next((n for n, line in enumerate(following) if not line.startswith(" " * 17)), len(following))
    return next(line for line in following[:end] if f"— {document} #" in line)


def fact_number(db: str, relation: str, value: str, document: str = "ivan_a.txt") -> int:
    """The number `show` prints beside the sentence of ``document`` that says a fact."""
    line = source_line(run("show", "Iván Imankulov", "--db", db).stdout, relation, value, document)
    return int(re.search(r"#(\d+)", line).group(1))


def exported(db: str) -> tuple[set, set]:
    """(relation, value) pairs of the CSV export and of the JSON-LD export's evidence."""
    rows = csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db).stdout))
    in_csv = {(r["relation"], r["value"]) for r in rows if r["document"] == "ivan_a.txt"}
    graph = json.loads(run("export", "--format", "jsonld", "--db", db).stdout)["@graph"]
    in_jsonld = {(e["ln:relation"], e["ln:value"]) for node in graph for e in node.get("ln:evidence", [])
                 if e["ln:document"]["@id"].endswith("/ivan_a.txt")}
    return in_csv, in_jsonld


def test_a_review_walked_through_the_cli_holds_after_reingest_and_is_exported(kb):
    db, corpus = kb
    born, genre = fact_number(db, "born_in", "Almaty"), fact_number(db, "genre", "jazz")
    result = run("review", "reject", str(born), "--reviewer", "ana", "--reason", "the programme says Shymkent", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"#{born} rejected" in result.stdout
    assert run("review", "correct", str(genre), "--value", "free jazz", "--reviewer", "bo", "--db", db).exit_code == 0
    added = run("review", "add", "ivan_a.txt", "--person", "Iván Imankulov", "--relation", "instrument", "--value",
                "clarinet", "--quote", CLARINET_QUOTE, "--db", db, env={"LINERNOTES_REVIEWER": "cy"})
    assert added.exit_code == 0, added.output
    assert "added" in added.stdout and "by cy" in added.stdout

    (corpus / "ivan_a.txt").write_text(IVAN_A + " He lives in Astana.", encoding="utf-8")  # the others unchanged
    summary = json.loads(run("ingest", str(corpus), "--db", db, "--json").stdout)
    assert summary["replaced"] == 1

    shown = run("show", "Iván Imankulov", "--db", db).stdout
    assert re.search(r"\[rejected by ana \d{4}-\d\d-\d\d: the programme says Shymkent\]$",
                     source_line(shown, "born_in", "Almaty"))
    assert "[corrected by bo" in source_line(shown, "genre", "free jazz")
    assert "[added by cy" in source_line(shown, "instrument", "clarinet")
    assert re.search(r"residence\s+Astana", shown)  # what the new sentence says

    in_csv, in_jsonld = exported(db)
    for pairs in (in_csv, in_jsonld):
        assert ("born_in", "Almaty") not in pairs  # rejected
        assert ("genre", "free jazz") in pairs and ("genre", "jazz") not in pairs  # corrected
        assert ("instrument", "clarinet") in pairs  # added

    history = run("review", "history", "--document", "ivan_a.txt", "--db", db).stdout
    assert [line.split()[5] for line in history.splitlines() if line.startswith("review ")] == ["reject", "correct", "add"]
    assert "why: the programme says Shymkent" in history
    assert run("review", "history", "--orphaned", "--db", db).stderr.strip() == "no decisions"


def test_queue_lists_fact_numbers_and_skips_what_was_reviewed(kb):
    db, _ = kb
    listed = run("review", "queue", "--limit", "50", "--db", db, "--format", "json")
    rows = json.loads(listed.stdout)
    assert rows and [r["confidence"] for r in rows if not r["checked"]] == sorted(r["confidence"] for r in rows
                                                                                 if not r["checked"])
    assert run("review", "accept", str(rows[0]["id"]), "--reviewer", "ana", "--db", db).exit_code == 0
    text = run("review", "queue", "--limit", "50", "--db", db).stdout
    assert f"#{rows[0]['id']} " not in text and f"#{rows[1]['id']} " in text


def test_eval_reviewed_scores_against_the_reviews(kb):
    db, _ = kb
    run("review", "accept", str(fact_number(db, "born_in", "Almaty")), "--reviewer", "ana", "--db", db)
    run("review", "reject", str(fact_number(db, "genre", "jazz")), "--reviewer", "ana", "--db", db)
    result = run("eval", "--reviewed", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["micro"]["tp"], summary["micro"]["fp"], summary["micro"]["fn"]) == (1, 1, 0)
    table = run("eval", "--reviewed", "--db", db, "--errors").stdout
    assert "predicted facts nobody reviewed are not counted" in table and "FP" in table


def test_errors_exit_2_with_the_code(kb):
    db, _ = kb
    for args, code in [(["review", "accept", "999999", "--reviewer", "ana"], "E050"),
                       (["review", "correct", str(fact_number(db, "genre", "jazz")), "--reviewer", "ana"], "E051"),
                       (["review", "add", "ivan_a.txt", "--person", "Nobody", "--relation", "genre", "--value", "x",
                         "--quote", CLARINET_QUOTE, "--reviewer", "ana"], "E052")]:
        result = run(*args, "--db", db)
        assert result.exit_code == 2 and code in result.stderr, (args, result.output)
    assert run("eval").exit_code == 2  # neither a gold file nor --reviewed
