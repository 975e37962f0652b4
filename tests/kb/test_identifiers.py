"""Identifiers: set by hand on a profile (every description), imported from CSV row by row, proposed by
the gazetteer and overridden by hand, and kept with the person through a split."""
from __future__ import annotations

import io

import pytest

from linernotes.errors import StoreError
from linernotes.kb.corrections import merge, split
from linernotes.kb.identifiers import (checked, ids_of_entities, ids_of_people, import_csv, iri, page, proposals,
                                       remove_id, scheme_of, set_id)
from linernotes.kb.ingest import ingest
from linernotes.kb.query import find_person

from ..conftest import write_corpus
from .corpus import CORPUS

MBID = "5b11f4ce-a62d-471e-81fc-a69a8278c7da"


@pytest.fixture()
def filled(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", CORPUS))])
    return store


def _ids(store, who):
    with store.reading() as tx:
        return {k: v.value for k, v in ids_of_people(tx, [find_person(tx, who)]).get(find_person(tx, who), {}).items()}


def test_ids_are_checked_and_normalised():
    assert checked("wikidata", " q232 ") == "Q232" and checked("musicbrainz", MBID.upper()) == MBID
    assert scheme_of("Q5") == "wikidata" and scheme_of(MBID) == "musicbrainz"
    for scheme, bad in (("wikidata", "Q0"), ("wikidata", "232"), ("musicbrainz", "5b11f4ce"), ("wikidata", MBID)):
        with pytest.raises(StoreError, match="E055"):
            checked(scheme, bad)


def test_a_profile_id_is_filed_under_every_description_and_survives_a_split(filled):
    set_id(filled, "Ivan Imankulov", "Q4115189")
    set_id(filled, "Ivan Imankulov", MBID)
    assert _ids(filled, "Ivan Imankulov") == {"wikidata": "Q4115189", "musicbrainz": MBID}
    people = split(filled, "Ivan Imankulov", "ivan_b.txt")
    with filled.reading() as tx:
        found = ids_of_people(tx, [p.id for p in people])
    assert {p.id: found[p.id]["wikidata"].value for p in people} == {p.id: "Q4115189" for p in people}


def test_after_merge_the_last_id_set_wins(filled):
    set_id(filled, "Vivaan Imankulov", "Q1")
    set_id(filled, "Ivan Imankulov", "Q2")
    merged = merge(filled, "Vivaan Imankulov", "Ivan Imankulov")
    with filled.reading() as tx:
        assert ids_of_people(tx, [merged.id])[merged.id]["wikidata"].value == "Q2"


def test_csv_import_reports_bad_rows_and_imports_the_rest(filled):
    text = "name,qid,mbid\nVivaan Imankulov,Q11,\nNobody Known,Q12,\nImankulov,Q13,\nAigerim Sadykova,Q14x,\n,Q15,\n"
    result = import_csv(filled, io.StringIO(text), path="ids.csv")
    assert [a.value for a in result.assigned] == ["Q11"]
    assert [e.split(":")[1] for e in result.errors] == ["3", "4", "5", "6"]
    assert "E022" in result.errors[0] and "E023" in result.errors[1] and "E055" in result.errors[2]
    assert _ids(filled, "Vivaan Imankulov") == {"wikidata": "Q11"}


def test_csv_without_an_id_column_is_refused(filled):
    with pytest.raises(StoreError, match="E058"):
        import_csv(filled, io.StringIO("person,wikidata\nIvan,Q1\n"), path="ids.csv")


def test_entities_by_name_gazetteer_proposals_and_hand_overrides(filled):
    with filled.reading() as tx:
        countries = [e for e in tx.entities(kind="Country") if e["name"] == "Kazakhstan"]
        ensemble = tx.entities(kind="Ensemble")[0]
    assert countries and {"name": "Kazakhstan", "value": "Q232", "source": "gazetteer"}.items() <= \
        next(p for p in proposals(filled) if p["name"] == "Kazakhstan").items()
    with filled.reading() as tx:
        assert ids_of_entities(tx, [countries[0]["id"]])[countries[0]["id"]]["wikidata"].source == "gazetteer"
    set_id(filled, "Kazakhstan", "Q999", kind="Country")
    set_id(filled, ensemble["name"], MBID, kind="Ensemble")
    with filled.reading() as tx:
        ids = ids_of_entities(tx, [countries[0]["id"], ensemble["id"]])
    assert ids[countries[0]["id"]]["wikidata"].value == "Q999" and ids[ensemble["id"]]["musicbrainz"].value == MBID
    assert not any(p["name"] == "Kazakhstan" for p in proposals(filled))
    remove_id(filled, "Kazakhstan", "wikidata", kind="Country")
    with filled.reading() as tx:
        assert ids_of_entities(tx, [countries[0]["id"]])[countries[0]["id"]]["wikidata"].value == "Q232"
    with pytest.raises(StoreError, match="E056"):
        set_id(filled, "Atlantis", "Q1", kind="Place")


def test_any_kind_of_value_may_carry_an_id(filled):
    with filled.reading() as tx:
        instrument = tx.entities(kind="Instrument")[0]
    set_id(filled, instrument["name"], MBID, kind="Instrument")
    with filled.reading() as tx:
        assert ids_of_entities(tx, [instrument["id"]])[instrument["id"]]["musicbrainz"].value == MBID
    assert iri("musicbrainz", MBID, "Instrument") == f"https://musicbrainz.org/instrument/{MBID}"
    assert iri("musicbrainz", MBID, "Place") == f"https://musicbrainz.org/area/{MBID}"
    assert page("wikidata", "Q5") == "https://www.wikidata.org/wiki/Q5"
