"""Extraction on several processes of one machine, in the order the documents came.

``extract_in_workers`` keeps ``workers`` processes, each with the pipeline loaded once (inherited
from this process when the start method is ``fork``, the default on Linux: the model is loaded
here once and its pages are shared; loaded by the worker itself under ``spawn``/``forkserver``).
The input is cut into chunks of ``batch_size`` documents, read lazily: at most two chunks per
worker are out (sent and not yet given back), so memory stays bounded whatever the corpus size.
Each worker runs the same per-document code as one process (``api._extract_chunk``) on its main
thread, so the time budget's alarm (E007) and the too-long check (E008) work there as they do
here, naming the file. The documents come back as :class:`~linernotes.model.Document` (plain
dataclasses, pickled), never as spaCy ``Doc``\\ s, and are yielded in input order.

A worker that dies (killed, out of memory, a crash in compiled code) or stops answering (work
that cannot be interrupted running far past every budget) does not hang the batch: a new worker
takes its place, the chunks it had not started go to the others, and the chunk it was on is done
again one document at a time; a document whose worker dies again alone is E011 naming the file.

Each worker has its own task queue and its own result pipe, so this process always knows which
chunks a worker holds; a shared queue would not say which documents a dead worker took.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import time
from itertools import islice
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator, Optional, Tuple

from .errors import Errors, ExtractionError
from .model import Document

Triple = Tuple[str, str, str]  # (text, doc_id, label): the label is what an error names, the file

#: Chunks a worker holds at most: one it works on, one waiting, so it never idles between two.
DEPTH = 2
#: Seconds a worker may take for a chunk on top of the time budgets of its documents before it is
#: taken for stuck and stopped (only code that the budget cannot interrupt gets that far).
GRACE = 30.0


def default_start_method() -> str:
    """``fork`` where it is safe and fastest (Linux: the loaded model is shared, no load per
    worker), else ``spawn`` (macOS, Windows)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


TaskId = Tuple[int, int]  # (chunk number, -1 for the whole chunk or the index of its one document)


class _Worker:
    """One process, the queue it takes tasks from, the pipe it answers on, and what it holds."""

    def __init__(self, context, settings: tuple) -> None:
        self.inbox = context.Queue()
        self.answers, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, args=(self.inbox, sender, *settings),
                                       name="linernotes-worker", daemon=True)
        self.process.start()
        sender.close()  # only the worker writes; with our copy closed its death reads as EOF
        self.held: dict[TaskId, list[Triple]] = {}  # in the order given, which is the order it works in
        self.ready = False
        self.since = 0.0  # when it started on its oldest held task (ready, or its last answer)

    def give(self, task: TaskId, chunk: list[Triple]) -> None:
        if not self.held:
            self.since = time.monotonic()
        self.held[task] = chunk
        self.inbox.put((task, chunk))

    def answers_ready(self) -> Iterator[tuple]:
        """The messages waiting in the pipe (stops at EOF: a dead worker's last words)."""
        try:
            while self.answers.poll():
                yield self.answers.recv()
        except (EOFError, OSError):
            return

    def stop(self) -> None:
        if self.process.is_alive() and not self.held:
            self.inbox.put(None)  # idle: let it finish on its own
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.inbox.cancel_join_thread()  # a dead reader must not make this process wait at exit
        self.inbox.close()
        self.answers.close()


