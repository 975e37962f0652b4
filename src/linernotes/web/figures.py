"""Geometry for the pictures the explorer draws as inline SVG (no script, no tiles, no network):
the map's projection and outlines, and the timeline's axis (the graph's layout: ``graph_layout``)."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

from ..kb.explore import Event
from ..model import DATE_RELATIONS, RELATION_TABLE
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


Ring = list[tuple[float, float]]


def _clip(ring: Ring, low: float, high: float) -> Ring:
    """The part of a polygon between two meridians (Sutherland–Hodgman against each in turn)."""
    for bound, inside in ((low, lambda lon: lon >= low), (high, lambda lon: lon <= high)):
        out: Ring = []
        for a, b in zip(ring, ring[1:] + ring[:1]):
            if inside(a[0]):
                out.append(a)
            if inside(a[0]) != inside(b[0]):  # the edge crosses the bound: add where
                out.append((bound, a[1] + (b[1] - a[1]) * (bound - a[0]) / (b[0] - a[0])))
        ring = out
        if not ring:
            break
    return ring


def split_ring(ring: Ring) -> list[Ring]:
    """A ring as pieces that each stay within the map and within 180° of longitude.

    Outlines that cross the antimeridian (Russia, Fiji) jump from +180 to -180: drawn as given, that
    jump is a line across the whole map. They are made continuous, then cut at ±180 into the pieces
    on either edge. A ring around a pole (Antarctica) is closed along the pole, then cut at 0°.
    """
    points = list(ring)
    jumps = [i for i, (a, b) in enumerate(zip(points, points[1:] + points[:1])) if abs(a[0] - b[0]) > 180]
    if not jumps:
        return [points]
    if len(jumps) % 2:  # around a pole: follow the edge of the map to it and back
        i = jumps[0]
        a, b = points[i], points[(i + 1) % len(points)]
        pole = -90.0 if sum(lat for _, lat in points) < 0 else 90.0
        east, west = math.copysign(180.0, a[0]), math.copysign(180.0, b[0])
        points = points[i + 1:] + points[:i + 1] + [(east, a[1]), (east, pole), (west, pole), (west, b[1])]
        windows = [(-180.0, 0.0), (0.0, 180.0)]
        shifts = [0.0]
    else:  # unwrap: each point within 180° of the one before it
        unwrapped = [points[0]]
        for lon, lat in points[1:]:
            previous = unwrapped[-1][0]
            unwrapped.append((lon + 360.0 * round((previous - lon) / 360.0), lat))
        points = unwrapped
        windows = [(-180.0, 180.0)]
        shifts = [-360.0, 0.0, 360.0]
    pieces = []
    for shift in shifts:
        moved = [(lon + shift, lat) for lon, lat in points]
        for low, high in windows:
            piece = _clip(moved, low, high)
            if len(piece) >= 3:
                pieces.append(piece)
    return pieces


def _path(rings) -> str:
    return " ".join("M" + " L".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in piece)) + "Z"
                    for ring in rings for piece in split_ring(list(ring)))


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str, str], ...]:
    """``(iso2, name, SVG path)`` of every country outline, projected once per process."""
    return tuple((outline.iso2, outline.name, _path(outline.rings)) for outline in outlines())


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


def map_figure(places: list[dict[str, Any]], labelled: int = 30) -> MapFigure:
    """The world, zoomed to the places shown, with a dot per place (or per cluster of places too close
    to tell apart) sized by how often they are named, and labels that do not collide."""
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
    label_size = round(width / 70, 2)
    most = max((p["facts"] for p in places), default=1)
    shown = []
    for cluster in _clusters(places, near=width / 40):
        first = cluster[0]
        facts = sum(p["facts"] for p in cluster)
        x, y = project(first["longitude"], first["latitude"])
        radius = width / 160 * (1 + 2 * math.sqrt(min(facts, most) / most))
        shown.append({**first, "x": x, "y": y, "r": round(radius, 2), "facts": facts,
                      "members": [p["name"] for p in cluster]})
    _place_labels(shown, label_size, (x0, y0, x1, y1), labelled)
    # A country named as a place ("toured Kazakhstan") has no country of its own: it is its own.
    countries_with_places = {p.get("country") or country_of_ref(p.get("ref")) for p in places}
    countries = [(iso2, name, d, bool(iso2) and iso2 in countries_with_places) for iso2, name, d in country_paths()]
    return MapFigure(f"{x0:.1f} {y0:.1f} {width:.1f} {y1 - y0:.1f}", countries, shown,
                     label_size, round(width / 1200, 3))


def _clusters(places: list[dict[str, Any]], near: float) -> list[list[dict[str, Any]]]:
    """Places closer than ``near`` (in drawn units) as one dot, led by the most named (they come first).

    A grid of ``near``-sized cells finds the neighbours, so this stays linear in the places."""
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    clusters: list[list[dict[str, Any]]] = []
    centres: list[tuple[float, float]] = []
    for place in places:
        x, y = project(place["longitude"], place["latitude"])
        cell = (int(x // near), int(y // near))
        home = next((i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in grid[cell[0] + dx, cell[1] + dy]
                     if math.dist(centres[i], (x, y)) < near), None)
        if home is None:
            home = len(clusters)
            clusters.append([])
            centres.append((x, y))
            grid[cell].append(home)
        clusters[home].append(place)
    return clusters


def _place_labels(dots: list[dict[str, Any]], size: float, bounds: tuple[float, float, float, float],
                  most: int) -> None:
    """Label the most named dots where a label overlaps no other label or dot (right, left, above,
    below, in that order); the rest show their name on hover and focus. Sets ``label`` and ``labelled``."""
    # Labels avoid the biggest dots (drawn first, where the eye goes) and each other.
    taken = [(d["x"] - d["r"], d["y"] - d["r"], d["x"] + d["r"], d["y"] + d["r"]) for d in dots[:200]]

    def free(box, own) -> bool:
        inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
        return inside and not any(i != own and box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]
                                  for i, t in enumerate(taken))

    for index, dot in enumerate(dots):
        more = len(dot["members"]) - 1
        text = dot["name"] + (f" +{more}" if more else "")
        w, h, gap = len(text) * size * 0.56, size, dot["r"] * 1.3
        x, y = dot["x"], dot["y"]
        spots = [(x + gap, y + h / 3, "start", (x + gap, y - h * 2 / 3, x + gap + w, y + h / 3)),
                 (x - gap, y + h / 3, "end", (x - gap - w, y - h * 2 / 3, x - gap, y + h / 3)),
                 (x, y - gap - h / 4, "middle", (x - w / 2, y - gap - h, x + w / 2, y - gap)),
                 (x, y + gap + h * 3 / 4, "middle", (x - w / 2, y + gap, x + w / 2, y + gap + h))]
        spot = next((s for s in spots if free(s[3], index)), None) if index < most else None
        dot["labelled"] = spot is not None
        lx, ly, anchor, box = spot or spots[0]
        dot["label"] = {"text": text, "x": round(lx, 2), "y": round(ly, 2), "anchor": anchor}
        if spot:
            taken.append(box)


def event_label(event: Event) -> str:
    """What an event was, in words: "toured Japan", "was born in Aktobe, KZ" (a birth with its place)."""
    if event.relation in DATE_RELATIONS:
        if event.details:
            relation, value = event.details[0]
            return f"{RELATION_TABLE[relation].phrase} {value}"
    return f"{RELATION_TABLE[event.relation].phrase} {event.value}"


@dataclass
class TimelineFigure:
    width: float
    ticks: list[tuple[float, int]]
    dots: list[tuple[float, int, int]]  # x, year, how many events
    first: int
    last: int
    labels: list[dict[str, Any]] = field(default_factory=list)  # x, y, text, axis x, and the event's year
    height: float = 80.0
    axis: float = 40.0  # the axis's y


LANE = 18.0  # px between rows of labels
MOST_LANES = 10  # rows above the axis; events beyond them are in the list under the picture


def timeline_figure(events: list[Event], width: float = 900.0, margin: float = 40.0) -> TimelineFigure | None:
    """An axis of years with a dot per year and a label per event, in rows above the axis so that no
    two labels overlap (each joined to its year by a thin line)."""
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
    ends = [-1e9] * MOST_LANES  # where each row's last label ends
    placed = []
    for event in sorted((e for e in events if e.year), key=lambda e: (e.date, e.relation)):
        text = event_label(event)
        text = text if len(text) <= 32 else text[:31] + "…"
        span = len(text) * 6.4 + 8
        at = x(event.year)
        left = min(max(at - 4, 2.0), width - span)  # the label starts at its year, kept inside
        lane = next((i for i, end in enumerate(ends) if end < left), None)
        if lane is None:
            continue
        ends[lane] = left + span
        placed.append({"x": round(left, 1), "lane": lane, "text": text, "axis_x": at, "year": event.year})
    lanes = 1 + max((p["lane"] for p in placed), default=0)
    axis = 30 + lanes * LANE
    for label in placed:
        label["y"] = round(axis - 16 - label["lane"] * LANE, 1)
    return TimelineFigure(width, ticks, [(x(y), y, n) for y, n in sorted(counts.items())], first, last, placed,
                          axis + 40, axis)
