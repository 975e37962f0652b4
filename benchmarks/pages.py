"""Explorer benchmark: server time of every kind of page over a knowledge base of many people.

Builds (or reuses) the synthetic knowledge base of ``benchmarks/kb.py`` — generated people, with
places linked to the gazetteer so the map has coordinates — then requests each kind of page many
times through the ASGI app and reads the server's own ``Server-Timing`` header (the time from
request to rendered response, without the network). One warm-up request per kind is not counted
(it compiles the page's template). The app is prepared as ``linernotes serve`` prepares it.

    python benchmarks/pages.py [--people 100000] [--db /tmp/linernotes-pages.db] [--requests 40] [--reuse] [--only map]

A database of an older schema is upgraded when it is opened (schema 8 at 100,000 people: about 20 s).

Goal (issue 5): every page under 100 ms server time with 100,000 people.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from fastapi.testclient import TestClient  # noqa: E402

import kb as kb_bench  # noqa: E402
from linernotes.kb.ingest import ingest_documents, sha256  # noqa: E402
from linernotes.store import Store  # noqa: E402
from linernotes.store.writes import NewDocument  # noqa: E402
from linernotes.web.app import create_app, settle_process  # noqa: E402

GOAL_MS = 100.0


def build(db: str, people: int) -> Store:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    names, documents = kb_bench.generate(people, 0.05)
    store = Store.open(db)
    started = time.perf_counter()
    ingest_documents(store, (NewDocument(d.doc, sha256(d.text), d.text, d) for d in documents), batch_size=1000)
    print(f"built {db}: {len(documents):,} documents in {time.perf_counter() - started:.0f} s")
    return store


def server_ms(client: TestClient, url: str) -> float:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
    return float(re.search(r"dur=([\d.]+)", response.headers["server-timing"]).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/linernotes-pages.db")
    parser.add_argument("--requests", type=int, default=40, help="requests per kind of page")
    parser.add_argument("--reuse", action="store_true", help="use --db as it is if it exists")
    parser.add_argument("--only", default="", help="only the kinds of page whose name contains this (while iterating)")
    args = parser.parse_args()

    store = Store.open(args.db) if args.reuse and os.path.exists(args.db) else build(args.db, args.people)
    with store.reading() as tx:
        counts = tx.counts()
        people = [p["id"] for p in tx.people_list(sort="id", limit=counts["people"])]
        documents = [d["name"] for d in tx.documents(limit=counts["documents"])]
    print(f"knowledge base: {counts['people']:,} people, {counts['documents']:,} documents, {counts['facts']:,} facts")
    client = TestClient(create_app(store, token="benchmark"))
    settle_process()  # as `linernotes serve` does
    rng = random.Random(7)

    def some_document() -> str:
        name = rng.choice(documents)
        return f"/documents/{quote(name)}?start=0&end=10"

    instruments, cities = kb_bench.INSTRUMENTS, kb_bench.CITIES
    kinds = {
        "home": lambda: "/",
        "people (first page)": lambda: "/people",
        "people (deep page)": lambda: f"/people?page={rng.randint(100, 1500)}",
        "people by instrument": lambda: f"/people?instrument={quote(rng.choice(instruments))}&sort=id",
        "people by place, with checks": lambda: f"/people?place={rng.choice(cities)}&has_checks=true",
        "profile": lambda: f"/people/{rng.choice(people)}",
        "timeline": lambda: f"/people/{rng.choice(people)}/timeline",
        "document with evidence": some_document,
        "documents list": lambda: f"/documents?page={rng.randint(1, 1000)}",
        "checks": lambda: "/checks",
        "graph of a person": lambda: f"/graph?person={rng.choice(people)}",
        "graph by instrument": lambda: f"/graph?instrument={quote(rng.choice(instruments))}",
        "map (everyone)": lambda: "/map",
        "map by instrument": lambda: f"/map?instrument={quote(rng.choice(instruments))}",
        "search": lambda: f"/search?q={quote(rng.choice(['conservatory', 'quartet', 'Almaty saxophone', 'kobyz']))}",
        "ask": lambda: f"/ask?q={quote(rng.choice(['Who plays the dombra?', 'How many musicians come from Osh?', 'Which musicians studied at a conservatory?']))}",
        "upload form": lambda: "/upload",
        "reconcile": lambda: "/reconcile?queries=" + quote(json.dumps({"q0": {"query": "Karabek Nurov"}})),
    }
    worst = 0.0
    print(f"{'page':32} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, make_url in ((k, u) for k, u in kinds.items() if args.only in k):
        server_ms(client, make_url())  # warm-up, not counted
        times = [server_ms(client, make_url()) for _ in range(args.requests)]
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        worst = max(worst, ordered[-1])
        print(f"{kind:32} {statistics.median(times):8.1f} {p99:8.1f} {ordered[-1]:8.1f}")
    verdict = "under" if worst < GOAL_MS else "OVER"
    print(f"slowest single page: {worst:.1f} ms, {verdict} the goal of {GOAL_MS:.0f} ms "
          f"({args.requests} requests per kind, server time from the Server-Timing header)")


if __name__ == "__main__":
    main()
