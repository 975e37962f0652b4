"""The ``linernotes`` command line: output on stdout, errors naming files on stderr, exit codes."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from linernotes.cli import app

GOOD = "Asel Dzhumabekova is a Kazakh dombra player. She grew up in Taraz."
WRONG_PLACE = "Daulet Sarsenbayev was born in Osh, Kazakhstan. He plays the kobyz."


@pytest.fixture(scope="module")
def runner(nlp):  # the pipeline is loaded once; the CLI reuses it
    return CliRunner()


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(b"")
    (tmp_path / "c_ignored.json").write_text("{}", encoding="utf-8")
    return tmp_path


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_directory_with_one_good_and_one_bad_file(runner, corpus):
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 1
    records = jsonl(result.stdout)
    assert [r["doc"] for r in records] == ["a_good.txt"]
    assert records[0]["people"][0]["name"] == "Asel Dzhumabekova"
    assert "b_bad.txt" in result.stderr and "[E001]" in result.stderr
    assert "a_good.txt" not in result.stderr
    assert "1 of 2 documents failed" in result.stderr


def test_extract_stdin(runner):
    result = runner.invoke(app, ["extract", "-"], input=GOOD)
    assert result.exit_code == 0, result.stderr
    (record,) = jsonl(result.stdout)
    assert record["doc"] == "stdin"
    assert set(record) == {"doc", "mentions", "people", "checks"}
    instruments = {f["value"] for p in record["people"] for f in p["facts"] if f["relation"] == "instrument"}
    assert "dombra" in instruments
    assert result.stderr == ""


def test_extract_output_is_utf8_not_escaped(runner):
    result = runner.invoke(app, ["extract", "-"], input="Äsel Nurgaliyeva plays the dombra in Öskemen.")
    assert result.exit_code == 0
    assert "Äsel" in result.stdout and "\\u" not in result.stdout


def test_extract_json_format_is_one_array(runner, corpus):
    (corpus / "b_bad.txt").unlink()
    (corpus / "d_second.md").write_text(WRONG_PLACE, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--format", "json", str(corpus)])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["doc"] for r in records] == ["a_good.txt", "d_second.md"]


def test_extract_table_format(runner):
    result = runner.invoke(app, ["extract", "-f", "table", "-"], input=GOOD)
    assert result.exit_code == 0
    assert "Asel Dzhumabekova" in result.stdout and "dombra" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_extract_missing_path(runner, tmp_path):
    missing = str(tmp_path / "absent.txt")
    result = runner.invoke(app, ["extract", missing])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "[E005]" in result.stderr and "absent.txt" in result.stderr


def test_extract_max_bytes(runner, corpus):
    result = runner.invoke(app, ["extract", "--max-bytes", "10", str(corpus / "a_good.txt")])
    assert result.exit_code == 1
    assert "[E003]" in result.stderr and "a_good.txt" in result.stderr


def test_extract_reports_decoding_warnings(runner, tmp_path):
    path = tmp_path / "cyr.txt"
    path.write_bytes("Асель Джумабекова играет на домбре.".encode("cp1251"))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert "[W001]" in result.stderr and "cyr.txt" in result.stderr
    assert jsonl(result.stdout)[0]["doc"] == "cyr.txt"


def test_check_command_reports_findings(runner):
    result = runner.invoke(app, ["check", "-"], input=WRONG_PLACE)
    assert result.exit_code == 0
    assert "place-country-mismatch" in result.stdout
    assert "Kyrgyzstan" in result.stdout


def test_check_command_jsonl(runner):
    result = runner.invoke(app, ["check", "-f", "jsonl", "-"], input=WRONG_PLACE)
    assert result.exit_code == 0
    (record,) = jsonl(result.stdout)
    assert [c["code"] for c in record["checks"]] == ["place-country-mismatch"]


def test_check_command_clean_text(runner):
    result = runner.invoke(app, ["check", "-"], input=GOOD)
    assert result.exit_code == 0
    assert "no problems found" in result.stdout


def test_eval_command_json(runner, tmp_path):
    bios = tmp_path / "bios"
    bios.mkdir()
    (bios / "asel.txt").write_text(GOOD, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "asel.txt", "people": [{"name": "Asel Dzhumabekova", "facts": [
        {"relation": ["instrument"], "value": ["dombra"]}, {"relation": ["residence"], "value": ["Taraz"]}]}],
        "checks": []}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(bios), "--json"])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["micro"]["tp"] == 2 and summary["micro"]["fn"] == 0
    assert summary["people"]["tp"] == 1


def test_eval_command_table(runner, tmp_path):
    (tmp_path / "asel.txt").write_text(GOOD, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "asel.txt", "people": [{"name": "Asel Dzhumabekova", "facts": [
        {"relation": ["instrument"], "value": ["dombra"]}]}]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(tmp_path / "asel.txt")])
    assert result.exit_code == 0
    assert "FACTS (micro)" in result.stdout and "instrument" in result.stdout


def test_eval_command_bad_gold(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(tmp_path)])
    assert result.exit_code == 2
    assert "[E010]" in result.stderr and "gold.jsonl:1" in result.stderr


def test_eval_command_missing_gold(runner, tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl"), str(tmp_path)])
    assert result.exit_code == 2
    assert "error" in result.stderr


def test_unknown_format_is_a_usage_error(runner):
    result = runner.invoke(app, ["extract", "--format", "xml", "-"], input=GOOD)
    assert result.exit_code == 2
