"""Countries: ISO codes, names and demonyms, and capitals with the years each city held the title."""
from __future__ import annotations

import pytest

from linernotes.reference import fold, load_tsv
from linernotes.reference.countries import Capital, countries, parse_capitals
from linernotes.reference.places import gazetteer


def test_every_country_has_a_two_letter_iso_code_and_a_name():
    rows = load_tsv("countries.tsv")
    assert len(rows) >= 190
    codes = [r["iso2"] for r in rows]
    assert all(len(c) == 2 and c.isascii() and c.isalpha() and c.isupper() for c in codes), codes
    assert len(codes) == len(set(codes))
    assert all(r["name"] for r in rows)


def test_names_and_aliases_are_unambiguous():
    owners: dict[str, str] = {}
    for country in countries().countries.values():
        for name in (country.name, *country.aliases):
            assert owners.setdefault(fold(name), country.iso2) == country.iso2, name


def test_every_capitals_cell_parses():
    for row in load_tsv("countries.tsv"):
        for capital in parse_capitals(row["capitals"]):
            assert capital.city and capital.city == capital.city.strip(), row["iso2"]
            if capital.start is not None and capital.end is not None:
                assert capital.start < capital.end, (row["iso2"], capital)


def test_every_capital_is_a_known_city_of_its_country():
    missing = [(c.iso2, cap.city) for c in countries().countries.values() for cap in c.capitals
               if gazetteer().best(cap.city, c.iso2) is None]
    assert not missing


def test_dated_capital_periods_do_not_overlap():
    """Co-capitals (Bolivia: Sucre and La Paz) are undated; a dated succession names one city a year."""
    for country in countries().countries.values():
        dated = [c for c in country.capitals if c.start is not None or c.end is not None]
        if not dated:
            continue
        for year in range(1850, 2030):
            held = {c.city for c in dated if c.held(year)}
            assert len(held) <= 1, (country.iso2, year, held)


def test_parse_capitals():
    assert parse_capitals("Almaty:1929-1997|Astana:1997-") == (Capital("Almaty", 1929, 1997), Capital("Astana", 1997, None))
    assert parse_capitals("Bishkek") == (Capital("Bishkek"),)
    assert parse_capitals("Belize City:-1970|Belmopan:1970-") == (Capital("Belize City", None, 1970), Capital("Belmopan", 1970, None))
    assert parse_capitals("") == ()


@pytest.mark.parametrize("year,capital", [
    (1930, "Almaty"), (1990, "Almaty"), (1996, "Almaty"), (1997, "Astana"), (2005, "Astana"), (2024, "Astana"),
    (None, "Astana"),
])
def test_kazakhstan_capital_by_year(year, capital):
    assert countries().find("Kazakhstan").capital_in(year) == [capital]


def test_capital_held():
    almaty = Capital("Almaty", 1929, 1997)
    assert almaty.held(1929) and almaty.held(1996)
    assert not almaty.held(1997) and not almaty.held(1928)
    assert not almaty.held(None)  # not the capital today
    assert Capital("Bishkek").held(None) and Capital("Bishkek").held(1950)


@pytest.mark.parametrize("name,iso", [
    ("Kazakhstan", "KZ"), ("kazakhstan", "KZ"), ("Republic of Kazakhstan", "KZ"), ("Qazaqstan", "KZ"),
    ("Kyrgyzstan", "KG"), ("Kyrgyz Republic", "KG"), ("the Kyrgyz Republic", "KG"), ("Uzbekistan", "UZ"),
    ("USA", "US"), ("United States", "US"), ("India", "IN"), ("Russia", "RU"),
])
def test_find(name, iso):
    country = countries().find(name)
    assert country is not None and country.iso2 == iso


@pytest.mark.parametrize("name", ["Atlantis", "Almaty", "Kazakh", ""])
def test_find_unknown(name):
    assert countries().find(name) is None


@pytest.mark.parametrize("adjective,iso", [
    ("Kazakh", "KZ"), ("Kazakhstani", "KZ"), ("Kyrgyz", "KG"), ("Uzbek", "UZ"), ("Indian", "IN"), ("Russian", "RU"),
])
def test_by_adjective(adjective, iso):
    assert countries().by_adjective(adjective).iso2 == iso


def test_country_refs():
    assert countries().find("Kazakhstan").ref == "geonames:1522867"
    assert countries().find("Kyrgyzstan").ref.startswith("geonames:")
