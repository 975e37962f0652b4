"""What the explorer shows beyond a profile: a document with its mentions marked, a person's
neighbours, a career timeline, a graph, places on a map. Data only; drawing is the web layer's job."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..dates import parse_date, year_of
from ..errors import Errors, NotFound
from ..model import DATE_RELATIONS, ENSEMBLE_RELATIONS, RELATION_GROUPS, RELATION_TABLE
from ..store import Store, Tx
from . import query

#: Relations that are states rather than events: they do not go on a timeline.
TIMELESS = frozenset(RELATION_GROUPS["identity"])
_DRAWN = [spec for spec in RELATION_TABLE.values() if spec.graph]
#: What a graph shows besides people, and the relations that lead there (the ``graph`` column).
GRAPH_RELATIONS: dict[str, tuple[str, ...]] = {
    kind: tuple(spec.name for spec in _DRAWN if spec.kind == kind)
    for kind in dict.fromkeys(spec.kind for spec in _DRAWN if spec.kind)}
#: The relations a graph draws between people.
GRAPH_PERSON_RELATIONS = tuple(spec.name for spec in _DRAWN if "Person" in spec.values)
#: The people-list filter that lists the people linked to a graph node of each kind.
KIND_FILTER = {spec.kind: spec.filter for spec in _DRAWN if spec.kind}


# -- a document with its mentions marked -------------------------------------------------------------

@dataclass
class Segment:
    """A stretch of a document's text: plain or inside a mention; inside the evidence sentence asked
    for, and inside the value within it."""

    text: str
    start: int
    mention: Optional[str] = None  # the mention's type
    label: Optional[str] = None
    evidence: bool = False
    value: bool = False
    first_evidence: bool = False


def segments(text: str, mentions: list[dict[str, Any]], highlight: Optional[tuple[int, int]] = None) -> list[Segment]:
    """Cut ``text`` at every mention boundary and around the ``highlight`` span and its sentence.
    Overlapping mentions keep the earlier one."""
    kept, end = [], -1
    for m in sorted(mentions, key=lambda m: (m["start_char"], -m["end_char"])):
        if m["start_char"] >= end and 0 <= m["start_char"] < m["end_char"] <= len(text):
            kept.append(m)
            end = m["end_char"]
    if highlight and not (0 <= highlight[0] < highlight[1] <= len(text)):
        highlight = None
    sentence = _sentence_around(text, highlight) if highlight else None
    cuts = {0, len(text)}
    for m in kept:
        cuts.update((m["start_char"], m["end_char"]))
    for span in (highlight, sentence):
        if span:
            cuts.update(span)
    bounds = sorted(cuts)
    out, index, seen_evidence = [], 0, False
    for start, stop in zip(bounds, bounds[1:]):
        while index < len(kept) and kept[index]["end_char"] <= start:
            index += 1
        mention = kept[index] if index < len(kept) and kept[index]["start_char"] <= start else None
        inside = bool(sentence and sentence[0] <= start < sentence[1])
        out.append(Segment(text[start:stop], start, mention["type"] if mention else None,
                           (mention.get("label") or None) if mention else None, inside,
                           bool(highlight and highlight[0] <= start < highlight[1]), inside and not seen_evidence))
        seen_evidence = seen_evidence or inside
    return out


def _sentence_around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence holding ``span`` (at least the span itself)."""
    for start, end, _ in query.sentences(text):
        if start <= span[0] < end:
            return min(start, span[0]), max(end, span[1])
    return span


def document(store: Store, name: str, highlight: Optional[tuple[int, int]] = None) -> dict[str, Any]:
    """A document with its text cut into marked segments, the facts drawn from it by person, and its checks."""
    with store.reading() as tx:
        found = tx.document(name)
    if found is None:
        raise NotFound(Errors.E032.format(name=name))
    by_person: dict[tuple[Any, str], list[dict[str, Any]]] = {}
    for fact in sorted(found["facts"], key=lambda f: f["start_char"]):
        by_person.setdefault((fact["person_id"], fact["person"] or ""), []).append(fact)
    found["segments"] = segments(found["text"], found["mentions"], highlight)
    found["people"] = [{"id": pid, "name": name, "facts": facts} for (pid, name), facts in by_person.items()]
    found["mention_types"] = sorted({m["type"] for m in found["mentions"]})
    return found


# -- a person's neighbours and career ----------------------------------------------------------------

@dataclass
class Event:
    year: int
    relation: str
    value: str
    evidence: str
    document: str
    start_char: int
    end_char: int
    date: str


def timeline(facts: list[dict[str, Any]]) -> list[Event]:
    """Facts placed in time: dates of birth and death by their value, other events by the date in their sentence."""
    events = []
    for fact in facts:
        if fact["relation"] in DATE_RELATIONS:
            date = fact["value"] if year_of(fact["value"]) else None
        elif fact["relation"] in TIMELESS:
            continue
        else:
            parsed = parse_date(fact["evidence"])
            date = parsed[0] if parsed else None
        if date:
            events.append(Event(year_of(date), fact["relation"], fact["label"] or fact["value"], fact["evidence"],
                                fact["document"], fact["start_char"], fact["end_char"], date))
    return sorted(events, key=lambda e: (e.date, e.relation))


@dataclass
class PersonPage:
    profile: query.Profile
    related_people: list[dict[str, Any]]
    ensembles: list[dict[str, Any]]
    checks_by_fact: dict[int, list[dict[str, Any]]]
    other_checks: list[dict[str, Any]]
    events: list[Event] = field(default_factory=list)


