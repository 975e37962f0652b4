"""Time the confidence stage alone, and dump every fact's confidence (to compare two versions).

The pipeline runs once up to the confidence stage on each text; then ``linernotes_confidence``
alone runs ``--repeat`` times over the processed Docs (through its ``pipe``, as ``nlp.pipe`` runs it) (it only reads the Doc and sets
``fact.confidence`` from the facts' features, so running it again gives the same numbers).

    .venv/bin/python benchmarks/confidence_stage.py --corpus ../shared/eval/dev/part1/docs \
        ../shared/eval/dev/part2/docs ../shared/eval/dev/part3/docs examples/bios --dump conf.json
"""
from __future__ import annotations

import argparse
import cProfile
import json
import importlib.util
import pstats
import sys
import time
from pathlib import Path

from linernotes.pipeline import shared_pipeline
from linernotes.reader import Source, read_sources


def texts(dirs: list[str]) -> list[tuple[str, str]]:
    return sorted((s.doc, s.text) for s in read_sources(dirs) if isinstance(s, Source))


def compare(src: Path, stage, docs: list, repeat: int) -> None:
    """Best CPU time of this version's stage and of ``src``'s feature code (scored by this version's
    model, a document at a time), run in turns."""
    from linernotes.pipeline import confidence

    spec = importlib.util.spec_from_file_location("linernotes.pipeline._other_features",
                                                  src / "linernotes" / "pipeline" / "confidence_features.py")
    other = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = other  # dataclasses look their module up
    spec.loader.exec_module(other)
    model = confidence.shipped_model()

    def theirs() -> None:
        for doc in docs:
            claims = other.claims_of(doc)
            for claim, p in zip(claims, model.probabilities([claim.features for claim in claims])):
                for fact in claim.facts:
                    fact.confidence = p

    def ours() -> None:
        for _ in stage.pipe(docs):
            pass

    best = {"this": float("inf"), "other": float("inf")}
    for _ in range(repeat):
        for key, run in (("other", theirs), ("this", ours)):
            start = time.process_time()
            run()
            best[key] = min(best[key], time.process_time() - start)
    print(f"in turns, best of {repeat}: this {best['this']:.3f} s CPU, {src} {best['other']:.3f} s CPU "
          f"(ratio {best['this'] / best['other']:.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs="+", required=True, metavar="DIR")
    parser.add_argument("--repeat", type=int, default=5, help="times the stage runs over all the Docs")
    parser.add_argument("--dump", type=Path, help="write every fact's confidence here (JSON)")
    parser.add_argument("--against", type=Path, metavar="SRC",
                        help="also time another checkout's src/ (its confidence_features, scored by a plain loop), "
                             "the two taking turns, to compare versions on a machine whose speed drifts")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    args = parser.parse_args(argv)  # CPU time (process_time): on a shared machine wall time mostly measures the neighbours
    nlp = shared_pipeline()
    stage = nlp.get_pipe("linernotes_confidence")
    names = nlp.pipe_names[:nlp.pipe_names.index("linernotes_confidence")]
    docs = []
    for name, text in texts(args.corpus):
        doc = nlp.make_doc(text)
        for pipe in names:
            doc = nlp.get_pipe(pipe)(doc)
        docs.append((name, doc))
    best = None
    for _ in range(args.repeat):  # as nlp.pipe runs it: batches of documents, each scored in one run of the trees
        start = time.process_time()
        for _ in stage.pipe(doc for _, doc in docs):
            pass
        elapsed = time.process_time() - start
        best = elapsed if best is None else min(best, elapsed)
    facts = sum(len(doc._.ln_facts or []) for _, doc in docs)
    if args.against:
        compare(args.against, stage, [doc for _, doc in docs], args.repeat)
    print(f"confidence stage: {len(docs)} documents, {facts} facts, best of {args.repeat}: {best:.3f} s CPU "
          f"({1000 * best / max(len(docs), 1):.2f} ms/doc)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in stage.pipe(doc for _, doc in docs):
            pass
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    if args.dump:
        dump = {name: [[f.person, f.candidate.relation, f.candidate.value, f.candidate.start, f.confidence]
                       for f in doc._.ln_facts or []] for name, doc in docs}
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
