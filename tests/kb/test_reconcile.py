"""Reconciliation scoring: the same name matches, namesakes are told apart by the facts given, a
surname alone is never matched by itself; ensembles and places; suggestions; data extension."""
from __future__ import annotations

import pytest

from linernotes.errors import InputError
from linernotes.kb.ingest import ingest
from linernotes.kb.reconcile import (EXTEND_PROPERTIES, extend, parse_ref, propose_properties, reconcile,
                                     suggest_entities, suggest_properties, suggest_types)

from ..conftest import write_corpus
from .corpus import CORPUS

#: A surname no one else has: the case the old scoring matched by itself.
LONE = {"vostrikova.txt": "Marina Vostrikova is a Russian pianist. She was born in Almaty in 1979.",
        "bekov.txt": "Timur Bekov is a drummer from Shymkent."}


@pytest.fixture()
def kb(store, tmp_path):
    ingest(store, [str(write_corpus(tmp_path / "bios", {**CORPUS, **LONE}))])
    return store


def test_full_name_matches_on_its_own(kb):
    found = reconcile(kb, "Imankulov, Ivan")
    assert found[0].name == "Iván Imankulov" and found[0].score == 100 and found[0].match
    assert found[0].id.startswith("person/") and found[0].features["name_words"] == 2
    assert "saxophon" in found[0].description and "Almaty" in found[0].description
    assert all(not c.match for c in found[1:])


def test_a_surname_alone_is_not_a_match_but_properties_decide_the_order(kb):
    found = reconcile(kb, "Imankulov")
    assert {c.name for c in found} >= {"Iván Imankulov", "Vivaan Imankulov"} and not any(c.match for c in found)
    by_instrument = reconcile(kb, "Imankulov", properties={"instrument": "accordion"})
    assert by_instrument[0].name == "Vivaan Imankulov"
    assert by_instrument[0].score > by_instrument[1].score


def test_a_rare_surname_alone_is_never_matched_unless_a_property_confirms_it(kb):
    alone = reconcile(kb, "Vostrikova")
    assert alone[0].name == "Marina Vostrikova" and len(alone) == 1 and not alone[0].match
    confirmed = reconcile(kb, "Vostrikova", properties={"instrument": "piano"})
    assert confirmed[0].features["confirmed"] == 1
    assert confirmed[0].match is (confirmed[0].score >= 90)
    wrong = reconcile(kb, "Vostrikova", properties={"instrument": "tuba"})
    assert not wrong[0].match and wrong[0].features["contradicted"] == 1


def test_unknown_names_give_nothing(kb):
    assert reconcile(kb, "Zzyzx Qwerty") == []
    assert reconcile(kb, "Zzyzx Qwerty", type="Place") == []


def test_ensembles_and_places_reconcile_by_their_type(kb):
    quartet = reconcile(kb, "Steppe Jazz Quartet", type="Ensemble")
    assert quartet[0].name == "Steppe Jazz Quartet" and quartet[0].match and quartet[0].id.startswith("entity/")
    assert "Imankulov" in quartet[0].description
    almaty = reconcile(kb, "Almaty", type="Place")
    assert almaty[0].name == "Almaty" and almaty[0].type == "Place" and "Kazakhstan" in almaty[0].description
    assert reconcile(kb, "Almaty", type="Place", properties={"country": "KZ"})[0].features["confirmed"] == 1
    assert reconcile(kb, "Almaty", type="Place", properties={"country": "Kyrgyzstan"})[0].features["contradicted"] == 1
    assert not [c for c in reconcile(kb, "Almaty", type="Musician") if c.name == "Almaty"]


def test_an_unknown_type_is_an_error(kb):
    with pytest.raises(InputError, match="E060"):
        reconcile(kb, "Almaty", type="Volcano")


def test_ids_are_the_paths_exports_mint(kb):
    assert parse_ref("person/12") == ("person", 12) and parse_ref("entity/3") == ("entity", 3)
    assert parse_ref("12") == ("person", 12)
    for bad in ["people/12", "entity/", "12; drop", ""]:
        with pytest.raises(InputError, match="E061"):
            parse_ref(bad)


