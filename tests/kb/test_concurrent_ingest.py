"""Two ingests of the same files into one knowledge base at once: both finish, the result is one ingest's."""
from __future__ import annotations

import multiprocessing
import traceback

import pytest

from linernotes.kb.ingest import ingest
from linernotes.store import Store

from ..conftest import EXAMPLES, _empty_postgres

FILES = [str(p) for p in sorted((EXAMPLES / "bios").glob("*.txt"))[:10]]
ROUNDS = 4


def snapshot(url: str) -> dict:
    store = Store.open(url)
    try:
        with store.reading() as tx:
            counts = tx.counts()
            facts = sorted((f["person"], f["relation"], f["value"], f["document"]) for f in tx.iter_facts())
    finally:
        store.close()
    return {"counts": counts, "facts": facts}


def _ingest_in_child(url: str, start, results) -> None:
    """One writer: waits for the other, then ingests the same files with small batches (many commits)."""
    try:
        start.wait(timeout=60)
        store = Store.open(url)
        try:
            report = ingest(store, FILES, batch_size=2)
        finally:
            store.close()
        results.put(("ok", report.errors, report.added + report.unchanged))
    except BaseException:  # the traceback is the test's failure message
        results.put(("error", traceback.format_exc(), 0))


def ingest_twice_at_once(url: str) -> list[tuple]:
    context = multiprocessing.get_context("fork")  # the children inherit the loaded model
    start, results = context.Barrier(2), context.Queue()
    children = [context.Process(target=_ingest_in_child, args=(url, start, results)) for _ in range(2)]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=300) for _ in children]
    for child in children:
        child.join(timeout=60)
    return outcomes


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_ingests_at_once_equal_one(db_url, tmp_path, nlp):
    postgres = db_url.startswith("postgres")

    def fresh(round_: int) -> str:  # an empty knowledge base, not yet created
        if postgres:
            _empty_postgres(db_url)
            return db_url
        return str(tmp_path / f"kb{round_}.db")

    once = fresh(0)
    store = Store.open(once)
    report = ingest(store, FILES)
    store.close()
    assert report.added == len(FILES) and not report.errors
    expected = snapshot(once)
    for round_ in range(1, ROUNDS + 1):
        url = fresh(round_)
        if round_ % 2 == 0:  # half the rounds race on creating the schema too, half on a created one
            Store.open(url).close()
        for status, errors, handled in ingest_twice_at_once(url):
            assert status == "ok", errors
            assert errors == [] and handled == len(FILES)
        assert snapshot(url) == expected, f"round {round_}"
