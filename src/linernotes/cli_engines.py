"""``--engine ray`` on ``extract`` and ``ingest``: the options, and the cluster run behind them."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import List, Optional

import typer

from .errors import EngineError
from .render import plural


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class ShardFormat(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"


ENGINE_HELP = "local (this process) or ray (an actor pool on a Ray cluster; pip install 'linernotes[ray]')."
ADDRESS_HELP = "With --engine ray: the cluster (ray://HOST:10001, HOST:6379 or auto); default: start a local one."
ACTORS_HELP = "With --engine ray: extraction actors, each with one loaded pipeline and one CPU."


def report_batch(result, err) -> None:
    """A batch's warnings and errors by file on ``err``, and how many documents failed (a local
    ``BatchResult`` and a cluster's ``RayResult`` alike)."""
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    for error in result.errors:
        err.print(f"error: {error}", markup=False)
    skipped = getattr(result, "skipped", [])  # not failures: listed, so that nothing goes unread without a word
    for line in skipped:
        err.print(f"note: {line}", markup=False)
    if skipped:
        err.print(f"{plural(len(skipped), 'file')} skipped: linernotes does not read their type", markup=False)
    if result.errors:
        total = result.documents + len(result.errors)
        err.print(f"{len(result.errors)} of {plural(total, 'document')} failed", markup=False)


def extract_on_ray(paths: List[str], output: Optional[str], shard_format: ShardFormat, address: Optional[str],
                   actors: int, max_bytes: int, time_budget: float, min_confidence: Optional[float], err) -> int:
    """``linernotes extract --engine ray``: shards in ``output``, or JSONL on stdout; the exit status."""
    from .scale import ray_engine

    result = ray_engine.RayResult()
    try:
        if output:
            result = ray_engine.extract_with_ray(paths, output, address, actors, shard_format.value,
                                                 max_bytes=max_bytes, time_budget=time_budget,
                                                 min_confidence=min_confidence)
        else:
            for document in ray_engine.iter_with_ray(paths, result, address, actors, max_bytes, time_budget,
                                                     min_confidence):
                sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
                sys.stdout.flush()
    except EngineError as error:
        err.print(f"error: {error}", markup=False)
        return 2
    report_batch(result, err)
    if output:
        err.print(f"{plural(result.documents, 'document')} in {plural(len(result.shards), 'shard')} in {output} ({result.seconds:.1f} s)",
                  markup=False)
    return 1 if result.errors else 0
