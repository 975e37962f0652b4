"""Score ``ask`` on the question sets: right with citations / wrong / not answered.

    python benchmarks/ask_questions.py [--verbose]

Ingests ``examples/bios`` (for ``examples/questions.jsonl``) and ``../shared/eval/seeds`` (for the
hold-out ``examples/questions_holdout.jsonl``, never tuned on) into temporary SQLite stores.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from linernotes.kb.ask_eval import RIGHT, load_questions, score  # noqa: E402
from linernotes.kb.ingest import ingest  # noqa: E402
from linernotes.store import Store  # noqa: E402

SETS = [("examples", ROOT / "examples/bios", ROOT / "examples/questions.jsonl"),
        ("hold-out (seeds)", ROOT.parent / "shared/eval/seeds", ROOT / "examples/questions_holdout.jsonl")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every question that is not right")
    args = parser.parse_args()
    for title, corpus, questions in SETS:
        if not corpus.exists():
            print(f"{title}: {corpus} not found, skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(f"sqlite:///{tmp}/ask.db")
            ingest(store, [str(corpus)])
            result = score(store, load_questions(questions))
            store.close()
        print(f"{title}: {result.summary()}")
        if args.verbose:
            for r in result.results:
                if r.verdict != RIGHT:
                    print(f"  [{r.verdict}] {r.case['question']} -> {r.answer.text} ({r.why}) | {r.answer.reading}")


if __name__ == "__main__":
    main()
