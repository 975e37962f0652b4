"""Ingest: idempotent, a changed document replaces only its own rows, resumable after a crash, errors reported."""
from __future__ import annotations

import uuid

import pytest

from linernotes.kb.ingest import ingest
from linernotes.store.writes import Writes

from ..conftest import write_corpus
from .corpus import CORPUS, IVAN_A


def snapshot(store) -> dict:
    with store.reading() as tx:
        counts = tx.counts()
        facts = sorted((f["person"], f["relation"], f["value"], f["document"]) for f in tx.iter_facts())
    return {"counts": counts, "facts": facts}


def test_ingesting_twice_changes_nothing(store, tmp_path):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    first = ingest(store, [str(corpus)])
    assert first.added == 4 and first.failed == 0
    before = snapshot(store)
    second = ingest(store, [str(corpus)])
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 4)
    assert snapshot(store) == before


def test_changed_document_replaces_its_own_facts_only(store, tmp_path):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    ingest(store, [str(corpus)])
    (corpus / "vivaan.txt").write_text("Vivaan Imankulov is a dombra player from Karakol, Kyrgyzstan.", encoding="utf-8")
    report = ingest(store, [str(corpus)])
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 3)
    with store.reading() as tx:
        vivaan = {(f["relation"], f["value"]) for f in tx.iter_facts() if f["document"] == "vivaan.txt"}
        others = [f for f in tx.iter_facts() if f["document"] == "ivan_a.txt"]
        assert tx.counts()["documents"] == 4
    assert ("instrument", "dombra") in vivaan and ("instrument", "accordion") not in vivaan
    assert others, "the other documents keep their facts"


def test_same_text_under_another_name_is_a_duplicate(store, tmp_path):
    corpus = write_corpus(tmp_path / "bios", {"one.txt": IVAN_A, "copy.txt": IVAN_A})
    report = ingest(store, [str(corpus)])
    assert report.added == 1 and len(report.duplicates) == 1
    assert "same text as" in report.duplicates[0]


def test_crash_mid_batch_loses_nothing_and_doubles_nothing(store, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    real = Writes.add_documents
    calls = {"n": 0}

    def crash_on_second_batch(self, items, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real(self, items, *args, **kwargs)

    monkeypatch.setattr(Writes, "add_documents", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        ingest(store, [str(corpus)], batch_size=2)
    with store.reading() as tx:
        assert tx.counts()["documents"] == 2  # the first batch committed, the second rolled back whole
    monkeypatch.setattr(Writes, "add_documents", real)
    resumed = ingest(store, [str(corpus)], batch_size=2)
    assert (resumed.added, resumed.unchanged) == (2, 2)

    clean_store_path = tmp_path / "clean.db"
    from linernotes.store import Store
    clean = Store.open(str(clean_store_path))
    ingest(clean, [str(corpus)], batch_size=2)
    assert snapshot(store)["facts"] == snapshot(clean)["facts"]
    assert snapshot(store)["counts"] == snapshot(clean)["counts"]


def test_bad_files_are_reported_and_the_rest_ingested(store, tmp_path):
    corpus = write_corpus(tmp_path / "bios", {"good.txt": IVAN_A})
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (corpus / "cp1251.txt").write_bytes("Асель Жумабекова is a dombra player from Taraz.".encode("cp1251"))
    report = ingest(store, [str(corpus), str(tmp_path / "missing.txt")])
    assert report.added == 2
    codes = sorted(e.split("]")[0].lstrip("[") for e in report.errors)
    assert codes == ["E001", "E002", "E005"]
    assert any("W001" in w for w in report.warnings)


def test_progress_reports_every_document(store, tmp_path):
    corpus = write_corpus(tmp_path / "bios", CORPUS)
    (corpus / "empty.txt").write_bytes(b"")
    seen = []
    ingest(store, [str(corpus)], progress=lambda what, name: seen.append(what))
    assert sorted(seen) == ["added"] * 4 + ["failed"]


def test_stored_texts_are_not_kept_by_the_fold_memo(store):
    """Issue 16: the word index folded each stored document's whole text through ``fold``'s memo,
    which kept every text (and its folded copy) alive: an ingest of 10,000 rows grew by all of
    them. Stored and findable by a word as before, and the memo is as it was."""
    from linernotes.kb.ingest import document_from_text, ingest_documents
    from linernotes.kb.query import search
    from linernotes.model import Document
    from linernotes.reference import fold

    run = uuid.uuid4().hex  # texts this process has not folded yet (the test runs once per database)
    texts = {f"row-{n}.txt": f"Record {n} {run}: Ärman Qairatuly{n} played the dombra in Almaty. " * 20 for n in range(20)}
    fold.cache_clear()  # a full memo would keep its size whatever the ingest did
    before = fold.cache_info().currsize
    report = ingest_documents(store, [document_from_text(name, text, Document(doc=name, text=text))
                                      for name, text in texts.items()])
    assert report.added == len(texts)
    assert fold.cache_info().currsize == before
    assert [hit.document for hit in search(store, "qairatuly7")] == ["row-7.txt"]
