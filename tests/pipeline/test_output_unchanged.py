"""The example corpus gives the facts it gave when ``tests/data/example_output.jsonl`` was written.

Speed work on the pipeline (lookups, caches, skipped walks) must not change what it finds; this test
holds it to that on every mention, person, fact and check of the example corpus (the confidences
are left out: they move whenever the scorer is retrained). A change that is meant to change the
output rewrites the file, and the diff shows what changed:

    LINERNOTES_WRITE_OUTPUT=1 python -m pytest tests/pipeline/test_output_unchanged.py
"""
from __future__ import annotations

import json
import os

import linernotes
from linernotes.reader import SUFFIXES

from ..conftest import REPO

EXPECTED = REPO / "tests" / "data" / "example_output.jsonl"


def without_confidence(document: dict) -> dict:
    for person in document.get("people", []):
        for fact in person.get("facts", []):
            fact.pop("confidence", None)
    return document


def current_output() -> list[dict]:
    paths = sorted(str(p) for p in (REPO / "examples" / "bios").iterdir() if p.suffix in SUFFIXES)  # .pdf, .docx too
    return [without_confidence(json.loads(json.dumps(d.to_dict()))) for d in linernotes.extract_paths(paths, min_confidence=0)]


def test_the_example_corpus_gives_the_recorded_output(nlp):
    got = current_output()
    if os.environ.get("LINERNOTES_WRITE_OUTPUT"):
        EXPECTED.write_text("".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in got), encoding="utf-8")
    expected = [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]
    assert [d["doc"] for d in got] == [d["doc"] for d in expected]
    for document, recorded in zip(got, expected):
        assert document == recorded, f"{document['doc']}: the output changed (see the module docstring to record a change)"
