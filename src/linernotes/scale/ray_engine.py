"""Extraction and ingest on a Ray cluster (Ray Data): an actor pool, one loaded pipeline per actor.

The driver lists the files (a folder or a list of paths, as ``linernotes extract`` does) and makes
a dataset of their paths; ``map_batches`` sends batches to ``Extractor`` actors, which read each
file (the files must be on storage every node sees), extract it under the time budget and return
plain rows: the document as a lossless JSON record (``records.py``), or the catalogued error naming
the file (unreadable: E001-E009; over the budget: E007; too long: E008). A bad file is one error
row; the rest goes on. The driver writes the documents, in input order, to shards or a stream.

Ingest adds ``Writer`` actors (``writers`` of them, each with its own connection) that store the
extracted documents into one knowledge base at the same time (safe: see ``store/locks.py``);
cross-document resolution then runs once, on the driver, after all the writes
(``kb.resolve.resolve_pending``).
"""
from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from ..api import DEFAULT_TIME_BUDGET, extract_sources
from ..errors import EngineError, Errors, ExtractionError, InputError
from ..reader import DEFAULT_MAX_BYTES, expand_paths, read_source
from .records import from_record, to_record
from .shards import ShardWriter

#: Files per batch sent to an actor: enough for the parser's batching, small enough to spread a
#: few hundred documents over the pool.
BATCH_SIZE = 16
COLUMNS = ("doc", "record", "error", "warnings", "status", "meta")  # meta: the reader's metadata as JSON (a PDF's pages)


class RayMissing(EngineError):
    """Ray is not installed (E045): ``pip install 'linernotes[ray]'``."""


@dataclass
class RayResult:
    """What a cluster run did: documents extracted, errors and warnings by file, shards written."""

    documents: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shards: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data is the part of ray[data] used here)
    except ImportError as error:
        raise RayMissing(Errors.E045) from error
    return ray


class _Cluster:
    """Connect to the cluster at ``address`` (None: start a local one), unless this process already
    is connected (a test's cluster, a notebook's); disconnect at the end only if we connected."""

    def __init__(self, address: Optional[str]) -> None:
        self.ray = _import_ray()
        self.address = address
        self.started = False

    def __enter__(self):
        if not self.ray.is_initialized():
            try:
                self.ray.init(address=self.address, include_dashboard=False, logging_level="WARNING",
                              log_to_driver=False)
            except (ConnectionError, ValueError, RuntimeError) as error:
                raise EngineError(Errors.E046.format(address=self.address or "local", why=error)) from error
            self.started = True
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-run INFO lines on stderr beside our errors
        context = self.ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # shards in input order, as a one-process run
        context.enable_progress_bars = False
        return self.ray

    def __exit__(self, *_) -> None:
        if self.started:
            self.ray.shutdown()


