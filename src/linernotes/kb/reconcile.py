"""Reconciliation: which people, ensembles or places in the knowledge base a name (and a few known
facts) may be; suggestions as a name is typed; and the values OpenRefine fetches into columns.

The scoring behind the OpenRefine reconciliation service (``web/reconcile.py``): a name scores by
how closely its folded spelling matches a candidate's name (the same name key scores 100, any other
spelling at most 89, so it is never a match on its name alone), and each property given
("instrument": "dombra") that the candidate has lifts the score; one that it lacks lowers it. A
person is a match only when more than one word of the name agrees, or a property confirms it: a
surname alone ("Vostrikova") is never matched automatically, however rare it is.

Identifiers are the paths the exports mint under their base (``kb.export``): ``person/12`` and
``entity/34``, so ``identifierSpace + id`` is the IRI an export gives the same thing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable, Optional

from ..errors import Errors, InputError
from ..keys import fold_words, name_key, name_words, value_key
from ..model import ENSEMBLE_RELATIONS
from ..reference.countries import countries
from ..reference.places import area, country_of_ref
from ..store import Store, Tx
from .identifiers import ids_of_entities, ids_of_people
from .query import FILTERS

#: A score at or above this, with no rival close behind, is a match OpenRefine may accept by itself.
MATCH_SCORE = 90
#: How far ahead of the next candidate a match must be.
MATCH_MARGIN = 10
#: The best a name spelled differently (another key) can score on its name alone: below a match.
NEAR_NAME_CAP = 89.0
#: What a candidate's description says to tell namesakes apart: what they do, and where they were born.
WHAT_THEY_DO = ("occupation", "instrument")
BIRTHPLACE = "born_in"

#: The types of the service: id -> the entity kinds behind it (``None``: people, not entities).
TYPES: dict[str, Optional[tuple[str, ...]]] = {"Musician": None, "Ensemble": ("Ensemble",),
                                               "Place": ("Place", "Country")}
DEFAULT_TYPE = "Musician"
#: Properties a query may give for each type, to confirm a candidate.
QUERY_PROPERTIES: dict[str, tuple[str, ...]] = {"Musician": tuple(FILTERS), "Ensemble": ("member",),
                                                "Place": ("country",)}


def type_dict(type_id: str) -> dict[str, str]:
    return {"id": type_id, "name": type_id}


def check_type(type_id: Optional[str]) -> str:
    """``type_id`` if the service has it (``None``: the default type); E060 if not."""
    if type_id is None or type_id == "":
        return DEFAULT_TYPE
    if type_id not in TYPES:
        raise InputError(Errors.E060.format(type=type_id, known=", ".join(TYPES)))
    return type_id


def person_ref(person_id: int) -> str:
    return f"person/{person_id}"


def entity_ref(entity_id: int) -> str:
    return f"entity/{entity_id}"


def parse_ref(text: str) -> tuple[str, int]:
    """``("person", 12)`` for ``"person/12"`` (or ``"12"``: the ids of version 0.1), ``("entity", 34)``
    for ``"entity/34"``; E061 for anything else."""
    match = re.fullmatch(r"(?:(person|entity)/)?(\d{1,40})", text.strip()) if isinstance(text, str) else None
    if not match:
        raise InputError(Errors.E061.format(id=str(text)[:80]))
    return match.group(1) or "person", int(match.group(2))


@dataclass
class Candidate:
    id: str
    name: str
    score: float
    match: bool
    description: str
    type: str = DEFAULT_TYPE
    #: Why it scored so: name words agreeing, properties confirmed and contradicted.
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "score": self.score, "match": self.match,
                "description": self.description, "type": [type_dict(self.type)],
                "features": [{"id": k, "value": v} for k, v in self.features.items()]}


def reconcile(store: Store, name: str, limit: int = 5, properties: Optional[dict[str, str]] = None,
              type: Optional[str] = None) -> list[Candidate]:
    """Candidates of ``type`` (Musician by default) for ``name``, best first. A Musician's ``properties``
    use the people filters' names (``FILTERS``); a Place's ``country``, an Ensemble's ``member``."""
    type = check_type(type)
    wanted = {k: v for k, v in (properties or {}).items() if k in QUERY_PROPERTIES[type] and v}
    with store.reading() as tx:
        if TYPES[type] is None:
            candidates = _people(tx, name, limit, wanted)
        else:
            candidates = _entities(tx, type, name, limit, wanted)
    candidates.sort(key=lambda c: (-c.score, c.name, c.id))
    candidates = candidates[:limit]
    if candidates and candidates[0].score >= MATCH_SCORE and (
            len(candidates) == 1 or candidates[0].score - candidates[1].score >= MATCH_MARGIN):
        best = candidates[0]
        # A person needs two name words agreeing, or a property confirming: not a surname alone.
        best.match = type != "Musician" or best.features["name_words"] >= 2 or best.features["confirmed"] >= 1
    return candidates


