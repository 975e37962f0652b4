"""What the explorer shows beyond a profile: a document with its mentions marked, a person's
neighbours, a career timeline, a graph, places on a map. Data only; drawing is the web layer's job."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..dates import year_of
from ..errors import Errors, NotFound
from ..model import DATE_RELATIONS, ENSEMBLE_RELATIONS, INVERSE, RELATION_GROUPS, RELATION_TABLE
from ..store import Store, Tx
from . import query
from .dating import fact_date

#: Relations that are states rather than events: they do not go on a timeline.
TIMELESS = frozenset(RELATION_GROUPS["identity"])
_DRAWN = [spec for spec in RELATION_TABLE.values() if spec.graph]
#: What a graph shows besides people, and the relations that lead there (the ``graph`` column).
GRAPH_RELATIONS: dict[str, tuple[str, ...]] = {
    kind: tuple(spec.name for spec in _DRAWN if spec.kind == kind)
    for kind in dict.fromkeys(spec.kind for spec in _DRAWN if spec.kind)}
#: The relations a graph draws between people: teachers, collaborators, family, influences.
GRAPH_PERSON_RELATIONS = tuple(spec.name for spec in RELATION_TABLE.values() if "Person" in spec.values)


def person_edge(relation: str, source: str, target: str) -> tuple[str, str, str]:
    """``(relation, source, target)`` of a link between people, drawn once however it was told: "A
    taught B" as "B studied with A" (of a relation and its inverse, the one first by name), and a
    relation that is its own inverse (collaborator, spouse) from the first node by id."""
    inverse = INVERSE.get(relation)
    if inverse == relation:
        return (relation, *sorted((source, target)))
    if inverse and inverse < relation:
        return inverse, target, source
    return relation, source, target


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
    """One thing that happened, once however many facts and documents tell it."""

    year: int
    relation: str
    value: str
    evidence: str
    document: str
    start_char: int
    end_char: int
    date: str
    #: What the same sentence adds to it: ``(relation, value)``, "born_in", "Almaty" for a birth.
    details: list[tuple[str, str]] = field(default_factory=list)
    #: Every sentence that tells it: ``{"evidence", "document", "start_char", "end_char"}``, the first one's first.
    sources: list[dict[str, Any]] = field(default_factory=list)


def _written(fact: dict[str, Any]) -> list[str]:
    """How the fact's value may be written in its sentence: "Almaty, KZ" is "Almaty" there."""
    names = [fact["value"], fact["label"] or ""]
    return list(dict.fromkeys(n for name in names if name for n in (name, name.split(",")[0].strip())))


