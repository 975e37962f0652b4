"""Country outlines for the offline map: Natural Earth 1:110m shapes (public domain), 0.1° precision.

``data/country_outlines.tsv`` is written by ``tools/make_outlines.py`` from the npm registry package
``world-atlas``; the map draws them as SVG, so no tile server or network is needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import load_tsv

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Outline:
    iso2: str  # "" for the few territories without an ISO code
    name: str
    rings: tuple[Ring, ...]  # (longitude, latitude) points


@lru_cache(maxsize=1)
def outlines() -> tuple[Outline, ...]:
    out = []
    for row in load_tsv("country_outlines.tsv"):
        rings = tuple(tuple((float(lon), float(lat)) for lon, lat in (point.split(",") for point in ring.split()))
                      for ring in row["rings"].split(";"))
        out.append(Outline(row["iso2"], row["name"], rings))
    return tuple(out)