def _people(tx: Tx, name: str, limit: int, wanted: dict[str, str]) -> list[Candidate]:
    words = sorted(fold_words(name), key=len, reverse=True)
    pool = {p["id"]: p for p in tx.people_named(name)}
    exact = set(pool)
    for p in tx.people_list(name=name, limit=limit * 4):
        pool.setdefault(p["id"], p)
    for word in words[:2]:  # a name written another way round, or with one name missing
        if len(pool) >= limit * 4 or len(word) < 3:
            break
        for p in tx.people_list(name=word, limit=limit * 4):
            pool.setdefault(p["id"], p)
    ids = list(pool)
    facts = tx.facts_of_people(ids, [*WHAT_THEY_DO, BIRTHPLACE, *{r for k in wanted for r in FILTERS[k]}],
                               limit=5000) if ids else []
    by_person: dict[int, list[dict[str, Any]]] = {}
    for fact in facts:
        by_person.setdefault(fact["person_id"], []).append(fact)
    key, asked = name_key(name), set(name_words(name))
    # A place given ("Kazakhstan", "KZ") confirms a birth or a tour in a town inside it.
    within = area(wanted["place"]) if "place" in wanted else None
    placed = {f["entity_id"] for f in facts if f["entity_id"] and f["relation"] in FILTERS["place"]}
    country_of = {e["id"]: e["country"] for e in tx.entities(ids=placed)} if within and placed else {}
    candidates = []
    for person_id, person in pool.items():
        same = person_id in exact or name_key(person["name"]) == key
        score = 100.0 if same else min(NEAR_NAME_CAP, 100 * _similarity(name, person["name"]))
        # One of the person's names has the query's key (an alias, say): every word of it agrees.
        agreeing = len(asked) if person_id in exact else len(asked & set(name_words(person["name"])))
        own = by_person.get(person_id, [])
        confirmed = contradicted = 0
        for prop, value in wanted.items():
            said = [value_key(v) for f in own if f["relation"] in FILTERS[prop] for v in (f["value"], f["label"]) if v]
            inside = prop == "place" and within is not None and any(
                within.holds([value_key(f["value"]), value_key(f["label"] or "")], f["ref"], country_of.get(f["entity_id"]))
                for f in own if f["relation"] in FILTERS[prop])
            if inside or any(value_key(value) in v for v in said):
                score, confirmed = score + 5, confirmed + 1
            else:
                score, contradicted = score - 10, contradicted + 1
        candidates.append(Candidate(person_ref(person_id), person["name"], round(max(0.0, min(100.0, score)), 1),
                                    False, _description(own), "Musician",
                                    {"name_words": agreeing, "confirmed": confirmed, "contradicted": contradicted}))
    return candidates


def _entities(tx: Tx, type: str, name: str, limit: int, wanted: dict[str, str]) -> list[Candidate]:
    kinds = TYPES[type] or ()
    words = sorted(fold_words(name), key=len, reverse=True)
    pool: dict[int, dict[str, Any]] = {e["id"]: e for e in tx.entities_named(kinds, name, limit * 4)}
    for word in words[:2]:
        if len(pool) >= limit * 4 or len(word) < 3:
            break
        pool.update({e["id"]: e for e in tx.entities_named(kinds, word, limit * 4) if e["id"] not in pool})
    pool = _one_per_ref(pool)
    members = _members(tx, list(pool)) if type == "Ensemble" else {}
    key = value_key(name)
    candidates = []
    for entity in pool.values():
        shown = entity_name(entity)
        score = 100.0 if value_key(shown) == key else min(NEAR_NAME_CAP, 100 * _similarity(name, shown))
        confirmed = contradicted = 0
        for prop, value in wanted.items():
            said = ([value_key(n) for n in members.get(entity["id"], [])] if prop == "member"
                    else [value_key(n) for n in _country_names(entity["country"])])
            if any(value_key(value) in s for s in said):
                score, confirmed = score + 5, confirmed + 1
            else:
                score, contradicted = score - 10, contradicted + 1
        candidates.append(Candidate(entity_ref(entity["id"]), shown, round(max(0.0, min(100.0, score)), 1), False,
                                    _entity_description(entity, members.get(entity["id"], [])), type,
                                    {"name_words": len(set(fold_words(name)) & set(fold_words(shown))),
                                     "confirmed": confirmed, "contradicted": contradicted}))
    return candidates


