"""The explorer's graph drawn as inline SVG (no script): where each node goes and which names and
links are written, so that clusters stay apart and no label covers another."""
from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache

from ..kb.explore import Graph
from ..model import RELATION_TABLE

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

    if not ids:  # a filter nobody matches: nothing to place
        return {}
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
