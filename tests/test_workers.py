"""Extraction in worker processes: the same documents in the same order as one process, failures
(over budget, a bug, a killed or stuck worker) reported by file while the rest goes on, input read
lazily. Library, CLI and ingest."""
from __future__ import annotations

import io
import multiprocessing
import os
import random
import signal
import time

import pytest
from typer.testing import CliRunner

import linernotes
from linernotes import workers
from linernotes.api import BatchResult, _threshold, extract_paths
from linernotes.cli import app
from linernotes.errors import ExtractionError
from linernotes.kb.export import export
from linernotes.kb.ingest import ingest
from linernotes.pipeline import check

from .conftest import EXAMPLES, write_corpus

GOOD = "Asel Dzhumabekova is a Kazakh dombra player. She grew up in Taraz."
OTHER = "Daulet Sarsenbayev plays the kobyz. He was born in Almaty in 1979."
THIRD = "Marat Omarov is a jazz pianist from Shymkent."
PARENT = os.getpid()


def examples() -> list[tuple[str, str]]:
    return [(p.read_text(encoding="utf-8"), p.name) for p in sorted((EXAMPLES / "bios").glob("*.txt"))]


def generated(count: int, seed: int = 13) -> list[tuple[str, str]]:
    """``count`` texts of one to four paragraphs of the example corpus, in random combinations."""
    paragraphs = [p.strip() for text, _ in examples() for p in text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    return [("\n\n".join(rng.sample(paragraphs, k=rng.randint(1, 4))), f"gen-{i:03d}.txt") for i in range(count)]


def as_dicts(documents) -> list[dict]:
    return [d.to_dict() for d in documents]


@pytest.fixture()
def misbehaving_checker(monkeypatch, nlp):
    """The checker stage, inherited by forked workers, misbehaves on marked texts: 'forever' loops
    (swallowing Exception), 'boom' raises, and in a worker 'sudden death' kills its process and
    'stuck' sleeps with the alarm blocked, where the time budget cannot interrupt it."""
    original = check.Checker.__call__

    def checker(self, doc):
        if "forever" in doc.text:
            try:
                while True:
                    pass
            except Exception:
                pass
        if "boom" in doc.text:
            raise ValueError("boom")
        if os.getpid() != PARENT and "sudden death" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if os.getpid() != PARENT and "stuck" in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
            time.sleep(120)
        return original(self, doc)

    monkeypatch.setattr(check.Checker, "__call__", checker)


def test_two_workers_give_the_documents_of_one_in_the_same_order(nlp):
    texts = examples() + generated(200)
    one = as_dicts(linernotes.extract_many(texts, batch_size=8))
    assert len(one) == len(texts)
    assert as_dicts(linernotes.extract_many(texts, batch_size=8, n_process=2)) == one
    assert as_dicts(linernotes.extract_many(texts[:40], batch_size=3, n_process=-1)) == one[:40]


def test_the_spawn_start_method_gives_the_same_documents(nlp):
    texts = examples()[:6]
    one = as_dicts(linernotes.extract_many(texts, batch_size=2))
    triples = ((text, name, name) for text, name in texts)
    errors: list = []
    spawned = workers.extract_in_workers(triples, 2, 2, 60.0, errors.append, _threshold(None), start_method="spawn")
    assert as_dicts(spawned) == one and errors == []


def test_a_document_over_budget_in_a_worker_is_e007_naming_it(misbehaving_checker):
    texts = [(GOOD, "good.txt"), ("Kairat Nurlanov plays the forever loop.", "loop.txt"), (OTHER, "other.txt"),
             (THIRD, "third.txt")]
    errors: list[ExtractionError] = []
    docs = list(linernotes.extract_many(texts, batch_size=1, n_process=2, time_budget=0.5, errors=errors))
    assert [d.doc for d in docs] == ["good.txt", "other.txt", "third.txt"]
    assert [str(e) for e in errors] == [
        "[E007] loop.txt: extraction took longer than the budget of 0.5 s; the document was skipped. A biography "
        "normally takes well under a second: please report the text, or raise --time-budget."]


def test_a_document_too_long_in_a_worker_is_e008_naming_it(nlp):
    long = "Asel Dzhumabekova plays the dombra. " * 30_000  # 1,080,000 characters, over the parser's limit
    errors: list[ExtractionError] = []
    docs = list(linernotes.extract_many([(GOOD, "a.txt"), (long, "long.txt"), (OTHER, "b.txt")], batch_size=1,
                                        n_process=2, errors=errors))
    assert [d.doc for d in docs] == ["a.txt", "b.txt"]
    assert [str(e)[:16] for e in errors] == ["[E008] long.txt:"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_component_raising_costs_only_its_document_as_e012(misbehaving_checker, n_process):
    texts = [(GOOD, "good.txt"), ("Aidar Bekov plays boom box.", "bug.txt"), (OTHER, "other.txt"), (THIRD, "third.txt")]
    errors: list[ExtractionError] = []
    docs = list(linernotes.extract_many(texts, batch_size=2, n_process=n_process, errors=errors))
    assert [d.doc for d in docs] == ["good.txt", "other.txt", "third.txt"]
    assert [str(e) for e in errors] == ["[E012] bug.txt: extraction failed with ValueError: boom; the document was "
                                        "skipped. This is a bug in linernotes: please report it with the text."]


@pytest.mark.parametrize("batch_size", [1, 3])
def test_a_killed_worker_costs_only_the_document_that_killed_it(misbehaving_checker, batch_size):
    """The chunk the worker was on is done again one document at a time; the chunks it had not
    started go to the other workers; only the document that kills its worker again is lost."""
    texts = [(GOOD, "a.txt"), ("Dias Amanov met a sudden death.", "dies.txt"), (OTHER, "b.txt"), (THIRD, "c.txt"),
             (GOOD, "d.txt"), (OTHER, "e.txt"), (THIRD, "f.txt")]
    errors: list[ExtractionError] = []
    started = time.monotonic()
    docs = list(linernotes.extract_many(texts, batch_size=batch_size, n_process=2, errors=errors))
    assert time.monotonic() - started < 60
    assert [d.doc for d in docs] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    assert [str(e) for e in errors] == [
        "[E011] dies.txt: the worker process extracting it stopped before it was done (killed by signal SIGKILL); "
        "the document was skipped. If it happens again with this file alone, please report the text."]
    assert multiprocessing.active_children() == []


def test_a_stuck_worker_is_stopped_after_its_allowance(misbehaving_checker, monkeypatch):
    monkeypatch.setattr(workers, "GRACE", 1.0)
    texts = [(GOOD, "a.txt"), ("Erlan Sadykov is stuck.", "stuck.txt"), (OTHER, "b.txt"), (THIRD, "c.txt")]
    errors: list[ExtractionError] = []
    started = time.monotonic()
    docs = list(linernotes.extract_many(texts, batch_size=1, n_process=2, time_budget=0.5, errors=errors))
    assert time.monotonic() - started < 30  # the sleep is 120 s
    assert [d.doc for d in docs] == ["a.txt", "b.txt", "c.txt"]
    assert [str(e)[:100] for e in errors] == [
        "[E011] stuck.txt: the worker process extracting it stopped before it was done (no answer within 2.5 s"[:100]]


def test_the_input_is_read_lazily_a_few_chunks_ahead(nlp):
    pulled = []

    def texts():
        for text, name in generated(60):
            pulled.append(name)
            yield text, name

    stream = linernotes.extract_many(texts(), batch_size=2, n_process=2)
    first = next(stream)
    assert first.doc == "gen-000.txt"
    assert len(pulled) <= workers.DEPTH * 2 * 2 + 2  # chunks out, plus the one being filled
    stream.close()  # a consumer that stops early: the workers are stopped, none is left behind
    assert multiprocessing.active_children() == []


def test_input_that_fits_in_one_chunk_starts_no_process(nlp, monkeypatch):
    def no_worker(*args, **kwargs):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(workers, "_Worker", no_worker)
    assert [d.doc for d in linernotes.extract_many([(GOOD, "a.txt"), (OTHER, "b.txt")], n_process=2)] == ["a.txt", "b.txt"]


@pytest.fixture()
def corpus(tmp_path):
    """40 biographies (more than one chunk of the commands' 32) and two unreadable files among them."""
    documents = {name: text for text, name in examples() + generated(25)}
    folder = write_corpus(tmp_path / "bios", documents)
    (folder / "gen-empty.txt").write_text("", encoding="utf-8")
    (folder / "gen-binary.txt").write_bytes(b"\x00\x01\x02binary")
    return folder


@pytest.mark.parametrize("command", ["extract", "check"])
def test_cli_one_and_two_workers_print_the_same(corpus, command):
    runs = [CliRunner().invoke(app, [command, str(corpus), "--format", "jsonl", "--workers", n]) for n in ("1", "2")]
    assert [r.exit_code for r in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count('"doc"') == 40
    assert sorted(runs[0].stderr.splitlines()) == sorted(runs[1].stderr.splitlines())
    stderr = "".join(runs[1].stderr.split())  # the console wraps long lines, even inside a path
    assert f"[E001]{corpus / 'gen-empty.txt'}:" in stderr and f"[E002]{corpus / 'gen-binary.txt'}:" in stderr
    assert "2of42documentsfailed" in stderr


def test_extract_paths_with_workers_counts_and_names_errors(corpus):
    results = []
    for count in (1, 2):
        result = BatchResult()
        documents = as_dicts(extract_paths([str(corpus)], result, workers=count))
        results.append((documents, result.documents, sorted(result.errors)))
    assert results[0] == results[1] and results[0][1] == 40 and len(results[0][2]) == 2


def test_ingest_with_two_workers_stores_what_one_does(corpus, tmp_path):
    from linernotes.store import Store

    exported = []
    for count in (1, 2):
        store = Store.open(str(tmp_path / f"kb{count}.db"))
        try:
            report = ingest(store, [str(corpus)], workers=count)
            assert (report.added, report.failed) == (40, 2)
            out = io.StringIO()
            export(store, "csv", out)
            exported.append(out.getvalue())
        finally:
            store.close()
    assert exported[0] == exported[1] and exported[0].count("\n") > 100


def test_cli_ingest_takes_workers(corpus, tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "kb.db"), "--workers", "2", "--json"])
    assert result.exit_code == 1  # the two unreadable files
    assert '"added": 40' in result.stdout and '"failed": 2' in result.stdout


def test_workers_do_not_outlive_a_killed_parent(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, os, signal\n"
        "import linernotes\n"
        f"texts = [({GOOD!r}, f'd{{i}}.txt') for i in range(40)]\n"
        "stream = linernotes.extract_many(texts, batch_size=2, n_process=2)\n"
        "next(stream)\n"
        "print(' '.join(str(p.pid) for p in multiprocessing.active_children()), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
    children = [int(pid) for pid in done.stdout.split()]
    assert done.returncode == -signal.SIGKILL and len(children) == 2
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in children):
        time.sleep(0.2)
    assert not any(os.path.exists(f"/proc/{pid}") for pid in children)
