"""Load benchmark: `linernotes serve` in a subprocess, under mixed GETs at several concurrencies.

Ingests examples/bios into a temporary knowledge base, starts the server on a free loopback port
(as an operator would: ``linernotes serve``, its default worker processes unless --workers), then
at each concurrency sends a mix of the explorer's pages and the API (home, people list, a person's
page, /api/people, /api/people/{id}, search, ask, a reconciliation preview) until --requests are
answered or --seconds have passed, and prints p50/p99 latency, requests per second and errors.
The client (httpx, asyncio) runs on the same machine: it takes CPU from the server.

    python benchmarks/load.py [--levels 1,8,32] [--requests 600] [--seconds 30] [--workers N]

Goal (issue 11): at concurrency 8, p99 under 200 ms and at least 120 requests/s; no errors at 32.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LINERNOTES = Path(sys.executable).parent / "linernotes"
GOAL_P99_MS, GOAL_RPS = 200.0, 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int, workers: int | None) -> subprocess.Popen:
    subprocess.run([str(LINERNOTES), "ingest", str(ROOT / "examples" / "bios"), "--db", str(db), "--json"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    command = [str(LINERNOTES), "serve", "--db", str(db), "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start")


def mixed_paths(base: str) -> list[str]:
    people = httpx.get(f"{base}/api/people", params={"limit": 20}).json()["items"]
    ids = [p["id"] for p in people] or [1]
    paths = []
    for i, pid in enumerate(ids[:8]):
        paths += ["/", "/people", f"/people/{pid}", "/api/people", f"/api/people/{ids[-1 - i]}",
                  "/search?q=piano" if i % 2 else "/api/search?q=jazz",
                  "/ask?q=Who+plays+the+piano%3F" if i % 2 else "/api/ask?q=Who+was+born+in+Almaty%3F",
                  f"/reconcile/preview?id={pid}"]
    return paths


async def level(base: str, paths: list[str], concurrency: int, requests: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    next_path = cycle(paths)
    sent = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def user() -> None:
            nonlocal sent, errors
            while sent < requests and time.monotonic() < stop_at:
                sent += 1
                path = next(next_path)
                started = time.perf_counter()
                try:
                    answer = await client.get(path)
                    ok = answer.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += not ok

        began = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {"concurrency": concurrency, "requests": len(latencies), "errors": errors,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
            "rps": len(latencies) / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,8,32", help="Concurrencies, comma-separated.")
    parser.add_argument("--requests", type=int, default=600, help="Requests per level (at most).")
    parser.add_argument("--seconds", type=float, default=30.0, help="Seconds per level (at most).")
    parser.add_argument("--workers", type=int, default=None, help="Server worker processes (default: serve's).")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "kb.db", port, args.workers)
        try:
            paths = mixed_paths(base)
            asyncio.run(level(base, paths, 4, 4 * len(paths), 60))  # warm-up: every worker's templates
            print(f"{os.cpu_count()} CPUs, workers {args.workers or 'default'}, {len(paths)} paths in the mix")
            print(f"{'concurrency':>11} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p99 ms':>7} {'req/s':>7}")
            results = []
            for concurrency in (int(c) for c in args.levels.split(",")):
                r = asyncio.run(level(base, paths, concurrency, args.requests, args.seconds))
                results.append(r)
                print(f"{r['concurrency']:>11} {r['requests']:>8} {r['errors']:>6} {r['p50_ms']:>7.1f} "
                      f"{r['p99_ms']:>7.1f} {r['rps']:>7.1f}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    at8 = [r for r in results if r["concurrency"] == 8]
    at32 = [r for r in results if r["concurrency"] == 32]
    if at8:
        met = at8[0]["p99_ms"] < GOAL_P99_MS and at8[0]["rps"] >= GOAL_RPS
        print(f"goal at 8 (p99 < {GOAL_P99_MS:.0f} ms, >= {GOAL_RPS:.0f} req/s): {'met' if met else 'NOT met'}")
    if at32:
        print(f"goal at 32 (no errors): {'met' if at32[0]['errors'] == 0 else 'NOT met'}")


if __name__ == "__main__":
    main()
