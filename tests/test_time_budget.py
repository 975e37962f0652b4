"""The per-document time budget: a runaway document is interrupted, reported as E007 by name, and the
batch goes on; so do texts too long to parse (E008). Library, CLI and ingest."""
from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import linernotes
from linernotes.api import extract_sources
from linernotes.cli import app
from linernotes.errors import ExtractionError, InputError
from linernotes.kb.ingest import ingest, ingest_text
from linernotes.pipeline import check, to_document
from linernotes.pipeline.confidence import default_min_confidence
from linernotes.reader import read_source

from .conftest import EXAMPLES, write_corpus

GOOD = "Asel Dzhumabekova is a Kazakh dombra player. She grew up in Taraz."
OTHER = "Daulet Sarsenbayev plays the kobyz. He was born in Almaty in 1979."
ENDLESS = "Kairat Nurlanov plays the forever loop on his dombra."
BUDGET = 0.5


@pytest.fixture()
def endless_checker(monkeypatch, nlp):
    """The checker stage loops forever on any text with 'forever' in it (and swallows Exception)."""
    original = check.Checker.__call__

    def checker(self, doc):
        if "forever" in doc.text:
            try:
                while True:
                    pass
            except Exception:  # a component's own error handling must not swallow the budget
                pass
        return original(self, doc)

    monkeypatch.setattr(check.Checker, "__call__", checker)


def codes(errors) -> list[str]:
    return [str(e)[1:5] for e in errors]


def test_an_endless_component_is_interrupted_and_the_batch_goes_on(endless_checker):
    errors: list[ExtractionError] = []
    started = time.monotonic()
    docs = list(linernotes.extract_many([(GOOD, "good.txt"), (ENDLESS, "loop.txt"), (OTHER, "other.txt")],
                                        time_budget=BUDGET, errors=errors))
    assert time.monotonic() - started < BUDGET + 10
    assert [d.doc for d in docs] == ["good.txt", "other.txt"]
    assert docs[0].people[0].name == "Asel Dzhumabekova"
    assert codes(errors) == ["E007"]
    assert str(errors[0]).startswith("[E007] loop.txt: extraction took longer than the budget of 0.5 s")
    assert isinstance(errors[0], InputError)


def test_the_alarm_is_put_back_as_it_was(endless_checker):
    before = signal.getsignal(signal.SIGALRM)
    list(linernotes.extract_many([(ENDLESS, "loop.txt"), (GOOD, "good.txt")], time_budget=BUDGET, errors=[]))
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_off_the_main_thread_the_watchdog_interrupts(endless_checker):
    out: dict = {}

    def work():
        errors: list[ExtractionError] = []
        out["docs"] = [d.doc for d in linernotes.extract_many([(ENDLESS, "loop.txt"), (GOOD, "good.txt")],
                                                                time_budget=BUDGET, errors=errors)]
        out["errors"] = codes(errors)
        try:
            linernotes.extract(ENDLESS, "again.txt", time_budget=BUDGET)
        except ExtractionError as error:
            out["raised"] = str(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert out["docs"] == ["good.txt"] and out["errors"] == ["E007"]
    assert out["raised"].startswith("[E007] again.txt:")


def test_someone_elses_alarm_is_left_alone(endless_checker):
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        errors: list[ExtractionError] = []
        docs = list(linernotes.extract_many([(ENDLESS, "loop.txt"), (GOOD, "good.txt")], time_budget=BUDGET,
                                            errors=errors))
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert [d.doc for d in docs] == ["good.txt"] and codes(errors) == ["E007"]
        assert 0 < left <= 30 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_extract_raises_and_extract_many_raises_after_the_rest(endless_checker):
    with pytest.raises(ExtractionError, match=r"^\[E007\] one\.txt: "):
        linernotes.extract(ENDLESS, "one.txt", time_budget=BUDGET)
    seen = []
    with pytest.raises(ExtractionError, match=r"^\[E007\] loop\.txt: "):
        for document in linernotes.extract_many([(ENDLESS, "loop.txt"), (GOOD, "good.txt")], time_budget=BUDGET):
            seen.append(document.doc)
    assert seen == ["good.txt"]


def test_a_text_longer_than_the_parser_takes_is_a_catalogued_error(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 100)
    errors: list[ExtractionError] = []
    long_text = "Asel Dzhumabekova plays the dombra. " * 5
    docs = list(linernotes.extract_many([(long_text, "long.txt"), (GOOD, "good.txt")], errors=errors))
    assert [d.doc for d in docs] == ["good.txt"]
    assert str(errors[0]) == ("[E008] long.txt: 180 characters is over the limit of 100 characters the parser "
                              "takes in one document; split it into one file per biography.")


def test_the_budget_changes_no_result(nlp):
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in sorted((EXAMPLES / "bios").glob("*.txt"))]
    threshold = default_min_confidence()  # what extract_many leaves out by default
    plain = [to_document(doc, name, threshold).to_dict() for doc, name in nlp.pipe(texts, as_tuples=True, batch_size=4)]
    assert [d.to_dict() for d in linernotes.extract_many(texts, batch_size=4)] == plain
    assert [d.to_dict() for d in linernotes.extract_many(texts, batch_size=4, time_budget=None)] == plain
    assert [d.to_dict() for d in linernotes.extract_many(texts[:4], batch_size=2, n_process=2)] == plain[:4]


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "bios", {"a_good.txt": GOOD, "b_loop.txt": ENDLESS, "c_other.txt": OTHER})


