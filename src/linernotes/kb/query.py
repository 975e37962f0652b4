"""Queries over the knowledge base: find people, show a profile, search documents and facts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..errors import Errors, NotFound, StoreError
from ..keys import value_key
from ..model import RELATION_GROUPS, RELATION_TABLE
from ..reference.places import Area, area
from ..store import Store, Tx
from ..store.writes import index_terms

#: Filters of ``people``: option name -> the relations it looks in (the ``filter`` column of the relation table).
FILTERS: dict[str, tuple[str, ...]] = {
    name: tuple(r for r, spec in RELATION_TABLE.items() if spec.filter == name)
    for name in dict.fromkeys(spec.filter for spec in RELATION_TABLE.values() if spec.filter)}


@dataclass
class Profile:
    """One person across every document that describes them."""

    id: int
    name: str
    names: list[str]
    documents: list[str]
    reasons: list[dict[str, str]]
    facts: list[dict[str, Any]]
    checks: list[dict[str, Any]]

    def grouped(self) -> dict[str, list[dict[str, Any]]]:
        """Facts by the group a profile shows them in, in vocabulary order, sure facts first; each
        (relation, value) once, with every fact that says it (``statements``)."""
        out: dict[str, list[dict[str, Any]]] = {}
        said = statements(self.facts)
        for group, relations in RELATION_GROUPS.items():
            rows = [f for f in said if f["relation"] in relations]
            rows.sort(key=lambda f: (relations.index(f["relation"]), -f["confidence"], f["document"], f["start_char"]))
            if rows:
                out[group] = rows
        return out

    def by_confidence(self) -> list[dict[str, Any]]:
        """Every fact, the least likely to be right first: the order to review them in."""
        order = {relation: i for i, relation in enumerate(r for group in RELATION_GROUPS.values() for r in group)}
        return sorted(self.facts, key=lambda f: (f["confidence"], order.get(f["relation"], len(order)), f["document"],
                                                 f["start_char"]))

    def to_dict(self, sort: str = "relation") -> dict[str, Any]:
        """The profile as JSON; with ``sort="confidence"`` also every fact least sure first (``facts_by_confidence``)."""
        out = {"id": self.id, "name": self.name, "names": self.names, "documents": self.documents,
               "resolution": self.reasons, "facts": self.grouped(), "checks": self.checks}
        if sort == "confidence":
            out["facts_by_confidence"] = self.by_confidence()
        return out


def statements(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each (relation, value) once: two documents that give a merged profile's gender, or one that says
    a genre twice, make one statement. A statement is its surest fact, with ``sources`` (every fact
    saying it, by document and position: sentence, document, id, confidence) and their ``fact_ids``,
    so a review can still address each fact."""
    by_key: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for fact in facts:
        said = fact.get("object_person_id") or value_key(fact["label"] or fact["value"])
        by_key.setdefault((fact["relation"], said), []).append(fact)
    out = []
    for same in by_key.values():
        best = max(same, key=lambda f: (f["confidence"], -f["id"]))
        sources = sorted(same, key=lambda f: (f["document"], f["start_char"], f["id"]))
        out.append({**best, "sources": sources, "fact_ids": [f["id"] for f in sources]})
    return out


def find_person(tx: Tx, who: str | int) -> int:
    """The id of the person ``who`` names: a number (``12`` or ``#12``) or a name/alias."""
    text = str(who).strip()
    if re.fullmatch(r"#?\d+", text):
        person_id = int(text.lstrip("#"))
        if tx.person(person_id) is None:
            raise NotFound(Errors.E022.format(name=text))
        return person_id
    found = tx.people_named(text) or tx.people_list(name=text, limit=10)  # a surname alone, say
    if len(found) > 1:  # names that fold alike (Talo/Tallo): the one spelled exactly as given wins
        exact = [p for p in found if p["name"].casefold() == text.casefold()]
        found = exact or found
    if not found:
        raise NotFound(Errors.E022.format(name=text))
    if len(found) > 1:
        choices = ", ".join(f"#{p['id']} {p['name']}" for p in found[:10])
        raise StoreError(Errors.E023.format(name=text, count=len(found), choices=choices, example=f"#{found[0]['id']}"))
    return found[0]["id"]


