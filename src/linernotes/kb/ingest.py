"""Ingest: read files, extract, store, resolve, batch by batch.

- Idempotent: a document already stored with the same text is skipped before extraction; a
  document whose text changed replaces its own rows (and only those).
- Transactional per batch: a batch's documents and facts commit together; then cross-document
  resolution (``resolve.resolve_pending``) puts their people into profiles, in its own transaction.
- Resumable: after a crash, the committed batches are kept and the next run skips them (and
  resolves what was left unresolved), so nothing is lost or stored twice.
- Several writers at once: documents are claimed by name and text (``ON CONFLICT DO NOTHING``),
  entities are upserts, and resolution takes turns, so the result equals one ingest's.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..api import DEFAULT_TIME_BUDGET, extract, extract_sources
from ..errors import Errors, ExtractionError, InputError
from ..model import Document
from ..reader import DEFAULT_MAX_BYTES, Rows, Source, read_sources
from ..store import Store
from ..store.writes import NewDocument
from .resolve import resolve_pending

#: Largest biography ``ingest_text`` accepts (characters): what an upload over HTTP may hold.
MAX_TEXT_CHARS = 200_000

#: Called after each document with what happened to it: "added", "replaced", "unchanged", "duplicate" or "failed".
Progress = Callable[[str, str], None]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class IngestReport:
    """What an ingest run did, document by document, and the knowledge base's size after it."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of a type not read (W010): listed, not failures
    totals: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> dict:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "duplicates": len(self.duplicates), "failed": self.failed, "seconds": round(self.seconds, 2),
                **{f"total_{k}": v for k, v in self.totals.items()}}


def ingest(store: Store, paths: Iterable[str], batch_size: int = 20, max_bytes: int = DEFAULT_MAX_BYTES,
           progress: Progress | None = None, time_budget: float | None = DEFAULT_TIME_BUDGET,
           min_confidence: float | None = None, workers: int = 1, rows: Rows | None = None) -> IngestReport:
    """Read, extract and store the biographies under ``paths``, then the rows of ``rows`` (a CSV or
    JSON Lines file of one biography a row, streamed); unreadable files and rows, and those whose
    extraction runs past ``time_budget`` seconds (E007), are reported by name and not stored.
    Facts below ``min_confidence`` are not stored (None: the confidence model's threshold).
    ``workers`` processes extract (1: this one); this process alone writes to the store."""
    report = IngestReport()
    started = time.perf_counter()
    notify = progress or (lambda what, name: None)
    seen: dict[str, str] = {}  # digest -> name, for copies within this run
    # name -> metadata of documents on their way through extraction (a PDF's pages, a row's URL):
    # taken back out as each comes out, so it holds only the documents in flight.
    metas: dict[str, dict] = {}

    def fresh_sources() -> Iterator[Source]:
        for item in read_sources(paths, max_bytes, rows=rows, skipped=report.skipped):
            if isinstance(item, InputError):
                report.errors.append(str(item))
                notify("failed", str(item))
                continue
            assert isinstance(item, Source)
            report.warnings.extend(item.warnings)
            digest = sha256(item.text)
            if seen.get(digest, item.doc) != item.doc:
                report.duplicates.append(f"{item.doc}: same text as {seen[digest]}, already read; skipped")
                notify("duplicate", item.doc)
                continue
            seen[digest] = item.doc
            if _already_stored(store, item.doc, item.text, report, notify):
                continue
            if item.meta:
                metas[item.doc] = item.meta
            yield item

    def failed(error: ExtractionError) -> None:  # over the time budget: reported, not stored
        report.errors.append(str(error))
        notify("failed", str(error))

    extracted = extract_sources(fresh_sources(), batch_size=8, time_budget=time_budget, on_error=failed,
                                min_confidence=min_confidence, workers=workers)
    documents = (NewDocument(d.doc, sha256(d.text), d.text, d, metas.pop(d.doc, None)) for d in extracted)
    ingest_documents(store, documents, batch_size, report, notify)
    report.seconds = time.perf_counter() - started
    return report


