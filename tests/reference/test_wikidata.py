"""The countries' Wikidata items: well-known ones are right, and each row names a country of countries.tsv."""
from __future__ import annotations

from linernotes.reference import load_tsv
from linernotes.reference.countries import countries
from linernotes.reference.places import gazetteer
from linernotes.reference.wikidata import city_qids, country_qids, qid_of_ref

WELL_KNOWN = {"KZ": "Q232", "RU": "Q159", "US": "Q30", "GB": "Q145", "FR": "Q142", "DE": "Q183", "IN": "Q668",
              "CN": "Q148", "JP": "Q17", "AZ": "Q227", "UZ": "Q265", "KG": "Q813", "IT": "Q38", "UA": "Q212"}


def test_well_known_countries_have_their_items():
    qids = country_qids()
    assert {iso: qids.get(iso) for iso in WELL_KNOWN} == WELL_KNOWN


def test_rows_are_countries_of_the_gazetteer_with_one_item_each():
    rows = load_tsv("country_qids.tsv")
    known = countries().countries
    assert all(r["iso2"] in known and known[r["iso2"]].name == r["name"] for r in rows)
    assert len({r["qid"] for r in rows}) == len(rows) == len({r["iso2"] for r in rows})


WELL_KNOWN_CITIES = {("Almaty", "KZ"): "Q35493", ("Moscow", "RU"): "Q649", ("London", "GB"): "Q84",
                     ("Paris", "FR"): "Q90", ("Berlin", "DE"): "Q64", ("Vienna", "AT"): "Q1741",
                     ("Tokyo", "JP"): "Q1490", ("Baku", "AZ"): "Q9248", ("Tashkent", "UZ"): "Q269",
                     ("Mumbai", "IN"): "Q1156", ("Budapest", "HU"): "Q1781", ("New York City", "US"): "Q60"}


def test_well_known_cities_have_their_items_by_geonames_id():
    found = {key: qid_of_ref(gazetteer().best(*key).ref) for key in WELL_KNOWN_CITIES}
    assert found == WELL_KNOWN_CITIES


def test_city_rows_are_places_of_the_gazetteer_named_as_there():
    rows = load_tsv("city_qids.tsv")
    assert len(city_qids()) == len(rows) == len({r["qid"] for r in rows}) > 100
    for row in rows:
        place = gazetteer().get(int(row["geonameid"]))
        assert place is not None and (place.name, place.country) == (row["name"], row["country"]), row
    assert not set(city_qids().values()) & set(country_qids().values())


def test_a_country_geonames_id_gives_its_item():
    kazakhstan = countries().countries["KZ"]
    assert qid_of_ref(kazakhstan.ref) == "Q232" and qid_of_ref("iso3166:KZ") == "Q232"
    assert qid_of_ref("geonames:1518980") is None  # Shymkent: not in the table (its item was not certain)
    assert qid_of_ref("wikidata:Q8355") == "Q8355" and qid_of_ref(None) is None and qid_of_ref("geonames:x") is None
