"""Where one ``nlp.pipe`` run spends its time: each component's own seconds and share.

Each component of the linernotes pipeline (spaCy's and ours) is wrapped in a timer around its
``pipe`` (or per-document call), the wrappers chained as ``nlp.pipe`` chains them, so a
component's own time is its timer minus the timer of the component before it. Use the shares to
see what to make faster; the seconds move with the machine's other load.

    python benchmarks/stages.py [--docs 200] [--batch-size 64] [--corpus DIR [DIR ...]]

Without ``--corpus`` the texts are those of ``examples/bios``; they are repeated to ``--docs``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]


def timed(name: str, stream: Iterable, seconds: dict[str, float]) -> Iterator:
    """``stream`` as it is, adding the time spent fetching each item (this stage and all before it)."""
    items = iter(stream)
    while True:
        start = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
            return
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        yield item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", nargs="+", metavar="DIR", default=[str(ROOT / "examples" / "bios")])
    args = parser.parse_args(argv)

    from linernotes.pipeline import shared_pipeline
    from throughput import corpus_from  # this script's folder is on the path when it runs

    texts = corpus_from(args.corpus, args.docs)
    nlp = shared_pipeline()
    list(nlp.pipe(texts[:5]))  # warm up: lookups and caches as in a long run
    seconds: dict[str, float] = {}
    begin = time.perf_counter()
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["tokenizer"] = time.perf_counter() - start
    stream: Iterable = iter(docs)
    for name, component in nlp.pipeline:
        if hasattr(component, "pipe"):
            stream = component.pipe(stream, batch_size=args.batch_size)
        else:
            stream = map(component, stream)
        stream = timed(name, stream, seconds)
    for _ in stream:
        pass
    total = time.perf_counter() - begin
    before = 0.0
    print(f"{len(texts)} documents, {total:.2f} s")
    print(f"{'tokenizer':<26}{seconds['tokenizer']:>8.2f} s{seconds['tokenizer'] / total:>7.1%}")
    for name, _ in nlp.pipeline:
        own = seconds[name] - before
        before = seconds[name]
        print(f"{name:<26}{own:>8.2f} s{own / total:>7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