def test_suggest_completes_names_of_every_type(kb):
    found = suggest_entities(kb, "Imank")
    assert {s["name"] for s in found} == {"Iván Imankulov", "Vivaan Imankulov"}
    assert all(s["notable"] == [{"id": "Musician", "name": "Musician"}] for s in found)
    assert [s["name"] for s in suggest_entities(kb, "Steppe")] == ["Steppe Jazz Quartet"]
    assert [s["name"] for s in suggest_entities(kb, "Alm", type="Place")] == ["Almaty"]
    assert suggest_entities(kb, "Imank", cursor=1) == found[1:]
    assert [t["id"] for t in suggest_types("ens")] == ["Ensemble"]
    assert {p["id"] for p in suggest_properties("inst")} == {"instrument"}
    assert {p["id"] for p in suggest_properties("", type="Place")} == {"country", "latitude", "longitude", "wikidata",
                                                                      "musicbrainz"}


def test_extend_fetches_instruments_and_birthplaces_as_entities(kb):
    ivan = reconcile(kb, "Ivan Imankulov")[0].id
    almaty = reconcile(kb, "Almaty", type="Place")[0].id
    answer = extend(kb, [ivan, almaty], ["instrument", "born_in", "country", "latitude", "unknown"])
    assert [m["id"] for m in answer["meta"]] == ["instrument", "born_in", "country", "latitude", "unknown"]
    assert answer["meta"][1]["type"] == {"id": "Place", "name": "Place"}
    row = answer["rows"][ivan]
    assert row["instrument"] == [{"str": "saxophone"}]
    assert row["born_in"] == [{"id": almaty, "name": "Almaty, KZ"}]  # said by two documents: once
    assert answer["rows"][almaty]["country"] == [{"str": "KZ"}] and row["country"] == []
    assert answer["rows"][almaty]["latitude"][0]["float"] == pytest.approx(43.25, abs=0.1)
    assert row["unknown"] == [] and answer["rows"][almaty]["instrument"] == []


def test_extend_fetches_ids_set_by_hand_and_proposed_by_the_gazetteer(kb):
    from linernotes.kb.identifiers import set_id

    set_id(kb, "Ivan Imankulov", "Q4115190")
    ivan = reconcile(kb, "Ivan Imankulov")[0].id
    kazakhstan = reconcile(kb, "Kazakhstan", type="Place")[0].id
    assert {"wikidata", "musicbrainz"} <= {p["id"] for p in propose_properties("Musician")}
    rows = extend(kb, [ivan, kazakhstan], ["wikidata", "musicbrainz"])["rows"]
    assert rows[ivan] == {"wikidata": [{"str": "Q4115190"}], "musicbrainz": []}
    assert rows[kazakhstan]["wikidata"] == [{"str": "Q232"}]  # from its GeoNames id


def test_a_countrys_country_is_its_own_code(kb):
    kazakhstan = reconcile(kb, "Kazakhstan", type="Place")[0]
    assert extend(kb, [kazakhstan.id], ["country"])["rows"][kazakhstan.id]["country"] == [{"str": "KZ"}]


def test_property_proposals_follow_the_table(kb):
    assert [p["id"] for p in propose_properties("Musician")] == [
        p.id for p in EXTEND_PROPERTIES.values() if "Musician" in p.types]
    assert {"instrument", "born_in"} <= {p["id"] for p in propose_properties(None)}
    assert len(propose_properties("Musician", limit=2)) == 2


def test_a_place_property_confirms_a_town_inside_it(kb):
    for place in ["Kazakhstan", "KZ", "Alma-Ata"]:
        (vostrikova,) = reconcile(kb, "Vostrikova", properties={"place": place})
        assert vostrikova.features["confirmed"] == 1, place  # born in Almaty
    assert reconcile(kb, "Vostrikova", properties={"place": "Kyrgyzstan"})[0].features["contradicted"] == 1
    ivans = reconcile(kb, "Imankulov", properties={"place": "Kyrgyzstan"})
    assert ivans[0].name == "Vivaan Imankulov"  # born in Karakol