@pytest.mark.parametrize("command", ["extract", "check"])
def test_cli_reports_the_file_and_exits_1(endless_checker, corpus, command):
    result = CliRunner().invoke(app, [command, str(corpus), "--time-budget", str(BUDGET), "--format", "jsonl"])
    assert result.exit_code == 1
    stderr = " ".join(result.stderr.split())  # the console wraps long lines
    assert f"[E007] {corpus / 'b_loop.txt'}: extraction took longer than the budget of 0.5 s" in stderr
    assert [line.count('"doc"') for line in result.stdout.splitlines()] == [1, 1]
    assert '"a_good.txt"' in result.stdout and '"c_other.txt"' in result.stdout
    assert "1 of 3 documents failed" in stderr


def test_cli_time_budget_must_be_positive(corpus):
    result = CliRunner().invoke(app, ["extract", str(corpus), "--time-budget", "0"])
    assert result.exit_code == 2


def test_ingest_reports_the_file_and_stores_the_rest(endless_checker, store, corpus):
    seen = []
    report = ingest(store, [str(corpus)], time_budget=BUDGET, progress=lambda what, name: seen.append(what))
    assert report.added == 2
    assert [e.split(":")[0] for e in report.errors] == [f"[E007] {corpus / 'b_loop.txt'}"]
    assert sorted(seen) == ["added", "added", "failed"]
    with store.reading() as tx:
        assert tx.document_by_name("b_loop.txt") is None and tx.document_by_name("a_good.txt")
    with pytest.raises(ExtractionError, match=r"^\[E007\] upload\.txt: "):
        ingest_text(store, "upload.txt", ENDLESS, time_budget=BUDGET)
    with store.reading() as tx:
        assert tx.document_by_name("upload.txt") is None


def test_cli_ingest_takes_the_budget(endless_checker, corpus, tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "kb.db"), "--time-budget",
                                      str(BUDGET), "--json"])
    assert result.exit_code == 1
    assert "[E007]" in result.stderr and "b_loop.txt" in result.stderr
    assert '"added": 2' in result.stdout and '"failed": 1' in result.stdout


def test_extract_sources_names_the_path(endless_checker, corpus):
    errors: list[ExtractionError] = []
    sources = [read_source(str(p)) for p in sorted(corpus.iterdir())]
    docs = list(extract_sources(sources, time_budget=BUDGET, on_error=errors.append))
    assert [d.doc for d in docs] == ["a_good.txt", "c_other.txt"]
    assert str(errors[0]).startswith(f"[E007] {corpus / 'b_loop.txt'}: ")