def timeline(facts: list[dict[str, Any]]) -> list[Event]:
    """Facts placed in time, one entry per event.

    Dates of birth and death are the facts' own values; any other fact takes the date its own
    sentence gives it (``kb.dating``), none if its sentence gives none. A fact dated by the same
    clause as a birth or death date ("born in 1979 in Aktobe") is part of that event, not another
    one; the same event told twice (two documents, or "1998" and "2 June 1998") is one entry.
    """
    dates_by_sentence: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for fact in facts:
        if fact["relation"] in DATE_RELATIONS and year_of(fact["value"]):
            dates_by_sentence.setdefault((fact["document"], fact["evidence"]), []).append(fact)
    events: list[Event] = []
    by_key: dict[tuple[str, str, int], Event] = {}

    def add(event: Event, key: tuple[str, str, int]) -> None:
        same = by_key.get(key)
        source = {"evidence": event.evidence, "document": event.document, "start_char": event.start_char,
                  "end_char": event.end_char}
        if same is None:
            event.sources.append(source)
            by_key[key] = event
            events.append(event)
            return
        if len(event.date) > len(same.date):  # "2 June 1998" says more than "1998"
            same.date = event.date
        if source not in same.sources:
            same.sources.append(source)
        same.details.extend(d for d in event.details if d not in same.details)

    details: dict[int, list[tuple[str, str]]] = {}
    dated: list[tuple[dict[str, Any], str]] = []
    for fact in facts:
        if fact["relation"] in DATE_RELATIONS or fact["relation"] in TIMELESS:
            continue
        sentence = fact["evidence"] or ""
        stated = dates_by_sentence.get((fact["document"], fact["evidence"]), [])
        own = fact_date(sentence, _written(fact), clause_only=True)
        joined = next((d for d in stated if own and d["value"] == own), None)
        if joined is not None:
            details.setdefault(joined["id"], []).append((fact["relation"], fact["label"] or fact["value"]))
            continue
        date = fact_date(sentence, _written(fact), taken=[d["value"] for d in stated])
        if date:
            dated.append((fact, date))
    for fact in facts:
        if fact["relation"] in DATE_RELATIONS and year_of(fact["value"]):
            dated.insert(0, (fact, fact["value"]))
    for fact, date in dated:
        value = fact["label"] or fact["value"]
        event = Event(year_of(date), fact["relation"], value, fact["evidence"], fact["document"], fact["start_char"],
                      fact["end_char"], date, list(details.get(fact["id"], [])))
        key = (fact["relation"], "" if fact["relation"] in DATE_RELATIONS else value.casefold(), event.year)
        add(event, key)
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
    nodes: list[dict[str, Any]]  # {"id": "p12" | "e34", "kind", "name", "person_id" | "filter", "level"}
    edges: list[dict[str, Any]]  # {"source", "target", "relation"}; between people, source taught/parented target
    people_shown: int  # the people asked for: the person and their neighbours, or those matching the filters
    truncated: bool = False  # more people were linked than the graph holds


def graph(store: Store, person_id: Optional[int] = None, limit: int = 25, depth: int = 1,
          kinds: Optional[tuple[str, ...]] = None, **filters: Optional[str]) -> Graph:
    """People and what links them: one another (teachers, collaborators, family), ensembles, and the
    instruments and places of their facts.

    With ``person_id``: that person and the people ``depth`` links away (through a relation or a shared
    ensemble), at most ``limit``. Otherwise the first ``limit`` people matching ``filters`` and the people
    they name. ``kinds`` are the kinds of things drawn besides people (all of them by default); a
    thing is drawn when it links two people on the graph, or belongs to the person the graph is of.
    """
    kinds = tuple(GRAPH_RELATIONS) if kinds is None else tuple(k for k in kinds if k in GRAPH_RELATIONS)
    relations = [r for kind in kinds for r in GRAPH_RELATIONS[kind]]
    names: dict[int, str] = {}
    level: dict[int, int] = {}
    facts: list[dict[str, Any]] = []
    truncated = False
    with store.reading() as tx:
        if person_id is not None:
            centre = tx.person(person_id)
            if centre is None:
                raise NotFound(Errors.E022.format(name=f"#{person_id}"))
            names[person_id], level[person_id] = centre["name"], 0
            frontier = [person_id]
            for step in range(1, depth + 1):
                found = _linked_people(tx, frontier, relations, facts)
                fresh = [(pid, name) for pid, name in found.items() if pid not in level]
                room = limit - len(level)
                truncated = truncated or len(fresh) > room
                for pid, name in fresh[:max(0, room)]:
                    names[pid], level[pid] = name, step
                frontier = [pid for pid, _ in fresh[:max(0, room)]]
                if not frontier:
                    break
            if frontier:  # the outer ring's own links, so that edges among them are drawn too
                facts += tx.facts_of_people(frontier, GRAPH_PERSON_RELATIONS + tuple(ENSEMBLE_RELATIONS), limit=3000)
        else:
            for p in tx.people_list(query.conditions(tx, filters), limit=limit):
                names[p["id"]], level[p["id"]] = p["name"], 0
            facts = tx.facts_of_people(list(names), relations + list(GRAPH_PERSON_RELATIONS), limit=5000) if names else []
            named = [f for f in facts if f["object_person_id"] and f["object_person_id"] not in level]
            for fact in named[:limit]:  # the people they name (a teacher without a biography of their own)
                names.setdefault(fact["object_person_id"], fact["label"] or fact["value"])
                level.setdefault(fact["object_person_id"], 1)
            truncated = len(named) > limit
        entities = {e["id"]: e for e in tx.entities(ids={f["entity_id"] for f in facts if f["entity_id"]})}
    nodes: dict[str, dict[str, Any]] = {
        f"p{pid}": {"id": f"p{pid}", "kind": "Person", "name": names[pid], "person_id": pid, "level": level[pid]}
        for pid in sorted(level, key=lambda pid: (level[pid], names[pid] or ""))}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    things: dict[str, set[str]] = {}
    for fact in facts:
        source = f"p{fact['person_id']}"
        if source not in nodes:
            continue
        if fact["object_person_id"]:
            target = f"p{fact['object_person_id']}"
            if target not in nodes or fact["relation"] not in GRAPH_PERSON_RELATIONS:
                continue
            relation, source, target = person_edge(fact["relation"], source, target)
        else:
            entity = entities.get(fact["entity_id"])
            if not entity or entity["kind"] not in kinds or fact["relation"] not in relations:
                continue
            target, relation = f"e{entity['id']}", fact["relation"]
            things.setdefault(target, set()).add(source)
            nodes.setdefault(target, {"id": target, "kind": entity["kind"], "name": entity["name"],
                                      "filter": KIND_FILTER[entity["kind"]], "level": 1})
        if source != target:
            edges.setdefault((source, target, relation), {"source": source, "target": target, "relation": relation})
    # A thing only one person has says nothing about links, except around the person the graph is of.
    centre_id = f"p{person_id}" if person_id is not None else None
    lonely = {t for t, people in things.items() if len(people) < 2 and centre_id not in people}
    kept = [n for n in nodes.values() if n["id"] not in lonely]
    matching = len(level) if person_id is not None else sum(1 for step in level.values() if step == 0)
    return Graph(kept, [e for e in edges.values() if e["target"] not in lonely], matching, truncated)