def person_page(store: Store, person_id: int) -> PersonPage:
    """A profile with what sits beside it: checks by the fact they concern, related people and ensembles, timeline."""
    with store.reading() as tx:
        profile = query.profile(tx, person_id)
        related, ensembles = _neighbours(tx, profile)
    checks_by_fact: dict[int, list[dict[str, Any]]] = {}
    other = []
    fact_ids = {f["id"] for f in profile.facts}
    for check in profile.checks:
        concerned = [i for i in check["fact_ids"] if i in fact_ids] or [
            f["id"] for f in profile.facts
            if f["document"] == check["document"] and check["start_char"] is not None
            and f["start_char"] < (check["end_char"] or 0) and check["start_char"] < f["end_char"]]
        for fact_id in concerned:
            checks_by_fact.setdefault(fact_id, []).append(check)
        if not concerned:
            other.append(check)
    standing = [f for f in profile.facts if f["status"] != "rejected"]  # a rejected fact is listed, not drawn on
    return PersonPage(profile, related, ensembles, checks_by_fact, other, timeline(standing))


def _neighbours(tx: Tx, profile: query.Profile) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    people: dict[int, dict[str, Any]] = {}

    def link(person_id, name, how) -> None:
        if person_id and person_id != profile.id:
            people.setdefault(person_id, {"id": person_id, "name": name, "how": []})
            if how not in people[person_id]["how"]:
                people[person_id]["how"].append(how)

    for fact in profile.facts:
        if fact["object_person_id"] and fact["status"] != "rejected":
            other = tx.person(fact["object_person_id"])
            link(fact["object_person_id"], other["name"] if other else fact["value"], fact["relation"].replace("_", " "))
    for fact in tx.facts_about_person(profile.id):
        link(fact["person_id"], fact["person"], f"{fact['relation'].replace('_', ' ')} (their account)")
    ensemble_facts = [f for f in profile.facts if f["relation"] in ENSEMBLE_RELATIONS and f["entity_id"]
                      and f["status"] != "rejected"]
    ensembles = {f["entity_id"]: {"id": f["entity_id"], "name": f["label"] or f["value"], "people": []}
                 for f in ensemble_facts}
    for fact in tx.facts_on_entities(list(ensembles), ENSEMBLE_RELATIONS, other_than=profile.id, limit=60):
        ensembles[fact["entity_id"]]["people"].append({"id": fact["person_id"], "name": fact["person"]})
        link(fact["person_id"], fact["person"], f"also in {ensembles[fact['entity_id']]['name']}")
    return sorted(people.values(), key=lambda p: p["name"] or ""), list(ensembles.values())


# -- a graph of people and what links them -----------------------------------------------------------

@dataclass
class Graph:
    nodes: list[dict[str, Any]]  # {"id": "p12" | "e34", "kind", "name", "person_id" | "filter"}
    edges: list[dict[str, Any]]  # {"source", "target", "relation"}
    people_shown: int


def graph(store: Store, person_id: Optional[int] = None, limit: int = 25, **filters: Optional[str]) -> Graph:
    """People (one person and their neighbours, or the first ``limit`` people matching ``filters``)
    with the ensembles, instruments and places their facts name."""
    with store.reading() as tx:
        if person_id is not None:
            page_people = [tx.person(person_id)]
            if page_people[0] is None:
                raise NotFound(Errors.E022.format(name=f"#{person_id}"))
        else:
            page_people = tx.people_list(query.conditions(tx, filters), limit=limit)
        ids = [p["id"] for p in page_people]
        relations = [r for rs in GRAPH_RELATIONS.values() for r in rs]
        facts = tx.facts_of_people(ids, relations + list(GRAPH_PERSON_RELATIONS), limit=3000) if ids else []
        if person_id is not None:  # their bandmates too
            ensemble_ids = [f["entity_id"] for f in facts if f["relation"] in ENSEMBLE_RELATIONS and f["entity_id"]]
            facts += tx.facts_on_entities(ensemble_ids, ENSEMBLE_RELATIONS, other_than=person_id, limit=40)
        entities = {e["id"]: e for e in tx.entities(ids={f["entity_id"] for f in facts if f["entity_id"]})}
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    for p in page_people:
        nodes[f"p{p['id']}"] = {"id": f"p{p['id']}", "kind": "Person", "name": p["name"], "person_id": p["id"]}
    for fact in facts:
        source = f"p{fact['person_id']}"
        nodes.setdefault(source, {"id": source, "kind": "Person", "name": fact["person"], "person_id": fact["person_id"]})
        if fact["object_person_id"]:
            target = f"p{fact['object_person_id']}"
            if target not in nodes:
                continue  # only people already on the graph: it stays readable
        elif fact["entity_id"] and entities.get(fact["entity_id"]):
            entity = entities[fact["entity_id"]]
            if entity["kind"] not in GRAPH_RELATIONS:
                continue
            target = f"e{entity['id']}"
            nodes.setdefault(target, {"id": target, "kind": entity["kind"], "name": entity["name"],
                                      "filter": KIND_FILTER[entity["kind"]]})
        else:
            continue
        edge = {"source": source, "target": target, "relation": fact["relation"]}
        if edge not in edges and source != target:
            edges.append(edge)
    return Graph(list(nodes.values()), edges, len(page_people))


# -- places on a map ---------------------------------------------------------------------------------

def places(store: Store, **filters: Optional[str]) -> list[dict[str, Any]]:
    """Places with coordinates named by the facts of people matching ``filters``, most named first."""
    with store.reading() as tx:
        return tx.places(query.conditions(tx, filters))
