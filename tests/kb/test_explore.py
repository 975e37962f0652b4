"""What the explorer shows: marked documents, neighbours, timelines, graphs and places (both databases)."""
from __future__ import annotations

import pytest

from linernotes.kb import explore, query
from linernotes.kb.ingest import ingest
from linernotes.kb.query import find_person

from ..conftest import write_corpus
from .corpus import CORPUS, IVAN_CONTRADICTS


@pytest.fixture()
def kb(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


def person_id(store, name: str) -> int:
    with store.reading() as tx:
        return find_person(tx, name)


def test_segments_cover_the_text_and_mark_sentence_and_value():
    text = "Ana plays oud. Bo sings in Baku. Cy drums."
    mentions = [{"start_char": 0, "end_char": 3, "type": "Person"}, {"start_char": 10, "end_char": 13, "type": "Instrument"},
                {"start_char": 11, "end_char": 16, "type": "Place"},  # overlaps the instrument: dropped
                {"start_char": 27, "end_char": 31, "type": "Place", "label": "Baku, AZ"}]
    pieces = explore.segments(text, mentions, highlight=(27, 31))
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.mention) for p in pieces if p.mention] == [("Ana", "Person"), ("oud", "Instrument"), ("Baku", "Place")]
    assert "".join(p.text for p in pieces if p.evidence) == "Bo sings in Baku."
    assert [p.text for p in pieces if p.value] == ["Baku"]
    assert [p.text for p in pieces if p.first_evidence] == ["Bo sings in "]
    assert not any(p.evidence for p in explore.segments(text, mentions, highlight=(40, 99)))  # out of range: ignored


def test_document_groups_facts_by_person(kb):
    page = explore.document(kb, "ivan_b.txt", highlight=(0, 14))
    assert page["people"][0]["name"] == "Iván Imankulov"
    assert {f["relation"] for f in page["people"][0]["facts"]} >= {"founded", "occupation"}
    assert any(s.evidence for s in page["segments"])


def test_timeline_dates_events_not_states(kb):
    page = explore.person_page(kb, person_id(kb, "Iván Imankulov"))
    events = [(e.date, e.relation, e.value) for e in page.events]
    birth = next(e for e in page.events if e.relation == "birth_date")
    assert birth.date == "1985" and [r for r, _ in birth.details] == ["born_in"]  # one event: born 1985 in Almaty
    assert not any(relation == "born_in" for _, relation, _ in events)
    assert any(date == "2010" and relation == "founded" for date, relation, _ in events)
    assert not any(relation in ("occupation", "instrument") for _, relation, _ in events)
    assert [e.date for e in page.events] == sorted(e.date for e in page.events)


def test_person_page_ensembles_and_checks_beside_facts(kb, tmp_path):
    ingest(kb, [str(write_corpus(tmp_path / "more", {"ivan_c.txt": IVAN_CONTRADICTS}))])
    page = explore.person_page(kb, person_id(kb, "Iván Imankulov"))
    assert [e["name"] for e in page.ensembles] == ["Steppe Jazz Quartet"]
    facts = {f["id"]: f for f in page.profile.facts}
    beside = {(facts[i]["relation"], c["code"]) for i, checks in page.checks_by_fact.items() for c in checks}
    assert ("born_in", "cross-document-contradiction") in beside  # Almaty or Shymkent: shown at both facts
    assert not any(c["code"] == "cross-document-contradiction" for c in page.other_checks)


def test_graph_of_a_person_and_of_a_filter(kb):
    ivan = person_id(kb, "Iván Imankulov")
    drawn = explore.graph(kb, person_id=ivan)
    kinds = {(n["kind"], n["name"]) for n in drawn.nodes}
    assert ("Ensemble", "Steppe Jazz Quartet") in kinds and ("Instrument", "saxophone") in kinds
    ids = {n["id"] for n in drawn.nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in drawn.edges)
    accordion = explore.graph(kb, instrument="accordion")
    assert [n["name"] for n in accordion.nodes if n["kind"] == "Person"] == ["Vivaan Imankulov"]


def test_places_have_coordinates_and_follow_filters(kb):
    everywhere = explore.places(kb)
    assert everywhere and all(p["latitude"] is not None for p in everywhere)
    almaty = next(p for p in everywhere if p["name"].startswith("Almaty"))
    assert almaty["country"] == "KZ" and almaty["facts"] >= 1
    assert [p["name"].split(",")[0] for p in explore.places(kb, instrument="accordion")] == ["Karakol"]
    # The places of people with a place in a country: the hierarchy holds on the map too.
    assert [p["name"].split(",")[0] for p in explore.places(kb, place="KG")] == ["Karakol"]
    assert "Karakol" not in {p["name"].split(",")[0] for p in explore.places(kb, place="Kazakhstan")}
    assert explore.places(kb, place="Kazakhstan") == explore.places(kb, place="KZ") != []


