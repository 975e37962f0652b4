"""CSV: one row per fact (with its sentence and source, and why it is inferred if it is), or one row per
person (a wide table of what the documents state: inferred facts are left out of it)."""
from __future__ import annotations

import csv
from typing import TextIO

from ...model import RELATION_TABLE, RELATIONS
from .common import Corpus, inferred, statements

FACT_COLUMNS = ["person_id", "person", "relation", "wikidata_property", "value", "ref", "label", "document",
                "page", "start", "end", "confidence", "evidence", "extractor_version", "status", "inferred"]
#: The wide table: a person's ids, then each relation's values (" | " between them), then the documents.
PERSON_COLUMNS = ["person_id", "person", "wikidata", "musicbrainz", *RELATION_TABLE, "names", "documents"]
SEPARATOR = " | "
#: A cell a spreadsheet would read as a formula starts with one of these (CSV injection): such a
#: cell gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a CSV cell a spreadsheet shows and never evaluates (biographies are untrusted text)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


class _SafeWriter:
    """``csv.writer`` whose text cells cannot be formulas."""

    def __init__(self, out: TextIO) -> None:
        self.writer = csv.writer(out)

    def writerow(self, row) -> None:
        self.writer.writerow([spreadsheet_safe(cell) for cell in row])


def facts(corpus: Corpus, out: TextIO) -> int:
    writer = _SafeWriter(out)
    writer.writerow(FACT_COLUMNS)
    for fact in corpus.facts:
        writer.writerow([fact["person_id"], fact["person"], fact["relation"], RELATIONS.get(fact["relation"]) or "",
                         fact["value"], fact["ref"] or "", fact["label"] or "", fact["document"], fact.get("page") or "", fact["start_char"],
                         fact["end_char"], round(fact["confidence"], 2), fact["evidence"], fact["extractor_version"],
                         fact.get("status") or "extracted", inferred(fact, corpus) or ""])
    return len(corpus.facts)


def people(corpus: Corpus, out: TextIO) -> int:
    writer = _SafeWriter(out)
    writer.writerow(PERSON_COLUMNS)
    by_person = corpus.facts_by_person()
    for person in corpus.people:
        ids = corpus.person_ids.get(person["id"], {})
        values: dict[str, list[str]] = {}
        for statement in statements(corpus, by_person.get(person["id"], [])):
            if inferred(statement.fact, corpus):
                continue
            values.setdefault(statement.relation, []).append(statement.fact.get("label") or statement.fact["value"])
        writer.writerow([person["id"], person["name"], ids["wikidata"].value if "wikidata" in ids else "",
                         ids["musicbrainz"].value if "musicbrainz" in ids else "",
                         *(SEPARATOR.join(values.get(r, [])) for r in RELATION_TABLE),
                         SEPARATOR.join(corpus.names(person)[1:]),
                         SEPARATOR.join(dict.fromkeys(m["document"] for m in corpus.members[person["id"]]))])
    return len(corpus.people)
