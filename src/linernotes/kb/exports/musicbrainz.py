"""A MusicBrainz-shaped JSON: artists (people and groups) with type, sort name, aliases, areas and life
span, and artist–artist and artist–group relationships with their attributes, each with its evidence.

It follows the shape of MusicBrainz's web service JSON (``type``, ``sort-name``, ``life-span``,
``relations``) so an editor can read it beside an artist's page; ids are MBIDs where known.
"""
from __future__ import annotations

from typing import Any

from .common import Corpus, Row, Statement, inferred, statements
from .periods import statement_period

#: Our relations as MusicBrainz relationship types (artist–artist, artist–group), read from the person.
RELATIONSHIPS = {"member_of": "member of band", "teacher_of": "teacher", "spouse": "married", "sibling": "sibling",
                 "child": "parent", "collaborator": "collaboration", "founded": "founder", "partner": "involved with"}
#: Relationships whose sentence may date them ("in 1947 joined", "formed in 2011").
DATED = frozenset({"member_of", "founded"})
#: Reversed: the value is the parent, the teacher.
BACKWARD = {"student_of": "teacher", "father": "parent", "mother": "parent"}


def sort_name(name: str, group: bool = False) -> str:
    """MusicBrainz's sort name: "Surname, Given names" for a person, the name for a group."""
    words = name.split()
    return name if group or len(words) < 2 else f"{words[-1]}, {' '.join(words[:-1])}"


def _area(fact: Row | None, corpus: Corpus) -> dict[str, Any] | None:
    if fact is None:
        return None
    entity = corpus.entities.get(fact.get("entity_id") or 0) or {}
    area: dict[str, Any] = {"name": fact.get("label") or fact["value"], "type": "Country" if entity.get("kind") == "Country"
                            else "City"}
    ids = corpus.entity_ids.get(entity.get("id") or 0, {})
    if "musicbrainz" in ids:
        area["id"] = ids["musicbrainz"].value
    if "wikidata" in ids:
        area["wikidata"] = ids["wikidata"].value
    if entity.get("country"):
        area["iso-3166-1-codes"] = [entity["country"]]  # the country the place is in: its area's parent
    return area


def _first(statements_: list[Statement], relation: str, corpus: Corpus) -> Row | None:
    return next((s.fact for s in statements_ if s.relation == relation and not inferred(s.fact, corpus)), None)


def _evidence(statement: Statement) -> list[dict[str, Any]]:
    return [{"document": f["document"], "quote": f["evidence"], "start": f["start_char"], "end": f["end_char"]}
            for f in statement.facts]


def document(corpus: Corpus) -> dict[str, Any]:
    artists, groups, relations = [], {}, []
    by_person = corpus.facts_by_person()
    for person in corpus.people:
        own = statements(corpus, by_person.get(person["id"], []))
        ids = corpus.person_ids.get(person["id"], {})
        born, died = _first(own, "birth_date", corpus), _first(own, "death_date", corpus)
        artist = {"id": ids["musicbrainz"].value if "musicbrainz" in ids else None,
                  "linernotes": corpus.person_iri(person["id"]), "type": "Person", "name": person["name"],
                  "sort-name": sort_name(person["name"]),
                  "aliases": [{"name": n, "sort-name": sort_name(n), "locale": None, "type": "Artist name",
                               "primary": None} for n in corpus.names(person)[1:]],
                  "area": _area(_first(own, "nationality", corpus), corpus),
                  "begin-area": _area(_first(own, "born_in", corpus), corpus),
                  "end-area": _area(_first(own, "died_in", corpus), corpus),
                  "life-span": {"begin": born["value"] if born else None, "end": died["value"] if died else None,
                                "ended": died is not None},
                  "wikidata": ids["wikidata"].value if "wikidata" in ids else None}
        artists.append(artist)
        instruments = [s for s in own if s.relation == "instrument"]
        for statement in own:
            relation = statement.relation
            kind = RELATIONSHIPS.get(relation) or BACKWARD.get(relation)
            if kind is None or inferred(statement.fact, corpus):
                continue
            fact = statement.fact
            if fact.get("object_person_id"):
                target = {"type": "Person", "linernotes": corpus.person_iri(fact["object_person_id"])}
            elif fact.get("entity_id") and corpus.entities[fact["entity_id"]]["kind"] == "Ensemble":
                target = _group(corpus, groups, fact["entity_id"])
            else:
                continue
            # The instruments said in the same sentence as the membership: what the person played in it.
            said = {(f["document"], f["evidence"]) for f in statement.facts}
            attributes = sorted({s.fact.get("label") or s.fact["value"] for s in instruments
                                 if {(f["document"], f["evidence"]) for f in s.facts} & said})
            forward = relation not in BACKWARD
            begin, end = statement_period(statement.facts, by_person[person["id"]]) if relation in DATED else (None, None)
            relations.append({"type": kind, "direction": "forward" if forward else "backward",
                              "artist": artist["linernotes"], "target": target,
                              "attributes": attributes if relation == "member_of" else [],
                              "begin": begin, "end": end, "ended": end is not None, "evidence": _evidence(statement)})
    return {"artists": artists + list(groups.values()), "relations": relations}


def _group(corpus: Corpus, groups: dict[int, dict], entity_id: int) -> dict[str, Any]:
    if entity_id not in groups:
        entity, ids = corpus.entities[entity_id], corpus.entity_ids.get(entity_id, {})
        groups[entity_id] = {"id": ids["musicbrainz"].value if "musicbrainz" in ids else None,
                             "linernotes": f"{corpus.base}entity/{entity_id}", "type": "Group", "name": entity["name"],
                             "sort-name": sort_name(entity["name"], group=True), "aliases": [],
                             "wikidata": ids["wikidata"].value if "wikidata" in ids else None}
    return {"type": "Group", "linernotes": groups[entity_id]["linernotes"]}
