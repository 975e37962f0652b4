"""A MusicBrainz-shaped JSON: artists (people and groups) with type, sort name, aliases, areas (a city
part of its country) and life span; release groups, works and labels; and the relationships between
them (artist–artist, artist–group with instruments and dates, artist–label, artist–release group), each
with its evidence.

It follows the shape of MusicBrainz's web service JSON (``type``, ``sort-name``, ``life-span``,
``begin-area``, ``relations``) so an editor can enter it beside an artist's page; ids are MBIDs where
known and our IRIs (``linernotes``) always. Facts the reader inferred are not used.
"""
from __future__ import annotations

from typing import Any

from ...model import RELATION_TABLE
from .common import (Corpus, Row, Statement, country_of_entity, inferred, is_country, names_a_recording, place_name,
                     statements)
from .periods import statement_period

def sort_name(name: str, group: bool = False) -> str:
    """MusicBrainz's sort name: "Surname, Given names" for a person, the name for a group."""
    words = name.split()
    return name if group or len(words) < 2 else f"{words[-1]}, {' '.join(words[:-1])}"


def _ids(ids: dict) -> dict[str, Any]:
    return {"id": ids["musicbrainz"].value if "musicbrainz" in ids else None,
            "wikidata": ids["wikidata"].value if "wikidata" in ids else None}


def _evidence(statement: Statement) -> list[dict[str, Any]]:
    return [{"document": f["document"], "quote": f["evidence"], "start": f["start_char"], "end": f["end_char"]}
            for f in statement.facts]


class _Builder:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.by_key = {(e["kind"], e["key"]): e for e in corpus.entities.values()}
        self.targets: dict[str, dict[int, dict[str, Any]]] = {"Group": {}, "Label": {}, "Release group": {},
                                                              "Work": {}}
        self.relations: list[dict[str, Any]] = []

    def entity(self, entity_id: int) -> dict[str, Any]:
        entity = self.corpus.entities[entity_id]
        return {**_ids(self.corpus.entity_ids.get(entity_id, {})), "linernotes": f"{self.corpus.base}entity/{entity_id}",
                "name": entity["name"]}

    def area(self, fact: Row | None) -> dict[str, Any] | None:
        if fact is None or not fact.get("entity_id"):
            return None
        entity = self.corpus.entities[fact["entity_id"]]
        country, a_country = country_of_entity(entity), is_country(entity)
        area = {**self.entity(entity["id"]), "name": place_name(entity), "type": "Country" if a_country else "City"}
        if country is not None and not a_country:  # the area hierarchy: a city is part of its country
            known = self.by_key.get(("Country", country.ref)) or self.by_key.get(("Place", country.ref))
            parent = self.entity(known["id"]) if known else {"id": None, "wikidata": None, "name": country.name}
            area["part-of"] = {**parent, "type": "Country", "iso-3166-1-codes": [country.iso2]}
        elif country is not None:
            area["iso-3166-1-codes"] = [country.iso2]
        return area

    def target(self, statement: Statement) -> dict[str, Any] | None:
        fact = statement.fact
        if fact.get("object_person_id"):
            return {"type": "Person", "linernotes": self.corpus.person_iri(fact["object_person_id"])}
        if not fact.get("entity_id"):
            return None
        kind = self.corpus.entities[fact["entity_id"]]["kind"]
        if kind == "Ensemble":
            role = "Group"
        elif kind == "Organization" and statement.relation == "record_label":
            role = "Label"
        elif kind == "Work":
            role = "Release group" if any(names_a_recording(f) for f in statement.facts) else "Work"
        else:
            return None
        found = self.targets[role].setdefault(fact["entity_id"], self._new(role, fact["entity_id"]))
        return {"type": role, "linernotes": found["linernotes"]}

    def credit(self, statement: Statement, artist: str) -> None:
        """A notable work names its artist, in the work's credits (the sentence does not say the role)."""
        target = self.target(statement)
        if target is not None:
            node = self.targets[target["type"]][statement.fact["entity_id"]]
            if artist not in node["artist-credit"]:
                node["artist-credit"].append(artist)
                node.setdefault("evidence", []).extend(_evidence(statement))

    def _new(self, role: str, entity_id: int) -> dict[str, Any]:
        node = {**self.entity(entity_id), "type": role}
        if role == "Group":
            node.update({"sort-name": sort_name(node["name"], group=True), "aliases": []})
        if role == "Release group":
            node["primary-type"] = "Album"
        if role in ("Release group", "Work"):
            node["artist-credit"] = []
        return node

    def artist(self, person: Row, own: list[Statement], facts: list[Row]) -> dict[str, Any]:
        corpus = self.corpus

        def first(relation: str) -> Row | None:
            return next((s.fact for s in own if s.relation == relation and not inferred(s.fact, corpus)), None)

        born, died = first("birth_date"), first("death_date")
        artist = {**_ids(corpus.person_ids.get(person["id"], {})), "linernotes": corpus.person_iri(person["id"]),
                  "type": "Person", "name": person["name"], "sort-name": sort_name(person["name"]),
                  # The biographies are English; a name's locale is not known, so none is claimed.
                  "aliases": [{"name": n, "sort-name": sort_name(n), "locale": None, "type": "Artist name"}
                              for n in corpus.names(person)[1:]],
                  "area": self.area(first("nationality")), "begin-area": self.area(first("born_in")),
                  "end-area": self.area(first("died_in")),
                  "life-span": {"begin": born["value"] if born else None, "end": died["value"] if died else None,
                                "ended": died is not None}}
        instruments = [s for s in own if s.relation == "instrument"]
        for statement in own:
            if statement.relation == "notable_work" and not inferred(statement.fact, corpus):
                self.credit(statement, artist["linernotes"])
                continue
            spec = RELATION_TABLE.get(statement.relation)
            kind = spec.musicbrainz if spec else None
            target = self.target(statement) if kind and not inferred(statement.fact, corpus) else None
            if target is None:
                continue
            said = {(f["document"], f["evidence"]) for f in statement.facts}
            # What the person played in the group: the instruments said in the membership's sentence.
            played = sorted({s.fact.get("label") or s.fact["value"] for s in instruments
                             if {(f["document"], f["evidence"]) for f in s.facts} & said})
            begin, end = statement_period(statement.facts, facts) if spec and spec.dated else (None, None)
            self.relations.append({
                "type": kind, "direction": "backward" if spec.musicbrainz_reversed else "forward",
                "artist": artist["linernotes"], "target": target,
                "attributes": played if statement.relation == "member_of" else [],
                "begin": begin, "end": end, "ended": end is not None, "evidence": _evidence(statement)})
        return artist


def document(corpus: Corpus) -> dict[str, Any]:
    builder = _Builder(corpus)
    by_person = corpus.facts_by_person()
    artists = [builder.artist(p, statements(corpus, by_person.get(p["id"], [])), by_person.get(p["id"], []))
               for p in corpus.people]
    return {"artists": artists + list(builder.targets["Group"].values()),
            "release-groups": list(builder.targets["Release group"].values()),
            "works": list(builder.targets["Work"].values()),
            "labels": list(builder.targets["Label"].values()),
            "relations": builder.relations}
