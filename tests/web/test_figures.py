"""Geometry of the map, the graph and the timeline."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from linernotes.kb.explore import Event
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


def _longitudes(path: str) -> list[list[float]]:
    """The longitudes of each piece (``M…Z``) of an SVG path drawn by ``figures.project``."""
    return [[float(point.split(",")[0]) / figures._SCALE - 180 for point in piece.replace("Z", "").split(" L")]
            for piece in path.replace("M", "|").split("|") if piece.strip()]


def test_no_outline_is_drawn_across_the_antimeridian():
    drawn = {iso: _longitudes(d) for iso, _, d in figures.country_paths()}
    assert all(max(p) - min(p) <= 180 for pieces in drawn.values() for p in pieces)
    # Russia keeps its far east (Chukotka, east of 180°) as a piece on the map's western edge.
    assert any(max(p) < -160 for p in drawn["RU"]) and any(min(p) > 20 for p in drawn["RU"])
    assert any(min(p) < -175 for p in drawn["FJ"]) and any(max(p) > 175 for p in drawn["FJ"])


def test_split_ring_unwraps_and_cuts_at_the_edges():
    square = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 0.0), (170.0, 0.0)]  # 20° wide across 180°
    pieces = figures.split_ring(square)
    assert sorted((min(p)[0], max(p)[0]) for p in pieces) == [(-180.0, -170.0), (170.0, 180.0)]
    polar = [(-180.0, -70.0), (0.0, -65.0), (180.0, -70.0)]  # around the south pole
    halves = figures.split_ring(polar)
    assert len(halves) == 2 and all(max(x for x, _ in h) - min(x for x, _ in h) <= 180 for h in halves)
    assert min(y for h in halves for _, y in h) == -90.0
    plain = [(10.0, 10.0), (20.0, 10.0), (20.0, 0.0)]
    assert figures.split_ring(plain) == [plain]


def _box(place, size):
    label = place["label"]
    width = len(label["text"]) * size * 0.56
    left = {"start": label["x"], "end": label["x"] - width, "middle": label["x"] - width / 2}[label["anchor"]]
    return left, label["y"] - size, left + width, label["y"]


def test_map_labels_do_not_collide_and_close_places_share_a_dot():
    places = [{"name": "Almaty", "latitude": 43.25, "longitude": 76.95, "facts": 5, "country": "KZ"},
              {"name": "Bishkek", "latitude": 42.87, "longitude": 74.59, "facts": 4, "country": "KG"},
              {"name": "Mumbai", "latitude": 19.08, "longitude": 72.88, "facts": 3, "country": "IN"},
              {"name": "Pune", "latitude": 18.52, "longitude": 73.86, "facts": 2, "country": "IN"},
              {"name": "Tashkent", "latitude": 41.3, "longitude": 69.24, "facts": 2, "country": "UZ"},
              {"name": "Navi Mumbai", "latitude": 19.03, "longitude": 73.03, "facts": 1, "country": "IN"}]
    figure = figures.map_figure(places)
    by_name = {p["name"]: p for p in figure.places}
    # Pune and Navi Mumbai are under a dot's width from Mumbai at this zoom; Bishkek and Almaty are not.
    assert by_name["Mumbai"]["members"] == ["Mumbai", "Pune", "Navi Mumbai"] and "Pune" not in by_name
    assert by_name["Mumbai"]["facts"] == 6 and by_name["Mumbai"]["label"]["text"] == "Mumbai +2"
    labelled = [p for p in figure.places if p["labelled"]]
    assert {p["name"] for p in labelled} == {"Almaty", "Bishkek", "Mumbai", "Tashkent"}
    boxes = [_box(p, figure.label_size) for p in labelled]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_timeline_labels_every_event_without_overlap():
    events = [Event(1931, "birth_date", "1931-05-14", "", "a.txt", 0, 1, "1931-05-14", [("born_in", "Taraz, KZ")]),
              Event(1955, "member_of", "Zhetysu Folk Orchestra", "", "a.txt", 0, 1, "1955"),
              Event(1956, "award", "Order of Lenin", "", "a.txt", 0, 1, "1956"),
              Event(1958, "notable_work", "Kulan's Run", "", "a.txt", 0, 1, "1958"),
              Event(1958, "toured", "Japan", "", "a.txt", 0, 1, "1958")]
    figure = figures.timeline_figure(events)
    assert [label["text"] for label in figure.labels] == [
        "was born in Taraz, KZ", "is a member of Zhetysu Folk Orc…", "received Order of Lenin",
        "is known for Kulan's Run", "toured Japan"]
    for i, a in enumerate(figure.labels):
        assert 0 <= a["x"] and a["x"] + len(a["text"]) * 6.4 <= figure.width
        for b in figure.labels[i + 1:]:
            if a["y"] == b["y"]:  # the same row: one ends before the next begins
                assert a["x"] + len(a["text"]) * 6.4 < b["x"] or b["x"] + len(b["text"]) * 6.4 < a["x"]
    assert 0 < min(label["y"] for label in figure.labels) and max(label["y"] for label in figure.labels) < figure.axis
