"""Peak memory of ``linernotes ingest --rows`` on a large CSV against ingesting one file.

Rows are streamed (never the whole file in memory), so ingesting 10,000 rows should cost about
what ingesting one biography does: the model, the pipeline and one batch. This generates a CSV
of ``--rows`` biographies in a temporary directory (the example texts, each row made unique so
none is skipped as a copy, and its people given names of their own), ingests it into a new SQLite knowledge base in a child process, and
reads the child's peak RSS (``os.wait4``); then the same for one of the texts as a file:

    python benchmarks/rows.py --rows 200 --workers 1      # first: how long 200 rows take
    python benchmarks/rows.py --rows 10000 --workers 1

It prints both peaks, the difference, whether it is under the limit (100 MB), the seconds and
the documents per second (and so how long 10,000 rows would take at that rate). ``--extract``
measures ``extract --rows`` instead, without a knowledge base: reading and extraction alone.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 100


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "di"]


def example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "bios").glob("*.txt"))]


def name_words() -> re.Pattern:
    """The words of the example people's names and aliases (from the gold), as one pattern."""
    words = set()
    for line in (ROOT / "examples" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        for person in json.loads(line).get("people", []):
            for name in [person.get("name", ""), *person.get("aliases", [])]:
                words.update(w for w in re.findall(r"[^\W\d_]+", name) if len(w) > 2 and w[0].isupper())
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")")


def renamed(text: str, number: int, names: re.Pattern) -> str:
    """The text with every name word given the row's own prefix (Bekova -> Lomibekova, Ibraimov and
    Ibraimova alike): each row's people are new people, as in a real archive, rather than one person
    described ten thousand times (whose profile, one block for resolution, would grow with every row)."""
    prefix = "".join(SYLLABLES[int(d)] for d in str(number)).capitalize()
    return names.sub(lambda m: prefix + m.group(1).lower(), text)


def write_rows(path: Path, count: int, same_names: bool) -> None:
    texts, names = example_texts(), name_words()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("id", "text", "url"))
        for number in range(1, count + 1):
            text = texts[(number - 1) % len(texts)]
            text = text if same_names else renamed(text, number, names)
            text += f"\n\nArchive record {number}.\n"  # unique: no row is skipped as a copy of another
            writer.writerow((f"row-{number:06d}", text, f"https://archive.example/{number}"))


def run(command_name: str, args: list[str], workers: int) -> dict:
    """``linernotes COMMAND ARGS`` in a child process: its peak RSS (MB), seconds and summary
    (``extract``: how many documents it wrote out, as ``added``)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", "from linernotes.cli import app; app()", command_name, *args,
               *(["--json"] if command_name == "ingest" else []), "--workers", str(workers)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest of all children so far
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if command_name == "extract":
        summary = {"added": output.count(b"\n")}
    else:
        summary = json.loads(output) if output.strip() else {}
    return {"peak_mb": usage.ru_maxrss / 1024, "seconds": seconds, "exit": child.returncode, "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows in the generated CSV")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (1: the ingest process)")
    parser.add_argument("--same-names", action="store_true",
                        help="keep the example people's names in every row (one profile grows with every row)")
    parser.add_argument("--extract", action="store_true",
                        help="measure `extract --rows` (no knowledge base) instead: reading and extraction alone")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        table = folder / "bios.csv"
        write_rows(table, options.rows, options.same_names)
        single = folder / "one.txt"
        single.write_text(example_texts()[0], encoding="utf-8")
        if options.extract:
            one = run("extract", [str(single)], options.workers)
            many = run("extract", ["--rows", str(table)], options.workers)
        else:
            one = run("ingest", [str(single), "--db", str(folder / "one.db")], options.workers)
            many = run("ingest", ["--rows", str(table), "--db", str(folder / "rows.db")], options.workers)
    added = many["summary"].get("added", 0)
    working = many["seconds"] - one["seconds"]  # less the start-up (loading the model) both pay
    rate = added / working if working > 0 else 0.0
    difference = many["peak_mb"] - one["peak_mb"]
    names = "the example names in every row" if options.same_names else "new names in each row"
    command = "extract" if options.extract else "ingest"
    print(f"{command} --rows, CSV of {options.rows:,} rows ({names}), workers {options.workers}")
    print(f"one file:  peak RSS {one['peak_mb']:8.1f} MB  {one['seconds']:7.1f} s  exit {one['exit']}")
    print(f"{options.rows:,} rows: peak RSS {many['peak_mb']:8.1f} MB  {many['seconds']:7.1f} s  exit {many['exit']}  "
          f"added {added:,} ({rate:.1f} docs/s after start-up)")
    print(f"difference: {difference:+.1f} MB  ({'under' if difference < LIMIT_MB else 'OVER'} the {LIMIT_MB} MB limit)")
    if rate:
        print(f"at this rate 10,000 rows take about {10_000 / rate / 60:.0f} min")
    if added != options.rows or many["exit"] or one["exit"]:
        sys.exit(f"not every row was done: {many['summary']}")


if __name__ == "__main__":
    main()
