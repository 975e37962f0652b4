"""Wikidata QIDs and MusicBrainz MBIDs of people, ensembles and places: set by hand, imported from a
CSV, or proposed from the reference data (a country's GeoNames id -> its Wikidata item).

A person's id is filed under each of their descriptions (document and name there), as merge and split
decisions are (``kb/corrections.py``): re-resolution, a merge or a split keeps it with the person.
An entity's is filed under its kind and key. Proposals from the reference data are derived on read
(source ``gazetteer``, or ``vocabulary`` for a vocabulary term's own Wikidata id); an id set by hand
or imported overrides them.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Iterable, TextIO

from ..errors import Errors, LinernotesError, StoreError
from ..keys import value_key
from ..model import OBJECT_KINDS
from ..reference.wikidata import qid_of_ref
from ..store import Store, Tx
from .query import find_person

SCHEMES = ("wikidata", "musicbrainz")
#: Kinds of entity an id may be set on (people are "Person"): every kind a relation's value may be.
ENTITY_KINDS = tuple(dict.fromkeys(OBJECT_KINDS.values()))
#: The CSV column of each scheme.
CSV_COLUMNS = {"qid": "wikidata", "mbid": "musicbrainz"}
_QID = re.compile(r"Q[1-9][0-9]*")
_MBID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: Kinds that share keys: a country is sometimes stored as a place, under the same GeoNames id.
_SAME_THING = ("Place", "Country")


@dataclass(frozen=True)
class Identifier:
    value: str
    source: str  # hand, csv, gazetteer, vocabulary

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "source": self.source}


def scheme_of(value: str) -> str:
    """The scheme an id's form says: ``Q232`` is Wikidata, a UUID MusicBrainz."""
    text = value.strip()
    if _QID.fullmatch(text.upper()):
        return "wikidata"
    if _MBID.fullmatch(text.lower()):
        return "musicbrainz"
    raise StoreError(Errors.E055.format(value=value, scheme="Wikidata or MusicBrainz"))


def checked(scheme: str, value: str) -> str:
    """``value`` as stored (``q232`` -> ``Q232``; an MBID in lower case), or E055 if it is not such an id."""
    text = value.strip()
    if scheme == "wikidata" and _QID.fullmatch(text.upper()):
        return text.upper()
    if scheme == "musicbrainz" and _MBID.fullmatch(text.lower()):
        return text.lower()
    raise StoreError(Errors.E055.format(value=value, scheme={"wikidata": "Wikidata", "musicbrainz": "MusicBrainz"}
                                        .get(scheme, scheme)))


# -- whose id ---------------------------------------------------------------------------------------

def person_subjects(tx: Tx, person_id: int) -> list[tuple[str, str, str]]:
    return [("Person", m["document"], m["name"]) for m in tx.person_members(person_id)]


def find_entity(tx: Tx, kind: str, name: str) -> dict:
    """The entity of ``kind`` that ``name`` names: its key, its name, or its name before the country
    code the gazetteer adds ("Almaty" for "Almaty, KZ")."""
    if kind not in ENTITY_KINDS:
        raise StoreError(Errors.E025.format(why=f"ids are set on people and on {', '.join(ENTITY_KINDS)}, not {kind!r}"))
    rows = tx.entities(kind=kind)
    by_key = [e for e in rows if e["key"] == name.strip()]
    if by_key:
        return by_key[0]
    key = value_key(name)
    exact = [e for e in rows if value_key(e["name"]) == key]
    found = exact or [e for e in rows if value_key(e["name"].rsplit(",", 1)[0]) == key]
    if not found:
        raise StoreError(Errors.E056.format(kind=kind, name=name))
    if len(found) > 1:
        choices = ", ".join(f"{e['name']} ({e['key']})" for e in found[:10])
        raise StoreError(Errors.E057.format(name=name, count=len(found), kind=kind, choices=choices,
                                            example=found[0]["key"]))
    return found[0]


