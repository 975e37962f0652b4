"""Beyond one process: extraction and ingest on a Ray cluster (``pip install linernotes[ray]``).

    from linernotes.scale import extract_with_ray, ingest_with_ray
    extract_with_ray(["bios/"], "shards/", address="ray://head:10001", actors=8)   # JSONL or Parquet shards
    ingest_with_ray(store, ["bios/"], actors=8, writers=4)                          # into one knowledge base

Ray is imported only when one of these is called; without it they raise :class:`RayMissing`
(E041), which says how to install it.
"""
from __future__ import annotations

from .ray_engine import RayResult, RayMissing, extract_with_ray, ingest_with_ray

__all__ = ["RayMissing", "RayResult", "extract_with_ray", "ingest_with_ray"]
