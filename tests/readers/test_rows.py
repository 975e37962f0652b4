"""Rows as documents: CSV, TSV and JSON Lines, streamed; a bad row is reported and the rest read."""
from __future__ import annotations

import csv
import json
import tracemalloc

from linernotes.errors import ExtractionError, InputError
from linernotes.reader import MAX_CHARS, Source, read_sources
from linernotes.readers import rows as rows_module
from linernotes.readers.rows import Rows, read_rows


def items(rows: Rows, max_bytes: int = 2_000_000):
    return list(read_rows(rows, max_bytes, MAX_CHARS))


def write_csv(path, records, header=("id", "text")):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(records)
    return str(path)


def test_each_row_is_a_document_named_by_its_id_with_its_metadata(tmp_path):
    path = write_csv(tmp_path / "bios.csv", [("a1", "Asel plays the dombra.", "https://example.org/a1", "2020-01-02",
                                              "K. Writer"), ("b2", "Erlan sings,\n\"loudly\".", "", "", "")],
                     header=("id", "text", "url", "date", "by"))
    got = items(Rows(path, url_column="url", date_column="date", author_column="by"))
    assert [s.doc for s in got] == ["a1", "b2"]
    assert got[1].text == 'Erlan sings,\n"loudly".'
    assert got[0].meta == {"format": "rows", "rows_file": "bios.csv", "row": 1, "source_url": "https://example.org/a1",
                           "date": "2020-01-02", "author": "K. Writer"}
    assert got[1].meta == {"format": "rows", "rows_file": "bios.csv", "row": 2}  # empty cells are not kept
    assert "bios.csv row 2" in got[1].path


def test_other_column_names_and_tsv(tmp_path):
    path = tmp_path / "bios.tsv"
    path.write_text("key\tbio\nx\tAsel sings.\n", encoding="utf-8")
    assert [(s.doc, s.text) for s in items(Rows(str(path), id_column="key", text_column="bio"))] == [("x", "Asel sings.")]


def test_a_broken_quote_and_a_short_row_are_e068_and_the_rest_is_read(tmp_path):
    path = tmp_path / "bios.csv"
    path.write_text('id,text\n1,Asel sings.\n2,"she "said" so"\n3\n4,Erlan plays.\n', encoding="utf-8")
    got = items(Rows(str(path)))
    assert [type(i).__name__ for i in got] == ["Source", "InputError", "InputError", "Source"]
    assert str(got[1]).startswith("[E068] ") and "bios.csv: row 2 (line 3)" in str(got[1])
    assert "row 3 (line 4): it has 1 fields, the header 2" in str(got[2])
    assert got[3].doc == "4"


def test_an_unclosed_quote_is_e068_not_a_row_swallowing_the_file(tmp_path, monkeypatch):
    path = tmp_path / "bios.csv"
    path.write_text('id,text\n1,"never closed\n' + "2,more text\n" * 50 + "", encoding="utf-8")
    got = list(read_rows(Rows(str(path)), 2_000_000, 200))  # a small field limit: the quote eats 200 characters
    assert isinstance(got[0], InputError) and "field larger than field limit (200)" in str(got[0])
    assert any(isinstance(i, Source) for i in got)  # the rows after the limit are read again


def test_an_over_long_field_is_e068_naming_the_row(tmp_path):
    path = write_csv(tmp_path / "bios.csv", [("1", "x" * 300), ("2", "Asel sings.")])
    got = list(read_rows(Rows(path), 2_000_000, 200))
    assert str(got[0]).startswith("[E068]") and "row 1" in str(got[0]) and got[1].doc == "2"


def test_the_field_limit_is_the_parsers_not_csvs_default(tmp_path):
    path = write_csv(tmp_path / "bios.csv", [("1", "Asel sings. " * 20_000)])  # 240,000 characters > 131,072
    got = items(Rows(path))
    assert isinstance(got[0], Source) and len(got[0].text) == 240_000


def test_an_over_long_line_is_never_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(rows_module, "MAX_LINE_CHARS", 1000)
    path = tmp_path / "bios.csv"
    path.write_text("id,text\n1," + "y" * 5000 + "\n2,Asel sings.\n", encoding="utf-8")
    got = items(Rows(str(path)))
    assert "over the limit of 1,000 characters" in str(got[0]) and got[1].doc == "2"