class Extractor:
    """A Ray actor: loads the pipeline once, then reads and extracts batches of files.

    With ``db``, a file whose text the knowledge base already holds (same name and text, or the same
    text under another name) is skipped before extraction, as ``linernotes ingest`` does."""

    def __init__(self, cwd: str, max_bytes: int, time_budget: Optional[float], min_confidence: Optional[float],
                 db: Optional[str] = None) -> None:
        from ..pipeline import shared_pipeline

        if os.path.isdir(cwd):  # relative paths mean what they meant to the driver, and name files alike
            os.chdir(cwd)
        shared_pipeline()
        self.max_bytes, self.time_budget, self.min_confidence = max_bytes, time_budget, min_confidence
        self.store = None
        if db:
            from ..store import Store

            self.store = Store.open(db)

    def __call__(self, batch: dict) -> dict:
        rows: dict[str, list] = {name: [] for name in COLUMNS}

        def emit(doc: str = "", record: str = "", error: str = "", warnings: Iterable[str] = (), status: str = "",
                 meta: dict | None = None) -> None:
            values = (doc, record, error, "\n".join(warnings), status, json.dumps(meta) if meta else "")
            for name, value in zip(COLUMNS, values):
                rows[name].append(value)

        sources = []
        for path in batch["path"]:
            try:
                source = read_source(str(path), self.max_bytes)
            except InputError as error:  # E001-E009, and E008 for a text too long to parse
                emit(error=str(error))
                continue
            if self.store is not None and self._already_stored(source, emit):
                continue
            sources.append(source)
        warnings = {source.doc: source.warnings for source in sources}
        metas = {source.doc: source.meta for source in sources if source.meta}
        over: list[ExtractionError] = []
        for document in extract_sources(sources, len(sources) or 1, self.time_budget, over.append, self.min_confidence):
            emit(doc=document.doc, record=to_record(document), warnings=warnings.pop(document.doc, ()),
                 meta=metas.pop(document.doc, None))
        for error in over:  # E007: over the time budget
            emit(error=str(error))
        return rows

    def _already_stored(self, source, emit: Callable) -> bool:
        from ..kb.ingest import IngestReport, _already_stored

        report, seen = IngestReport(), []
        if not _already_stored(self.store, source.doc, source.text, report, lambda what, name: seen.append(what)):
            return False
        emit(doc=source.doc, status=seen[0], error="\n".join(report.duplicates), warnings=source.warnings)
        return True


class Writer:
    """A Ray actor with its own connection to the knowledge base: stores extracted documents beside
    the other writers; passes error rows and skipped files through as outcomes."""

    def __init__(self, db: str, batch_size: int) -> None:
        from ..store import Store

        self.store = Store.open(db)
        self.batch_size = batch_size

    def __call__(self, batch: dict) -> dict:
        from ..kb.ingest import IngestReport, NewDocument, ingest_documents, sha256

        rows: dict[str, list] = {"doc": [], "outcome": [], "message": [], "warnings": []}
        documents = []
        for doc, record, error, warnings, status, meta in zip(*(batch[name] for name in COLUMNS)):
            if record:
                document = from_record(str(record))
                documents.append(NewDocument(document.doc, sha256(document.text), document.text, document,
                                             json.loads(str(meta)) if meta else None))
                rows["warnings"].append(str(warnings))
                continue
            rows["doc"].append(str(doc))
            rows["outcome"].append(str(status) or "failed")
            rows["message"].append(str(error))
            rows["warnings"].append(str(warnings))
        report = IngestReport()
        outcomes: list[tuple[str, str]] = []
        ingest_documents(self.store, documents, self.batch_size, report, lambda what, name: outcomes.append((what, name)),
                         resolve_each_batch=False)
        duplicates = iter(report.duplicates)
        for what, name in outcomes:
            rows["doc"].append(name)
            rows["outcome"].append(what)
            rows["message"].append(next(duplicates) if what == "duplicate" else "")
        rows["warnings"].extend([""] * (len(rows["doc"]) - len(rows["warnings"])))
        return rows


