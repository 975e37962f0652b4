"""Peak memory of ``linernotes ingest --rows`` on a large CSV against ingesting one file.

Rows are streamed (never the whole file in memory), so ingesting 10,000 rows should cost about
what ingesting one biography does: the model, the pipeline and one batch. This generates a CSV
of ``--rows`` biographies in a temporary directory (the example texts, each row made unique so
none is skipped as a copy), ingests it into a new SQLite knowledge base in a child process, and
reads the child's peak RSS (``os.wait4``); then the same for one of the texts as a file:

    python benchmarks/rows.py --rows 200 --workers 1      # first: how long 200 rows take
    python benchmarks/rows.py --rows 10000 --workers 1

It prints both peaks, the difference, whether it is under the limit (100 MB), the seconds and
the documents per second (and so how long 10,000 rows would take at that rate).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 100


def example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "bios").glob("*.txt"))]


def write_rows(path: Path, count: int) -> None:
    texts = example_texts()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("id", "text", "url"))
        for number in range(count):
            text = texts[number % len(texts)] + f"\n\nArchive record {number + 1}.\n"  # unique: no row is a copy
            writer.writerow((f"row-{number + 1:06d}", text, f"https://archive.example/{number + 1}"))


def ingest(args: list[str], workers: int) -> dict:
    """``linernotes ingest ARGS`` in a child process: its peak RSS (MB), seconds and summary."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", "from linernotes.cli import app; app()", "ingest", *args, "--json",
               "--workers", str(workers)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest of all children so far
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return {"peak_mb": usage.ru_maxrss / 1024, "seconds": seconds, "exit": child.returncode,
            "summary": json.loads(output) if output.strip() else {}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows in the generated CSV")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (1: the ingest process)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        table = folder / "bios.csv"
        write_rows(table, options.rows)
        single = folder / "one.txt"
        single.write_text(example_texts()[0], encoding="utf-8")
        one = ingest([str(single), "--db", str(folder / "one.db")], options.workers)
        many = ingest(["--rows", str(table), "--db", str(folder / "rows.db")], options.workers)
    added = many["summary"].get("added", 0)
    working = many["seconds"] - one["seconds"]  # less the start-up (loading the model) both pay
    rate = added / working if working > 0 else 0.0
    difference = many["peak_mb"] - one["peak_mb"]
    print(f"CSV: {options.rows:,} rows ({table.name}), workers {options.workers}")
    print(f"one file:  peak RSS {one['peak_mb']:8.1f} MB  {one['seconds']:7.1f} s  exit {one['exit']}")
    print(f"{options.rows:,} rows: peak RSS {many['peak_mb']:8.1f} MB  {many['seconds']:7.1f} s  exit {many['exit']}  "
          f"added {added:,} ({rate:.1f} docs/s after start-up)")
    print(f"difference: {difference:+.1f} MB  ({'under' if difference < LIMIT_MB else 'OVER'} the {LIMIT_MB} MB limit)")
    if rate:
        print(f"at this rate 10,000 rows take about {10_000 / rate / 60:.0f} min")
    if added != options.rows or many["exit"] or one["exit"]:
        sys.exit(f"not every row was stored: {many['summary']}")


if __name__ == "__main__":
    main()
