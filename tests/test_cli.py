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


def test_check_command_reports_findings_and_exits_1(runner):
    result = runner.invoke(app, ["check", "-"], input=WRONG_PLACE)
    assert result.exit_code == 1  # a finding fails a pipeline
    assert "place-country-mismatch" in result.stdout
    assert "Kyrgyzstan" in result.stdout
    assert "1 finding in 1 document" in result.stderr


def test_check_command_exit_zero_reports_findings_and_exits_0(runner):
    result = runner.invoke(app, ["check", "--exit-zero", "-"], input=WRONG_PLACE)
    assert result.exit_code == 0
    assert "place-country-mismatch" in result.stdout


def test_check_command_jsonl(runner):
    result = runner.invoke(app, ["check", "-f", "jsonl", "-"], input=WRONG_PLACE)
    assert result.exit_code == 1
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


# -- issue 11: unreadable input is reported by name, the batch goes on --------------------------------

import builtins  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from linernotes import reader  # noqa: E402
from linernotes.store import Store  # noqa: E402


def stderr_of(result) -> str:
    return result.stderr.replace("\n", "")  # rich wraps long lines, even inside a path


def stored_names(db: str) -> set[str]:
    store = Store.open(db)
    try:
        with store.reading() as tx:
            return {name for name in ("a_good.txt", "bad\\xffname.txt", "z_good.txt") if tx.document_by_name(name)}
    finally:
        store.close()


@pytest.fixture()
def with_big(corpus):
    (corpus / "b_bad.txt").unlink()
    (corpus / "b_big.txt").write_text("Asel plays. " * 125_000, encoding="utf-8")  # 1.5 million characters
    return corpus


def test_extract_text_longer_than_the_parser_takes(runner, with_big):
    result = runner.invoke(app, ["extract", str(with_big)])
    assert result.exit_code == 1
    assert [r["doc"] for r in jsonl(result.stdout)] == ["a_good.txt"]
    assert "[E008]" in stderr_of(result) and "b_big.txt" in stderr_of(result)


def test_ingest_text_longer_than_the_parser_takes(runner, with_big, tmp_path):
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", str(with_big), "--db", db])
    assert result.exit_code == 1
    assert "[E008]" in stderr_of(result) and "b_big.txt" in stderr_of(result)
    assert stored_names(db) == {"a_good.txt"}


def test_extract_nul_byte_after_the_first_8_kb(runner, corpus):
    (corpus / "b_bad.txt").write_bytes(b"Asel plays the dombra. " * 400 + b"\x00" + b"She sings." * 10)
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 1
    assert [r["doc"] for r in jsonl(result.stdout)] == ["a_good.txt"]
    assert "[E002]" in stderr_of(result) and "b_bad.txt" in stderr_of(result)


def test_ingest_file_name_that_is_not_utf8(runner, corpus, tmp_path):
    (corpus / "b_bad.txt").unlink()
    with open(os.path.join(os.fsencode(corpus), b"bad\xffname.txt"), "wb") as handle:
        handle.write(WRONG_PLACE.encode())
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "[W003]" in stderr_of(result) and "bad\\xffname.txt" in stderr_of(result)
    assert stored_names(db) == {"a_good.txt", "bad\\xffname.txt"}