def entity_subjects(tx: Tx, entity: dict) -> list[tuple[str, str, str]]:
    kinds = _SAME_THING if entity["kind"] in _SAME_THING else (entity["kind"],)
    return [(kind, "", entity["key"]) for kind in kinds]


# -- setting ----------------------------------------------------------------------------------------

@dataclass
class Assigned:
    """An id filed: on whom (``Person #12 Aruzhan Bekova``, ``Place Almaty, KZ``), in which scheme."""

    target: str
    scheme: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"target": self.target, "scheme": self.scheme, "value": self.value}


def _assign(tx: Tx, kind: str, who: str, value: str, scheme: str | None, source: str, by: str | None) -> Assigned:
    scheme = scheme or scheme_of(value)
    value = checked(scheme, value)
    if kind == "Person":
        person_id = find_person(tx, who)
        tx.set_identifiers(person_subjects(tx, person_id), scheme, value, source, by)
        return Assigned(f"Person #{person_id} {tx.person(person_id)['name']}", scheme, value)
    entity = find_entity(tx, kind, who)
    tx.set_identifiers(entity_subjects(tx, entity), scheme, value, source, by)
    return Assigned(f"{kind} {entity['name']}", scheme, value)


def set_id(store: Store, who: str | int, value: str, kind: str = "Person", scheme: str | None = None,
           by: str | None = None) -> Assigned:
    """Give a person (a name or ``#12``: every description in their profile) or an entity an id by hand.
    The scheme is the id's form unless given."""
    with store.transaction() as tx:
        return _assign(tx, kind, str(who), value, scheme, "hand", by)


def remove_id(store: Store, who: str | int, scheme: str, kind: str = "Person") -> int:
    """Take a person's or entity's id in ``scheme`` away; how many filings went."""
    with store.transaction() as tx:
        if kind == "Person":
            subjects = person_subjects(tx, find_person(tx, who))
        else:
            subjects = entity_subjects(tx, find_entity(tx, kind, str(who)))
        return tx.remove_identifiers(subjects, scheme)


@dataclass
class Imported:
    assigned: list[Assigned] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one catalogued message per row not imported


def import_csv(store: Store, handle: TextIO, path: str = "<csv>", kind: str = "Person",
               by: str | None = None) -> Imported:
    """Ids from a CSV with a header ``name,qid`` or ``name,mbid`` (or both): a row whose name is unknown or
    names several, or whose id is malformed, is reported (E059) and the others are imported."""
    reader = csv.reader(handle)
    header = [h.strip().lstrip("\ufeff").casefold() for h in next(reader, [])]
    columns = {CSV_COLUMNS[h]: i for i, h in enumerate(header) if h in CSV_COLUMNS}
    if "name" not in header or not columns:
        raise StoreError(Errors.E058.format(path=path, why=f"the header is {','.join(header) or 'missing'}"))
    name_at = header.index("name")
    out = Imported()
    with store.transaction() as tx:
        for line, row in enumerate(reader, 2):
            if not any(cell.strip() for cell in row):
                continue
            name = row[name_at].strip() if name_at < len(row) else ""
            for scheme, at in columns.items():
                value = row[at].strip() if at < len(row) else ""
                if not value:
                    continue
                try:
                    if not name:
                        raise StoreError(Errors.E025.format(why="the row has no name"))
                    out.assigned.append(_assign(tx, kind, name, value, scheme, "csv", by))
                except LinernotesError as error:
                    out.errors.append(Errors.E059.format(path=path, line=line, why=error))
    return out


# -- reading ----------------------------------------------------------------------------------------

def ids_of_people(tx: Tx, person_ids: Iterable[int]) -> dict[int, dict[str, Identifier]]:
    """``{person id: {scheme: Identifier}}`` for the profiles that have ids. Where a profile's descriptions
    carry different ids of one scheme (two profiles with ids were merged) the last one set wins."""
    out: dict[int, dict[str, Identifier]] = {}
    for row in tx.person_identifiers(person_ids):
        out.setdefault(row["person_id"], {})[row["scheme"]] = Identifier(row["value"], row["source"])
    return out


