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
    """``linernotes.extract`` memoised per (text, doc_id): tests must not mutate the result. Every fact
    the rules find is kept (``min_confidence=0``): what the confidence threshold leaves out is tested
    on its own, and the rules' tests must not change when the model is retrained."""
    cache: dict[tuple[str, str], linernotes.Document] = {}

    def run(text: str, doc_id: str = "test.txt") -> linernotes.Document:
        key = (text, doc_id)
        if key not in cache:
            cache[key] = linernotes.extract(text, doc_id=doc_id, min_confidence=0.0)
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


# -- the knowledge base: every store test runs on SQLite and on a real PostgreSQL server -------------

POSTGRES_URL = "LINERNOTES_TEST_POSTGRES_URL"  # set by .ci/run after starting a server on loopback


def _postgres_or_skip() -> str:
    import os

    url = os.environ.get(POSTGRES_URL)
    if not url:
        if os.environ.get("LINERNOTES_REQUIRE_POSTGRES"):
            pytest.fail(f"{POSTGRES_URL} is not set but LINERNOTES_REQUIRE_POSTGRES is: the PostgreSQL tests must run")
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_URL} (see .ci/postgres.sh)")
    return url


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from linernotes.store import database_url

    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A URL of an empty knowledge base."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    url = _postgres_or_skip()
    _empty_postgres(url)
    return url


@pytest.fixture()
def store(db_url, nlp):
    from linernotes.store import Store

    opened = Store.open(db_url)
    yield opened
    opened.close()


def write_corpus(folder: Path, documents: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