def test_missing_and_duplicate_ids_and_empty_texts(tmp_path):
    path = write_csv(tmp_path / "bios.csv", [("", "No id."), ("a", "  "), ("b", "First."), ("b", "Second.")])
    got = [str(i) for i in items(Rows(path))]
    assert "no id in column 'id'" in got[0] and "no text in column 'text'" in got[1]
    assert got[2].startswith("Source(") and "the id 'b' is row 3's too" in got[3]


def test_a_column_not_in_the_header_is_e069_for_the_file(tmp_path):
    path = write_csv(tmp_path / "bios.csv", [("1", "Asel sings.")])
    got = items(Rows(path, text_column="biography"))
    assert len(got) == 1 and str(got[0]).startswith("[E069]") and "'biography'" in str(got[0]) and "'text'" in str(got[0])


def test_json_lines(tmp_path):
    path = tmp_path / "bios.jsonl"
    lines = [json.dumps({"id": 7, "text": "Asel sings.", "url": "https://example.org/7"}), "", "{not json",
             json.dumps(["a", "list"]), json.dumps({"id": 8, "text": "Erlan plays."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = items(Rows(str(path), url_column="url"))
    assert got[0].doc == "7" and got[0].meta["source_url"] == "https://example.org/7"
    assert "row 2 (line 3): not a JSON object" in str(got[1]) and "a JSON list, not an object" in str(got[2])
    assert got[3].doc == "8"


def test_a_json_line_over_max_bytes_is_e068(tmp_path):
    path = tmp_path / "bios.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "z" * 500}) + "\n" + json.dumps({"id": 2, "text": "Asel."}) + "\n")
    got = items(Rows(str(path)), max_bytes=100)
    assert "over the limit of 100 bytes" in str(got[0]) and got[1].doc == "2"


def test_bytes_that_are_not_utf8_are_e068_for_that_row(tmp_path):
    path = tmp_path / "bios.csv"
    path.write_bytes(b"id,text\n1,caf\xe9 singer\n2,Asel sings.\n")
    got = items(Rows(str(path)))
    assert "not valid UTF-8" in str(got[0]) and got[1].doc == "2"


def test_a_missing_file_and_a_wrong_suffix(tmp_path):
    assert str(items(Rows(str(tmp_path / "gone.csv")))[0]).startswith("[E005]")
    (tmp_path / "bios.xlsx").write_bytes(b"PK")
    assert str(items(Rows(str(tmp_path / "bios.xlsx")))[0]).startswith("[E067]")


def test_rows_come_after_the_files_and_a_text_over_the_limit_is_e008(tmp_path, monkeypatch):
    (tmp_path / "one.txt").write_text("Asel sings.", encoding="utf-8")
    path = tmp_path / "bios.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "Erlan plays."}) + "\n" + json.dumps({"id": "r2", "text": "w" * 50}))
    monkeypatch.setattr("linernotes.reader.MAX_CHARS", 40)
    got = list(read_sources([str(tmp_path / "one.txt")], rows=Rows(str(path))))
    assert [getattr(i, "doc", None) for i in got[:2]] == ["one.txt", "r1"]
    assert isinstance(got[2], ExtractionError) and str(got[2]).startswith("[E008]") and "row 2" in str(got[2])
    table = write_csv(tmp_path / "bios.csv", [("c1", "w" * 50)])  # in a CSV, the field limit says it first
    message = str(list(read_sources([], rows=Rows(table)))[0])
    assert message.startswith("[E068]") and "over the limit of 40 characters the parser takes" in message


def test_reading_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "many.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("id", "text"))
        for number in range(20_000):
            writer.writerow((f"doc{number}", "Asel Nurova plays the dombra and lives in Taraz. " * 10))
    assert path.stat().st_size > 9_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in read_rows(Rows(str(path)), 2_000_000, MAX_CHARS) if isinstance(item, Source))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 4_000_000  # the ids seen (for duplicates) and a row at a time, not the 9 MB file
