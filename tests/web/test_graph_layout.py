"""Where the graph's nodes go and which names and links are written."""
from __future__ import annotations

from linernotes.kb.explore import Graph
from linernotes.web import graph_layout


def _node(node_id, kind="Person"):
    return {"id": node_id, "kind": kind, "name": node_id.upper()}


def _edge(source, target, relation="collaborator"):
    return {"source": source, "target": target, "relation": relation}


def test_graph_layout_centres_the_person_and_keeps_every_node_inside():
    nodes = [_node("p1"), _node("p2"), _node("e1", "Ensemble"), _node("e2", "Place")]
    edges = [_edge("p1", "e1", "member_of"), _edge("p2", "e1", "member_of"), _edge("p2", "e2", "born_in"),
             _edge("p1", "p2")]
    layout = graph_layout.graph_layout(Graph(nodes, edges, 2), centre="p1")
    assert layout["p1"] == (graph_layout.GRAPH_WIDTH / 2, graph_layout.GRAPH_HEIGHT / 2)
    assert set(layout) == {"p1", "p2", "e1", "e2"}
    assert all(0 <= x <= graph_layout.GRAPH_WIDTH and 0 <= y <= graph_layout.GRAPH_HEIGHT for x, y in layout.values())
    assert graph_layout.graph_layout(Graph(nodes, edges, 2), centre="p1") == layout  # a fixed seed: drawn the same


def test_graph_layout_keeps_clusters_apart():
    """Two bands with no link between them: drawn in separate regions, with room between them."""
    nodes, edges = [], []
    for band in ("a", "b"):
        nodes.append(_node(f"e{band}", "Ensemble"))
        for i in range(6):
            nodes.append(_node(f"p{band}{i}"))
            edges.append(_edge(f"p{band}{i}", f"e{band}", "member_of"))
        edges += [_edge(f"p{band}{i}", f"p{band}{i + 1}") for i in range(5)]
    layout = graph_layout.graph_layout(Graph(nodes, edges, 12))
    regions = []
    for band in ("a", "b"):
        points = [xy for node, xy in layout.items() if node[1] == band]
        regions.append((min(x for x, _ in points), min(y for _, y in points),
                        max(x for x, _ in points), max(y for _, y in points)))
    (a, b) = regions
    gap = max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])
    assert gap > 40, regions
    assert all(40 <= x <= graph_layout.GRAPH_WIDTH - 40 and 40 <= y <= graph_layout.GRAPH_HEIGHT - 40 for x, y in layout.values())


def test_graph_labels_do_not_overlap_nodes_or_each_other():
    nodes = [_node(f"p{i}") for i in range(40)]
    edges = [_edge(f"p{i}", f"p{i + 1}", "student_of") for i in range(39)]
    graph = Graph(nodes, edges, 40)
    layout = graph_layout.graph_layout(graph)
    names, edge_labels = graph_layout.graph_labels(graph, layout)
    assert names and edge_labels
    dots = [(x - 10, y - 10, x + 10, y + 10) for x, y in layout.values()]
    labels = [(x - len(n) * 3.7, y - 12, x + len(n) * 3.7, y + 5)
              for n, (x, y) in ((node_id.upper(), names[node_id]) for node_id in names)]

    def overlap(a, b) -> bool:
        return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1

    for i, label in enumerate(labels):
        assert not any(overlap(label, other) for other in labels[i + 1:] + dots), label


def test_an_empty_graph_has_no_positions():
    assert graph_layout.graph_layout(Graph([], [], people_shown=0)) == {}  # a filter nobody matches