def _paths_dataset(ray, paths: Iterable[str], errors: list[str]):
    files = []
    for path in expand_paths(paths):
        if isinstance(path, InputError):  # a missing path, an empty folder: reported by the driver
            errors.append(str(path))
        else:
            files.append({"path": path})
    if not files:
        return None
    return ray.data.from_items(files, override_num_blocks=max(1, -(-len(files) // BATCH_SIZE)))


def _extracted(ray, paths: Iterable[str], result: RayResult, actors: int, max_bytes: int,
               time_budget: Optional[float], min_confidence: Optional[float], db: Optional[str] = None):
    dataset = _paths_dataset(ray, paths, result.errors)
    if dataset is None:
        return None
    return dataset.map_batches(
        Extractor, batch_size=BATCH_SIZE, compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1,
        fn_constructor_kwargs={"cwd": os.getcwd(), "max_bytes": max_bytes, "time_budget": time_budget,
                               "min_confidence": min_confidence, "db": db})


def iter_with_ray(paths: Iterable[str], result: RayResult | None = None, address: Optional[str] = None,
                  actors: int = 2, max_bytes: int = DEFAULT_MAX_BYTES, time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
                  min_confidence: Optional[float] = None) -> Iterator[dict]:
    """Documents (``Document.to_dict()``) extracted on the cluster, in input order; errors and
    warnings by file are collected in ``result``."""
    result = result if result is not None else RayResult()
    started = time.perf_counter()
    with _Cluster(address) as ray:
        dataset = _extracted(ray, paths, result, actors, max_bytes, time_budget, min_confidence)
        for row in dataset.iter_rows() if dataset is not None else ():
            if row["warnings"]:
                result.warnings.extend(row["warnings"].split("\n"))
            if row["error"]:
                result.errors.append(row["error"])
                continue
            result.documents += 1
            yield from_record(row["record"]).to_dict()
    result.seconds = time.perf_counter() - started


def extract_with_ray(paths: Iterable[str], out_dir: str, address: Optional[str] = None, actors: int = 2,
                     fmt: str = "jsonl", shard_size: int = 1000, max_bytes: int = DEFAULT_MAX_BYTES,
                     time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
                     min_confidence: Optional[float] = None) -> RayResult:
    """Extract the biographies under ``paths`` on a Ray cluster into shards in ``out_dir``.

    paths: files and folders (on storage every node of the cluster sees).
    out_dir: where ``part-00000.jsonl`` (or ``.parquet``), ... are written, ``shard_size`` documents each.
    address: the cluster (``ray://host:10001``, ``host:6379``, ``auto``); None starts a local one.
    actors: extraction actors, each with one loaded pipeline and one CPU.
    fmt: ``jsonl`` (lines as ``linernotes extract --format jsonl`` prints them) or ``parquet``.
    Returns a :class:`RayResult`; a file that cannot be read or extracted is in ``errors``, named.
    """
    writer = ShardWriter(out_dir, fmt, shard_size)
    result = RayResult()
    for document in iter_with_ray(paths, result, address, actors, max_bytes, time_budget, min_confidence):
        writer.add(document)
    result.shards = writer.close()
    return result


def ingest_with_ray(store, paths: Iterable[str], address: Optional[str] = None, actors: int = 2, writers: int = 2,
                    batch_size: int = 20, max_bytes: int = DEFAULT_MAX_BYTES,
                    time_budget: Optional[float] = DEFAULT_TIME_BUDGET, min_confidence: Optional[float] = None,
                    progress: Optional[Callable[[str, str], None]] = None):
    """``kb.ingest.ingest`` on a Ray cluster: ``actors`` extract, ``writers`` store at the same time
    (each its own connection to ``store.url``, which every node must reach), then resolution runs
    once. Returns an :class:`~linernotes.kb.ingest.IngestReport`."""
    from ..kb.ingest import IngestReport
    from ..kb.resolve import resolve_pending

    report = IngestReport()
    notify = progress or (lambda what, name: None)
    started = time.perf_counter()
    result = RayResult()
    with _Cluster(address) as ray:
        dataset = _extracted(ray, paths, result, actors, max_bytes, time_budget, min_confidence, db=store.url)
        if dataset is not None:
            # Writers wait on the database more than they compute: no CPU reserved, so they run beside the extractors.
            stored = dataset.map_batches(Writer, batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=writers),
                                         num_cpus=0, fn_constructor_kwargs={"db": store.url, "batch_size": batch_size})
            for row in stored.iter_rows():
                _count(report, row, notify)
    report.errors[:0] = result.errors
    resolve_pending(store)
    with store.reading() as tx:
        report.totals = tx.counts()
    report.seconds = time.perf_counter() - started
    return report


def _count(report, row: dict, notify: Callable[[str, str], None]) -> None:
    if row["warnings"]:
        report.warnings.extend(row["warnings"].split("\n"))
    what = row["outcome"]
    if what == "failed":
        report.errors.append(row["message"])
        notify("failed", row["message"])
        return
    if what == "duplicate":
        report.duplicates.append(row["message"])
    else:
        setattr(report, what, getattr(report, what) + 1)
    notify(what, row["doc"])
