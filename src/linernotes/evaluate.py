"""Score extraction against a gold file (the shared gold format, the shared scorer's rules).

A predicted fact is right when it belongs to the gold person it aligns with, its relation is
one of the gold fact's relations, and its value equals one of the gold values after folding
case, accents, punctuation and a leading article. Optional gold facts count neither way.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .errors import Errors, GoldError
from .model import RELATIONS


def normalise(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}

    def micro(self) -> dict[str, float]:
        return self.prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def per_key(self) -> dict[str, dict[str, float]]:
        keys = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        return {k: self.prf(self.tp[k], self.fp[k], self.fn[k]) for k in keys}


@dataclass
class Score:
    facts: Tally = field(default_factory=Tally)
    checks: Tally = field(default_factory=Tally)
    people: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"micro": self.facts.micro(), "relations": self.facts.per_key(), "checks": self.checks.micro(),
                "checks_by_code": self.checks.per_key(), "people": self.people.micro(),
                "documents_missing": len(self.missing)}


def read_gold(path: str) -> dict[str, dict]:
    gold = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                name = os.path.basename(record["doc"])
                for person in record.get("people", []):
                    for fact in person.get("facts", []) + person.get("optional", []):
                        if not set(fact["relation"]) <= set(RELATIONS):
                            raise ValueError(f"unknown relation in {fact['relation']}")
            except (ValueError, KeyError, TypeError) as error:
                raise GoldError(Errors.E010.format(path=path, line=number, why=error)) from None
            gold[name] = record
    return gold


def _names(person: dict) -> set[str]:
    return {normalise(n) for n in [person.get("name", ""), *(person.get("aliases") or [])] if normalise(n)}


def similarity(pred: dict, gold: dict) -> int:
    p, g = normalise(pred.get("name", "")), normalise(gold.get("name", ""))
    if p and p == g:
        return 3
    if p in _names(gold) or g in _names(pred):
        return 2
    return 1 if {t for n in _names(pred) for t in n.split()} & set(g.split()) else 0


def align(pred_people: list[dict], gold_people: list[dict]) -> dict[int, int]:
    pairs = sorted(((similarity(p, g), -len(p.get("facts") or []), i, j)
                    for i, p in enumerate(pred_people) for j, g in enumerate(gold_people)), reverse=True)
    used_p, used_g, mapping = set(), set(), {}
    for score, _, i, j in pairs:
        if score and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            mapping[i] = j
    return mapping


def _matches(gold_fact: dict, relation: str, value: str) -> bool:
    return relation in gold_fact["relation"] and value in {normalise(v) for v in gold_fact["value"]}


def fact_verdicts(gold: dict, pred: dict) -> list[list[bool | None]]:
    """Each predicted fact judged alone, person by person: True when it matches a required fact of
    the gold person its person aligns with, None when it matches only an optional one (the scorer
    counts it neither way), False otherwise (a person aligned with nobody has only wrong facts)."""
    gold_people, pred_people = gold.get("people") or [], pred.get("people") or []
    mapping = align(pred_people, gold_people)
    out = []
    for i, p in enumerate(pred_people):
        g = gold_people[mapping[i]] if i in mapping else {}
        required, optional = g.get("facts") or [], g.get("optional") or []
        verdicts: list[bool | None] = []
        for fact in p.get("facts") or []:
            relation, value = str(fact.get("relation")), normalise(fact.get("value", ""))
            if any(_matches(gf, relation, value) for gf in required):
                verdicts.append(True)
            else:
                verdicts.append(None if any(_matches(gf, relation, value) for gf in optional) else False)
        out.append(verdicts)
    return out


def score_document(name: str, gold: dict, pred: dict | None, score: Score) -> None:
    gold_people, pred_people = gold.get("people") or [], (pred or {}).get("people") or []
    mapping = align(pred_people, gold_people)
    for j, g in enumerate(gold_people):
        if g.get("facts"):
            if j in mapping.values():
                score.people.tp["person"] += 1
            else:
                score.people.fn["person"] += 1
                score.errors.append(f"{name}: missed person {g.get('name')!r}")
    for i, p in enumerate(pred_people):
        if i not in mapping and p.get("facts"):
            score.people.fp["person"] += 1
            score.errors.append(f"{name}: extra person {p.get('name')!r}")
    for i, p in enumerate(pred_people):
        g = gold_people[mapping[i]] if i in mapping else None
        required = (g or {}).get("facts") or []
        optional = (g or {}).get("optional") or []
        found = [False] * len(required)
        seen = set()
        for fact in p.get("facts") or []:
            relation, value = str(fact.get("relation")), normalise(fact.get("value", ""))
            if (relation, value) in seen:
                continue
            seen.add((relation, value))
            hit = next((k for k, gf in enumerate(required) if not found[k] and _matches(gf, relation, value)), None)
            if hit is not None:
                found[hit] = True
                score.facts.tp[relation] += 1
            elif not any(_matches(gf, relation, value) for gf in required + optional):
                score.facts.fp[relation] += 1
                score.errors.append(f"{name}: FP {p.get('name')} {relation}={fact.get('value')!r}  «{fact.get('evidence', '')}»")
        for k, gf in enumerate(required):
            if not found[k]:
                score.facts.fn[gf["relation"][0]] += 1
                score.errors.append(f"{name}: FN {g.get('name')} {'|'.join(gf['relation'])}={gf['value'][0]!r}")
    for j, g in enumerate(gold_people):
        if j not in mapping.values():
            for gf in g.get("facts") or []:
                score.facts.fn[gf["relation"][0]] += 1
                score.errors.append(f"{name}: FN {g.get('name')} {'|'.join(gf['relation'])}={gf['value'][0]!r}")
    _score_checks(name, gold, (pred or {}).get("checks") or [], score)


def _score_checks(name: str, gold: dict, pred_checks: list[dict], score: Score) -> None:
    def said(check: dict, about: list[str]) -> bool:
        text = normalise(" ".join(str(check.get(k, "")) for k in ("message", "value", "evidence")))
        return any(normalise(a) and normalise(a) in text for a in about)

    used = set()
    for gc in gold.get("checks") or []:
        hit = next((k for k, pc in enumerate(pred_checks) if k not in used and pc.get("code") == gc["code"] and said(pc, gc["about"])), None)
        if hit is None:
            score.checks.fn[gc["code"]] += 1
            score.errors.append(f"{name}: missed check {gc['code']} about {gc['about'][0]!r}")
        else:
            used.add(hit)
            score.checks.tp[gc["code"]] += 1
    for k, pc in enumerate(pred_checks):
        if k in used or any(said(pc, oc.get("about", [])) for oc in (gold.get("checks") or []) + (gold.get("optional_checks") or [])):
            continue
        score.checks.fp[str(pc.get("code"))] += 1
        score.errors.append(f"{name}: extra check {pc.get('code')}: {pc.get('message', '')}")


def score(gold: dict[str, dict], predictions: Iterable[dict]) -> Score:
    """Score predicted documents (JSON-contract dicts) against gold records keyed by document name."""
    pred = {os.path.basename(str(p.get("doc"))): p for p in predictions}
    result = Score(missing=sorted(set(gold) - set(pred)))
    for name, record in sorted(gold.items()):
        score_document(name, record, pred.get(name), result)
    return result


def evaluate(gold_path: str, paths: Iterable[str]) -> Score:
    """Extract from ``paths`` and score the result against the gold file at ``gold_path``."""
    from .api import extract_paths

    gold = read_gold(gold_path)
    documents = [d.to_dict() for d in extract_paths(paths)]
    return score(gold, documents)