class _Pool:
    """The workers and the chunks out: hands chunks to the least busy worker, files answers by
    chunk number, and keeps going when a worker dies."""

    def __init__(self, context, settings: tuple, time_budget: Optional[float]) -> None:
        self.context, self.settings, self.time_budget = context, settings, time_budget
        self.workers: list[_Worker] = []
        self.done: dict[int, tuple[list[Document], list[str]]] = {}  # chunk number -> documents, errors
        self.pieces: dict[int, list] = {}  # chunk number -> per document (documents, errors) or None, once split

    def start(self, workers: int) -> None:
        for _ in range(workers):
            self.workers.append(_Worker(self.context, self.settings))

    def give(self, task: TaskId, chunk: list[Triple]) -> None:
        min(self.workers, key=lambda w: len(w.held)).give(task, chunk)

    def wait(self) -> None:
        """Wait for answers (or a death, or a deadline) and file them."""
        deadlines = {w: w.since + self._allowance(w) for w in self.workers
                     if w.ready and w.held and self.time_budget is not None}
        timeout = max(min(deadlines.values()) - time.monotonic(), 0.0) if deadlines else None
        wait([w.answers for w in self.workers] + [w.process.sentinel for w in self.workers], timeout)
        for index, worker in enumerate(list(self.workers)):
            alive = worker.process.is_alive()  # asked first: all a dead worker said is in the pipe now
            for message in worker.answers_ready():
                if message[0] == "ready":
                    worker.ready, worker.since = True, time.monotonic()
                    continue
                _, task, documents, errors = message
                del worker.held[task]
                worker.since = time.monotonic()
                self._file(task, documents, errors)
            late = worker in deadlines and worker.held and time.monotonic() > deadlines[worker]
            if alive and not late:
                continue
            if late:
                why = f"no answer within {self._allowance(worker):g} s, so it was stopped"
                worker.process.kill()
            worker.process.join()
            self._lost(worker, why if late else _death(worker.process.exitcode))
            self.workers[index] = _Worker(self.context, self.settings)
            for task, chunk in worker.held.items():
                self.give(task, chunk)
            worker.held.clear()
            worker.stop()

    def _lost(self, worker: _Worker, why: str) -> None:
        """The task the dead worker was on: split into its documents, or if it was one already, E011."""
        if not worker.held:
            return
        (number, piece), chunk = next(iter(worker.held.items()))
        del worker.held[(number, piece)]
        if piece < 0 and len(chunk) > 1:
            self.pieces[number] = [None] * len(chunk)
            for index, triple in enumerate(chunk):
                worker.held[(number, index)] = [triple]  # given out again with the rest of what it held
            return
        self._file((number, piece), [], [Errors.E011.format(path=label, why=why) for _, _, label in chunk])

    def _file(self, task: TaskId, documents: list[Document], errors: list[str]) -> None:
        number, piece = task
        if piece < 0:
            self.done[number] = (documents, errors)
            return
        pieces = self.pieces[number]
        pieces[piece] = (documents, errors)
        if all(p is not None for p in pieces):
            del self.pieces[number]
            self.done[number] = ([d for ds, _ in pieces for d in ds], [e for _, es in pieces for e in es])

    def _allowance(self, worker: _Worker) -> float:
        """Seconds the oldest held task may take: in the worst case every document spends its budget
        in the batched components, again alone, and once more in its own stages."""
        chunk = next(iter(worker.held.values()), [])
        return 3 * self.time_budget * len(chunk) + GRACE

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()


def extract_in_workers(triples: Iterable[Triple], workers: int, batch_size: int, time_budget: Optional[float],
                       on_error: Callable[[ExtractionError], None], min_confidence: float,
                       start_method: Optional[str] = None) -> Iterator[Document]:
    """``(text, doc_id, label)`` in, Documents out in the same order, extracted by ``workers``
    processes; every failure is given to ``on_error`` as an error naming its file, and the stream
    goes on. Input that fits in one chunk is extracted here, without starting any process."""
    from .api import _extract_chunk
    from .pipeline import shared_pipeline

    pending = iter(triples)
    first = list(islice(pending, batch_size))
    second = list(islice(pending, batch_size))
    method = start_method or default_start_method()
    if not second or method == "fork":
        shared_pipeline()  # loaded once here; forked workers inherit it
    if not second:
        documents, errors = _extract_chunk(first, shared_pipeline(), batch_size, time_budget, min_confidence)
        for error in errors:
            on_error(ExtractionError(error))
        yield from documents
        return

    chunks = iter([first, second])
    sent = given_back = 0
    exhausted = False
    pool = _Pool(multiprocessing.get_context(method), (batch_size, time_budget, min_confidence), time_budget)
    try:
        pool.start(workers)
        while True:
            while not exhausted and sent - given_back < DEPTH * workers:
                chunk = next(chunks, None) or list(islice(pending, batch_size))
                if not chunk:
                    exhausted = True
                    break
                pool.give((sent, -1), chunk)
                sent += 1
            if given_back in pool.done:
                documents, errors = pool.done.pop(given_back)
                given_back += 1
                for error in errors:
                    on_error(ExtractionError(error))
                yield from documents
                continue  # there is room for one more chunk before waiting
            if exhausted and given_back == sent:
                return
            pool.wait()
    finally:
        pool.stop()


def _death(exitcode: Optional[int]) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def _serve(inbox, answers, batch_size: int, time_budget: Optional[float], min_confidence: float) -> None:
    """A worker's life: load (or inherit) the pipeline once, then extract chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    from .api import _extract_chunk
    from .pipeline import shared_pipeline

    nlp = shared_pipeline()
    answers.send(("ready",))
    parent = os.getppid()
    while True:
        try:
            message = inbox.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                return  # the parent died without stopping us (killed): do not live on as an orphan
            continue
        if message is None:
            return
        task, chunk = message
        documents, errors = _extract_chunk(chunk, nlp, batch_size, time_budget, min_confidence)
        answers.send(("done", task, documents, errors))