def _one_per_ref(pool: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """A country named as a place and as a country is two entities with one GeoNames id: offered once."""
    seen: set[str] = set()
    out = {}
    for entity_id, entity in sorted(pool.items()):
        if entity["ref"] and entity["ref"] in seen:
            continue
        seen.add(entity["ref"] or f"#{entity_id}")
        out[entity_id] = entity
    return out


def entity_name(entity: dict[str, Any]) -> str:
    """An entity's name without the country code the gazetteer adds to a city ("Almaty, KZ")."""
    if entity["kind"] == "Place" and entity["country"]:
        return re.sub(r",\s*[A-Z]{2}$", "", entity["name"])
    return entity["name"]


def _country_names(iso2: Optional[str]) -> list[str]:
    country = countries().countries.get(iso2 or "")
    return [iso2, country.name, *country.aliases] if country else ([iso2] if iso2 else [])


def _members(tx: Tx, entity_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for fact in tx.facts_on_entities(entity_ids, ENSEMBLE_RELATIONS, other_than=0, limit=2000) if entity_ids else []:
        if fact["person"] and fact["person"] not in out.setdefault(fact["entity_id"], []):
            out[fact["entity_id"]].append(fact["person"])
    return out


def _entity_description(entity: dict[str, Any], members: list[str]) -> str:
    if entity["kind"] == "Ensemble":
        return "ensemble" + (f" of {', '.join(members[:4])}" if members else "")
    if entity["kind"] == "Country":
        return "country"
    country = countries().countries.get(entity["country"] or "")
    return f"place in {country.name}" if country else "place"


def _similarity(a: str, b: str) -> float:
    """Closeness of two names, word order aside."""
    a_words, b_words = sorted(fold_words(a)), sorted(fold_words(b))
    return SequenceMatcher(None, " ".join(a_words), " ".join(b_words)).ratio()


def _description(facts: list[dict[str, Any]]) -> str:
    """A few words to tell namesakes apart: what they do and where they were born."""
    parts = list(dict.fromkeys((f["label"] or f["value"]) for f in facts if f["relation"] in WHAT_THEY_DO))[:4]
    born = next((f["label"] or f["value"] for f in facts if f["relation"] == BIRTHPLACE), None)
    return ", ".join(parts) + (f"; born in {born}" if born else "")


# -- suggest: completing a name, a property or a type as it is typed --------------------------------

def suggest_entities(store: Store, prefix: str, cursor: int = 0, limit: int = 10,
                     type: Optional[str] = None) -> list[dict[str, Any]]:
    """People, ensembles and places whose name contains ``prefix`` (of ``type`` only, if given),
    the closest first, skipping ``cursor`` of them; each with a description and its type as ``notable``."""
    types = [check_type(type)] if type else list(TYPES)
    text = prefix.strip()
    if not text:
        return []
    found: list[Candidate] = []
    with store.reading() as tx:
        wanted = cursor + limit
        for type_id in types:
            if TYPES[type_id] is None:
                people = tx.people_named(text) + tx.people_list(name=text, limit=wanted)
                people = list({p["id"]: p for p in people}.values())[:wanted]
                facts = tx.facts_of_people([p["id"] for p in people], [*WHAT_THEY_DO, BIRTHPLACE]) if people else []
                for p in people:
                    found.append(Candidate(person_ref(p["id"]), p["name"], _prefix_score(text, p["name"]), False,
                                           _description([f for f in facts if f["person_id"] == p["id"]]), type_id))
            else:
                entities = _one_per_ref({e["id"]: e for e in tx.entities_named(TYPES[type_id] or (), text, wanted)})
                members = _members(tx, list(entities)) if type_id == "Ensemble" else {}
                for e in entities.values():
                    found.append(Candidate(entity_ref(e["id"]), entity_name(e), _prefix_score(text, entity_name(e)),
                                           False, _entity_description(e, members.get(e["id"], [])), type_id))
    found.sort(key=lambda c: (-c.score, c.name, c.id))
    return [{"id": c.id, "name": c.name, "description": c.description, "notable": [type_dict(c.type)]}
            for c in found[cursor:cursor + limit]]


def _prefix_score(prefix: str, name: str) -> float:
    """Names that start with what was typed first, then names with a word that does."""
    folded, typed = value_key(name), value_key(prefix)
    return 2.0 if folded.startswith(typed) else 1.0 if any(w.startswith(typed) for w in folded.split()) else 0.0


def suggest_types(prefix: str) -> list[dict[str, str]]:
    typed = value_key(prefix)
    return [type_dict(t) for t in TYPES if typed in value_key(t)]


def suggest_properties(prefix: str, type: Optional[str] = None) -> list[dict[str, str]]:
    """Properties of ``type`` (every type's if none) whose id or name contains ``prefix``."""
    typed = value_key(prefix)
    return [p.to_dict() for p in EXTEND_PROPERTIES.values()
            if (type is None or check_type(type) in p.types) and (typed in value_key(p.id) or typed in value_key(p.name))]


# -- data extension: the values OpenRefine fetches into new columns --------------------------------

Subjects = dict[str, tuple[str, int]]
Values = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class ExtendProperty:
    """A property OpenRefine can fetch: ``read(tx, subjects)`` gives each subject's values
    (``{"str": …}``, ``{"float": …}``, or an entity ``{"id": "entity/3", "name": …}``)."""

    id: str
    name: str
    types: tuple[str, ...]
    read: Callable[[Tx, Subjects], Values]
    description: str = ""
    #: The type of the entities it gives (their ids are in this service's identifier space).
    value_type: Optional[str] = None

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "description": self.description}


def _facts(*relations: str, entities: bool = False) -> Callable[[Tx, Subjects], Values]:
    """A person's values of ``relations``, each once; with ``entities``, the entity a fact points at
    (of one of the service's types, so its id is in the service's identifier space)."""
    def read(tx: Tx, subjects: Subjects) -> Values:
        people = {number: ref for ref, (kind, number) in subjects.items() if kind == "person"}
        out: Values = {}
        facts = tx.facts_of_people(list(people), relations, limit=50_000) if people else []
        for fact in sorted(facts, key=lambda f: (-f["confidence"], f["id"])):
            values = out.setdefault(people[fact["person_id"]], [])
            value = ({"id": entity_ref(fact["entity_id"]), "name": fact["label"] or fact["value"]}
                     if entities and fact["entity_id"] else {"str": fact["label"] or fact["value"]})
            if value_key(value.get("name") or value.get("str", "")) not in {
                    value_key(v.get("name") or v.get("str", "")) for v in values}:
                values.append(value)
        return out
    return read


def _column(column: str, shape: str) -> Callable[[Tx, Subjects], Values]:
    """An entity's own column (its country, its coordinates); a country's country is its own code."""
    def read(tx: Tx, subjects: Subjects) -> Values:
        entities = {number: ref for ref, (kind, number) in subjects.items() if kind == "entity"}
        out: Values = {}
        for entity in tx.entities(ids=list(entities)) if entities else []:
            value = entity[column] if entity[column] is not None or column != "country" else country_of_ref(entity["ref"])
            if value is not None:
                out[entities[entity["id"]]] = [{shape: value}]
        return out
    return read


def _ensemble_members(tx: Tx, subjects: Subjects) -> Values:
    entities = {number: ref for ref, (kind, number) in subjects.items() if kind == "entity"}
    out: Values = {}
    for fact in tx.facts_on_entities(list(entities), ENSEMBLE_RELATIONS, other_than=0, limit=50_000) if entities else []:
        value = {"id": person_ref(fact["person_id"]), "name": fact["person"]}
        if fact["person_id"] and value not in out.setdefault(entities[fact["entity_id"]], []):
            out[entities[fact["entity_id"]]].append(value)
    return out


#: What data extension offers, one line a property. (Wikidata and MusicBrainz ids are one more line
#: each once ``kb.identifiers`` reads them.)
def _ids(scheme: str) -> Callable[[Tx, Subjects], Values]:
    """A person's or an entity's id in ``scheme`` (set by hand, imported, or proposed by the gazetteer)."""
    def read(tx: Tx, subjects: Subjects) -> Values:
        people = {number: ref for ref, (kind, number) in subjects.items() if kind == "person"}
        entities = {number: ref for ref, (kind, number) in subjects.items() if kind == "entity"}
        out: Values = {}
        for refs, found in ((people, ids_of_people(tx, people) if people else {}),
                            (entities, ids_of_entities(tx, entities) if entities else {})):
            for number, schemes in found.items():
                if scheme in schemes:
                    out[refs[number]] = [{"str": schemes[scheme].value}]
        return out
    return read


ALL_TYPES = ("Musician", "Ensemble", "Place")

EXTEND_PROPERTIES: dict[str, ExtendProperty] = {p.id: p for p in [
    ExtendProperty("instrument", "instrument", ("Musician",), _facts("instrument"), "instruments played"),
    ExtendProperty("occupation", "occupation", ("Musician",), _facts("occupation")),
    ExtendProperty("genre", "genre", ("Musician",), _facts("genre")),
    ExtendProperty("born_in", "place of birth", ("Musician",), _facts("born_in", entities=True), value_type="Place"),
    ExtendProperty("died_in", "place of death", ("Musician",), _facts("died_in", entities=True), value_type="Place"),
    ExtendProperty("birth_date", "date of birth", ("Musician",), _facts("birth_date"), "as the biography says it"),
    ExtendProperty("death_date", "date of death", ("Musician",), _facts("death_date"), "as the biography says it"),
    ExtendProperty("nationality", "nationality", ("Musician",), _facts("nationality", entities=True), value_type="Place"),
    ExtendProperty("member_of", "member of", ("Musician",), _facts("member_of", "founded", entities=True),
                   value_type="Ensemble"),
    ExtendProperty("educated_at", "educated at", ("Musician",), _facts("educated_at")),
    ExtendProperty("members", "members", ("Ensemble",), _ensemble_members, value_type="Musician"),
    ExtendProperty("country", "country (ISO 3166 code)", ("Place",), _column("country", "str")),
    ExtendProperty("latitude", "latitude", ("Place",), _column("latitude", "float")),
    ExtendProperty("longitude", "longitude", ("Place",), _column("longitude", "float")),
    ExtendProperty("wikidata", "Wikidata item", ALL_TYPES, _ids("wikidata"), "set by hand, imported or from the gazetteer"),
    ExtendProperty("musicbrainz", "MusicBrainz id", ALL_TYPES, _ids("musicbrainz")),
]}


def propose_properties(type: Optional[str], limit: Optional[int] = None) -> list[dict[str, str]]:
    """The properties data extension can fetch for entities of ``type``."""
    type = check_type(type)
    offered = [p.to_dict() for p in EXTEND_PROPERTIES.values() if type in p.types]
    return offered[:limit] if limit else offered


def extend(store: Store, ids: list[str], properties: list[str]) -> dict[str, Any]:
    """The data extension response for ``ids`` and ``properties``: ``meta`` (each property asked, with the
    type of entity it gives) and ``rows`` (each id's values of each property, ``[]`` if none).
    Unknown properties are given empty, as OpenRefine expects a column for each one asked."""
    subjects: Subjects = {ref: parse_ref(ref) for ref in ids}
    meta, rows = [], {ref: {} for ref in ids}
    with store.reading() as tx:
        for pid in properties:
            prop = EXTEND_PROPERTIES.get(pid)
            entry: dict[str, Any] = {"id": pid, "name": prop.name if prop else pid}
            if prop and prop.value_type:
                entry["type"] = type_dict(prop.value_type)
            meta.append(entry)
            values = prop.read(tx, subjects) if prop else {}
            for ref in ids:
                rows[ref][pid] = values.get(ref, [])
    return {"meta": meta, "rows": rows}
