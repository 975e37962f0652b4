"""Queries: people by filter, a profile with evidence, full-text search, corrections by hand."""
from __future__ import annotations

import pytest

from linernotes.errors import NotFound, StoreError
from linernotes.kb import corrections, query
from linernotes.kb.ingest import ingest

from ..conftest import EXAMPLES, write_corpus

from .corpus import CORPUS, IVAN_B


@pytest.fixture()
def filled(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


def test_people_filters(filled):
    assert [p["name"] for p in query.people(filled, instrument="saxophone")] == ["Iván Imankulov"]
    assert [p["name"] for p in query.people(filled, instrument="accordion")] == ["Vivaan Imankulov"]
    assert [p["name"] for p in query.people(filled, place="Almaty")] == ["Iván Imankulov"]
    # no institution is called just "conservatory": the filter falls back to "contains"
    assert [p["name"] for p in query.people(filled, institution="conservatory")] == ["Iván Imankulov"]
    assert query.people(filled, instrument="theremin") == []
    with pytest.raises(StoreError, match="E025"):
        query.people(filled, colour="blue")


def test_place_filters_know_what_lies_in_a_country(filled):
    names = lambda place: [p["name"] for p in query.people(filled, place=place)]  # noqa: E731
    # Born in Almaty: found by the city, its old name, the country, its code and its Soviet name.
    for place in ["Almaty", "Alma-Ata", "Kazakhstan", "KZ", "Kazakh SSR", "Republic of Kazakhstan"]:
        assert "Iván Imankulov" in names(place), place
    assert names("Kazakhstan") == names("KZ") == names("Kazakh SSR")
    assert "Vivaan Imankulov" not in names("Kazakhstan")  # born in Karakol, Kyrgyzstan
    assert names("Kyrgyzstan") == names("KG") == ["Vivaan Imankulov"]
    assert names("Issyk-Kul Region") == ["Vivaan Imankulov"]  # Karakol's first-level region
    assert query.people(filled, place="Uzbekistan") == []
    # with another filter, both must hold
    assert [p["name"] for p in query.people(filled, place="KZ", instrument="saxophone")] == ["Iván Imankulov"]
    assert query.people(filled, place="KZ", instrument="accordion") == []


def test_place_filter_on_the_examples_is_one_answer_for_a_name_and_a_code(store):
    ingest(store, [str(EXAMPLES / "bios")])
    by_name = query.people(store, place="Kazakhstan", limit=500)
    assert by_name and by_name == query.people(store, place="KZ", limit=500)
    with store.reading() as tx:  # everyone born in a Kazakh town (Aktobe, Karaganda...) is found by the country
        in_kazakhstan = {e["id"] for e in tx.entities(kind="Place") if e["country"] == "KZ"}
        born_there = {f["person_id"] for f in tx.facts_where(["born_in"], limit=5000) if f["entity_id"] in in_kazakhstan}
    assert born_there and born_there <= {p["id"] for p in by_name}


def test_show_groups_facts_with_sentences_and_documents(filled):
    profile = query.show(filled, "Ivan Imankulov")
    assert profile.name == "Iván Imankulov"
    assert profile.documents == ["ivan_a.txt", "ivan_b.txt"]
    groups = profile.grouped()
    (born,) = [f for f in groups["life"] if f["relation"] == "born_in"]
    assert born["value"] == "Almaty" and born["document"] == "ivan_a.txt"
    assert born["evidence"] == "He was born in Almaty in 1985."
    founded = [f for f in groups["ensembles and collaborators"] if f["relation"] == "founded"]
    assert founded and founded[0]["document"] == "ivan_b.txt" and founded[0]["evidence"] in IVAN_B
    assert query.show(filled, f"#{profile.id}").name == profile.name


def test_show_unknown_or_ambiguous_names(filled):
    with pytest.raises(NotFound, match="E022"):
        query.show(filled, "Nobody Atall")
    with pytest.raises(StoreError, match="E023"):
        query.show(filled, "Imankulov")  # a surname that two people share


def test_search_finds_documents_and_facts(filled):
    hits = query.search(filled, "jazz quartet")
    assert hits[0].document == "ivan_b.txt"
    assert any("Quartet" in s for s in hits[0].snippets)
    assert any(f["relation"] == "founded" for f in hits[0].facts)
    assert query.search(filled, "zzzz nothing") == []


def test_search_treats_sql_and_markup_as_words(filled):
    assert query.search(filled, "'; DROP TABLE documents; --") == []
    with filled.reading() as tx:
        assert tx.counts()["documents"] == 4


def test_split_and_merge_survive_reingest(filled, tmp_path):
    parts = corrections.split(filled, "Ivan Imankulov", "ivan_b.txt", note="different saxophonists")
    assert sorted(p.documents for p in parts) == [["ivan_a.txt"], ["ivan_b.txt"]]
    corpus = tmp_path / "bios"
    (corpus / "ivan_b.txt").write_text(IVAN_B + " He also teaches.", encoding="utf-8")
    ingest(filled, [str(corpus)])  # new rows for ivan_b.txt, same name: the split still holds
    with filled.reading() as tx:
        assert len(tx.people_named("Ivan Imankulov")) == 2
    merged = corrections.merge(filled, "#%d" % parts[0].id, "#%d" % parts[1].id)
    assert sorted(merged.documents) == ["ivan_a.txt", "ivan_b.txt"]
    assert any("by hand" in r["reason"] for r in merged.reasons)
    ingest(filled, [str(corpus)])
    with filled.reading() as tx:
        assert len(tx.people_named("Ivan Imankulov")) == 1


def test_split_needs_a_document_of_the_profile(filled):
    with pytest.raises(StoreError, match="no description from"):
        corrections.split(filled, "Ivan Imankulov", "vivaan.txt")
    with pytest.raises(StoreError, match="alone"):
        corrections.split(filled, "Vivaan Imankulov", "vivaan.txt")


def test_a_merged_profile_lists_each_fact_once_with_all_its_sources(filled):
    parts = corrections.split(filled, "Ivan Imankulov", "ivan_b.txt")
    merged = corrections.merge(filled, "#%d" % parts[0].id, "#%d" % parts[1].id)
    profile = query.show(filled, merged.id)
    listed = [(f["relation"], f["label"] or f["value"]) for fs in profile.grouped().values() for f in fs]
    assert len(listed) == len(set(listed))  # each (relation, value) once
    # Both documents call him a saxophonist and a man: one statement, two sources, both fact ids kept.
    for relation, value in [("occupation", "saxophonist"), ("gender", "male")]:
        (said,) = [f for fs in profile.grouped().values() for f in fs if f["relation"] == relation
                   and (f["label"] or f["value"]) == value]
        assert [s["document"] for s in said["sources"]] == ["ivan_a.txt", "ivan_b.txt"], relation
        underlying = [f["id"] for f in profile.facts if f["relation"] == relation and (f["label"] or f["value"]) == value]
        assert sorted(said["fact_ids"]) == sorted(underlying) and len(underlying) == 2
        assert said["id"] in said["fact_ids"] and all(s["evidence"] for s in said["sources"])
    # The flat list, for review one fact at a time, still has every fact.
    assert len(profile.by_confidence()) == len(profile.facts) > len(listed)
    assert "sources" in profile.to_dict()["facts"]["identity"][0]


def test_marked_cuts_a_text_at_the_words_searched_for():
    from linernotes.kb.query import marked

    assert marked("She plays the Kobyz, kobyz and the saxophone.", "kobyz") == [
        ("She plays the ", False), ("Kobyz", True), (", ", False), ("kobyz", True), (" and the saxophone.", False)]
    assert marked("<b>Almaty</b>", "almaty <b>") == [("<b>", False), ("Almaty", True), ("</b>", False)]
    assert marked("the of", "the") == [("the of", False)]  # stop words are not searched, so not marked


def test_people_table_gives_the_columns_and_facet_counts(filled, tmp_path):
    table = query.people_table(filled)
    ivan = next(r for r in table.rows if r["name"] == "Iván Imankulov")
    assert ivan["instrument"] == ["saxophone"] and ivan["genre"] == ["jazz"] and ivan["born"] == ["1985"]
    assert ivan["place"][0].startswith("Almaty") and ivan["documents"] == 2 and ivan["checks"] == 0
    assert table.exact and table.counted == len(query.people(filled, limit=1000))
    counts = {facet: {v["value"]: v["people"] for v in values} for facet, values in table.facets.items()}
    assert counts["instrument"] == {"saxophone": 1, "accordion": 1}
    assert counts["country"]["Kazakhstan"] == 1 and counts["country"]["Kyrgyzstan"] == 1
    assert "Steppe Jazz Quartet" in counts["ensemble"]
    # a facet value, given back as a filter, lists as many people as it counted
    for facet, values in table.facets.items():
        for value in values:
            given = value["key"] if facet == "country" else value["value"]
            listed = query.people(filled, limit=1000, **{query.FACETS[facet]: given})
            assert len(listed) == value["people"], (facet, value)
    narrowed = query.people_table(filled, place="KG")
    assert [r["name"] for r in narrowed.rows] == ["Vivaan Imankulov"]
    assert {v["value"] for v in narrowed.facets["instrument"]} == {"accordion"}


def test_facet_counts_are_bounded_by_the_sample(filled, monkeypatch):
    monkeypatch.setattr(query, "FACET_SAMPLE", 1)
    table = query.people_table(filled)
    assert not table.exact and table.sample == 1 and table.counted == 2
    assert sum(v["people"] for v in table.facets["instrument"]) <= 1


def test_people_sorted_by_birth_lists_those_with_a_birth_date(filled, tmp_path):
    from linernotes.kb.ingest import ingest_text

    ingest_text(filled, "older.txt", "Dina Nurpeisova is a Kazakh dombra player. She was born in 1961 in Taraz.")
    born = query.people(filled, sort="born")
    assert [p["name"] for p in born] == ["Dina Nurpeisova", "Iván Imankulov"]


def test_a_page_in_id_order_within_the_sample_is_drawn_from_it(filled, monkeypatch):
    """Past the sample the list in id order is still exact: pages that lie within the first
    FACET_SAMPLE + 1 people come from the sample (no second query), the others from the list's own."""
    from linernotes.store import Tx

    monkeypatch.setattr(query, "FACET_SAMPLE", 1)
    everyone = [p["id"] for p in query.people(filled, sort="id", limit=1000)]
    assert len(everyone) >= 3  # more than the sample of FACET_SAMPLE + 1 = 2 ids
    given = []
    own_people_list = Tx.people_list
    monkeypatch.setattr(Tx, "people_list", lambda self, *a, **k: given.append(k.get("among")) or own_people_list(self, *a, **k))
    for offset, limit, drawn_from_sample in [(0, 1, True), (1, 1, True), (0, 2, True), (1, 2, False), (2, 1, False)]:
        given.clear()
        table = query.people_table(filled, sort="id", limit=limit, offset=offset)
        assert [r["id"] for r in table.rows] == everyone[offset:offset + limit], (offset, limit)
        assert (given[0] is not None) == drawn_from_sample, (offset, limit)
    first_by_name = [p["id"] for p in query.people(filled, limit=1)]
    given.clear()
    assert [r["id"] for r in query.people_table(filled, sort="name", limit=1).rows] == first_by_name
    assert given == [None]  # by name: its own query
