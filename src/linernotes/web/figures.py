"""Geometry for the pictures the explorer draws as inline SVG (no script, no tiles, no network):
the map's projection and outlines, the graph's layout, the timeline's axis."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from ..kb.explore import Event, Graph
from ..reference.outlines import outlines
from ..reference.places import country_of_ref

MAP_WIDTH = 960.0
_SCALE = MAP_WIDTH / 360.0
#: Latitudes the world view shows (Antarctica and the far north add nothing here).
NORTH, SOUTH = 84.0, -58.0
#: Width to height of the map as drawn.
ASPECT = 2.0


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude straight to x and y."""
    return round((longitude + 180.0) * _SCALE, 1), round((90.0 - latitude) * _SCALE, 1)


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str, str], ...]:
    """``(iso2, name, SVG path)`` of every country outline, projected once per process."""
    out = []
    for outline in outlines():
        d = " ".join("M" + " L".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in ring)) + "Z"
                     for ring in outline.rings)
        out.append((outline.iso2, outline.name, d))
    return tuple(out)


WORLD_SIZE = project(180, -90)


@lru_cache(maxsize=1)
def world_svg() -> str:
    """All outlines in one SVG document (names are our own data, escaped all the same)."""
    paths = "".join(f'<path d="{d}"><title>{escape(name)}</title></path>' for _, name, d in country_paths())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WORLD_SIZE[0]} {WORLD_SIZE[1]}">'
            f'<g fill="#f4f1ea" stroke="#9aa4ad" stroke-width="0.25">{paths}</g></svg>')


@dataclass
class MapFigure:
    view_box: str
    countries: list[tuple[str, str, str, bool]]  # iso2, name, path, has places
    places: list[dict[str, Any]]  # each place with x, y, r, and whether it is labelled
    label_size: float
    stroke: float


def map_figure(places: list[dict[str, Any]], labelled: int = 12) -> MapFigure:
    """The world, zoomed to the places shown, with a dot per place sized by how often it is named."""
    x0, y0 = project(-180, NORTH)
    x1, y1 = project(180, SOUTH)
    if places:  # zoom to the places, keeping the picture's shape and at least ~45° of longitude
        xs, ys = zip(*(project(p["longitude"], p["latitude"]) for p in places))
        width = max((max(xs) - min(xs)) * 1.4, (max(ys) - min(ys)) * 1.4 * ASPECT, 120.0)
        height = width / ASPECT
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        x0, y0 = max(x0, min(cx - width / 2, x1 - width)), max(y0, min(cy - height / 2, y1 - height))
        x1, y1 = min(x1, x0 + width), min(y1, y0 + height)
    width = x1 - x0
    most = max((p["facts"] for p in places), default=1)
    shown = []
    for rank, place in enumerate(places):
        x, y = project(place["longitude"], place["latitude"])
        radius = width / 160 * (1 + 2 * math.sqrt(place["facts"] / most))
        shown.append({**place, "x": x, "y": y, "r": round(radius, 2), "labelled": rank < labelled})
    # A country named as a place ("toured Kazakhstan") has no country of its own: it is its own.
    countries_with_places = {p.get("country") or country_of_ref(p.get("ref")) for p in places}
    countries = [(iso2, name, d, bool(iso2) and iso2 in countries_with_places) for iso2, name, d in country_paths()]
    return MapFigure(f"{x0:.1f} {y0:.1f} {width:.1f} {y1 - y0:.1f}", countries, shown,
                     round(width / 70, 2), round(width / 1200, 3))


GRAPH_WIDTH, GRAPH_HEIGHT = 1000.0, 720.0
KIND_ORDER = {"Person": 0, "Ensemble": 1, "Instrument": 2, "Place": 3}


def graph_layout(graph: Graph, centre: str | None = None) -> dict[str, tuple[float, float]]:
    """Concentric rings: people inside, what they share outside, each thing near the people it links.

    With a ``centre`` (a person's own graph) that person sits in the middle.
    """
    cx, cy = GRAPH_WIDTH / 2, GRAPH_HEIGHT / 2
    people = [n["id"] for n in graph.nodes if n["kind"] == "Person" and n["id"] != centre]
    things = [n for n in graph.nodes if n["kind"] != "Person"]
    where: dict[str, tuple[float, float]] = {}
    if centre:
        where[centre] = (cx, cy)
    inner = 0.0 if not people else (170.0 if centre else 190.0)
    angles: dict[str, float] = {}
    for i, node in enumerate(people):
        angles[node] = 2 * math.pi * i / len(people) - math.pi / 2
        where[node] = (cx + inner * math.cos(angles[node]), cy + inner * 0.8 * math.sin(angles[node]))
    linked: dict[str, list[float]] = defaultdict(list)
    for edge in graph.edges:
        if edge["source"] in angles:
            linked[edge["target"]].append(angles[edge["source"]])
    # Mean direction of the people a thing links, so edges stay short; then spread evenly in that order.
    def direction(node) -> tuple[float, int]:
        vectors = linked.get(node["id"]) or [0.0]
        mean = math.atan2(sum(map(math.sin, vectors)), sum(map(math.cos, vectors)))
        return (mean, KIND_ORDER.get(node["kind"], 9))
    things.sort(key=direction)
    outer = 320.0
    for i, node in enumerate(things):
        angle = 2 * math.pi * i / max(1, len(things)) - math.pi / 2
        where[node["id"]] = (cx + outer * math.cos(angle), cy + outer * 0.88 * math.sin(angle))
    return {k: (round(x, 1), round(y, 1)) for k, (x, y) in where.items()}


@dataclass
class TimelineFigure:
    width: float
    ticks: list[tuple[float, int]]
    dots: list[tuple[float, int, int]]  # x, year, how many events
    first: int
    last: int


def timeline_figure(events: list[Event], width: float = 900.0, margin: float = 40.0) -> TimelineFigure | None:
    years = [e.year for e in events if e.year]
    if not years:
        return None
    first, last = min(years), max(years)
    if last == first:
        first, last = first - 1, last + 1

    def x(year: int) -> float:
        return round(margin + (width - 2 * margin) * (year - first) / (last - first), 1)

    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if (last - first) / s <= 10)
    ticks = [(x(year), year) for year in range(first - first % step + step if first % step else first, last + 1, step)]
    counts: dict[int, int] = defaultdict(int)
    for year in years:
        counts[year] += 1
    return TimelineFigure(width, ticks, [(x(y), y, n) for y, n in sorted(counts.items())], first, last)
