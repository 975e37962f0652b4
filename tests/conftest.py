"""Shared fixtures: one spaCy pipeline per session, a memoised ``extract``, paths to the data."""
from __future__ import annotations

from pathlib import Path

import pytest

import linernotes
from linernotes.pipeline import shared_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The English model with linernotes' stages, loaded once for the whole session."""
    return shared_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """``linernotes.extract`` memoised per (text, doc_id): tests must not mutate the result."""
    cache: dict[tuple[str, str], linernotes.Document] = {}

    def run(text: str, doc_id: str = "test.txt") -> linernotes.Document:
        key = (text, doc_id)
        if key not in cache:
            cache[key] = linernotes.extract(text, doc_id=doc_id)
        return cache[key]

    return run


@pytest.fixture(scope="session")
def parse(nlp):
    """The processed spaCy ``Doc`` (for tests of a single stage's output)."""
    cache = {}

    def run(text: str):
        if text not in cache:
            cache[text] = nlp(text)
        return cache[text]

    return run