def _already_stored(store: Store, name: str, text: str, report: IngestReport, notify: Progress) -> bool:
    digest = sha256(text)
    with store.reading() as tx:
        same_name = tx.document_by_name(name)
        if same_name and same_name["sha256"] == digest:
            report.unchanged += 1
            notify("unchanged", name)
            return True
        twin = None if same_name else tx.document_by_sha(digest)
    if twin:
        report.duplicates.append(f"{name}: same text as {twin['name']}, already stored; skipped")
        notify("duplicate", name)
        return True
    return False


def ingest_documents(store: Store, documents: Iterable[NewDocument], batch_size: int = 20,
                     report: IngestReport | None = None, progress: Progress | None = None,
                     resolve_each_batch: bool = True) -> IngestReport:
    """Store already-extracted documents, one transaction per batch of ``batch_size``, beside any
    other writers. Cross-document resolution runs after each batch's commit (``resolve_pending``),
    or, with ``resolve_each_batch=False``, is left to the caller to run once after all the writes."""
    report = report if report is not None else IngestReport()
    notify = progress or (lambda what, name: None)
    batch: list[NewDocument] = []
    for item in documents:
        batch.append(item)
        if len(batch) >= batch_size:
            _commit(store, batch, report, notify, resolve_each_batch)
            batch = []
    if batch:
        _commit(store, batch, report, notify, resolve_each_batch)
    with store.reading() as tx:
        report.totals = tx.counts()
    return report


def _commit(store: Store, batch: list[NewDocument], report: IngestReport, notify: Progress, resolve_after: bool) -> None:
    outcomes = []
    with store.writing() as tx:
        keep, replacing, affected = [], set(), set()
        for item in sorted(batch, key=lambda d: d.name):  # names in order: two writers never wait in a cycle
            old = tx.document_by_name(item.name)
            if old and old["sha256"] == item.sha256:
                outcomes.append(("unchanged", item.name))
                continue
            if old:
                affected |= tx.delete_document(old["id"])
                replacing.add(item.name)
            keep.append(item)
        tx.mark_stale(affected)  # their profiles are resolved again with the new local people
        stored = tx.add_documents(keep, replacing=replacing)
        for item in keep:
            holder = stored.lost.get(item.name)
            if holder is None:
                outcomes.append(("replaced" if item.name in replacing else "added", item.name))
            elif holder == item.name:  # another writer stored this name meanwhile
                outcomes.append(("unchanged", item.name))
            else:
                outcomes.append(("duplicate", item.name, f"{item.name}: same text as {holder}, already stored; skipped"))
    # Counted only once the transaction has committed: a crash above leaves the report untouched.
    for what, name, *message in outcomes:
        if what == "duplicate":
            report.duplicates.extend(message)
        else:
            setattr(report, what, getattr(report, what) + 1)
        notify(what, name)
    if resolve_after:
        resolve_pending(store)


def document_from_text(name: str, text: str, extracted: Document, meta: dict | None = None) -> NewDocument:
    """A stored document for text extracted elsewhere (``extract``), e.g. one uploaded over HTTP."""
    return NewDocument(name, sha256(text), text, extracted, meta)


def ingest_text(store: Store, name: str, text: str, max_chars: int = MAX_TEXT_CHARS,
                time_budget: float | None = DEFAULT_TIME_BUDGET, min_confidence: float | None = None,
                meta: dict | None = None) -> tuple[str, IngestReport]:
    """Extract and store one biography given as text (an upload), with the metadata its reader gave
    (an uploaded PDF's pages). The name is a label, never a path: returns the name it is stored under, and the report. Past ``time_budget`` seconds nothing is
    stored and :class:`~linernotes.errors.ExtractionError` (E007) is raised."""
    name = name.strip().replace("/", "_").replace("\\", "_")[:200] or "upload.txt"
    if len(text) > max_chars:
        raise InputError(Errors.E033.format(size=len(text), limit=max_chars))
    if not text.strip():
        raise InputError(Errors.E001.format(path=name))
    extracted = extract(text, name, time_budget, min_confidence)
    return name, ingest_documents(store, [document_from_text(name, text, extracted, meta)])
