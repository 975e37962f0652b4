"""The library API: ``extract`` one text, ``extract_many`` a stream, ``extract_paths`` files.

Every document gets a time budget (``time_budget`` seconds, 60 by default; a normal biography
takes a twentieth of a second). A document that runs past it is skipped and reported as E007,
and the rest of the batch goes on. How the budget is enforced is described at ``_Budget``.

Every fact has a confidence, the probability that it is right; facts below ``min_confidence``
are left out (None: the threshold the shipped confidence model was tuned to, see the README).

``extract_many(n_process=N)``, ``extract_paths(workers=N)`` and ``extract_sources(workers=N)``
share the work among N processes (:mod:`linernotes.workers`); the documents, their order and the
errors are those of one process.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors, ExtractionError, InputError
from .model import Document
from .pipeline import shared_pipeline, to_document
from .pipeline.confidence import default_min_confidence
from .reader import DEFAULT_MAX_BYTES, Rows, Source, read_sources

#: Seconds one document may take. No real biography comes near it: the budget is there to turn
#: a runaway rule (an endless loop, a cost growing with the square of the text) into one E007
#: naming the file instead of a batch that never ends.
DEFAULT_TIME_BUDGET = 60.0


def extract(text: str, doc_id: str = "text", time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
            min_confidence: Optional[float] = None) -> Document:
    """Read one biography and return its people, facts, mentions and checks.

    text (str): the biography.
    doc_id (str): the name the result carries in its ``doc`` field.
    time_budget (float | None): seconds the extraction may take (None: no limit).
    min_confidence (float | None): leave out facts less likely than this to be right (None: the model's threshold).
    Raises :class:`~linernotes.errors.ExtractionError` (E007) past the budget, or (E008) for a
    text longer than the parser takes.
    """
    errors: list[ExtractionError] = []
    for document in _extract_stream([(text, doc_id, doc_id)], shared_pipeline(), 1, time_budget, errors.append,
                                    _threshold(min_confidence)):
        return document
    raise errors[0]


def extract_many(items: Iterable[tuple[str, str] | str], batch_size: int = 64, n_process: int = 1,
                 time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
                 errors: Optional[List[ExtractionError]] = None, min_confidence: Optional[float] = None) -> Iterator[Document]:
    """Stream documents through one loaded pipeline; items are ``(text, doc_id)`` pairs or texts.

    ``n_process`` worker processes share the work (1: this process; -1: one per CPU), each with
    the pipeline loaded once; the documents and their order are the same for any number.
    Memory stays bounded: documents are read lazily and processed in batches. A document that
    takes longer than ``time_budget`` seconds (E007), or is longer than the parser takes (E008),
    is skipped and the stream goes on: its :class:`~linernotes.errors.ExtractionError` is
    appended to ``errors`` if a list is given, else raised once every other document is out.
    """
    def triples() -> Iterator[tuple[str, str, str]]:
        for number, item in enumerate(items):
            text, doc_id = (item, f"doc-{number}") if isinstance(item, str) else item
            yield text, doc_id, doc_id

    failed: list[ExtractionError] = [] if errors is None else errors
    yield from _extract_any(triples(), batch_size, n_process, time_budget, failed.append, _threshold(min_confidence))
    if errors is None and failed:
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        raise ExtractionError(f"{failed[0]}{more}")


@dataclass
class BatchResult:
    """What happened to a batch of files: documents read, errors by file, and the files of a type
    linernotes does not read, skipped (W010: listed, not failures)."""

    documents: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def extract_paths(paths: Iterable[str], result: BatchResult | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  batch_size: int = 32, time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
                  min_confidence: Optional[float] = None, workers: int = 1,
                  rows: Optional[Rows] = None) -> Iterator[Document]:
    """Extract from files and directories, then from the rows of ``rows`` (a CSV or JSON Lines file
    of one biography a row, streamed); unreadable files and rows, and those over the time budget,
    are recorded in ``result.errors`` (naming the file and row) and skipped. ``workers`` processes
    extract (1: this one; -1: one per CPU); the documents and their order are the same for any number."""
    result = result if result is not None else BatchResult()

    def sources() -> Iterator[Source]:
        for item in read_sources(paths, max_bytes, rows=rows, skipped=result.skipped):
            if isinstance(item, InputError):
                result.errors.append(str(item))
                continue
            assert isinstance(item, Source)
            result.warnings.extend(item.warnings)
            yield item

    for document in extract_sources(sources(), batch_size, time_budget, lambda error: result.errors.append(str(error)),
                                    min_confidence, workers):
        result.documents += 1
        yield document


def extract_sources(sources: Iterable[Source], batch_size: int = 32, time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
                    on_error: Optional[Callable[[ExtractionError], None]] = None,
                    min_confidence: Optional[float] = None, workers: int = 1) -> Iterator[Document]:
    """Extract documents already read (:class:`~linernotes.reader.Source`), in ``workers`` processes
    (1: this one; -1: one per CPU). One over the time budget (or too long, or whose worker died) is
    skipped and given to ``on_error`` as an error naming its file; the stream goes on."""
    failed: list[ExtractionError] = []
    triples = ((source.text, source.doc, source.path) for source in sources)
    yield from _extract_any(triples, batch_size, workers, time_budget, on_error or failed.append,
                            _threshold(min_confidence))
    if failed:
        raise failed[0]


def _threshold(min_confidence: Optional[float]) -> float:
    return default_min_confidence() if min_confidence is None else min_confidence


# -- the time budget -----------------------------------------------------------------------------------
#
# A document is run through the pipeline in stages (``_stages``): spaCy's trained components
# (tok2vec, tagger, parser, ner...) take a batch of documents at once, as ``nlp.pipe`` does;
# everything else (the tokenizer, linernotes' own stages, ``to_document``) runs one document at a
# time, and that per-document work is what the budget bounds. The trained components are compiled
# code, linear in the text; linernotes' stages are Python rules where a runaway loop can live.
#
# The deadline is enforced by interrupting the thread doing the work, so that even `while True:
# pass` in a component ends:
#
# - on the main thread, by ``signal.setitimer(ITIMER_REAL)``: SIGALRM's Python handler raises
#   ``_OverBudget`` between two bytecodes of whatever is running (or from a blocking call);
# - on any other thread (a web server's worker), or when someone else's SIGALRM timer is already
#   running on the main thread, by one watchdog thread for the process that raises
#   ``_OverBudget`` in the late thread with ``PyThreadState_SetAsyncExc`` (delivered the same way,
#   between two bytecodes);
# - and in every case the clock is also read between two components (cooperatively), the only
#   check left where neither interruption is available.
#
# ``_OverBudget`` derives from BaseException, so no ``except Exception`` in a component (or in
# spaCy's own error handling) swallows it. Arming costs a few system calls per document and
# stage, nothing per token. Interrupting compiled code (a regular expression, the parser) waits
# until it returns to Python. A document is abandoned in whatever state its interrupted stage left
# it; module-level caches are only ever filled by complete assignments, so nothing shared is left
# half-written.


class _OverBudget(BaseException):
    """Raised inside the work of a document whose time is up; never escapes this module."""


_MAIN_THREAD_ID = threading.main_thread().ident
#: ``PyThreadState_SetAsyncExc(thread id, exception class or NULL)``, CPython's; None elsewhere.
_SET_ASYNC_EXC = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)


def _raise_in(thread_id: int, exception: type | None) -> None:
    """Send ``exception`` to a thread (None withdraws one not yet delivered)."""
    _SET_ASYNC_EXC(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None)


class _Watchdog:
    """One daemon thread that raises ``_OverBudget`` in each thread whose deadline has passed."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.armed: dict[int, tuple[float, int]] = {}  # ticket -> (deadline, thread id)
        self.fired: set[int] = set()
        self.tickets = 0
        self.thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="linernotes-time-budget", daemon=True)
                self.thread.start()
            self.tickets += 1
            self.armed[self.tickets] = (time.monotonic() + seconds, threading.get_ident())
            self.lock.notify()
            return self.tickets

    def disarm(self, ticket: int) -> bool:
        """Stop watching; True if the exception was already sent (it may still be on its way)."""
        with self.lock:
            self.armed.pop(ticket, None)
            if ticket in self.fired:
                self.fired.discard(ticket)
                return True
            return False

    def _watch(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                for ticket, (deadline, thread_id) in list(self.armed.items()):
                    if deadline <= now:
                        del self.armed[ticket]
                        self.fired.add(ticket)
                        _raise_in(thread_id, _OverBudget)
                wait = min((d for d, _ in self.armed.values()), default=now + 3600) - now
                self.lock.wait(max(wait, 0.001))


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # a forked worker has no watchdog thread: it starts its own
    os.register_at_fork(after_in_child=lambda: globals().update(_WATCHDOG=_Watchdog()))


def _alarm_free() -> bool:
    return (hasattr(signal, "setitimer") and threading.get_ident() == _MAIN_THREAD_ID
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


def _within(seconds: float, work: Callable[[], object]) -> object:
    """``work()``, or ``_OverBudget`` raised inside it once ``seconds`` have passed."""
    if seconds <= 0:
        raise _OverBudget
    if _alarm_free():
        armed = [True]

        def on_alarm(signum, frame):  # a signal caught after the work ended finds it disarmed
            if armed[0]:
                raise _OverBudget

        previous = signal.signal(signal.SIGALRM, on_alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))  # 0 would disarm
            try:
                return work()
            finally:
                armed[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
    if _SET_ASYNC_EXC is None:
        return work()  # no way to interrupt: the checks between stages are all there is
    ticket = _WATCHDOG.arm(seconds)
    try:
        result = work()
    finally:
        sent = _WATCHDOG.disarm(ticket)
    if sent:
        # The work finished just as the watchdog fired: the exception is still on its way to this
        # thread and must arrive here, not in the caller's code. It comes at the next backward jump;
        # if something swallowed it meanwhile, withdraw it.
        give_up = time.monotonic() + 1.0
        while time.monotonic() < give_up:
            pass
        _raise_in(threading.get_ident(), None)
        raise _OverBudget
    return result


class _Budget:
    """Seconds left to one document."""

    __slots__ = ("left",)

    def __init__(self, seconds: Optional[float]) -> None:
        self.left = seconds

    def run(self, work: Callable[[], object]) -> object:
        if self.left is None:
            return work()
        started = time.monotonic()
        try:
            return _within(self.left, work)
        finally:
            self.left -= time.monotonic() - started


Stage = Tuple[bool, List[Tuple[str, Callable]]]  # (batched, [(name, component)...])


def _stages(nlp: Language) -> list[Stage]:
    """The pipeline cut into runs of batched (trained, with ``pipe``) and per-document components."""
    stages: list[Stage] = []
    for name, component in nlp.pipeline:
        batched = hasattr(component, "pipe")
        if stages and stages[-1][0] == batched:
            stages[-1][1].append((name, component))
        else:
            stages.append((batched, [(name, component)]))
    return stages


class _Item:
    __slots__ = ("doc", "doc_id", "label", "budget")

    def __init__(self, doc: Doc | None, doc_id: str, label: str, budget: _Budget) -> None:
        self.doc, self.doc_id, self.label, self.budget = doc, doc_id, label, budget


def _per_document(item: _Item, components: list[tuple[str, Callable]]) -> None:
    def work() -> None:
        doc = item.doc
        for _, component in components:
            doc = component(doc)
            if item.budget.left is not None and time.monotonic() > deadline:
                raise _OverBudget  # the cooperative check between two components
        item.doc = doc

    deadline = time.monotonic() + (item.budget.left or 0.0)
    item.budget.run(work)


def _extract_stream(triples: Iterable[tuple[str, str, str]], nlp: Language, batch_size: int,
                    time_budget: Optional[float], on_error: Callable[[ExtractionError], None],
                    min_confidence: float = 0.0) -> Iterator[Document]:
    """``(text, doc_id, label)`` in, Documents out; a document that fails is given to ``on_error``
    (its message names ``label``, the file) and the stream goes on."""
    stages = _stages(nlp)
    pending = iter(triples)
    while True:
        # Each batch in a memory zone: the strings and lexemes its words added are dropped after it,
        # so a long stream of new names (a million biographies) does not grow the vocabulary for ever.
        # Only on the main thread (a command, a worker process): a zone drops every string added since
        # it opened, so threads sharing the pipeline (a web server's uploads) must not use one.
        with nlp.memory_zone() if threading.current_thread() is threading.main_thread() else nullcontext():
            batch: list[_Item] = []
            for text, doc_id, label in pending:
                if len(text) > nlp.max_length:
                    on_error(ExtractionError(Errors.E008.format(path=label, size=len(text), limit=nlp.max_length)))
                    continue
                item = _Item(None, doc_id, label, _Budget(time_budget))
                try:
                    item.doc = item.budget.run(lambda: nlp.make_doc(text))
                except _OverBudget:
                    _over(item, time_budget, on_error)
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    break
            if not batch:
                return
            for batched, components in stages:
                if batched:
                    batch = _batched(batch, components, time_budget, on_error)
                    continue
                alive = []
                for item in batch:
                    try:
                        _per_document(item, components)
                        alive.append(item)
                    except _OverBudget:
                        _over(item, time_budget, on_error)
                batch = alive
            for item in batch:
                try:
                    document = item.budget.run(lambda: to_document(item.doc, item.doc_id, min_confidence))
                except _OverBudget:
                    _over(item, time_budget, on_error)
                    continue
                yield document


def _batched(batch: list[_Item], components: list[tuple[str, Callable]], time_budget: Optional[float],
             on_error: Callable[[ExtractionError], None]) -> list[_Item]:
    """Trained components over the whole batch, within the time the batch has left in all; if that
    runs out, again one document at a time to find the one that cannot be done."""
    def run(items: list[_Item]) -> None:
        docs = [item.doc for item in items]
        for _, component in components:
            docs = list(component.pipe(docs, batch_size=len(docs)))
        for item, doc in zip(items, docs):
            item.doc = doc

    if time_budget is None:
        run(batch)
        return batch
    together = _Budget(sum(item.budget.left for item in batch))
    try:
        together.run(lambda: run(batch))
        return batch
    except _OverBudget:
        pass
    alive = []
    for item in batch:
        try:
            item.budget.run(lambda: run([item]))
            alive.append(item)
        except _OverBudget:
            _over(item, time_budget, on_error)
    return alive


def _over(item: _Item, time_budget: Optional[float], on_error: Callable[[ExtractionError], None]) -> None:
    on_error(ExtractionError(Errors.E007.format(path=item.label, budget=f"{time_budget:g}")))


# -- chunks, in this process or in workers ----------------------------------------------------------

def _extract_any(triples: Iterable[tuple[str, str, str]], batch_size: int, n_process: int,
                 time_budget: Optional[float], on_error: Callable[[ExtractionError], None],
                 min_confidence: float = 0.0) -> Iterator[Document]:
    """Chunks of ``batch_size`` documents through ``_extract_chunk``: here (``n_process`` 1), or in
    that many worker processes (see :mod:`linernotes.workers`; -1: one per CPU), same output."""
    workers = (os.cpu_count() or 1) if n_process < 0 else max(n_process, 1)
    if workers > 1:
        from .workers import extract_in_workers

        yield from extract_in_workers(triples, workers, batch_size, time_budget, on_error, min_confidence)
        return
    nlp = shared_pipeline()
    pending = iter(triples)
    while chunk := list(islice(pending, batch_size)):
        documents, errors = _extract_chunk(chunk, nlp, batch_size, time_budget, min_confidence)
        for error in errors:
            on_error(ExtractionError(error))
        yield from documents


def _extract_chunk(chunk: list[tuple[str, str, str]], nlp: Language, batch_size: int, time_budget: Optional[float],
                   min_confidence: float) -> tuple[list[Document], list[str]]:
    """The documents of one chunk and the errors (messages naming the file) of those that failed.

    A component raising an exception (a bug) costs only the document that raised it: the chunk is
    done again one document at a time, and that one becomes E012. Messages rather than exception
    objects, so that a worker process can send them back as they are."""
    errors: list[str] = []
    try:
        return list(_extract_stream(chunk, nlp, batch_size, time_budget, lambda e: errors.append(str(e)),
                                    min_confidence)), errors
    except Exception:
        pass
    documents, errors = [], []
    for triple in chunk:
        try:
            documents.extend(_extract_stream([triple], nlp, 1, time_budget, lambda e: errors.append(str(e)),
                                             min_confidence))
        except Exception as error:  # noqa: BLE001  (reported by name, the batch goes on)
            errors.append(Errors.E012.format(path=triple[2], why=f"{type(error).__name__}: {error}"))
    return documents, errors
