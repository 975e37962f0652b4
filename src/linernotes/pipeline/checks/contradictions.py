"""Checks of a text against itself: two values of something a person has only one of."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from ...model import RELATION_TABLE, SINGLE_VALUED, Check
from ...reference import fold
from ...reference.countries import countries
from ...reference.places import gazetteer
from ..check import check_rule, finding
from .places import same_place


@check_rule("linernotes.contradictions.v1", codes=("contradiction",))
def contradictions(doc: Doc) -> Iterator[Check]:
    """Two incompatible values of a single-valued relation for one person."""
    by_key: dict[tuple[int, str], list] = {}
    for fact in doc._.ln_facts or []:
        if fact.candidate.relation in SINGLE_VALUED:
            by_key.setdefault((fact.person, fact.candidate.relation), []).append(fact.candidate)
    for (_, relation), cands in by_key.items():
        first = cands[0]
        for other in cands[1:]:
            if compatible(relation, first.value, other.value):
                continue
            yield finding("contradiction", f"{relation.replace('_', ' ')} is given as both {first.value} and {other.value}",
                          other.value, other.start, other.end, other.anchor.sent)
            break


def compatible(relation: str, a: str, b: str) -> bool:
    if fold(a) == fold(b):
        return True
    values = RELATION_TABLE[relation].values
    if "Date" in values:
        return a.startswith(b) or b.startswith(a)
    if "Place" in values:
        if same_place(a, b):
            return True
        ca, cb = countries().find(a), countries().find(b)
        pa, pb = gazetteer().best(a), gazetteer().best(b)
        return bool((ca and pb and pb.country == ca.iso2) or (cb and pa and pa.country == cb.iso2))
    return False