def test_extract_file_that_cannot_be_read(runner, corpus, monkeypatch):
    (corpus / "b_bad.txt").write_text(WRONG_PLACE, encoding="utf-8")
    locked, real = str(corpus / "b_bad.txt"), builtins.open

    def fake(file, *args, **kwargs):  # as for mode 000 (tests run as root in CI)
        if os.fspath(file) == locked:
            raise PermissionError(13, "Permission denied", file)
        return real(file, *args, **kwargs)

    monkeypatch.setattr(reader, "open", fake, raising=False)
    (corpus / "z_good.txt").write_text(GOOD + " She also sings.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 1
    assert [r["doc"] for r in jsonl(result.stdout)] == ["a_good.txt", "z_good.txt"]
    assert "[E004]" in stderr_of(result) and "b_bad.txt:" in stderr_of(result) and "Permission denied" in stderr_of(result)


def test_ingest_directory_that_cannot_be_read(runner, corpus, tmp_path, monkeypatch):
    (corpus / "b_bad.txt").unlink()
    (corpus / "sub").mkdir()
    (corpus / "sub" / "inside.txt").write_text(WRONG_PLACE, encoding="utf-8")
    locked, real = str(corpus / "sub"), os.scandir
    monkeypatch.setattr(reader.os, "scandir", lambda path=".": (
        (_ for _ in ()).throw(PermissionError(13, "Permission denied", path)) if os.fspath(path) == locked else real(path)))
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 1
    assert "[E004]" in stderr_of(result) and "sub:" in stderr_of(result) and "Permission denied" in stderr_of(result)
    assert stored_names(db) == {"a_good.txt"}


def test_extract_fifo_does_not_block(corpus, tmp_path_factory):
    (corpus / "b_bad.txt").unlink()
    os.mkfifo(corpus / "b_pipe.txt")
    given = tmp_path_factory.mktemp("elsewhere") / "given.txt"
    os.mkfifo(given)
    (corpus / "z_good.txt").write_text(WRONG_PLACE, encoding="utf-8")
    command = [sys.executable, "-c", "from linernotes.cli import main; main()", "extract", str(given), str(corpus)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60,
                                env={**os.environ, "COLUMNS": "400"})
    except subprocess.TimeoutExpired:
        pytest.fail("a FIFO blocked the batch")
    assert result.returncode == 1
    assert [r["doc"] for r in jsonl(result.stdout)] == ["a_good.txt", "z_good.txt"]
    assert result.stderr.count("[E009]") == 2 and "given.txt" in result.stderr and "b_pipe.txt" in result.stderr


def _confidences(records: list[dict]) -> list[float]:
    return [f["confidence"] for r in records for p in r["people"] for f in p["facts"]]


def test_extract_min_confidence_leaves_out_the_less_likely_facts(runner):
    everything = _confidences(jsonl(runner.invoke(app, ["extract", "-", "--min-confidence", "0"], input=GOOD).stdout))
    cut = sorted(everything)[len(everything) // 2]
    kept = _confidences(jsonl(runner.invoke(app, ["extract", "-", "--min-confidence", str(cut)], input=GOOD).stdout))
    assert kept and len(kept) < len(everything) or len(set(everything)) == 1
    assert all(c >= round(cut, 2) for c in kept)
    none = runner.invoke(app, ["extract", "-", "--min-confidence", "1"], input=GOOD)
    assert none.exit_code == 0 and all(not p["facts"] for r in jsonl(none.stdout) for p in r["people"])


def test_eval_calibration_prints_the_reliability_table(runner, tmp_path):
    (tmp_path / "asel.txt").write_text(GOOD, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "asel.txt", "people": [{"name": "Asel Dzhumabekova", "facts": [
        {"relation": ["instrument"], "value": ["dombra"]}, {"relation": ["residence"], "value": ["Taraz"]}]}]}) + "\n",
        encoding="utf-8")
    table = runner.invoke(app, ["eval", str(gold), str(tmp_path / "asel.txt"), "--calibration"])
    assert table.exit_code == 0 and "0.9-1.0" in table.stdout and "ECE" in table.stdout and "trained on" in table.stdout
    data = json.loads(runner.invoke(app, ["eval", str(gold), str(tmp_path / "asel.txt"), "--calibration", "--json"]).stdout)
    assert data["right"] == 2 and data["facts"] >= 2 and len(data["bands"]) == 10


def test_version(runner):
    from linernotes import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"linernotes {__version__}\n"


def test_python_dash_m_runs_the_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "linernotes", "--version"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("linernotes ")
