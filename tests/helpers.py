"""Assertion helpers shared by the test modules."""
from __future__ import annotations

from linernotes.model import PERSON_RELATIONS, RELATIONS, Document, Fact, Person
from linernotes.reference import fold


def main_person(doc: Document) -> Person:
    mains = [p for p in doc.people if p.main]
    assert len(mains) == 1, f"expected exactly one main person, got {[p.name for p in mains]}"
    return mains[0]


def person(doc: Document, name: str) -> Person:
    """The person called ``name`` (by name or alias, folded)."""
    key = fold(name)
    found = [p for p in doc.people if key == fold(p.name) or key in {fold(a) for a in p.aliases}]
    assert found, f"no person {name!r} among {[p.name for p in doc.people]}"
    assert len(found) == 1, f"{name!r} names several people: {[p.name for p in found]}"
    return found[0]


def values(who: Person, relation: str) -> set[str]:
    """The folded values of one relation of a person."""
    return {fold(v) for v in who.values(relation)}


def facts(who: Person, relation: str) -> list[Fact]:
    return [f for f in who.facts if f.relation == relation]


def all_values(doc: Document, relation: str) -> set[str]:
    return {fold(f.value) for p in doc.people for f in p.facts if f.relation == relation}


def codes(doc: Document) -> list[str]:
    return [c.code for c in doc.checks]


def checks_about(doc: Document, code: str, value: str) -> list:
    return [c for c in doc.checks if c.code == code and fold(value) in fold(f"{c.value} {c.message}")]


def mentions_of(doc: Document, kind: str) -> set[str]:
    return {m.text for m in doc.mentions if m.type == kind}


def evidence_windows(text: str, evidence: str) -> list[tuple[int, int]]:
    out, at = [], text.find(evidence)
    while at != -1 and evidence:
        out.append((at, at + len(evidence)))
        at = text.find(evidence, at + 1)
    return out


def fact_problems(text: str, fact: Fact, value_in_evidence: bool = True) -> list[str]:
    """What is wrong with one fact of a document whose text is ``text`` (empty list: nothing)."""
    problems = []
    if fact.relation not in RELATIONS:
        problems.append(f"unknown relation {fact.relation}")
    if not (0 < fact.confidence <= 1):
        problems.append(f"confidence {fact.confidence} not in (0, 1]")
    if not (0 <= fact.start < fact.end <= len(text)):
        problems.append(f"bad offsets {fact.start}:{fact.end}")
        return problems
    if not fact.evidence or not evidence_windows(text, fact.evidence):
        problems.append(f"evidence {fact.evidence!r} is not in the text")
    elif value_in_evidence and not any(a <= fact.start and fact.end <= b for a, b in evidence_windows(text, fact.evidence)):
        problems.append(f"value span {text[fact.start:fact.end]!r} ({fact.start}:{fact.end}) is outside the evidence {fact.evidence!r}")
    return problems


def assert_well_formed(text: str, doc: Document) -> None:
    """Every fact: known relation, confidence in (0, 1], evidence from the text containing the value span."""
    problems = [f"{p.name} {f.relation}={f.value!r}: {why}"
                for p in doc.people for f in p.facts
                for why in fact_problems(text, f, value_in_evidence=f.relation not in PERSON_VALUED_INVERSES)]
    assert not problems, "\n".join(problems)


#: Relations whose value may be the other person's first mention (an inverse of a stated relation).
PERSON_VALUED_INVERSES = PERSON_RELATIONS


def surface_matches(text: str, fact: Fact) -> bool:
    """The offsets cover the value as written (folded), for values that are not canonicalised."""
    return fold(text[fact.start:fact.end]) == fold(fact.value)
