"""Geometry of the map, the graph and the timeline."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from linernotes.kb.explore import Event, Graph
from linernotes.web import figures


def test_projection_and_world_svg():
    assert figures.project(-180, 90) == (0.0, 0.0)
    assert figures.project(0, 0) == (480.0, 240.0)
    root = ET.fromstring(figures.world_svg())
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 150


def test_map_zooms_to_its_places():
    places = [{"name": "Almaty", "latitude": 43.25, "longitude": 76.95, "facts": 4, "country": "KZ"},
              {"name": "Baku", "latitude": 40.4, "longitude": 49.9, "facts": 1, "country": "AZ"}]
    figure = figures.map_figure(places)
    x, y, width, height = map(float, figure.view_box.split())
    for place in figure.places:
        assert x <= place["x"] <= x + width and y <= place["y"] <= y + height
    assert width < 480 and abs(width / height - figures.ASPECT) < 0.01
    assert figure.places[0]["r"] > figure.places[1]["r"]  # named more often, drawn bigger
    assert {iso for iso, _, _, marked in figure.countries if marked} == {"KZ", "AZ"}
    assert figures.map_figure([]).view_box.startswith("0.0 ")  # nothing to show: the whole world


def test_graph_layout_places_every_node_inside():
    nodes = [{"id": "p1", "kind": "Person", "name": "A"}, {"id": "p2", "kind": "Person", "name": "B"},
             {"id": "e1", "kind": "Ensemble", "name": "E"}, {"id": "e2", "kind": "Place", "name": "P"}]
    edges = [{"source": "p1", "target": "e1", "relation": "member_of"}, {"source": "p2", "target": "e2", "relation": "born_in"}]
    layout = figures.graph_layout(Graph(nodes, edges, 2), centre="p1")
    assert layout["p1"] == (figures.GRAPH_WIDTH / 2, figures.GRAPH_HEIGHT / 2)
    assert set(layout) == {"p1", "p2", "e1", "e2"}
    assert all(0 <= x <= figures.GRAPH_WIDTH and 0 <= y <= figures.GRAPH_HEIGHT for x, y in layout.values())


def test_timeline_axis():
    events = [Event(1985, "born_in", "Almaty", "", "a.txt", 0, 1, "1985"),
              Event(2010, "founded", "Quartet", "", "a.txt", 0, 1, "2010"),
              Event(2010, "award", "Prize", "", "a.txt", 0, 1, "2010-05")]
    figure = figures.timeline_figure(events)
    assert (figure.first, figure.last) == (1985, 2010)
    assert [n for _, _, n in figure.dots] == [1, 2]
    assert all(40 <= x <= figure.width - 40 for x, _ in figure.ticks)
    assert figures.timeline_figure([]) is None


def test_a_country_named_as_a_place_marks_its_own_outline():
    toured = {"name": "Kyrgyzstan", "ref": "geonames:1527747", "country": None, "latitude": 41.5, "longitude": 75.0,
              "facts": 1}
    marked = {iso for iso, _, _, on in figures.map_figure([toured]).countries if on}
    assert marked == {"KG"}
