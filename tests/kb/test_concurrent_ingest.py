"""Two ingests of the same files into one knowledge base at once: both finish, the result is one ingest's."""
from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path

import pytest

from linernotes.kb.ingest import ingest
from linernotes.store import Store

from ..conftest import EXAMPLES, REPO, _empty_postgres, write_corpus
from .snapshot import snapshot as rows_of

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


def _ingest_in_child(url: str, start, results, files: list[str] = FILES, batch_size: int = 2) -> None:
    """One writer: waits for the other, then ingests its files with small batches (many commits)."""
    try:
        start.wait(timeout=60)
        store = Store.open(url)
        try:
            report = ingest(store, files, batch_size=batch_size)
        finally:
            store.close()
        results.put(("ok", report.errors, report.added + report.unchanged, report.duplicates))
    except BaseException:  # the traceback is the test's failure message
        results.put(("error", traceback.format_exc(), 0, []))


def ingest_twice_at_once(url: str, files: tuple[list[str], list[str]] = (FILES, FILES), batch_size: int = 2) -> list[tuple]:
    context = multiprocessing.get_context("fork")  # the children inherit the loaded model
    start, results = context.Barrier(2), context.Queue()
    children = [context.Process(target=_ingest_in_child, args=(url, start, results, mine, batch_size))
                for mine in files]
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
        for status, errors, handled, _ in ingest_twice_at_once(url):
            assert status == "ok", errors
            assert errors == [] and handled == len(FILES)
        assert snapshot(url) == expected, f"round {round_}"


#: Two writers' overlapping shares of 39 biographies: each writes 26, 13 of them both.
ALL = [str(p) for p in sorted((EXAMPLES / "bios").glob("*.txt")) + sorted((REPO / "eval" / "frozen" / "docs").glob("*.txt"))]
SHARES = (ALL[:26], ALL[13:])


def _fresh(db_url: str, tmp_path, name: str) -> str:
    if db_url.startswith("postgres"):
        _empty_postgres(db_url)
        return db_url
    return str(tmp_path / f"{name}.db")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_overlapping_ingests_at_once_lose_and_double_nothing(db_url, tmp_path, nlp):
    """Every row (documents, people and their members, facts, entities, checks, claims) of two
    concurrent ingests of overlapping sets equals a single ingest of their union."""
    once = _fresh(db_url, tmp_path, "once")
    store = Store.open(once)
    report = ingest(store, ALL, batch_size=3)
    store.close()
    assert report.added == len(ALL) and not report.errors
    expected = rows_of(once)
    assert expected["counts"]["documents"] == len(ALL) and not expected["unresolved"] and expected["stale"] == 0
    for round_ in range(2):
        url = _fresh(db_url, tmp_path, f"twice{round_}")
        outcomes = ingest_twice_at_once(url, SHARES, batch_size=3)
        for (status, errors, handled, duplicates), share in zip(outcomes, SHARES):
            assert status == "ok", errors
            assert errors == [] and duplicates == [] and handled == len(share)
        got = rows_of(url)
        for part in expected:  # part by part, so a failure says which rows differ
            assert got[part] == expected[part], f"round {round_}: {part}"


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_copies_under_two_names_at_once_are_stored_once(db_url, tmp_path, nlp):
    """One text given to two writers under different names at the same moment is stored once, the
    other writer told it is a copy: the claim on the text's digest decides."""
    texts = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in ALL[:8]}
    left = write_corpus(tmp_path / "left", {f"a-{name}": text for name, text in texts.items()})
    right = write_corpus(tmp_path / "right", {f"b-{name}": text for name, text in texts.items()})
    url = _fresh(db_url, tmp_path, "copies")
    outcomes = ingest_twice_at_once(url, ([str(left)], [str(right)]), batch_size=2)
    assert all(status == "ok" for status, *_ in outcomes), outcomes
    stored = sum(handled for _, _, handled, _ in outcomes)
    copies = sum(len(duplicates) for *_, duplicates in outcomes)
    assert (stored, copies) == (len(texts), len(texts))
    rows = rows_of(url)
    assert rows["counts"]["documents"] == len(texts)
    assert sorted(name.split("-", 1)[1] for name, _, _ in rows["documents"]) == sorted(texts)
    assert len(rows["claims"]) == len(texts) and not rows["unresolved"]
