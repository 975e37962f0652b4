"""Score ``ask`` on a question set with expected answers (``examples/questions.jsonl``).

Each line of a question set is ``{"question", "expected": [values], "kind", "also": [values]}``:
``expected`` are the values a right answer must give, ``also`` values it may give besides (true but
not asked for: a past residence beside the present one); kind ``none`` means the honest answer is
"not known". An answer is *right* when it gives every expected value and nothing else, with a
citation whose sentence is in its document; *wrong* when it answers otherwise; else *not answered*.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..keys import value_key
from ..store import Store
from .ask import Answer, ask

RIGHT, WRONG, UNANSWERED = "right", "wrong", "not answered"


@dataclass
class Scored:
    case: dict[str, Any]
    answer: Answer
    verdict: str
    why: str = ""


@dataclass
class Score:
    results: list[Scored] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.results)

    def summary(self) -> str:
        total = len(self.results)
        right = self.count(RIGHT)
        return (f"{right}/{total} answered right with citations ({100 * right / max(total, 1):.0f}%), "
                f"{self.count(WRONG)} answered wrong, {self.count(UNANSWERED)} not answered")


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(store: Store, cases: list[dict[str, Any]]) -> Score:
    out = Score()
    for case in cases:
        answer = ask(store, case["question"])
        verdict, why = judge(store, case, answer)
        out.results.append(Scored(case, answer, verdict, why))
    return out


def judge(store: Store, case: dict[str, Any], answer: Answer) -> tuple[str, str]:
    if case["kind"] == "none":
        return (WRONG, f"answered {answer.items}") if answer.answered else (RIGHT, "")
    if not answer.answered:
        return UNANSWERED, answer.text
    given = {value_key(v) for v in answer.items}
    expected = {value_key(v) for v in case["expected"]}
    allowed = expected | {value_key(v) for v in case.get("also", ())}
    if not expected <= given:
        return WRONG, f"missing {sorted(expected - given)}; gave {answer.items}"
    if not given <= allowed:
        return WRONG, f"also gave {sorted(given - allowed)}"
    if case["kind"] == "count" and answer.count != len(expected):
        return WRONG, f"counted {answer.count}"
    if not answer.citations or not all(_cited(store, c) for c in answer.citations):
        return WRONG, "no citation, or a cited sentence not in its document"
    return RIGHT, ""


def _cited(store: Store, citation) -> bool:
    with store.reading() as tx:
        document = tx.document(citation.document)
    return bool(document and citation.evidence and citation.evidence in document["text"])
