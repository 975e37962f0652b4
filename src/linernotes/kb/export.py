"""Exports (``kb.exports``): kept at this path for callers of ``linernotes.kb.export``."""
from __future__ import annotations

from .exports import FORMATS, ExportReport, export, read
from .exports.common import DEFAULT_BASE, GEONAMES, WIKIDATA_DIRECT, WIKIDATA_ENTITY, object_iri
from .exports.jsonld import person_property
from .exports.tables import FACT_COLUMNS as CSV_COLUMNS

__all__ = ["CSV_COLUMNS", "DEFAULT_BASE", "FORMATS", "GEONAMES", "WIKIDATA_DIRECT", "WIKIDATA_ENTITY", "ExportReport",
           "export", "object_iri", "person_property", "read"]
