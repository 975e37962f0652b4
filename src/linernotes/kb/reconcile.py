"""Reconciliation: which people in the knowledge base a name (and a few known facts) may be.

The scoring behind the OpenRefine reconciliation service (``web/reconcile.py``): a name scores by
how closely its folded spelling matches a profile's name (the same name key scores 100, any other
spelling at most 89, so it is never a match on its name alone), and each
property given ("instrument": "dombra") that the profile has lifts the score; one that it lacks
lowers it.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Optional

from ..keys import fold_words, name_key, value_key
from ..store import Store
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


@dataclass
class Candidate:
    id: int
    name: str
    score: float
    match: bool
    description: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": str(self.id), "name": self.name, "score": self.score, "match": self.match,
                "description": self.description, "type": [{"id": "Musician", "name": "Musician"}]}


def reconcile(store: Store, name: str, limit: int = 5, properties: Optional[dict[str, str]] = None) -> list[Candidate]:
    """Candidates for ``name``, best first. ``properties`` use the people filters' names (``FILTERS``)."""
    wanted = {k: v for k, v in (properties or {}).items() if k in FILTERS and v}
    words = sorted(fold_words(name), key=len, reverse=True)
    with store.reading() as tx:
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
    key = name_key(name)
    candidates = []
    for person_id, person in pool.items():
        same = person_id in exact or name_key(person["name"]) == key
        score = 100.0 if same else min(NEAR_NAME_CAP, 100 * _similarity(name, person["name"]))
        own = by_person.get(person_id, [])
        for prop, value in wanted.items():
            said = [value_key(v) for f in own if f["relation"] in FILTERS[prop] for v in (f["value"], f["label"]) if v]
            score += 5 if any(value_key(value) in v for v in said) else -10
        candidates.append(Candidate(person_id, person["name"], round(max(0.0, min(100.0, score)), 1), False,
                                    _description(own)))
    candidates.sort(key=lambda c: (-c.score, c.name, c.id))
    candidates = candidates[:limit]
    if candidates and candidates[0].score >= MATCH_SCORE and (
            len(candidates) == 1 or candidates[0].score - candidates[1].score >= MATCH_MARGIN):
        candidates[0].match = True
    return candidates


def _similarity(a: str, b: str) -> float:
    """Closeness of two names, word order aside."""
    a_words, b_words = sorted(fold_words(a)), sorted(fold_words(b))
    return SequenceMatcher(None, " ".join(a_words), " ".join(b_words)).ratio()


def _description(facts: list[dict[str, Any]]) -> str:
    """A few words to tell namesakes apart: what they do and where they were born."""
    parts = list(dict.fromkeys((f["label"] or f["value"]) for f in facts if f["relation"] in WHAT_THEY_DO))[:4]
    born = next((f["label"] or f["value"] for f in facts if f["relation"] == BIRTHPLACE), None)
    return ", ".join(parts) + (f"; born in {born}" if born else "")