def _linked_people(tx: Tx, people: list[int], relations: list[str], facts: list[dict[str, Any]]) -> dict[int, str]:
    """The people one link from ``people``: named by their facts, naming them, or in their ensembles.
    The facts that link them are added to ``facts``."""
    found: dict[int, str] = {}
    own = tx.facts_of_people(people, relations + list(GRAPH_PERSON_RELATIONS), limit=3000)
    facts += own
    for fact in own:
        if fact["object_person_id"] and fact["relation"] in GRAPH_PERSON_RELATIONS:
            found.setdefault(fact["object_person_id"], fact["label"] or fact["value"])
    for pid in people[:50]:  # their accounts of these people ("studied with X" in X's neighbour's biography)
        for fact in tx.facts_about_person(pid, limit=100):
            if fact["relation"] in GRAPH_PERSON_RELATIONS:
                facts.append(fact)
                found.setdefault(fact["person_id"], fact["person"])
    ensemble_ids = list({f["entity_id"] for f in own if f["relation"] in ENSEMBLE_RELATIONS and f["entity_id"]})
    if ensemble_ids:
        for fact in tx.facts_on_entities(ensemble_ids, ENSEMBLE_RELATIONS, other_than=people[0], limit=200):
            facts.append(fact)
            found.setdefault(fact["person_id"], fact["person"])
    return {pid: name for pid, name in found.items() if pid not in people}


# -- places on a map ---------------------------------------------------------------------------------

def places(store: Store, **filters: Optional[str]) -> list[dict[str, Any]]:
    """Places with coordinates named by the facts of people matching ``filters``, most named first."""
    with store.reading() as tx:
        return tx.places(query.conditions(tx, filters))
