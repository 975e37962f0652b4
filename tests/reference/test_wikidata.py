"""The countries' Wikidata items: well-known ones are right, and each row names a country of countries.tsv."""
from __future__ import annotations

from linernotes.reference import load_tsv
from linernotes.reference.countries import countries
from linernotes.reference.wikidata import country_qids, qid_of_ref

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


def test_a_country_geonames_id_gives_its_item_and_a_city_none():
    kazakhstan = countries().countries["KZ"]
    assert qid_of_ref(kazakhstan.ref) == "Q232" and qid_of_ref("iso3166:KZ") == "Q232"
    assert qid_of_ref("geonames:1526384") is None  # Almaty: no offline mapping for cities
    assert qid_of_ref("wikidata:Q8355") == "Q8355" and qid_of_ref(None) is None
