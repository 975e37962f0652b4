"""Seconds and peak memory of one long biography, with and without sentence punctuation.

Time and memory should grow linearly with the length of a document and of a sentence. Each size
runs in a fresh process (so peak RSS is that document's), with no time budget:

    python benchmarks/long_inputs.py [--words 10000 50000 200000]

The texts are made by repeating the sentences of the example corpus; "unpunctuated" removes every
full stop, question and exclamation mark, so the whole text is one sentence for the parser. A text
over the parser's length limit is refused before any work starts (E008); that is reported too.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def long_text(words: int, punctuated: bool) -> str:
    sentences = []
    for path in sorted((ROOT / "examples" / "bios").glob("*.txt")):
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")) if s.strip())
    out, count, i = [], 0, 0
    while count < words:
        sentence = sentences[i % len(sentences)].replace("\n", " ")
        out.append(sentence if punctuated else re.sub(r"[.!?]", "", sentence))
        count += len(sentence.split())
        i += 1
    return " ".join(out)


def measure(words: int, punctuated: bool) -> dict:
    """Run one extraction in a child process and return what it reports."""
    child = (
        "import json, resource, sys, time\n"
        "sys.path.insert(0, %r)\n"
        "from long_inputs import long_text\n"
        "import linernotes\n"
        "list(linernotes.extract_many(['Warm up: Aruzhan Bekova plays the dombra.']))\n"
        "text = long_text(%d, %r)\n"
        "errors = []\n"
        "start = time.perf_counter()\n"
        "docs = list(linernotes.extract_many([(text, 'long')], time_budget=None, errors=errors))\n"
        "seconds = time.perf_counter() - start\n"
        "print(json.dumps({'chars': len(text), 'seconds': seconds, 'facts': sum(len(p.facts) for d in docs for p in d.people),\n"
        "                  'error': str(errors[0])[:90] if errors else None,\n"
        "                  'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    ) % (str(Path(__file__).parent), words, punctuated)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    args = parser.parse_args(argv)
    print(f"{'words':>8} {'punctuation':>11} {'characters':>11} {'seconds':>8} {'s/1k words':>10} {'peak RSS':>9}  result")
    for words in args.words:
        for punctuated in (True, False):
            r = measure(words, punctuated)
            result = r["error"] or f"{r['facts']:,} facts"
            print(f"{words:>8,} {'yes' if punctuated else 'no':>11} {r['chars']:>11,} {r['seconds']:>8.1f} "
                  f"{1000 * r['seconds'] / words:>10.2f} {r['rss_mb']:>6,.0f} MB  {result}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
