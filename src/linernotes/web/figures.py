"""Geometry for the pictures the explorer draws as inline SVG (no script, no tiles, no network):
the map's projection and outlines, the graph's layout, the timeline's axis."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

from ..kb.explore import Event, Graph
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


GRAPH_WIDTH, GRAPH_HEIGHT = 1000.0, 720.0
#: The most people a graph draws, and what it may draw besides them.
GRAPH_MOST = 200
GRAPH_THINGS = {"all": None, "ensembles": ("Ensemble",), "none": ()}
#: Up to this many people a graph shows their instruments and places too; beyond, only ensembles
#: (unless asked): a shared instrument links everyone to everyone, and the picture says nothing.
ALL_THINGS_UP_TO = 50


def default_things(people: int) -> str:
    return "all" if people <= ALL_THINGS_UP_TO else "ensembles"


def graph_layout(graph: Graph, centre: str | None = None) -> dict[str, tuple[float, float]]:
    """Positions for the graph's nodes inside the picture: each group of linked nodes laid out on its
    own (networkx's spring layout, fixed seed: the same graph is drawn the same way each time), the
    groups then packed side by side, the biggest first, each given room by its size; so clusters
    stay apart and a lone pair does not push the rest into a corner.

    With a ``centre`` (a person's own graph) that person sits in the middle.
    """
    ids = [n["id"] for n in graph.nodes]
    links = tuple((e["source"], e["target"]) for e in graph.edges)
    return dict(_layout(tuple(ids), links, centre))


_MARGIN = 50.0  # room for the labels around the outermost nodes


@lru_cache(maxsize=64)  # a page is asked for again and again; its layout is the costly part
def _layout(ids: tuple[str, ...], links: tuple[tuple[str, str], ...], centre: str | None):
    import networkx as nx  # only the graph page needs it

    network = nx.Graph()
    network.add_nodes_from(ids)
    network.add_edges_from(links)
    groups = sorted((sorted(c) for c in nx.connected_components(network)), key=lambda c: (-len(c), c[0]))
    if centre in network:  # the person's own group fills the picture, their node in the middle
        own = next(g for g in groups if centre in g)
        groups = [own] + [g for g in groups if g is not own]
    shapes = [_spring(network.subgraph(group), centre) for group in groups]
    sides = [math.sqrt(len(group)) for group in groups]
    if centre in network and len(groups) == 1:
        boxes = [(0.0, 0.0, 1.0)]
        width = height = 1.0
    else:
        boxes, width, height = _pack(sides, (GRAPH_WIDTH - 2 * _MARGIN) / (GRAPH_HEIGHT - 2 * _MARGIN))
    scale_x, scale_y = (GRAPH_WIDTH - 2 * _MARGIN) / width, (GRAPH_HEIGHT - 2 * _MARGIN) / height
    if len(groups) > 1:  # keep the groups' shapes (circles stay circles)
        scale_x = scale_y = min(scale_x, scale_y)
    offset_x = (GRAPH_WIDTH - width * scale_x) / 2
    offset_y = (GRAPH_HEIGHT - height * scale_y) / 2
    out = []
    for shape, (left, top, side) in zip(shapes, boxes):
        for node, (x, y) in shape.items():  # x, y in -1..1 within the group's square
            out.append((node, (round(offset_x + (left + side * (x + 1) / 2) * scale_x, 1),
                               round(offset_y + (top + side * (y + 1) / 2) * scale_y, 1))))
    return tuple(out)


def _spring(group, centre: str | None) -> dict[str, tuple[float, float]]:
    """A group's positions in -0.8..0.8 (its centre person, if in it, at 0, 0): the rest of its square
    keeps it apart from the next group."""
    import networkx as nx

    nodes = sorted(group, key=lambda node: (node != centre, node))
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= 3 and centre not in group:  # a pair, a trio: a line, a triangle; no forces needed
        return {node: (round(0.55 * math.cos(2 * math.pi * i / len(nodes) + math.pi), 3),
                       round(0.55 * math.sin(2 * math.pi * i / len(nodes) + math.pi), 3)) for i, node in enumerate(nodes)}
    start = {node: (0.0, 0.0) for node in nodes if node == centre} or None
    # Fewer rounds on a big group: each round costs the square of its nodes.
    raw = nx.spring_layout(group, k=2.2 / math.sqrt(len(nodes)), iterations=60 if len(nodes) <= 150 else 30, seed=15,
                           pos=start, fixed=list(start) if start else None)
    if start:
        middle = (0.0, 0.0)
    else:
        middle = tuple((max(p[i] for p in raw.values()) + min(p[i] for p in raw.values())) / 2 for i in (0, 1))
    reach = [max(abs(p[i] - middle[i]) for p in raw.values()) or 1.0 for i in (0, 1)]
    return {node: (float(x - middle[0]) / reach[0] * 0.8, float(y - middle[1]) / reach[1] * 0.8)
            for node, (x, y) in raw.items()}


def _pack(sides: list[float], aspect: float) -> tuple[list[tuple[float, float, float]], float, float]:
    """Squares (biggest first) in rows, the row length chosen so the whole fits a picture of ``aspect``
    at the largest scale. Returns each square's (left, top, side) and the total width and height."""
    best = None
    lengths = sorted({sum(sides[:i + 1]) for i in range(len(sides))})
    for row_length in lengths[::max(1, len(lengths) // 40)] + lengths[-1:]:  # some 40 tries are plenty
        boxes, x, y, row_height, width = [], 0.0, 0.0, 0.0, 0.0
        for side in sides:
            if x and x + side > row_length + 1e-9:
                x, y, row_height = 0.0, y + row_height, 0.0
            boxes.append((x, y, side))
            x += side
            row_height = max(row_height, side)
            width = max(width, x)
        height = y + row_height
        fit = min(aspect / width, 1.0 / height)
        if best is None or fit > best[0]:
            best = (fit, boxes, width, height)
    return best[1], best[2], best[3]


def graph_labels(graph: Graph, layout: dict[str, tuple[float, float]], most: int = 80
                 ) -> tuple[dict[str, tuple[float, float]], set[int]]:
    """Where the nodes' names are written (by node), and the edges (by index) whose relation is, where they
    overlap no node and no other label: people first, the most linked first. The rest show on hover and focus
    (nodes) or in the list beside the picture (edges)."""
    degree: dict[str, int] = defaultdict(int)
    for edge in graph.edges:
        degree[edge["source"]] += 1
        degree[edge["target"]] += 1
    boxes = [(x - 11, y - 11, x + 11, y + 11) for x, y in layout.values()]

    def place(box) -> bool:
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            return False
        boxes.append(box)
        return True

    nodes: dict[str, tuple[float, float]] = {}
    # People first (the graph is about them), then the things most of them share.
    for node in sorted(graph.nodes, key=lambda n: (n["kind"] != "Person", -degree[n["id"]], n["name"] or "")):
        x, y = layout[node["id"]]
        width = min(len(node["name"] or ""), 26) * 7.4
        if len(nodes) >= most:
            break
        for baseline in (y + 24, y - 16):  # under the node, else over it
            if place((x - width / 2, baseline - 12, x + width / 2, baseline + 5)):
                nodes[node["id"]] = (x, round(baseline, 1))
                break
    edges = set()
    for index, edge in enumerate(graph.edges):
        if not edge["target"].startswith("p"):
            continue  # only links between people are labelled: a person's place or instrument says itself
        (ax, ay), (bx, by) = layout[edge["source"]], layout[edge["target"]]
        width = len(RELATION_TABLE[edge["relation"]].noun) * 6.2
        x, y = (ax + bx) / 2, (ay + by) / 2 - 3
        if math.dist((ax, ay), (bx, by)) > width * 0.8 and place((x - width / 2, y - 11, x + width / 2, y + 2)):
            edges.add(index)
    return nodes, edges


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