TOURING = "Aliya Nurova is a dombra player from Taraz. In 2015 she toured Japan and performed in Berlin."


def test_every_place_on_the_map_and_the_graph_lists_its_people(kb, tmp_path):
    """A place named only by a tour or a concert is a place too: its dot and node lead to the people."""
    ingest(kb, [str(write_corpus(tmp_path / "more", {"aliya.txt": TOURING}))])
    names = {p["name"] for p in explore.places(kb)}
    assert "Berlin, DE" in names  # the map shows places with coordinates: cities, not countries
    for name in names:
        assert query.people(kb, place=name), name
    drawn = explore.graph(kb, person_id=person_id(kb, "Aliya Nurova"))
    places = [n for n in drawn.nodes if n["kind"] == "Place"]
    assert {"Japan", "Berlin, DE"} <= {n["name"] for n in places}
    for node in places:
        assert "Aliya Nurova" in [p["name"] for p in query.people(kb, **{node["filter"]: node["name"]})]


TEACHERS = {
    "dana.txt": "Dana Serikova is a kobyz player from Almaty. She studied with Rauf Mammadli at the conservatory.",
    "rauf.txt": "Rauf Mammadli is an Azerbaijani tar player born in Baku. He taught Elchin Guliyev.",
    "elchin.txt": "Elchin Guliyev is a tar player from Baku. He is married to Leyla Guliyeva.",
    "leyla.txt": "Leyla Guliyeva is a singer from Ganja. She is a member of the Caspian Ensemble.",
    "murad.txt": "Murad Aliyev is a drummer from Baku. He is a member of the Caspian Ensemble.",
}


def _person_links(drawn) -> set[tuple[str, str, str]]:
    names = {n["id"]: n["name"] for n in drawn.nodes}
    return {(names[e["source"]], e["relation"], names[e["target"]]) for e in drawn.edges if e["target"].startswith("p")}


def test_graph_draws_people_linked_to_people_as_deep_as_asked(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "teachers", TEACHERS))])
    dana = person_id(store, "Dana Serikova")
    near = explore.graph(store, person_id=dana)
    assert _person_links(near) == {("Dana Serikova", "student_of", "Rauf Mammadli")}
    # Two links away: Rauf's other student, told as "he taught" and drawn the same way round as "studied with".
    further = explore.graph(store, person_id=dana, depth=2)
    assert ("Elchin Guliyev", "student_of", "Rauf Mammadli") in _person_links(further)
    assert "Leyla Guliyeva" not in {n["name"] for n in further.nodes}
    assert ("Elchin Guliyev", "spouse", "Leyla Guliyeva") in _person_links(explore.graph(store, person_id=dana, depth=3))
    assert explore.graph(store, person_id=dana, depth=3, limit=2).truncated  # room for two people only
    everyone = explore.graph(store)
    assert _person_links(everyone) == {("Dana Serikova", "student_of", "Rauf Mammadli"),
                                       ("Elchin Guliyev", "student_of", "Rauf Mammadli"),
                                       ("Elchin Guliyev", "spouse", "Leyla Guliyeva")}
    things = {n["name"] for n in everyone.nodes if n["kind"] != "Person"}
    assert {"Caspian Ensemble", "tar", "Baku, AZ"} <= things  # each shared by two people
    assert "kobyz" not in things and "Almaty, KZ" not in things  # one person's alone: no link to show
    assert {n["kind"] for n in explore.graph(store, kinds=("Ensemble",)).nodes} == {"Person", "Ensemble"}


CAREER = ("Askar Temirov (14 May 1931 – 2 June 1998) was a Kazakh dombra player. He was born in Taraz. "
          "In 1955 he joined the Zhetysu Folk Orchestra. He recorded for the Soviet label Melodiya; his best-known "
          "work is the kui \"Kulan's Run\" (1958). His album \"Seven Rivers\" was released by Melodiya. "
          "He died in Almaty in 1998.")


def test_timeline_gives_each_event_once_with_its_own_sentences_date(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "career", {"askar.txt": CAREER}))])
    events = explore.person_page(store, person_id(store, "Askar Temirov")).events
    dated = {(e.relation, e.value): e.date for e in events}
    assert dated[("member_of", "Zhetysu Folk Orchestra")] == "1955"
    assert dated[("notable_work", "Kulan's Run")] == "1958"  # its bracketed year
    assert ("notable_work", "Seven Rivers") not in dated  # its sentence gives no year: none from another
    assert not any(relation == "record_label" for relation, _ in dated)  # the label's clause has no year
    deaths = [e for e in events if e.relation == "death_date"]
    assert len(deaths) == 1 and deaths[0].date == "1998-06-02"  # "1998" and "2 June 1998": one death
    assert len(deaths[0].sources) == 2 and [r for r, _ in deaths[0].details] == ["died_in"]
    assert [e.date for e in events] == sorted(e.date for e in events)
