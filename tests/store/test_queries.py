"""Reads over many people: filters from the index, counts that stop at a cap, the map's count of places."""
from __future__ import annotations

from linernotes.kb import query
from linernotes.kb.ingest import ingest

from ..conftest import write_corpus
from ..kb.corpus import CORPUS


def test_the_map_counts_each_place_fact_of_the_people_a_filter_finds(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    with store.reading() as tx:
        facts = list(tx.iter_facts())
        mapped = {e["id"] for e in tx.entities(kind="Place") if e["latitude"] is not None}
        for relations, value in [(query.FILTERS["instrument"], "saxophone"), (query.FILTERS["instrument"], "accordion"),
                                 (query.FILTERS["genre"], "jazz")]:
            having = {f["person_id"] for f in facts if f["relation"] in relations and value in (f["value"], f["label"])}
            expected = {}
            for f in facts:
                if f["person_id"] in having and f["entity_id"] in mapped:
                    expected[f["entity_id"]] = expected.get(f["entity_id"], 0) + 1
            counted = {p["id"]: p["facts"] for p in tx.places([(relations, value, None)])}
            assert counted == expected and expected, value
            # a second condition narrows the people: none plays both
            assert tx.places([(relations, value, None), (query.FILTERS["instrument"], "no such thing", None)]) == []


def test_a_count_of_people_stops_past_its_cap_and_is_exact_below_it(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    with store.reading() as tx:
        relations = query.FILTERS["place"]
        exact = len(tx.people_list([(relations, None, "a")], limit=1000))  # every place name with an "a"
        assert exact >= 2
        assert tx.count_people_upto(relations, None, "a", cap=1000) == exact
        assert tx.count_people_upto(relations, None, "a", cap=0) == 1  # cap + 1: "there are more"
        saxophone = len(tx.people_list([(query.FILTERS["instrument"], "saxophone", None)], limit=1000))
        assert tx.count_people_upto(query.FILTERS["instrument"], "saxophone", None, cap=1000) == saxophone == 1


def test_has_fact_sees_facts_not_rejected_by_value_place_or_part(store, tmp_path):
    from linernotes.kb import review
    from linernotes.reference.places import area

    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    instrument = query.FILTERS["instrument"]
    with store.reading() as tx:
        assert tx.has_fact(instrument, "saxophone") and tx.has_fact(instrument, "Accordion")
        assert tx.has_fact(query.FILTERS["place"], area("KG")) and tx.has_fact(instrument, contains="ccord")
        assert not tx.has_fact(instrument, "theremin") and not tx.has_fact(instrument, contains="theremin")
        accordion = tx.facts_where(instrument, value="accordion")
    assert len(accordion) == 1
    review.reject(store, accordion[0]["id"], "ana", "not an accordion")
    with store.reading() as tx:
        assert not tx.has_fact(instrument, "accordion") and not tx.has_fact(instrument, contains="ccord")