def ids_of_entities(tx: Tx, entity_ids: Iterable[int]) -> dict[int, dict[str, Identifier]]:
    """``{entity id: {scheme: Identifier}}``: ids set by hand or imported, else proposed by the reference data."""
    ids = sorted(set(entity_ids))
    out: dict[int, dict[str, Identifier]] = {}
    for entity in tx.entities(ids=ids) if ids else []:
        proposal = proposed(entity)
        if proposal:
            out[entity["id"]] = {"wikidata": proposal}
    for row in tx.entity_identifiers(ids):
        out.setdefault(row["entity_id"], {})[row["scheme"]] = Identifier(row["value"], row["source"])
    return out


def proposed(entity: dict) -> Identifier | None:
    """The Wikidata item the reference data gives an entity's reference id, if any."""
    ref = entity.get("ref") or ""
    qid = qid_of_ref(ref)
    if qid is None:
        return None
    return Identifier(qid, "vocabulary" if ref.startswith("wikidata:") else "gazetteer")


def proposals(store: Store) -> list[dict]:
    """Places and countries the gazetteer knows the Wikidata item of, without an id set by hand."""
    with store.reading() as tx:
        rows = [e for kind in _SAME_THING for e in tx.entities(kind=kind)]
        stored = {r["entity_id"] for r in tx.entity_identifiers([e["id"] for e in rows]) if r["scheme"] == "wikidata"}
    out = []
    for entity in rows:
        proposal = proposed(entity)
        if proposal and entity["id"] not in stored:
            out.append({"kind": entity["kind"], "name": entity["name"], "key": entity["key"], "scheme": "wikidata",
                        "value": proposal.value, "source": proposal.source})
    return out


def listed(store: Store, kind: str | None = None) -> list[dict]:
    """Every id set by hand or imported, with whom it is filed under."""
    with store.reading() as tx:
        return [{k: r[k] for k in ("kind", "document", "key", "scheme", "value", "source", "created_by")}
                for r in tx.all_identifiers(kind)]


IRIS = {"wikidata": "http://www.wikidata.org/entity/{}", "musicbrainz": "https://musicbrainz.org/{kind}/{}"}
#: The MusicBrainz entity type of each of our kinds (an MBID names an entity of one type).
MUSICBRAINZ_TYPES = {"Person": "artist", "Ensemble": "artist", "Place": "area", "Country": "area",
                     "Organization": "label", "Instrument": "instrument", "Genre": "genre", "Work": "work",
                     "Event": "event"}


def iri(scheme: str, value: str, kind: str = "Person") -> str:
    """The IRI an id names: a Wikidata entity, or a MusicBrainz artist, area, label... by our ``kind``."""
    return IRIS[scheme].format(value, kind=MUSICBRAINZ_TYPES.get(kind, "artist"))


def page(scheme: str, value: str, kind: str = "Person") -> str:
    """The web page of an id, for a link in the explorer."""
    if scheme == "wikidata":
        return f"https://www.wikidata.org/wiki/{value}"
    return iri(scheme, value, kind)


def entity_links(store: Store, entities: Iterable[tuple[int, str]]) -> dict[int, list[dict[str, str]]]:
    """The ids of the entities a profile's facts point at (``(entity id, kind)`` pairs), with their pages."""
    kinds = dict(entities)
    with store.reading() as tx:
        ids = ids_of_entities(tx, kinds) if kinds else {}
    return {entity_id: [{"scheme": scheme, "value": ident.value, "source": ident.source,
                         "url": page(scheme, ident.value, kinds[entity_id])} for scheme, ident in sorted(found.items())]
            for entity_id, found in ids.items()}


def person_links(store: Store, person_id: int) -> list[dict[str, str]]:
    """A profile's ids with the page each opens (the explorer links them)."""
    with store.reading() as tx:
        ids = ids_of_people(tx, [person_id]).get(person_id, {})
    return [{"scheme": scheme, "value": ident.value, "source": ident.source, "url": page(scheme, ident.value)}
            for scheme, ident in sorted(ids.items())]
