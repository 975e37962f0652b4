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
        order = _vocabulary_order()
        return sorted(self.facts, key=lambda f: (f["confidence"], order.get(f["relation"], len(order)), f["document"],
                                                 f["start_char"]))

    def by_sentence(self, sort: str = "relation") -> list[dict[str, Any]]:
        """The sentences the facts come from, each once with every fact it gives (``facts``), so a
        sentence that gives a birth, an instrument and a nationality is quoted once, not three times.
        ``sort="relation"``: by the kind of fact a sentence gives first in the vocabulary (birth before
        instruments), then where it stands in its document; ``"confidence"``: the sentence with the
        least sure fact first. Facts in a sentence follow the same order. Each sentence links to the
        place of its first fact (``document``, ``start_char``, ``end_char``)."""
        order = _vocabulary_order()
        if sort == "confidence":
            key = lambda f: (f["confidence"], order.get(f["relation"], len(order)), f["start_char"])  # noqa: E731
        else:
            key = lambda f: (order.get(f["relation"], len(order)), -f["confidence"], f["start_char"])  # noqa: E731
        by_place: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for fact in self.facts:
            by_place.setdefault((fact["document"], fact["evidence"]), []).append(fact)
        documents = {d: i for i, d in enumerate(self.documents)}
        ranked = []
        for (document, evidence), facts in by_place.items():
            facts.sort(key=key)
            first = min(facts, key=lambda f: f["start_char"])
            sentence = {"document": document, "evidence": evidence, "start_char": first["start_char"],
                        "end_char": first["end_char"], "page": first.get("page"), "facts": facts}
            ranked.append(((key(facts[0])[0], documents.get(document, len(documents)), first["start_char"]), sentence))
        return [sentence for _, sentence in sorted(ranked, key=lambda r: r[0])]

    def to_dict(self, sort: str = "relation") -> dict[str, Any]:
        """The profile as JSON; with ``sort="confidence"`` also every fact least sure first (``facts_by_confidence``)."""
        out = {"id": self.id, "name": self.name, "names": self.names, "documents": self.documents,
               "resolution": self.reasons, "facts": self.grouped(), "checks": self.checks}
        if sort == "confidence":
            out["facts_by_confidence"] = self.by_confidence()
        return out


def _vocabulary_order() -> dict[str, int]:
    """Each relation's place in the vocabulary as a profile shows it (group by group)."""
    return {relation: i for i, relation in enumerate(r for group in RELATION_GROUPS.values() for r in group)}


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
    if all(tx.has_fact(relations, value=value) for relations, value, _ in exact):
        return exact
    return [(relations, None, value) for _, relations, value in wanted]


def people(store: Store, limit: int = 50, offset: int = 0, name: str | None = None, has_checks: bool = False,
           sort: str = "name", **filters: str | None) -> list[dict[str, Any]]:
    """People matching every filter given (``instrument="dombra"``, ``place="Almaty"``, ...); see ``conditions``."""
    with store.reading() as tx:
        return tx.people_list(conditions(tx, filters), name=name, has_checks=has_checks, sort=sort,
                              limit=limit, offset=offset)


#: The columns of the people list beyond name and counts: column -> the relations it shows, surest first.
LIST_COLUMNS: dict[str, tuple[str, ...]] = {"instrument": ("instrument",), "genre": ("genre",),
                                            "born": ("birth_date",), "place": ("born_in", "residence")}
#: The facets of the people list: facet -> the filter a value of it sets. "country" is the place filter
#: given a country's ISO code (``reference.places.area``), counted by the country of the places' entities.
FACETS: dict[str, str] = {"instrument": "instrument", "genre": "genre", "country": PLACE_FILTER, "ensemble": "ensemble"}
#: How many of the matching people (the first by id) the facet counts are counted over: a bound on their cost.
FACET_SAMPLE = 500


@dataclass
class PeopleTable:
    """A page of the people list with its columns, and facet counts over the people that match."""

    rows: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]
    counted: int  # how many matching people the facets counted: all of them unless it is over ``sample``
    sample: int

    @property
    def exact(self) -> bool:
        return self.counted <= self.sample


def people_table(store: Store, limit: int = 50, offset: int = 0, name: str | None = None, has_checks: bool = False,
                 sort: str = "name", **filters: str | None) -> PeopleTable:
    """``people`` with the list's columns (``LIST_COLUMNS``: values of each; ``checks``: how many) and
    the commonest values of each facet (``FACETS``) among the people that match, with their counts."""
    from ..reference.countries import countries

    with store.reading() as tx:
        where = conditions(tx, filters)
        # The filters are evaluated once: the first FACET_SAMPLE + 1 people that match, by id. When
        # that is all of them, or the page is in id order and within them, the page is drawn from these
        # ids; otherwise the list runs its own query.
        first = tx.people_sample(where, name=name, has_checks=has_checks, sample=FACET_SAMPLE)
        counted, sample = len(first), first[:FACET_SAMPLE]
        holds_page = counted <= FACET_SAMPLE or (sort == "id" and offset + limit <= counted)
        rows = tx.people_list(where, name=name, has_checks=has_checks, sort=sort, limit=limit, offset=offset,
                              among=first if holds_page else None)
        ids = [r["id"] for r in rows]
        shown = {r for relations in LIST_COLUMNS.values() for r in relations}
        facts = tx.values_of_people(ids, shown) if ids else []
        checks = tx.check_counts(ids)
        facets = tx.people_facets(sample, {k: FILTERS[f] for k, f in FACETS.items() if k != "country"},
                                  countries=FILTERS[PLACE_FILTER])
    by_person: dict[int, list[dict[str, Any]]] = {}
    for fact in sorted(facts, key=lambda f: -f["confidence"]):
        by_person.setdefault(fact["person_id"], []).append(fact)
    for row in rows:
        own = by_person.get(row["id"], [])
        for column, relations in LIST_COLUMNS.items():
            values = [f["label"] or f["value"] for r in relations for f in own if f["relation"] == r]
            row[column] = list(dict.fromkeys(values))
        row["checks"] = checks.get(row["id"], 0)
    for value in facets.get("country", []):
        country = countries().countries.get(value["key"])
        value["value"] = country.name if country else value["key"]
    return PeopleTable(rows, {k: facets.get(k, []) for k in FACETS}, counted, FACET_SAMPLE)


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


def marked(text: str, words: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each with whether it is one of the searched ``words`` (compared as the
    word index folds them, so "almaty" marks "Almaty"): what a page shows marked, as text, never as HTML."""
    terms = index_terms(words)
    pieces: list[tuple[str, bool]] = []
    for piece in re.split(r"(\w+)", text):
        if not piece:
            continue
        hit = bool(index_terms(piece) & terms)
        if pieces and not hit and not pieces[-1][1]:  # runs of plain text join
            pieces[-1] = (pieces[-1][0] + piece, False)
        else:
            pieces.append((piece, hit))
    return pieces