def profile(tx: Tx, person_id: int) -> Profile:
    person = tx.person(person_id)
    if person is None:
        raise NotFound(Errors.E022.format(name=f"#{person_id}"))
    members = tx.person_members(person_id)
    names = list(dict.fromkeys(n for m in members for n in [m["name"], *m["aliases"]]))
    facts = tx.person_facts(person_id)
    return Profile(
        id=person_id, name=person["name"], names=names,
        documents=list(dict.fromkeys(m["document"] for m in members)),
        reasons=[{"document": m["document"], "name": m["name"], "reason": m["reason"] or ""} for m in members],
        facts=facts, checks=tx.person_checks(person_id))


def show(store: Store, who: str | int) -> Profile:
    """A profile by name or number: facts grouped, each with its sentence and document."""
    with store.reading() as tx:
        return profile(tx, find_person(tx, who))


Conditions = list[tuple[tuple[str, ...], Optional[str | Area], Optional[str]]]
#: The filter whose value is a place: it finds what lies in the place too (``reference.places.area``).
PLACE_FILTER = "place"


def conditions(tx: Tx, filters: dict[str, Optional[str]]) -> Conditions:
    """Store conditions for ``filters`` (``{"instrument": "dombra"}``): a filter matches a fact's value
    or canonical label exactly; if some filter matches no fact exactly, they match values that contain them
    ("conservatory" finds every conservatory). A place filter naming a country or a known place ("KZ",
    "Kazakhstan", "Alma-Ata") matches exactly what lies in it: Almaty is in Kazakhstan."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise StoreError(Errors.E025.format(why=f"unknown filter(s) {sorted(unknown)}; use {sorted(FILTERS)}"))
    wanted = [(k, FILTERS[k], v.strip()) for k, v in filters.items() if v and v.strip()]
    exact: Conditions = [(relations, (k == PLACE_FILTER and area(value)) or value, None) for k, relations, value in wanted]
    if all(tx.facts_where(relations, value=value, limit=1) for relations, value, _ in exact):
        return exact
    return [(relations, None, value) for _, relations, value in wanted]


def people(store: Store, limit: int = 50, offset: int = 0, name: str | None = None, has_checks: bool = False,
           sort: str = "name", **filters: str | None) -> list[dict[str, Any]]:
    """People matching every filter given (``instrument="dombra"``, ``place="Almaty"``, ...); see ``conditions``."""
    with store.reading() as tx:
        return tx.people_list(conditions(tx, filters), name=name, has_checks=has_checks, sort=sort,
                              limit=limit, offset=offset)


def count_people(store: Store, cap: int, name: str | None = None, has_checks: bool = False,
                 **filters: str | None) -> int:
    """How many people ``people`` finds without a limit, counted no further than ``cap + 1``."""
    with store.reading() as tx:
        return tx.count_people_listed(conditions(tx, filters), name=name, has_checks=has_checks, cap=cap)


@dataclass
class SearchHit:
    document: str
    score: int
    snippets: list[str]
    facts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "score": self.score, "snippets": self.snippets, "facts": self.facts}


def sentences(text: str) -> list[tuple[int, int, str]]:
    """Rough sentence spans of a text: enough to show a hit in its context."""
    out = []
    for match in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text):
        sentence = match.group().strip()
        if sentence:
            start = match.start() + match.group().find(sentence)
            out.append((start, start + len(sentence), sentence))
    return out


def search(store: Store, text: str, limit: int = 20) -> list[SearchHit]:
    """Full-text search over documents and the facts drawn from them, best documents first."""
    terms = index_terms(text)
    with store.reading() as tx:
        documents = tx.documents_with_terms(terms, limit=limit)
        facts = tx.facts_in_documents([d["id"] for d in documents]) if documents else []
    hits = []
    for document in documents:
        scored = []
        for start, end, sentence in sentences(document["text"]):
            words = index_terms(sentence)
            if words & terms:
                scored.append((len(words & terms), -start, sentence))
        snippets = [s for _, _, s in sorted(scored, reverse=True)[:3]]
        matching = [f for f in facts if f["document_id"] == document["id"]
                    and (index_terms(f["value"]) & terms or index_terms(f["evidence"]) & terms)]
        hits.append(SearchHit(document["name"], document["hits"], snippets, matching[:10]))
    return hits
