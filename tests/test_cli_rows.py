"""``extract``/``ingest --rows`` and the batch report of files not read: thin layers over the readers."""
from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from linernotes.cli import app
from linernotes.store import Store

from .readers.files import pdf_bytes

BIOS = [("asel", "Asel Nurova plays the dombra. She lives in Taraz.", "https://example.org/asel", "2021-03-04"),
        ("erlan", "Erlan Dosov is a kobyz player from Almaty.", "", "1999")]


def run(*args):
    return CliRunner().invoke(app, list(args))


def table(tmp_path, extra=()):
    path = tmp_path / "bios.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("key", "biography", "link", "when"))
        writer.writerows([*BIOS, *extra])
    return str(path)


def test_extract_rows_gives_one_document_a_row(tmp_path, nlp):
    result = run("extract", "--rows", table(tmp_path), "--id-column", "key", "--text-column", "biography",
                 "--workers", "1")
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc"] for d in documents] == ["asel", "erlan"]
    assert any(f["value"] == "Taraz" for p in documents[0]["people"] for f in p["facts"])


def test_a_bad_row_is_reported_by_file_and_row_and_the_exit_status_says_so(tmp_path, nlp):
    path = table(tmp_path, extra=[("", "No id here.", "", "")])
    result = run("extract", "--rows", path, "--id-column", "key", "--text-column", "biography", "--workers", "1")
    assert result.exit_code == 1
    assert "[E068]" in result.stderr and "bios.csv: row 3" in result.stderr
    assert len(result.stdout.splitlines()) == 2  # the good rows are still there


def test_a_wrong_column_is_e069(tmp_path, nlp):
    result = run("extract", "--rows", table(tmp_path), "--workers", "1")
    assert result.exit_code == 1 and "[E069]" in result.stderr and "'key'" in result.stderr


def test_no_input_at_all_is_a_usage_error():
    result = run("extract")
    assert result.exit_code == 2 and "--rows" in result.stderr


def test_ingest_rows_keeps_the_metadata_with_each_document(tmp_path, nlp):
    db = str(tmp_path / "kb.db")
    args = ["ingest", "--rows", table(tmp_path), "--id-column", "key", "--text-column", "biography",
            "--url-column", "link", "--date-column", "when", "--db", db, "--json", "--workers", "1"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 2
    store = Store.open(db)
    try:
        with store.reading() as tx:
            assert json.loads(tx.document("asel")["meta"]) == {
                "format": "rows", "rows_file": "bios.csv", "row": 1, "source_url": "https://example.org/asel",
                "date": "2021-03-04"}
            assert json.loads(tx.document("erlan")["meta"])["date"] == "1999"
    finally:
        store.close()
    assert json.loads(run(*args).stdout)["unchanged"] == 2  # again is harmless


def test_ingest_keeps_a_pdfs_page_starts(tmp_path, nlp):
    (tmp_path / "bios").mkdir()
    (tmp_path / "bios" / "asel.pdf").write_bytes(pdf_bytes([["Asel Nurova plays the dombra."], ["She lives in Taraz."]]))
    db = str(tmp_path / "kb.db")
    assert run("ingest", str(tmp_path / "bios"), "--db", db, "--workers", "1").exit_code == 0
    store = Store.open(db)
    try:
        with store.reading() as tx:
            document = tx.document("asel.pdf")
    finally:
        store.close()
    meta = json.loads(document["meta"])
    assert meta["format"] == "pdf" and document["text"][meta["pages"][1]:] == "She lives in Taraz."


def test_files_of_other_types_are_listed_at_the_end_not_failed(tmp_path, nlp):
    (tmp_path / "bio.txt").write_text("Asel Nurova plays the dombra.", encoding="utf-8")
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "table.csv").write_text("id,text\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    result = run("extract", str(tmp_path), "--workers", "1")
    assert result.exit_code == 0
    said = " ".join(result.stderr.split())  # the console wraps long lines
    assert said.endswith("2 files skipped: linernotes does not read their type")
    assert "cover.jpg: skipped: linernotes does not read .jpg files" in said
    assert "table.csv: skipped: linernotes does not read .csv (a table of texts? read it with --rows)" in said
    assert ".DS_Store" not in result.stderr
    ingested = run("ingest", str(tmp_path), "--db", str(tmp_path / "kb.db"), "--workers", "1")
    assert ingested.exit_code == 0 and "cover.jpg" in ingested.stderr


def test_rows_on_ray_are_a_usage_error_for_extract_and_ingest(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("id,text\na,Asel plays the dombra.\n", encoding="utf-8")
    for command in (["extract"], ["ingest", "--db", str(tmp_path / "kb.db")]):
        result = run(*command, "--rows", str(rows), "--engine", "ray")
        assert result.exit_code == 2 and "local engine only" in result.output, command
